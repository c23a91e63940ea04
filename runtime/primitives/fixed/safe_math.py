"""The fixed-point extras of subtensor's ``safe-math`` crate (``FixedExt``): pow and sqrt.

``safe_div`` / ``safe_div_or`` / ``abs_diff`` are methods of every fixed-point value
(:mod:`runtime.primitives.fixed.arith`); the two algorithms here are functions because they are
iterative approximations whose exact steps matter:

* ``checked_pow(x, n)``: binary exponentiation with saturating products (so an overflow
  saturates rather than failing); a negative exponent takes 1 / result, 0 if that division
  fails; 0 ** negative is ``None``; anything ** 0 is 1.
* ``checked_sqrt(x, epsilon)``: bisection on [0, max(x, 1)] with midpoints
  ``(high + low) / 2`` (saturating add, safe division) until |x / mid − mid| ≤ epsilon or
  128 refinements have been made; ``None`` for x < 0.
"""

from __future__ import annotations

from typing import TypeVar

from runtime.primitives.fixed.arith import FixedPoint
from runtime.primitives.fixed.errors import FixedTypeError
from runtime.primitives.ints import I32_MAX, I32_MIN

F = TypeVar("F", bound=FixedPoint)

SQRT_MAX_ITERATIONS = 128
"""The bisection stops after this many refinements even if epsilon is not reached."""


def checked_pow(x: F, exponent: int) -> F | None:
    """x ** exponent as safe-math computes it (exponent saturated to the i32 range)."""
    if not isinstance(exponent, int) or isinstance(exponent, bool):
        raise FixedTypeError(f"checked_pow: the exponent must be an int, got {exponent!r}")
    exponent = max(I32_MIN, min(I32_MAX, exponent))
    one = x.ONE
    if exponent == 0:
        return one
    if not x.bits:
        return None if exponent < 0 else x.ZERO
    result, base, remaining = one, x, abs(exponent)
    while remaining:
        if remaining & 1:
            result = result.saturating_mul(base)
        base = base.saturating_mul(base)
        remaining >>= 1
    if exponent < 0:
        inverse = one.checked_div(result)
        result = x.ZERO if inverse is None else inverse
    return result


def checked_sqrt(x: F, epsilon: F) -> F | None:
    """√x by safe-math's bisection, or ``None`` for x < 0."""
    zero, one = x.ZERO, x.ONE
    two = x.from_num(2)
    if x < zero:
        return None
    high, low = (x, zero) if x > one else (one, x)
    middle = high.saturating_add(low).safe_div(two)
    check = x.safe_div(middle)
    iterations = 0
    while check.abs_diff(middle) > epsilon:
        if check < middle:
            high = middle
        else:
            low = middle
        middle = high.saturating_add(low).safe_div(two)
        check = x.safe_div(middle)
        iterations += 1
        if iterations > SQRT_MAX_ITERATIONS:
            break
    return middle
