"""``tensorchain dev`` end to end: the real node as a subprocess, driven over a real WebSocket.

One node (instant sealing) serves the whole module; the test walks what a client does on connect
(clients.md §1-2), then block production, a signed transfer submitted and watched to
finalization, the dev_* controls, and a clean stop on SIGTERM. The start-to-ready time is printed
(``pytest -s`` shows it); it is not asserted.
"""

from __future__ import annotations

import asyncio
import struct
from pathlib import Path
from typing import Any

import aiohttp
import websockets

from rpc.methods.system import account_key
from runtime.extrinsic.extensions import ImplicitContext, SignedExtra
from runtime.extrinsic.signing import build_signed_extrinsic
from runtime.node_runtime import node_runtime
from runtime.primitives.keys import DEV_ACCOUNTS
from runtime.primitives.scale import EnumValue
from tests.integration.dev_node import DevNode, RpcClient, running_dev_node
from tests.unit.metadata.decoder import decode_metadata

ALICE = DEV_ACCOUNTS["Alice"]
BOB = DEV_ACCOUNTS["Bob"]
DAVE = DEV_ACCOUNTS["Dave"]
TEST_TIMEOUT = 120.0


def free_balance(account_info_hex: str) -> int:
    """``AccountInfo.data.free``: after nonce, consumers, providers, sufficients (4 × u32)."""
    raw = bytes.fromhex(account_info_hex[2:])
    return int(struct.unpack_from("<Q", raw, 16)[0])


def transfer(genesis_hash: bytes, nonce: int, dest: bytes, value: int) -> str:
    """A signed ``Balances.transfer_keep_alive`` from Alice, as ``0x`` hex."""
    node = node_runtime()
    call = node.outer_enums.call_type.encode(EnumValue("Balances", EnumValue(
        "transfer_keep_alive", {"dest": EnumValue("Id", dest), "value": value})))
    context = ImplicitContext(node.version.spec_version, node.version.transaction_version,
                              genesis_hash)
    extrinsic = build_signed_extrinsic(ALICE.sr25519, call, SignedExtra(nonce=nonce), context)
    return "0x" + extrinsic.encode().hex()


async def connect_checks(rpc: RpcClient, node: DevNode) -> None:
    """What clients call on connect."""
    methods = (await rpc.call("rpc_methods"))["methods"]
    for name in ("account_nextIndex", "state_call", "chain_getHead", "dev_newBlock",
                 "author_submitAndWatchExtrinsic", "dev_setStorage"):
        assert name in methods
    assert await rpc.call("system_health") == {"peers": 0, "isSyncing": False,
                                               "shouldHavePeers": False}
    genesis = await rpc.call("chain_getBlockHash", [0])
    assert genesis == node.facts["genesisHash"]
    header = await rpc.call("chain_getHeader", [genesis])
    assert header["number"] == "0x0" and header["parentHash"] == "0x" + "00" * 32
    version = await rpc.call("state_getRuntimeVersion")
    assert (version["specName"], version["specVersion"], version["transactionVersion"]) == \
        ("node-subtensor", 425, 1)
    _, metadata = decode_metadata(bytes.fromhex((await rpc.call("state_getMetadata"))[2:]))
    pallets = {p["name"] for p in metadata.value[1]["V14"]["pallets"]}
    assert {"System", "Balances", "Timestamp", "Aura", "Sudo"} <= pallets
    alice = await rpc.call("state_getStorage", ["0x" + account_key(ALICE.account_id).hex()])
    assert free_balance(alice) == next(a["free"] for a in node.facts["accounts"]
                                       if a["name"] == "Alice") > 0


async def block_checks(rpc: RpcClient) -> None:
    """dev_newBlock builds a block and new-heads subscribers hear of it."""
    subscription = await rpc.call("chain_subscribeNewHeads")
    first = await rpc.call("dev_newBlock", [{"count": 1}])
    head = await rpc.next_notification(subscription)
    if head["number"] == "0x0":  # the head at subscription time comes first
        head = await rpc.next_notification(subscription)
    assert head["number"] == "0x1"
    assert await rpc.call("chain_getBlockHash", [1]) == first
    last = await rpc.call("dev_newBlock", [{"count": 2}])
    assert (await rpc.call("chain_getHeader", [last]))["number"] == "0x3"
    assert await rpc.call("chain_getFinalizedHead") == last


