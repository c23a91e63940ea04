"""The concrete fixed-point types used by subtensor (spec/subtensor.md §0.2).

| type   | bits | fractional bits | signed |
|--------|------|-----------------|--------|
| I32F32 | 64   | 32              | yes    |
| I64F64 | 128  | 64              | yes    |
| I96F32 | 128  | 32              | yes    |
| U64F64 | 128  | 64              | no     |
| U96F32 | 128  | 32              | no     |

Signed types add negation and absolute value; unary minus on an unsigned type is a TypeError
(use ``saturating_neg`` / ``checked_neg`` for Rust's unsigned behaviour).
"""

from __future__ import annotations

from typing import Self

from runtime.primitives.fixed.arith import FixedPoint


class SignedFixed(FixedPoint):
    """A two's complement fixed-point type: adds ``-x``, ``abs``."""

    __slots__ = ()
    SIGNED = True

    def __neg__(self) -> Self:
        """``-x``; FixedOverflowError for MIN."""
        return self._checked_new(-self.bits, "neg")

    def __pos__(self) -> Self:
        """``+x`` is x."""
        return self

    def __abs__(self) -> Self:
        """|x|; FixedOverflowError for MIN."""
        return self._checked_new(abs(self.bits), "abs")

    def abs(self) -> Self:
        """|x|; FixedOverflowError for MIN (Rust ``abs`` panics there in debug builds)."""
        return self._checked_new(abs(self.bits), "abs")

    def saturating_abs(self) -> Self:
        """|x| clamped to MAX."""
        return self._clamped_new(abs(self.bits))

    def is_negative(self) -> bool:
        """True when x < 0."""
        return self.bits < 0


class UnsignedFixed(FixedPoint):
    """An unsigned fixed-point type: values in [0, (2**bits − 1) / 2**frac]."""

    __slots__ = ()
    SIGNED = False

    def __pos__(self) -> Self:
        """``+x`` is x."""
        return self


class I32F32(SignedFixed):
    """Signed, 32 integer + 32 fractional bits: the epoch's number type."""

    __slots__ = ()
    INT_BITS = 32
    FRAC_BITS = 32


class I64F64(SignedFixed):
    """Signed, 64 integer + 64 fractional bits: stake before normalisation, TAO-flow EMAs."""

    __slots__ = ()
    INT_BITS = 64
    FRAC_BITS = 64


class I96F32(SignedFixed):
    """Signed, 96 integer + 32 fractional bits: rao amounts × proportions, block emission."""

    __slots__ = ()
    INT_BITS = 96
    FRAC_BITS = 32


class U64F64(UnsignedFixed):
    """Unsigned, 64 integer + 64 fractional bits: swap prices, emission shares."""

    __slots__ = ()
    INT_BITS = 64
    FRAC_BITS = 64


class U96F32(UnsignedFixed):
    """Unsigned, 96 integer + 32 fractional bits: coinbase amounts, tao_weight."""

    __slots__ = ()
    INT_BITS = 96
    FRAC_BITS = 32


FIXED_TYPES: tuple[type[FixedPoint], ...] = (I32F32, I64F64, I96F32, U64F64, U96F32)
"""Every concrete type, for tests and generic code."""

__all__ = [
    "FIXED_TYPES",
    "I32F32",
    "I64F64",
    "I96F32",
    "U64F64",
    "U96F32",
    "SignedFixed",
    "UnsignedFixed",
]
