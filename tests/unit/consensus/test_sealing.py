"""Dev sealing: the pure decision, dev timestamps/slots and the asyncio driver (fake clock)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from consensus.errors import EmptyBlockRefused, InvalidSealingPolicy, SealingStopped
from consensus.sealing import (
    FAST_INTERVAL_MS,
    SealingDriver,
    SealingMode,
    SealingPolicy,
    SealOrder,
    SealRequest,
    SealTrigger,
    decide,
    dev_block_slot,
    dev_block_timestamp,
    next_interval_due,
)


class FakeTime:
    """A clock in ms and a sleep that advances it instead of waiting."""

    def __init__(self, now: int = 0) -> None:
        self.now = now

    def clock(self) -> int:
        """The fake time."""
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Advance the fake time by ``seconds`` and yield once."""
        self.now += round(seconds * 1000)
        await asyncio.sleep(0)


class FakeNode:
    """A pool (a list) and an author that records orders and drains the pool."""

    def __init__(self, time: FakeTime, drains: bool = True) -> None:
        self.time = time
        self.pool: list[str] = []
        self.orders: list[tuple[int, SealOrder]] = []
        self.drains = drains

    def ready(self) -> int:
        """Ready transaction count."""
        return len(self.pool)

    async def author(self, order: SealOrder) -> int:
        """Record the order; return the new block number."""
        self.orders.append((self.time.now, order))
        if self.drains:
            self.pool.clear()
        await asyncio.sleep(0)
        return len(self.orders)


async def _until(predicate: Any, limit: int = 200) -> None:
    for _ in range(limit):
        if predicate():
            return
        await asyncio.sleep(0)
    raise AssertionError("condition not reached")


def test_policy_parse_flag_values() -> None:
    assert SealingPolicy.parse("instant").mode is SealingMode.INSTANT
    assert SealingPolicy.parse("Manual").mode is SealingMode.MANUAL
    fast = SealingPolicy.parse("250")
    assert (fast.mode, fast.interval_ms, str(fast)) == (SealingMode.INTERVAL, 250, "250")
    assert str(SealingPolicy.parse("instant")) == "instant"
    assert SealingPolicy(SealingMode.INTERVAL).interval_ms == 12_000


def test_policy_parse_nonsense_fails() -> None:
    for text in ("0", "fast", "-5", "1.5", ""):
        with pytest.raises(InvalidSealingPolicy):
            SealingPolicy.parse(text)


def test_decide_instant_seals_only_with_ready_transactions() -> None:
    policy = SealingPolicy(SealingMode.INSTANT)
    assert decide(policy, ready=0, now_ms=5, due_ms=None) is None
    order = decide(policy, ready=3, now_ms=5, due_ms=None)
    assert order == SealOrder(SealTrigger.TRANSACTIONS, False, True)


def test_decide_manual_ignores_transactions_and_serves_requests() -> None:
    policy = SealingPolicy(SealingMode.MANUAL)
    assert decide(policy, ready=3, now_ms=5, due_ms=None) is None
    order = decide(policy, ready=0, now_ms=5, due_ms=None,
                   request=SealRequest(finalize=False, parent_hash=b"\x01" * 32))
    assert order == SealOrder(SealTrigger.REQUEST, True, False, b"\x01" * 32)


def test_decide_request_without_empty_and_empty_pool_fails_refused() -> None:
    with pytest.raises(EmptyBlockRefused):
        decide(SealingPolicy(SealingMode.INSTANT), ready=0, now_ms=0, due_ms=None,
               request=SealRequest(create_empty=False))


def test_decide_interval_seals_empty_at_due_time() -> None:
    policy = SealingPolicy(SealingMode.INTERVAL, 250)
    assert decide(policy, ready=4, now_ms=249, due_ms=250) is None
    assert decide(policy, ready=0, now_ms=250, due_ms=250) == SealOrder(SealTrigger.INTERVAL,
                                                                        True, True)


def test_next_interval_due_aligns_to_boundaries() -> None:
    assert [next_interval_due(t, 250) for t in (0, 1, 249, 250, 999)] == [250, 250, 250, 500,
                                                                          1000]


def test_dev_block_timestamps_keep_slots_increasing() -> None:
    now = 1_000_000
    assert dev_block_timestamp(0, now, 12_000) == now
    timestamp, slot = dev_block_slot(0, now, 12_000)
    slots = [slot]
    for _ in range(5):  # five instant blocks within the same wall-clock millisecond
        timestamp, slot = dev_block_slot(timestamp, now, 12_000)
        slots.append(slot)
    assert slots == sorted(set(slots)) and len(slots) == 6
    assert dev_block_timestamp(1_000, 50_000, 12_000) == 50_000


