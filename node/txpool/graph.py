"""The dependency graph of validated transactions: a ready queue and a future queue.

A transaction ``requires`` and ``provides`` tags. It is *ready* when every required tag is provided
by a ready transaction, was pruned by one of the last two blocks, or was absent from ``requires``
because the chain already satisfies it (the runtime leaves such tags out). Otherwise it waits in
the *future* queue until the missing tags appear. A tag is provided by at most one ready
transaction; a newcomer providing a taken tag replaces the holders only if its priority is strictly
greater than the sum of theirs (the rules of Substrate's graph pool, ``sc-transaction-pool``).

Nothing here calls the runtime, the clock or watchers: ``node.txpool.pool`` does that and turns the
``Imported``/``PruneStatus`` reports into status events.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from node.txpool.errors import AlreadyImported, CycleDetected, TooLowPriority
from node.txpool.validity import Tag, TransactionSource

RECENTLY_PRUNED_GENERATIONS = 2


@dataclass(slots=True, eq=False)
class PoolTransaction:
    """A validated transaction as the pool stores it; ``seq`` is its arrival order and
    ``validated_at`` the pool height of its latest validation."""

    hash: bytes
    data: bytes
    priority: int
    requires: tuple[Tag, ...]
    provides: tuple[Tag, ...]
    valid_till: int
    propagate: bool
    source: TransactionSource
    seq: int
    arrived_at: float
    validated_at: int = 0

    @property
    def size(self) -> int:
        """Encoded length in bytes (what the byte limits count)."""
        return len(self.data)

    def best_key(self) -> tuple[int, int, int]:
        """Ascending key of inclusion preference: priority, then shorter validity, then older."""
        return (-self.priority, self.valid_till, self.seq)


@dataclass(slots=True, eq=False)
class _ReadyEntry:
    tx: PoolTransaction
    unlocks: list[bytes]
    requires_offset: int


@dataclass(slots=True, eq=False)
class _Waiting:
    tx: PoolTransaction
    missing: set[Tag]


@dataclass(slots=True)
class Imported:
    """Outcome of one import: where it went and what moved because of it."""

    hash: bytes
    ready: bool
    promoted: list[bytes] = field(default_factory=list)
    failed: list[bytes] = field(default_factory=list)
    removed: list[PoolTransaction] = field(default_factory=list)


@dataclass(slots=True)
class PruneStatus:
    """Outcome of pruning tags: promoted imports, dropped futures, pruned ready transactions."""

    promoted: list[Imported]
    failed: list[bytes]
    pruned: list[PoolTransaction]


@dataclass(frozen=True, slots=True)
class Limit:
    """Bounds of one queue: transaction count and total encoded bytes."""

    count: int
    total_bytes: int

    def is_exceeded(self, count: int, total_bytes: int) -> bool:
        """True if either bound is passed."""
        return count > self.count or total_bytes > self.total_bytes


class ReadyQueue:
    """Transactions whose requirements are all met, linked provider -> dependants."""

    def __init__(self) -> None:
        self.entries: dict[bytes, _ReadyEntry] = {}
        self.provided: dict[Tag, bytes] = {}
        self.best: dict[bytes, None] = {}
        self.bytes = 0
        self._eviction_heap: list[tuple[int, int, bytes]] = []

    def __len__(self) -> int:
        return len(self.entries)

    def worst(self) -> PoolTransaction | None:
        """The eviction candidate: lowest priority, the earliest arrival among equals."""
        heap, entries = self._eviction_heap, self.entries
        while heap:
            priority, seq, h = heap[0]
            entry = entries.get(h)
            if entry is not None and entry.tx.seq == seq and entry.tx.priority == priority:
                return entry.tx
            heapq.heappop(heap)
        return None

    def check_replace(self, tx: PoolTransaction) -> list[bytes]:
        """Hashes ``tx`` would replace; TooLowPriority if their summed priority is not lower."""
        provided = self.provided
        holders = [provided[t] for t in tx.provides if t in provided]
        if not holders:
            return holders
        if len(holders) > 1:
            holders = list(dict.fromkeys(holders))
        old = sum(self.entries[h].tx.priority for h in holders)
        if old >= tx.priority:
            raise TooLowPriority(old, tx.priority)
        return holders

    def insert(self, tx: PoolTransaction, holders: list[bytes]) -> list[PoolTransaction]:
        """Add ``tx`` (all requirements met, ``holders`` from ``check_replace``); returns the
        transactions it replaced."""
        inherited: list[bytes] = []
        for h in holders:
            inherited.extend(self.entries[h].unlocks)
        removed = self._remove_subtree(holders, keep_tags=set(tx.provides)) if holders else []
        offset = 0
        for tag in tx.requires:
            provider = self.provided.get(tag)
            if provider is None:
                offset += 1
            else:
                self.entries[provider].unlocks.append(tx.hash)
        for tag in tx.provides:
            self.provided[tag] = tx.hash
        unlocks = [h for h in inherited if h in self.entries]
        self.entries[tx.hash] = _ReadyEntry(tx, unlocks, offset)
        self.bytes += tx.size
        heap = self._eviction_heap
        heapq.heappush(heap, (tx.priority, tx.seq, tx.hash))
        if len(heap) > 2 * len(self.entries) + 64:
            heap[:] = [(e.tx.priority, e.tx.seq, h) for h, e in self.entries.items()]
            heapq.heapify(heap)
        if offset == len(tx.requires):
            self.best[tx.hash] = None
        return removed

    def remove_subtree(self, hashes: Iterable[bytes]) -> list[PoolTransaction]:
        """Remove ``hashes`` and every ready transaction depending on them."""
        return self._remove_subtree(list(hashes), keep_tags=None)

    def _remove_subtree(self, stack: list[bytes],
                        keep_tags: set[Tag] | None) -> list[PoolTransaction]:
        removed: list[PoolTransaction] = []
        while stack:
            h = stack.pop()
            entry = self.entries.pop(h, None)
            if entry is None:
                continue
            tx = entry.tx
            lost_tags = [t for t in tx.provides if keep_tags is None or t not in keep_tags]
            for tag in lost_tags:
                if self.provided.get(tag) == h:
                    del self.provided[tag]
            for tag in tx.requires:
                provider = self.entries.get(self.provided.get(tag, b""))
                if provider is not None and h in provider.unlocks:
                    provider.unlocks.remove(h)
            self.best.pop(h, None)
            self.bytes -= tx.size
            if lost_tags:
                stack.extend(entry.unlocks)
            removed.append(tx)
        return removed

    def prune_tag(self, tag: Tag) -> list[PoolTransaction]:
        """Remove the provider of ``tag`` (now on chain) and, eagerly, its spent ancestors.

        Dependants stay: the pruned provider counts as satisfied for them from now on.
        """
        removed: list[PoolTransaction] = []
        pending = [tag]
        while pending:
            current = pending.pop()
            h = self.provided.pop(current, None)
            entry = self.entries.pop(h, None) if h is not None else None
            if entry is None:
                continue
            tx = entry.tx
            self.best.pop(h, None)
            self.bytes -= tx.size
            for req in tx.requires:
                previous = self.entries.get(self.provided.get(req, b""))
                if previous is not None and h in previous.unlocks:
                    previous.unlocks.remove(h)
                    if not previous.unlocks:
                        pending.extend(previous.tx.provides)
            for dep_hash in entry.unlocks:
                dep = self.entries.get(dep_hash)
                if dep is not None:
                    dep.requires_offset += 1
                    if dep.requires_offset == len(dep.tx.requires):
                        self.best[dep_hash] = None
            for other in tx.provides:
                if other != current and self.provided.get(other) == h:
                    del self.provided[other]
            removed.append(tx)
        return removed

    def iterate(self) -> ReadyIterator:
        """A snapshot iterator in inclusion order."""
        snapshot = {h: (e.tx, tuple(e.unlocks), e.requires_offset) for h, e in self.entries.items()}
        return ReadyIterator(snapshot, list(self.best))


class ReadyIterator(Iterator[PoolTransaction]):
    """Ready transactions in an order a block author can include them.

    A transaction is yielded only after every ready transaction providing one of its required tags;
    among the available ones the highest priority goes first, then the shorter remaining validity,
    then the earlier arrival. ``report_invalid`` skips the reported transaction's dependants.
    """

    def __init__(self, snapshot: dict[bytes, tuple[PoolTransaction, tuple[bytes, ...], int]],
                 best: list[bytes]) -> None:
        self._all = snapshot
        self._heap = [(snapshot[h][0].best_key(), h) for h in best]
        heapq.heapify(self._heap)
        self._satisfied: dict[bytes, int] = {}
        self._invalid: set[bytes] = set()
        self._last: bytes | None = None

    def __next__(self) -> PoolTransaction:
        while self._heap:
            _, h = heapq.heappop(self._heap)
            if h in self._invalid:
                continue
            tx, unlocks, _ = self._all[h]
            for dep_hash in unlocks:
                dep = self._all.get(dep_hash)
                if dep is None or dep_hash in self._invalid:
                    continue
                count = self._satisfied.get(dep_hash, dep[2]) + 1
                if count >= len(dep[0].requires):
                    self._satisfied.pop(dep_hash, None)
                    heapq.heappush(self._heap, (dep[0].best_key(), dep_hash))
                else:
                    self._satisfied[dep_hash] = count
            self._last = h
            return tx
        raise StopIteration

    def report_invalid(self, tx_hash: bytes) -> None:
        """Skip every not-yet-yielded transaction that depends on ``tx_hash``."""
        stack = list(self._all[tx_hash][1]) if tx_hash in self._all else []
        while stack:
            h = stack.pop()
            if h not in self._invalid:
                self._invalid.add(h)
                stack.extend(self._all[h][1] if h in self._all else ())


class FutureQueue:
    """Transactions waiting for tags no ready transaction provides yet."""

    def __init__(self) -> None:
        self.waiting: dict[bytes, _Waiting] = {}
        self.wanted: dict[Tag, dict[bytes, None]] = {}
        self.bytes = 0

    def __len__(self) -> int:
        return len(self.waiting)

    def add(self, tx: PoolTransaction, missing: set[Tag]) -> None:
        """Park ``tx`` until every tag of ``missing`` is provided."""
        self.waiting[tx.hash] = _Waiting(tx, missing)
        self.bytes += tx.size
        for tag in missing:
            self.wanted.setdefault(tag, {})[tx.hash] = None

    def satisfy(self, tags: Iterable[Tag]) -> list[PoolTransaction]:
        """Mark ``tags`` provided; take out and return the transactions that miss nothing now."""
        unlocked: list[PoolTransaction] = []
        for tag in tags:
            for h in self.wanted.pop(tag, {}):
                waiting = self.waiting[h]
                waiting.missing.discard(tag)
                if not waiting.missing:
                    del self.waiting[h]
                    self.bytes -= waiting.tx.size
                    unlocked.append(waiting.tx)
        return unlocked

    def remove(self, hashes: Iterable[bytes]) -> list[PoolTransaction]:
        """Remove the given transactions (unknown hashes are skipped)."""
        removed = []
        for h in hashes:
            waiting = self.waiting.pop(h, None)
            if waiting is None:
                continue
            self.bytes -= waiting.tx.size
            for tag in waiting.missing:
                group = self.wanted.get(tag)
                if group is not None:
                    group.pop(h, None)
                    if not group:
                        del self.wanted[tag]
            removed.append(waiting.tx)
        return removed

    def providing_any(self, tags: set[Tag]) -> list[bytes]:
        """Hashes of waiting transactions that provide one of ``tags``."""
        return [h for h, w in self.waiting.items() if not tags.isdisjoint(w.tx.provides)]


class BasePool:
    """Ready and future queues kept consistent under import, removal, pruning and limits."""

    def __init__(self) -> None:
        self.ready = ReadyQueue()
        self.future = FutureQueue()
        self._recently_pruned: list[set[Tag]] = [set() for _ in range(RECENTLY_PRUNED_GENERATIONS)]
        self._pruned_index = 0

    def get(self, tx_hash: bytes) -> PoolTransaction | None:
        """The pooled transaction with this hash, ready or future."""
        entry = self.ready.entries.get(tx_hash)
        if entry is not None:
            return entry.tx
        waiting = self.future.waiting.get(tx_hash)
        return waiting.tx if waiting is not None else None

    def is_imported(self, tx_hash: bytes) -> bool:
        """True if the hash is in either queue."""
        return tx_hash in self.ready.entries or tx_hash in self.future.waiting

    def import_tx(self, tx: PoolTransaction) -> Imported:
        """Put ``tx`` in ready (promoting futures it unlocks) or in future."""
        if self.is_imported(tx.hash):
            raise AlreadyImported(tx.hash)
        missing = {t for t in tx.requires if t not in self.ready.provided
                   and not any(t in gen for gen in self._recently_pruned)}
        if missing:
            self.future.add(tx, missing)
            return Imported(tx.hash, ready=False)
        return self._import_to_ready(tx)

    def _import_to_ready(self, tx: PoolTransaction) -> Imported:
        first_holders = self.ready.check_replace(tx)
        outcome = Imported(tx.hash, ready=True)
        stack = [tx]
        while stack:
            current = stack.pop()
            if current is tx:
                holders = first_holders
            else:
                try:
                    holders = self.ready.check_replace(current)
                except TooLowPriority:
                    outcome.removed.append(current)
                    continue
            if self.future.waiting:
                stack.extend(self.future.satisfy(current.provides))
            replaced = self.ready.insert(current, holders)
            if current is not tx:
                outcome.promoted.append(current.hash)
            if replaced:
                gone = {r.hash for r in replaced}
                outcome.promoted = [h for h in outcome.promoted if h not in gone]
                outcome.removed.extend(replaced)
        if outcome.removed and any(r.hash == tx.hash for r in outcome.removed):
            lost = self.ready.remove_subtree(outcome.promoted)
            raise _Cycle(outcome.removed + [t for t in lost if t.hash != tx.hash])
        return outcome

    def remove_subtree(self, hashes: Iterable[bytes]) -> list[PoolTransaction]:
        """Remove the transactions and (for ready ones) their dependants from both queues."""
        hashes = list(hashes)
        removed = self.ready.remove_subtree(hashes)
        removed.extend(self.future.remove(hashes))
        return removed

    def prune_tags(self, tags: Iterable[Tag]) -> PruneStatus:
        """The chain now provides ``tags``: drop their providers and promote what they unlock."""
        tags = list(dict.fromkeys(tags))
        self._recently_pruned[self._pruned_index] = set(tags)
        self._pruned_index = (self._pruned_index + 1) % RECENTLY_PRUNED_GENERATIONS
        failed = [t.hash for t in self.future.remove(self.future.providing_any(set(tags)))]
        to_import: list[PoolTransaction] = []
        pruned: list[PoolTransaction] = []
        for tag in tags:
            to_import.extend(self.future.satisfy((tag,)))
            pruned.extend(self.ready.prune_tag(tag))
        promoted: list[Imported] = []
        for tx in to_import:
            try:
                promoted.append(self._import_to_ready(tx))
            except _Cycle as cycle:
                failed.extend(t.hash for t in cycle.lost)
            except TooLowPriority:
                failed.append(tx.hash)
        return PruneStatus(promoted, failed, pruned)

    def forget_pruned(self) -> None:
        """Stop treating recently pruned tags as satisfied (after a retraction)."""
        self._recently_pruned = [set() for _ in range(RECENTLY_PRUNED_GENERATIONS)]

    def take_all(self) -> list[PoolTransaction]:
        """Empty both queues; returns every transaction in arrival order."""
        txs = [e.tx for e in self.ready.entries.values()]
        txs.extend(w.tx for w in self.future.waiting.values())
        self.ready = ReadyQueue()
        self.future = FutureQueue()
        return sorted(txs, key=lambda t: t.seq)

    def enforce_limits(self, ready: Limit, future: Limit) -> list[PoolTransaction]:
        """Evict until both queues fit: lowest priority first, the older one among equals
        (ready, with its dependants), and the oldest arrival first (future)."""
        removed: list[PoolTransaction] = []
        while ready.is_exceeded(len(self.ready), self.ready.bytes):
            worst = self.ready.worst()
            if worst is None:
                break
            removed.extend(self.remove_subtree([worst.hash]))
        while future.is_exceeded(len(self.future), self.future.bytes):
            oldest = min(self.future.waiting.values(), key=lambda w: w.tx.seq)
            removed.extend(self.future.remove([oldest.tx.hash]))
        return removed


class _Cycle(CycleDetected):
    """CycleDetected carrying the transactions the failed import pushed out of the pool."""

    def __init__(self, lost: list[PoolTransaction]) -> None:
        self.lost = lost
        super().__init__()
