"""Scaled rational powers ``floor(scale × (n/d)^(a/b))`` as the swap pallet computes them.

Reference: the ``safe-bigmath`` crate at rev 013c499 (``SafeInt::pow_ratio_scaled``), which
``pallets/swap/src/pallet/balancer.rs`` calls for every balancer exponentiation
(spec/subtensor.md §4.2, "Exponentiation exactness").

Two paths, chosen after reducing the exponent a/b by its gcd:

* **exact** — when a and b both fit 32 bits and are ≤ 1024: the largest integer r with
  r^b ≤ (n^a × scale^b) / d^a, i.e. an integer b-th root, floored;
* **series** — otherwise: natural logs of n and of d by a Taylor series of ln(1 + t) around a
  mantissa normalised into [0.5, 1.5), the scaled difference times a/b (floored), then exp by
  its Taylor series, all on integers with ``2**(p + 24)`` as one (p = the requested precision,
  at least 32 and at least bits(scale) + 8), with the reference's stopping rules (stop when a
  term is below 2**24 or when the value rounded to p bits stops changing).

Only Python integers are used; the results equal the reference's bit for bit.
"""

from __future__ import annotations

from functools import lru_cache
from math import gcd

MAX_EXACT_EXPONENT = 1024
"""Largest reduced exponent numerator/denominator taken by the exact path."""

DEFAULT_MAX_ITERS = 4096
"""Upper bound on Taylor-series terms (the reference's ``DEFAULT_MAX_ITERS``)."""

GUARD_BITS = 24
"""Extra fractional bits carried by the series path."""


def _root_by_bisection(value: int, degree: int) -> int:
    """The largest r with r**degree ≤ value, by bisection (for roots of at most ~40 bits)."""
    low = 1 << ((value.bit_length() - 1) // degree)
    high = 1 << (-(-value.bit_length() // degree))
    while low < high:
        middle = (low + high + 1) >> 1
        if middle**degree <= value:
            low = middle
        else:
            high = middle - 1
    return low


def integer_root_floor(value: int, degree: int) -> int:
    """The largest r ≥ 0 with r**degree ≤ value (value ≥ 0, degree ≥ 1).

    Small roots by bisection; large ones from a 32-bit-accurate overestimate (the root of the
    value's leading bits, plus one, shifted back) refined by Newton's method, which decreases
    monotonically to the floor from above.
    """
    if value < 2 or degree == 1:
        return value
    root_bits = value.bit_length() // degree
    if root_bits <= 40:
        return _root_by_bisection(value, degree)
    shift = root_bits - 32
    guess = (integer_root_floor(value >> (shift * degree), degree) + 1) << shift
    while True:
        better = ((degree - 1) * guess + value // guess ** (degree - 1)) // degree
        if better >= guess:
            return guess
        guess = better


def _round_off_guard(value: int, guard: int) -> int:
    """``value / guard`` to the nearest integer, halves away from zero (``round_to_precision``)."""
    magnitude, remainder = divmod(abs(value), guard)
    if remainder and 2 * remainder >= guard:
        magnitude += 1
    return -magnitude if value < 0 else magnitude


def _ln1p_series(t: int, one: int, guard: int, max_iters: int) -> int:
    """ln(1 + t/one) × one by the alternating Taylor series with the reference's stop rules."""
    term = t
    result = t
    previous = _round_off_guard(result, guard)
    for n in range(2, max_iters + 1):
        term = term * t // one
        if term == 0:
            break
        step = term // n
        if step == 0:
            break
        result = result - step if n % 2 == 0 else result + step
        rounded = _round_off_guard(result, guard)
        if abs(step) < guard or rounded == previous:
            break
        previous = rounded
    return result


def _exp_series(x: int, one: int, guard: int, max_iters: int) -> int:
    """exp(x/one) × one by the Taylor series with the reference's stop rules."""
    term = one
    result = one
    previous = _round_off_guard(result, guard)
    for n in range(1, max_iters + 1):
        term = term * x // (one * n)
        if term == 0:
            break
        result += term
        rounded = _round_off_guard(result, guard)
        if abs(term) < guard or rounded == previous:
            break
        previous = rounded
    return result


@lru_cache(maxsize=16)
def _ln_two(internal_bits: int, max_iters: int) -> int:
    """ln 2 × 2**internal_bits computed as −ln(1 − 1/2), as the reference does (cached)."""
    one = 1 << internal_bits
    return -_ln1p_series(-(one >> 1), one, 1 << GUARD_BITS, max_iters)


def _ln_integer(value: int, internal_bits: int, max_iters: int) -> int:
    """ln(value) × 2**internal_bits for an integer value ≥ 1 (``ln_biguint``)."""
    one = 1 << internal_bits
    shift = value.bit_length() - 1
    mantissa = (value << internal_bits) >> shift
    if mantissa >= one + (one >> 1):
        mantissa >>= 1
        shift += 1
    ln_mantissa = _ln1p_series(mantissa - one, one, 1 << GUARD_BITS, max_iters)
    return ln_mantissa + _ln_two(internal_bits, max_iters) * shift


def _series_path(base_num: int, base_den: int, exp_num: int, exp_den: int, precision: int,
                 scale: int) -> int:
    """The log/exp fallback of ``pow_ratio_scaled`` (exponents too large for the exact path)."""
    requested = max(precision, 32, scale.bit_length() + 8)
    internal = requested + GUARD_BITS
    max_iters = max(min(DEFAULT_MAX_ITERS, internal + 128), 1)
    guard = 1 << GUARD_BITS
    ln_base = _ln_integer(base_num, internal, max_iters) - _ln_integer(base_den, internal,
                                                                       max_iters)
    ln_scaled = ln_base * exp_num // exp_den
    value = _exp_series(ln_scaled, 1 << internal, guard, max_iters)
    return _round_off_guard(value, guard) * scale >> requested


def pow_ratio_scaled(base_num: int, base_den: int, exp_num: int, exp_den: int, precision: int,
                     scale: int) -> int | None:
    """floor-ish ``scale × (base_num/base_den)^(exp_num/exp_den)``; ``None`` where the reference is.

    Follows ``SafeInt::pow_ratio_scaled`` (safe-bigmath 013c499; spec §4.2): ``None`` for a zero
    base or exponent denominator, a negative scale or negative operands; 0 for a zero base
    numerator; ``scale`` for a zero exponent. Otherwise the exact path (exact floor) or the
    series path (the reference's fixed-point approximation, reproduced exactly).
    """
    if base_den == 0 or exp_den == 0:
        return None
    if base_num == 0:
        return 0
    if scale < 0 or base_num < 0 or base_den < 0 or exp_num < 0 or exp_den < 0:
        return None
    if exp_num == 0:
        return scale
    divisor = gcd(exp_num, exp_den)
    exp_num //= divisor
    exp_den //= divisor
    if exp_num <= MAX_EXACT_EXPONENT and exp_den <= MAX_EXACT_EXPONENT:
        target = base_num**exp_num * scale**exp_den // base_den**exp_num
        return integer_root_floor(target, exp_den)
    return _series_path(base_num, base_den, exp_num, exp_den, precision, scale)
