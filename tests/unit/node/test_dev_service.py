"""The node service in process: manual sealing, dev controls, restart from a base path.

Each test starts a real :class:`node.service.NodeService` (RPC on a free port, in-memory or
LevelDB chain) and stops it. ``fast_blocks=None`` leaves the process-wide runtime timings as
they are (production values), which other tests in the same process rely on.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import structlog

from chainspec.dev import dev_raw_spec
from consensus.sealing import SealOrder, SealTrigger
from node.config import NodeConfig
from node.events import ChainRewound
from node.metrics import NodeMetrics
from node.service import NodeService
from node.txpool import TransactionSource
from rpc.dev import DevControlError
from runtime.extrinsic.extensions import ImplicitContext, SignedExtra
from runtime.extrinsic.signing import build_signed_extrinsic
from runtime.frame import system
from runtime.node_runtime import node_runtime
from runtime.pallets.balances.pallet import TotalIssuance
from runtime.pallets.timestamp import pallet as timestamp
from runtime.primitives.keys import DEV_ACCOUNTS
from runtime.primitives.scale import EnumValue

DAVE = DEV_ACCOUNTS["Dave"]


def config(base_path: Path | None = None) -> NodeConfig:
    """Manual sealing, a free port, the process's runtime timings."""
    base = NodeConfig.for_dev(rpc_port=0, sealing="manual",
                              base_path=None if base_path is None else str(base_path))
    return replace(base, fast_blocks=None)


def run_with_service(body: Callable[[NodeService], Awaitable[Any]],
                     base_path: Path | None = None) -> Any:
    """Start a service, run ``body`` on it, always stop it."""

    async def main() -> Any:
        service = NodeService(config(base_path))
        await service.start()
        try:
            return await body(service)
        finally:
            await service.stop()

    return asyncio.run(asyncio.wait_for(main(), 60))


def state(service: NodeService, at: bytes | None = None) -> Any:
    """A reader of the best (or given) block's state."""
    return service.db.reader_at(at or service.chain.best_hash)


def test_manual_sealing_builds_blocks_only_on_request() -> None:
    async def body(service: NodeService) -> None:
        assert service.chain.best_number == 0
        await asyncio.sleep(0.2)
        assert service.chain.best_number == 0
        hashes = await service.dev.new_blocks(3)
        assert service.chain.best_hash == hashes[-1]
        assert (service.chain.best_number, service.chain.finalized_number) == (3, 3)

    run_with_service(body)


def test_set_head_by_number_rewinds_and_new_blocks_build_on_it() -> None:
    async def body(service: NodeService) -> None:
        hashes = await service.dev.new_blocks(3)
        assert await service.dev.set_head(1) == hashes[0]
        assert (service.chain.best_number, service.chain.finalized_number) == (1, 1)
        assert not service.chain.contains(hashes[2])
        (fresh,) = await service.dev.new_blocks(1)
        header = service.chain.header(fresh)
        assert header is not None and header.parent_hash == hashes[0]

    run_with_service(body)


def test_set_head_to_an_unknown_block_is_refused() -> None:
    async def body(service: NodeService) -> None:
        with pytest.raises(DevControlError, match="unknown block"):
            await service.dev.set_head(bytes(32))
        with pytest.raises(DevControlError, match="unknown block #7"):
            await service.dev.set_head(7)

    run_with_service(body)


def test_set_balance_moves_total_issuance_by_the_difference() -> None:
    async def body(service: NodeService) -> None:
        before = state(service)
        old_free = int(system.account(before, DAVE.account_id).data.free)
        old_issuance = int(TotalIssuance.get(before))
        await service.dev.set_balance(DAVE.account_id, old_free + 123)
        after = state(service)
        assert int(system.account(after, DAVE.account_id).data.free) == old_free + 123
        assert int(TotalIssuance.get(after)) == old_issuance + 123

    run_with_service(body)


