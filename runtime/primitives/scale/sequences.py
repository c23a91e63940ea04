"""Sequences: ``Vec<T>``, ``Vec<u8>`` (bytes), ``String``, arrays ``[T; N]``, tuples, ``()``."""

from __future__ import annotations

import struct
from typing import Any

import numpy as np

from runtime.primitives.scale.base import (
    ArrayDef,
    Buffer,
    PrimitiveDef,
    ScaleType,
    SequenceDef,
    TupleDef,
    TypeDef,
)
from runtime.primitives.scale.errors import DecodeError, EncodeError, TypeDefinitionError
from runtime.primitives.scale.ints import U8, FixedInt, decode_compact, encode_compact

# A Vec of zero-sized elements (``Vec<()>``) cannot be bounded by the input length; cap it.
MAX_ZERO_SIZED_ITEMS = 1 << 16
_BYTES_LIKE = (bytes, bytearray, memoryview)
_NOT_A_LIST = (str, dict, *_BYTES_LIKE)


def read_length(type_name: str, data: Buffer, offset: int, item_size: int) -> tuple[int, int]:
    """Decode a compact length prefix and check the items can fit in what is left of the input."""
    count, start = decode_compact(data, offset, type_name)
    if item_size:
        if count * item_size > len(data) - start:
            raise DecodeError(type_name, offset,
                              f"length prefix {count} exceeds the {len(data) - start} bytes left")
    elif count > MAX_ZERO_SIZED_ITEMS:
        raise DecodeError(type_name, offset, f"{count} zero-sized items is over the limit")
    return count, start


class BytesType(ScaleType):
    """``Vec<u8>``: compact length then raw bytes; the Python value is ``bytes``."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("Vec<u8>", min_size=1)

    def encode(self, value: Any) -> bytes:
        """Length-prefixed bytes; accepts bytes, bytearray or memoryview."""
        if not isinstance(value, _BYTES_LIKE):
            raise EncodeError(self.name, f"expected bytes, got {type(value).__name__}")
        return encode_compact(len(value)) + bytes(value)

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[bytes, int]:
        """Read the length prefix and that many bytes."""
        count, start = read_length(self.name, data, offset, 1)
        end = start + count
        return bytes(data[start:end]), end

    def type_def(self) -> TypeDef:
        """``Sequence(u8)``."""
        return SequenceDef(U8)


class StrType(ScaleType):
    """``String``/``&str``: compact byte length then UTF-8; invalid UTF-8 is a decode error."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("String", min_size=1)

    def encode(self, value: Any) -> bytes:
        """Length-prefixed UTF-8 of a ``str``."""
        if not isinstance(value, str):
            raise EncodeError(self.name, f"expected str, got {type(value).__name__}")
        try:
            raw = value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise EncodeError(self.name, f"not encodable as UTF-8: {exc.reason}") from None
        return encode_compact(len(raw)) + raw

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[str, int]:
        """Read the length prefix and decode that many bytes as strict UTF-8."""
        count, start = read_length(self.name, data, offset, 1)
        end = start + count
        try:
            return bytes(data[start:end]).decode("utf-8"), end
        except UnicodeDecodeError as exc:
            position = start + exc.start
            raise DecodeError(self.name, position, f"invalid UTF-8 ({exc.reason})") from None

    def type_def(self) -> TypeDef:
        """``Primitive(str)``."""
        return PrimitiveDef("str")


