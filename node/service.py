"""The node service: the one place where database, runtime, importer, author, pool, sealing and
RPC are wired together (ARCHITECTURE.md: node is the only composition root).

Start-up (:meth:`NodeService.start`):

1. :func:`build_runtime` — the assembled runtime (fast-blocks timings on dev chains);
2. the chain database: in memory (archive, so snapshots can be reverted) or LevelDB under
   ``--base-path``; the dev genesis (:func:`chainspec.dev.dev_raw_spec`) is committed when the
   database is empty;
3. one :class:`~node.importer.BlockImporter` (Aura seal check against ``Aura.Authorities`` at
   the parent); each authored block gets its own :class:`~node.author.BlockAuthor` whose
   executive, a :class:`node.dev.DevExecutive`, carries that block's ``dev_setStorage`` changes,
   so own blocks take the importer's fast path (no second execution);
4. the transaction pool (its validator wrapped in :func:`node.events.validate_at_known_block`:
   rewinds delete blocks it may still ask about), fed by :class:`~node.events.PoolNotifier`; the
   RPC reader, fed by :class:`~node.events.RpcNotifier`; metrics and the block log listen too;
5. the RPC server with the Substrate method set (``state_call`` replaced by
   :class:`node.adapters.OffloadedStateCall`) and the ``dev_*`` methods; the sealing driver.

**Threads.** Block building, import, finality and rewinds run in the importer's single worker
thread; ``state_call`` runtime APIs run in their own read-only worker threads; everything else
(RPC, the pool and its validation, listeners) runs on the event loop's thread. :meth:`stop` ends
the driver (after the block in progress), closes every RPC connection, stops the workers and
closes the database.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import structlog

from chainspec.dev import dev_raw_spec
from chainspec.genesis import commit_genesis
from chainspec.raw import RawChainSpec
from consensus.aura import slot_digest
from consensus.sealing import SealingDriver, SealOrder, dev_block_slot, system_clock_ms
from consensus.verify import HeaderVerifier
from node.adapters import (
    DevNodeInfo,
    DevTransactionPool,
    OffloadedStateCall,
    PoolSubmitter,
    RuntimeAdapter,
    pool_validator,
)
from node.author import BlockAuthor, aura_sealer
from node.block_log import BlockLog
from node.chain import Chain
from node.config import NodeConfig
from node.dev import DevController, DevExecutive
from node.events import PoolNotifier, RpcNotifier, validate_at_known_block
from node.importer import AuraSealCheck, BlockImporter
from node.metrics import NodeMetrics
from rpc.backend import ChainDBReader, RpcBackend
from rpc.dev import register_dev
from rpc.methods import register_all
from rpc.registry import MethodHandler, RpcRegistry
from rpc.server import RpcServer
from runtime.extrinsic.format import UncheckedExtrinsic
from runtime.frame import system
from runtime.genesis import dev_balances
from runtime.node_runtime import NodeRuntime, node_runtime
from runtime.pallets.aura import pallet as aura
from runtime.pallets.timestamp import pallet as timestamp
from runtime.primitives.keys import DEV_ACCOUNT_NAMES, DEV_ACCOUNTS
from storage.chain_db import ChainDB
from storage.chain_meta import Pruning

log = structlog.get_logger("node.service")


def build_runtime(fast_blocks: bool | None = True) -> NodeRuntime:
    """The assembled runtime; ``fast_blocks`` selects subtensor's fast-runtime timings (250 ms
    slots) or the production ones, before the runtime (and its metadata) is built; ``None``
    keeps the process's current setting (tests running a service in process)."""
    if fast_blocks is not None:
        timestamp.set_fast_blocks(fast_blocks)
    return node_runtime()


def open_chain_db(config: NodeConfig) -> ChainDB:
    """The configured chain database (archive pruning: every dev state stays revertible)."""
    path = config.db_path
    if path is None:
        return ChainDB.open_memory(Pruning.archive_mode())
    path.mkdir(parents=True, exist_ok=True)
    return ChainDB.open_leveldb(path, Pruning.archive_mode())


