"""Rust integer semantics for fixed-width unsigned and signed integers on Python ints.

Pallet arithmetic in the reference is written with ``saturating_*`` / ``checked_*`` methods of
``u16``, ``u32``, ``u64``, ``u128`` (and occasionally signed types). These helpers reproduce them
for a given bit width:

* ``checked_add/sub/mul/div/rem/pow`` return ``None`` on overflow (or a zero divisor);
* ``saturating_add/sub/mul/pow`` clamp to [MIN, MAX] (``saturating_div`` only overflows for
  ``MIN / -1`` of a signed type; a zero divisor raises, as it panics in Rust);
* ``wrapping_add/sub/mul`` reduce modulo 2**width (two's complement for signed widths);
* ``safe_div`` is the safe-math crate's: zero on a zero divisor (or an overflow).

Division truncates toward zero as in Rust (Python's ``//`` floors; the two differ for negative
operands). Operands must already lie in the type's range: an out-of-range operand is a bug in the
caller and raises :class:`IntRangeError` rather than being silently reduced. Widths default to
64 bits unsigned (``u64``, the type of balances and stakes).
"""

from __future__ import annotations

from functools import cache


class IntRangeError(ValueError):
    """A value lies outside the range of the Rust integer type it is meant to be."""


class IntDivisionByZeroError(ZeroDivisionError):
    """Division by zero where Rust would panic (plain or saturating division)."""


U8_MAX = (1 << 8) - 1
U16_MAX = (1 << 16) - 1
U32_MAX = (1 << 32) - 1
U64_MAX = (1 << 64) - 1
U128_MAX = (1 << 128) - 1
I8_MIN, I8_MAX = -(1 << 7), (1 << 7) - 1
I16_MIN, I16_MAX = -(1 << 15), (1 << 15) - 1
I32_MIN, I32_MAX = -(1 << 31), (1 << 31) - 1
I64_MIN, I64_MAX = -(1 << 63), (1 << 63) - 1
I128_MIN, I128_MAX = -(1 << 127), (1 << 127) - 1

WIDTHS = (8, 16, 32, 64, 128)
"""The widths Rust has (usize is 64 bits in the runtime's native build, 32 in wasm: avoid it)."""


@cache
def bounds(width: int = 64, signed: bool = False) -> tuple[int, int]:
    """(MIN, MAX) of ``u<width>`` or ``i<width>``; IntRangeError for a width Rust lacks."""
    if width not in WIDTHS:
        raise IntRangeError(f"no Rust integer type has {width} bits (expected one of {WIDTHS})")
    if signed:
        return -(1 << (width - 1)), (1 << (width - 1)) - 1
    return 0, (1 << width) - 1


def type_name(width: int = 64, signed: bool = False) -> str:
    """``u64``, ``i32``, ..."""
    return f"{'i' if signed else 'u'}{width}"


def fits(value: int, width: int = 64, signed: bool = False) -> bool:
    """Whether ``value`` is representable in ``u<width>`` / ``i<width>``."""
    low, high = bounds(width, signed)
    return low <= value <= high


def ensure(value: int, width: int = 64, signed: bool = False, what: str = "value") -> int:
    """``value`` itself if it fits, else IntRangeError naming ``what`` and the type."""
    low, high = bounds(width, signed)
    if low <= value <= high:
        return value
    raise IntRangeError(f"{what} = {value} does not fit {type_name(width, signed)}")


def _operands(a: int, b: int, width: int, signed: bool) -> tuple[int, int]:
    """The type's bounds, after checking both operands lie within them."""
    low, high = bounds(width, signed)
    if not (low <= a <= high and low <= b <= high):
        bad = a if not low <= a <= high else b
        raise IntRangeError(f"operand {bad} is not a {type_name(width, signed)}")
    return low, high


def _trunc_div(a: int, b: int) -> int:
    """a / b truncated toward zero (Rust integer division); b ≠ 0."""
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b > 0) else -quotient


# ---------------------------------------------------------------------- checked


def checked_add(a: int, b: int, width: int = 64, signed: bool = False) -> int | None:
    """a + b, or None on overflow."""
    low, high = _operands(a, b, width, signed)
    result = a + b
    return result if low <= result <= high else None


def checked_sub(a: int, b: int, width: int = 64, signed: bool = False) -> int | None:
    """a − b, or None on overflow (for unsigned types: when b > a)."""
    low, high = _operands(a, b, width, signed)
    result = a - b
    return result if low <= result <= high else None


