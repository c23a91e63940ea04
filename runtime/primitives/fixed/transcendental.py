"""exp, log2 and ln exactly as substrate-fixed 0.6.0 computes them, and the epoch's sigmoids.

These are not correctly rounded functions: they reproduce the reference's step-by-step
fixed-point algorithm bit for bit (spec/subtensor.md §0.2), because consensus depends on the
exact bits.

* ``exp(x)``: 0 → 1; exactly 1 → e truncated to 23 fractional bits; otherwise on |x| the Taylor
  series result = 1 + |x|, term = |x|, and for i = 2 .. FRAC_BITS − 1:
  term = floor(term·|x|), term = trunc(term / i), result += term (each step overflow-checked);
  for x < 0 the answer is 1 / result (truncated).
* ``log2(x)`` (x > 0; x < 1 uses −log2(1/x)): the integer part counts halvings while x ≥ 2,
  each halving a right shift rounding half up on the last bit; if x is then exactly 1 the result
  is that count; otherwise FRAC_BITS rounds of squaring, each yielding one fraction bit.
* ``ln(x) = log2(x) / log2(e)`` with log2(e) truncated to 23 fractional bits.

The functions are generic over the signed types (the reference's ``FixedSigned``); exp and ln
need at least 23 fractional bits (true of I32F32, I64F64, I96F32).
"""

from __future__ import annotations

from typing import TypeVar

from runtime.primitives.fixed.arith import div_bits
from runtime.primitives.fixed.errors import (
    FixedDomainError,
    FixedOverflowError,
    FixedTypeError,
)
from runtime.primitives.fixed.types import I32F32, SignedFixed

S = TypeVar("S", bound=SignedFixed)

CONST_FRAC_BITS = 23
"""The reference's constants are I9F23: 23 fractional bits, truncated."""

E_BITS = 0xADF8_5458_A2BB_4A9A_AFDC_5620_273D_3CF1 >> (126 - CONST_FRAC_BITS)
"""e with 23 fractional bits, truncated: floor(e · 2**23) = 22 802 600."""

LOG2_E_BITS = 0xB8AA_3B29_5C17_F0BB_BE87_FED0_691D_3E88 >> (127 - CONST_FRAC_BITS)
"""log2(e) with 23 fractional bits, truncated: floor(log2(e) · 2**23) = 12 102 203."""

EXP_SAFE_LIMIT = 20
"""``exp_safe`` clamps its input to [−20, 20] (epoch/math.rs)."""


def _require_signed(value: object, where: str, needs_constants: bool) -> None:
    if not isinstance(value, SignedFixed):
        raise FixedTypeError(f"{where}: expected a signed fixed-point value, got {value!r}")
    if needs_constants and value.FRAC_BITS < CONST_FRAC_BITS:
        raise FixedTypeError(
            f"{where}: {type(value).__name__} has fewer than {CONST_FRAC_BITS} fractional bits")


def checked_exp(x: S) -> S | None:
    """e**x by the reference's truncated Taylor series, or ``None`` where the reference errs."""
    _require_signed(x, "exp", True)
    cls = x.__class__
    frac_bits, one, high = cls.FRAC_BITS, cls.ONE_BITS, cls.MAX_BITS
    bits = x.bits
    if bits == 0:
        return cls.ONE
    if bits == one:
        return cls._new(E_BITS << (frac_bits - CONST_FRAC_BITS))
    negative = bits < 0
    if negative:
        bits = -bits
        if bits > high:
            return None
    result = bits + one
    if result > high:
        return None
    term = bits
    for divisor in range(2, frac_bits):
        term = (term * bits) >> frac_bits
        if term > high:
            return None
        term //= divisor  # trunc(term / i); term is never negative here
        result += term
        if result > high:
            return None
    if negative:
        result = (one << frac_bits) // result
    return cls._new(result)


def exp(x: S) -> S:
    """e**x as the reference computes it; FixedOverflowError where the reference returns Err."""
    result = checked_exp(x)
    if result is None:
        raise FixedOverflowError(f"exp({x!r}) overflows {type(x).__name__}")
    return result


def exp_safe(x: S) -> S:
    """The epoch's ``exp_safe``: input clamped to [−20, 20]; on error 0 (x ≤ 0) or MAX."""
    _require_signed(x, "exp_safe", True)
    cls = x.__class__
    limit = EXP_SAFE_LIMIT << cls.FRAC_BITS
    bits = x.bits
    safe_input = x if -limit <= bits <= limit else cls._new(limit if bits > 0 else -limit)
    result = checked_exp(safe_input)
    if result is None:
        return cls.ZERO if safe_input.bits <= 0 else cls.MAX
    return result


