"""Async import and authoring: the event loop keeps running, calls are serialized in order, and
notifications arrive on the loop's thread."""

from __future__ import annotations

import asyncio
import threading
import time
from itertools import pairwise
from pathlib import Path

import pytest

from node.events import BlockImported, ImportOrigin, PoolNotifier
from node.importer import UnknownParentError
from node.txpool import TransactionSource
from tests.unit.node.chain_fixtures import (
    ALICE,
    BOB,
    ListReady,
    Node,
    author_chain,
    block_inputs,
    bump_call,
    fill_call,
    make_node,
    make_pool,
    signed,
)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Node, Node]:
    """A source node and an empty replica, both over LevelDB."""
    source = make_node(tmp_path / "source")
    replica = make_node(tmp_path / "replica")
    yield source, replica
    source.close()
    replica.close()


def test_long_async_import_leaves_the_event_loop_running(pair: tuple[Node, Node]) -> None:
    source, replica = pair
    heavy = signed(source.genesis_hash, ALICE, fill_call(30_000), 0)
    block = source.author.build(ready=ListReady([heavy]), **block_inputs(source)).block
    ticks: list[float] = []
    loop_threads: set[int] = set()

    class ThreadProbe:
        def on_block_imported(self, event: BlockImported) -> None:
            loop_threads.add(threading.get_ident())

        def on_blocks_finalized(self, event: object) -> None:
            loop_threads.add(threading.get_ident())

    replica.chain.subscribe(ThreadProbe())

    async def ticker(stop: asyncio.Event) -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())
            await asyncio.sleep(0.005)

    async def scenario() -> float:
        stop = asyncio.Event()
        task = asyncio.create_task(ticker(stop))
        await asyncio.sleep(0)
        start = time.perf_counter()
        result = await replica.importer.import_block_async(block, ImportOrigin.NETWORK_SYNC,
                                                           finalize=True)
        elapsed = time.perf_counter() - start
        stop.set()
        await task
        assert result.is_new_best and result.finalized
        return elapsed

    elapsed = asyncio.run(scenario())
    assert elapsed > 0.1  # the import is long enough to matter
    during = [t for t in ticks if t - ticks[0] <= elapsed]
    # Run on the loop's thread, the import would allow one tick; off it, the loop keeps ticking.
    assert len(during) >= max(10, 0.15 * elapsed / 0.005)
    gaps = [b - a for a, b in pairwise(during)]
    assert max(gaps) < elapsed / 3
    assert loop_threads == {threading.get_ident()}
    assert replica.chain.best_hash == replica.chain.finalized_hash == block.hash()


def test_concurrent_async_imports_run_in_call_order(pair: tuple[Node, Node]) -> None:
    source, replica = pair
    txs = [[signed(source.genesis_hash, BOB, bump_call(1), i)] for i in range(8)]
    blocks = author_chain(source, 8, txs_per_block=txs)

    async def scenario() -> list[int]:
        results = await asyncio.gather(*(replica.importer.import_block_async(b) for b in blocks))
        return [r.number for r in results]

    assert asyncio.run(scenario()) == list(range(1, 9))
    assert [e.number for e in replica.recorder.imported] == list(range(1, 9))
    assert replica.chain.best_hash == source.chain.best_hash


def test_async_refusal_raises_in_the_caller_and_changes_nothing(pair: tuple[Node, Node]) -> None:
    source, replica = pair
    blocks = author_chain(source, 2)
    before = replica.snapshot()

    async def scenario() -> None:
        await replica.importer.import_block_async(blocks[1])

    with pytest.raises(UnknownParentError):
        asyncio.run(scenario())
    assert replica.snapshot() == before


def test_async_author_with_pool_imports_and_prunes_on_the_loop(pair: tuple[Node, Node]) -> None:
    node, _ = pair
    pool = make_pool(node)
    node.chain.subscribe(PoolNotifier(pool, node.chain.header_and_body))
    for nonce in range(3):
        xt = signed(node.genesis_hash, ALICE, bump_call(1), nonce)
        pool.submit(TransactionSource.EXTERNAL, xt, node.chain.best_hash)

    async def scenario() -> None:
        for _ in range(2):
            authored = await node.author.author_async(pool=pool, **block_inputs(node))
            assert authored.result.is_new_best
        await node.importer.finalize_async(node.chain.best_hash)

    asyncio.run(scenario())
    assert node.chain.best_number == 2 and pool.status().ready == 0
    assert node.chain.finalized_hash == node.chain.best_hash
    assert [len(e.extrinsics) for e in node.recorder.imported] == [4, 1]


def test_cancelled_caller_still_gets_the_commit_announced(pair: tuple[Node, Node]) -> None:
    source, replica = pair
    heavy = signed(source.genesis_hash, ALICE, fill_call(20_000), 0)
    block = source.author.build(ready=ListReady([heavy]), **block_inputs(source)).block

    async def scenario() -> None:
        task = asyncio.create_task(replica.importer.import_block_async(block))
        await asyncio.sleep(0.02)  # the worker is executing the block
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        while not replica.recorder.imported:
            await asyncio.sleep(0.01)

    asyncio.run(asyncio.wait_for(scenario(), timeout=20))
    assert replica.chain.best_hash == block.hash()
    assert [e.block_hash for e in replica.recorder.imported] == [block.hash()]
