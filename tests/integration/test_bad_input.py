"""Issue 6, bad input against the real ``tensorchain dev`` node (instant sealing).

One node serves the module. Malformed JSON, unknown methods, wrong params, an oversized request,
a large batch and a flood of invalid extrinsics each get the JSON-RPC error clients expect
(clients.md §1-2: -32700, -32601, -32602, -32007, 1001, 1010 with Substrate's data strings); the
node keeps answering, and afterwards its chain, pool and Alice's account are as they were and a
valid transfer still lands.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import pytest
import websockets

from rpc.methods.system import account_key
from runtime.extrinsic.extensions import ImplicitContext, SignedExtra
from runtime.extrinsic.signing import build_signed_extrinsic
from runtime.node_runtime import node_runtime
from runtime.primitives.keys import DEV_ACCOUNTS
from runtime.primitives.scale import EnumValue
from tests.integration.dev_node import CALL_TIMEOUT, DevNode, RpcClient, running_dev_node

ALICE = DEV_ACCOUNTS["Alice"]
BOB = DEV_ACCOUNTS["Bob"]
TEST_TIMEOUT = 60.0
MEGABYTE = 1024 * 1024
FLOOD_EACH = 100  # random bytes, bad signatures, stale nonces: 300 in all
T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run one test's coroutine, bounded in time."""
    return asyncio.run(asyncio.wait_for(coro, TEST_TIMEOUT))


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevNode]:
    tmp: Path = tmp_path_factory.mktemp("bad-input")
    with running_dev_node(tmp, "--sealing", "instant") as started:
        yield started


def http_url(node: DevNode) -> str:
    """The HTTP endpoint (same port as the WebSocket)."""
    rpc = node.facts["rpc"]
    return str(rpc.get("http") or rpc["ws"].replace("ws://", "http://", 1))


def transfer(genesis_hash: bytes, nonce: int, value: int) -> bytes:
    """A signed ``Balances.transfer_keep_alive`` Alice → Bob (length-prefixed bytes)."""
    runtime = node_runtime()
    call = runtime.outer_enums.call_type.encode(EnumValue("Balances", EnumValue(
        "transfer_keep_alive", {"dest": EnumValue("Id", BOB.account_id), "value": value})))
    context = ImplicitContext(runtime.version.spec_version, runtime.version.transaction_version,
                              genesis_hash)
    return build_signed_extrinsic(ALICE.sr25519, call, SignedExtra(nonce=nonce),
                                  context).encode()


def corrupt_signature(extrinsic: bytes) -> bytes:
    """Flip one bit inside the sr25519 signature: compact prefix, version byte, MultiAddress::Id
    (1 + 32), MultiSignature tag (1), then the 64 signature bytes."""
    prefix = {0: 1, 1: 2, 2: 4}[extrinsic[0] & 3]
    assert extrinsic[prefix] == 0x84 and extrinsic[prefix + 1] == 0x00  # signed v4, Id
    assert extrinsic[prefix + 34] == 0x01  # MultiSignature::Sr25519
    position = prefix + 35 + 20
    return extrinsic[:position] + bytes([extrinsic[position] ^ 0x01]) + extrinsic[position + 1:]


def hex0x(data: bytes) -> str:
    return "0x" + data.hex()


async def http_post(session: aiohttp.ClientSession, url: str, body: str | bytes
                    ) -> tuple[int, Any]:
    async with session.post(url, data=body, headers={"Content-Type": "application/json"},
                            timeout=aiohttp.ClientTimeout(total=CALL_TIMEOUT)) as reply:
        return reply.status, json.loads(await reply.text())


async def still_answers(rpc: RpcClient, node: DevNode) -> None:
    """The connection (and node) still serve a normal call."""
    assert await rpc.call("chain_getBlockHash", [0]) == node.facts["genesisHash"]


async def sealed_after(rpc: RpcClient, previous: dict[str, Any]) -> dict[str, Any]:
    """The best header once instant sealing has built on ``previous`` and emptied the pool
    (``account_nextIndex`` counts pool transactions, so it cannot tell): bounded polling."""
    for _ in range(200):
        header: dict[str, Any] = await rpc.call("chain_getHeader")
        if int(header["number"], 16) > int(previous["number"], 16) and \
                await rpc.call("author_pendingExtrinsics") == []:
            return header
        await asyncio.sleep(0.05)
    raise AssertionError(f"no block sealed on #{int(previous['number'], 16)} within 10 s")


