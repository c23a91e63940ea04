"""Fixed-width integers (u8..u256, i8..i256), bool and compact integers (substrate.md §1.1-1.2)."""

from __future__ import annotations

import struct
from operator import index as _as_index
from typing import Any

from runtime.primitives.scale.base import (
    Buffer,
    CompactDef,
    PrimitiveDef,
    ScaleType,
    TupleDef,
    TypeDef,
)
from runtime.primitives.scale.errors import DecodeError, EncodeError, TypeDefinitionError

_STRUCT_CODES = {(8, False): "B", (16, False): "H", (32, False): "I", (64, False): "Q",
                 (8, True): "b", (16, True): "h", (32, True): "i", (64, True): "q"}
_SINGLE_BYTE = tuple(bytes((i << 2,)) for i in range(64))
_MAX_COMPACT_BYTES = 67


class FixedInt(ScaleType):
    """A fixed-width little-endian integer (two's complement when signed).

    Widths up to 64 bits use a precompiled ``struct`` format; 128 and 256 bits use ``int.to_bytes``.
    ``struct_code`` is the ``struct`` format of the value ("I", "QQ" for 128-bit), used by the
    struct fast path of ``Struct``.
    """

    __slots__ = ("_pack", "_unpack", "bits", "max_value", "min_value", "signed", "struct_code")

    def __init__(self, bits: int, signed: bool) -> None:
        name = f"{'i' if signed else 'u'}{bits}"
        super().__init__(name, min_size=bits // 8, fixed_size=bits // 8)
        self.bits = bits
        self.signed = signed
        self.min_value = -(1 << (bits - 1)) if signed else 0
        self.max_value = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
        code = _STRUCT_CODES.get((bits, signed))
        self.struct_code = code if code else ("Qq" if signed else "QQ") if bits == 128 else None
        compiled = struct.Struct("<" + code) if code else None
        self._pack = compiled.pack if compiled else None
        self._unpack = compiled.unpack_from if compiled else None

    def encode(self, value: Any) -> bytes:
        """Little-endian bytes of ``value``; ``EncodeError`` if out of range or not an integer."""
        if self._pack is not None:
            try:
                return self._pack(value)
            except (struct.error, TypeError):
                raise self._encode_error(value) from None
        try:
            return _as_index(value).to_bytes(self.fixed_size, "little", signed=self.signed)
        except (OverflowError, TypeError):
            raise self._encode_error(value) from None

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[int, int]:
        """Read ``bits // 8`` bytes at ``offset``."""
        size = self.fixed_size
        if self._unpack is not None:
            try:
                return self._unpack(data, offset)[0], offset + size
            except struct.error:
                raise self._short(data, offset) from None
        end = offset + size
        if end > len(data):
            raise self._short(data, offset)
        return int.from_bytes(data[offset:end], "little", signed=self.signed), end

    def type_def(self) -> TypeDef:
        """``Primitive(uN/iN)``."""
        return PrimitiveDef(self.name)

    def _encode_error(self, value: Any) -> EncodeError:
        if isinstance(value, int) or hasattr(value, "__index__"):
            bounds = f"{self.min_value}..{self.max_value}"
            return EncodeError(self.name, f"{value!r} is outside {bounds}")
        return EncodeError(self.name, f"expected an integer, got {type(value).__name__}")

    def _short(self, data: Buffer, offset: int) -> DecodeError:
        available = max(len(data) - offset, 0)
        return DecodeError(self.name, offset, f"needs {self.fixed_size} bytes, {available} left")


class BoolType(ScaleType):
    """``bool``: one byte, 0x00 false / 0x01 true; any other byte is a decode error."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("bool", min_size=1, fixed_size=1)

    def encode(self, value: Any) -> bytes:
        """``01`` for True, ``00`` for False; anything but a bool is an ``EncodeError``."""
        if value is True:
            return b"\x01"
        if value is False:
            return b"\x00"
        raise EncodeError("bool", f"expected True or False, got {value!r}")

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[bool, int]:
        """Read one byte that must be 0 or 1."""
        try:
            byte = data[offset]
        except IndexError:
            raise DecodeError("bool", offset, "input ends before the byte") from None
        if byte > 1:
            raise DecodeError("bool", offset, f"invalid bool byte 0x{byte:02x}")
        return byte == 1, offset + 1

    def type_def(self) -> TypeDef:
        """``Primitive(bool)``."""
        return PrimitiveDef("bool")


def encode_compact(value: int) -> bytes:
    """The compact encoding of a non-negative integer below 2**536 (smallest mode)."""
    if type(value) is not int:
        try:
            value = _as_index(value)
        except TypeError:
            kind = type(value).__name__
            raise EncodeError("Compact", f"expected an integer, got {kind}") from None
    if value < 0:
        raise EncodeError("Compact", f"{value} is negative")
    if value < 64:
        return _SINGLE_BYTE[value]
    if value < 0x4000:
        return ((value << 2) | 1).to_bytes(2, "little")
    if value < 0x40000000:
        return ((value << 2) | 2).to_bytes(4, "little")
    length = (value.bit_length() + 7) >> 3
    if length > _MAX_COMPACT_BYTES:
        raise EncodeError("Compact", "value needs more than 67 bytes")
    return bytes((((length - 4) << 2) | 3,)) + value.to_bytes(length, "little")


def decode_compact(data: Buffer, offset: int = 0, type_name: str = "Compact") -> tuple[int, int]:
    """Decode a canonical compact integer at ``offset``; returns (value, new offset).

    Non-minimal encodings (a mode wider than needed, or a big-mode value with a zero top byte) are
    rejected, as parity-scale-codec does.
    """
    try:
        first = data[offset]
    except IndexError:
        raise DecodeError(type_name, offset, "input ends before the compact prefix") from None
    mode = first & 3
    if mode == 0:
        return first >> 2, offset + 1
    if mode == 1:
        end = offset + 2
        _need(data, offset, end, type_name)
        value = (first | (data[offset + 1] << 8)) >> 2
        if value < 64:
            raise DecodeError(type_name, offset, f"non-canonical: {value} in 2-byte mode")
        return value, end
    if mode == 2:
        end = offset + 4
        _need(data, offset, end, type_name)
        value = int.from_bytes(data[offset:end], "little") >> 2
        if value < 0x4000:
            raise DecodeError(type_name, offset, f"non-canonical: {value} in 4-byte mode")
        return value, end
    end = offset + 1 + (first >> 2) + 4
    _need(data, offset, end, type_name)
    if data[end - 1] == 0:
        raise DecodeError(type_name, offset, "non-canonical: big mode with a zero top byte")
    value = int.from_bytes(data[offset + 1:end], "little")
    if value < 0x40000000:
        raise DecodeError(type_name, offset, f"non-canonical: {value} in big-integer mode")
    return value, end


def _need(data: Buffer, offset: int, end: int, type_name: str) -> None:
    if end > len(data):
        raise DecodeError(type_name, offset,
                          f"needs {end - offset} bytes, {max(len(data) - offset, 0)} left")


class CompactType(ScaleType):
    """``Compact<T>`` for an unsigned integer type ``T`` (or a one-field wrapper of one, i.e.
    ``CompactAs`` such as ``Perbill``); decoding rejects values above ``T``'s maximum."""

    __slots__ = ("inner", "max_value")

    def __init__(self, inner: ScaleType) -> None:
        integer = _compact_integer(inner)
        super().__init__(f"Compact<{inner.name}>", min_size=1)
        self.inner = inner
        self.max_value = integer.max_value

    def encode(self, value: Any) -> bytes:
        """The compact encoding; ``EncodeError`` if negative or above ``T``'s maximum."""
        if type(value) is int and 0 <= value < 64:
            return _SINGLE_BYTE[value]
        try:
            encoded = encode_compact(value)
        except EncodeError as exc:
            raise EncodeError(self.name, exc.reason) from None
        if value > self.max_value:
            raise EncodeError(self.name, f"{value} exceeds {self.max_value}")
        return encoded

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[int, int]:
        """Decode a canonical compact and check it fits ``T``."""
        value, end = decode_compact(data, offset, self.name)
        if value > self.max_value:
            raise DecodeError(self.name, offset, f"{value} exceeds {self.max_value}")
        return value, end

    def type_def(self) -> TypeDef:
        """``Compact(T)``."""
        return CompactDef(self.inner)


class CompactUnitType(ScaleType):
    """``Compact<()>``: zero bytes, value None (parity-scale-codec encodes it as nothing). It is
    what ``MultiAddress<AccountId, ()>::Index`` carries on chains without an indices pallet."""

    __slots__ = ("inner",)

    def __init__(self, inner: ScaleType) -> None:
        super().__init__("Compact<()>", min_size=0, fixed_size=0)
        self.inner = inner

    def encode(self, value: Any) -> bytes:
        """Empty bytes."""
        if value is not None and value != ():
            raise EncodeError(self.name, f"expected None, got {value!r}")
        return b""

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[None, int]:
        """Consumes nothing."""
        return None, offset

    def type_def(self) -> TypeDef:
        """``Compact(())``."""
        return CompactDef(self.inner)


def _is_unit(inner: ScaleType) -> bool:
    definition = inner.type_def()
    return isinstance(definition, TupleDef) and not definition.types


def _compact_integer(inner: ScaleType) -> FixedInt:
    """The unsigned integer under ``inner``, looking through one-field transparent wrappers."""
    probe = inner
    while not isinstance(probe, FixedInt):
        fields = getattr(probe, "fields", None)
        if not fields or len(fields) != 1:
            raise TypeDefinitionError(f"Compact<{inner.name}>: not an unsigned integer type")
        probe = fields[0].type
    if probe.signed:
        raise TypeDefinitionError(f"Compact<{inner.name}>: signed integers have no compact form")
    return probe


U8 = FixedInt(8, False)
U16 = FixedInt(16, False)
U32 = FixedInt(32, False)
U64 = FixedInt(64, False)
U128 = FixedInt(128, False)
U256 = FixedInt(256, False)
I8 = FixedInt(8, True)
I16 = FixedInt(16, True)
I32 = FixedInt(32, True)
I64 = FixedInt(64, True)
I128 = FixedInt(128, True)
I256 = FixedInt(256, True)
Bool = BoolType()

_COMPACT_CACHE: dict[int, CompactType | CompactUnitType] = {}


def Compact(inner: ScaleType) -> CompactType | CompactUnitType:
    """``Compact<inner>`` (``Compact<()>`` is zero-sized); the same inner type gives the same
    object."""
    cached = _COMPACT_CACHE.get(id(inner))
    if cached is None or cached.inner is not inner:
        cached = CompactUnitType(inner) if _is_unit(inner) else CompactType(inner)
        _COMPACT_CACHE[id(inner)] = cached
    return cached
