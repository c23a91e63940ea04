"""Fixed-point numbers with the exact semantics of substrate-fixed 0.6.0 (spec/subtensor.md §0.2).

``I32F32``, ``I64F64``, ``I96F32`` (signed) and ``U64F64``, ``U96F32`` (unsigned) hold an integer
``bits``; the value is ``bits / 2**FRAC_BITS``. Products floor, quotients truncate toward zero,
sums are exact; conversions to fewer fractional bits or to integers floor; floats round to
nearest, ties to even.

At a glance::

    x = I32F32.from_num(3)                 # ints exact (raise if out of range)
    y = I32F32.from_f32(0.3)               # Rust's from_num(0.3_f32); from_f64 for f64 literals
    p = I32F32.from_u16_proportion(16383)  # u16 / 65535, floored
    z = I96F32.saturating_from_num(x)      # between types: floor, clamp (from_num raises)
    x * y, x / y, x + y, x - y             # same type only; FixedOverflowError on overflow
    x.saturating_mul(y), x.checked_div(y), x.safe_div(y)   # clamp / None / 0 on failure
    x.saturating_to_u64(), x.to_u16_proportion(), x.to_fraction(), x.bits
    exp_safe(x), sigmoid_safe(x, rho, kappa), log2(z), ln(x)   # the reference's algorithms
    sum(values, I32F32.ZERO)               # sums are exact; start from ZERO

Constants per type: MIN, MAX, ZERO, ONE, DELTA and MIN_BITS, MAX_BITS, FRAC_BITS, TOTAL_BITS.
Modules: :mod:`.core` (construction, conversion, rounding, display, SCALE bytes),
:mod:`.arith` (operators, checked / saturating / safe, comparison), :mod:`.types` (the five
types), :mod:`.transcendental` (exp, log2, ln, sigmoids), :mod:`.safe_math` (checked_pow,
checked_sqrt), :mod:`.errors`.
"""

from __future__ import annotations

from runtime.primitives.fixed.arith import FixedPoint, div_bits
from runtime.primitives.fixed.core import FixedBase, float_to_bits, nearest_f32
from runtime.primitives.fixed.errors import (
    FixedConversionError,
    FixedDivisionByZeroError,
    FixedDomainError,
    FixedOverflowError,
    FixedPointError,
    FixedTypeError,
)
from runtime.primitives.fixed.safe_math import checked_pow, checked_sqrt
from runtime.primitives.fixed.transcendental import (
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
from runtime.primitives.fixed.types import (
    FIXED_TYPES,
    I32F32,
    I64F64,
    I96F32,
    U64F64,
    U96F32,
    SignedFixed,
    UnsignedFixed,
)

__all__ = [
    "FIXED_TYPES",
    "I32F32",
    "I64F64",
    "I96F32",
    "U64F64",
    "U96F32",
    "FixedBase",
    "FixedConversionError",
    "FixedDivisionByZeroError",
    "FixedDomainError",
    "FixedOverflowError",
    "FixedPoint",
    "FixedPointError",
    "FixedTypeError",
    "SignedFixed",
    "UnsignedFixed",
    "alpha_sigmoid",
    "checked_exp",
    "checked_log2",
    "checked_pow",
    "checked_sqrt",
    "div_bits",
    "exp",
    "exp_safe",
    "float_to_bits",
    "ln",
    "log2",
    "nearest_f32",
    "safe_ln",
    "sigmoid_safe",
]