class VecType(ScaleType):
    """``Vec<T>`` (also ``BoundedVec``, ``VecDeque``): compact length then the items; value: list.

    Vectors of fixed-width integers up to 64 bits are packed and unpacked with one ``struct`` call
    (measured faster than numpy ``frombuffer(...).tolist()`` for a few hundred items); vectors of
    tuples of such integers (``Vec<(u16, u16)>``, the weights layout) with ``struct.iter_unpack``.
    """

    __slots__ = ("_code", "_row", "item")

    def __init__(self, item: ScaleType) -> None:
        super().__init__(f"Vec<{item.name}>", min_size=1)
        self.item = item
        self._code = _int_code(item)
        row_codes = [_int_code(t) for t in item.items] if isinstance(item, TupleType) else [None]
        self._row = None if None in row_codes else struct.Struct("<" + "".join(row_codes))

    def encode(self, value: Any) -> bytes:
        """Compact length then every item's encoding."""
        try:
            count = len(value)
        except TypeError:
            kind = type(value).__name__
            raise EncodeError(self.name, f"expected a sequence, got {kind}") from None
        if isinstance(value, _NOT_A_LIST):
            raise EncodeError(self.name, f"expected a list, got {type(value).__name__}")
        try:
            if self._code is not None:
                return encode_compact(count) + struct.pack(f"<{count}{self._code}", *value)
            if self._row is not None:
                pack = self._row.pack
                return encode_compact(count) + b"".join([pack(*row) for row in value])
        except (struct.error, TypeError):
            pass  # fall through: the per-item path names the offending item
        encode_item = self.item.encode
        try:
            return encode_compact(count) + b"".join([encode_item(item) for item in value])
        except EncodeError as exc:
            raise EncodeError(self.name, f"item: {exc}") from None

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[list[Any], int]:
        """Read the length prefix (checked against the input left) and the items."""
        item = self.item
        count, position = read_length(self.name, data, offset, item.min_size)
        if self._code is not None:
            end = position + count * item.fixed_size
            return list(struct.unpack_from(f"<{count}{self._code}", data, position)), end
        if self._row is not None:
            end = position + count * self._row.size
            return list(self._row.iter_unpack(memoryview(data)[position:end])), end
        decode_item = item.decode_from
        items = []
        append = items.append
        for _ in range(count):
            value, position = decode_item(data, position)
            append(value)
        return items, position

    def type_def(self) -> TypeDef:
        """``Sequence(T)``."""
        return SequenceDef(self.item)

    def decode_numpy_from(self, data: Buffer, offset: int = 0) -> tuple[np.ndarray, int]:
        """Decode a vector of integers (shape ``(n,)``) or of tuples of same-width integers
        (shape ``(n, k)``, e.g. ``Vec<(u16, u16)>`` weights) straight into a numpy array."""
        dtype, width = self._numpy_layout()
        count, position = read_length(self.name, data, offset, self.item.fixed_size or 1)
        flat = np.frombuffer(data, dtype=dtype, count=count * width, offset=position)
        end = position + count * (self.item.fixed_size or 0)
        return (flat.reshape(count, width) if width > 1 else flat).copy(), end

    def encode_numpy(self, values: np.ndarray) -> bytes:
        """Encode an integer array of shape ``(n,)`` (or ``(n, k)`` for tuples); every value is
        range-checked against the item type before it is narrowed."""
        dtype, width = self._numpy_layout()
        array = np.asarray(values)
        expected = (len(array),) if width == 1 else (len(array), width)
        if array.shape != expected or array.dtype.kind not in "iu":
            raise EncodeError(self.name, f"expected an integer array of shape {expected}, got "
                              f"{array.dtype} {array.shape}")
        info = np.iinfo(dtype)
        if array.size and (int(array.min()) < info.min or int(array.max()) > info.max):
            raise EncodeError(self.name, f"values outside {info.min}..{info.max}")
        return encode_compact(len(array)) + array.astype(dtype, copy=False).tobytes()

    def _numpy_layout(self) -> tuple[np.dtype, int]:
        codes = [self._code] if self._code is not None else (
            [_int_code(t) for t in self.item.items] if self._row is not None else [None])
        if None in codes or len(set(codes)) != 1:
            raise TypeDefinitionError(f"{self.name}: numpy decoding needs integer items of one "
                                      "width (or tuples of them)")
        return np.dtype("<" + codes[0]), len(codes)  # type: ignore[operator]

    def ord_key(self, value: Any) -> Any:
        """Lexicographic over the items' keys."""
        key = self.item.ord_key
        return tuple(key(item) for item in value)


def _int_code(item: ScaleType) -> str | None:
    """The one-character ``struct`` code of an integer of at most 64 bits, else None."""
    code = item.struct_code if isinstance(item, FixedInt) else None
    return code if code is not None and len(code) == 1 else None


class ByteArrayType(ScaleType):
    """``[u8; N]`` (hashes, account ids, signatures): N raw bytes, no length; value: ``bytes``."""

    __slots__ = ("length",)

    def __init__(self, length: int) -> None:
        super().__init__(f"[u8; {length}]", min_size=length, fixed_size=length)
        self.length = length

    def encode(self, value: Any) -> bytes:
        """The bytes themselves; the length must be exactly N."""
        if not isinstance(value, _BYTES_LIKE):
            raise EncodeError(self.name, f"expected bytes, got {type(value).__name__}")
        if len(value) != self.length:
            raise EncodeError(self.name, f"expected {self.length} bytes, got {len(value)}")
        return bytes(value)

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[bytes, int]:
        """Read N bytes."""
        end = offset + self.length
        if end > len(data):
            raise DecodeError(self.name, offset,
                              f"needs {self.length} bytes, {max(len(data) - offset, 0)} left")
        return bytes(data[offset:end]), end

    def type_def(self) -> TypeDef:
        """``Array(N, u8)``."""
        return ArrayDef(self.length, U8)


