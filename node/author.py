"""The block author: build a block on a parent from inherents and ready transactions, seal it, and
hand it to the one importer (ARCHITECTURE.md, How a block flows: Authoring).

Building (Substrate's ``basic-authorship`` proposer, reduced):

1. open an overlay on the parent's state; ``initialize_block`` with a header whose digest holds
   the sealing engine's pre-runtime items (the Aura slot);
2. apply the inherents (the timestamp first); each must succeed, else :class:`AuthorError`;
3. apply ready pool transactions in the pool's order until a limit (count, bytes, time) is hit: a
   transaction refused as invalid is left out and reported to the ready iterator (its dependants
   are skipped) and later removed from the pool; one that would exhaust the block's resources
   (``ExhaustsResources``, or too many bytes) is skipped and stays in the pool; a transaction
   whose call fails is included (it pays its fee);
4. ``finalize_block`` gives the header with both roots; ``seal`` signs it;
5. import through :class:`node.importer.BlockImporter` — re-executed like any other block, or,
   with ``trust_own_state=True``, committed from the overlay already computed (the importer's
   fast path: same header checks, no second execution; see the trade-off there).

The pool is thread-confined to the event loop: ``author_async`` takes the ready snapshot on the
loop, builds and imports in the importer's worker thread, then removes the invalid transactions
and delivers the notifications back on the loop.

:class:`SlotInputs` and :func:`sealing_handler` connect the author to the dev sealing driver
(:class:`consensus.sealing.SealingDriver`): each order becomes a block on its parent with the
timestamp inherent and Aura slot of :func:`consensus.sealing.dev_block_slot`, sealed by the dev
authority, finalized when the order says so.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from consensus.aura import seal_header, slot_digest
from consensus.sealing import SealOrder, dev_block_slot, system_clock_ms
from node.chain import Chain
from node.events import ImportOrigin
from node.importer import BlockImporter, BuiltState, ImportResult, PendingImport
from runtime.executive import Executive
from runtime.extrinsic.validity import InvalidKind, InvalidTransaction, UnknownTransaction
from runtime.primitives.block import Block, Digest, DigestItem, Header
from runtime.primitives.keys import Keypair
from storage.errors import StatePrunedError
from storage.overlay import Overlay

Sealer = Callable[[Header], Header]
_ZERO = bytes(32)
MAX_SKIPPED = 8
"""Consecutive transactions skipped for size or resources before the author stops looking
(Substrate's proposer uses the same bound)."""


class AuthorError(Exception):
    """A block could not be built (unknown parent, failing inherent)."""


class ReadyTransaction(Protocol):
    """A pooled transaction as the ready iterator yields it."""

    @property
    def hash(self) -> bytes:
        """The transaction hash."""
        ...

    @property
    def data(self) -> bytes:
        """The encoded extrinsic (with its length prefix)."""
        ...


class ReadyTransactions(Protocol):
    """The pool's ready iterator (``node.txpool.ReadyIterator``)."""

    def __iter__(self) -> Iterator[ReadyTransaction]:
        """Itself."""
        ...

    def __next__(self) -> ReadyTransaction:
        """The next includable transaction."""
        ...

    def report_invalid(self, tx_hash: bytes) -> None:
        """Skip the dependants of an invalid transaction."""
        ...


class TransactionSource(Protocol):
    """The pool calls the author makes (``node.txpool.TransactionPool``)."""

    def ready(self) -> ReadyTransactions:
        """A snapshot iterator of ready transactions in inclusion order."""
        ...

    def remove(self, hashes: Sequence[bytes]) -> list[bytes]:
        """Remove and ban invalid transactions."""
        ...


@dataclass(frozen=True, slots=True)
class BlockLimits:
    """How much a block may hold from the pool: transactions, body bytes, build time."""

    max_extrinsics: int = 10_000
    max_bytes: int = 5 * 1024 * 1024
    time_budget_s: float | None = None


@dataclass(frozen=True, slots=True)
class BuiltBlock:
    """A sealed block, the state it produces, and what happened to the pool's transactions."""

    block: Block
    state: BuiltState
    included: tuple[bytes, ...]
    invalid: tuple[bytes, ...]
    skipped: int
    build_seconds: float


@dataclass(frozen=True, slots=True)
class AuthoredBlock:
    """A built and imported block."""

    built: BuiltBlock
    result: ImportResult

    @property
    def block(self) -> Block:
        """The block."""
        return self.built.block


@dataclass
class _Selection:
    extrinsics: list[bytes]
    used_bytes: int
    included: list[bytes] = field(default_factory=list)
    invalid: list[bytes] = field(default_factory=list)
    skipped: int = 0


def aura_sealer(author: Keypair) -> Sealer:
    """A sealer appending ``Seal(aura, sr25519 signature)`` by ``author``."""
    return lambda header: seal_header(header, author)


class BlockAuthor:
    """Builds blocks with the executive and imports them through the importer."""

    def __init__(self, chain: Chain, executive: Executive, importer: BlockImporter, *,
                 trust_own_state: bool = False) -> None:
        self.chain = chain
        self.executive = executive
        self.importer = importer
        self.trust_own_state = trust_own_state
        self.state_version = executive.version.state_version

    def author_block(self, parent_hash: bytes | None = None, *, inherents: Sequence[bytes] = (),
                     pool: TransactionSource | None = None, max_extrinsics: int = 10_000,
                     max_bytes: int = 5 * 1024 * 1024, seal: Sealer | None = None,
                     pre_digest: Sequence[DigestItem] = (), finalize: bool | None = None
                     ) -> Block:
        """Build on ``parent_hash`` (None: the best block), seal, import; the block."""
        return self.author(parent_hash, inherents=inherents, pool=pool,
                           limits=BlockLimits(max_extrinsics, max_bytes), seal=seal,
                           pre_digest=pre_digest, finalize=finalize).block

    def author(self, parent_hash: bytes | None = None, *, inherents: Sequence[bytes] = (),
               pool: TransactionSource | None = None, limits: BlockLimits = BlockLimits(),
               seal: Sealer | None = None, pre_digest: Sequence[DigestItem] = (),
               finalize: bool | None = None) -> AuthoredBlock:
        """:meth:`author_block` with the full report (included, invalid, timings, import)."""
        ready = pool.ready() if pool is not None else None
        built, pending = self._build_and_import(parent_hash, inherents, ready, limits, seal,
                                                pre_digest, finalize)
        return self._finish(built, pending, pool)

    async def author_async(self, parent_hash: bytes | None = None, *,
                           inherents: Sequence[bytes] = (),
                           pool: TransactionSource | None = None,
                           limits: BlockLimits = BlockLimits(), seal: Sealer | None = None,
                           pre_digest: Sequence[DigestItem] = (),
                           finalize: bool | None = None) -> AuthoredBlock:
        """:meth:`author` with building and import in the importer's worker thread."""
        ready = pool.ready() if pool is not None else None
        finished: list[AuthoredBlock] = []

        def finish(outcome: tuple[BuiltBlock, PendingImport]) -> None:
            finished.append(self._finish(*outcome, pool))

        await self.importer.run_committed(
            lambda: self._build_and_import(parent_hash, inherents, ready, limits, seal,
                                           pre_digest, finalize), finish)
        return finished[0]

    def _build_and_import(self, parent_hash: bytes | None, inherents: Sequence[bytes],
                          ready: ReadyTransactions | None, limits: BlockLimits,
                          seal: Sealer | None, pre_digest: Sequence[DigestItem],
                          finalize: bool | None) -> tuple[BuiltBlock, PendingImport]:
        built = self.build(parent_hash, inherents=inherents, ready=ready, limits=limits,
                           seal=seal, pre_digest=pre_digest)
        pending = self.importer.import_block_deferred(
            built.block, ImportOrigin.OWN, finalize=finalize,
            built=built.state if self.trust_own_state else None)
        return built, pending

    def _finish(self, built: BuiltBlock, pending: PendingImport,
                pool: TransactionSource | None) -> AuthoredBlock:
        if pool is not None and built.invalid:
            pool.remove(list(built.invalid))
        self.importer.deliver(pending)
        return AuthoredBlock(built, pending.result)

    # -- building ---------------------------------------------------------------------------------

    def build(self, parent_hash: bytes | None = None, *, inherents: Sequence[bytes] = (),
              ready: ReadyTransactions | None = None, limits: BlockLimits = BlockLimits(),
              seal: Sealer | None = None, pre_digest: Sequence[DigestItem] = ()) -> BuiltBlock:
        """Build and seal a block without importing it (nothing is written)."""
        start = time.perf_counter()
        parent_hash = self.chain.best_hash if parent_hash is None else parent_hash
        number = self.chain.number(parent_hash)
        if number is None:
            raise AuthorError(f"cannot build on unknown parent 0x{parent_hash.hex()}")
        try:
            overlay = self.chain.db.overlay_at(parent_hash, self.state_version)
        except StatePrunedError as exc:
            raise AuthorError(f"cannot build on #{number}: {exc}") from exc
        header = Header(parent_hash, number + 1, _ZERO, _ZERO, Digest(tuple(pre_digest)))
        self.executive.initialize_block(overlay, header)
        extrinsics = self._apply_inherents(overlay, inherents, number + 1)
        selection = _Selection(extrinsics, sum(len(xt) for xt in extrinsics))
        if ready is not None:
            self._apply_ready(overlay, ready, limits, selection, start)
        unsealed = self.executive.finalize_block(overlay)
        sealed = seal(unsealed) if seal is not None else unsealed
        commit = overlay.commit_set(self.state_version)
        return BuiltBlock(Block(sealed, tuple(selection.extrinsics)),
                          BuiltState(parent_hash, commit), tuple(selection.included),
                          tuple(selection.invalid), selection.skipped,
                          time.perf_counter() - start)

    def _apply_inherents(self, overlay: Overlay, inherents: Sequence[bytes],
                         number: int) -> list[bytes]:
        for position, inherent in enumerate(inherents):
            outcome = self.executive.apply_extrinsic(overlay, inherent)
            if outcome is not None:
                raise AuthorError(f"block #{number}: inherent {position} failed: {outcome}")
        return list(inherents)

    def _apply_ready(self, overlay: Overlay, ready: ReadyTransactions, limits: BlockLimits,
                     selection: _Selection, start: float) -> None:
        consecutive_skips = 0
        for tx in ready:
            if len(selection.included) >= limits.max_extrinsics:
                break
            if limits.time_budget_s is not None and \
                    time.perf_counter() - start >= limits.time_budget_s:
                break
            if selection.used_bytes + len(tx.data) > limits.max_bytes:
                selection.skipped += 1
                consecutive_skips += 1
                if consecutive_skips >= MAX_SKIPPED:
                    break
                continue
            outcome = self.executive.apply_extrinsic(overlay, tx.data)
            if isinstance(outcome, InvalidTransaction | UnknownTransaction):
                if isinstance(outcome, InvalidTransaction) and \
                        outcome.kind == InvalidKind.EXHAUSTS_RESOURCES:
                    selection.skipped += 1
                    consecutive_skips += 1
                    if consecutive_skips >= MAX_SKIPPED:
                        break
                    continue
                ready.report_invalid(tx.hash)
                selection.invalid.append(tx.hash)
                continue
            consecutive_skips = 0
            selection.extrinsics.append(tx.data)
            selection.used_bytes += len(tx.data)
            selection.included.append(tx.hash)


# -- dev sealing ----------


@dataclass(frozen=True, slots=True)
class BlockInputs:
    """What the sealing engine gives a new block: inherents, pre-runtime digest items, sealer."""

    inherents: tuple[bytes, ...]
    pre_digest: tuple[DigestItem, ...]
    seal: Sealer | None


@dataclass(frozen=True)
class SlotInputs:
    """Per-block inputs of a dev Aura chain: ``timestamp_inherent(now_ms)`` builds the bare
    timestamp extrinsic, ``parent_timestamp(hash)`` reads a block's stored moment (0 at genesis),
    ``sealer`` signs; the timestamp is ``max(now, parent + slot)`` so slots strictly increase."""

    slot_duration_ms: int
    timestamp_inherent: Callable[[int], bytes]
    parent_timestamp: Callable[[bytes], int]
    sealer: Sealer
    clock: Callable[[], int] = system_clock_ms

    def for_parent(self, parent_hash: bytes) -> BlockInputs:
        """The inputs of a child of ``parent_hash``."""
        timestamp, slot = dev_block_slot(self.parent_timestamp(parent_hash), self.clock(),
                                         self.slot_duration_ms)
        return BlockInputs((self.timestamp_inherent(timestamp),), (slot_digest(slot),),
                           self.sealer)


def sealing_handler(author: BlockAuthor, pool: TransactionSource | None, inputs: SlotInputs,
                    limits: BlockLimits = BlockLimits()
                    ) -> Callable[[SealOrder], Awaitable[bytes]]:
    """The ``author_block(order)`` coroutine :class:`consensus.sealing.SealingDriver` calls:
    author on the order's parent (default: best), import, finalize if asked; the block hash."""

    async def author_block(order: SealOrder) -> bytes:
        parent = order.parent_hash if order.parent_hash is not None else author.chain.best_hash
        parts = inputs.for_parent(parent)
        authored = await author.author_async(
            parent, inherents=parts.inherents, pool=pool, limits=limits, seal=parts.seal,
            pre_digest=parts.pre_digest, finalize=order.finalize)
        return authored.block.hash()

    return author_block
