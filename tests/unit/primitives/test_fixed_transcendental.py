"""exp / log2 / ln and the epoch's sigmoids against the Fraction restatement of the reference."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.primitives.fixed import (
    I32F32,
    I64F64,
    I96F32,
    U64F64,
    FixedDomainError,
    FixedOverflowError,
    FixedTypeError,
    SignedFixed,
    alpha_sigmoid,
    checked_exp,
    checked_log2,
    exp,
    exp_safe,
    ln,
    log2,
    safe_ln,
    sigmoid_safe,
)
from tests.unit.primitives.test_fixed_arith import value
from tests.unit.primitives.test_fixed_reference import MODELS, Model, ref_exp, ref_log2

I32 = MODELS["I32F32"]


def i32_bits_around(limit: int) -> st.SearchStrategy[int]:
    """I32F32 bits for values in [-limit, limit], plus the type's edges."""
    return st.one_of(
        st.integers(-(limit << 32), limit << 32),
        st.sampled_from([I32F32.MIN_BITS, I32F32.MAX_BITS, 1 << 32, -(1 << 32), 1, -1, 0]),
    )


# ---------------------------------------------------------------------- exp


@given(i32_bits_around(25))
def test_exp_i32f32_matches_reference_series(bits: int) -> None:
    x = I32F32.from_bits(bits)
    expected = ref_exp(I32, value(x))
    result = checked_exp(x)
    if expected is None:
        assert result is None
        with pytest.raises(FixedOverflowError):
            exp(x)
    else:
        assert result is not None and value(result) == expected


@settings(max_examples=25, deadline=None)
@given(st.integers(-(30 << 64), 30 << 64))
def test_exp_i64f64_matches_reference_series(bits: int) -> None:
    x = I64F64.from_bits(bits)
    expected = ref_exp(MODELS["I64F64"], value(x))
    result = checked_exp(x)
    assert (None if result is None else value(result)) == expected


@given(st.integers(-(4 << 32), 4 << 32))
def test_exp_is_close_to_true_exponential_for_small_inputs(bits: int) -> None:
    x = I32F32.from_bits(bits)
    true_value = math.exp(bits / 2**32)
    assert abs(float(value(exp(x))) - true_value) <= 1e-7 * true_value + 2**-28


def test_exp_special_cases() -> None:
    assert exp(I32F32.ZERO) == I32F32.ONE
    assert exp(I32F32.ONE).bits == 22802600 << 9  # e truncated to 23 fractional bits
    assert exp(I64F64.ONE).bits == 22802600 << 41
    assert exp(I32F32.from_num(-1)) != exp(I32F32.ONE)  # −1 goes through the series


def test_exp_overflow_past_i32f32_range() -> None:
    with pytest.raises(FixedOverflowError):
        exp(I32F32.from_num(22))  # e^22 > 2^31
    assert checked_exp(I32F32.MIN) is None


@pytest.mark.parametrize("bits", [89_715_445_397, 89_715_445_398])
def test_exp_overflow_threshold_matches_reference(bits: int) -> None:
    # Just above 20.8885 an intermediate term·x overflows although e^x < 2^31: the
    # reference's checked_mul fails before the division by i, so exp errs there.
    x = I32F32.from_bits(bits)
    result = checked_exp(x)
    assert (None if result is None else value(result)) == ref_exp(I32, value(x))
    assert (result is None) == (bits == 89_715_445_398)


def test_exp_safe_clamps_to_twenty() -> None:
    plus, minus = exp(I32F32.from_num(20)), exp(I32F32.from_num(-20))
    assert exp_safe(I32F32.MAX) == plus
    assert exp_safe(I32F32.from_num(21)) == plus
    assert exp_safe(I32F32.MIN) == minus
    assert exp_safe(I32F32.from_num(-21)) == minus
    assert exp_safe(I32F32.ONE) == exp(I32F32.ONE)


def test_exp_rejects_unsigned_types() -> None:
    with pytest.raises(FixedTypeError):
        exp(U64F64.ONE)  # type: ignore[type-var]


# ---------------------------------------------------------------------- log2 / ln


def positive_bits(cls: type[SignedFixed]) -> st.SearchStrategy[int]:
    """Positive raw values over the whole range and near 1."""
    one = cls.ONE_BITS
    return st.one_of(
        st.integers(1, cls.MAX_BITS),
        st.integers(1, one * 4),
        st.integers(1, 1 << 20),
        st.sampled_from([1, one - 1, one, one + 1, 2 * one, 2 * one - 1, cls.MAX_BITS]),
    )


@pytest.mark.parametrize("cls", [I32F32, I96F32, I64F64], ids=["I32F32", "I96F32", "I64F64"])
def test_log2_matches_reference_algorithm(cls: type[SignedFixed]) -> None:
    m: Model = MODELS[cls.__name__]

    @settings(max_examples=40, deadline=None)
    @given(positive_bits(cls))
    def run(bits: int) -> None:
        x = cls.from_bits(bits)
        expected = ref_log2(m, value(x))
        result = checked_log2(x)
        assert (None if result is None else value(result)) == expected

    run()


