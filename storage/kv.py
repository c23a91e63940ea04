"""The key-value contract every storage backend satisfies, and the column layout of the node's DB.

A store maps byte keys to byte values, iterates in byte order from a start key and/or within a
prefix, and applies a :class:`WriteBatch` atomically: after a crash either every operation of a
batch is visible or none is. Two backends implement it: ``storage.backends.leveldb`` (plyvel, the
node's database) and ``storage.backends.memory`` (a dict with a lazily sorted key list, for unit
tests and as the benchmark baseline).

Columns are one-byte key prefixes inside one LevelDB (spec/substrate.md §3.7)::

    N  hash                     -> trie node or V1 value node encoding (content-addressed)
    R  hash                     -> u32 LE reference count of that node
    F  storage key              -> value in the state of the best block (M"best")
    H  lookup                   -> SCALE header          (lookup = u32 BE number ‖ 32-byte hash)
    B  lookup                   -> SCALE body (Vec<opaque extrinsic>)
    J  lookup                   -> SCALE justifications
    K  hash                     -> u32 BE number ‖ parent hash ‖ state root (block record)
    C  u32 BE number            -> canonical block hash (the best chain)
    P  parent hash ‖ child hash -> b"" (children index, for discarding forks)
    M  name                     -> meta (schema, genesis, best, final, pruning, pruned_to,
                                   journal_floor; see storage.chain_meta)
    X  lookup ‖ part            -> per-block journal (part n: node refs gained, r: node refs
                                   lost, f: storage changes, u: flat-index undo records)

Numbers are big-endian so per-block rows sort by height. ``storage.chain_db`` documents how the
columns are written.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from enum import Enum
from typing import Protocol, runtime_checkable

__all__ = [
    "Column",
    "KeyValueStore",
    "WriteBatch",
    "prefix_upper_bound",
]


class Column(bytes, Enum):
    """One-byte key prefixes separating the kinds of rows in the node's database."""

    NODES = b"N"
    REFCOUNTS = b"R"
    FLAT = b"F"
    HEADERS = b"H"
    BODIES = b"B"
    JUSTIFICATIONS = b"J"
    BLOCKS = b"K"
    CANONICAL = b"C"
    CHILDREN = b"P"
    META = b"M"
    JOURNAL = b"X"

    def key(self, suffix: bytes) -> bytes:
        """The full database key of ``suffix`` in this column."""
        return self.value + suffix

    @staticmethod
    def number_key(number: int) -> bytes:
        """A block number as the 4-byte big-endian key part (sorts by height)."""
        return struct.pack(">I", number)


def prefix_upper_bound(prefix: bytes) -> bytes | None:
    """The smallest key greater than every key starting with ``prefix`` (None: no bound)."""
    trimmed = prefix.rstrip(b"\xff")
    if not trimmed:
        return None
    return trimmed[:-1] + bytes([trimmed[-1] + 1])


@runtime_checkable
class WriteBatch(Protocol):
    """Buffered puts and deletes applied all at once by :meth:`write`.

    Within a batch, later operations on a key win. Use as a context manager: leaving the block
    normally writes the batch, leaving it by an exception discards it.
    """

    def put(self, key: bytes, value: bytes) -> None:
        """Buffer ``key -> value``."""
        ...

    def delete(self, key: bytes) -> None:
        """Buffer the removal of ``key``."""
        ...

    def write(self) -> None:
        """Apply every buffered operation atomically; the batch cannot be reused afterwards."""
        ...

    def __len__(self) -> int:
        """Number of buffered operations."""
        ...

    def __enter__(self) -> WriteBatch:
        ...

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        ...


@runtime_checkable
class KeyValueStore(Protocol):
    """An ordered byte-key store with atomic batches."""

    def get(self, key: bytes) -> bytes | None:
        """The value at ``key``, or None."""
        ...

    def has(self, key: bytes) -> bool:
        """Whether ``key`` is present."""
        ...

    def put(self, key: bytes, value: bytes) -> None:
        """Store one value (a one-operation batch)."""
        ...

    def delete(self, key: bytes) -> None:
        """Remove one key (no-op when absent)."""
        ...

    def items(self, start: bytes = b"", prefix: bytes = b"") -> Iterator[tuple[bytes, bytes]]:
        """(key, value) pairs in byte order, keys ≥ ``start`` and starting with ``prefix``."""
        ...

    def keys(self, start: bytes = b"", prefix: bytes = b"") -> Iterator[bytes]:
        """Keys in byte order, ≥ ``start`` and starting with ``prefix``."""
        ...

    def write_batch(self) -> WriteBatch:
        """A new, empty atomic batch."""
        ...

    def close(self) -> None:
        """Release the store; later operations raise ``DatabaseClosedError``."""
        ...
