"""Random submit/import/finalize/retract sequences against a model of what the pool must hold.

The model is the fake nonce chain itself: after every step the pool's ready order must be
applicable on the head state nonce by nonce, readiness must be exactly "nonce is the account's
chain nonce or follows a ready transaction", both queues must respect the limits, and every
watcher's statuses must form a legal Substrate status sequence consistent with where its
transaction is now.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as hs
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from node.txpool import PoolError, PoolLimits, TransactionPool, TransactionSource, Watcher
from node.txpool.watcher import status_name
from tests.unit.node.test_txpool_fakes import (
    GENESIS,
    FakeChain,
    FakeClock,
    account,
    make_xt,
    nonce_tag,
    parse_xt,
)

ACCOUNTS = [account(n) for n in range(1, 4)]
LIMITS = PoolLimits(ready_count=7, ready_bytes=10_000, future_count=3, future_bytes=10_000,
                    future_max_age=1500.0)
POOL_STATES = {"future", "ready", "broadcast"}
FINAL = {"finalized", "finalityTimeout", "usurped", "dropped", "invalid"}


def legal_next(previous: str | None, current: str) -> bool:
    """The transition rules of Substrate's TransactionStatus stream."""
    if previous is None:
        return current in {"future", "ready"}
    if previous in FINAL:
        return False
    if previous == "inBlock":
        return current in {"retracted", "finalized", "finalityTimeout"}
    if previous == "retracted":
        return current in {"future", "ready", "invalid", "dropped", "usurped"}
    return current in POOL_STATES | {"inBlock", "usurped", "dropped", "invalid"}


