"""Pending state changes of one block over its parent's state; implements ``Externalities``.

Layers, top to bottom::

    Overlay.get / set / clear / append / next_key (what the runtime sees)
      │  _changes: key -> value | None (None = deleted) | _PendingVec (a Vec being appended to,
      │  materialised on read), every key written in this block,
      │  with _sorted: the same keys in byte order (for merged ordered iteration); keys new to
      │  the block wait in _fresh until an ordered read merges them (a few by insertion, many
      │  by one sort), so a burst of writes costs no per-key list shifting
      │  _undo: one dict per open transactional layer: key -> its entry before the layer touched
      │  it (or _ABSENT), so rollback restores exactly and commit folds into the enclosing layer
      ▼
    _base: values already read from the parent state (it never changes under the overlay)
      │
    reader: StateReader (the parent state: a Trie, or the flat index when the parent is the best
      │  block — see ``storage.chain_db``)
      ▼
    parent: Trie at the parent's state root (for ``storage_root``: the pending changes, sorted,
            are applied to a copy of it, so only the dirty paths are re-hashed)

``clear_prefix(prefix, limit)`` follows Substrate's host function: every pending key under the
prefix is deleted regardless of the limit; then the *parent state's* keys under the prefix are
visited in order, at most ``limit`` of them, each deleted unless already deleted and each counted.
It returns (keys counted, whether no parent key under the prefix was left unvisited). As in
Substrate, a second call with the same limit counts the same parent keys again.

``append(key, item)`` follows Substrate's ``storage_append``: the first append to a key decodes
the stored value's compact length once (an absent or empty value starts a new Vec; a value whose
prefix is not a canonical ``Compact<u32>``, or whose length cannot grow, is overwritten by a fresh
one-item Vec) and keeps a :class:`_PendingVec` (the old body plus one piece per item); further
appends add a piece, so a block of N appends costs O(N) bytes rather than O(N²).
``compact(len) ‖ pieces`` is built only when the value is read (``get``, ``changes``, the root,
``commit_set``) and cached until the next append. A transactional layer that appends to an
existing pending Vec records ``(vec, piece count)`` as the entry to restore, and rollback
truncates the pieces back to that count.

When the block is done, :meth:`Overlay.commit_set` gives the sorted change set and the
:class:`~storage.trie.TrieUpdate` (new root, inserted and removed nodes) to hand to the chain DB.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from runtime.primitives.scale import DecodeError, decode_compact, encode_compact
from storage.errors import NoOpenTransactionError, OpenTransactionsError, OverlayError
from storage.trie import Trie, TrieUpdate
from storage.trie.root import ordered_trie_root

__all__ = ["CommitSet", "Overlay", "StateReader"]

_ABSENT = object()
_U32_MAX = 0xFFFFFFFF


class _PendingVec:
    """A SCALE ``Vec`` being appended to: ``compact(count) ‖ pieces``, materialised lazily.

    ``pieces[0]`` is the body (items without the length prefix) of the value the first append
    found; every further piece is one appended item. Pieces only grow by :meth:`push` and shrink
    by :meth:`truncate` (a rollback), so a piece count identifies an earlier state exactly.
    """

    __slots__ = ("_cached", "base_count", "pieces")

    def __init__(self, base_count: int, body: bytes) -> None:
        self.base_count = base_count
        self.pieces: list[bytes] = [body]
        self._cached: bytes | None = None

    def push(self, item: bytes) -> None:
        """Append one encoded item."""
        self.pieces.append(item)
        self._cached = None

    def truncate(self, length: int) -> None:
        """Drop the pieces after the first ``length`` (undoing later pushes)."""
        if len(self.pieces) != length:
            del self.pieces[length:]
            self._cached = None

    def value(self) -> bytes:
        """The encoded Vec: compact length, then the body and every appended item."""
        cached = self._cached
        if cached is None:
            count = self.base_count + len(self.pieces) - 1
            cached = self._cached = encode_compact(count) + b"".join(self.pieces)
        return cached


def _start_vec(value: bytes | None) -> _PendingVec:
    """A pending Vec continuing ``value``, or a new one if ``value`` is not a growable Vec.

    As Substrate's ``append_or_new``: an absent or empty value starts a new Vec; a value whose
    prefix is not a canonical ``Compact<u32>`` (or is ``u32::MAX``, which cannot grow) is
    discarded and the Vec starts afresh.
    """
    if not value:
        return _PendingVec(0, b"")
    try:
        count, offset = decode_compact(value, 0, "Vec")
    except DecodeError:
        return _PendingVec(0, b"")
    if count >= _U32_MAX or encode_compact(count) != value[:offset]:
        return _PendingVec(0, b"")
    return _PendingVec(count, value[offset:])


class StateReader(Protocol):
    """Read access to one complete state (a trie, or a flat key-value index of it)."""

    def get(self, key: bytes) -> bytes | None:
        """The value at ``key``, or None."""
        ...

    def next_key(self, key: bytes) -> bytes | None:
        """The smallest key strictly greater than ``key``, or None."""
        ...

    def iter_keys(self, start: bytes = b"", prefix: bytes = b"") -> Iterator[bytes]:
        """Keys in order from ``start`` (inclusive), limited to ``prefix``."""
        ...


@dataclass(frozen=True, slots=True)
class CommitSet:
    """Everything a block's state transition produced, ready for ``ChainDB.commit_block``.

    ``changes`` is sorted by key; a value of None deletes the key. ``update`` is the result of
    applying ``changes`` to the parent trie with ``state_version``.
    """

    changes: list[tuple[bytes, bytes | None]]
    update: TrieUpdate
    state_version: int

    @property
    def state_root(self) -> bytes:
        """The state root after the changes."""
        return self.update.root


class Overlay:
    """A block's pending writes over a parent state, with nested transactional layers."""

    def __init__(self, parent: Trie, reader: StateReader | None = None) -> None:
        self.parent = parent
        self.reader: StateReader = reader if reader is not None else parent
        self._changes: dict[bytes, bytes | _PendingVec | None] = {}
        self._base: dict[bytes, bytes | None] = {}
        self._sorted: list[bytes] = []
        self._fresh: list[bytes] = []
        self._undo: list[dict[bytes, object]] = []
        self._generation = 0
        self._root_cache: tuple[int, int, TrieUpdate] | None = None

    # -- reads -----------------------------------------------------------------------------------

    def get(self, key: bytes) -> bytes | None:
        """The value at ``key`` including pending changes, or None."""
        changes = self._changes
        if key in changes:
            entry = changes[key]
            if type(entry) is _PendingVec:
                return entry.value()
            return entry  # type: ignore[return-value]
        value = self._base.get(key, _ABSENT)
        if value is _ABSENT:
            value = self._base[key] = self.reader.get(key)
        return value  # type: ignore[return-value]

    def next_key(self, key: bytes) -> bytes | None:
        """The smallest existing key strictly greater than ``key`` (pending changes merged)."""
        changes = self._changes
        ordered = self._ordered()
        pending = None
        for index in range(bisect_right(ordered, key), len(ordered)):
            candidate = ordered[index]
            if changes[candidate] is not None:
                pending = candidate
                break
        base = self.reader.next_key(key)
        while base is not None and (pending is None or base < pending):
            if changes.get(base, _ABSENT) is not None:
                return base
            base = self.reader.next_key(base)
        return pending

    def iter_keys(self, start: bytes = b"", prefix: bytes = b"") -> Iterator[bytes]:
        """Existing keys in order from ``start`` (inclusive) within ``prefix``, changes merged."""
        begin = max(start, prefix)
        key: bytes | None = begin if self.get(begin) is not None else self.next_key(begin)
        while key is not None and key.startswith(prefix):
            yield key
            key = self.next_key(key)

    # -- writes ----------------------------------------------------------------------------------

    def set(self, key: bytes, value: bytes) -> None:
        """Store ``value`` at ``key``."""
        if type(key) is not bytes or type(value) is not bytes:
            raise OverlayError(
                f"storage keys and values are bytes, got {type(key).__name__} -> "
                f"{type(value).__name__}")
        self._write(key, value)

    def clear(self, key: bytes) -> None:
        """Remove ``key`` (no-op when absent)."""
        if type(key) is not bytes:
            raise OverlayError(f"storage keys are bytes, got {type(key).__name__}")
        self._write(key, None)

    def clear_prefix(self, prefix: bytes, limit: int | None = None) -> tuple[int, bool]:
        """Delete keys under ``prefix`` with Substrate's limit rule (see the module docstring)."""
        if limit is not None and limit < 0:
            raise OverlayError(f"clear_prefix limit must be non-negative, got {limit}")
        ordered = self._ordered()
        start = bisect_left(ordered, prefix)
        end = start
        while end < len(ordered) and ordered[end].startswith(prefix):
            end += 1
        for key in ordered[start:end]:
            if self._changes[key] is not None:
                self._write(key, None)
        counted = 0
        for key in self.reader.iter_keys(prefix=prefix):
            if limit is not None and counted >= limit:
                return counted, False
            if self._changes.get(key, _ABSENT) is not None:
                self._write(key, None)
            counted += 1
        return counted, True

    def append(self, key: bytes, item: bytes) -> None:
        """Append one SCALE-encoded ``item`` to the Vec at ``key`` (amortised O(len(item))).

        An absent or empty value starts a new Vec; a value that is not a valid Vec prefix is
        overwritten by a fresh one-item Vec (Substrate's ``storage_append``).
        """
        if type(key) is not bytes or type(item) is not bytes:
            raise OverlayError(
                f"storage keys and items are bytes, got {type(key).__name__} -> "
                f"{type(item).__name__}")
        entry = self._changes.get(key, _ABSENT)
        if type(entry) is _PendingVec:
            if self._undo:
                layer = self._undo[-1]
                if key not in layer:
                    layer[key] = (entry, len(entry.pieces))
            entry.push(item)
            self._generation += 1
            return
        vec = _start_vec(self.get(key))
        vec.push(item)
        self._write(key, vec)

    def _write(self, key: bytes, value: bytes | _PendingVec | None) -> None:
        changes = self._changes
        if self._undo:
            layer = self._undo[-1]
            if key not in layer:
                previous = changes.get(key, _ABSENT)
                if type(previous) is _PendingVec:
                    previous = (previous, len(previous.pieces))
                layer[key] = previous
        if key not in changes:
            self._fresh.append(key)
        changes[key] = value
        self._generation += 1

    # -- transactional layers --------------------------------------------------------------------

    @property
    def transaction_depth(self) -> int:
        """How many transactional layers are open."""
        return len(self._undo)

    def start_transaction(self) -> None:
        """Open a nested transactional layer."""
        self._undo.append({})

    def commit_transaction(self) -> None:
        """Keep the innermost layer's changes as part of the enclosing layer."""
        if not self._undo:
            raise NoOpenTransactionError("commit_transaction without an open transaction")
        layer = self._undo.pop()
        if self._undo:
            outer = self._undo[-1]
            for key, previous in layer.items():
                outer.setdefault(key, previous)

    def rollback_transaction(self) -> None:
        """Undo every change made since the innermost ``start_transaction``."""
        if not self._undo:
            raise NoOpenTransactionError("rollback_transaction without an open transaction")
        layer = self._undo.pop()
        changes = self._changes
        ordered = self._ordered()
        for key, previous in layer.items():
            if previous is _ABSENT:
                del changes[key]
                del ordered[bisect_left(ordered, key)]
            elif type(previous) is tuple:
                vec, length = previous
                vec.truncate(length)
                changes[key] = vec
            else:
                changes[key] = previous  # type: ignore[assignment]
        self._generation += 1

    # -- roots and the change set ----------------------------------------------------------------

    def storage_root(self, state_version: int = 1) -> bytes:
        """The state root with every pending change applied (only dirty paths re-hashed)."""
        return self._trie_update(state_version).root

    def ordered_trie_root(self, values: Sequence[bytes], state_version: int = 0) -> bytes:
        """Host function: the ordered trie root of ``values`` (a block's extrinsics root)."""
        return ordered_trie_root(values, state_version)

    def _trie_update(self, state_version: int) -> TrieUpdate:
        cached = self._root_cache
        if cached is not None and cached[0] == self._generation and cached[1] == state_version:
            return cached[2]
        parent = self.parent
        trie = Trie(parent.store, parent.root, state_version, cache=parent.cache)
        update = trie.apply(self.changes())
        self._root_cache = (self._generation, state_version, update)
        return update

    def changes(self) -> list[tuple[bytes, bytes | None]]:
        """The pending changes sorted by key (None = delete), open layers included."""
        changes = self._changes
        out: list[tuple[bytes, bytes | None]] = []
        for key in self._ordered():
            entry = changes[key]
            out.append((key, entry.value() if type(entry) is _PendingVec else entry))
        return out

    def _ordered(self) -> list[bytes]:
        """Every changed key in byte order (merging the keys written since the last call)."""
        fresh = self._fresh
        if fresh:
            ordered = self._sorted
            if len(fresh) <= 32:
                for key in fresh:
                    insort(ordered, key)
            else:
                ordered.extend(fresh)
                ordered.sort()
            fresh.clear()
        return self._sorted

    def __len__(self) -> int:
        return len(self._changes)

    def commit_set(self, state_version: int = 1) -> CommitSet:
        """The final sorted change set and trie update; every transaction must be closed."""
        if self._undo:
            raise OpenTransactionsError(
                f"cannot take the change set with {len(self._undo)} transactional layer(s) open")
        return CommitSet(self.changes(), self._trie_update(state_version), state_version)
