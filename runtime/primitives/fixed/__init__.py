"""Fixed-point numbers with the exact semantics of substrate-fixed 0.6.0 (spec/subtensor.md §0.2).

``I32F32``, ``I64F64``, ``I96F32`` (signed) and ``U64F64``, ``U96F32`` (unsigned) hold an integer
``bits``; the value is ``bits / 2**FRAC_BITS``. Products floor, quotients truncate toward zero,
sums are exact; conversions to fewer fractional bits or to integers floor; floats round to
nearest, ties to even. See :mod:`runtime.primitives.fixed.core` for the construction and
conversion API, :mod:`runtime.primitives.fixed.arith` for arithmetic and
:mod:`runtime.primitives.fixed.transcendental` for exp / log2 / ln and the epoch's sigmoids.
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
