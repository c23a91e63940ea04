"""The author driven by the dev sealing driver: instant sealing on a new transaction, manual
requests on a chosen parent, dev timestamps and slots, finality as the order says."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from consensus.aura import FAST_SLOT_DURATION_MS, find_slot
from consensus.sealing import SealingDriver, SealingMode, SealingPolicy, SealRequest
from node.author import SlotInputs, aura_sealer, sealing_handler
from node.events import PoolNotifier
from node.importer import NotOnFinalizedChain
from node.txpool import TransactionSource
from runtime.primitives.scale import U64
from tests.unit.node.chain_fixtures import (
    ALICE,
    Moment,
    Node,
    bump_call,
    make_node,
    make_pool,
    signed,
    stamp_inherent,
)

NOW_MS = 1_700_000_000_000


@pytest.fixture
def node(tmp_path: Path) -> Node:
    """A node over LevelDB in ``tmp_path``."""
    created = make_node(tmp_path / "db")
    yield created
    created.close()


def _inputs(node: Node) -> SlotInputs:
    def parent_timestamp(parent_hash: bytes) -> int:
        raw = node.db.reader_at(parent_hash).get(Moment.storage_key())
        return 0 if raw is None else U64.decode(raw)

    return SlotInputs(FAST_SLOT_DURATION_MS, stamp_inherent, parent_timestamp,
                      aura_sealer(ALICE), clock=lambda: NOW_MS)


def test_instant_sealing_authors_on_transactions_and_manual_request_on_a_parent(
        node: Node) -> None:
    pool = make_pool(node)
    node.chain.subscribe(PoolNotifier(pool, node.chain.header_and_body))
    handler = sealing_handler(node.author, pool, _inputs(node))

    async def scenario() -> bytes:
        driver = SealingDriver(SealingPolicy(SealingMode.INSTANT), handler,
                               lambda: pool.status().ready, clock=lambda: NOW_MS)
        runner = asyncio.create_task(driver.run())
        for nonce in range(2):
            pool.submit(TransactionSource.EXTERNAL,
                        signed(node.genesis_hash, ALICE, bump_call(1), nonce),
                        node.chain.best_hash)
            driver.notify_transaction()
            while node.chain.best_number < nonce + 1:
                await asyncio.sleep(0.005)
        assert node.chain.finalized_hash == node.chain.best_hash  # instant: finalized
        empty = await driver.request_seal(SealRequest(finalize=False))
        with pytest.raises(NotOnFinalizedChain):
            await driver.request_seal(SealRequest(parent_hash=node.genesis_hash))
        driver.stop()
        await runner
        return empty

    empty = asyncio.run(scenario())
    assert node.chain.best_hash == empty and node.chain.best_number == 3
    assert node.chain.finalized_number == 2 and pool.status().ready == 0
    headers = [node.chain.header(node.chain.canonical_hash(n) or b"") for n in (1, 2, 3)]
    slots = [find_slot(h) for h in headers if h is not None]
    first = NOW_MS // FAST_SLOT_DURATION_MS
    assert slots == [first, first + 1, first + 2]  # dev timestamps move a slot ahead each
    assert [len(e.extrinsics) for e in node.recorder.imported] == [2, 2, 1]