class ArrayType(ScaleType):
    """``[T; N]`` for any T: N items, no length; value: list."""

    __slots__ = ("item", "length")

    def __init__(self, item: ScaleType, length: int) -> None:
        fixed = item.fixed_size * length if item.fixed_size is not None else None
        super().__init__(f"[{item.name}; {length}]", min_size=item.min_size * length,
                         fixed_size=fixed)
        self.item = item
        self.length = length

    def encode(self, value: Any) -> bytes:
        """The items' encodings concatenated; exactly N items."""
        if not isinstance(value, (list, tuple)):
            raise EncodeError(self.name, f"expected a list, got {type(value).__name__}")
        if len(value) != self.length:
            raise EncodeError(self.name, f"expected {self.length} items, got {len(value)}")
        encode_item = self.item.encode
        return b"".join([encode_item(item) for item in value])

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[list[Any], int]:
        """Read N items."""
        decode_item = self.item.decode_from
        items = []
        for _ in range(self.length):
            value, offset = decode_item(data, offset)
            items.append(value)
        return items, offset

    def type_def(self) -> TypeDef:
        """``Array(N, T)``."""
        return ArrayDef(self.length, self.item)

    def ord_key(self, value: Any) -> Any:
        """Lexicographic over the items' keys."""
        key = self.item.ord_key
        return tuple(key(item) for item in value)


class TupleType(ScaleType):
    """``(A, B, ...)``: the items concatenated; value: tuple. The empty tuple is ``Unit``.

    Tuples of two or more items run through a compiled struct codec (fixed-width runs unpacked
    with one ``struct`` call, see ``codegen``).
    """

    __slots__ = ("_compiled", "items")

    def __init__(self, items: tuple[ScaleType, ...]) -> None:
        from runtime.primitives.scale.composite import StructType

        sizes = [t.fixed_size for t in items]
        fixed = sum(sizes) if None not in sizes else None  # type: ignore[arg-type]
        name = "(" + ", ".join(t.name for t in items) + ("," if len(items) == 1 else "") + ")"
        super().__init__(name, min_size=sum(t.min_size for t in items), fixed_size=fixed)
        self.items = items
        self._compiled = StructType(name, [(None, t) for t in items]) if len(items) > 1 else None

    def encode(self, value: Any) -> bytes:
        """Each item's encoding in order; the value must have exactly as many items."""
        if not isinstance(value, (tuple, list)) or len(value) != len(self.items):
            raise EncodeError(self.name, f"expected a {len(self.items)}-tuple, got {value!r}")
        if self._compiled is not None:
            return self._compiled.encode(value if type(value) is tuple else tuple(value))
        return self.items[0].encode(value[0])

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[tuple[Any, ...], int]:
        """Each item in order."""
        if self._compiled is not None:
            return self._compiled.decode_from(data, offset)
        value, offset = self.items[0].decode_from(data, offset)
        return (value,), offset

    def type_def(self) -> TypeDef:
        """``Tuple(types)``."""
        return TupleDef(self.items)

    def ord_key(self, value: Any) -> Any:
        """Lexicographic over the items' keys."""
        return tuple(t.ord_key(v) for t, v in zip(self.items, value, strict=True))


class UnitType(ScaleType):
    """``()``: encodes to nothing; its Python value is None (``()`` is accepted when encoding)."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("()", min_size=0, fixed_size=0)

    def encode(self, value: Any) -> bytes:
        """Empty bytes."""
        if value is not None and value != ():
            raise EncodeError(self.name, f"expected None, got {value!r}")
        return b""

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[None, int]:
        """Consumes nothing."""
        return None, offset

    def type_def(self) -> TypeDef:
        """The empty tuple."""
        return TupleDef(())


Bytes = BytesType()
Str = StrType()
Unit = UnitType()
_VEC_CACHE: dict[int, VecType] = {}
_ARRAY_CACHE: dict[tuple[int, int], tuple[ScaleType, ScaleType]] = {}
_TUPLE_CACHE: dict[tuple[int, ...], TupleType] = {}


def _is_u8(item: ScaleType) -> bool:
    return isinstance(item, FixedInt) and item.bits == 8 and not item.signed


def Vec(item: ScaleType) -> ScaleType:
    """``Vec<item>``; ``Vec(U8)`` is ``Bytes`` (value ``bytes``)."""
    if _is_u8(item):
        return Bytes
    cached = _VEC_CACHE.get(id(item))
    if cached is None or cached.item is not item:
        cached = _VEC_CACHE[id(item)] = VecType(item)
    return cached


def Array(item: ScaleType, length: int) -> ScaleType:
    """``[item; length]``; byte arrays (``[u8; 32]``) have ``bytes`` values; the same arguments
    give the same object."""
    if not isinstance(length, int) or length < 0:
        raise TypeDefinitionError(f"array length must be a non-negative int, got {length!r}")
    key = (id(item), length)
    cached = _ARRAY_CACHE.get(key)
    if cached is None or cached[0] is not item:  # the entry keeps ``item`` alive, so ids are stable
        array = ByteArrayType(length) if _is_u8(item) else ArrayType(item, length)
        cached = _ARRAY_CACHE[key] = (item, array)
    return cached[1]


def Tuple(*items: ScaleType) -> ScaleType:
    """``(items...)``; ``Tuple()`` is ``Unit``; the same items give the same object."""
    if not items:
        return Unit
    key = tuple(id(item) for item in items)
    cached = _TUPLE_CACHE.get(key)
    if cached is None or any(a is not b for a, b in zip(cached.items, items, strict=True)):
        cached = _TUPLE_CACHE[key] = TupleType(tuple(items))
    return cached
