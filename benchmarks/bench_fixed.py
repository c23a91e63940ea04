"""Fixed-point scalar rates: I32F32 mul/div and U64F64 mul against a Fraction baseline.

The baseline is the obvious way to get the same exact answers without the fixed-point types:
``fractions.Fraction`` values on the 2**-frac grid, snapped back to the grid after each
operation (floor for a product, truncation for a quotient).
"""

from __future__ import annotations

import math
from fractions import Fraction

from benchmarks.harness import Row, per_second
from runtime.primitives.fixed import I32F32, I96F32, U64F64, exp_safe, log2

_SCALE_32 = 2**32
_SCALE_64 = 2**64


def _fraction_mul(a: Fraction, b: Fraction, scale: int) -> Fraction:
    return Fraction(math.floor(a * b * scale), scale)


def _fraction_div(a: Fraction, b: Fraction, scale: int) -> Fraction:
    return Fraction(int(a / b * scale), scale)


def _check_same_answers(a32: I32F32, b32: I32F32, a64: U64F64, b64: U64F64) -> None:
    """The baseline must compute what the fixed types compute, or the comparison is void."""
    fa, fb = a32.to_fraction(), b32.to_fraction()
    ua, ub = a64.to_fraction(), b64.to_fraction()
    if ((a32 * b32).to_fraction() != _fraction_mul(fa, fb, _SCALE_32)
            or (a32 / b32).to_fraction() != _fraction_div(fa, fb, _SCALE_32)
            or (a64 * b64).to_fraction() != _fraction_mul(ua, ub, _SCALE_64)):
        raise RuntimeError("bench_fixed: Fraction baseline disagrees with the fixed types")


def run() -> list[Row]:
    """Measure and return the fixed-point rows."""
    a32, b32 = I32F32.from_f32(0.7), I32F32.from_f32(-1.3)
    a64, b64 = U64F64.from_fraction(22, 7), U64F64.from_fraction(355, 113)
    _check_same_answers(a32, b32, a64, b64)
    fa, fb = a32.to_fraction(), b32.to_fraction()
    ua, ub = a64.to_fraction(), b64.to_fraction()
    x_exp = I32F32.from_f32(-3.7)
    x_log = I96F32.from_num(3 * 10**15)
    group = "fixed"
    return [
        Row(group, "Fraction mul, floored to 2^-32", per_second(
            lambda: _fraction_mul(fa, fb, _SCALE_32)), "ops/s"),
        Row(group, "I32F32 mul", per_second(lambda: a32 * b32), "ops/s",
            baseline="Fraction mul, floored to 2^-32"),
        Row(group, "I32F32 saturating_mul", per_second(lambda: a32.saturating_mul(b32)),
            "ops/s", baseline="Fraction mul, floored to 2^-32"),
        Row(group, "Fraction div, truncated to 2^-32", per_second(
            lambda: _fraction_div(fa, fb, _SCALE_32)), "ops/s"),
        Row(group, "I32F32 div", per_second(lambda: a32 / b32), "ops/s",
            baseline="Fraction div, truncated to 2^-32"),
        Row(group, "I32F32 safe_div", per_second(lambda: a32.safe_div(b32)), "ops/s",
            baseline="Fraction div, truncated to 2^-32"),
        Row(group, "Fraction mul, floored to 2^-64", per_second(
            lambda: _fraction_mul(ua, ub, _SCALE_64)), "ops/s"),
        Row(group, "U64F64 mul", per_second(lambda: a64 * b64), "ops/s",
            baseline="Fraction mul, floored to 2^-64"),
        Row(group, "I32F32 exp_safe (30-term series)", per_second(lambda: exp_safe(x_exp)),
            "ops/s"),
        Row(group, "I96F32 log2 (32 squarings)", per_second(lambda: log2(x_log)), "ops/s"),
    ]