class OverridingRegistry(RpcRegistry):
    """A registry in which the node's own handlers replace generic ones registered under the
    same names (with their aliases)."""

    def __init__(self, overrides: dict[str, MethodHandler]) -> None:
        self._overrides = overrides
        super().__init__()

    def register(self, name: str, handler: MethodHandler, *, unsafe: bool = False,
                 aliases: Iterable[str] = ()) -> None:
        """Register ``name``, with the node's handler when it has one."""
        super().register(name, self._overrides.get(name, handler), unsafe=unsafe,
                         aliases=aliases)


@dataclass(frozen=True, slots=True)
class DevAccountInfo:
    """A dev account as printed at start-up and written to ``--config-out``."""

    name: str
    uri: str
    ss58: str
    account_id: bytes
    free: int

    def to_json(self) -> dict[str, Any]:
        """The ``--config-out`` form."""
        return {"name": self.name, "uri": self.uri, "ss58": self.ss58,
                "accountId": "0x" + self.account_id.hex(), "free": self.free}


class NodeService:
    """A running dev node; see the module docstring."""

    def __init__(self, config: NodeConfig, spec: RawChainSpec | None = None) -> None:
        """``spec`` is the genesis committed into an empty database (the dev preset when
        None)."""
        self.config = config
        self.runtime = build_runtime(config.fast_blocks)
        self.state_version = self.runtime.version.state_version
        self.slot_duration_ms = aura.slot_duration()
        self.authority = DEV_ACCOUNTS["Alice"]
        self.db = open_chain_db(config)
        if self.db.genesis_hash is None:
            commit_genesis(self.db, spec or dev_raw_spec(), self.state_version)
        self.chain = Chain(self.db, self.state_version)
        self.importer = BlockImporter(self.chain, self.runtime.executive,
                                      seal_check=self._seal_check())
        self.pool = DevTransactionPool(validate_at_known_block(
            pool_validator(self.db, self.runtime), self.chain.contains,
            lambda: self.chain.best_hash))
        self.reader = ChainDBReader(self.db, self.state_version)
        self.metrics = NodeMetrics(lambda: self.pool.status().ready)
        self.metrics.set_heights(self.chain.best_number, self.chain.finalized_number)
        for listener in (PoolNotifier(self.pool, self.chain.header_and_body),
                         RpcNotifier(self.reader), self.metrics,
                         BlockLog(self.runtime, self._state_get)):
            self.chain.subscribe(listener)
        self.driver = SealingDriver(config.sealing, self.author_block,
                                    lambda: self.pool.status().ready, on_error=self._seal_failed)
        self.submitter = PoolSubmitter(self.pool, lambda: self.chain.best_hash,
                                       self.driver.notify_transaction)
        self.dev = DevController(self)
        self.time_offset_ms = 0
        self.state_call = OffloadedStateCall(self.reader, RuntimeAdapter(self.db, self.runtime))
        self.server = RpcServer(self._registry(), config.rpc, observer=self.metrics)
        self._driver_task: asyncio.Task[None] | None = None
        self._closed = False

    def _seal_check(self) -> AuraSealCheck:
        verifier = HeaderVerifier(self.chain, clock=system_clock_ms,
                                  slot_duration_ms=aura.slot_duration(), check_future_slots=False)
        return AuraSealCheck(verifier, self._authorities_at)

    def _authorities_at(self, parent_hash: bytes) -> list[bytes]:
        return aura.authorities(self.db.reader_at(parent_hash, self.state_version))

    def _state_get(self, block_hash: bytes, key: bytes) -> bytes | None:
        return self.db.reader_at(block_hash, self.state_version).get(key)

    def _registry(self) -> RpcRegistry:
        registry = OverridingRegistry({"state_call": self.state_call})
        node_info = DevNodeInfo(self.config.chain_name, self.authority.ed25519.public_key,
                                self.chain.best_number)
        register_all(registry, RpcBackend(self.reader, RuntimeAdapter(self.db, self.runtime),
                                          self.submitter, node_info))
        register_dev(registry, self.dev)
        return registry

    # -- lifecycle --------------------------------------------------------------------------------

    async def start(self) -> None:
        """Serve RPC, start the metrics exporter and the sealing driver."""
        await self.server.start()
        if self.config.prometheus_port is not None:
            host = "0.0.0.0" if self.config.rpc.host == "0.0.0.0" else "127.0.0.1"
            await self.metrics.serve(host, self.config.prometheus_port)
        self._driver_task = asyncio.create_task(self.driver.run(), name="sealing-driver")
        log.info("dev chain ready", addr=f"{self.server.address[0]}:"
                 f"{self.server.address[1]}", sealing=str(self.config.sealing),
                 best=self.chain.best_number, genesis="0x" + self.chain.genesis_hash.hex())

    async def stop(self) -> None:
        """Stop block production, RPC and metrics; close the database. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self.driver.stop()
        if self._driver_task is not None:
            try:
                await asyncio.wait_for(self._driver_task, 30)
            except Exception:
                log.exception("sealing driver did not stop cleanly")
        await self.server.stop()
        await self.metrics.close()
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self.state_call.close)
        await loop.run_in_executor(None, self.importer.close)
        self.db.close()
        log.info("node stopped")

    # -- block production -------------------------------------------------------------------------

    def now_ms(self) -> int:
        """The dev chain's clock: wall time plus the ``dev_timeTravel`` offset."""
        return system_clock_ms() + self.time_offset_ms

    def parent_timestamp(self, parent_hash: bytes) -> int:
        """``Timestamp.Now`` in the state of ``parent_hash`` (0 at genesis)."""
        return int(timestamp.Now.get(self.db.reader_at(parent_hash, self.state_version)))

    def next_timestamp(self, parent_hash: bytes) -> tuple[int, int]:
        """``(timestamp_ms, slot)`` of the next block on ``parent_hash``."""
        return dev_block_slot(self.parent_timestamp(parent_hash), self.now_ms(),
                              self.slot_duration_ms)

    async def author_block(self, order: SealOrder) -> bytes:
        """Build, seal and import one block (the sealing driver's callback); its hash."""
        parent = order.parent_hash if order.parent_hash is not None else self.chain.best_hash
        moment, slot = self.next_timestamp(parent)
        inherent = UncheckedExtrinsic(timestamp.PALLET.calls[0].encode(now=moment)).encode()
        started = time.perf_counter()
        authored = await self.block_author(self.dev.take_pending_changes()).author_async(
            parent, inherents=[inherent], pool=self.pool,
            seal=aura_sealer(self.authority.sr25519),
            pre_digest=[slot_digest(slot)], finalize=order.finalize)
        self.metrics.block_import.observe(time.perf_counter() - started)
        return authored.block.hash()

    def block_author(self, pending: Sequence[tuple[bytes, bytes | None]] = ()) -> BlockAuthor:
        """An author for one block whose executive applies ``pending`` raw changes just before
        ``finalize_block``; the changes travel with the build into the worker thread, so a
        cancelled caller cannot take them from a build still running there."""
        executive = DevExecutive(self.runtime.executive, pending)
        return BlockAuthor(self.chain, executive, self.importer,  # type: ignore[arg-type]
                           trust_own_state=True)

    def _seal_failed(self, exc: BaseException) -> None:
        log.error("block production failed", error=repr(exc))

    # -- facts for the banner and --config-out ----------------------------------------------------

    def dev_accounts(self) -> list[DevAccountInfo]:
        """The dev accounts with their free balance at the best block."""
        view = self.db.reader_at(self.chain.best_hash, self.state_version)
        out = []
        endowed = {account for account, _ in dev_balances()}
        for name in DEV_ACCOUNT_NAMES:
            account = DEV_ACCOUNTS[name]
            if account.account_id not in endowed:
                continue
            free = int(system.account(view, account.account_id).data.free)
            out.append(DevAccountInfo(name, account.uri, account.ss58_address,
                                      account.account_id, free))
        return out
