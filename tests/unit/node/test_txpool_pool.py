"""TransactionPool rules, one test per rule, with the fake nonce chain of ``test_txpool_fakes``."""

from __future__ import annotations

import asyncio

import pytest

from node.txpool import (
    AlreadyImported,
    ImmediatelyDropped,
    InvalidKind,
    InvalidTransactionError,
    NoTagsProvided,
    PoolLimits,
    TemporarilyBanned,
    TooLowPriority,
    TransactionPool,
    TransactionSource,
    UnknownTransactionError,
    ValidTransaction,
    Watcher,
    extrinsic_hash,
)
from node.txpool.pool import is_bare
from tests.unit.node.test_txpool_fakes import (
    GENESIS,
    FakeChain,
    FakeClock,
    account,
    make_xt,
    nonce_tag,
    parse_xt,
)

EXT = TransactionSource.EXTERNAL
A, B = account(1), account(2)


class Harness:
    """A pool over a fake chain whose blocks are built from what the test chooses."""

    def __init__(self, limits: PoolLimits | None = None, longevity: int = 64) -> None:
        self.chain = FakeChain(longevity=longevity)
        self.clock = FakeClock()
        self.pool = TransactionPool(self.chain.validate, limits=limits, clock=self.clock)
        self.head = GENESIS
        self.blocks = [GENESIS]
        self.pool.on_block_imported(GENESIS, [], parent_hash=GENESIS)
        self.chain.states[GENESIS] = {}

    def submit(self, who: bytes, nonce: int, tip: int = 0, marker: bytes = b"") -> bytes:
        return self.pool.submit(EXT, make_xt(who, nonce, tip, marker), self.head)

    def watch(self, who: bytes, nonce: int, tip: int = 0,
              marker: bytes = b"") -> tuple[bytes, Watcher]:
        return self.pool.submit_and_watch(EXT, make_xt(who, nonce, tip, marker), self.head)

    def block(self, extrinsics: list[bytes], revalidate: bool = True) -> bytes:
        block_hash = len(self.blocks).to_bytes(32, "big")
        self.chain.add_block(self.head, block_hash, extrinsics)
        self.pool.on_block_imported(block_hash, extrinsics, revalidate)
        self.head = block_hash
        self.blocks.append(block_hash)
        return block_hash

    def ready_keys(self) -> list[tuple[int, int]]:
        return [(parse_xt(tx.data)[0][0], parse_xt(tx.data)[1]) for tx in self.pool.ready()]


@pytest.fixture
def h() -> Harness:
    return Harness()


def test_submit_current_nonce_is_ready(h: Harness) -> None:
    tx_hash, watcher = h.watch(A, 0)
    assert tx_hash == extrinsic_hash(make_xt(A, 0))
    assert watcher.drain() == ["ready"]
    assert h.pool.status().ready == 1 and h.pool.status().future == 0


def test_submit_nonce_gap_is_future_then_promoted(h: Harness) -> None:
    _, later = h.watch(A, 1)
    assert later.drain() == ["future"]
    h.submit(A, 0)
    assert later.drain() == ["ready"]
    assert h.ready_keys() == [(1, 0), (1, 1)]


def test_submit_twice_already_imported(h: Harness) -> None:
    h.submit(A, 0)
    with pytest.raises(AlreadyImported):
        h.submit(A, 0)


def test_submit_stale_nonce_invalid_then_banned_until_ban_time(h: Harness) -> None:
    h.block([make_xt(A, 0)])
    with pytest.raises(InvalidTransactionError) as info:
        h.submit(A, 0, marker=b"x")
    assert info.value.kind.kind is InvalidKind.STALE
    with pytest.raises(TemporarilyBanned):
        h.submit(A, 0, marker=b"x")
    h.clock.now += 30 * 60
    with pytest.raises(InvalidTransactionError):
        h.submit(A, 0, marker=b"x")


def test_submit_unknown_validity_not_banned(h: Harness) -> None:
    h.chain.unknown.add(A)
    for _ in range(2):
        with pytest.raises(UnknownTransactionError):
            h.submit(A, 0)


def test_submit_without_provides_rejected() -> None:
    pool = TransactionPool(lambda s, x, at: ValidTransaction(priority=1), clock=FakeClock())
    with pytest.raises(NoTagsProvided):
        pool.submit(EXT, b"\x04\x84", GENESIS)