def test_set_storage_writes_and_removes_raw_keys_in_a_new_block() -> None:
    async def body(service: NodeService) -> None:
        first = await service.dev.set_storage([(b":test:a", b"\x01")])
        assert state(service, first).get(b":test:a") == b"\x01"
        second = await service.dev.set_storage([(b":test:a", None)])
        assert state(service, second).get(b":test:a") is None
        assert service.chain.best_number == 2

    run_with_service(body)


def test_time_travel_sets_the_next_block_timestamp() -> None:
    target = 4_102_444_800_000

    async def body(service: NodeService) -> None:
        assert await service.dev.time_travel(target) == target
        await service.dev.new_blocks(1)
        # the dev clock runs on from the requested time while the block is requested
        assert target <= int(timestamp.Now.get(state(service))) < target + 1_000

    run_with_service(body)


def test_revert_to_a_snapshot_restores_the_state() -> None:
    async def body(service: NodeService) -> None:
        snapshot = await service.dev.snapshot()
        await service.dev.set_storage([(b":test:b", b"\x02")])
        assert await service.dev.revert(snapshot) == snapshot
        assert service.chain.best_hash == snapshot
        assert state(service).get(b":test:b") is None

    run_with_service(body)


def test_a_chain_in_a_base_path_survives_a_restart(tmp_path: Path) -> None:
    async def build(service: NodeService) -> tuple[bytes, bytes]:
        await service.dev.new_blocks(2)
        return service.chain.genesis_hash, service.chain.best_hash

    async def reopen(service: NodeService) -> tuple[bytes, bytes]:
        return service.chain.genesis_hash, service.chain.best_hash

    first = run_with_service(build, tmp_path)
    assert run_with_service(reopen, tmp_path) == first


def test_block_build_mode_switches_from_manual_to_an_interval_and_back() -> None:
    async def body(service: NodeService) -> None:
        assert await service.dev.set_block_build_mode("100") == "100"
        for _ in range(100):
            if service.chain.best_number >= 2:
                break
            await asyncio.sleep(0.05)
        assert service.chain.best_number >= 2
        assert await service.dev.set_block_build_mode("Manual") == "manual"
        with pytest.raises(DevControlError, match="--sealing"):
            await service.dev.set_block_build_mode("Batch")

    run_with_service(body)


def test_manual_seal_creates_unfinalized_blocks_then_finalizes_them() -> None:
    async def body(service: NodeService) -> None:
        with pytest.raises(DevControlError, match="create_empty"):
            await service.dev.create_block(False, False, None)
        block_hash, is_new_best = await service.dev.create_block(True, False, None)
        assert is_new_best and service.chain.best_hash == block_hash
        assert service.chain.finalized_number == 0
        await service.dev.finalize_block(block_hash)
        assert service.chain.finalized_hash == block_hash
        with pytest.raises(DevControlError, match="cannot finalize"):
            await service.dev.finalize_block(bytes(32))

    run_with_service(body)


def test_revert_puts_included_transfers_back_in_the_pool_and_they_land_again() -> None:
    bob = DEV_ACCOUNTS["Bob"]

    async def body(service: NodeService) -> None:
        genesis = service.chain.genesis_hash
        snapshot = await service.dev.snapshot()
        first = signed_transfer(genesis, 0, bob.account_id, 10**9)
        second = signed_transfer(genesis, 1, bob.account_id, 2 * 10**9)
        service.submitter.submit(first)
        await service.dev.new_blocks(1)
        service.submitter.submit(second)
        await service.dev.new_blocks(1)
        assert service.submitter.pending() == []
        await service.dev.revert(snapshot)
        assert int(system.account(state(service), ALICE.account_id).nonce) == 0
        assert service.submitter.pending() == [first, second]
        (block_hash,) = await service.dev.new_blocks(1)
        body_ = service.chain.body(block_hash)
        assert body_ is not None and list(body_[1:]) == [first, second]
        assert int(system.account(state(service), ALICE.account_id).nonce) == 2
        assert service.submitter.pending() == []

    run_with_service(body)


