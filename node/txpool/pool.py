"""The transaction pool: validation, queues, replacement, limits, bans, block events and watchers.

``TransactionPool`` follows Substrate's single-state graph pool (``sc-transaction-pool``):

- ``submit`` hashes the extrinsic (blake2-256 of the full encoding), refuses banned and known
  hashes, asks the injected validator (the node runs ``TaggedTransactionQueue_validate_transaction``
  in it), then imports the result into the ready or future queue and enforces the limits.
- ``on_block_imported`` prunes the tags the block's extrinsics provide, bans and marks the included
  ones ``inBlock``, re-checks the pruned conflicting ones, drops the stale (longevity) ones and
  re-validates the pool (all of it, or ``PoolLimits.revalidation_batch`` transactions) at it.
- ``on_block_finalized`` / ``on_block_retracted`` finish or undo inclusions.

The pool is synchronous and thread-confined: call every method from one thread (the node's event
loop thread); watchers are fed inline on that thread (see ``node.txpool.watcher``).
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import cast

from node.txpool import watcher as st
from node.txpool.bans import DEFAULT_BAN_TIME, BanList
from node.txpool.errors import (
    AlreadyImported,
    CycleDetected,
    ImmediatelyDropped,
    InvalidTransactionError,
    NoTagsProvided,
    PoolError,
    TemporarilyBanned,
    UnknownTransactionError,
    ValidatorContractError,
)
from node.txpool.graph import BasePool, Imported, Limit, PoolTransaction, PruneStatus, ReadyIterator
from node.txpool.graph import _Cycle as Cycle
from node.txpool.validity import (
    U64_MAX,
    InvalidTransaction,
    Tag,
    TransactionSource,
    UnknownTransaction,
    Validity,
    ValidTransaction,
)
from node.txpool.watcher import StatusDispatcher, Watcher
from runtime.primitives.hashing import blake2_256

Validator = Callable[[TransactionSource, bytes, bytes], Validity]
"""``validator(source, extrinsic, at_block_hash) -> ValidTransaction | InvalidTransaction |
UnknownTransaction``: the runtime's TaggedTransactionQueue_validate_transaction, decoded."""

MAX_TRACKED_BLOCKS = 4096
RETRACTED_VALIDATION = -1
"""``validated_at`` of a transaction last validated at a block that has since been retracted."""


@dataclass(frozen=True, slots=True)
class PoolLimits:
    """Queue bounds and timing (defaults: Substrate's 8192 tx / 20 MiB ready, a tenth of it
    future, 30 min bans). ``future_max_age`` (seconds) also expires futures by age when set;
    ``revalidation_batch`` bounds how many transactions (least recently validated first) each
    imported block re-validates (None: all of them); those last validated at a since-retracted
    block are re-validated on top of the batch."""

    ready_count: int = 8192
    ready_bytes: int = 20 * 1024 * 1024
    future_count: int = 819
    future_bytes: int = 2 * 1024 * 1024
    ban_time: float = DEFAULT_BAN_TIME
    future_max_age: float | None = None
    revalidation_batch: int | None = None


@dataclass(frozen=True, slots=True)
class PoolStatus:
    """Counts and encoded sizes of both queues."""

    ready: int
    ready_bytes: int
    future: int
    future_bytes: int


@dataclass(slots=True)
class _BlockRecord:
    parent: bytes | None
    included: list[tuple[bytes, bytes]]


def extrinsic_hash(extrinsic: bytes) -> bytes:
    """The pool/RPC hash of an extrinsic: blake2-256 of its full encoding (length prefix too)."""
    return blake2_256(extrinsic)


def is_bare(extrinsic: bytes) -> bool:
    """True for a bare (unsigned or inherent) extrinsic: version-byte preamble bits 7-6 are 00."""
    if not extrinsic:
        return True
    mode = extrinsic[0] & 3
    skip = {0: 1, 1: 2, 2: 4}.get(mode, (extrinsic[0] >> 2) + 5)
    return len(extrinsic) <= skip or extrinsic[skip] & 0xC0 == 0