class PoolMachine(RuleBasedStateMachine):
    """Drives one pool and one fake chain with the same blocks."""

    limits = LIMITS

    def __init__(self) -> None:
        super().__init__()
        self.chain = FakeChain(longevity=1 << 20)
        self.clock = FakeClock()
        self.pool = TransactionPool(self.chain.validate, limits=self.limits, clock=self.clock)
        self.pool.on_block_imported(GENESIS, [], parent_hash=GENESIS)
        self.canonical = [GENESIS]
        self.finalized = 0
        self.next_block = 1
        self.watched: list[tuple[Watcher, list]] = []
        # validity taken at a retracted state, until a re-validating block event
        self.stale_validity = False

    @property
    def head(self) -> bytes:
        return self.canonical[-1]

    @rule(who=hs.sampled_from(ACCOUNTS), offset=hs.integers(-1, 3), tip=hs.integers(0, 3),
          watch=hs.booleans())
    def submit(self, who: bytes, offset: int, tip: int, watch: bool) -> None:
        nonce = max(0, self.chain.nonce(self.head, who) + offset)
        xt = make_xt(who, nonce, tip)
        try:
            if watch:
                _, watcher = self.pool.submit_and_watch(TransactionSource.EXTERNAL, xt, self.head)
                self.watched.append((watcher, []))
            else:
                self.pool.submit(TransactionSource.EXTERNAL, xt, self.head)
        except PoolError:
            pass

    @rule(count=hs.integers(0, 5), external=hs.booleans(), revalidate=hs.booleans())
    def import_block(self, count: int, external: bool, revalidate: bool) -> None:
        picked = self._author(count)
        touched = {parse_xt(x)[0] for x in picked}
        if external:
            # a block only carries transactions that were valid at its parent
            free = [a for a in ACCOUNTS if a not in touched and a not in self.chain.broke]
            if free:
                who = free[0]
                picked.append(make_xt(who, self.chain.nonce(self.head, who), 9, b"ext"))
        block_hash = self.next_block.to_bytes(32, "big")
        self.next_block += 1
        self.chain.add_block(self.head, block_hash, picked)
        self.pool.on_block_imported(block_hash, picked, revalidate)
        self.canonical.append(block_hash)
        self.stale_validity = self.stale_validity and not revalidate

    def _author(self, count: int) -> list[bytes]:
        """Take up to ``count`` ready transactions that apply, like a block builder."""
        nonces = {who: self.chain.nonce(self.head, who) for who in ACCOUNTS}
        picked: list[bytes] = []
        iterator = self.pool.ready()
        for tx in iterator:
            if len(picked) == count:
                break
            who, nonce, _ = parse_xt(tx.data)
            if nonce != nonces[who]:
                iterator.report_invalid(tx.hash)
                continue
            nonces[who] += 1
            picked.append(tx.data)
        return picked

    @precondition(lambda self: len(self.canonical) - 1 > self.finalized)
    @rule(depth=hs.integers(0, 3))
    def finalize(self, depth: int) -> None:
        index = max(self.finalized + 1, len(self.canonical) - 1 - depth)
        self.pool.on_block_finalized(self.canonical[index])
        self.finalized = index

    @precondition(lambda self: len(self.canonical) - 1 > self.finalized)
    @rule(revalidate=hs.booleans())
    def retract(self, revalidate: bool) -> None:
        self.pool.on_block_retracted(self.canonical.pop(), revalidate)
        self.stale_validity = not revalidate

    @rule(seconds=hs.sampled_from([1.0, 600.0, 1800.0]))
    def advance_clock(self, seconds: float) -> None:
        self.clock.now += seconds

    @rule(who=hs.sampled_from(ACCOUNTS))
    def toggle_broke(self, who: bytes) -> None:
        self.chain.broke ^= {who}

    @rule(longevity=hs.sampled_from([2, 5, 1 << 20]))
    def set_longevity(self, longevity: int) -> None:
        self.chain.longevity = longevity

    @rule(index=hs.integers(0, 20))
    def broadcast_one(self, index: int) -> None:
        pooled = [t.hash for t in self.pool.ready()]
        if pooled:
            self.pool.on_broadcasted({pooled[index % len(pooled)]: ["12D3KooWPeer"]})

    @rule(index=hs.integers(0, 20))
    def remove_one(self, index: int) -> None:
        pooled = [t.hash for t in self.pool.ready()] + [t.hash for t in self.pool.futures()]
        if pooled:
            target = pooled[index % len(pooled)]
            removed = self.pool.remove([target])
            assert target in removed and self.pool.is_banned(target)
            assert not any(self.pool.contains(h) for h in removed)

    @invariant()
    def queues_are_disjoint_and_counted(self) -> None:
        ready = list(self.pool.ready())
        future = self.pool.futures()
        assert not {t.hash for t in ready} & {t.hash for t in future}
        status = self.pool.status()
        assert (status.ready, status.future) == (len(ready), len(future))
        assert status.ready_bytes == sum(t.size for t in ready)
        assert status.future_bytes == sum(t.size for t in future)
        assert status.ready <= self.limits.ready_count
        assert status.future <= self.limits.future_count

    @precondition(lambda self: not self.stale_validity)
    @invariant()
    def ready_order_is_an_inclusion_order(self) -> None:
        nonces = {who: self.chain.nonce(self.head, who) for who in ACCOUNTS}
        provided: set[bytes] = set()
        for tx in self.pool.ready():
            who, nonce, _ = parse_xt(tx.data)
            assert nonce == nonces[who]
            for tag in tx.requires:
                assert tag in provided or tag == nonce_tag(who, nonce - 1)
            nonces[who] += 1
            provided.update(tx.provides)

    @precondition(lambda self: not self.stale_validity)
    @invariant()
    def ready_order_prefers_priority_then_age(self) -> None:
        ordered = list(self.pool.ready())
        nonces = {who: self.chain.nonce(self.head, who) for who in ACCOUNTS}
        remaining = list(ordered)
        for tx in ordered:
            available = [t for t in remaining
                         if parse_xt(t.data)[1] == nonces[parse_xt(t.data)[0]]]
            best = min(available, key=lambda t: (-t.priority, t.valid_till, t.seq))
            assert best is tx
            remaining.remove(tx)
            nonces[parse_xt(tx.data)[0]] += 1

    @precondition(lambda self: not self.stale_validity)
    @invariant()
    def readiness_matches_model(self) -> None:
        ready = {(parse_xt(t.data)[0], parse_xt(t.data)[1]) for t in self.pool.ready()}
        for tx in self.pool.futures():
            who, nonce, _ = parse_xt(tx.data)
            assert nonce != self.chain.nonce(self.head, who)
            assert (who, nonce - 1) not in ready

    @invariant()
    def watcher_sequences_are_legal(self) -> None:
        for watcher, history in self.watched:
            for status in watcher.drain():
                name = status_name(status)
                previous = history[-1] if history else None
                assert legal_next(previous and status_name(previous), name), (history, status)
                if name in {"retracted", "finalized", "finalityTimeout"}:
                    assert status_name(history[-1]) == "inBlock"
                    assert next(iter(status.values())) == next(iter(history[-1].values()))
                if name != "broadcast":
                    history.append(status)
            if watcher.closed or not history:
                continue
            last = status_name(history[-1])
            in_ready = any(t.hash == watcher.tx_hash for t in self.pool.ready())
            in_future = any(t.hash == watcher.tx_hash for t in self.pool.futures())
            assert (last == "ready") == in_ready, history
            assert (last == "future") == in_future, history
            assert last in {"ready", "future", "inBlock"}, history


class BatchedRevalidationMachine(PoolMachine):
    """The same, re-validating only the two least recently validated transactions per block."""

    limits = dataclasses.replace(LIMITS, revalidation_batch=2)


_QUICK = settings(max_examples=40, stateful_step_count=30, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow])
PoolMachine.TestCase.settings = _QUICK
BatchedRevalidationMachine.TestCase.settings = _QUICK
test_pool_random_sequences_keep_invariants = PoolMachine.TestCase
test_pool_batched_revalidation_keeps_invariants = BatchedRevalidationMachine.TestCase


@pytest.mark.slow
def test_pool_long_random_sequences_keep_invariants() -> None:
    long_run = settings(max_examples=600, stateful_step_count=80, deadline=None,
                        suppress_health_check=[HealthCheck.too_slow])
    run_state_machine_as_test(PoolMachine, settings=long_run)
    run_state_machine_as_test(BatchedRevalidationMachine, settings=long_run)
