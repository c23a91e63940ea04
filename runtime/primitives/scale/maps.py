"""``BTreeMap<K, V>`` and ``BTreeSet<T>``: compact count, then entries in the key's Rust ``Ord``."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from runtime.primitives.scale.base import (
    Buffer,
    CompositeDef,
    Field,
    ScaleType,
    TypeDef,
    TypeParam,
)
from runtime.primitives.scale.errors import EncodeError, TypeDefinitionError
from runtime.primitives.scale.ints import encode_compact
from runtime.primitives.scale.sequences import Tuple, Vec, VecType, read_length

_UNHASHABLE_KEYS = (VecType,)


class BTreeMapType(ScaleType):
    """``BTreeMap<K, V>``; value: ``dict`` whose iteration order is the Rust key order.

    Encoding sorts by ``K.ord_key`` (integers numerically, byte strings lexicographically,
    enums by variant index, ...), not by encoded bytes. Decoding follows Rust: entries may come
    in any order and a repeated key keeps the last value; the dict is returned in key order.
    Key types must decode to hashable Python values (not ``Vec<T>`` other than ``Vec<u8>``).
    """

    __slots__ = ("key", "value")

    def __init__(self, key: ScaleType, value: ScaleType) -> None:
        if isinstance(key, _UNHASHABLE_KEYS):
            raise TypeDefinitionError(f"BTreeMap key {key.name} decodes to an unhashable list")
        super().__init__(f"BTreeMap<{key.name}, {value.name}>", min_size=1, path=("BTreeMap",),
                         params=(TypeParam("K", key), TypeParam("V", value)))
        self.key = key
        self.value = value

    def encode(self, value: Any) -> bytes:
        """Count, then ``K ‖ V`` pairs in ascending key order; accepts a mapping or pairs."""
        pairs = list(value.items()) if isinstance(value, Mapping) else _pairs(self.name, value)
        order = self.key.ord_key
        pairs.sort(key=lambda pair: order(pair[0]))
        _reject_duplicates(self.name, [order(k) for k, _ in pairs])
        encode_key, encode_value = self.key.encode, self.value.encode
        body = b"".join([encode_key(k) + encode_value(v) for k, v in pairs])
        return encode_compact(len(pairs)) + body

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[dict[Any, Any], int]:
        """Count, then that many key/value pairs."""
        count, position = read_length(self.name, data, offset,
                                       self.key.min_size + self.value.min_size)
        decode_key, decode_value = self.key.decode_from, self.value.decode_from
        result: dict[Any, Any] = {}
        for _ in range(count):
            key, position = decode_key(data, position)
            item, position = decode_value(data, position)
            result.pop(key, None)
            result[key] = item
        order = self.key.ord_key
        keys = [order(k) for k in result]
        if any(a >= b for a, b in itertools.pairwise(keys)):
            result = dict(sorted(result.items(), key=lambda pair: order(pair[0])))
        return result, position

    def type_def(self) -> TypeDef:
        """scale-info: a composite with one unnamed field ``Vec<(K, V)>``."""
        return CompositeDef((Field(None, Vec(Tuple(self.key, self.value)), "Vec<(K, V)>"),))


class BTreeSetType(ScaleType):
    """``BTreeSet<T>``; value: a list in ascending Rust order without duplicates.

    Encoding accepts any iterable (a set, a list) and sorts it; duplicates are an ``EncodeError``.
    Decoding, as in Rust, sorts and removes duplicates.
    """

    __slots__ = ("item",)

    def __init__(self, item: ScaleType) -> None:
        super().__init__(f"BTreeSet<{item.name}>", min_size=1, path=("BTreeSet",),
                         params=(TypeParam("T", item),))
        self.item = item

    def encode(self, value: Any) -> bytes:
        """Count, then the items in ascending order."""
        if isinstance(value, (str, bytes, Mapping)):
            raise EncodeError(self.name, f"expected a set or list, got {type(value).__name__}")
        try:
            items = list(value)
        except TypeError:
            raise EncodeError(self.name, f"expected an iterable, got {value!r}") from None
        order = self.item.ord_key
        items.sort(key=order)
        _reject_duplicates(self.name, [order(item) for item in items])
        encode_item = self.item.encode
        return encode_compact(len(items)) + b"".join([encode_item(item) for item in items])

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[list[Any], int]:
        """Count, then the items; returned sorted and de-duplicated."""
        count, position = read_length(self.name, data, offset, self.item.min_size)
        decode_item = self.item.decode_from
        keyed = []
        for _ in range(count):
            item, position = decode_item(data, position)
            keyed.append((self.item.ord_key(item), item))
        keyed.sort(key=lambda pair: pair[0])
        unique = [item for i, (key, item) in enumerate(keyed) if i == 0 or keyed[i - 1][0] != key]
        return unique, position

    def type_def(self) -> TypeDef:
        """scale-info: a composite with one unnamed field ``Vec<T>``."""
        return CompositeDef((Field(None, Vec(self.item), "Vec<T>"),))


def _pairs(name: str, value: Any) -> list[tuple[Any, Any]]:
    try:
        pairs = [tuple(pair) for pair in value]
    except TypeError:
        raise EncodeError(name, f"expected a mapping or (key, value) pairs: {value!r}") from None
    if any(len(pair) != 2 for pair in pairs):
        raise EncodeError(name, "every entry must be a (key, value) pair")
    return pairs  # type: ignore[return-value]


def _reject_duplicates(name: str, keys: list[Any]) -> None:
    for previous, current in itertools.pairwise(keys):
        if previous == current:
            raise EncodeError(name, f"duplicate key {current!r}")


def BTreeMap(key: ScaleType, value: ScaleType) -> BTreeMapType:
    """``BTreeMap<key, value>``."""
    return BTreeMapType(key, value)


def BTreeSet(item: ScaleType) -> BTreeSetType:
    """``BTreeSet<item>``."""
    return BTreeSetType(item)
