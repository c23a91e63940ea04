"""Trie-node persistence for the chain database: reference counts, journals, the flat state index.

* Trie nodes (and V1 value nodes) live in column ``N`` under their blake2_256, with a u32 LE
  reference count in column ``R``. A count is the number of references held by all retained
  states together (a node shared by many states, or occurring twice in one, counts each time).
  :class:`RefCountStager` collects +1/−1s for one write batch and writes the final counts: a node
  is written when its count leaves zero and deleted (with its count) when it returns to zero.
* Per-block journals (column ``X``, key ``lookup ‖ part``) hold what pruning and re-orgs need
  later: ``n`` the node references the block gained, ``r`` the references it dropped relative to
  its parent, ``f`` its forward storage changes and ``u`` the undo records written when its
  changes were applied to the flat index. :func:`encode_hashes` / :func:`encode_changes` are their
  formats (concatenated 32-byte hashes; length-prefixed key/optional-value records).
* The flat index (column ``F``) is the complete key → value state of the best block. Readers get a
  :class:`FlatStateView`, which serves reads from it while the index still stands at the view's
  block and falls back to the trie as soon as the best block moves on.
"""

from __future__ import annotations

import struct
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence

from storage.errors import CorruptDatabaseError
from storage.kv import Column, KeyValueStore, WriteBatch
from storage.trie import Trie, TrieUpdate, build_trie, decode_node

Changes = list[tuple[bytes, bytes | None]]

__all__ = [
    "Changes",
    "FlatIndexState",
    "FlatStager",
    "FlatStateView",
    "KVNodeStore",
    "RefCountStager",
    "bulk_update",
    "decode_changes",
    "decode_hashes",
    "encode_changes",
    "encode_hashes",
]

HASH_LENGTH = 32
_NODE = Column.NODES.value
_REF = Column.REFCOUNTS.value
_FLAT = Column.FLAT.value
_U32 = struct.Struct("<I")
_MISS = object()
_LEN = struct.Struct(">I")


class KVNodeStore:
    """The ``NodeReader`` over column ``N`` of a key-value store."""

    __slots__ = ("_get",)

    def __init__(self, kv: KeyValueStore) -> None:
        self._get = kv.get

    def get_node(self, node_hash: bytes) -> bytes | None:
        """The node (or V1 value) bytes stored under ``node_hash``, or None."""
        return self._get(_NODE + node_hash)


def decode_refcount(raw: bytes | None, node_hash: bytes) -> int:
    """A stored reference count (absent = 0)."""
    if raw is None:
        return 0
    if len(raw) != 4:
        raise CorruptDatabaseError(
            f"reference count of node 0x{node_hash.hex()} is {len(raw)} bytes, expected 4")
    return _U32.unpack(raw)[0]


class RefCountStager:
    """Reference-count changes of one write batch, applied by :meth:`flush`.

    ``empty=True`` promises that the store holds no node yet (the genesis commit): no counts are
    read.
    """

    def __init__(self, kv: KeyValueStore, empty: bool = False) -> None:
        self._kv = kv
        self._empty = empty
        self._initial: dict[bytes, int] = {}
        self._counts: dict[bytes, int] = {}
        self._encodings: list[Mapping[bytes, bytes]] = []

    def _count(self, node_hash: bytes) -> int:
        count = self._counts.get(node_hash)
        if count is None:
            count = 0 if self._empty else decode_refcount(self._kv.get(_REF + node_hash),
                                                          node_hash)
            self._initial[node_hash] = count
        return count

    def add(self, refs: Iterable[bytes], encodings: Mapping[bytes, bytes]) -> None:
        """Count one more reference per entry of ``refs``; ``encodings`` supplies new nodes."""
        self._encodings.append(encodings)
        counts = self._counts
        load = self._count
        for node_hash in refs:
            count = counts.get(node_hash)
            counts[node_hash] = (load(node_hash) if count is None else count) + 1

    def release(self, refs: Iterable[bytes]) -> None:
        """Count one reference less per entry of ``refs``."""
        counts = self._counts
        for node_hash in refs:
            count = self._count(node_hash)
            if count == 0:
                raise CorruptDatabaseError(
                    f"reference count of trie node 0x{node_hash.hex()} would drop below zero")
            counts[node_hash] = count - 1

    def flush(self, batch: WriteBatch) -> tuple[int, int]:
        """Write the final counts, new nodes and deletions; returns (nodes added, removed)."""
        added = removed = 0
        initial = self._initial
        for node_hash, count in self._counts.items():
            before = initial[node_hash]
            if count == 0:
                if before:
                    batch.delete(_NODE + node_hash)
                    batch.delete(_REF + node_hash)
                    removed += 1
                continue
            batch.put(_REF + node_hash, _U32.pack(count))
            if before == 0:
                batch.put(_NODE + node_hash, self._encoding(node_hash))
                added += 1
        return added, removed

    def _encoding(self, node_hash: bytes) -> bytes:
        for encodings in self._encodings:
            encoding = encodings.get(node_hash)
            if encoding is not None:
                return encoding
        raise CorruptDatabaseError(
            f"trie node 0x{node_hash.hex()} gains a reference but is neither stored nor supplied")