def test_replacement_with_higher_priority_usurps_old(h: Harness) -> None:
    old_hash, old = h.watch(A, 0, tip=1)
    _, child = h.watch(A, 1)
    new_hash = h.submit(A, 0, tip=2)
    assert old.drain() == ["ready", {"usurped": "0x" + new_hash.hex()}]
    assert not h.pool.contains(old_hash)
    assert child.drain() == ["ready"]
    assert h.ready_keys() == [(1, 0), (1, 1)]


def test_replacement_with_equal_priority_too_low_priority(h: Harness) -> None:
    h.submit(A, 0, tip=5)
    with pytest.raises(TooLowPriority) as info:
        h.submit(A, 0, tip=5, marker=b"other")
    assert (info.value.old, info.value.new) == (5, 5)


def test_ready_order_dependencies_then_priority_then_arrival(h: Harness) -> None:
    h.submit(A, 1, tip=100)
    h.submit(B, 0, tip=5)
    h.submit(A, 0, tip=1)
    h.submit(account(3), 0, tip=5)
    assert h.ready_keys() == [(2, 0), (3, 0), (1, 0), (1, 1)]


def test_ready_iterator_report_invalid_skips_dependants(h: Harness) -> None:
    first = h.submit(A, 0, tip=10)
    h.submit(A, 1, tip=10)
    h.submit(B, 0, tip=1)
    iterator = h.pool.ready()
    assert next(iterator).hash == first
    iterator.report_invalid(first)
    assert [parse_xt(tx.data)[0] for tx in iterator] == [B]


def test_block_import_marks_in_block_prunes_and_finalizes(h: Harness) -> None:
    a0, w0 = h.watch(A, 0)
    _, w1 = h.watch(A, 1)
    block = h.block([make_xt(A, 0)])
    assert w0.drain() == ["ready", {"inBlock": "0x" + block.hex()}]
    assert not h.pool.contains(a0)
    assert h.ready_keys() == [(1, 1)]
    assert w1.drain() == ["ready"]
    h.pool.on_block_finalized(block)
    assert w0.drain() == [{"finalized": "0x" + block.hex()}]
    assert w0.closed


def test_block_finalized_also_finalizes_unfinalized_ancestors(h: Harness) -> None:
    _, w0 = h.watch(A, 0)
    first = h.block([make_xt(A, 0)])
    second = h.block([])
    w0.drain()
    h.pool.on_block_finalized(second)
    assert w0.drain() == [{"finalized": "0x" + first.hex()}]


def test_included_transaction_is_banned_from_resubmission(h: Harness) -> None:
    h.submit(A, 0)
    h.block([make_xt(A, 0)])
    with pytest.raises(TemporarilyBanned):
        h.submit(A, 0)


def test_block_with_unknown_extrinsic_promotes_future(h: Harness) -> None:
    _, w1 = h.watch(A, 1)
    h.block([make_xt(A, 0, marker=b"from another node")], revalidate=False)
    assert w1.drain() == ["future", "ready"]


def test_block_conflicting_transaction_pruned_is_invalid(h: Harness) -> None:
    mine, watcher = h.watch(A, 0, tip=1)
    h.block([make_xt(A, 0, marker=b"theirs")], revalidate=False)
    assert watcher.drain() == ["ready", "invalid"]
    assert h.pool.is_banned(mine)


def test_revalidation_drops_now_invalid_with_dependants(h: Harness) -> None:
    a0, w0 = h.watch(A, 0)
    _, w1 = h.watch(A, 1)
    h.submit(B, 0)
    h.chain.broke.add(A)
    h.block([])
    assert w0.drain() == ["ready", "invalid"]
    assert w1.drain() == ["ready", "invalid"]
    assert h.pool.is_banned(a0)
    assert h.pool.status().ready == 1


def test_without_revalidation_invalid_stays(h: Harness) -> None:
    h.submit(A, 0)
    h.chain.broke.add(A)
    h.block([], revalidate=False)
    assert h.pool.status().ready == 1


def test_longevity_expiry_is_invalid() -> None:
    h = Harness(longevity=2)
    _, watcher = h.watch(A, 0)
    h.block([], revalidate=False)
    assert watcher.drain() == ["ready"]
    h.block([], revalidate=False)
    assert watcher.drain() == ["invalid"]
    assert h.pool.status().ready == 0


def test_future_max_age_expiry_is_dropped() -> None:
    h = Harness(PoolLimits(future_max_age=60.0))
    _, watcher = h.watch(A, 5)
    h.clock.now += 61
    h.block([], revalidate=False)
    assert watcher.drain() == ["future", "dropped"]
    assert h.pool.status().future == 0