def test_driver_interval_seals_on_each_boundary() -> None:
    async def scenario() -> list[int]:
        time = FakeTime(100)
        node = FakeNode(time)
        driver = SealingDriver(SealingPolicy(SealingMode.INTERVAL, FAST_INTERVAL_MS), node.author,
                               node.ready, time.clock, time.sleep)
        task = asyncio.create_task(driver.run())
        await _until(lambda: len(node.orders) >= 3)
        driver.stop()
        await task
        assert all(order.trigger is SealTrigger.INTERVAL and order.create_empty
                   for _, order in node.orders)
        return [at for at, _ in node.orders[:3]]

    assert asyncio.run(scenario()) == [250, 500, 750]


def test_driver_instant_seals_on_transaction_and_not_when_empty() -> None:
    async def scenario() -> None:
        time = FakeTime()
        node = FakeNode(time)
        driver = SealingDriver(SealingPolicy(SealingMode.INSTANT), node.author, node.ready,
                               time.clock, time.sleep)
        task = asyncio.create_task(driver.run())
        for _ in range(10):
            await asyncio.sleep(0)
        assert node.orders == []
        node.pool.append("tx")
        driver.notify_transaction()
        await _until(lambda: len(node.orders) == 1)
        assert node.orders[0][1].trigger is SealTrigger.TRANSACTIONS
        assert not node.orders[0][1].create_empty
        for _ in range(10):
            await asyncio.sleep(0)
        assert len(node.orders) == 1 and driver.blocks_sealed == 1
        driver.stop()
        await task

    asyncio.run(scenario())


def test_driver_instant_stalled_pool_waits_for_new_transaction() -> None:
    async def scenario() -> None:
        time = FakeTime()
        node = FakeNode(time, drains=False)
        node.pool.append("stuck")
        driver = SealingDriver(SealingPolicy(SealingMode.INSTANT), node.author, node.ready,
                               time.clock, time.sleep)
        task = asyncio.create_task(driver.run())
        await _until(lambda: len(node.orders) == 1)
        for _ in range(20):
            await asyncio.sleep(0)
        assert len(node.orders) == 1
        driver.notify_transaction()
        await _until(lambda: len(node.orders) == 2)
        driver.stop()
        await task

    asyncio.run(scenario())


def test_driver_manual_request_returns_author_result() -> None:
    async def scenario() -> None:
        time = FakeTime()
        node = FakeNode(time)
        node.pool.append("tx")
        driver = SealingDriver(SealingPolicy(SealingMode.MANUAL), node.author, node.ready,
                               time.clock, time.sleep)
        task = asyncio.create_task(driver.run())
        for _ in range(10):
            await asyncio.sleep(0)
        assert node.orders == []
        assert await driver.request_seal(SealRequest(finalize=False)) == 1
        assert node.orders[0][1] == SealOrder(SealTrigger.REQUEST, True, False)
        with pytest.raises(EmptyBlockRefused):
            await driver.request_seal(SealRequest(create_empty=False))
        assert await driver.request_seal() == 2
        driver.stop()
        await task

    asyncio.run(scenario())


def test_driver_stop_fails_queued_and_later_requests() -> None:
    async def scenario() -> None:
        time = FakeTime()
        node = FakeNode(time)
        driver = SealingDriver(SealingPolicy(SealingMode.MANUAL), node.author, node.ready,
                               time.clock, time.sleep)
        driver.stop()
        pending = driver.request_seal()
        await driver.run()
        with pytest.raises(SealingStopped):
            await pending

    asyncio.run(scenario())


def test_driver_author_error_goes_to_on_error_or_ends_run() -> None:
    async def scenario() -> None:
        time = FakeTime()
        errors: list[BaseException] = []

        async def failing(order: SealOrder) -> None:
            raise RuntimeError("block build failed")

        policy = SealingPolicy(SealingMode.INTERVAL, 250)
        driver = SealingDriver(policy, failing, lambda: 0, time.clock, time.sleep,
                               on_error=errors.append)
        task = asyncio.create_task(driver.run())
        await _until(lambda: len(errors) >= 2)
        driver.stop()
        await task
        loud = SealingDriver(policy, failing, lambda: 0, time.clock, time.sleep)
        with pytest.raises(RuntimeError):
            await loud.run()

    asyncio.run(scenario())


def test_driver_set_policy_switches_from_manual_to_instant() -> None:
    async def scenario() -> None:
        time = FakeTime()
        node = FakeNode(time)
        node.pool.append("tx")
        driver = SealingDriver(SealingPolicy(SealingMode.MANUAL), node.author, node.ready,
                               time.clock, time.sleep)
        task = asyncio.create_task(driver.run())
        for _ in range(10):
            await asyncio.sleep(0)
        assert node.orders == []
        driver.set_policy(SealingPolicy(SealingMode.INSTANT))
        await _until(lambda: len(node.orders) == 1)
        assert driver.policy.mode is SealingMode.INSTANT
        driver.stop()
        await task

    asyncio.run(scenario())