def encode_hashes(hashes: Sequence[bytes]) -> bytes:
    """A journal list of 32-byte hashes: their concatenation."""
    return b"".join(hashes)


def decode_hashes(data: bytes, where: str) -> list[bytes]:
    """The hashes of a journal list; ``where`` names the record in error messages."""
    if len(data) % HASH_LENGTH:
        raise CorruptDatabaseError(f"{where}: {len(data)} bytes is not a whole number of hashes")
    return [data[i:i + HASH_LENGTH] for i in range(0, len(data), HASH_LENGTH)]


def encode_changes(changes: Iterable[tuple[bytes, bytes | None]]) -> bytes:
    """Storage changes as records ``u32 len ‖ key ‖ (0 | 1 ‖ u32 len ‖ value)`` (big-endian)."""
    parts: list[bytes] = []
    pack = _LEN.pack
    for key, value in changes:
        parts.append(pack(len(key)))
        parts.append(key)
        if value is None:
            parts.append(b"\x00")
        else:
            parts.append(b"\x01" + pack(len(value)))
            parts.append(value)
    return b"".join(parts)


def decode_changes(data: bytes, where: str) -> list[tuple[bytes, bytes | None]]:
    """The inverse of :func:`encode_changes`; truncated or malformed records raise."""
    out: list[tuple[bytes, bytes | None]] = []
    offset, end = 0, len(data)
    unpack = _LEN.unpack_from
    try:
        while offset < end:
            (key_len,) = unpack(data, offset)
            key = data[offset + 4:offset + 4 + key_len]
            offset += 4 + key_len
            flag = data[offset]
            offset += 1
            value: bytes | None = None
            if flag == 1:
                (value_len,) = unpack(data, offset)
                value = data[offset + 4:offset + 4 + value_len]
                offset += 4 + value_len
            elif flag != 0:
                raise CorruptDatabaseError(f"{where}: bad option byte {flag} at {offset - 1}")
            if len(key) != key_len or (value is not None and offset > end):
                raise CorruptDatabaseError(f"{where}: record truncated at byte {offset}")
            out.append((key, value))
    except (struct.error, IndexError) as exc:
        raise CorruptDatabaseError(f"{where}: record truncated at byte {offset}") from exc
    return out


class FlatStager:
    """Flat-index writes of one batch, readable before the batch is written.

    ``empty=True`` promises that the flat index is empty (the genesis commit): nothing is read.
    """

    def __init__(self, kv: KeyValueStore, empty: bool = False) -> None:
        self._kv = kv
        self._empty = empty
        self.pending: dict[bytes, bytes | None] = {}

    def get(self, key: bytes) -> bytes | None:
        """The flat value at ``key`` as of the writes staged so far."""
        if key in self.pending:
            return self.pending[key]
        return None if self._empty else self._kv.get(_FLAT + key)

    def apply(self, changes: Iterable[tuple[bytes, bytes | None]]) -> Changes:
        """Stage ``changes``; returns the undo records (key, previous value), in change order."""
        undo = []
        pending = self.pending
        for key, value in changes:
            undo.append((key, self.get(key)))
            pending[key] = value
        return undo

    def flush(self, batch: WriteBatch) -> None:
        """Write the staged flat changes."""
        for key, value in self.pending.items():
            if value is None:
                batch.delete(_FLAT + key)
            else:
                batch.put(_FLAT + key, value)


class FlatIndexState:
    """Which block the flat index currently describes (shared by the DB and its views).

    ``lock`` is held by the database while it writes a batch and moves ``block_hash``, and by a
    view while it checks ``block_hash`` and starts a read, so no read can see a half-moved index.
    ``hot`` caches flat-index reads (None = known absent) for the current block; the database
    updates the cached keys an operation changes under the same lock, right after its write, so
    the cache always equals the flat index. It is emptied when it reaches ``capacity`` entries.
    """

    __slots__ = ("block_hash", "capacity", "hot", "lock")

    def __init__(self, block_hash: bytes | None, capacity: int = 1 << 17) -> None:
        self.block_hash = block_hash
        self.lock = threading.Lock()
        self.hot: dict[bytes, bytes | None] = {}
        self.capacity = capacity

    def moved(self, block_hash: bytes | None, changes: Mapping[bytes, bytes | None]) -> None:
        """Record that the index now stands at ``block_hash`` after ``changes`` (lock held)."""
        self.block_hash = block_hash
        hot = self.hot
        if len(changes) > len(hot):
            for key in [key for key in hot if key in changes]:
                hot[key] = changes[key]
        else:
            for key, value in changes.items():
                if key in hot:
                    hot[key] = value


