"""Arithmetic of the fixed-point types against the Fraction model, over the whole bit range."""

from __future__ import annotations

import operator
from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runtime.primitives.fixed import (
    FIXED_TYPES,
    I32F32,
    I64F64,
    I96F32,
    U64F64,
    U96F32,
    FixedDivisionByZeroError,
    FixedOverflowError,
    FixedPoint,
    FixedTypeError,
)
from tests.unit.primitives.test_fixed_reference import MODELS, Model, ref_div, ref_mul

TYPE_IDS = [cls.__name__ for cls in FIXED_TYPES]


def bits_of(cls: type[FixedPoint]) -> st.SearchStrategy[int]:
    """Raw bits over the whole range, near the edges, and near zero and one."""
    lo, hi, one = cls.MIN_BITS, cls.MAX_BITS, cls.ONE_BITS
    edges = sorted({b for b in (lo, lo + 1, -one - 1, -one, -1, 0, 1, one - 1, one, one + 1,
                                hi - 1, hi) if lo <= b <= hi})
    return st.one_of(
        st.integers(lo, hi),
        st.sampled_from(edges),
        st.integers(max(lo, -(one << 12)), one << 12),
        st.integers(max(lo, -one), one),
        st.integers(-(1 << 20), 1 << 20).map(lambda b: min(max(b, lo), hi)),
    )


def pair_of(cls: type[FixedPoint]) -> st.SearchStrategy[tuple[FixedPoint, FixedPoint]]:
    """Two values of ``cls``."""
    return st.tuples(bits_of(cls), bits_of(cls)).map(
        lambda p: (cls.from_bits(p[0]), cls.from_bits(p[1])))


def value(x: FixedPoint) -> Fraction:
    """Exact value through the model's scale, not through the production code."""
    return Fraction(x.bits, 2**MODELS[type(x).__name__].frac_bits)


EXACT: dict[str, Callable[[Model, Fraction, Fraction], Fraction]] = {
    "add": lambda m, a, b: a + b,
    "sub": lambda m, a, b: a - b,
    "mul": ref_mul,
}
OPERATOR = {"add": operator.add, "sub": operator.sub, "mul": operator.mul}


def _check_binary(cls: type[FixedPoint], op: str, a: FixedPoint, b: FixedPoint) -> None:
    m = MODELS[cls.__name__]
    expected = EXACT[op](m, value(a), value(b))
    checked = getattr(a, f"checked_{op}")(b)
    saturated = getattr(a, f"saturating_{op}")(b)
    assert saturated.bits == m.bits(m.clamp(expected))
    if m.fits(expected):
        assert OPERATOR[op](a, b).bits == m.bits(expected)
        assert checked is not None and checked.bits == m.bits(expected)
    else:
        with pytest.raises(FixedOverflowError):
            OPERATOR[op](a, b)
        assert checked is None


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
@pytest.mark.parametrize("op", ["add", "sub", "mul"])
def test_binary_op_matches_model_or_overflows(cls: type[FixedPoint], op: str) -> None:
    @given(pair_of(cls))
    def run(pair: tuple[FixedPoint, FixedPoint]) -> None:
        _check_binary(cls, op, *pair)

    run()


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
def test_division_matches_model_truncating_toward_zero(cls: type[FixedPoint]) -> None:
    m = MODELS[cls.__name__]

    @given(pair_of(cls))
    def run(pair: tuple[FixedPoint, FixedPoint]) -> None:
        a, b = pair
        if b.bits == 0:
            with pytest.raises(FixedDivisionByZeroError):
                a / b
            with pytest.raises(FixedDivisionByZeroError):
                a.saturating_div(b)
            assert a.checked_div(b) is None
            assert a.safe_div(b) == cls.ZERO
            return
        expected = ref_div(m, value(a), value(b))
        assert a.saturating_div(b).bits == m.bits(m.clamp(expected))
        if m.fits(expected):
            assert (a / b).bits == m.bits(expected)
            assert a.checked_div(b).bits == m.bits(expected)
            assert a.safe_div(b).bits == m.bits(expected)
        else:
            with pytest.raises(FixedOverflowError):
                a / b
            assert a.checked_div(b) is None
            assert a.safe_div(b) == cls.ZERO
            assert a.safe_div_or(b, cls.ONE) == cls.ONE

    run()


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
def test_comparison_matches_exact_values(cls: type[FixedPoint]) -> None:
    @given(pair_of(cls))
    def run(pair: tuple[FixedPoint, FixedPoint]) -> None:
        a, b = pair
        va, vb = value(a), value(b)
        assert (a < b, a <= b, a == b, a != b, a > b, a >= b) == (
            va < vb, va <= vb, va == vb, va != vb, va > vb, va >= vb)
        if a == b:
            assert hash(a) == hash(b)

    run()


@given(bits_of(I32F32), bits_of(I64F64), st.integers(-(2**70), 2**70))
def test_comparison_across_types_and_ints_is_exact(a_bits: int, b_bits: int, n: int) -> None:
    a, b = I32F32.from_bits(a_bits), I64F64.from_bits(b_bits)
    assert (a < b) == (value(a) < value(b))
    assert (a == b) == (value(a) == value(b))
    assert (a <= n) == (value(a) <= n)
    assert (b > Fraction(n, 3)) == (value(b) > Fraction(n, 3))


