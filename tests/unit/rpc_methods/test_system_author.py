"""system_*, account_nextIndex, author_* and payment_* over a real server, chain and pool."""

from __future__ import annotations

import struct
from pathlib import Path

import aiohttp
import pytest

from rpc.backend import PeerInfo
from rpc.config import RpcConfig, RpcMethodsMode
from rpc.errors import (
    AUTHOR_BAD_FORMAT,
    INVALID_PARAMS,
    METHOD_NOT_FOUND,
    POOL_ALREADY_IMPORTED,
    POOL_INVALID_TX,
    POOL_TEMPORARILY_BANNED,
    UNSAFE_RPC_CALLED_MSG,
)
from rpc.methods.system import account_key
from runtime.primitives.hashing import blake2_256
from runtime.primitives.scale import encode_compact
from storage.chain_db import ChainDB
from tests.unit.rpc_methods.harness import (
    ALICE,
    ALICE_SS58,
    TestNodeInfo,
    account_info,
    make_extrinsic,
    run,
    running_node,
)


@pytest.fixture
def db(tmp_path: Path) -> ChainDB:
    database = ChainDB.open_leveldb(tmp_path / "chain")
    yield database
    database.close()


def h(data: bytes) -> str:
    return "0x" + data.hex()


def test_system_identity_methods_answer_node_info(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            client = node.client
            assert await client.call("system_name") == "tensorchain"
            assert await client.call("system_version") == "0.1.0-test"
            assert await client.call("system_chain") == "Bittensor"
            assert await client.call("system_chainType") == "Development"
            assert await client.call("system_properties") == {
                "ss58Format": 42, "tokenDecimals": 9, "tokenSymbol": "TAO"}
            assert await client.call("system_health") == {
                "peers": 0, "isSyncing": False, "shouldHavePeers": False}
            assert await client.call("system_nodeRoles") == ["Authority"]
            peer_id = await client.call("system_localPeerId")
            assert (await client.call("system_localListenAddresses"))[0].endswith(peer_id)
            assert await client.call("system_syncState") == {
                "startingBlock": 0, "currentBlock": 0, "highestBlock": 0}
            methods = (await client.call("rpc_methods"))["methods"]
            for name in ("account_nextIndex", "state_call", "state_getStorageAt",
                         "state_getRuntimeVersion", "chain_getHead", "payment_queryInfo"):
                assert name in methods

    run(scenario())


def test_system_peers_lists_peers_and_is_unsafe(db: ChainDB) -> None:
    async def scenario() -> None:
        peer = PeerInfo("12D3KooWPeer", "FULL", b"\x01" * 32, 7)
        async with running_node(db, node_info=TestNodeInfo([peer])) as node:
            assert await node.client.call("system_peers") == [
                {"peerId": "12D3KooWPeer", "roles": "FULL", "bestHash": h(b"\x01" * 32),
                 "bestNumber": 7}]
            health = await node.client.call("system_health")
            assert health["peers"] == 1
        safe = RpcConfig(port=0, rpc_methods=RpcMethodsMode.SAFE)
        with ChainDB.open_memory() as memory:
            async with running_node(memory, config=safe) as node:
                denied = await node.client.error("system_peers")
                assert denied == {"code": METHOD_NOT_FOUND, "message": UNSAFE_RPC_CALLED_MSG}
                assert await node.client.call("system_name") == "tensorchain"

    run(scenario())


def test_account_nextIndex_counts_chain_and_pool_nonces(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            client = node.client
            assert await client.call("account_nextIndex", [ALICE_SS58]) == 3
            assert await client.call("system_accountNextIndex", [h(ALICE)]) == 3
            await client.call("author_submitExtrinsic", [h(make_extrinsic(3))])
            await client.call("author_submitExtrinsic", [h(make_extrinsic(4))])
            assert await client.call("account_nextIndex", [ALICE_SS58]) == 5
            node.chain.add_block({account_key(ALICE): account_info(4)}, [make_extrinsic(3)])
            assert await client.call("account_nextIndex", [ALICE_SS58]) == 5
            assert await client.call("account_nextIndex", [h(b"\x07" * 32)]) == 0
            for bad in ("5Grwva", "0x1234", 12):
                assert (await client.error("account_nextIndex", [bad]))["code"] == INVALID_PARAMS

    run(scenario())


def test_author_submitExtrinsic_returns_hash_and_maps_pool_errors(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            client, xt = node.client, make_extrinsic(3)
            assert await client.call("author_submitExtrinsic", [h(xt)]) == h(blake2_256(xt))
            assert await client.call("author_pendingExtrinsics") == [h(xt)]
            again = await client.error("author_submitExtrinsic", [h(xt)])
            assert again["code"] == POOL_ALREADY_IMPORTED
            stale = await client.error("author_submitExtrinsic", [h(make_extrinsic(1))])
            assert stale == {"code": POOL_INVALID_TX, "message": "Invalid Transaction",
                             "data": "Transaction is outdated"}
            banned = await client.error("author_submitExtrinsic", [h(make_extrinsic(1))])
            assert banned["code"] == POOL_TEMPORARILY_BANNED
            bad_length = await client.error("author_submitExtrinsic", [h(xt[:-1])])
            assert bad_length == {"code": AUTHOR_BAD_FORMAT, "message":
                                  "Extrinsic has invalid format: Invalid length prefix"}
            v5 = encode_compact(2) + b"\x05\x00"
            version = await client.error("author_submitExtrinsic", [h(v5)])
            assert version["message"].endswith("Invalid transaction version")
            not_hex = await client.error("author_submitExtrinsic", ["0xnothex"])
            assert not_hex["code"] == INVALID_PARAMS

    run(scenario())


def test_author_submitAndWatchExtrinsic_streams_ready_inblock_finalized(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            chain, client, xt = node.chain, node.client, make_extrinsic(3)
            sub = await client.call("author_submitAndWatchExtrinsic", [h(xt)])
            assert await client.next_notification(sub) == "ready"
            block = chain.add_block({account_key(ALICE): account_info(4)}, [xt])
            assert await client.next_notification(sub) == {"inBlock": h(block)}
            chain.finalize(block)
            assert await client.next_notification(sub) == {"finalized": h(block)}
            await client.call("system_name")
            assert node.server.subscription_count == 0
            assert await client.call("author_unwatchExtrinsic", [sub]) is False
            stale = await client.error("author_submitAndWatchExtrinsic", [h(xt)])
            assert stale["code"] in (POOL_INVALID_TX, POOL_TEMPORARILY_BANNED)

    run(scenario())


def test_author_unwatchExtrinsic_stops_updates(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            chain, client, xt = node.chain, node.client, make_extrinsic(3)
            sub = await client.call("author_submitAndWatchExtrinsic", [h(xt)])
            assert await client.next_notification(sub) == "ready"
            assert await client.call("author_unwatchExtrinsic", [sub]) is True
            chain.add_block({account_key(ALICE): account_info(4)}, [xt])
            await client.call("system_name")
            assert client.pending(sub) == []

    run(scenario())


def test_author_removeExtrinsic_by_hash_and_bytes_removes(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            client = node.client
            first, other = make_extrinsic(3), make_extrinsic(3, account=b"\x09" * 32)
            await client.call("author_submitExtrinsic", [h(first)])
            await client.call("author_submitExtrinsic", [h(other)])
            removed = await client.call("author_removeExtrinsic",
                                        [[{"hash": h(blake2_256(first))}, {"extrinsic": h(other)}]])
            assert sorted(removed) == sorted([h(blake2_256(first)), h(blake2_256(other))])
            assert await client.call("author_pendingExtrinsics", []) == []
            bad = await client.error("author_removeExtrinsic", [[{"nope": "0x00"}]])
            assert bad["code"] == INVALID_PARAMS

    run(scenario())


def test_payment_queryInfo_and_fee_details_shapes(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            client, xt = node.client, make_extrinsic(3)
            info = await client.call("payment_queryInfo", [h(xt)])
            assert info == {"weight": {"ref_time": 1000 * len(xt), "proof_size": 64},
                            "class": "normal", "partialFee": str(100 + 10 * len(xt))}
            details = await client.call("payment_queryFeeDetails", [h(xt), None])
            assert details == {"inclusionFee": {"baseFee": 100, "lenFee": 10 * len(xt),
                                                "adjustedWeightFee": 7}}
            broken = await client.error("payment_queryInfo", [h(xt[:-2])])
            assert broken["code"] == 2 and broken["message"] == "Unable to query dispatch info."
            unknown = await client.error("payment_queryInfo", [h(xt), "0x" + "42" * 32])
            assert unknown["code"] == 1

    run(scenario())


def test_system_dryRun_applies_through_runtime_api(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            client, xt = node.client, make_extrinsic(3)
            assert await client.call("system_dryRun", [h(xt)]) == "0x0000"
            assert await client.call("system_dryRunAt", [h(xt), h(node.chain.genesis)]) == "0x0000"
            broken = await client.error("system_dryRun", [h(struct.pack("<B", 0xFF))])
            assert broken["code"] == 2

    run(scenario())


def test_http_post_serves_methods_and_refuses_subscriptions(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node, aiohttp.ClientSession() as session:
            body = [{"jsonrpc": "2.0", "id": 1, "method": "chain_getBlockHash", "params": [0]},
                    {"jsonrpc": "2.0", "id": "b", "method": "state_getStorageAt",
                     "params": [h(account_key(ALICE)), None]}]
            async with session.post(node.server.http_url, json=body) as response:
                replies = {reply["id"]: reply for reply in await response.json()}
            assert replies[1]["result"] == h(node.chain.genesis)
            assert replies["b"]["result"] == h(account_info(3))
            sub = {"jsonrpc": "2.0", "id": 2, "method": "chain_subscribeNewHeads", "params": []}
            async with session.post(node.server.http_url, json=sub) as response:
                assert "error" in await response.json()

    run(scenario())