class FlatStateView:
    """Reads of one block's state: from the flat index while it stands there, else the trie.

    Each read decides under the index lock, so a read racing a commit in another thread returns
    the view's block state either way. A multi-key read (``iter_*``, ``next_key``) is pinned to
    the LevelDB snapshot its iterator takes at its start (the in-memory backend, for tests, has
    no snapshots).
    """

    def __init__(self, kv: KeyValueStore, index: FlatIndexState, block_hash: bytes,
                 trie: Trie) -> None:
        self._kv = kv
        self._index = index
        self.block_hash = block_hash
        self.trie = trie

    @property
    def root(self) -> bytes:
        """The state root of the block."""
        return self.trie.root

    @property
    def is_flat(self) -> bool:
        """Whether reads are currently served by the flat index."""
        return self._index.block_hash == self.block_hash

    def get(self, key: bytes) -> bytes | None:
        """The value at ``key``, or None."""
        index = self._index
        with index.lock:
            if index.block_hash == self.block_hash:
                hot = index.hot
                value = hot.get(key, _MISS)
                if value is _MISS:
                    value = self._kv.get(_FLAT + key)
                    if len(hot) >= index.capacity:
                        hot.clear()
                    hot[key] = value
                return value  # type: ignore[return-value]
        return self.trie.get(key)

    def next_key(self, key: bytes) -> bytes | None:
        """The smallest key strictly greater than ``key``, or None."""
        for found in self._flat_or_trie(key + b"\x00", b"", keys_only=True):
            return found  # type: ignore[return-value]
        return None

    def iter_keys(self, start: bytes = b"", prefix: bytes = b"") -> Iterator[bytes]:
        """Keys in order from ``start`` (inclusive) within ``prefix``."""
        return self._flat_or_trie(start, prefix, keys_only=True)  # type: ignore[return-value]

    def iter_items(self, start: bytes = b"", prefix: bytes = b"") -> Iterator[tuple[bytes, bytes]]:
        """(key, value) pairs in order from ``start`` (inclusive) within ``prefix``."""
        return self._flat_or_trie(start, prefix, keys_only=False)  # type: ignore[return-value]

    def _flat_or_trie(self, start: bytes, prefix: bytes, keys_only: bool) -> Iterator[object]:
        index = self._index
        with index.lock:
            if index.block_hash == self.block_hash:
                if keys_only:
                    rows: Iterator = self._kv.keys(_FLAT + start, _FLAT + prefix)
                else:
                    rows = self._kv.items(_FLAT + start, _FLAT + prefix)
                first = next(rows, None)  # starts the store iterator (and its snapshot) here
                return _strip_column(first, rows, keys_only)
        if keys_only:
            return self.trie.iter_keys(start, prefix)
        return self.trie.iter_items(start, prefix)


def _strip_column(first: object, rows: Iterator, keys_only: bool) -> Iterator[object]:
    if first is None:
        return
    if keys_only:
        yield first[1:]  # type: ignore[index]
        for key in rows:
            yield key[1:]
    else:
        yield first[0][1:], first[1]  # type: ignore[index]
        for key, value in rows:
            yield key[1:], value


def bulk_update(items: Mapping[bytes, bytes], state_version: int = 1) -> TrieUpdate:
    """The update that writes ``items`` into the empty trie, built in one bottom-up pass.

    Equivalent to ``Trie(empty).apply(items)`` (same root, nodes and reference multiplicities:
    a node whose content occurs at several places is referenced once per place) but about twice
    as fast; the genesis path.
    """
    root, nodes = build_trie(items, state_version)
    if not nodes:
        return TrieUpdate(root)
    counts: dict[bytes, int] = {}
    stack = [root]
    while stack:
        node_hash = stack.pop()
        counts[node_hash] = counts.get(node_hash, 0) + 1
        encoding = nodes.get(node_hash)
        if encoding is None:
            raise CorruptDatabaseError(f"bulk trie build lost node 0x{node_hash.hex()}")
        node = decode_node(encoding)
        if node.value_hashed and node.value is not None:
            counts[node.value] = counts.get(node.value, 0) + 1
        for child in node.children or ():
            if child is not None and len(child) == HASH_LENGTH:
                stack.append(child)
    new_refs = [node_hash for node_hash, count in counts.items() for _ in range(count)]
    return TrieUpdate(root, nodes, [], new_refs)