@given(st.integers(1, I96F32.MAX_BITS))
def test_log2_is_close_to_true_log2(bits: int) -> None:
    result = log2(I96F32.from_bits(bits))
    true_value = math.log2(bits) - 32
    assert abs(float(value(result)) - true_value) <= 2**-24 * max(1.0, abs(true_value))


@given(st.integers(-32, 94))
def test_log2_of_powers_of_two_is_exact(power: int) -> None:
    x = I96F32.from_fraction(Fraction(2) ** power)
    assert log2(x) == power


def test_log2_domain_and_overflow_errors() -> None:
    with pytest.raises(FixedDomainError):
        log2(I96F32.ZERO)
    with pytest.raises(FixedDomainError):
        log2(I96F32.from_num(-3))
    assert checked_log2(I96F32.ZERO) is None
    with pytest.raises(FixedOverflowError):
        log2(I64F64.DELTA)  # 1/x = 2^64 does not fit I64F64


def test_ln_is_log2_over_truncated_log2_e() -> None:
    x = I32F32.from_num(10)
    log2_e = Fraction(12102203, 2**23)
    assert value(ln(x)) == I32.trunc(value(log2(x)) / log2_e)
    negative = ln(I32F32.from_fraction(1, 10))
    assert value(negative) == I32.trunc(value(log2(I32F32.from_fraction(1, 10))) / log2_e)
    assert abs(float(value(ln(x))) - math.log(10)) < 1e-6


def test_safe_ln_returns_zero_where_ln_fails() -> None:
    assert safe_ln(I32F32.ZERO) == I32F32.ZERO
    assert safe_ln(I32F32.from_num(-1)) == I32F32.ZERO
    assert safe_ln(I32F32.from_num(8)) == ln(I32F32.from_num(8))


# ---------------------------------------------------------------------- sigmoids


def _ref_exp_safe(x: Fraction) -> Fraction:
    clamped = min(max(x, Fraction(-20)), Fraction(20))
    result = ref_exp(I32, clamped)
    if result is None:
        return Fraction(0) if clamped <= 0 else I32.highest
    return result


def ref_sigmoid_safe(x: Fraction, rho: Fraction, kappa: Fraction) -> Fraction:
    """1 / (1 + exp_safe(−rho·(x − kappa))) with every step saturated / floored like I32F32."""
    offset = I32.clamp(x - kappa)
    neg_rho = I32.clamp(I32.floor(-rho))
    exponent = I32.clamp(I32.floor(neg_rho * offset))
    denominator = I32.clamp(_ref_exp_safe(exponent) + 1)
    return I32.trunc(1 / denominator)


@settings(max_examples=60, deadline=None)
@given(i32_bits_around(3), st.integers(0, 50 << 32), i32_bits_around(1))
def test_sigmoid_safe_matches_model(x_bits: int, rho_bits: int, kappa_bits: int) -> None:
    x, rho, kappa = (I32F32.from_bits(b) for b in (x_bits, rho_bits, kappa_bits))
    expected = ref_sigmoid_safe(value(x), value(rho), value(kappa))
    assert value(sigmoid_safe(x, rho, kappa)) == expected


def test_sigmoid_safe_at_kappa_is_one_half() -> None:
    kappa = I32F32.from_f32(0.3)
    assert sigmoid_safe(kappa, I32F32.from_num(40), kappa) == I32F32.from_fraction(1, 2)


def ref_alpha_sigmoid(c: Fraction, w: Fraction, b: Fraction, low: Fraction, high: Fraction,
                      steepness: Fraction) -> Fraction:
    """spec §1.10 liquid alpha, each I32F32 step floored / truncated / saturated."""
    diff = w - c if w >= b else b - w
    diff = min(max(I32.clamp(diff), Fraction(0)), Fraction(1))
    exponent = I32.floor(I32.trunc(steepness / -100) * I32.clamp(diff - Fraction(1, 2)))
    sigmoid = I32.trunc(1 / I32.clamp(1 + _ref_exp_safe(I32.clamp(exponent))))
    alpha = I32.clamp(low + I32.floor(sigmoid * I32.clamp(high - low)))
    return max(min(alpha, high), low)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 1 << 32), min_size=3, max_size=3),
       st.integers(1638, 65535), st.integers(0, 65535), st.integers(-2000, 2000))
def test_alpha_sigmoid_matches_model(cwb: list[int], low_u16: int, span_u16: int,
                                     steepness: int) -> None:
    c, w, b = (I32F32.from_bits(v) for v in cwb)
    low = I32F32.from_u16_proportion(low_u16)
    high = I32F32.from_u16_proportion(min(65535, low_u16 + span_u16))
    s = I32F32.from_num(steepness)
    result = alpha_sigmoid(c, w, b, low, high, s)
    assert low <= result <= high
    expected = ref_alpha_sigmoid(value(c), value(w), value(b), value(low), value(high),
                                 value(s))
    assert value(result) == expected


def test_alpha_sigmoid_midpoint_gives_mid_alpha() -> None:
    # d = 0.5 makes the exponent 0, so the sigmoid is exactly 1/2.
    low, high = I32F32.from_u16_proportion(45875), I32F32.from_u16_proportion(58982)
    half = I32F32.from_fraction(1, 2)
    result = alpha_sigmoid(I32F32.ZERO, half, I32F32.ZERO, low, high, I32F32.from_num(1000))
    assert result == low + (high - low) * half