def test_revert_of_unfinalized_blocks_gives_their_transfers_back_once() -> None:
    bob = DEV_ACCOUNTS["Bob"]

    async def body(service: NodeService) -> None:
        genesis = service.chain.genesis_hash
        first = signed_transfer(genesis, 0, bob.account_id, 10**9)
        second = signed_transfer(genesis, 1, bob.account_id, 2 * 10**9)
        for xt in (first, second):
            service.submitter.submit(xt)
            await service.dev.create_block(True, False, None)
        assert (service.chain.best_number, service.chain.finalized_number) == (2, 0)
        await service.dev.revert(genesis)
        assert service.submitter.pending() == [first, second]
        (block_hash,) = await service.dev.new_blocks(1)
        assert list((service.chain.body(block_hash) or ())[1:]) == [first, second]

    run_with_service(body)


def test_pool_validates_at_the_best_block_when_asked_about_a_deleted_one() -> None:
    bob = DEV_ACCOUNTS["Bob"]

    async def body(service: NodeService) -> None:
        (gone,) = await service.dev.new_blocks(1)
        await service.dev.set_head(0)
        xt = signed_transfer(service.chain.genesis_hash, 0, bob.account_id, 10**9)
        service.pool.submit(TransactionSource.EXTERNAL, xt, gone)
        assert service.submitter.pending() == [xt]

    run_with_service(body)


def test_set_head_moves_the_best_height_metric_back() -> None:
    async def body(service: NodeService) -> tuple[bytes, bytes]:
        await service.dev.new_blocks(3)
        before = service.metrics.render()
        await service.dev.set_head(1)
        return before, service.metrics.render()

    before, after = run_with_service(body)
    assert b'substrate_block_height{status="best"} 3.0' in before
    assert b'substrate_block_height{status="best"} 1.0' in after
    assert b'substrate_block_height{status="finalized"} 1.0' in after


def test_rewind_below_finality_lowers_finalized_height_only_then() -> None:
    metrics = NodeMetrics()
    metrics.set_heights(5, 2)
    metrics.on_chain_rewound(ChainRewound(bytes(32), 3, (bytes(32),)))
    text = metrics.render()
    assert b'substrate_block_height{status="best"} 3.0' in text
    assert b'substrate_block_height{status="finalized"} 2.0' in text
    metrics.on_chain_rewound(ChainRewound(bytes(32), 1, (bytes(32),)))
    assert b'substrate_block_height{status="finalized"} 1.0' in metrics.render()


def test_cancelled_author_block_keeps_its_storage_changes_apart_from_the_next() -> None:
    order = SealOrder(SealTrigger.REQUEST, create_empty=True, finalize=True)

    async def body(service: NodeService) -> None:
        service.dev._pending.append((b":test:first", b"\x01"))
        task = asyncio.ensure_future(service.author_block(order))
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        second = await service.dev.set_storage([(b":test:second", b"\x02")])
        first = service.chain.canonical_hash(1)
        assert first is not None and service.chain.best_number == 2
        assert state(service, first).get(b":test:first") == b"\x01"
        assert state(service, first).get(b":test:second") is None
        assert state(service, second).get(b":test:second") == b"\x02"

    run_with_service(body)


def test_each_block_is_logged_at_info_level_once() -> None:
    async def body(service: NodeService) -> list[dict[str, Any]]:
        with structlog.testing.capture_logs() as logs:
            await service.dev.new_blocks(1)
        return logs

    logs = run_with_service(body)
    info = [entry["event"] for entry in logs if entry["log_level"] == "info"]
    assert len([event for event in info if event.startswith("Imported #1 ")]) == 1
    assert "block imported" not in info
    assert any(entry["event"] == "block imported" and entry["log_level"] == "debug"
               for entry in logs)


def test_genesis_is_the_chainspec_dev_raw_spec() -> None:
    async def body(service: NodeService) -> None:
        genesis = state(service, service.chain.genesis_hash)
        top = dev_raw_spec().top
        assert top and all(genesis.get(key) == value for key, value in top.items())

    run_with_service(body)