async def transfer_checks(rpc: RpcClient, genesis_hash: bytes) -> None:
    """A signed transfer lands in a block (instant sealing) and is finalized."""
    bob_key = "0x" + account_key(BOB.account_id).hex()
    before = free_balance(await rpc.call("state_getStorage", [bob_key]))
    nonce = await rpc.call("account_nextIndex", [ALICE.ss58_address])
    subscription = await rpc.call("author_submitAndWatchExtrinsic",
                                  [transfer(genesis_hash, nonce, BOB.account_id, 10**9)])
    statuses: list[Any] = []
    while not (statuses and isinstance(statuses[-1], dict) and "finalized" in statuses[-1]):
        statuses.append(await rpc.next_notification(subscription))
    assert any(isinstance(s, dict) and "inBlock" in s for s in statuses), statuses
    block = statuses[-1]["finalized"]
    assert free_balance(await rpc.call("state_getStorage", [bob_key, block])) == before + 10**9
    assert await rpc.call("account_nextIndex", [ALICE.ss58_address]) == nonce + 1


async def dev_checks(rpc: RpcClient) -> None:
    """dev_setBalance, dev_setStorage, dev_snapshot/dev_revert, dev_timeTravel."""
    dave_key = "0x" + account_key(DAVE.account_id).hex()
    snapshot = await rpc.call("dev_snapshot")
    await rpc.call("dev_setBalance", [DAVE.ss58_address, 5 * 10**12])
    assert free_balance(await rpc.call("state_getStorage", [dave_key])) == 5 * 10**12
    marker = "0x" + b":tensorchain:test".hex()
    block = await rpc.call("dev_setStorage", [[[marker, "0x2a"]]])
    assert await rpc.call("state_getStorage", [marker, block]) == "0x2a"
    assert await rpc.call("dev_revert", [snapshot]) is True
    assert await rpc.call("chain_getHead") == snapshot
    assert await rpc.call("state_getStorage", [marker]) is None
    best = await rpc.call("chain_getHeader")
    target = 4_102_444_800_000  # 2100-01-01
    assert await rpc.call("dev_timeTravel", [target]) == target
    await rpc.call("dev_newBlock")
    header = await rpc.call("chain_getHeader")
    assert int(header["number"], 16) == int(best["number"], 16) + 1
    created = await rpc.call("engine_createBlock", [True, True, None])
    assert created["aux"]["is_new_best"] and await rpc.call("chain_getHead") == created["hash"]


async def metrics_checks(node: DevNode) -> None:
    """The Prometheus exporter shows Substrate's metric names with the chain's heights."""
    async with aiohttp.ClientSession() as session, session.get(node.facts["prometheus"]) as reply:
        assert reply.status == 200
        text = await reply.text()
    heights = {line.split("{")[1].split("}")[0]: float(line.rsplit(" ", 1)[1])
               for line in text.splitlines() if line.startswith("substrate_block_height{")}
    assert heights['status="best"'] >= 3 and heights['status="finalized"'] >= 3
    assert "substrate_ready_transactions_number" in text
    assert 'substrate_rpc_calls_total{is_error="false",method="dev_newBlock",protocol="ws"}' \
        in text
    assert "substrate_process_start_time_seconds" in text


async def drive(node: DevNode) -> None:
    """Every check over one WebSocket connection."""
    async with websockets.connect(node.ws_url, max_size=None) as ws:
        rpc = RpcClient(ws)
        await connect_checks(rpc, node)
        await block_checks(rpc)
        await transfer_checks(rpc, bytes.fromhex(node.facts["genesisHash"][2:]))
        await dev_checks(rpc)
    await metrics_checks(node)


def test_dev_node_serves_clients_builds_blocks_and_stops_cleanly(tmp_path: Path) -> None:
    with running_dev_node(tmp_path, "--sealing", "instant", "--prometheus-port", "0") as node:
        print(f"\ntensorchain dev: process start to RPC ready in {node.ready_seconds:.2f} s "
              f"(node's own count: {node.facts['readySeconds']} s)")
        asyncio.run(asyncio.wait_for(drive(node), TEST_TIMEOUT))
        status = node.stop()
        output = node.output()
    assert status == 0, output
    assert "Imported #1" in output
    assert '"event": "extrinsic"' in output and "Balances.transfer_keep_alive" in output
    assert "node stopped" in output