def test_retracted_block_returns_transactions(h: Harness) -> None:
    _, w0 = h.watch(A, 0)
    _, w1 = h.watch(A, 1)
    block = h.block([make_xt(A, 0)])
    h.pool.on_block_retracted(block)
    h.head = h.blocks[-2]
    assert w0.drain() == ["ready", {"inBlock": "0x" + block.hex()},
                          {"retracted": "0x" + block.hex()}, "ready"]
    assert w1.drain() == ["ready"]
    assert h.ready_keys() == [(1, 0), (1, 1)]


def test_ready_limit_evicts_lowest_priority_with_dependants() -> None:
    h = Harness(PoolLimits(ready_count=3))
    _, low = h.watch(A, 0, tip=1)
    _, low_child = h.watch(A, 1, tip=9)
    h.submit(B, 0, tip=5)
    h.submit(account(3), 0, tip=6)
    assert low.drain() == ["ready", "dropped"]
    assert low_child.drain() == ["ready", "dropped"]
    assert h.pool.status().ready == 2


def test_ready_limit_newcomer_lowest_immediately_dropped_and_banned() -> None:
    h = Harness(PoolLimits(ready_count=1))
    h.submit(A, 0, tip=5)
    with pytest.raises(ImmediatelyDropped):
        h.submit(B, 0, tip=1)
    with pytest.raises(TemporarilyBanned):
        h.submit(B, 0, tip=1)


def test_ready_limit_equal_priority_evicts_older() -> None:
    h = Harness(PoolLimits(ready_count=1))
    _, old = h.watch(A, 0, tip=5)
    h.submit(B, 0, tip=5)
    assert old.drain() == ["ready", "dropped"]


def test_ready_bytes_limit_enforced() -> None:
    size = len(make_xt(A, 0))
    h = Harness(PoolLimits(ready_bytes=2 * size))
    h.submit(A, 0, tip=3)
    h.submit(B, 0, tip=2)
    with pytest.raises(ImmediatelyDropped):
        h.submit(account(3), 0, tip=1)
    assert h.pool.status().ready_bytes == 2 * size


def test_future_limit_evicts_oldest() -> None:
    h = Harness(PoolLimits(future_count=1))
    _, first = h.watch(A, 3)
    h.submit(B, 3)
    assert first.drain() == ["future", "dropped"]
    assert h.pool.status().future == 1


def test_remove_bans_and_sends_invalid(h: Harness) -> None:
    a0, w0 = h.watch(A, 0)
    a1 = h.submit(A, 1)
    assert h.pool.remove([a0]) == [a0, a1]
    assert w0.drain() == ["ready", "invalid"]
    assert h.pool.is_banned(a0) and not h.pool.is_banned(a1)


def test_pending_lists_ready_then_optionally_future(h: Harness) -> None:
    h.submit(A, 0)
    h.submit(B, 4)
    assert h.pool.pending() == [make_xt(A, 0)]
    assert h.pool.pending(include_future=True) == [make_xt(A, 0), make_xt(B, 4)]


def test_next_nonce_advances_past_ready_chain(h: Harness) -> None:
    h.submit(A, 0)
    h.submit(A, 1)
    h.submit(A, 3)
    assert h.pool.next_nonce(0, lambda n: nonce_tag(A, n)) == 2
    assert h.pool.next_nonce(0, lambda n: nonce_tag(B, n)) == 0
    assert h.pool.ready_provider(nonce_tag(A, 1)) == extrinsic_hash(make_xt(A, 1))


def test_finality_timeout_after_512_watched_blocks(h: Harness) -> None:
    _, first = h.watch(A, 0)
    first_block = h.block([make_xt(A, 0)])
    for n in range(1, 513):
        h.watch(A, n)
        h.block([make_xt(A, n)], revalidate=False)
    assert first.drain()[-1] == {"finalityTimeout": "0x" + first_block.hex()}


def test_broadcast_status_reaches_watcher(h: Harness) -> None:
    tx_hash, watcher = h.watch(A, 0)
    h.pool.on_broadcasted({tx_hash: ["12D3KooW"]})
    assert watcher.drain() == ["ready", {"broadcast": ["12D3KooW"]}]


def test_watcher_async_iteration_ends_after_final_status(h: Harness) -> None:
    _, watcher = h.watch(A, 0)

    async def consume() -> list[object]:
        return [status async for status in watcher]

    async def scenario() -> list[object]:
        task = asyncio.ensure_future(consume())
        await asyncio.sleep(0)
        block = h.block([make_xt(A, 0)])
        await asyncio.sleep(0)
        h.pool.on_block_finalized(block)
        return await asyncio.wait_for(task, 1)

    statuses = asyncio.run(scenario())
    assert [s if isinstance(s, str) else next(iter(s)) for s in statuses] == [
        "ready", "inBlock", "finalized"]