class TransactionPool:
    """Ready/future transaction pool fed by an injected validator (see the module doc)."""

    def __init__(self, validator: Validator, *, limits: PoolLimits | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._validator = validator
        self.limits = limits or PoolLimits()
        self._clock = clock
        self._base = BasePool()
        self._bans = BanList(self.limits.ban_time,
                             capacity=2 * (self.limits.ready_count + self.limits.future_count))
        self._events = StatusDispatcher()
        self._ready_limit = Limit(self.limits.ready_count, self.limits.ready_bytes)
        self._future_limit = Limit(self.limits.future_count, self.limits.future_bytes)
        self._seq = 0
        self._height = 0
        self._head: bytes | None = None
        self._blocks: dict[bytes, _BlockRecord] = {}

    # ------------------------------------------------------------------ submission

    def submit(self, source: TransactionSource, extrinsic: bytes, at_block: bytes) -> bytes:
        """Validate at ``at_block`` and import; returns the hash or raises a ``PoolError``."""
        extrinsic = bytes(extrinsic)
        tx_hash = extrinsic_hash(extrinsic)
        self._submit(source, extrinsic, at_block, tx_hash, watch=None)
        return tx_hash

    def submit_and_watch(self, source: TransactionSource, extrinsic: bytes, at_block: bytes,
                         on_status: Callable[[st.Status], None] | None = None,
                         ) -> tuple[bytes, Watcher]:
        """As ``submit``, plus a watcher whose first status is ``"ready"`` or ``"future"``."""
        extrinsic = bytes(extrinsic)
        tx_hash = extrinsic_hash(extrinsic)
        watcher = self._submit(source, extrinsic, at_block, tx_hash, watch=(on_status,))
        return tx_hash, cast(Watcher, watcher)

    def unwatch(self, watcher: Watcher) -> None:
        """``author_unwatchExtrinsic``: close ``watcher`` and stop routing statuses to it."""
        watcher.close()
        self._events.forget(watcher)

    def _submit(self, source: TransactionSource, extrinsic: bytes, at_block: bytes,
                tx_hash: bytes, *, watch: tuple[Callable[[st.Status], None] | None] | None,
                check_ban: bool = True) -> Watcher | None:
        now = self._clock()
        if check_ban and self._bans.is_banned(tx_hash, now):
            raise TemporarilyBanned()
        if self._base.is_imported(tx_hash):
            raise AlreadyImported(tx_hash)
        validity = self._validate(source, extrinsic, tx_hash, at_block)
        tx = self._new_tx(tx_hash, extrinsic, validity, source, None, now)
        watcher = self._events.watch(tx_hash, watch[0]) if watch is not None else None
        try:
            imported = self._base.import_tx(tx)
        except Cycle as cycle:
            self._forget(watcher)
            self._drop([t.hash for t in cycle.lost if t.hash != tx_hash], ban=False)
            raise CycleDetected() from None
        except PoolError:
            self._forget(watcher)
            raise
        self._fire_imported(imported)
        if tx_hash in self._enforce_limits():
            self._forget(watcher)
            raise ImmediatelyDropped()
        return watcher

    def _validate(self, source: TransactionSource, extrinsic: bytes, tx_hash: bytes,
                  at_block: bytes) -> ValidTransaction:
        result = self._validator(source, extrinsic, at_block)
        if isinstance(result, ValidTransaction):
            if not result.provides:
                self._bans.ban(self._clock(), (tx_hash,))
                raise NoTagsProvided()
            return result
        if isinstance(result, InvalidTransaction):
            self._bans.ban(self._clock(), (tx_hash,))
            raise InvalidTransactionError(result)
        if isinstance(result, UnknownTransaction):
            raise UnknownTransactionError(result)
        raise ValidatorContractError(f"validator returned {type(result).__name__}")

    def _new_tx(self, tx_hash: bytes, data: bytes, validity: ValidTransaction,
                source: TransactionSource, seq: int | None, arrived_at: float) -> PoolTransaction:
        if seq is None:
            self._seq += 1
            seq = self._seq
        return PoolTransaction(
            hash=tx_hash, data=data, priority=validity.priority, requires=validity.requires,
            provides=validity.provides, valid_till=min(U64_MAX, self._height + validity.longevity),
            propagate=validity.propagate, source=source, seq=seq, arrived_at=arrived_at,
            validated_at=self._height)

    # ------------------------------------------------------------------ events

    def _fire_imported(self, imported: Imported) -> None:
        send = self._events.send
        if not imported.ready:
            send(imported.hash, st.FUTURE)
            return
        send(imported.hash, st.READY)
        for h in imported.failed:
            send(h, st.INVALID)
        for tx in imported.removed:
            send(tx.hash, st.usurped(imported.hash))
        for h in imported.promoted:
            send(h, st.READY)

    def _forget(self, watcher: Watcher | None) -> None:
        if watcher is not None:
            self._events.forget(watcher)

    def _drop(self, hashes: Iterable[bytes], *, ban: bool) -> None:
        hashes = list(hashes)
        if ban:
            self._bans.ban(self._clock(), hashes)
        for h in hashes:
            self._events.send(h, st.DROPPED)

    def _enforce_limits(self) -> set[bytes]:
        base = self._base
        if not (self._ready_limit.is_exceeded(len(base.ready), base.ready.bytes)
                or self._future_limit.is_exceeded(len(base.future), base.future.bytes)):
            return set()
        removed = [t.hash for t in base.enforce_limits(self._ready_limit, self._future_limit)]
        self._drop(removed, ban=True)
        return set(removed)

    def _remove_invalid(self, hashes: list[bytes]) -> list[bytes]:
        """Remove ``hashes`` with their dependants, ban the given ones, send "invalid" to all."""
        if not hashes:
            return []
        self._bans.ban(self._clock(), hashes)
        removed = [t.hash for t in self._base.remove_subtree(hashes)]
        for h in removed:
            self._events.send(h, st.INVALID)
        return removed

    # ------------------------------------------------------------------ blocks

    def on_block_imported(self, block_hash: bytes, included_extrinsics: list[bytes],
                          revalidate: bool = True, *, parent_hash: bytes | None = None) -> None:
        """A new best block: prune what it included, mark inBlock, expire, re-validate the rest.

        ``parent_hash`` defaults to the previous block given to the pool; it is where extrinsics
        unknown to the pool are validated to learn the tags they provide.
        """
        parent = parent_hash if parent_hash is not None else self._head
        included = {extrinsic_hash(x): x for x in included_extrinsics}
        tags = self._tags_of_included(included, parent)
        self._height += 1
        self._head = block_hash
        self._blocks[block_hash] = _BlockRecord(parent, list(included.items()))
        self._trim_blocks()
        before = self._statuses()
        status = self._base.prune_tags(tags)
        self._bans.ban(self._clock(), included)
        self._fire_pruned(status, included)
        for h in included:
            self._events.in_block(block_hash, h)
        conflicting = [t for t in status.pruned if t.hash not in included]
        self._resubmit(conflicting, block_hash, before)
        self._clear_stale()
        if revalidate:
            self._revalidate(block_hash, self.limits.revalidation_batch)
        self._enforce_limits()

    def _tags_of_included(self, included: dict[bytes, bytes], parent: bytes | None) -> list[Tag]:
        tags: list[Tag] = []
        for h, data in included.items():
            tx = self._base.get(h)
            if tx is not None:
                tags.extend(tx.provides)
            elif parent is not None and not is_bare(data):
                result = self._validator(TransactionSource.IN_BLOCK, data, parent)
                if isinstance(result, ValidTransaction):
                    tags.extend(result.provides)
        return tags

    def _fire_pruned(self, status: PruneStatus, included: dict[bytes, bytes]) -> None:
        for imported in status.promoted:
            self._fire_imported(imported)
        for h in status.failed:
            if h not in included:
                self._events.send(h, st.DROPPED)

    def _statuses(self) -> dict[bytes, st.Status]:
        statuses: dict[bytes, st.Status] = dict.fromkeys(self._base.ready.entries, st.READY)
        statuses.update(dict.fromkeys(self._base.future.waiting, st.FUTURE))
        return statuses

    def _resubmit(self, txs: list[PoolTransaction], at: bytes,
                  before: dict[bytes, st.Status]) -> None:
        """Re-validate transactions taken out of the pool at ``at`` and put the valid ones back."""
        items: list[PoolTransaction] = []
        invalid: list[bytes] = []
        for tx in txs:
            refreshed = self._revalidated(tx, at)
            if refreshed is None:
                invalid.append(tx.hash)
            else:
                items.append(refreshed)
        self._bans.ban(self._clock(), invalid)
        for h in invalid:
            self._events.send(h, st.INVALID)
        self._reimport(items, before)

    def _revalidated(self, tx: PoolTransaction, at: bytes) -> PoolTransaction | None:
        """``tx`` with fresh validity, unchanged if Unknown, or None if it is now invalid."""
        result = self._validator(tx.source, tx.data, at)
        if isinstance(result, ValidTransaction) and result.provides:
            return self._new_tx(tx.hash, tx.data, result, tx.source, tx.seq, tx.arrived_at)
        if isinstance(result, UnknownTransaction):
            return tx
        if isinstance(result, ValidTransaction | InvalidTransaction):
            return None
        raise ValidatorContractError(f"validator returned {type(result).__name__}")

    def _reimport(self, txs: list[PoolTransaction], before: dict[bytes, st.Status]) -> None:
        """Import ``txs`` (already out of the pool) and send only the status changes."""
        after: dict[bytes, st.Status] = {}
        for tx in sorted(txs, key=lambda t: t.seq):
            try:
                imported = self._base.import_tx(tx)
            except Cycle as cycle:
                after.update((t.hash, st.DROPPED) for t in cycle.lost)
                continue
            except PoolError:
                after[tx.hash] = st.INVALID
                continue
            after[tx.hash] = st.READY if imported.ready else st.FUTURE
            after.update((h, st.READY) for h in imported.promoted)
            after.update((h, st.INVALID) for h in imported.failed)
            after.update((t.hash, st.DROPPED) for t in imported.removed)
        for h, status in after.items():
            if before.get(h) != status:
                self._events.send(h, status)

    def _revalidate(self, at: bytes, batch: int | None = None, rebuild: bool = False) -> None:
        """Validate pooled transactions (all, or the ``batch`` least recently validated) at ``at``.

        Invalid ones leave with their dependants ("invalid", the roots banned); ones whose
        priority or tags changed (every one, if ``rebuild``) are re-imported with their
        dependants; the rest only refresh their longevity.
        """
        before = self._statuses()
        pooled = [e.tx for e in self._base.ready.entries.values()]
        pooled += [w.tx for w in self._base.future.waiting.values()]
        if batch is not None and batch < len(pooled):
            pooled = self._revalidation_batch(pooled, batch)
        changed: dict[bytes, PoolTransaction] = {}
        invalid: list[bytes] = []
        for tx in sorted(pooled, key=lambda t: t.seq):
            fresh = self._revalidated(tx, at)
            if fresh is None:
                invalid.append(tx.hash)
            elif rebuild or (fresh.priority, fresh.requires, fresh.provides) != (
                    tx.priority, tx.requires, tx.provides):
                changed[tx.hash] = fresh
            else:
                tx.valid_till, tx.validated_at = fresh.valid_till, fresh.validated_at
        self._remove_invalid(invalid)
        taken = self._base.remove_subtree([h for h in changed if self._base.is_imported(h)])
        self._reimport([changed.get(t.hash, t) for t in taken], before)

    @staticmethod
    def _revalidation_batch(pooled: list[PoolTransaction], batch: int) -> list[PoolTransaction]:
        """Every transaction validated at a since-retracted block (its validity is not known on
        the best chain at all), then the ``batch`` least recently validated of the others."""
        stale = [t for t in pooled if t.validated_at == RETRACTED_VALIDATION]
        rest = [t for t in pooled if t.validated_at != RETRACTED_VALIDATION]
        return stale + heapq.nsmallest(batch, rest, key=lambda t: (t.validated_at, t.seq))

    def _mark_retracted_validations(self) -> None:
        """Flag pooled transactions validated above the new height, i.e. at a retracted block."""
        pooled = [e.tx for e in self._base.ready.entries.values()]
        pooled += [w.tx for w in self._base.future.waiting.values()]
        for tx in pooled:
            if tx.validated_at > self._height:
                tx.validated_at = RETRACTED_VALIDATION

    def _clear_stale(self) -> None:
        now = self._clock()
        stale = [e.tx.hash for e in self._base.ready.entries.values()
                 if e.tx.valid_till <= self._height]
        stale += [w.tx.hash for w in self._base.future.waiting.values()
                  if w.tx.valid_till <= self._height]
        self._remove_invalid(stale)
        max_age = self.limits.future_max_age
        if max_age is not None:
            expired = [w.tx.hash for w in self._base.future.waiting.values()
                       if now - w.tx.arrived_at >= max_age]
            self._base.future.remove(expired)
            self._drop(expired, ban=False)
        self._bans.clear_expired(now)

    def _trim_blocks(self) -> None:
        while len(self._blocks) > MAX_TRACKED_BLOCKS:
            del self._blocks[next(iter(self._blocks))]

    def on_block_finalized(self, block_hash: bytes) -> None:
        """``block_hash`` is final: it and its tracked unfinalized ancestors send "finalized"."""
        chain = list(self._blocks)
        done = chain[:chain.index(block_hash) + 1] if block_hash in self._blocks else [block_hash]
        for b in done:
            self._blocks.pop(b, None)
            self._events.finalized(b)

    def on_block_retracted(self, block_hash: bytes, revalidate: bool = True) -> None:
        """``block_hash`` left the best chain: "retracted", then its signed extrinsics come back.

        Extrinsics are re-validated at the retracted block's parent (bans do not apply; a watched
        one that no longer validates gets "invalid"), then, if ``revalidate``, the whole pool is;
        either way the queues are rebuilt, since tags the block provided are no longer on chain.
        Without ``revalidate``, pooled validity taken at the retracted block is flagged and the
        next revalidation re-checks all of it, whatever ``PoolLimits.revalidation_batch`` says.
        Retract a reorg's blocks newest first, then import the new branch.
        """
        record = self._blocks.pop(block_hash, None)
        self._events.retracted(block_hash)
        if record is None:
            return
        self._height = max(0, self._height - 1)
        self._head = record.parent
        self._mark_retracted_validations()
        self._base.forget_pruned()
        if record.parent is None:
            return
        self._resubmit_retracted(record.included, record.parent)
        if revalidate:
            self._revalidate(record.parent, rebuild=True)
        else:
            before = self._statuses()
            self._reimport(self._base.take_all(), before)
        self._enforce_limits()

    def _resubmit_retracted(self, included: list[tuple[bytes, bytes]], parent: bytes) -> None:
        for h, data in included:
            if is_bare(data) or self._base.is_imported(h):
                continue
            try:
                self._submit(TransactionSource.EXTERNAL, data, parent, h, watch=None,
                             check_ban=False)
            except PoolError:
                self._events.send(h, st.INVALID)

    def on_broadcasted(self, propagations: dict[bytes, list[str]]) -> None:
        """The network sent these transactions to these peers: watchers get "broadcast"."""
        for h, peers in propagations.items():
            if self._base.is_imported(h):
                self._events.send(h, st.broadcast(peers))

    # ------------------------------------------------------------------ queries

    def ready(self) -> ReadyIterator:
        """Ready transactions in inclusion order (see ``ReadyIterator``)."""
        return self._base.ready.iterate()

    def futures(self) -> list[PoolTransaction]:
        """Future transactions in arrival order."""
        return [w.tx for w in self._base.future.waiting.values()]

    def pending(self, *, include_future: bool = False) -> list[bytes]:
        """Encoded extrinsics for ``author_pendingExtrinsics``: the ready ones in inclusion order
        (Substrate's answer), then, if asked, the future ones."""
        out = [tx.data for tx in self.ready()]
        if include_future:
            out.extend(tx.data for tx in self.futures())
        return out

    def status(self) -> PoolStatus:
        """Counts and bytes of both queues."""
        base = self._base
        return PoolStatus(len(base.ready), base.ready.bytes, len(base.future), base.future.bytes)

    def contains(self, tx_hash: bytes) -> bool:
        """True if the hash is in the ready or the future queue."""
        return self._base.is_imported(tx_hash)

    def get(self, tx_hash: bytes) -> PoolTransaction | None:
        """The pooled transaction with this hash."""
        return self._base.get(tx_hash)

    def is_banned(self, tx_hash: bytes) -> bool:
        """True while the hash is temporarily banned."""
        return self._bans.is_banned(tx_hash, self._clock())

    def remove(self, hashes: Iterable[bytes]) -> list[bytes]:
        """``author_removeExtrinsic``: remove (with dependants), ban, send "invalid"; returns the
        hashes actually removed."""
        return self._remove_invalid(list(hashes))

    def ready_provider(self, tag: Tag) -> bytes | None:
        """Hash of the ready transaction providing ``tag``, if any."""
        return self._base.ready.provided.get(tag)

    def next_nonce(self, on_chain_nonce: int, tag_for_nonce: Callable[[int], Tag]) -> int:
        """``account_nextIndex``: the on-chain nonce advanced past the sender's ready transactions.

        ``tag_for_nonce(n)`` builds the CheckNonce provides tag ``SCALE((account, n))``; like
        Substrate, a ready transaction counts when that tag is its first provided tag.
        """
        nonce = on_chain_nonce
        entries, provided = self._base.ready.entries, self._base.ready.provided
        while True:
            tag = tag_for_nonce(nonce)
            provider = provided.get(tag)
            if provider is None or entries[provider].tx.provides[0] != tag:
                return nonce
            nonce += 1