def test_slow_state_call_runs_off_the_event_loop() -> None:
    loop_threads: list[int] = []
    call_threads: list[int] = []

    class SlowRuntime:
        def call(self, method: str, data: bytes, at: bytes) -> bytes:
            call_threads.append(threading.get_ident())
            time.sleep(0.5)
            return b"\x2a"

    async def body(service: NodeService) -> tuple[Any, float]:
        loop_threads.append(threading.get_ident())
        service.state_call.runtime = SlowRuntime()  # type: ignore[assignment]
        async with aiohttp.ClientSession() as session:
            slow = asyncio.ensure_future(rpc(session, service, "state_call", ["Core_version",
                                                                               "0x"]))
            await asyncio.sleep(0.05)
            started = time.perf_counter()
            await rpc(session, service, "chain_getHeader", [])
            header_seconds = time.perf_counter() - started
            return await slow, header_seconds

    reply, header_seconds = run_with_service(body)
    assert reply["result"] == "0x2a"
    assert header_seconds < 0.3
    assert call_threads and call_threads[0] != loop_threads[0]


async def rpc(session: aiohttp.ClientSession, service: NodeService, method: str,
              params: list[Any]) -> Any:
    """One JSON-RPC call over HTTP; the reply object."""
    host, port = service.server.address
    payload = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params}
    async with session.post(f"http://{host}:{port}", json=payload) as response:
        return await response.json()


ALICE = DEV_ACCOUNTS["Alice"]


def signed_transfer(genesis_hash: bytes, nonce: int, dest: bytes, value: int) -> bytes:
    """A signed ``Balances.transfer_keep_alive`` from Alice."""
    node = node_runtime()
    call = node.outer_enums.call_type.encode(EnumValue("Balances", EnumValue(
        "transfer_keep_alive", {"dest": EnumValue("Id", dest), "value": value})))
    context = ImplicitContext(node.version.spec_version, node.version.transaction_version,
                              genesis_hash)
    return build_signed_extrinsic(ALICE.sr25519, call, SignedExtra(nonce=nonce),
                                  context).encode()


def test_each_signed_extrinsic_is_logged_with_call_outcome_fee_and_events() -> None:
    bob = DEV_ACCOUNTS["Bob"]

    async def body(service: NodeService) -> list[dict[str, Any]]:
        genesis = service.chain.genesis_hash
        service.submitter.submit(signed_transfer(genesis, 0, bob.account_id, 10**9))
        service.submitter.submit(signed_transfer(genesis, 1, bob.account_id, 2**64 - 1))
        with structlog.testing.capture_logs() as logs:
            await service.dev.new_blocks(1)
        return logs

    logs = run_with_service(body)
    lines = [entry for entry in logs if entry["event"] == "extrinsic"]
    assert [entry["log_level"] for entry in lines] == ["debug", "info", "info"]
    assert lines[0]["call"] == "Timestamp.set" and lines[0]["signer"] is None
    ok, failed = lines[1], lines[2]
    assert (ok["call"], ok["outcome"], ok["signer"]) == (
        "Balances.transfer_keep_alive", "success", ALICE.ss58_address)
    assert ok["fee"] > 0 and "Balances.Transfer" in ok["events"]
    assert failed["outcome"] == "failed: Arithmetic.Underflow"
    assert failed["events"][-1] == "System.ExtrinsicFailed"
    assert any(entry["event"].startswith("Imported #1 ") for entry in logs)


def test_new_blocks_up_to_a_number_with_given_transactions() -> None:
    bob = DEV_ACCOUNTS["Bob"]

    async def body(service: NodeService) -> None:
        xt = signed_transfer(service.chain.genesis_hash, 0, bob.account_id, 10**9)
        hashes = await service.dev.new_blocks(1, to=3, transactions=[xt])
        assert len(hashes) == 3 and service.chain.best_number == 3
        first = service.chain.body(hashes[0])
        assert first is not None and xt in first
        with pytest.raises(DevControlError, match="not above"):
            await service.dev.new_blocks(1, to=2)
        with pytest.raises(DevControlError, match="refused by the pool"):
            await service.dev.new_blocks(1, transactions=[xt])

    run_with_service(body)
