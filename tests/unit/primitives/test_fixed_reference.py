"""A slow, obviously-correct model of the fixed-point rules, written with Fractions.

The production types work on raw integers with shifts; this model states every rule on exact
rational values (spec/subtensor.md §0.2) and snaps to the 2**-frac grid with ``math.floor`` /
``int()`` (truncation) / ``round()`` (ties to even). The other test modules compare the two. The
tests at the bottom pin the model itself to hand-computed values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np


@dataclass(frozen=True)
class Model:
    """Shape of one type, stated independently of the production classes."""

    name: str
    total_bits: int
    frac_bits: int
    signed: bool

    @property
    def scale(self) -> int:
        """2**frac as an int."""
        return 2**self.frac_bits

    @property
    def lowest(self) -> Fraction:
        """The smallest value."""
        return Fraction(-(2 ** (self.total_bits - 1)) if self.signed else 0, self.scale)

    @property
    def highest(self) -> Fraction:
        """The largest value."""
        top = 2 ** (self.total_bits - 1) if self.signed else 2**self.total_bits
        return Fraction(top - 1, self.scale)

    def fits(self, value: Fraction) -> bool:
        """Whether an on-grid value is representable."""
        return self.lowest <= value <= self.highest

    def clamp(self, value: Fraction) -> Fraction:
        """``value`` clamped to the range."""
        return min(max(value, self.lowest), self.highest)

    def floor(self, value: Fraction) -> Fraction:
        """Largest grid point ≤ value."""
        return Fraction(math.floor(value * self.scale), self.scale)

    def trunc(self, value: Fraction) -> Fraction:
        """Grid point nearest to zero among the two around value."""
        return Fraction(int(value * self.scale), self.scale)

    def nearest_even(self, value: Fraction) -> Fraction:
        """Nearest grid point, ties to the even one (Python's round on a Fraction)."""
        return Fraction(round(value * self.scale), self.scale)

    def bits(self, value: Fraction) -> int:
        """Raw bits of an on-grid value."""
        scaled = value * self.scale
        if scaled.denominator != 1:
            raise ValueError(f"{value} is not on the {self.name} grid")
        return scaled.numerator


MODELS = {
    "I32F32": Model("I32F32", 64, 32, True),
    "I64F64": Model("I64F64", 128, 64, True),
    "I96F32": Model("I96F32", 128, 32, True),
    "U64F64": Model("U64F64", 128, 64, False),
    "U96F32": Model("U96F32", 128, 32, False),
}


def ref_mul(m: Model, a: Fraction, b: Fraction) -> Fraction:
    """Exact product floored to the grid."""
    return m.floor(a * b)


def ref_div(m: Model, a: Fraction, b: Fraction) -> Fraction:
    """Exact quotient truncated toward zero on the grid."""
    return m.trunc(a / b)


def ref_round_away(value: Fraction) -> int:
    """Nearest integer, ties away from zero."""
    magnitude = math.floor(abs(value) + Fraction(1, 2))
    return magnitude if value >= 0 else -magnitude


def ref_from_f64(m: Model, x: float) -> Fraction:
    """The exact binary value of the double, nearest on the grid, ties to even."""
    return m.nearest_even(Fraction(x))


def ref_from_f32(m: Model, x: float) -> Fraction:
    """The double first rounded to a single by numpy, then like ref_from_f64."""
    with np.errstate(over="ignore"):
        single = np.float32(x)
    return ref_from_f64(m, float(single))


def ref_u16_to_fixed(m: Model, x: int) -> Fraction:
    """x / 65535 floored on the grid."""
    return m.floor(Fraction(x, 65535))


def ref_fixed_to_u16(value: Fraction) -> int:
    """floor(value × 65535) clamped to [0, 65535]."""
    return min(max(math.floor(value * 65535), 0), 65535)


def reference_e(frac_bits: int) -> Fraction:
    """e truncated to ``frac_bits`` fractional bits, from the series Σ 1/k! (k ≤ 60)."""
    series = sum((Fraction(1, math.factorial(k)) for k in range(61)), Fraction(0))
    return Fraction(math.floor(series * 2**frac_bits), 2**frac_bits)


def ref_exp(m: Model, x: Fraction) -> Fraction | None:
    """The reference's exp restated on Fractions; None where it returns Err."""
    if x == 0:
        return Fraction(1)
    if x == 1:
        return reference_e(23)
    magnitude = abs(x)
    if not m.fits(magnitude):
        return None
    result = magnitude + 1
    if not m.fits(result):
        return None
    term = magnitude
    for i in range(2, m.frac_bits):
        term = m.floor(term * magnitude)
        if not m.fits(term):  # checked_mul fails before the division
            return None
        term = m.trunc(term / i)
        result += term
        if not m.fits(result):
            return None
    return m.trunc(1 / result) if x < 0 else result


def _halve_rounding_up(m: Model, value: Fraction) -> Fraction:
    """value / 2 with the last bit rounded half up (the reference's ``rs``)."""
    return Fraction(math.ceil(value * m.scale / 2), m.scale)


def _ref_log2_at_least_one(m: Model, x: Fraction) -> Fraction:
    count = 0
    while x >= 2:
        count += 1
        x = _halve_rounding_up(m, x)
    if x == 1:
        return Fraction(count)
    acc = count
    for _ in range(m.frac_bits):
        x = m.floor(x * x)
        acc *= 2
        if x >= 2:
            acc += 1
            x = _halve_rounding_up(m, x)
    return Fraction(acc, m.scale)


def ref_log2(m: Model, x: Fraction) -> Fraction | None:
    """The reference's log2 restated on Fractions; None where it returns Err."""
    if x <= 0:
        return None
    if x < 1:
        inverse = m.trunc(1 / x)
        return -_ref_log2_at_least_one(m, inverse) if m.fits(inverse) else None
    return _ref_log2_at_least_one(m, x)


# ---------------------------------------------------------------------- the model's own tests


def test_model_bounds_i32f32_match_definition() -> None:
    m = MODELS["I32F32"]
    assert m.lowest == -(2**31)
    assert m.highest == Fraction(2**63 - 1, 2**32)


def test_model_floor_and_trunc_negative_differ() -> None:
    m = MODELS["I32F32"]
    third = Fraction(-1, 3)
    assert m.floor(third) == Fraction(-1431655766, 2**32)
    assert m.trunc(third) == Fraction(-1431655765, 2**32)


def test_model_nearest_even_ties_to_even() -> None:
    m = MODELS["I32F32"]
    assert m.nearest_even(Fraction(1, 2**33)) == 0
    assert m.nearest_even(Fraction(3, 2**33)) == Fraction(2, 2**32)


def test_model_round_away_ties_away_from_zero() -> None:
    assert ref_round_away(Fraction(5, 2)) == 3
    assert ref_round_away(Fraction(-5, 2)) == -3
    assert ref_round_away(Fraction(-7, 3)) == -2


def test_model_reference_e_is_truncated() -> None:
    assert reference_e(23) == Fraction(22802600, 2**23)


def test_model_log2_of_power_of_two_is_exact() -> None:
    m = MODELS["I96F32"]
    assert ref_log2(m, Fraction(1024)) == 10
    assert ref_log2(m, Fraction(1, 8)) == -3


def test_model_u16_proportion_examples() -> None:
    assert ref_fixed_to_u16(Fraction(1, 4)) == 16383
    assert ref_fixed_to_u16(Fraction(3, 4)) == 49151
    assert ref_fixed_to_u16(Fraction(-1)) == 0
    assert ref_fixed_to_u16(Fraction(2)) == 65535