def checked_mul(a: int, b: int, width: int = 64, signed: bool = False) -> int | None:
    """a × b, or None on overflow."""
    low, high = _operands(a, b, width, signed)
    result = a * b
    return result if low <= result <= high else None


def checked_div(a: int, b: int, width: int = 64, signed: bool = False) -> int | None:
    """a / b truncated toward zero, or None for b = 0 or MIN / −1."""
    low, high = _operands(a, b, width, signed)
    if b == 0:
        return None
    result = _trunc_div(a, b)
    return result if low <= result <= high else None


def checked_rem(a: int, b: int, width: int = 64, signed: bool = False) -> int | None:
    """Rust ``%`` (sign of the dividend), or None for b = 0 or MIN % −1."""
    low, _ = _operands(a, b, width, signed)
    if b == 0 or (signed and a == low and b == -1):
        return None
    return a - b * _trunc_div(a, b)


def checked_pow(base: int, exponent: int, width: int = 64, signed: bool = False) -> int | None:
    """base ** exponent (exponent a u32), or None on overflow."""
    low, high = _operands(base, 0, width, signed)
    ensure(exponent, 32, False, "exponent")
    if base in (0, 1) or (base == -1 and signed):
        return base**exponent
    if exponent > width:  # |base| ≥ 2 overflows long before: avoid a huge power
        return None
    result = base**exponent
    return result if low <= result <= high else None


# ---------------------------------------------------------------------- saturating


def _clamp(value: int, low: int, high: int) -> int:
    return low if value < low else high if value > high else value


def saturating_add(a: int, b: int, width: int = 64, signed: bool = False) -> int:
    """a + b clamped to the type's range."""
    low, high = _operands(a, b, width, signed)
    return _clamp(a + b, low, high)


def saturating_sub(a: int, b: int, width: int = 64, signed: bool = False) -> int:
    """a − b clamped to the type's range (0 for unsigned b > a)."""
    low, high = _operands(a, b, width, signed)
    return _clamp(a - b, low, high)


def saturating_mul(a: int, b: int, width: int = 64, signed: bool = False) -> int:
    """a × b clamped to the type's range."""
    low, high = _operands(a, b, width, signed)
    return _clamp(a * b, low, high)


def saturating_div(a: int, b: int, width: int = 64, signed: bool = False) -> int:
    """a / b truncated toward zero, MIN / −1 clamped to MAX; IntDivisionByZeroError for b = 0."""
    low, high = _operands(a, b, width, signed)
    if b == 0:
        raise IntDivisionByZeroError(f"{type_name(width, signed)} saturating_div: {a} / 0")
    return _clamp(_trunc_div(a, b), low, high)


def saturating_pow(base: int, exponent: int, width: int = 64, signed: bool = False) -> int:
    """base ** exponent clamped to the type's range (sign of the true result decides MIN/MAX)."""
    low, high = bounds(width, signed)
    result = checked_pow(base, exponent, width, signed)
    if result is not None:
        return result
    return low if base < 0 and exponent % 2 else high


# ---------------------------------------------------------------------- wrapping, safe


def _wrap(value: int, width: int, signed: bool) -> int:
    value &= (1 << width) - 1
    if signed and value >> (width - 1):
        value -= 1 << width
    return value


def wrapping_add(a: int, b: int, width: int = 64, signed: bool = False) -> int:
    """a + b modulo 2**width (two's complement for signed widths)."""
    _operands(a, b, width, signed)
    return _wrap(a + b, width, signed)


def wrapping_sub(a: int, b: int, width: int = 64, signed: bool = False) -> int:
    """a − b modulo 2**width (two's complement for signed widths)."""
    _operands(a, b, width, signed)
    return _wrap(a - b, width, signed)


def wrapping_mul(a: int, b: int, width: int = 64, signed: bool = False) -> int:
    """a × b modulo 2**width (two's complement for signed widths)."""
    _operands(a, b, width, signed)
    return _wrap(a * b, width, signed)


def safe_div(a: int, b: int, width: int = 64, signed: bool = False) -> int:
    """safe-math ``safe_div``: a / b truncated toward zero, or 0 for b = 0 (or MIN / −1)."""
    result = checked_div(a, b, width, signed)
    return 0 if result is None else result
