"""The chain database: blocks, chain pointers and retained states in one key-value store.

Layout: ``storage.kv`` (columns), ``storage.chain_meta`` (block records, meta rows) and
``storage.state_db`` (nodes, reference counts, journals, flat index). Every change of the chain —
a block with its header, body, justifications, trie nodes, reference counts, journals, flat-index
changes and pointers; a new best block; a finalization with its pruning — is written in ONE
atomic batch, so after a crash the database stands exactly at the last completed call: the best
block's state root is in its record, every node of it is stored, and the flat index equals it.

Pointers: ``best`` (head of the canonical chain; column C maps every height up to it to the
canonical hash; the flat index holds its state), ``final`` (last finalized block, always an
ancestor of ``best``) and ``genesis``.

Pruning (:class:`Pruning`): archive mode keeps every state; otherwise the states of the last
``keep`` (default 256) finalized blocks and of every unfinalized block are retained:

* committing block b adds +1 per node reference its trie gained (journal ``n``) and records the
  references it lost (journal ``r``) without releasing them: the parent state still needs them;
* finalizing block F discards every fork branching off below F: each discarded block releases
  its ``n`` and its rows are deleted;
* the canonical block at a height h ≤ F − keep loses its state: the canonical child's ``r`` is
  released, nodes whose count reaches zero are deleted, and the block's own journals go.
  Headers and bodies stay.

A node's count is thus the number of references held by the oldest retained canonical state
plus those gained by every retained block above it; it is positive exactly when some retained
state references the node, so the ``N`` column holds exactly the union of the retained states'
nodes (tested). Re-orgs move the flat index back with the undo journals (``u``) and forward with
the forward journals (``f``). Journals live as long as their block's state (in archive mode: for
the last ``keep`` finalized blocks), so :meth:`ChainDB.rewind` can go back to any ancestor of the
best block in that window, finalized or not (dev chains' snapshot/revert).

Durability: one LevelDB ``Write`` per operation survives a process crash (the crash-safety test
SIGKILLs a writer); open with ``sync=True`` to survive an OS crash or power loss as well.
Concurrency: one writer thread; any number of reader threads. The batch write and the move of
the flat index happen under the index lock, and a :class:`FlatStateView` decides each read
(flat index or trie) under the same lock, so readers racing a commit still read their block's
state. Nodes of a retained state never change; a state pruned while being read raises
``MissingNodeError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from storage.backends.leveldb import LevelDBStore
from storage.backends.memory import MemoryStore
from storage.chain_meta import BlockRecord, ChainMeta, Pruning
from storage.errors import BlockNotFoundError, InvalidBlockCommitError, StatePrunedError
from storage.kv import Column, KeyValueStore, WriteBatch
from storage.overlay import Overlay
from storage.state_db import (
    Changes,
    FlatIndexState,
    FlatStager,
    FlatStateView,
    KVNodeStore,
    RefCountStager,
    decode_changes,
    decode_hashes,
    encode_changes,
    encode_hashes,
)
from storage.trie import NodeCache, Trie, TrieUpdate

__all__ = ["ZERO_HASH", "BlockRecord", "ChainDB", "Pruning"]

ZERO_HASH = bytes(32)
_J_NEW, _J_REMOVED, _J_FORWARD, _J_UNDO = b"n", b"r", b"f", b"u"
_ALL_JOURNALS = (_J_NEW, _J_REMOVED, _J_FORWARD, _J_UNDO)


class _Staged:
    """One chain-database operation: a write batch plus the reads that must see its rows."""

    def __init__(self, kv: KeyValueStore, meta: ChainMeta) -> None:
        self.kv = kv
        self.batch: WriteBatch = kv.write_batch()
        empty = meta.genesis is None
        self.refs = RefCountStager(kv, empty)
        self.flat = FlatStager(kv, empty)
        self.meta = meta.copy()
        self.pending: dict[bytes, bytes | None] = {}

    def get(self, key: bytes) -> bytes | None:
        """A row as this operation will leave it (flat and node rows excluded)."""
        if key in self.pending:
            return self.pending[key]
        return self.kv.get(key)

    def put(self, key: bytes, value: bytes) -> None:
        """Stage a row."""
        self.pending[key] = value
        self.batch.put(key, value)

    def delete(self, key: bytes) -> None:
        """Stage a deletion."""
        self.pending[key] = None
        self.batch.delete(key)

    def keys(self, start: bytes = b"", prefix: bytes = b"") -> Iterator[bytes]:
        """Keys ≥ ``start`` under ``prefix`` with the staged rows merged in."""
        found = {key for key in self.kv.keys(start, prefix) if self.pending.get(key, b"")
                 is not None}
        found.update(key for key, value in self.pending.items()
                     if value is not None and key >= start and key.startswith(prefix))
        return iter(sorted(found))

    def record(self, block_hash: bytes) -> BlockRecord:
        """The record of a block as staged; unknown blocks raise."""
        found = BlockRecord.read(self, block_hash)
        if found is None:
            raise BlockNotFoundError(block_hash)
        return found

    def journal(self, record: BlockRecord, part: bytes) -> bytes:
        """One journal part of a block; a missing part raises."""
        data = self.get(Column.JOURNAL.key(record.lookup + part))
        if data is None:
            raise InvalidBlockCommitError(
                f"journal '{part.decode()}' of block #{record.number} 0x{record.hash.hex()} "
                "is gone (the block is final or pruned)")
        return data

    def put_journal(self, record: BlockRecord, part: bytes, data: bytes) -> None:
        """Stage one journal part of a block."""
        self.put(Column.JOURNAL.key(record.lookup + part), data)

    def delete_journal(self, record: BlockRecord, part: bytes) -> None:
        """Stage the removal of one journal part of a block."""
        self.delete(Column.JOURNAL.key(record.lookup + part))

    def canonical(self, number: int) -> bytes | None:
        """The staged canonical hash at ``number``."""
        return self.get(Column.CANONICAL.key(Column.number_key(number)))

    def children(self, block_hash: bytes) -> list[bytes]:
        """The staged children of a block."""
        prefix = Column.CHILDREN.key(block_hash)
        return [key[len(prefix):] for key in self.keys(prefix=prefix)]

    def ancestor_at(self, record: BlockRecord, number: int) -> BlockRecord:
        """The ancestor-or-self of ``record`` at height ``number``."""
        while record.number > number:
            record = self.record(record.parent_hash)
        return record

    def fork_point(self, record: BlockRecord) -> BlockRecord:
        """The nearest ancestor-or-self of ``record`` on the staged canonical chain."""
        while self.canonical(record.number) != record.hash:
            record = self.record(record.parent_hash)
        return record

    def path(self, ancestor: BlockRecord, target: BlockRecord) -> list[BlockRecord]:
        """Records from just above ``ancestor`` up to ``target``, lowest first."""
        path = []
        record = target
        while record.number > ancestor.number:
            path.append(record)
            record = self.record(record.parent_hash)
        if record.hash != ancestor.hash:
            raise InvalidBlockCommitError(
                f"block 0x{target.hash.hex()} does not descend from 0x{ancestor.hash.hex()}")
        path.reverse()
        return path


class ChainDB:
    """Headers, bodies, justifications, pointers and retained states over a key-value store."""

    def __init__(self, kv: KeyValueStore, pruning: Pruning | None = None,
                 cache: NodeCache | None = None) -> None:
        self.kv = kv
        self.meta = ChainMeta.load(kv, pruning)
        self.nodes = KVNodeStore(kv)
        self.cache = cache if cache is not None else NodeCache()
        self._flat = FlatIndexState(self.meta.best)

    @classmethod
    def open_leveldb(cls, path: str | Path, pruning: Pruning | None = None,
                     sync: bool = False) -> ChainDB:
        """A chain database in a LevelDB directory (created if missing)."""
        kv = LevelDBStore(path, sync=sync)
        try:
            return cls(kv, pruning)
        except BaseException:
            kv.close()
            raise

    @classmethod
    def open_memory(cls, pruning: Pruning | None = None) -> ChainDB:
        """A throw-away chain database in memory."""
        return cls(MemoryStore(), pruning)

    def close(self) -> None:
        """Close the underlying store."""
        self.kv.close()

    def clear_read_cache(self) -> None:
        """Forget the cached flat-index reads (benchmarks measure cold reads with it)."""
        with self._flat.lock:
            self._flat.hot.clear()

    def __enter__(self) -> ChainDB:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close()

    # -- pointers and block rows -----------------------------------------------------------------

    @property
    def pruning(self) -> Pruning:
        """The pruning mode in force."""
        return self.meta.pruning

    @property
    def genesis_hash(self) -> bytes | None:
        """The genesis block hash, or None before genesis is committed."""
        return self.meta.genesis

    @property
    def best_hash(self) -> bytes | None:
        """The best (head) block hash, or None before genesis."""
        return self.meta.best

    @property
    def finalized_hash(self) -> bytes | None:
        """The last finalized block hash, or None before genesis."""
        return self.meta.final

    @property
    def best_number(self) -> int:
        """The height of the best block (-1 before genesis)."""
        return -1 if self.meta.best is None else self.record(self.meta.best).number

    @property
    def finalized_number(self) -> int:
        """The height of the last finalized block (-1 before genesis)."""
        return -1 if self.meta.final is None else self.record(self.meta.final).number

    @property
    def oldest_state(self) -> int:
        """The lowest canonical height whose state is still retained."""
        return self.meta.pruned_to

    def find_record(self, block_hash: bytes) -> BlockRecord | None:
        """The stored record (number, parent, state root) of a block, or None."""
        return BlockRecord.read(self.kv, block_hash)

    def record(self, block_hash: bytes) -> BlockRecord:
        """The stored record of a block; unknown blocks raise :class:`BlockNotFoundError`."""
        found = BlockRecord.read(self.kv, block_hash)
        if found is None:
            raise BlockNotFoundError(block_hash)
        return found

    def _row(self, column: Column, block_hash: bytes) -> bytes | None:
        found = self.find_record(block_hash)
        return None if found is None else self.kv.get(column.key(found.lookup))

    def header(self, block_hash: bytes) -> bytes | None:
        """The SCALE header of a block, or None when unknown."""
        return self._row(Column.HEADERS, block_hash)

    def body(self, block_hash: bytes) -> bytes | None:
        """The SCALE body of a block, or None when unknown."""
        return self._row(Column.BODIES, block_hash)

    def justifications(self, block_hash: bytes) -> bytes | None:
        """The stored SCALE justifications of a block, or None."""
        return self._row(Column.JUSTIFICATIONS, block_hash)

    def canonical_hash(self, number: int) -> bytes | None:
        """The hash of the best chain's block at ``number``, or None above the best block."""
        if not 0 <= number <= 0xFFFFFFFF:
            return None
        return self.kv.get(Column.CANONICAL.key(Column.number_key(number)))

    def children(self, block_hash: bytes) -> list[bytes]:
        """The hashes of the known children of a block."""
        prefix = Column.CHILDREN.key(block_hash)
        return [key[len(prefix):] for key in self.kv.keys(prefix=prefix)]

    # -- state access ----------------------------------------------------------------------------

    def has_state(self, block_hash: bytes) -> bool:
        """Whether the state of a known block is retained."""
        found = self.find_record(block_hash)
        return found is not None and found.number >= self.meta.pruned_to

    def state_at(self, block_hash: bytes, state_version: int = 1) -> Trie:
        """The trie of a retained block's state (``state_version`` governs later writes)."""
        found = self.record(block_hash)
        if found.number < self.meta.pruned_to:
            raise StatePrunedError(block_hash, found.number, self.meta.pruned_to)
        return Trie(self.nodes, found.state_root, state_version, cache=self.cache)

    def reader_at(self, block_hash: bytes, state_version: int = 1) -> FlatStateView:
        """A read view of a block's state, served by the flat index while it is the best block."""
        trie = self.state_at(block_hash, state_version)
        return FlatStateView(self.kv, self._flat, block_hash, trie)

    def overlay_at(self, parent_hash: bytes, state_version: int = 1) -> Overlay:
        """A fresh overlay for building or importing a child of ``parent_hash``."""
        view = self.reader_at(parent_hash, state_version)
        return Overlay(view.trie, view)

    # -- commits ---------------------------------------------------------------------------------

    def commit_block(self, *, header: bytes, block_hash: bytes, number: int, parent_hash: bytes,
                     body: bytes, update: TrieUpdate, changes: Sequence[tuple[bytes, bytes | None]],
                     justifications: bytes | None = None, set_best: bool = True,
                     finalize: bool = False, pinned: Iterable[TrieUpdate] = ()) -> None:
        """Store a block and its state in one atomic batch.

        ``update`` is the parent trie's ``apply(changes)`` (``Overlay.commit_set`` gives both);
        the genesis block (number 0, zero parent) applies its state to the empty trie and becomes
        best and finalized. ``pinned`` (genesis only) adds nodes never released (child tries).
        ``set_best`` makes the block the head (re-org included); ``finalize`` also finalizes it.
        """
        pinned = tuple(pinned)
        staged = _Staged(self.kv, self.meta)
        is_genesis = self._check_new_block(staged, block_hash, number, parent_hash, pinned)
        staged.refs.add(update.new_refs, update.inserted)
        for extra in pinned:
            staged.refs.add(extra.new_refs, extra.inserted)
        record = BlockRecord(block_hash, number, parent_hash, update.root)
        staged.put(Column.BLOCKS.key(block_hash), record.encode())
        staged.put(Column.HEADERS.key(record.lookup), header)
        staged.put(Column.BODIES.key(record.lookup), body)
        if justifications is not None:
            staged.put(Column.JUSTIFICATIONS.key(record.lookup), justifications)
        staged.put(Column.CHILDREN.key(parent_hash + block_hash), b"")
        forward = list(changes)
        if is_genesis:  # final at once: no re-org or pruning will ever need its journals
            staged.flat.pending.update(forward)
            staged.put(Column.CANONICAL.key(Column.number_key(0)), block_hash)
            staged.meta.genesis = staged.meta.final = staged.meta.best = block_hash
            self._write(staged)
            return
        staged.put_journal(record, _J_NEW, encode_hashes(update.new_refs))
        staged.put_journal(record, _J_REMOVED, encode_hashes(update.removed))
        staged.put_journal(record, _J_FORWARD, encode_changes(forward))
        if set_best or finalize:
            self._set_best(staged, record, forward)
        if finalize:
            self._finalize(staged, block_hash, None)
        self._write(staged)

    def set_best(self, block_hash: bytes) -> None:
        """Make a stored block (descending from the finalized one) the head; re-orgs the index."""
        staged = _Staged(self.kv, self.meta)
        self._set_best(staged, staged.record(block_hash), None)
        self._write(staged)

    def finalize(self, block_hash: bytes, justification: bytes | None = None) -> None:
        """Finalize a block (and its ancestors): discard other forks, prune old states.

        Finalizing an already-final block only stores ``justification``; a block conflicting
        with the finalized chain raises :class:`InvalidBlockCommitError`.
        """
        staged = _Staged(self.kv, self.meta)
        self._finalize(staged, block_hash, justification)
        self._write(staged)

    def rewind(self, block_hash: bytes) -> None:
        """Go back to an ancestor of the best block within the rewind window (dev chains).

        Every descendant of the block is deleted, the block becomes best, and finalized too when
        the finalized block was above it. One atomic batch, like every other change.
        """
        staged = _Staged(self.kv, self.meta)
        target = staged.record(block_hash)
        best = staged.record(staged.meta.best or block_hash)
        on_best_chain = staged.ancestor_at(best, target.number) == target
        if target.number < staged.meta.journal_floor or not on_best_chain:
            raise InvalidBlockCommitError(
                f"cannot rewind to #{target.number} 0x{block_hash.hex()}: not an ancestor of the "
                "best block with a retained state")
        final = staged.record(staged.meta.final or block_hash)
        if final.number > target.number:
            staged.meta.final = target.hash
        self._set_best(staged, target, None)
        for child in staged.children(target.hash):
            self._discard_subtree(staged, child)
        self._write(staged)

    # -- internals -------------------------------------------------------------------------------

    def _write(self, staged: _Staged) -> None:
        staged.refs.flush(staged.batch)
        staged.flat.flush(staged.batch)
        staged.meta.write(staged.batch)
        with self._flat.lock:
            staged.batch.write()
            self.meta = staged.meta
            self._flat.moved(staged.meta.best, staged.flat.pending)

    def _check_new_block(self, staged: _Staged, block_hash: bytes, number: int,
                         parent_hash: bytes, pinned: tuple[TrieUpdate, ...]) -> bool:
        if len(block_hash) != 32 or len(parent_hash) != 32:
            raise InvalidBlockCommitError("block and parent hashes must be 32 bytes")
        if self.find_record(block_hash) is not None:
            raise InvalidBlockCommitError(f"block 0x{block_hash.hex()} is already stored")
        if number == 0:
            if self.meta.genesis is not None or parent_hash != ZERO_HASH:
                raise InvalidBlockCommitError(
                    "a block numbered 0 must be the first (genesis) block, with a zero parent")
            return True
        if self.meta.genesis is None:
            raise InvalidBlockCommitError(f"block #{number} committed before genesis")
        if pinned:
            raise InvalidBlockCommitError("pinned nodes may only be committed with genesis")
        parent = self.find_record(parent_hash)
        if parent is None:
            raise InvalidBlockCommitError(
                f"parent 0x{parent_hash.hex()} of block #{number} is unknown")
        if parent.number + 1 != number:
            raise InvalidBlockCommitError(
                f"block numbered {number} cannot follow parent #{parent.number}")
        if staged.fork_point(parent).number < self.finalized_number:
            raise InvalidBlockCommitError(
                f"parent #{parent.number} 0x{parent_hash.hex()} is on a fork below the "
                "finalized block")
        return False

    def _set_best(self, staged: _Staged, target: BlockRecord, new_changes: Changes | None) -> None:
        """Move ``best``, the canonical index and the flat index to ``target``."""
        meta = staged.meta
        if meta.best is None:
            raise InvalidBlockCommitError("no best block before genesis")
        best = staged.record(meta.best)
        ancestor = staged.fork_point(target)
        if ancestor.number < staged.record(meta.final).number:
            raise InvalidBlockCommitError(
                f"block #{target.number} 0x{target.hash.hex()} does not extend the finalized chain")
        record = best
        while record.number > ancestor.number:
            undo = decode_changes(staged.journal(record, _J_UNDO), "undo journal")
            staged.flat.apply(reversed(undo))
            staged.delete_journal(record, _J_UNDO)
            record = staged.record(record.parent_hash)
        for step in staged.path(ancestor, target):
            if step.hash == target.hash and new_changes is not None:
                forward = new_changes
            else:
                forward = decode_changes(staged.journal(step, _J_FORWARD), "forward journal")
            self._advance_flat(staged, step, forward)
        for number in range(target.number + 1, best.number + 1):
            staged.delete(Column.CANONICAL.key(Column.number_key(number)))
        meta.best = target.hash

    @staticmethod
    def _advance_flat(staged: _Staged, record: BlockRecord, forward: Changes) -> None:
        undo = staged.flat.apply(forward)
        staged.put_journal(record, _J_UNDO, encode_changes(undo))
        staged.put(Column.CANONICAL.key(Column.number_key(record.number)), record.hash)

    def _finalize(self, staged: _Staged, block_hash: bytes, justification: bytes | None) -> None:
        target = staged.record(block_hash)
        meta = staged.meta
        final = staged.record(meta.final)
        if target.number <= final.number:
            if staged.ancestor_at(final, target.number) != target:
                raise InvalidBlockCommitError(
                    f"block #{target.number} 0x{block_hash.hex()} conflicts with the finalized "
                    f"block #{final.number}")
            if justification is not None:  # already final: only its justification is news
                staged.put(Column.JUSTIFICATIONS.key(target.lookup), justification)
            return
        if justification is not None:
            staged.put(Column.JUSTIFICATIONS.key(target.lookup), justification)
        path = staged.path(final, target)
        best = staged.record(meta.best)
        if best.number < target.number or staged.ancestor_at(best, target.number) != target:
            self._set_best(staged, target, None)
        previous = final
        for record in path:
            for child in staged.children(previous.hash):
                if child != record.hash:
                    self._discard_subtree(staged, child)
            previous = record
        meta.final = target.hash
        keep_from = target.number - meta.pruning.keep + 1
        if meta.pruning.archive:
            self._drop_journals(staged, path, keep_from)
        else:
            self._prune(staged, path, keep_from)

    @staticmethod
    def _discard_subtree(staged: _Staged, block_hash: bytes) -> None:
        pending = [block_hash]
        while pending:
            record = staged.record(pending.pop())
            pending.extend(staged.children(record.hash))
            new_refs = staged.get(Column.JOURNAL.key(record.lookup + _J_NEW))
            if new_refs is not None:
                staged.refs.release(decode_hashes(new_refs, "new-node journal"))
            for part in _ALL_JOURNALS:
                staged.delete_journal(record, part)
            for column in (Column.HEADERS, Column.BODIES, Column.JUSTIFICATIONS):
                staged.delete(column.key(record.lookup))
            staged.delete(Column.BLOCKS.key(record.hash))
            staged.delete(Column.CHILDREN.key(record.parent_hash + record.hash))

    @staticmethod
    def _canonical_record(staged: _Staged, on_path: dict[int, BlockRecord],
                          number: int) -> BlockRecord:
        record = on_path.get(number)
        if record is None:
            canonical = staged.canonical(number)
            if canonical is None:
                raise InvalidBlockCommitError(f"no canonical block at #{number}")
            record = staged.record(canonical)
        return record

    def _drop_journals(self, staged: _Staged, path: list[BlockRecord], keep_from: int) -> None:
        """Archive mode: forget the journals of final blocks below the rewind window."""
        meta = staged.meta
        on_path = {record.number: record for record in path}
        for number in range(meta.journal_floor, max(keep_from, meta.journal_floor)):
            record = self._canonical_record(staged, on_path, number)
            for part in _ALL_JOURNALS:
                staged.delete_journal(record, part)
            meta.journal_floor = number + 1

    def _prune(self, staged: _Staged, path: list[BlockRecord], keep_from: int) -> None:
        meta = staged.meta
        on_path = {record.number: record for record in path}
        for number in range(meta.pruned_to, max(keep_from, meta.pruned_to)):
            child = self._canonical_record(staged, on_path, number + 1)
            removed = staged.journal(child, _J_REMOVED)
            staged.refs.release(decode_hashes(removed, "removed-node journal"))
            staged.delete_journal(child, _J_REMOVED)
            pruned = staged.record(child.parent_hash)
            for part in (_J_NEW, _J_FORWARD, _J_UNDO):
                staged.delete_journal(pruned, part)
            meta.pruned_to = meta.journal_floor = number + 1
