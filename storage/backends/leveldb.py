"""The LevelDB backend (plyvel) of :class:`storage.kv.KeyValueStore`, tuned for block commits.

Tuning (PERFORMANCE.md: 64 MiB write buffer + cache + bloom filter ≈ 1.0M batched writes/s):
a 64 MiB write buffer, a 256 MiB LRU block cache, 10-bit bloom filters, 16 KiB blocks and
Snappy compression where the library has it. Batches are LevelDB ``WriteBatch`` objects, applied
atomically by ``DB::Write``: after a process crash a batch is either wholly in the log or absent.
``sync=True`` additionally fsyncs each batch (survives an OS crash or power loss; slower).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import plyvel

from storage.errors import DatabaseClosedError, KVError
from storage.kv import prefix_upper_bound

__all__ = ["LevelDBStore", "LevelDBWriteBatch"]

MIB = 1 << 20


class LevelDBWriteBatch:
    """A plyvel write batch; written atomically by :meth:`write`."""

    def __init__(self, store: LevelDBStore, batch: Any) -> None:
        self._store = store
        self._batch = batch
        self._count = 0
        self._done = False

    def put(self, key: bytes, value: bytes) -> None:
        """Buffer ``key -> value``."""
        self._check_open()
        try:
            self._batch.put(key, value)
        except TypeError as exc:
            raise KVError(f"LevelDB batch put needs bytes key and value: {exc}") from exc
        self._count += 1

    def delete(self, key: bytes) -> None:
        """Buffer the removal of ``key``."""
        self._check_open()
        try:
            self._batch.delete(key)
        except TypeError as exc:
            raise KVError(f"LevelDB batch delete needs a bytes key: {exc}") from exc
        self._count += 1

    def write(self) -> None:
        """Apply the batch atomically."""
        self._check_open()
        self._store.check_open()
        self._done = True
        try:
            self._batch.write()
        except plyvel.Error as exc:
            raise KVError(
                f"LevelDB write of a {self._count}-operation batch failed: {exc}") from exc

    def discard(self) -> None:
        """Drop the buffered operations."""
        self._done = True
        self._batch.clear()

    def __len__(self) -> int:
        return self._count

    def __enter__(self) -> LevelDBWriteBatch:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None and not self._done:
            self.write()
        elif not self._done:
            self.discard()

    def _check_open(self) -> None:
        if self._done:
            raise DatabaseClosedError("this write batch was already written or discarded")


class LevelDBStore:
    """A LevelDB database at ``path`` (created if missing)."""

    def __init__(self, path: str | Path, *, write_buffer_mib: int = 64, cache_mib: int = 256,
                 bloom_bits: int = 10, sync: bool = False, create: bool = True) -> None:
        self.path = Path(path)
        self.sync = sync
        try:
            self._db: Any = plyvel.DB(
                str(self.path), create_if_missing=create, write_buffer_size=write_buffer_mib * MIB,
                lru_cache_size=cache_mib * MIB, bloom_filter_bits=bloom_bits,
                block_size=16 * 1024, max_open_files=1000, compression="snappy")
        except plyvel.Error as exc:
            raise KVError(f"cannot open LevelDB at {self.path}: {exc}") from exc
        self._closed = False

    def check_open(self) -> None:
        """Raise :class:`DatabaseClosedError` when the database was closed."""
        if self._closed:
            raise DatabaseClosedError(f"LevelDB at {self.path} is closed")

    def get(self, key: bytes) -> bytes | None:
        """The value at ``key``, or None."""
        self.check_open()
        try:
            return self._db.get(key)
        except TypeError as exc:
            raise KVError(f"LevelDB get needs a bytes key, got {type(key).__name__}") from exc
        except plyvel.Error as exc:
            raise KVError(
                f"LevelDB read of key 0x{key.hex()} in {self.path} failed: {exc}") from exc

    def has(self, key: bytes) -> bool:
        """Whether ``key`` is present."""
        return self.get(key) is not None

    def put(self, key: bytes, value: bytes) -> None:
        """Store one value."""
        with self.write_batch() as batch:
            batch.put(key, value)

    def delete(self, key: bytes) -> None:
        """Remove ``key`` if present."""
        with self.write_batch() as batch:
            batch.delete(key)

    def items(self, start: bytes = b"", prefix: bytes = b"") -> Iterator[tuple[bytes, bytes]]:
        """(key, value) pairs in byte order, keys ≥ ``start`` and starting with ``prefix``."""
        yield from self._iterate(start, prefix, include_value=True)

    def keys(self, start: bytes = b"", prefix: bytes = b"") -> Iterator[bytes]:
        """Keys in byte order, ≥ ``start`` and starting with ``prefix``."""
        yield from self._iterate(start, prefix, include_value=False)

    def _iterate(self, start: bytes, prefix: bytes, include_value: bool) -> Iterator[Any]:
        self.check_open()
        if not isinstance(start, bytes) or not isinstance(prefix, bytes):
            raise KVError("LevelDB iteration bounds (start, prefix) must be bytes")
        begin = max(start, prefix)
        stop = prefix_upper_bound(prefix)
        iterator = self._db.iterator(start=begin or None, stop=stop, include_value=include_value)
        try:
            with iterator:
                yield from iterator
        except plyvel.Error as exc:
            raise KVError(f"LevelDB iteration from 0x{begin.hex()} in {self.path} failed: {exc}"
                          ) from exc

    def write_batch(self) -> LevelDBWriteBatch:
        """A new atomic batch."""
        self.check_open()
        return LevelDBWriteBatch(self, self._db.write_batch(sync=self.sync))

    def compact(self) -> None:
        """Compact the whole key range (reclaims space after pruning)."""
        self.check_open()
        self._db.compact_range()

    def close(self) -> None:
        """Close the database (idempotent)."""
        if not self._closed:
            self._closed = True
            self._db.close()

    def __enter__(self) -> LevelDBStore:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close()
