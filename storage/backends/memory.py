"""An in-memory :class:`storage.kv.KeyValueStore`: a dict plus a lazily rebuilt sorted key list.

Reads are dict lookups; ordered iteration sorts the keys once after a change to the key set and
then bisects. Iterators walk a snapshot of the key list taken when they start and skip keys deleted
meanwhile. Meant for unit tests and as the benchmark baseline, not for large chains.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from storage.errors import DatabaseClosedError, KVError
from storage.kv import prefix_upper_bound

__all__ = ["MemoryStore", "MemoryWriteBatch"]

_DELETE = None


def _check_bytes(what: str, data: object) -> None:
    if not isinstance(data, bytes):
        raise KVError(f"{what} must be bytes, got {type(data).__name__}")


class MemoryWriteBatch:
    """Buffered operations applied to a :class:`MemoryStore` in one step."""

    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self._ops: dict[bytes, bytes | None] = {}
        self._count = 0
        self._done = False

    def put(self, key: bytes, value: bytes) -> None:
        """Buffer ``key -> value``."""
        self._check_open()
        _check_bytes("key", key)
        _check_bytes("value", value)
        self._ops[key] = value
        self._count += 1

    def delete(self, key: bytes) -> None:
        """Buffer the removal of ``key``."""
        self._check_open()
        _check_bytes("key", key)
        self._ops[key] = _DELETE
        self._count += 1

    def write(self) -> None:
        """Apply every buffered operation at once."""
        self._check_open()
        self._done = True
        self._store.apply(self._ops)

    def discard(self) -> None:
        """Drop the buffered operations without writing."""
        self._done = True
        self._ops = {}

    def __len__(self) -> int:
        return self._count

    def __enter__(self) -> MemoryWriteBatch:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None and not self._done:
            self.write()
        else:
            self.discard()

    def _check_open(self) -> None:
        if self._done:
            raise DatabaseClosedError("this write batch was already written or discarded")


class MemoryStore:
    """A sorted in-memory key-value store."""

    def __init__(self) -> None:
        self._data: dict[bytes, bytes] = {}
        self._sorted: list[bytes] | None = []
        self._closed = False

    def __len__(self) -> int:
        return len(self._data)

    def get(self, key: bytes) -> bytes | None:
        """The value at ``key``, or None."""
        if self._closed:
            raise DatabaseClosedError("memory store is closed")
        return self._data.get(key)

    def has(self, key: bytes) -> bool:
        """Whether ``key`` is present."""
        return self.get(key) is not None

    def put(self, key: bytes, value: bytes) -> None:
        """Store one value."""
        self.apply({key: value}, check=True)

    def delete(self, key: bytes) -> None:
        """Remove ``key`` if present."""
        self.apply({key: _DELETE}, check=True)

    def apply(self, ops: dict[bytes, bytes | None], check: bool = False) -> None:
        """Apply a mapping of key → value (None deletes) at once; used by write batches."""
        if self._closed:
            raise DatabaseClosedError("memory store is closed")
        data = self._data
        for key, value in ops.items():
            if check:
                _check_bytes("key", key)
            if value is None:
                if data.pop(key, None) is not None:
                    self._sorted = None
            else:
                if check:
                    _check_bytes("value", value)
                if key not in data:
                    self._sorted = None
                data[key] = value

    def keys(self, start: bytes = b"", prefix: bytes = b"") -> Iterator[bytes]:
        """Keys in byte order, ≥ ``start`` and starting with ``prefix``."""
        for key, _value in self.items(start, prefix):
            yield key

    def items(self, start: bytes = b"", prefix: bytes = b"") -> Iterator[tuple[bytes, bytes]]:
        """(key, value) pairs in byte order, keys ≥ ``start`` and starting with ``prefix``."""
        if self._closed:
            raise DatabaseClosedError("memory store is closed")
        _check_bytes("start", start)
        _check_bytes("prefix", prefix)
        ordered = self._sorted_keys()
        stop = prefix_upper_bound(prefix)
        data = self._data
        for index in range(bisect_left(ordered, max(start, prefix)), len(ordered)):
            key = ordered[index]
            if stop is not None and key >= stop:
                return
            value = data.get(key)
            if value is not None:
                yield key, value

    def write_batch(self) -> MemoryWriteBatch:
        """A new atomic batch."""
        if self._closed:
            raise DatabaseClosedError("memory store is closed")
        return MemoryWriteBatch(self)

    def close(self) -> None:
        """Mark the store closed."""
        self._closed = True

    def _sorted_keys(self) -> list[bytes]:
        if self._sorted is None:
            self._sorted = sorted(self._data)
        return self._sorted