def _cycle_pool(closer_priority: int) -> TransactionPool:
    tags = {b"1": ((b"0",), (b"1",), 5), b"3": ((b"1",), (b"2",), 5),
            b"2": ((b"2",), (b"0",), 5), b"4": ((), (b"0",), closer_priority)}

    def validator(source: TransactionSource, xt: bytes, at: bytes) -> ValidTransaction:
        requires, provides, priority = tags[xt]
        return ValidTransaction(priority, requires, provides)

    return TransactionPool(validator, clock=FakeClock())


def test_cycle_with_high_priority_closer_usurps_member() -> None:
    pool = _cycle_pool(50)
    watchers = [pool.submit_and_watch(EXT, key, GENESIS)[1] for key in (b"1", b"3", b"2")]
    pool.submit(EXT, b"4", GENESIS)
    assert [tx.data for tx in pool.ready()] == [b"4", b"1", b"3"]
    assert watchers[2].drain() == ["future", {"usurped": "0x" + extrinsic_hash(b"4").hex()}]
    assert pool.status().future == 0


def test_cycle_with_low_priority_closer_is_refused() -> None:
    from node.txpool import CycleDetected
    pool = _cycle_pool(1)
    for key in (b"1", b"3", b"2"):
        pool.submit(EXT, key, GENESIS)
    assert pool.status().future == 3
    with pytest.raises(CycleDetected):
        pool.submit(EXT, b"4", GENESIS)
    assert pool.status() == pool.status().__class__(0, 0, 0, 0)


def test_is_bare_reads_preamble_bits() -> None:
    assert is_bare(make_xt(A, 0, signed=False))
    assert not is_bare(make_xt(A, 0))
    assert not is_bare(make_xt(A, 0, marker=b"z" * 100))


def test_ready_limit_uses_priority_from_latest_revalidation() -> None:
    boosted: set[bytes] = set()

    def validator(source: TransactionSource, xt: bytes, at: bytes) -> ValidTransaction:
        priority = 10 if xt in boosted else xt[0]
        return ValidTransaction(priority, (), (xt,))

    pool = TransactionPool(validator, limits=PoolLimits(ready_count=2), clock=FakeClock())
    _, low_then_high = pool.submit_and_watch(EXT, b"\x01x", GENESIS)
    _, middle = pool.submit_and_watch(EXT, b"\x05y", GENESIS)
    boosted.add(b"\x01x")
    pool.on_block_imported(b"\x01" * 32, [], parent_hash=GENESIS)
    pool.submit(EXT, b"\x06z", GENESIS)
    assert middle.drain() == ["ready", "dropped"]
    assert low_then_high.drain() == ["ready"]


def test_unwatch_stops_statuses_and_ends_iteration(h: Harness) -> None:
    _, watcher = h.watch(A, 0)
    h.pool.unwatch(watcher)
    h.block([make_xt(A, 0)])
    assert watcher.drain() == ["ready"]

    async def rest() -> list[object]:
        return [status async for status in watcher]

    assert asyncio.run(rest()) == []


def test_on_status_callback_receives_each_status(h: Harness) -> None:
    seen: list[object] = []
    h.pool.submit_and_watch(EXT, make_xt(A, 0), h.head, on_status=seen.append)
    block = h.block([make_xt(A, 0)])
    assert seen == ["ready", {"inBlock": "0x" + block.hex()}]


def test_included_future_transaction_is_in_block_not_dropped(h: Harness) -> None:
    _, watcher = h.watch(A, 1)
    block = h.block([make_xt(A, 0, marker=b"elsewhere"), make_xt(A, 1)], revalidate=False)
    assert watcher.drain() == ["future", {"inBlock": "0x" + block.hex()}]
    assert h.pool.status().future == 0


def test_retracted_transaction_no_longer_valid_is_invalid(h: Harness) -> None:
    _, watcher = h.watch(A, 0)
    block = h.block([make_xt(A, 0)])
    h.chain.broke.add(A)
    h.pool.on_block_retracted(block)
    assert watcher.drain() == ["ready", {"inBlock": "0x" + block.hex()},
                               {"retracted": "0x" + block.hex()}, "invalid"]


def test_retracted_bare_extrinsic_is_not_resubmitted(h: Harness) -> None:
    inherent = make_xt(A, 0, signed=False)
    block = h.block([inherent])
    calls = h.chain.calls
    h.pool.on_block_retracted(block, revalidate=False)
    assert h.chain.calls == calls and not h.pool.contains(extrinsic_hash(inherent))