@given(bits_of(I96F32))
def test_hash_equals_hash_of_equal_fraction(bits: int) -> None:
    x = I96F32.from_bits(bits)
    assert hash(x) == hash(value(x))
    wider = I64F64.checked_from_num(x)
    if wider is not None:
        assert wider == x
        assert hash(wider) == hash(x)


@pytest.mark.parametrize("cls", [I32F32, I64F64, I96F32], ids=["I32F32", "I64F64", "I96F32"])
def test_negation_and_abs_match_model(cls: type[FixedPoint]) -> None:
    m = MODELS[cls.__name__]

    @given(bits_of(cls))
    def run(bits: int) -> None:
        x = cls.from_bits(bits)
        if m.fits(-value(x)):
            assert (-x).bits == -bits
            assert abs(x).bits == abs(bits)
            assert x.checked_neg().bits == -bits
        else:
            with pytest.raises(FixedOverflowError):
                _ = -x
            with pytest.raises(FixedOverflowError):
                x.abs()
            assert x.checked_neg() is None
            assert x.saturating_neg() == cls.MAX
            assert x.saturating_abs() == cls.MAX

    run()


def test_unsigned_negation_is_type_error_and_saturates_to_zero() -> None:
    x = U64F64.from_num(3)
    with pytest.raises(TypeError):
        _ = -x
    assert x.saturating_neg() == U64F64.ZERO
    assert x.checked_neg() is None
    assert U64F64.ZERO.checked_neg() == U64F64.ZERO


def test_unsigned_subtraction_below_zero_overflows() -> None:
    one, two = U96F32.from_num(1), U96F32.from_num(2)
    with pytest.raises(FixedOverflowError):
        one - two
    assert one.saturating_sub(two) == U96F32.ZERO
    assert one.checked_sub(two) is None


def test_mixed_type_operators_raise_type_error() -> None:
    with pytest.raises(TypeError):
        I32F32.ONE + I64F64.ONE
    with pytest.raises(TypeError):
        I32F32.ONE * 2
    with pytest.raises(FixedTypeError):
        I32F32.ONE.saturating_mul(I96F32.ONE)  # type: ignore[arg-type]


def test_float_comparison_raises_type_error() -> None:
    with pytest.raises(FixedTypeError):
        I32F32.ONE < 1.5  # noqa: B015
    with pytest.raises(FixedTypeError):
        I32F32.ONE == 1.0  # noqa: B015


def test_equality_with_unrelated_object_is_false() -> None:
    assert I32F32.ONE != "1"
    assert I32F32.ONE is not None


def test_multiplication_floors_negative_products() -> None:
    third = I32F32.from_fraction(1, 3)
    assert (third * I32F32.from_num(-1)).bits == -third.bits
    tiny = I32F32.from_bits(1)
    assert (tiny * I32F32.from_fraction(-1, 2)).bits == -1  # floor(-0.5 ulp) = -1 ulp
    assert (tiny * I32F32.from_fraction(1, 2)).bits == 0


def test_division_truncates_negative_quotients_toward_zero() -> None:
    assert (I32F32.from_bits(-1) / I32F32.from_num(2)).bits == 0
    assert (I32F32.from_num(-1) / I32F32.from_num(3)).bits == -1431655765
    assert (I32F32.from_num(1) / I32F32.from_num(-3)).bits == -1431655765
    assert (I32F32.from_num(-1) / I32F32.from_num(-3)).bits == 1431655765


def test_division_min_by_minus_one_overflows_and_saturates() -> None:
    minus_one = I32F32.from_num(-1)
    with pytest.raises(FixedOverflowError):
        I32F32.MIN / minus_one
    assert I32F32.MIN.saturating_div(minus_one) == I32F32.MAX
    assert I32F32.MIN.safe_div(minus_one) == I32F32.ZERO


def test_saturating_mul_clamps_by_sign_of_product() -> None:
    big = I32F32.from_num(1 << 20)
    assert big.saturating_mul(big) == I32F32.MAX
    assert big.saturating_mul(-big) == I32F32.MIN
    assert U64F64.MAX.saturating_mul(U64F64.from_num(2)) == U64F64.MAX


def test_abs_diff_and_clamp_follow_safe_math() -> None:
    a, b = I32F32.from_num(3), I32F32.from_num(-5)
    assert a.abs_diff(b) == I32F32.from_num(8)
    assert I32F32.MAX.abs_diff(I32F32.MIN) == I32F32.MAX
    assert b.clamp(I32F32.ZERO, I32F32.ONE) == I32F32.ZERO
    assert a.clamp(I32F32.ZERO, I32F32.ONE) == I32F32.ONE
    assert I32F32.from_fraction(1, 2).clamp(I32F32.ZERO, I32F32.ONE).bits == 1 << 31
    # low > high: the reference applies min(high) then max(low), so the answer is low.
    assert a.clamp(I32F32.ONE, I32F32.ZERO) == I32F32.ONE
    assert b.clamp(I32F32.ONE, I32F32.ZERO) == I32F32.ONE
