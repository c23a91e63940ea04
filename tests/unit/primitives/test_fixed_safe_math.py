"""safe-math's checked_pow / checked_sqrt on fixed types against a Fraction restatement."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.primitives.fixed import I32F32, I64F64, U64F64, U96F32, FixedPoint, FixedTypeError
from runtime.primitives.fixed.safe_math import checked_pow, checked_sqrt
from tests.unit.primitives.test_fixed_arith import value
from tests.unit.primitives.test_fixed_reference import MODELS, Model


def ref_pow(m: Model, x: Fraction, exponent: int) -> Fraction | None:
    """Square-and-multiply with every product floored and clamped to the range."""
    if exponent == 0:
        return Fraction(1)
    if x == 0:
        return None if exponent < 0 else Fraction(0)
    result, base, remaining = Fraction(1), x, abs(exponent)
    while remaining:
        if remaining % 2:
            result = m.clamp(m.floor(result * base))
        base = m.clamp(m.floor(base * base))
        remaining //= 2
    if exponent < 0:
        inverse = m.trunc(1 / result) if result else None
        return inverse if inverse is not None and m.fits(inverse) else Fraction(0)
    return result


def ref_sqrt(m: Model, x: Fraction, epsilon: Fraction) -> Fraction | None:
    """Bisection with midpoints (high + low) / 2 truncated, stopping as safe-math does."""
    if x < 0:
        return None

    def quotient(a: Fraction, b: Fraction) -> Fraction:
        q = m.trunc(a / b) if b else Fraction(0)
        return q if m.fits(q) else Fraction(0)

    high, low = (x, Fraction(0)) if x > 1 else (Fraction(1), x)
    middle = quotient(m.clamp(high + low), Fraction(2))
    check = quotient(x, middle)
    for _ in range(129):
        if m.clamp(abs(check - middle)) <= epsilon:
            break
        if check < middle:
            high = middle
        else:
            low = middle
        middle = quotient(m.clamp(high + low), Fraction(2))
        check = quotient(x, middle)
    return middle


@pytest.mark.parametrize("cls", [I32F32, I64F64, U64F64, U96F32],
                         ids=["I32F32", "I64F64", "U64F64", "U96F32"])
def test_checked_pow_matches_model(cls: type[FixedPoint]) -> None:
    m = MODELS[cls.__name__]
    low = max(cls.MIN_BITS, -(8 << cls.FRAC_BITS))

    @settings(max_examples=60, deadline=None)
    @given(st.integers(low, 8 << cls.FRAC_BITS), st.integers(-40, 40))
    def run(bits: int, exponent: int) -> None:
        result = checked_pow(cls.from_bits(bits), exponent)
        expected = ref_pow(m, Fraction(bits, m.scale), exponent)
        assert (None if result is None else value(result)) == expected

    run()


def test_checked_pow_integer_powers_are_exact() -> None:
    three = U96F32.from_num(3)
    assert checked_pow(three, 20) == 3**20
    assert checked_pow(three, 0) == 1
    assert checked_pow(U64F64.ZERO, -1) is None
    assert checked_pow(U64F64.ZERO, 5) == 0
    assert checked_pow(I32F32.from_num(2), 40) == I32F32.MAX  # saturates instead of failing
    assert checked_pow(I32F32.from_num(2), -2) == I32F32.from_fraction(1, 4)
    with pytest.raises(FixedTypeError):
        checked_pow(I32F32.ONE, 1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", [I64F64, U64F64, U96F32], ids=["I64F64", "U64F64", "U96F32"])
def test_checked_sqrt_matches_model_and_true_root(cls: type[FixedPoint]) -> None:
    m = MODELS[cls.__name__]
    epsilon = cls.from_fraction(1, 10**6)

    @settings(max_examples=30, deadline=None)
    @given(st.integers(0, 10**9 << cls.FRAC_BITS))
    def run(bits: int) -> None:
        x = cls.from_bits(bits)
        result = checked_sqrt(x, epsilon)
        assert result is not None
        assert value(result) == ref_sqrt(m, value(x), value(epsilon))
        true_root = math.sqrt(bits / m.scale)
        assert abs(float(value(result)) - true_root) <= 1e-5 * max(1.0, true_root)

    run()


def test_checked_sqrt_negative_is_none() -> None:
    assert checked_sqrt(I64F64.from_num(-4), I64F64.from_fraction(1, 10**4)) is None
    root = checked_sqrt(U64F64.from_num(4), U64F64.from_fraction(1, 10**4))
    assert root is not None and abs(value(root) - 2) <= Fraction(1, 10**4)
