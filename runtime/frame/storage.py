"""Storage items of a pallet: typed views over raw keys in ``Externalities``.

A storage item is declared once, with its pallet name, item name, hashers, SCALE key and value
types and default, and gives from that declaration:

- its raw keys: ``twox128(pallet) ++ twox128(item) ++ hasher(key1) ++ hasher(key2) ...``
  (spec/substrate.md §2.2);
- typed reads and writes through an ``Externalities`` passed to every call (the runtime holds no
  state of its own): ``get``, ``insert``, ``remove``, ``mutate``, ``contains``, iteration in key
  order (keys are recovered from ``*Concat`` and ``Identity`` hashers);
- what metadata needs: modifier (``OptionQuery`` -> Optional, ``ValueQuery`` -> Default), hashers,
  key and value types, the SCALE bytes of the default, docs.

``StorageValue`` has no keys, ``StorageMap`` one, ``StorageDoubleMap`` two and ``StorageNMap`` any
number; they share one implementation, :class:`StorageItem`, whose methods take the keys
positionally (``Alpha.get(ext, hotkey, coldkey, netuid)``).

Query kinds follow FRAME: with ``query=VALUE_QUERY`` an absent entry reads as the default and
writing the default *keeps* the entry (as FRAME's ``insert`` does; only ``remove``/``mutate`` to
the default with ``remove_default=True`` clears it); with ``query=OPTION_QUERY`` an absent entry
reads as None and writing None removes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from runtime.primitives.externalities import Externalities
from runtime.primitives.hashing import StorageHasher, storage_prefix
from runtime.primitives.scale import DecodeError, ScaleType, Tuple

OPTION_QUERY: Final = "OptionQuery"
_KEY_CACHE_SIZE: Final = 8192
VALUE_QUERY: Final = "ValueQuery"


class StorageDecodeError(Exception):
    """A stored value or key could not be decoded with its declared type (state corruption)."""

    def __init__(self, item: str, key: bytes, cause: DecodeError) -> None:
        super().__init__(f"storage {item} at 0x{key.hex()}: {cause}")
        self.item = item
        self.key = key


@dataclass(frozen=True, slots=True)
class KeyPart:
    """One key of a map: its hasher and SCALE type (``type_name`` is the Rust spelling)."""

    hasher: StorageHasher
    type: ScaleType
    type_name: str | None = None


class StorageItem:
    """A storage item of any arity (0 keys: a value; 1: a map; 2: a double map; n: an n-map)."""

    def __init__(self, pallet: str, name: str, keys: Sequence[KeyPart], value_type: ScaleType,
                 *, query: str = OPTION_QUERY, default: Any = None,
                 docs: Sequence[str] = ()) -> None:
        if query not in (OPTION_QUERY, VALUE_QUERY):
            raise ValueError(f"storage {pallet}.{name}: unknown query kind {query!r}")
        if query == OPTION_QUERY and default is not None:
            raise ValueError(f"storage {pallet}.{name}: an OptionQuery item has no default")
        self.pallet = pallet
        self.name = name
        self.keys = tuple(keys)
        self.value_type = value_type
        self.query = query
        self.docs = tuple(docs)
        self.prefix = storage_prefix(pallet, name)
        self.default = default
        self.default_bytes = (value_type.encode(default) if query == VALUE_QUERY else b"\x00")
        self._encoders = tuple((k.hasher.hash, k.type.encode) for k in self.keys)
        self._key_cache: dict[tuple[Any, ...], bytes] = {}

    # -- keys ---------------------------------------------------------------------------------

    @property
    def full_name(self) -> str:
        """``Pallet.Item``, as errors and logs name it."""
        return f"{self.pallet}.{self.name}"

    @property
    def key_type(self) -> ScaleType | None:
        """The metadata key type: the key's type, a tuple of them for n-maps, None for values."""
        if not self.keys:
            return None
        if len(self.keys) == 1:
            return self.keys[0].type
        return Tuple(*(k.type for k in self.keys))

    def storage_key(self, *keys: Any) -> bytes:
        """The raw key of the entry at ``keys`` (a prefix of entries when fewer keys are given)."""
        if len(keys) > len(self.keys):
            raise TypeError(f"{self.full_name} takes at most {len(self.keys)} key(s), "
                            f"got {len(keys)}")
        parts = [self.prefix]
        for (hash_key, encode), key in zip(self._encoders, keys, strict=False):
            parts.append(hash_key(encode(key)))
        return b"".join(parts)

    def _full_key(self, keys: tuple[Any, ...]) -> bytes:
        """The entry's raw key, from a bounded cache (hot accounts are hashed once, not on
        every read and write of a block)."""
        try:
            return self._key_cache[keys]
        except KeyError:
            pass
        except TypeError:  # an unhashable key value (e.g. a list): compute without caching
            return self._checked_key(keys)
        raw_key = self._checked_key(keys)
        if len(self._key_cache) >= _KEY_CACHE_SIZE:
            self._key_cache.clear()
        self._key_cache[keys] = raw_key
        return raw_key

    def _checked_key(self, keys: tuple[Any, ...]) -> bytes:
        if len(keys) != len(self.keys):
            raise TypeError(f"{self.full_name} takes {len(self.keys)} key(s), got {len(keys)}")
        return self.storage_key(*keys)

    # -- reads --------------------------------------------------------------------------------

    def decode_value(self, raw_key: bytes, raw: bytes) -> Any:
        """Decode a stored value, naming the item and key if it is corrupt."""
        try:
            return self.value_type.decode(raw)
        except DecodeError as exc:
            raise StorageDecodeError(self.full_name, raw_key, exc) from exc

    def get(self, ext: Externalities, *keys: Any) -> Any:
        """The value at ``keys``: the default (ValueQuery) or None (OptionQuery) when absent."""
        raw_key = self._full_key(keys)
        raw = ext.get(raw_key)
        if raw is None:
            return self.default
        return self.decode_value(raw_key, raw)

    def try_get(self, ext: Externalities, *keys: Any) -> Any:
        """The stored value at ``keys``, or None when absent, whatever the query kind."""
        raw_key = self._full_key(keys)
        raw = ext.get(raw_key)
        return None if raw is None else self.decode_value(raw_key, raw)

    def contains(self, ext: Externalities, *keys: Any) -> bool:
        """Whether an entry is stored at ``keys``."""
        return ext.get(self._full_key(keys)) is not None

    # -- writes -------------------------------------------------------------------------------

    def insert(self, ext: Externalities, *keys_and_value: Any) -> None:
        """Store the last argument at the keys given before it (None removes, for OptionQuery)."""
        *keys, value = keys_and_value
        raw_key = self._full_key(tuple(keys))
        if value is None and self.query == OPTION_QUERY:
            ext.clear(raw_key)
        else:
            ext.set(raw_key, self.value_type.encode(value))

    def remove(self, ext: Externalities, *keys: Any) -> None:
        """Remove the entry at ``keys`` (no-op when absent)."""
        ext.clear(self._full_key(keys))

    def take(self, ext: Externalities, *keys: Any) -> Any:
        """Read the value at ``keys`` (as ``get``) and remove the entry."""
        value = self.get(ext, *keys)
        self.remove(ext, *keys)
        return value

    def mutate(self, ext: Externalities, *keys_and_fn: Any) -> Any:
        """Apply the last argument, a function old -> new, to the value at the keys; store the
        result (None removes, for OptionQuery) and return it."""
        *keys, update = keys_and_fn
        new = update(self.get(ext, *keys))
        self.insert(ext, *keys, new)
        return new

    def clear(self, ext: Externalities, *prefix_keys: Any, limit: int | None = None
              ) -> tuple[int, bool]:
        """Remove entries under the given leading keys (all entries with none), up to ``limit``
        stored in the parent state (Substrate's ``clear_prefix`` rule)."""
        if len(prefix_keys) >= max(len(self.keys), 1):
            raise TypeError(f"{self.full_name}.clear takes fewer than {len(self.keys)} key(s)")
        return ext.clear_prefix(self.storage_key(*prefix_keys), limit)

    # -- iteration ----------------------------------------------------------------------------

    def iter_raw(self, ext: Externalities, *prefix_keys: Any) -> Iterator[tuple[bytes, bytes]]:
        """(raw key, raw value) under the given leading keys, in key order."""
        prefix = self.storage_key(*prefix_keys)
        key = prefix
        value = ext.get(key)
        if value is not None and len(self.keys) == len(prefix_keys):
            yield key, value
        while True:
            key = ext.next_key(key)
            if key is None or not key.startswith(prefix):
                return
            value = ext.get(key)
            if value is not None:
                yield key, value

    def iter(self, ext: Externalities, *prefix_keys: Any) -> Iterator[tuple[tuple[Any, ...], Any]]:
        """(remaining keys, value) under the given leading keys, in storage-key order.

        Keys are recovered from the raw key, so every remaining key must use a ``*Concat`` or
        ``Identity`` hasher.
        """
        remaining = self.keys[len(prefix_keys):]
        for key_part in remaining:
            if not key_part.hasher.is_concat:
                raise TypeError(f"{self.full_name}: keys hashed with {key_part.hasher.name} "
                                "cannot be recovered; iterate raw keys instead")
        start = len(self.storage_key(*prefix_keys))
        for raw_key, raw in self.iter_raw(ext, *prefix_keys):
            yield self._decode_keys(raw_key, start, remaining), self.decode_value(raw_key, raw)

    def iter_keys(self, ext: Externalities, *prefix_keys: Any) -> Iterator[tuple[Any, ...]]:
        """The remaining keys of every entry under the given leading keys, in key order."""
        for keys, _value in self.iter(ext, *prefix_keys):
            yield keys

    def _decode_keys(self, raw_key: bytes, offset: int, parts: Sequence[KeyPart]
                     ) -> tuple[Any, ...]:
        keys = []
        try:
            for part in parts:
                offset += part.hasher.digest_size
                key, offset = part.type.decode_from(raw_key, offset)
                keys.append(key)
        except DecodeError as exc:
            raise StorageDecodeError(self.full_name, raw_key, exc) from exc
        if offset != len(raw_key):
            raise StorageDecodeError(self.full_name, raw_key,
                                     DecodeError("key", offset, "trailing bytes in storage key"))
        return tuple(keys)

    def __repr__(self) -> str:
        return f"<storage {self.full_name}>"


