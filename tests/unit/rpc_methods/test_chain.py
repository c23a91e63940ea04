"""chain_* over a real server and a real LevelDB chain database."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from rpc.errors import CHAIN_OTHER, INVALID_PARAMS
from runtime.primitives.block import Header
from runtime.primitives.scale import encode_compact
from storage.chain_db import ChainDB
from tests.unit.rpc_methods.harness import item_key, make_extrinsic, run, running_node


@pytest.fixture
def db(tmp_path: Path) -> ChainDB:
    database = ChainDB.open_leveldb(tmp_path / "chain")
    yield database
    database.close()


def h(data: bytes) -> str:
    return "0x" + data.hex()


def test_chain_getBlockHash_numbers_lists_and_hex_match_canonical(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db, blocks=[{item_key(1): b"a"}, {item_key(1): b"b"}]) as node:
            chain, client = node.chain, node.client
            one, two = db.canonical_hash(1), db.canonical_hash(2)
            assert await client.call("chain_getBlockHash", []) == h(two)
            assert await client.call("chain_getBlockHash", [None]) == h(two)
            assert await client.call("chain_getBlockHash") == h(two)
            assert await client.call("chain_getBlockHash", [0]) == h(chain.genesis)
            assert await client.call("chain_getBlockHash", ["0x1"]) == h(one)
            assert await client.call("chain_getBlockHash", [[0, "0x2", 9]]) == [
                h(chain.genesis), h(two), None]
            assert await client.call("chain_getBlockHash", [9]) is None
            assert await client.call("chain_getHead", []) == h(two)

    run(scenario())


def test_chain_getBlockHash_bad_numbers_fail(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            client = node.client
            too_big = await client.error("chain_getBlockHash", [2 ** 32])
            assert too_big["code"] == CHAIN_OTHER
            assert too_big["message"] == (
                "`Number(4294967296)` > u32::MAX, the max block number is u32.")
            assert (await client.error("chain_getBlockHash", [-1]))["code"] == INVALID_PARAMS
            assert (await client.error("chain_getBlockHash", ["12"]))["code"] == INVALID_PARAMS
            assert (await client.error("chain_getBlockHash", [1.5]))["code"] == INVALID_PARAMS

    run(scenario())


def test_chain_getHeader_best_given_and_unknown_hashes_answer(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db, blocks=[{item_key(1): b"a"}]) as node:
            client, best = node.client, db.best_hash
            header = await client.call("chain_getHeader", [])
            assert header == Header.decode(db.header(best)).to_json()
            assert header["number"] == "0x1"
            assert header["parentHash"] == h(node.chain.genesis)
            assert header["digest"] == {"logs": []}
            genesis = await client.call("chain_getHeader", [h(node.chain.genesis)])
            assert genesis["parentHash"] == "0x" + "00" * 32
            assert await client.call("chain_getHeader", ["0x" + "ab" * 32]) is None
            short = await client.error("chain_getHeader", ["0x1234"])
            assert short["code"] == INVALID_PARAMS

    run(scenario())


def test_chain_getBlock_extrinsics_byte_identical_and_justifications(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            chain, client = node.chain, node.client
            xt = make_extrinsic(3)
            first = chain.add_block({item_key(1): b"x"}, [xt])
            justification = b"proof"
            encoded = encode_compact(1) + b"FRNK" + encode_compact(5) + justification
            second = chain.add_block({}, [], justifications=encoded)
            block = await client.call("chain_getBlock", [h(first)])
            assert block["block"]["extrinsics"] == [h(xt)]
            assert block["block"]["header"]["number"] == "0x1"
            assert block["justifications"] is None
            latest = await client.call("chain_getBlock", [])
            assert latest["block"]["header"]["number"] == "0x2"
            assert latest["block"]["extrinsics"] == []
            assert latest["justifications"] == [[list(b"FRNK"), list(justification)]]
            assert h(second) == await client.call("chain_getHead")
            assert await client.call("chain_getBlock", ["0x" + "cd" * 32]) is None

    run(scenario())


def test_chain_getFinalizedHead_alias_follows_finalization(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db, blocks=[{item_key(1): b"a"}]) as node:
            chain, client = node.chain, node.client
            assert await client.call("chain_getFinalizedHead") == h(chain.genesis)
            chain.finalize(db.best_hash)
            assert await client.call("chain_getFinalizedHead") == h(db.best_hash)
            assert await client.call("chain_getFinalisedHead", []) == h(db.best_hash)

    run(scenario())


def test_chain_subscribeNewHeads_sends_current_then_each_new_best(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            chain, client = node.chain, node.client
            sub = await client.call("chain_subscribeNewHeads", [])
            assert isinstance(sub, str)
            assert (await client.next_notification(sub))["number"] == "0x0"
            block = chain.add_block({item_key(2): b"n"})
            head = await client.next_notification(sub)
            assert head == Header.decode(db.header(block)).to_json()
            chain.add_block({item_key(2): b"fork"}, parent=chain.genesis, best=False)
            assert await client.call("chain_unsubscribeNewHeads", [sub]) is True
            chain.add_block({item_key(2): b"m"})
            await client.call("system_name")
            assert client.pending(sub) == []
            assert await client.call("chain_unsubscribeNewHeads", [sub]) is False
            legacy = await client.call("subscribe_newHead", [])
            assert (await client.next_notification(legacy))["number"] == "0x2"
            assert await client.call("unsubscribe_newHead", [legacy]) is True

    run(scenario())


def test_chain_subscribeAllHeads_includes_non_best_blocks(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db, blocks=[{item_key(1): b"a"}]) as node:
            chain, client = node.chain, node.client
            sub = await client.call("chain_subscribeAllHeads")
            assert (await client.next_notification(sub))["number"] == "0x1"
            fork = chain.add_block({item_key(3): b"f"}, parent=chain.genesis, best=False)
            note = await client.next_notification(sub)
            assert note == Header.decode(db.header(fork)).to_json()
            assert await client.call("chain_unsubscribeAllHeads", [sub]) is True

    run(scenario())


def test_chain_subscribeFinalizedHeads_notifies_on_finalize(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            chain, client = node.chain, node.client
            sub = await client.call("chain_subscribeFinalisedHeads")
            assert (await client.next_notification(sub))["number"] == "0x0"
            block = chain.add_block({item_key(1): b"z"})
            await client.call("system_name")
            assert client.pending(sub) == []
            chain.finalize(block)
            assert (await client.next_notification(sub))["number"] == "0x1"
            assert await client.call("chain_unsubscribeFinalizedHeads", [sub]) is True

    run(scenario())


def test_chain_subscribeNewHeads_block_committed_in_worker_thread_notifies(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            chain, client = node.chain, node.client
            sub = await client.call("chain_subscribeNewHeads")
            assert (await client.next_notification(sub))["number"] == "0x0"
            block = await asyncio.to_thread(chain.add_block, {item_key(4): b"threaded"})
            head = await client.next_notification(sub)
            assert head == Header.decode(db.header(block)).to_json()

    run(scenario())
