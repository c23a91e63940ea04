"""Dev-chain controls (:class:`rpc.dev.DevControl`): blocks on demand, raw storage and balances
written in a new block, time travel, snapshot/revert and set-head by block hash.

**Storage changes are part of a block.** ``dev_setStorage`` and ``dev_setBalance`` queue raw
changes; the next authored block applies them just before ``finalize_block`` (through
:class:`DevExecutive`, the author's executive), so its state root covers them and every reader
sees them at that block and after. Such a block cannot be re-executed from its body alone —
which is why a dev node imports its own blocks on the importer's fast path (chopsticks' dev
blocks behave the same way).

**Time travel** moves the dev clock: the next block's timestamp is the requested time (at least
the parent's timestamp plus one slot — the chain's clock never goes back), and the clock runs on
from there.

**Snapshots are block hashes.** ``dev_snapshot`` returns the best hash; ``dev_revert`` and
``dev_setHead`` rewind through :meth:`node.importer.BlockImporter.rewind_async` (its
descendants are deleted in one atomic batch, the fork choice is reloaded) and the rewind is
announced to every chain listener: RPC subscribers see the block as the new head, metrics see
the height drop, and the pool takes back the signed transactions of the discarded blocks (they
are pending again and land in the next block, unless they no longer validate). The pool forgets
finalized blocks (they cannot leave the chain on a real network), so the transactions of
discarded finalized blocks — every block, with instant finality — are read before the rewind
and given back here (:meth:`node.adapters.DevTransactionPool.take_back`), oldest first; those
the pool already took back are skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import structlog

from consensus.errors import EmptyBlockRefused, InvalidSealingPolicy
from consensus.sealing import SealingPolicy, SealRequest
from node.importer import BlockImportError, RewindRefused
from node.txpool import PoolError
from rpc.dev import DevControlError, StorageChanges
from runtime.executive import Executive
from runtime.frame import system
from runtime.pallets.balances.pallet import TotalIssuance
from runtime.primitives.block import Header
from runtime.primitives.externalities import Externalities

if TYPE_CHECKING:
    from node.service import NodeService

log = structlog.get_logger("node.dev")


class DevExecutive:
    """The runtime's executive, plus raw storage changes applied at the end of every block built
    with it. The node makes one per authored block, so the changes travel with the work item
    into the worker thread and nothing is shared with the next block."""

    def __init__(self, inner: Executive, pending: Sequence[tuple[bytes, bytes | None]] = ()
                 ) -> None:
        self.inner = inner
        self.pending: tuple[tuple[bytes, bytes | None], ...] = tuple(pending)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def finalize_block(self, ext: Externalities) -> Header:
        """Apply the pending changes, then end the block as the runtime does."""
        for key, value in self.pending:
            if value is None:
                ext.clear(key)
            else:
                ext.set(key, value)
        return self.inner.finalize_block(ext)


class DevController:
    """:class:`rpc.dev.DevControl` over a running :class:`node.service.NodeService`."""

    def __init__(self, service: NodeService) -> None:
        self.service = service
        self._pending: list[tuple[bytes, bytes | None]] = []

    def take_pending_changes(self) -> tuple[tuple[bytes, bytes | None], ...]:
        """The queued raw changes, for the block about to be built (the queue empties)."""
        taken, self._pending = tuple(self._pending), []
        return taken

    async def new_blocks(self, count: int, *, to: int | None = None,
                         transactions: Sequence[bytes] = ()) -> list[bytes]:
        """Submit ``transactions`` to the pool, then build ``count`` blocks now (or up to
        number ``to``), whatever the sealing mode; their hashes (at least one block)."""
        for extrinsic in transactions:
            try:
                self.service.submitter.submit(extrinsic)
            except PoolError as exc:
                raise DevControlError(f"transaction refused by the pool: {exc}") from None
        if to is not None:
            count = to - self.service.chain.best_number
            if count < 1:
                raise DevControlError(f"block #{to} is not above the best block "
                                      f"#{self.service.chain.best_number}")
        return [await self._seal() for _ in range(count)]

    async def _seal(self, request: SealRequest | None = None) -> bytes:
        try:
            return bytes(await self.service.driver.request_seal(request or SealRequest()))
        except EmptyBlockRefused as exc:
            raise DevControlError(str(exc)) from None
        except Exception as exc:
            raise DevControlError(f"block production failed: {exc}") from exc

    async def create_block(self, create_empty: bool, finalize: bool,
                           parent_hash: bytes | None) -> tuple[bytes, bool]:
        """``engine_createBlock``: one block now; ``(hash, is_new_best)``."""
        if parent_hash is not None and not self.service.chain.contains(parent_hash):
            raise DevControlError(f"unknown parent block 0x{parent_hash.hex()}")
        block_hash = await self._seal(SealRequest(create_empty, finalize, parent_hash))
        return block_hash, self.service.chain.best_hash == block_hash

    async def finalize_block(self, block_hash: bytes) -> None:
        """``engine_finalizeBlock``: finalize a stored descendant of the finalized block."""
        try:
            await self.service.importer.finalize_async(block_hash)
        except BlockImportError as exc:
            raise DevControlError(exc.reason) from None

    async def set_storage(self, changes: StorageChanges) -> bytes:
        """Apply raw changes in a new block; its hash."""
        self._pending.extend((bytes(key), None if value is None else bytes(value))
                             for key, value in changes)
        block_hash = await self._seal()
        log.info("dev storage set", keys=len(changes), block="0x" + block_hash.hex())
        return block_hash

    async def set_balance(self, account: bytes, free: int) -> bytes:
        """Set ``account``'s free balance (and ``TotalIssuance`` by the difference) in a new
        block; its hash."""
        if not 0 <= free < 2**64:
            raise DevControlError(f"free balance must fit in a u64, got {free}")
        service = self.service
        view = service.db.reader_at(service.chain.best_hash, service.state_version)
        info = system.account_dict(view, account)
        old = int(info["data"]["free"])
        info["data"]["free"] = free
        if free > 0:
            info["providers"] = max(int(info["providers"]), 1)
        issuance = int(TotalIssuance.get(view)) + free - old
        if not 0 <= issuance < 2**64:
            raise DevControlError("the new total issuance would not fit in a u64")
        return await self.set_storage([
            (system.Account.storage_key(account), system.Account.value_type.encode(info)),
            (TotalIssuance.storage_key(), TotalIssuance.value_type.encode(issuance)),
        ])

    async def time_travel(self, timestamp_ms: int) -> int:
        """Move the dev clock so the next block carries ``timestamp_ms``; the timestamp it will
        carry (never before its parent's plus one slot)."""
        service = self.service
        service.time_offset_ms = 0
        service.time_offset_ms = timestamp_ms - service.now_ms()
        moment, _ = service.next_timestamp(service.chain.best_hash)
        log.info("dev time travel", next_timestamp=moment)
        return moment

    async def snapshot(self) -> bytes:
        """The best block's hash (what :meth:`revert` takes)."""
        return self.service.chain.best_hash

    async def revert(self, snapshot: bytes) -> bytes:
        """Back to a snapshot's block."""
        return await self.set_head(snapshot)

    async def set_head(self, target: bytes | int) -> bytes:
        """Rewind to an ancestor of the best block (by hash or number); the new head."""
        service = self.service
        block_hash = target if isinstance(target, bytes) else service.chain.canonical_hash(target)
        if block_hash is None or not service.chain.contains(block_hash):
            raise DevControlError(f"unknown block {_describe(target)}")
        if block_hash == service.chain.best_hash:
            return block_hash

        discarded = self._discarded_by(block_hash)
        try:
            await service.importer.rewind_async(block_hash)
        except RewindRefused as exc:
            raise DevControlError(str(exc)) from None
        taken = service.pool.take_back(discarded, service.chain.best_hash)
        log.info("dev head set", number=service.chain.best_number, hash="0x" + block_hash.hex(),
                 taken_back=taken)
        return block_hash

    def _discarded_by(self, ancestor: bytes) -> list[bytes]:
        """The extrinsics of the best chain's blocks above ``ancestor``, oldest first."""
        chain = self.service.chain
        blocks: list[tuple[bytes, ...]] = []
        cursor = chain.best_hash
        while cursor != ancestor:
            found = chain.header_and_body(cursor)
            if found is None:
                break
            header, extrinsics = found
            blocks.append(extrinsics)
            cursor = header.parent_hash
        return [xt for extrinsics in reversed(blocks) for xt in extrinsics]

    async def set_block_build_mode(self, mode: str) -> str:
        """Switch the sealing driver to ``mode`` (``instant``, ``manual`` or milliseconds)."""
        try:
            policy = SealingPolicy.parse(mode, finalize=self.service.config.sealing.finalize)
        except InvalidSealingPolicy as exc:
            raise DevControlError(str(exc)) from None
        self.service.driver.set_policy(policy)
        log.info("dev sealing mode", sealing=str(policy))
        return str(policy)


def _describe(target: bytes | int) -> str:
    return f"#{target}" if isinstance(target, int) else "0x" + target.hex()