def sigmoid_safe(value: S, rho: S, kappa: S) -> S:
    """The epoch's ``sigmoid_safe``: 1 / (1 + exp_safe(−rho·(value − kappa))), all saturating."""
    one = value.ONE
    offset = value.saturating_sub(kappa)
    neg_rho = rho.saturating_mul(one.saturating_neg())
    exp_output = exp_safe(neg_rho.saturating_mul(offset))
    return one.safe_div(exp_output.saturating_add(one))


def alpha_sigmoid(consensus: I32F32, weight: I32F32, bond: I32F32, alpha_low: I32F32,
                  alpha_high: I32F32, steepness: I32F32) -> I32F32:
    """Liquid alpha for one (validator, miner) pair (spec/subtensor.md §1.10, ``alpha_sigmoid``).

    d = clamp(w − c, 0, 1) if w ≥ b else clamp(b − w, 0, 1);
    s = 1 / (1 + exp_safe((steepness / −100) · (d − 0.5)));
    alpha = clamp(alpha_low + s · (alpha_high − alpha_low), alpha_low, alpha_high).
    """
    zero, one = I32F32.ZERO, I32F32.ONE
    if weight >= bond:
        diff = weight.saturating_sub(consensus).clamp(zero, one)
    else:
        diff = bond.saturating_sub(weight).clamp(zero, one)
    half = I32F32._new(I32F32.ONE_BITS >> 1)
    exponent = steepness.saturating_div(I32F32.from_num(-100)).saturating_mul(
        diff.saturating_sub(half))
    sigmoid = one.saturating_div(one.saturating_add(exp_safe(exponent)))
    alpha = alpha_low.saturating_add(sigmoid.saturating_mul(alpha_high.saturating_sub(alpha_low)))
    return alpha.clamp(alpha_low, alpha_high)


def _log2_at_least_one(bits: int, frac_bits: int) -> int:
    """The reference's ``log2_inner`` on raw bits of a value ≥ 1; returns raw result bits."""
    one, two = 1 << frac_bits, 2 << frac_bits
    result = 0
    while bits >= two:
        result += 1
        bits = (bits >> 1) + (bits & 1)
    if bits == one:
        return result << frac_bits
    for _ in range(frac_bits):
        bits = (bits * bits) >> frac_bits
        result <<= 1
        if bits >= two:
            result |= 1
            bits = (bits >> 1) + (bits & 1)
    return result


def checked_log2(x: S) -> S | None:
    """log2(x) as the reference computes it, or ``None`` for x ≤ 0 or an overflowing 1/x."""
    _require_signed(x, "log2", False)
    cls = x.__class__
    bits = x.bits
    if bits <= 0:
        return None
    if bits < cls.ONE_BITS:
        inverse = (cls.ONE_BITS << cls.FRAC_BITS) // bits
        if inverse > cls.MAX_BITS:
            return None
        return cls._new(-_log2_at_least_one(inverse, cls.FRAC_BITS))
    return cls._new(_log2_at_least_one(bits, cls.FRAC_BITS))


def log2(x: S) -> S:
    """log2(x); FixedDomainError for x ≤ 0, FixedOverflowError if 1/x does not fit."""
    if isinstance(x, SignedFixed) and x.bits <= 0:
        raise FixedDomainError(f"log2({x!r}): the argument must be positive")
    result = checked_log2(x)
    if result is None:
        raise FixedOverflowError(f"log2({x!r}): 1/x overflows {type(x).__name__}")
    return result


def ln(x: S) -> S:
    """Natural log as the reference computes it: log2(x) / log2(e) (truncated quotient)."""
    _require_signed(x, "ln", True)
    log = log2(x)
    divisor = LOG2_E_BITS << (x.FRAC_BITS - CONST_FRAC_BITS)
    return x._new(div_bits(log.bits, divisor, x.FRAC_BITS))


def safe_ln(x: S) -> S:
    """The epoch's ``safe_ln``: ln(x), or zero where the reference's ln errs."""
    _require_signed(x, "safe_ln", True)
    if x.bits <= 0 or checked_log2(x) is None:
        return x.ZERO
    return ln(x)
