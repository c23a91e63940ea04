"""The node service: the one place where database, runtime, importer, author, pool, sealing and
RPC are wired together (ARCHITECTURE.md: node is the only composition root).

Start-up (:meth:`NodeService.start`):

1. :func:`build_runtime` — the assembled runtime (fast-blocks timings on dev chains);
2. the chain database: in memory (archive, so snapshots can be reverted) or LevelDB under
   ``--base-path``; the dev genesis is committed when the database is empty;
3. one :class:`~node.importer.BlockImporter` (Aura seal check against ``Aura.Authorities`` at
   the parent) and a :class:`~node.author.BlockAuthor` over it; the author's executive is
   :class:`node.dev.DevExecutive`, which can apply ``dev_setStorage`` changes to a block being
   built, so own blocks take the importer's fast path (no second execution);
4. the transaction pool, fed by :class:`~node.events.PoolNotifier`; the RPC reader, fed by
   :class:`~node.events.RpcNotifier`; metrics and the block log listen too;
5. the RPC server with the Substrate method set and the ``dev_*`` methods; the sealing driver.

**Threads.** Everything runs on the event loop's thread except block building and import, which
run in the importer's single worker thread (``author_async``); listeners are called back on the
loop. :meth:`stop` ends the driver (after the block in progress), closes every RPC connection,
stops the worker and closes the database.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

import structlog

from chainspec.genesis import commit_genesis
from chainspec.raw import RawChainSpec
from consensus.aura import slot_digest
from consensus.sealing import SealingDriver, SealOrder, dev_block_slot, system_clock_ms
from consensus.verify import HeaderVerifier
from node.adapters import DevNodeInfo, PoolSubmitter, RuntimeAdapter, pool_validator
from node.author import BlockAuthor, aura_sealer
from node.block_log import BlockLog
from node.chain import Chain
from node.config import NodeConfig
from node.dev import DevController, DevExecutive
from node.events import PoolNotifier, RpcNotifier
from node.importer import AuraSealCheck, BlockImporter
from node.metrics import NodeMetrics
from node.txpool import TransactionPool
from rpc.backend import ChainDBReader, RpcBackend
from rpc.dev import register_dev
from rpc.methods import register_all
from rpc.registry import RpcRegistry
from rpc.server import RpcServer
from runtime.extrinsic.format import UncheckedExtrinsic
from runtime.frame import system
from runtime.genesis import build_dev_genesis, dev_balances
from runtime.node_runtime import NodeRuntime, node_runtime
from runtime.pallets.aura import pallet as aura
from runtime.pallets.timestamp import pallet as timestamp
from runtime.primitives.keys import DEV_ACCOUNT_NAMES, DEV_ACCOUNTS
from storage.chain_db import ChainDB
from storage.chain_meta import Pruning
from storage.overlay import Overlay
from storage.trie import EMPTY_TRIE_ROOT, MemoryNodeStore, Trie

log = structlog.get_logger("node.service")


def build_runtime(fast_blocks: bool | None = True) -> NodeRuntime:
    """The assembled runtime; ``fast_blocks`` selects subtensor's fast-runtime timings (250 ms
    slots) or the production ones, before the runtime (and its metadata) is built; ``None``
    keeps the process's current setting (tests running a service in process)."""
    if fast_blocks is not None:
        timestamp.set_fast_blocks(fast_blocks)
    return node_runtime()


def dev_chain_spec(node: NodeRuntime) -> RawChainSpec:
    """The dev genesis (:func:`runtime.genesis.build_dev_genesis`) as a raw chain spec."""
    overlay = Overlay(Trie(MemoryNodeStore(), EMPTY_TRIE_ROOT, node.version.state_version))
    build_dev_genesis(overlay, node)
    return RawChainSpec({key: value for key, value in overlay.changes() if value is not None})


def open_chain_db(config: NodeConfig) -> ChainDB:
    """The configured chain database (archive pruning: every dev state stays revertible)."""
    path = config.db_path
    if path is None:
        return ChainDB.open_memory(Pruning.archive_mode())
    path.mkdir(parents=True, exist_ok=True)
    return ChainDB.open_leveldb(path, Pruning.archive_mode())


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

    def __init__(self, config: NodeConfig) -> None:
        self.config = config
        self.runtime = build_runtime(config.fast_blocks)
        self.state_version = self.runtime.version.state_version
        self.slot_duration_ms = aura.slot_duration()
        self.authority = DEV_ACCOUNTS["Alice"]
        self.db = open_chain_db(config)
        if self.db.genesis_hash is None:
            commit_genesis(self.db, dev_chain_spec(self.runtime), self.state_version)
        self.chain = Chain(self.db, self.state_version)
        self.importer = BlockImporter(self.chain, self.runtime.executive,
                                      seal_check=self._seal_check())
        self.executive = DevExecutive(self.runtime.executive)
        self.author = BlockAuthor(self.chain, self.executive, self.importer,  # type: ignore[arg-type]
                                  trust_own_state=True)
        self.pool = TransactionPool(pool_validator(self.db, self.runtime))
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
        registry = RpcRegistry()
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
        await asyncio.get_running_loop().run_in_executor(None, self.importer.close)
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
        self.executive.pending = self.dev.take_pending_changes()
        try:
            authored = await self.author.author_async(
                parent, inherents=[inherent], pool=self.pool,
                seal=aura_sealer(self.authority.sr25519),
                pre_digest=[slot_digest(slot)], finalize=order.finalize)
        finally:
            self.executive.pending = ()
        self.metrics.block_import.observe(time.perf_counter() - started)
        return authored.block.hash()

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
