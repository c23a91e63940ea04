"""state_* over a real server and a real chain database."""

from __future__ import annotations

import struct

import pytest

from rpc.errors import (
    INVALID_PARAMS,
    METHOD_NOT_FOUND,
    STATE_CLIENT,
    STATE_INVALID_BLOCK_RANGE,
    STATE_INVALID_COUNT,
)
from runtime.primitives.block import Header
from runtime.primitives.hashing import blake2_256
from runtime.primitives.scale import encode_compact
from storage.chain_db import ChainDB
from storage.trie.proof import verify_read_proof
from tests.unit.rpc_methods.harness import (
    CORE_ID,
    METADATA,
    PREFIX,
    SPEC_KEY,
    item_key,
    run,
    running_node,
)


@pytest.fixture
def db() -> ChainDB:
    database = ChainDB.open_memory()
    yield database
    database.close()


def h(data: bytes) -> str:
    return "0x" + data.hex()


BLOCK_ONE = {item_key(1): b"one", item_key(2): None, item_key(6): b"six"}


def test_state_getStorage_best_older_and_absent_answer(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db, blocks=[BLOCK_ONE]) as node:
            client, genesis = node.client, node.chain.genesis
            assert await client.call("state_getStorage", [h(item_key(1))]) == h(b"one")
            assert await client.call("state_getStorageAt", [h(item_key(1)), None]) == h(b"one")
            assert await client.call("state_getStorage", [h(item_key(1)), h(genesis)]) == h(b"v1")
            assert await client.call("state_getStorage", [h(item_key(2))]) is None
            no_prefix = item_key(6).hex()
            assert await client.call("state_getStorageAt", [no_prefix]) == h(b"six")

    run(scenario())