def test_malformed_json_is_a_parse_error_and_connections_keep_answering(node: DevNode) -> None:
    bodies = ['{"jsonrpc": "2.0", "id": 1, "method": ', "not json at all", "{\"id\": 1,,}",
              "\x00\x01\x02", "[{\"jsonrpc\": \"2.0\""]

    async def check() -> None:
        async with aiohttp.ClientSession() as session:
            for body in bodies:
                status, reply = await http_post(session, http_url(node), body)
                assert status == 200, (body, status, reply)
                assert reply["jsonrpc"] == "2.0" and reply["id"] is None, reply
                assert reply["error"]["code"] == -32700, reply
            status, reply = await http_post(session, http_url(node), json.dumps(
                {"jsonrpc": "2.0", "id": 7, "method": "chain_getBlockHash", "params": [0]}))
            assert status == 200 and reply == {"jsonrpc": "2.0", "id": 7,
                                               "result": node.facts["genesisHash"]}
        async with websockets.connect(node.ws_url, max_size=None) as ws:
            rpc = RpcClient(ws)
            for body in bodies:
                await ws.send(body)
                reply = json.loads(await asyncio.wait_for(ws.recv(), CALL_TIMEOUT))
                assert reply["id"] is None and reply["error"]["code"] == -32700, (body, reply)
            await still_answers(rpc, node)  # the same connection, not a new one

    run(check())


def test_invalid_request_and_unknown_method(node: DevNode) -> None:
    async def check() -> None:
        async with websockets.connect(node.ws_url, max_size=None) as ws:
            rpc = RpcClient(ws)
            reply = await rpc.request("chain_noSuchMethod", [])
            assert reply["error"]["code"] == -32601, reply
            assert reply["error"]["message"] == "Method not found"
            reply = await rpc.request("author_submitAndWatch", ["0x00"])
            assert reply["error"]["code"] == -32601, reply
            for body in ('{"jsonrpc": "2.0", "id": 3}', '{"jsonrpc": "1.0", "id": 3, '
                         '"method": "system_health"}', "42", '{"id": 3, "method": 5}'):
                await ws.send(body)
                reply = json.loads(await asyncio.wait_for(ws.recv(), CALL_TIMEOUT))
                assert reply["error"]["code"] == -32600, (body, reply)
            await still_answers(rpc, node)

    run(check())


def test_wrong_params_are_refused_with_substrate_codes(node: DevNode) -> None:
    unknown = "0x" + "ab" * 32

    async def check() -> None:
        async with websockets.connect(node.ws_url, max_size=None) as ws:
            rpc = RpcClient(ws)
            for method, params in (("chain_getBlockHash", ["zero"]),
                                   ("chain_getBlockHash", [{"n": 1}]),
                                   ("chain_getHeader", ["0xzz"]),
                                   ("chain_getHeader", [12345]),
                                   ("chain_getHeader", ["0x1234"]),
                                   ("state_getStorage", ["not-hex"]),
                                   ("state_getStorage", [42]),
                                   ("state_getStorage", ["0x00", "0xnothex"]),
                                   ("author_submitExtrinsic", ["0xqq"]),
                                   ("author_submitExtrinsic", [17])):
                reply = await rpc.request(method, params)
                assert "error" in reply, (method, params, reply)
                assert reply["error"]["code"] == -32602, (method, params, reply)
            # An unknown (well-formed) block hash: Substrate answers null for a header and a
            # 4003 "Client error: UnknownBlock" for state at that block.
            assert (await rpc.request("chain_getHeader", [unknown]))["result"] is None
            reply = await rpc.request("state_getStorage",
                                      ["0x" + account_key(ALICE.account_id).hex(), unknown])
            assert reply["error"]["code"] == 4003, reply
            assert reply["error"]["message"].startswith("Client error: UnknownBlock"), reply
            await still_answers(rpc, node)

    run(check())


def test_oversized_request_is_refused_and_the_node_answers_after(node: DevNode) -> None:
    padding = "0x" + "00" * (8 * MEGABYTE)  # 16 MiB of hex: over the 15 MiB default
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "state_getStorage",
                       "params": [padding]})
    assert len(body) > 15 * MEGABYTE

    async def check() -> None:
        async with aiohttp.ClientSession() as session:
            status, reply = await http_post(session, http_url(node), body)
            assert status == 413 and reply["error"]["code"] == -32007, (status, reply)
            status, reply = await http_post(session, http_url(node), json.dumps(
                {"jsonrpc": "2.0", "id": 2, "method": "system_health", "params": []}))
            assert status == 200 and reply["result"]["peers"] == 0
        async with websockets.connect(node.ws_url, max_size=None) as ws:
            rpc = RpcClient(ws)
            await ws.send(body)
            reply = json.loads(await asyncio.wait_for(ws.recv(), CALL_TIMEOUT))
            assert reply["error"]["code"] == -32007, reply
            assert reply["error"]["message"] == "Request is too big"
            await still_answers(rpc, node)

    run(check())


