"""The fixed-point base class: representation, construction, conversion, rounding, display.

A fixed-point number is an integer ``bits`` and a class that fixes the number of fractional
bits ``FRAC_BITS``: its value is ``bits / 2**FRAC_BITS``. The semantics are those of the Rust
crate substrate-fixed 0.6.0 as spec/subtensor.md §0.2 states them:

* multiplication is the exact product of the bits shifted right by ``FRAC_BITS`` — floor;
* division is ``(a << FRAC_BITS) / b`` truncated toward zero;
* addition and subtraction are exact;
* a conversion to fewer fractional bits or to an integer floors;
* a float converts to the nearest representable value, ties to even.

The plain operators (``+ - * /``) and the exact constructors raise
:class:`FixedOverflowError` when the exact result does not fit; the ``checked_*`` methods return
``None`` and the ``saturating_*`` methods clamp to the type's range instead. Operators only
combine two values of the same type; convert explicitly with ``T.from_num(x)``.

Floats enter only through :meth:`FixedBase.from_f32` / :meth:`FixedBase.from_f64` and their
saturating forms; no arithmetic path touches a float.
"""

from __future__ import annotations

import math
import operator
import struct
from fractions import Fraction
from numbers import Rational, Real
from typing import Any, ClassVar, Self

from runtime.primitives.fixed.errors import (
    FixedConversionError,
    FixedDivisionByZeroError,
    FixedOverflowError,
    FixedTypeError,
)

_object_new = object.__new__
_F32 = struct.Struct("<f")

U16_MAX = 0xFFFF


def _round_shift_half_even(numerator: int, shift: int) -> int:
    """``numerator / 2**shift`` rounded to the nearest integer, ties to even (``shift >= 1``)."""
    quotient = numerator >> shift
    remainder = numerator - (quotient << shift)
    half = 1 << (shift - 1)
    if remainder > half or (remainder == half and quotient & 1):
        quotient += 1
    return quotient


def float_to_bits(value: float, frac_bits: int) -> int:
    """The exact binary value of a finite float, rounded to ``2**-frac_bits``, ties to even."""
    numerator, denominator = value.as_integer_ratio()
    exponent = denominator.bit_length() - 1
    if exponent <= frac_bits:
        return numerator << (frac_bits - exponent)
    return _round_shift_half_even(numerator, exponent - frac_bits)


def nearest_f32(value: float) -> float:
    """``value`` rounded to the nearest IEEE single (ties to even); ±inf beyond the f32 range."""
    try:
        return _F32.unpack(_F32.pack(value))[0]
    except OverflowError:
        return math.copysign(math.inf, value)


def exact_decimal(bits: int, frac_bits: int) -> str:
    """The exact decimal expansion of ``bits / 2**frac_bits`` (a binary fraction always ends)."""
    sign = "-" if bits < 0 else ""
    magnitude = -bits if bits < 0 else bits
    integer = magnitude >> frac_bits
    fraction = magnitude & ((1 << frac_bits) - 1)
    if not fraction:
        return f"{sign}{integer}"
    digits = str(fraction * 5**frac_bits).rjust(frac_bits, "0").rstrip("0")
    return f"{sign}{integer}.{digits}"


def as_exact_int(value: object, where: str) -> int:
    """``value`` as a Python int if it is an integer (numpy integers included), else raise."""
    if isinstance(value, bool):
        raise FixedTypeError(f"{where}: a bool is not an integer operand")
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise FixedTypeError(
            f"{where}: expected an integer, got {type(value).__name__} {value!r}"
            + (" (use from_f32/from_f64 for floats)" if isinstance(value, float) else "")
        ) from None


def int_bounds(width: int, signed: bool) -> tuple[int, int]:
    """The inclusive range of a Rust integer of ``width`` bits (``i<width>`` or ``u<width>``)."""
    if signed:
        return -(1 << (width - 1)), (1 << (width - 1)) - 1
    return 0, (1 << width) - 1