def test_state_getStorage_unknown_block_fails_with_client_error(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            unknown = "0x" + "ee" * 32
            error = await node.client.error("state_getStorage", [h(item_key(1)), unknown])
            assert error["code"] == STATE_CLIENT
            assert error["message"] == (
                f"Client error: UnknownBlock: Header was not found in the database: {unknown}")

    run(scenario())


def test_state_getStorage_bad_params_fail_invalid_params(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            client = node.client
            for params in (["0xzz"], ["0x123"], [], [h(item_key(1)), "0x1234"], [5]):
                assert (await client.error("state_getStorage", params))["code"] == INVALID_PARAMS

    run(scenario())


def test_state_getStorageHash_and_size_answer_value_and_prefix(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            client, key = node.client, h(item_key(3))
            assert await client.call("state_getStorageHash", [key]) == h(blake2_256(b"v3"))
            assert await client.call("state_getStorageHash", [h(item_key(9))]) is None
            assert await client.call("state_getStorageSize", [key]) == 2
            assert await client.call("state_getStorageSize", [h(PREFIX)]) == 10
            assert await client.call("state_getStorageSize", ["0x99"]) is None

    run(scenario())


def test_state_getKeysPaged_pages_with_exclusive_start(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            client, prefix = node.client, h(PREFIX)
            first = await client.call("state_getKeysPaged", [prefix, 2, prefix, None])
            assert first == [h(item_key(1)), h(item_key(2))]
            rest = await client.call("state_getKeysPaged", [prefix, 10, first[-1], None])
            assert rest == [h(item_key(i)) for i in (3, 4, 5)]
            assert await client.call("state_getKeysPaged", [prefix, 0]) == []
            below = await client.call("state_getKeysPaged", [prefix, 1, "0x00"])
            assert below == [h(item_key(1))]
            assert await client.call("state_getKeysPaged", [prefix, 5, "0xff"]) == []
            at_genesis = await client.call("state_getKeysPaged",
                                           [prefix, 1, None, h(node.chain.genesis)])
            assert at_genesis == [h(item_key(1))]

    run(scenario())


def test_state_getKeysPaged_count_over_limit_fails(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            error = await node.client.error("state_getKeysPaged", [h(PREFIX), 1001])
            assert error == {"code": STATE_INVALID_COUNT,
                             "message": "count exceeds maximum value. value: 1001, max: 1000"}
            negative = await node.client.error("state_getKeysPaged", [h(PREFIX), -1])
            assert negative["code"] == INVALID_PARAMS

    run(scenario())


def test_state_getKeys_and_getPairs_list_prefix(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db, blocks=[BLOCK_ONE]) as node:
            client = node.client
            keys = await client.call("state_getKeys", [h(PREFIX)])
            assert keys == [h(item_key(i)) for i in (1, 3, 4, 5, 6)]
            pairs = await client.call("state_getPairs", [h(PREFIX), h(node.chain.genesis)])
            assert pairs == [[h(item_key(i)), h(b"v%d" % i)] for i in range(1, 6)]

    run(scenario())


def test_state_queryStorageAt_one_change_per_key_lowercase(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db, blocks=[BLOCK_ONE]) as node:
            client, best = node.client, h(db.best_hash)
            upper = "0x" + item_key(1).hex().upper()
            result = await client.call("state_queryStorageAt",
                                       [[upper, h(item_key(2)), h(item_key(1))], None])
            assert result == [{"block": best, "changes": [
                [h(item_key(1)), h(b"one")], [h(item_key(2)), None],
                [h(item_key(1)), h(b"one")]]}]
            assert await client.call("state_queryStorageAt", [[], best]) == [
                {"block": best, "changes": []}]
            bad = await client.error("state_queryStorageAt", ["0x00"])
            assert bad["code"] == INVALID_PARAMS

    run(scenario())


def test_state_queryStorage_range_reports_changed_blocks(db: ChainDB) -> None:
    async def scenario() -> None:
        blocks = [BLOCK_ONE, {item_key(3): b"three"}, {item_key(1): b"uno"}]
        async with running_node(db, blocks=blocks) as node:
            client, genesis = node.client, node.chain.genesis
            hashes = [db.canonical_hash(n) for n in range(4)]
            keys = [h(item_key(1)), h(item_key(2))]
            result = await client.call("state_queryStorage", [keys, h(genesis)])
            assert result == [
                {"block": h(hashes[0]), "changes": [[keys[0], h(b"v1")], [keys[1], h(b"v2")]]},
                {"block": h(hashes[1]), "changes": [[keys[0], h(b"one")], [keys[1], None]]},
                {"block": h(hashes[3]), "changes": [[keys[0], h(b"uno")]]}]
            backwards = await client.error("state_queryStorage", [keys, h(hashes[2]), h(genesis)])
            assert backwards["code"] == STATE_INVALID_BLOCK_RANGE
            assert backwards["message"].startswith("Cannot resolve a block range ['2 (0x")
            missing = await client.error("state_queryStorage", [keys, "0x" + "77" * 32])
            assert missing["code"] == STATE_INVALID_BLOCK_RANGE
            assert missing["message"].endswith("Header was not found in the database: 0x"
                                               + "77" * 32)
            fork = node.chain.add_block({}, parent=genesis, best=False)
            apart = await client.error("state_queryStorage", [keys, h(fork), h(hashes[3])])
            assert "different forks" in apart["message"]

    run(scenario())


def test_state_getReadProof_verifies_against_state_root(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db, blocks=[BLOCK_ONE]) as node:
            keys = [item_key(1), item_key(2)]
            result = await node.client.call("state_getReadProof", [[h(k) for k in keys]])
            assert result["at"] == h(db.best_hash)
            proof = [bytes.fromhex(node_hex[2:]) for node_hex in result["proof"]]
            root = Header.decode(db.header(db.best_hash)).state_root
            assert verify_read_proof(root, proof, keys) == {item_key(1): b"one",
                                                            item_key(2): None}

    run(scenario())


def test_state_call_accepts_data_without_prefix_and_maps_failures(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            client = node.client
            result = await client.call("state_call",
                                       ["Metadata_metadata_at_version", "0f000000", None])
            assert result == h(b"\x01" + encode_compact(len(METADATA)) + METADATA)
            assert await client.call("state_call", ["Core_version", "0x"]) is not None
            missing = await client.error("state_call", ["Nope_nope", "0x"])
            assert missing == {"code": STATE_CLIENT, "message": "Client error: Execution "
                               "failed: Other: Exported method Nope_nope is not found"}
            unknown = await client.error("state_call", ["Core_version", "0x", "0x" + "11" * 32])
            assert unknown == {"code": STATE_CLIENT, "message": "Client error: Api called for an "
                               "unknown Block: Header was not found in the database: 0x"
                               + "11" * 32}

    run(scenario())


def test_state_getMetadata_and_runtime_version_shapes(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            client = node.client
            assert await client.call("state_getMetadata", []) == h(METADATA)
            version = await client.call("state_getRuntimeVersion", [None])
            assert version == {
                "specName": "node-subtensor", "implName": "node-subtensor",
                "authoringVersion": 1, "specVersion": 425, "implVersion": 1,
                "apis": [[h(CORE_ID), 5]], "transactionVersion": 1, "stateVersion": 1}
            assert await client.call("chain_getRuntimeVersion", [h(node.chain.genesis)]) == version
            assert (await client.error("nonexistent_method", []))["code"] == METHOD_NOT_FOUND

    run(scenario())


def test_state_subscribeStorage_sends_current_values_then_changes(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            chain, client = node.chain, node.client
            keys = [h(item_key(1)), h(item_key(7))]
            sub = await client.call("state_subscribeStorage", [keys])
            first = await client.next_notification(sub)
            assert first == {"block": h(chain.genesis),
                             "changes": [[keys[0], h(b"v1")], [keys[1], None]]}
            chain.add_block({item_key(3): b"unrelated"})
            block = chain.add_block({item_key(7): b"seven", item_key(4): None})
            assert await client.next_notification(sub) == {
                "block": h(block), "changes": [[keys[1], h(b"seven")]]}
            assert client.pending(sub) == []
            assert await client.call("state_unsubscribeStorage", [sub]) is True
            refused = await client.error("state_subscribeStorage", [])
            assert refused["code"] == METHOD_NOT_FOUND

    run(scenario())


def test_state_subscribeRuntimeVersion_notifies_on_upgrade(db: ChainDB) -> None:
    async def scenario() -> None:
        async with running_node(db) as node:
            chain, client = node.chain, node.client
            sub = await client.call("state_subscribeRuntimeVersion")
            assert (await client.next_notification(sub))["specVersion"] == 425
            chain.add_block({item_key(1): b"no upgrade"})
            chain.add_block({SPEC_KEY: struct.pack("<I", 426)})
            assert (await client.next_notification(sub))["specVersion"] == 426
            assert client.pending(sub) == []
            assert await client.call("chain_unsubscribeRuntimeVersion", [sub]) is True

    run(scenario())