def StorageValue(pallet: str, name: str, value_type: ScaleType, **options: Any) -> StorageItem:
    """A single value (FRAME ``StorageValue``)."""
    return StorageItem(pallet, name, (), value_type, **options)


def StorageMap(pallet: str, name: str, key: KeyPart, value_type: ScaleType,
               **options: Any) -> StorageItem:
    """A map with one key (FRAME ``StorageMap``)."""
    return StorageItem(pallet, name, (key,), value_type, **options)


def StorageDoubleMap(pallet: str, name: str, key1: KeyPart, key2: KeyPart,
                     value_type: ScaleType, **options: Any) -> StorageItem:
    """A map with two keys (FRAME ``StorageDoubleMap``)."""
    return StorageItem(pallet, name, (key1, key2), value_type, **options)


def StorageNMap(pallet: str, name: str, keys: Sequence[KeyPart], value_type: ScaleType,
                **options: Any) -> StorageItem:
    """A map with any number of keys (FRAME ``StorageNMap``)."""
    return StorageItem(pallet, name, tuple(keys), value_type, **options)


def blake2_128_concat(key_type: ScaleType, type_name: str | None = None) -> KeyPart:
    """A ``Blake2_128Concat`` key part."""
    return KeyPart(StorageHasher.Blake2_128Concat, key_type, type_name)


def twox64_concat(key_type: ScaleType, type_name: str | None = None) -> KeyPart:
    """A ``Twox64Concat`` key part."""
    return KeyPart(StorageHasher.Twox64Concat, key_type, type_name)


def identity(key_type: ScaleType, type_name: str | None = None) -> KeyPart:
    """An ``Identity`` key part."""
    return KeyPart(StorageHasher.Identity, key_type, type_name)


UpdateFn = Callable[[Any], Any]
