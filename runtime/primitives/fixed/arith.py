"""Arithmetic and comparison of fixed-point values (spec/subtensor.md §0.2).

Operators combine two values of the same type only. ``+ - * /`` are exact-or-raise
(FixedOverflowError, FixedDivisionByZeroError); ``checked_*`` return ``None`` on overflow or a
zero divisor; ``saturating_*`` clamp to [MIN, MAX] (a saturating division by zero raises, as it
panics in Rust); ``safe_div`` returns zero on a zero divisor or an overflowing quotient (crate
safe-math). Comparisons are exact across fixed types, ints and Fractions; comparing with a float
raises FixedTypeError.
"""

from __future__ import annotations

from fractions import Fraction
from numbers import Integral
from typing import Self

from runtime.primitives.fixed.core import FixedBase, exact_decimal, write_bits_slot
from runtime.primitives.fixed.errors import (
    FixedDivisionByZeroError,
    FixedOverflowError,
    FixedTypeError,
)

_object_new = object.__new__


def div_bits(numerator_bits: int, divisor_bits: int, frac_bits: int) -> int:
    """``(numerator_bits << frac_bits) / divisor_bits`` truncated toward zero (divisor ≠ 0)."""
    shifted = numerator_bits << frac_bits
    if (shifted >= 0) == (divisor_bits > 0):
        return shifted // divisor_bits
    return -(-shifted // divisor_bits)


def _overflow(cls: type[FixedBase], op: str, left: FixedBase, right: FixedBase,
              bits: int) -> FixedOverflowError:
    return FixedOverflowError(
        f"{cls.__name__} {op} overflow: {left} {op} {right} = "
        f"{exact_decimal(bits, cls.FRAC_BITS)} is outside the type's range")


def _zero_division(cls: type[FixedBase], op: str, left: FixedBase) -> FixedDivisionByZeroError:
    return FixedDivisionByZeroError(f"{cls.__name__} {op}: {left} divided by zero")


class FixedPoint(FixedBase):
    """A fixed-point number with the arithmetic of substrate-fixed 0.6.0."""

    __slots__ = ()

    # ------------------------------------------------------------------ exact operators

    def __add__(self, other: Self) -> Self:
        """Exact sum; FixedOverflowError if it does not fit."""
        cls = self.__class__
        if other.__class__ is not cls:
            return NotImplemented
        bits = self.bits + other.bits
        if cls.MIN_BITS <= bits <= cls.MAX_BITS:
            obj = _object_new(cls)
            write_bits_slot(obj, bits)
            return obj
        raise _overflow(cls, "+", self, other, bits)

    def __sub__(self, other: Self) -> Self:
        """Exact difference; FixedOverflowError if it does not fit (e.g. unsigned below 0)."""
        cls = self.__class__
        if other.__class__ is not cls:
            return NotImplemented
        bits = self.bits - other.bits
        if cls.MIN_BITS <= bits <= cls.MAX_BITS:
            obj = _object_new(cls)
            write_bits_slot(obj, bits)
            return obj
        raise _overflow(cls, "-", self, other, bits)

    def __mul__(self, other: Self) -> Self:
        """Product floored to the type's precision; FixedOverflowError if it does not fit."""
        cls = self.__class__
        if other.__class__ is not cls:
            return NotImplemented
        bits = (self.bits * other.bits) >> cls.FRAC_BITS
        if cls.MIN_BITS <= bits <= cls.MAX_BITS:
            obj = _object_new(cls)
            write_bits_slot(obj, bits)
            return obj
        raise _overflow(cls, "*", self, other, bits)

    def __truediv__(self, other: Self) -> Self:
        """Quotient truncated toward zero; raises on a zero divisor or an overflow."""
        cls = self.__class__
        if other.__class__ is not cls:
            return NotImplemented
        if not other.bits:
            raise _zero_division(cls, "/", self)
        bits = div_bits(self.bits, other.bits, cls.FRAC_BITS)
        if cls.MIN_BITS <= bits <= cls.MAX_BITS:
            obj = _object_new(cls)
            write_bits_slot(obj, bits)
            return obj
        raise _overflow(cls, "/", self, other, bits)

    def _same_type(self, other: object, op: str) -> None:
        if other.__class__ is not self.__class__:
            raise FixedTypeError(
                f"{self.__class__.__name__}.{op}: operand is {type(other).__name__}, expected "
                f"{self.__class__.__name__} (convert with {self.__class__.__name__}.from_num)")

    # ------------------------------------------------------------------ checked

    def checked_add(self, other: Self) -> Self | None:
        """Exact sum, or ``None`` if it does not fit."""
        self._same_type(other, "checked_add")
        bits = self.bits + other.bits
        return self._new(bits) if self.MIN_BITS <= bits <= self.MAX_BITS else None

    def checked_sub(self, other: Self) -> Self | None:
        """Exact difference, or ``None`` if it does not fit."""
        self._same_type(other, "checked_sub")
        bits = self.bits - other.bits
        return self._new(bits) if self.MIN_BITS <= bits <= self.MAX_BITS else None

    def checked_mul(self, other: Self) -> Self | None:
        """Floored product, or ``None`` if it does not fit."""
        self._same_type(other, "checked_mul")
        bits = (self.bits * other.bits) >> self.FRAC_BITS
        return self._new(bits) if self.MIN_BITS <= bits <= self.MAX_BITS else None

    def checked_div(self, other: Self) -> Self | None:
        """Truncated quotient, or ``None`` for a zero divisor or an overflowing quotient."""
        self._same_type(other, "checked_div")
        if not other.bits:
            return None
        bits = div_bits(self.bits, other.bits, self.FRAC_BITS)
        return self._new(bits) if self.MIN_BITS <= bits <= self.MAX_BITS else None

    def checked_neg(self) -> Self | None:
        """``-x``, or ``None`` if it does not fit (MIN of a signed type, any non-zero unsigned)."""
        bits = -self.bits
        return self._new(bits) if self.MIN_BITS <= bits <= self.MAX_BITS else None

    # ------------------------------------------------------------------ saturating

    def saturating_add(self, other: Self) -> Self:
        """Exact sum clamped to [MIN, MAX]."""
        self._same_type(other, "saturating_add")
        return self._clamped_new(self.bits + other.bits)

    def saturating_sub(self, other: Self) -> Self:
        """Exact difference clamped to [MIN, MAX]."""
        self._same_type(other, "saturating_sub")
        return self._clamped_new(self.bits - other.bits)

    def saturating_mul(self, other: Self) -> Self:
        """Floored product clamped to [MIN, MAX]."""
        self._same_type(other, "saturating_mul")
        return self._clamped_new((self.bits * other.bits) >> self.FRAC_BITS)

    def saturating_div(self, other: Self) -> Self:
        """Truncated quotient clamped to [MIN, MAX]; FixedDivisionByZeroError for a zero divisor."""
        self._same_type(other, "saturating_div")
        if not other.bits:
            raise _zero_division(self.__class__, "saturating_div", self)
        return self._clamped_new(div_bits(self.bits, other.bits, self.FRAC_BITS))

    def saturating_neg(self) -> Self:
        """``-x`` clamped to [MIN, MAX] (so 0 for an unsigned type)."""
        return self._clamped_new(-self.bits)

    # ------------------------------------------------------------------ safe-math helpers

    def safe_div(self, other: Self) -> Self:
        """Truncated quotient, or zero on a zero divisor or an overflow (safe-math ``safe_div``)."""
        return self.safe_div_or(other, self.ZERO)

    def safe_div_or(self, other: Self, default: Self) -> Self:
        """Truncated quotient, or ``default`` for a zero divisor or an overflow."""
        self._same_type(other, "safe_div")
        if not other.bits:
            return default
        bits = div_bits(self.bits, other.bits, self.FRAC_BITS)
        return self._new(bits) if self.MIN_BITS <= bits <= self.MAX_BITS else default

    def abs_diff(self, other: Self) -> Self:
        """|x − y| saturated to MAX (safe-math ``abs_diff``)."""
        self._same_type(other, "abs_diff")
        return self._clamped_new(abs(self.bits - other.bits))

    def clamp(self, low: Self, high: Self) -> Self:
        """``max(min(x, high), low)`` — the epoch's ``clamp_value``, in that order.

        The order matters only when low > high: the result is then always ``low``.
        """
        self._same_type(low, "clamp")
        self._same_type(high, "clamp")
        capped = high if self.bits > high.bits else self
        return low if capped.bits < low.bits else capped

    # ------------------------------------------------------------------ comparison

    def _aligned(self, other: object) -> tuple[int, int] | None:
        """Both values as integers on a common scale, or None if ``other`` is not comparable."""
        if isinstance(other, FixedBase):
            shift = self.FRAC_BITS - other.FRAC_BITS
            if shift >= 0:
                return self.bits, other.bits << shift
            return self.bits << -shift, other.bits
        if isinstance(other, Integral) and not isinstance(other, bool):
            return self.bits, int(other) << self.FRAC_BITS
        if isinstance(other, Fraction):
            return self.bits * other.denominator, other.numerator << self.FRAC_BITS
        if isinstance(other, float):
            raise FixedTypeError(
                f"comparing {self!r} with the float {other!r}: convert it with from_f32/from_f64")
        return None

    def __eq__(self, other: object) -> bool:
        """Exact value equality with any fixed type, int or Fraction."""
        if other.__class__ is self.__class__:
            return self.bits == other.bits  # type: ignore[attr-defined]
        pair = self._aligned(other)
        return NotImplemented if pair is None else pair[0] == pair[1]

    def __lt__(self, other: object) -> bool:
        """Exact ``<``."""
        if other.__class__ is self.__class__:
            return self.bits < other.bits  # type: ignore[attr-defined]
        pair = self._aligned(other)
        return NotImplemented if pair is None else pair[0] < pair[1]

    def __le__(self, other: object) -> bool:
        """Exact ``<=``."""
        if other.__class__ is self.__class__:
            return self.bits <= other.bits  # type: ignore[attr-defined]
        pair = self._aligned(other)
        return NotImplemented if pair is None else pair[0] <= pair[1]

    def __gt__(self, other: object) -> bool:
        """Exact ``>``."""
        if other.__class__ is self.__class__:
            return self.bits > other.bits  # type: ignore[attr-defined]
        pair = self._aligned(other)
        return NotImplemented if pair is None else pair[0] > pair[1]

    def __ge__(self, other: object) -> bool:
        """Exact ``>=``."""
        if other.__class__ is self.__class__:
            return self.bits >= other.bits  # type: ignore[attr-defined]
        pair = self._aligned(other)
        return NotImplemented if pair is None else pair[0] >= pair[1]

    __hash__ = FixedBase.__hash__