class FixedBase:
    """Representation, construction and conversion shared by every fixed-point type.

    ``bits`` is the raw integer and the value is bits / 2**FRAC_BITS. Arithmetic and comparison
    live in the subclass :class:`runtime.primitives.fixed.arith.FixedPoint`.

    Instances are immutable by convention and never built with ``T(...)``: use
    :meth:`from_bits`, :meth:`from_num`, :meth:`from_f32`, :meth:`from_f64` or
    :meth:`from_fraction`.
    """

    __slots__ = ("bits",)

    INT_BITS: ClassVar[int]
    FRAC_BITS: ClassVar[int]
    SIGNED: ClassVar[bool]
    TOTAL_BITS: ClassVar[int]
    MIN_BITS: ClassVar[int]
    MAX_BITS: ClassVar[int]
    ONE_BITS: ClassVar[int]
    FRAC_MASK: ClassVar[int]
    MIN: ClassVar[Any]
    MAX: ClassVar[Any]
    ZERO: ClassVar[Any]
    ONE: ClassVar[Any]
    DELTA: ClassVar[Any]

    bits: int

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Derive the bounds and the constants of a concrete type from INT_BITS / FRAC_BITS."""
        super().__init_subclass__(**kwargs)
        if "INT_BITS" not in cls.__dict__:
            return
        cls.TOTAL_BITS = cls.INT_BITS + cls.FRAC_BITS
        cls.MIN_BITS, cls.MAX_BITS = int_bounds(cls.TOTAL_BITS, cls.SIGNED)
        cls.ONE_BITS = 1 << cls.FRAC_BITS
        cls.FRAC_MASK = cls.ONE_BITS - 1
        cls.MIN = cls._new(cls.MIN_BITS)
        cls.MAX = cls._new(cls.MAX_BITS)
        cls.ZERO = cls._new(0)
        cls.ONE = cls._new(cls.ONE_BITS)
        cls.DELTA = cls._new(1)

    def __new__(cls, *args: object, **kwargs: object) -> Self:
        """Refuse ``T(x)``: whether x would be bits or a value is ambiguous."""
        raise FixedTypeError(
            f"{cls.__name__}(...) is ambiguous: use {cls.__name__}.from_bits, from_num, "
            "from_f32, from_f64 or from_fraction")

    # ------------------------------------------------------------------ construction

    @classmethod
    def _new(cls, bits: int) -> Self:
        """An instance with ``bits`` as given (no range check: callers guarantee the range)."""
        obj = _object_new(cls)
        write_bits_slot(obj, bits)
        return obj

    @classmethod
    def _checked_new(cls, bits: int, what: str) -> Self:
        """An instance with ``bits``, or FixedOverflowError naming ``what`` overflowed."""
        if cls.MIN_BITS <= bits <= cls.MAX_BITS:
            obj = _object_new(cls)
            write_bits_slot(obj, bits)
            return obj
        raise FixedOverflowError(
            f"{cls.__name__} {what} overflow: {exact_decimal(bits, cls.FRAC_BITS)} is outside "
            f"[{exact_decimal(cls.MIN_BITS, cls.FRAC_BITS)}, "
            f"{exact_decimal(cls.MAX_BITS, cls.FRAC_BITS)}]")

    @classmethod
    def _clamped_new(cls, bits: int) -> Self:
        """An instance with ``bits`` clamped to the type's range."""
        if bits > cls.MAX_BITS:
            bits = cls.MAX_BITS
        elif bits < cls.MIN_BITS:
            bits = cls.MIN_BITS
        obj = _object_new(cls)
        write_bits_slot(obj, bits)
        return obj

    @classmethod
    def from_bits(cls, bits: int) -> Self:
        """The number whose raw representation is ``bits`` (Rust ``from_bits``)."""
        value = as_exact_int(bits, f"{cls.__name__}.from_bits")
        if cls.MIN_BITS <= value <= cls.MAX_BITS:
            return cls._new(value)
        raise FixedConversionError(
            f"{cls.__name__}.from_bits: {value} is outside the {cls.TOTAL_BITS}-bit "
            f"{'signed' if cls.SIGNED else 'unsigned'} range")

    @classmethod
    def _bits_of(cls, value: object, where: str) -> int:
        """Exact-or-floored bits of an int or another fixed-point value in this type's scale."""
        if isinstance(value, FixedBase):
            shift = cls.FRAC_BITS - value.FRAC_BITS
            return value.bits << shift if shift >= 0 else value.bits >> -shift
        return as_exact_int(value, where) << cls.FRAC_BITS

    @classmethod
    def from_num(cls, value: int | FixedBase) -> Self:
        """An int (exact) or a fixed-point value (floored to this type's precision).

        Raises FixedOverflowError if the value does not fit. Floats are refused: use
        :meth:`from_f32` / :meth:`from_f64`, which state the float's width.
        """
        return cls._checked_new(cls._bits_of(value, f"{cls.__name__}.from_num"), "from_num")

    @classmethod
    def checked_from_num(cls, value: int | FixedBase) -> Self | None:
        """Like :meth:`from_num` but ``None`` when the value does not fit."""
        bits = cls._bits_of(value, f"{cls.__name__}.checked_from_num")
        return cls._new(bits) if cls.MIN_BITS <= bits <= cls.MAX_BITS else None

    @classmethod
    def saturating_from_num(cls, value: int | FixedBase) -> Self:
        """Like :meth:`from_num` but clamped to [MIN, MAX] (Rust ``saturating_from_num``)."""
        return cls._clamped_new(cls._bits_of(value, f"{cls.__name__}.saturating_from_num"))

    @classmethod
    def _from_float(cls, value: object, single: bool, saturating: bool, where: str) -> Self:
        """Shared body of the float constructors; ``single`` rounds to an f32 first."""
        if not isinstance(value, Real) or isinstance(value, Rational):
            raise FixedTypeError(f"{where}: expected a float, got {type(value).__name__} "
                                 f"{value!r}; use from_num for integers, from_fraction for ratios")
        number = float(value)
        if single:
            number = nearest_f32(number)
        if math.isnan(number):
            raise FixedConversionError(f"{where}: NaN has no fixed-point value")
        if math.isinf(number):
            if saturating:
                return cls.MAX if number > 0 else cls.MIN
            raise FixedOverflowError(f"{where}: {number} does not fit {cls.__name__}")
        bits = float_to_bits(number, cls.FRAC_BITS)
        return cls._clamped_new(bits) if saturating else cls._checked_new(bits, where)

    @classmethod
    def from_f64(cls, value: float) -> Self:
        """The exact value of the f64 rounded to nearest, ties to even; raises if out of range."""
        return cls._from_float(value, False, False, f"{cls.__name__}.from_f64")

    @classmethod
    def from_f32(cls, value: float) -> Self:
        """``value`` first rounded to the nearest f32, then converted like :meth:`from_f64`.

        This is what Rust's ``T::from_num(0.3_f32)`` computes.
        """
        return cls._from_float(value, True, False, f"{cls.__name__}.from_f32")

    @classmethod
    def saturating_from_f64(cls, value: float) -> Self:
        """Like :meth:`from_f64`, clamped to [MIN, MAX] (infinities included); NaN raises."""
        return cls._from_float(value, False, True, f"{cls.__name__}.saturating_from_f64")

    @classmethod
    def saturating_from_f32(cls, value: float) -> Self:
        """Like :meth:`from_f32`, clamped to [MIN, MAX] (infinities included); NaN raises."""
        return cls._from_float(value, True, True, f"{cls.__name__}.saturating_from_f32")

    @classmethod
    def from_fraction(cls, numerator: int | Fraction, denominator: int = 1) -> Self:
        """``numerator / denominator`` floored to ``2**-FRAC_BITS`` (for tests and constants).

        Raises FixedDivisionByZeroError for a zero denominator and FixedOverflowError if the
        floored value does not fit.
        """
        where = f"{cls.__name__}.from_fraction"
        if isinstance(numerator, Fraction):
            num, den = numerator.numerator, numerator.denominator
        else:
            num, den = as_exact_int(numerator, where), 1
        den *= as_exact_int(denominator, where)
        if den == 0:
            raise FixedDivisionByZeroError(f"{where}: zero denominator")
        return cls._checked_new((num << cls.FRAC_BITS) // den, "from_fraction")

    @classmethod
    def from_u16_proportion(cls, value: int) -> Self:
        """A stored u16 proportion as ``value / 65535``, floored (``u16_proportion_to_fixed``)."""
        number = as_exact_int(value, f"{cls.__name__}.from_u16_proportion")
        if not 0 <= number <= U16_MAX:
            raise FixedConversionError(
                f"{cls.__name__}.from_u16_proportion: {number} is not a u16")
        return cls._new((number << cls.FRAC_BITS) // U16_MAX)

    @classmethod
    def from_le_bytes(cls, data: bytes | bytearray | memoryview) -> Self:
        """Decode the SCALE form: the bits as TOTAL_BITS/8 little-endian two's complement bytes.

        substrate-fixed derives ``Encode``/``Decode`` on the raw bits (the phantom type encodes
        to nothing), so this is how an ``I96F32`` or ``U64F64`` sits in storage.
        """
        width = cls.TOTAL_BITS // 8
        if len(data) != width:
            raise FixedConversionError(
                f"{cls.__name__}.from_le_bytes: expected {width} bytes, got {len(data)}")
        return cls._new(int.from_bytes(data, "little", signed=cls.SIGNED))

    def to_le_bytes(self) -> bytes:
        """The SCALE encoding: bits as TOTAL_BITS/8 little-endian two's complement bytes."""
        return self.bits.to_bytes(self.TOTAL_BITS // 8, "little", signed=self.SIGNED)

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse mutation: values (and the shared MIN/MAX/ZERO/ONE constants) are immutable."""
        raise FixedTypeError(f"{type(self).__name__} values are immutable (setting {name!r})")

    def __delattr__(self, name: str) -> None:
        """Refuse mutation: values are immutable."""
        raise FixedTypeError(f"{type(self).__name__} values are immutable (deleting {name!r})")

    def __reduce__(self) -> tuple[Any, tuple[int]]:
        """Pickle and copy through :meth:`from_bits`."""
        return (self.__class__.from_bits, (self.bits,))

    def __copy__(self) -> Self:
        """Values are immutable: a copy is the value itself."""
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Self:
        """Values are immutable: a deep copy is the value itself."""
        return self

    # ------------------------------------------------------------------ conversion out

    def to_fraction(self) -> Fraction:
        """The exact value as a Fraction."""
        return Fraction(self.bits, self.ONE_BITS)

    def to_num_floor(self) -> int:
        """The value floored to an integer (Rust ``to_num::<int>`` without a range check)."""
        return self.bits >> self.FRAC_BITS

    def to_int(self, width: int = 64, signed: bool = False) -> int:
        """The floored value as a Rust integer of ``width`` bits; raises if it does not fit."""
        low, high = int_bounds(width, signed)
        value = self.bits >> self.FRAC_BITS
        if low <= value <= high:
            return value
        kind = "i" if signed else "u"
        raise FixedOverflowError(f"{self!r} floored is {value}, which does not fit {kind}{width}")

    def checked_to_int(self, width: int = 64, signed: bool = False) -> int | None:
        """The floored value as a ``width``-bit integer, or ``None`` if it does not fit."""
        low, high = int_bounds(width, signed)
        value = self.bits >> self.FRAC_BITS
        return value if low <= value <= high else None

    def saturating_to_int(self, width: int = 64, signed: bool = False) -> int:
        """The floored value clamped to a ``width``-bit integer (Rust ``saturating_to_num``)."""
        low, high = int_bounds(width, signed)
        value = self.bits >> self.FRAC_BITS
        return low if value < low else high if value > high else value

    def saturating_to_u64(self) -> int:
        """``saturating_to_num::<u64>()``: floor, clamped to [0, 2**64 - 1]."""
        return self.saturating_to_int(64, False)

    def saturating_to_u16(self) -> int:
        """``saturating_to_num::<u16>()``: floor, clamped to [0, 65535]."""
        return self.saturating_to_int(16, False)

    def to_u16_proportion(self) -> int:
        """floor(x × 65535) clamped to [0, 65535] (reference ``fixed_proportion_to_u16``)."""
        value = (self.bits * U16_MAX) >> self.FRAC_BITS
        return 0 if value < 0 else U16_MAX if value > U16_MAX else value

    # ------------------------------------------------------------------ rounding

    def floor(self) -> Self:
        """The largest integer ≤ the value."""
        return self._new(self._rounded_bits("floor"))

    def ceil(self) -> Self:
        """The smallest integer ≥ the value; raises FixedOverflowError past MAX."""
        return self._checked_new(self._rounded_bits("ceil"), "ceil")

    def round(self) -> Self:
        """The nearest integer, ties away from zero; raises FixedOverflowError past MAX."""
        return self._checked_new(self._rounded_bits("round"), "round")

    def _rounded_bits(self, mode: str) -> int:
        """Raw bits of the floor / ceil / nearest (ties away from zero) integer, unchecked."""
        if mode == "floor":
            return self.bits & ~self.FRAC_MASK
        if mode == "ceil":
            return (self.bits + self.FRAC_MASK) & ~self.FRAC_MASK
        half = self.ONE_BITS >> 1
        if self.bits >= 0:
            return (self.bits + half) & ~self.FRAC_MASK
        return -((half - self.bits) & ~self.FRAC_MASK)

    def checked_round(self) -> Self | None:
        """:meth:`round`, or ``None`` if the result does not fit."""
        bits = self._rounded_bits("round")
        return self._new(bits) if bits <= self.MAX_BITS else None

    def checked_ceil(self) -> Self | None:
        """:meth:`ceil`, or ``None`` if the result does not fit."""
        bits = self._rounded_bits("ceil")
        return self._new(bits) if bits <= self.MAX_BITS else None

    def saturating_round(self) -> Self:
        """:meth:`round` clamped to MAX."""
        return self._clamped_new(self._rounded_bits("round"))

    def saturating_ceil(self) -> Self:
        """:meth:`ceil` clamped to MAX."""
        return self._clamped_new(self._rounded_bits("ceil"))

    def saturating_floor(self) -> Self:
        """:meth:`floor` (it never overflows for these types; named as the reference calls it)."""
        return self._new(self._rounded_bits("floor"))

    def int_part(self) -> Self:
        """Rust ``int()``: the value floored to an integer (two's complement integer bits)."""
        return self._new(self.bits & ~self.FRAC_MASK)

    def frac_part(self) -> Self:
        """Rust ``frac()``: value − floor(value), in [0, 1)."""
        return self._new(self.bits & self.FRAC_MASK)

    # ------------------------------------------------------------------ display, hashing

    def __repr__(self) -> str:
        """``I32F32(0.5)``: the type and the exact decimal value."""
        return f"{self.__class__.__name__}({exact_decimal(self.bits, self.FRAC_BITS)})"

    def __str__(self) -> str:
        """The exact decimal value."""
        return exact_decimal(self.bits, self.FRAC_BITS)

    def __hash__(self) -> int:
        """Equal to the hash of an equal int or Fraction, so mixed-type equality stays sound."""
        if not self.bits & self.FRAC_MASK:
            return hash(self.bits >> self.FRAC_BITS)
        return hash(Fraction(self.bits, self.ONE_BITS))

    def __bool__(self) -> bool:
        """True unless zero."""
        return self.bits != 0


write_bits_slot = FixedBase.__dict__["bits"].__set__
"""Writes the ``bits`` slot, bypassing the refusing ``__setattr__``; only constructors use it."""
