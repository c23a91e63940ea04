"""Cases taken from the reference's own balancer unit tests (pallets/swap/src/pallet/balancer.rs).

Where the reference asserts against an f64 formula truncated to u64, the same f64 formula is
evaluated here (Python floats are IEEE doubles); exact integers are asserted where it does.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from runtime.pallets.swap_math import (
    ACCURACY,
    base_delta_in,
    base_needed_for_quote,
    calculate_price,
    perquintill_from_rational,
    pow_ratio_scaled,
    quote_delta_in,
    weight_is_valid,
)
from runtime.pallets.swap_math.balancer import _mul_perquintill_round
from runtime.primitives.fixed import U64F64

QUARTER = perquintill_from_rational(250_000_000_000, 1_000_000_000_000)


def test_perquintill_power() -> None:
    result = pow_ratio_scaled(21 * 10**15, 28 * 10**15, 6 * 10**17, 4 * 10**17, 4096, ACCURACY)
    assert result == 649_519_052_838_328_985


def test_quote_and_base_delta_in() -> None:
    low, high = U64F64.from_f64(0.1), U64F64.from_f64(0.2)
    dy = quote_delta_in(QUARTER, low, high, 1_000_000_000)
    assert dy == int(1_000_000_000 * ((0.2 / 0.1) ** 0.75 - 1.0))
    dx = base_delta_in(QUARTER, high, low, 1_000_000_000)
    assert dx == int(1_000_000_000 * ((0.2 / 0.1) ** 0.25 - 1.0))
    assert quote_delta_in(QUARTER, low, U64F64.from_f64(0.05), 1_000_000_000) == 0
    assert base_delta_in(QUARTER, low, high, 1_000_000_000) == 0


def test_delta_in_reaches_the_target_price() -> None:
    half = perquintill_from_rational(1, 2)
    low, high = U64F64.from_f64(0.1), U64F64.from_f64(0.2)
    tao = 1_000_000_000
    alpha = int(tao / 0.1)
    dy = quote_delta_in(half, low, high, tao)
    dx = int(alpha * (1.0 - (tao / (tao + dy))))
    price = calculate_price(half, alpha - dx, tao + dy).to_fraction()
    assert abs(price - high.to_fraction()) <= high.to_fraction() / 10**9


def test_base_needed_for_quote() -> None:
    dx = base_needed_for_quote(QUARTER, 1_000_000_000, 1_000_000_000, 1_123_432)
    expected = 1_000_000_000 * ((1e9 / (1e9 - 1_123_432)) ** (0.25 / 0.75) - 1.0)
    assert dx == int(expected)


@pytest.mark.parametrize(("parts", "value", "expected"), [
    (perquintill_from_rational(1, 2), 1, 1), (perquintill_from_rational(1, 2), 3, 2),
    (perquintill_from_rational(1, 2), 1023, 512), (perquintill_from_rational(1, 2), 1025, 513),
    (perquintill_from_rational(1, 3), 4, 1), (perquintill_from_rational(1, 3), 5, 2),
    (0, 10**6, 0), (ACCURACY, (1 << 128) - 1, (1 << 128) - 1),
    (perquintill_from_rational(7, 10), 10**18, (10**18 * 7 + 5) // 10)])
def test_mul_perquintill_round(parts: int, value: int, expected: int) -> None:
    assert _mul_perquintill_round(parts, value) == expected


@pytest.mark.parametrize(("weight", "x", "y", "expected"), [
    ((1, 2), 2, 5, Fraction(5, 2)), ((1, 3), 4, 10, Fraction(5)), ((3, 10), 10, 0, Fraction(0)),
    ((2, 5), 9, 25, Fraction(3, 2) * Fraction(25, 9)),
    ((3, 10), 21 * 10**15, 15 * 10**15, Fraction(7, 3) * Fraction(15, 21))])
def test_price_formula(weight: tuple[int, int], x: int, y: int, expected: Fraction) -> None:
    price = calculate_price(perquintill_from_rational(*weight), x, y).to_fraction()
    assert abs(price - expected) <= Fraction(1, 10**9)


def test_weight_bounds() -> None:
    min_weight = ACCURACY // 100
    for parts in (0, 1, min_weight - 1, ACCURACY - min_weight + 1, ACCURACY):
        assert not weight_is_valid(parts)
    for parts in (min_weight, ACCURACY // 2, ACCURACY - min_weight):
        assert weight_is_valid(parts)