def test_large_batch_is_answered_in_full_and_in_order(node: DevNode) -> None:
    # No batch limit is configured by default (--rpc-max-batch-request-len unset): a batch of
    # 1,000 cheap calls is answered whole, every id once.
    batch = [{"jsonrpc": "2.0", "id": i, "method": "chain_getBlockHash", "params": [0]}
             for i in range(1000)]
    batch[500] = {"jsonrpc": "2.0", "id": 500, "method": "no_suchMethod", "params": []}

    async def check() -> None:
        async with websockets.connect(node.ws_url, max_size=None) as ws:
            rpc = RpcClient(ws)
            await ws.send(json.dumps(batch))
            replies = json.loads(await asyncio.wait_for(ws.recv(), CALL_TIMEOUT))
            assert isinstance(replies, list) and len(replies) == 1000
            assert [r["id"] for r in replies] == list(range(1000))
            for reply in replies:
                if reply["id"] == 500:
                    assert reply["error"]["code"] == -32601
                else:
                    assert reply["result"] == node.facts["genesisHash"], reply
            await ws.send("[]")
            reply = json.loads(await asyncio.wait_for(ws.recv(), CALL_TIMEOUT))
            assert reply["error"]["code"] == -32600, reply
            await still_answers(rpc, node)

    run(check())


def test_flood_of_invalid_extrinsics_is_refused_and_the_node_stays_consistent(
        node: DevNode) -> None:
    genesis_hash = bytes.fromhex(node.facts["genesisHash"][2:])
    alice_key = "0x" + account_key(ALICE.account_id).hex()
    bob_key = "0x" + account_key(BOB.account_id).hex()
    rng = random.Random(6)

    async def check() -> None:
        async with websockets.connect(node.ws_url, max_size=None) as ws:
            rpc = RpcClient(ws)
            # Land one transfer first, so that nonce 0 is stale for the flood.
            nonce = await rpc.call("account_nextIndex", [ALICE.ss58_address])
            start = await rpc.call("chain_getHeader")
            await rpc.call("author_submitExtrinsic",
                           [hex0x(transfer(genesis_hash, nonce, 10**9))])
            await sealed_after(rpc, start)
            nonce = await rpc.call("account_nextIndex", [ALICE.ss58_address])
            assert nonce >= 1
            best = await rpc.call("chain_getHeader")
            alice_before = await rpc.call("state_getStorage", [alice_key])

            flood: list[tuple[str, str, int, str]] = []
            for i in range(FLOOD_EACH):
                junk = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))
                flood.append(("random", hex0x(junk), 1001, "Extrinsic has invalid format"))
                bad = corrupt_signature(transfer(genesis_hash, nonce, 10**6 + i))
                flood.append(("bad signature", hex0x(bad), 1010,
                              "Transaction has a bad signature"))
                stale = transfer(genesis_hash, 0, 2 * 10**6 + i)
                flood.append(("stale", hex0x(stale), 1010, "Transaction is outdated"))
            assert len(flood) == 300

            for kind, extrinsic, code, text in flood:
                reply = await rpc.request("author_submitExtrinsic", [extrinsic])
                assert "error" in reply, (kind, extrinsic, reply)
                error = reply["error"]
                if kind == "random":  # the seeded junk never frames as an extrinsic
                    assert error["code"] == code, (kind, extrinsic, error)
                    assert error["message"].startswith(text + ": "), error
                else:
                    assert error == {"code": code, "message": "Invalid Transaction",
                                     "data": text}, (kind, error)

            assert await rpc.call("chain_getHeader") == best
            assert await rpc.call("author_pendingExtrinsics") == []
            assert await rpc.call("state_getStorage", [alice_key]) == alice_before
            assert await rpc.call("account_nextIndex", [ALICE.ss58_address]) == nonce

            bob_before = await rpc.call("state_getStorage", [bob_key])
            await rpc.call("author_submitExtrinsic",
                           [hex0x(transfer(genesis_hash, nonce, 10**9))])
            header = await sealed_after(rpc, best)
            assert int(header["number"], 16) == int(best["number"], 16) + 1
            assert await rpc.call("account_nextIndex", [ALICE.ss58_address]) == nonce + 1
            assert await rpc.call("state_getStorage", [bob_key]) != bob_before
            assert await rpc.call("author_pendingExtrinsics") == []

    run(check())
