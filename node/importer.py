"""The block importer: the one path by which any block — our own, replayed, from a peer — enters
the chain database (ARCHITECTURE.md, How a block flows; gossamer's shared ``handleBlock``).

For each block, in order:

1. **known?** a stored block returns :attr:`ImportStatus.ALREADY_KNOWN` and changes nothing;
2. **header checks without state**: the parent is stored, its number is one less, it is on the
   chain of the finalized block and its state is retained; then the consensus engine's check of
   digest and seal (:class:`AuraSealCheck`, when configured); the extrinsics root must be the
   ordered trie root of the body (cheap, so a tampered body is refused before execution);
3. **execute** on an overlay of the parent's state: ``Executive.execute_block`` re-runs the
   block and compares the state root (our own blocks may skip this, see below);
4. **fork choice** (:class:`consensus.fork_choice.ForkChoice`: longest chain containing the
   finalized block, first seen on ties) and **ONE** ``ChainDB.commit_block`` with header, body,
   trie nodes, flat-index changes, the best pointer and — with instant finality — finality;
5. **notify** the chain's listeners (:mod:`node.events`) on the calling thread.

A refusal raises a :class:`BlockImportError` subclass naming the block and the reason, and
leaves the database exactly as it was (nothing is written before step 4; the fork-choice state is
restored if the commit fails).

**Threads.** Steps 1-4 hold one lock (one writer). ``import_block_async`` runs them in a single
worker thread, so the event loop stays free while a block executes, and delivers the
notifications back on the loop thread; concurrent calls run one after another in call order. A
caller cancelled mid-import does not interrupt it, and the committed block is still announced. A
listener that raises is logged and counted by :class:`node.chain.Chain`; the import stands.

**Own blocks, fast path.** :class:`node.author.BlockAuthor` has already computed the block's
state on an overlay. Passed as ``built=`` (origin ``OWN`` only), it is committed without
re-execution after the same header checks and a state-root comparison. The trade-off: a
non-deterministic runtime bug would not be caught locally (peers re-executing the block would
refuse it). Re-execution costs about as much as building: half of an own block's cost
(50-61 % for 0-1,000 signed calls per block, ``benchmarks/bench_import.py``).

Also here: :meth:`BlockImporter.finalize` (GRANDPA or dev finality), :meth:`BlockImporter.rewind`
(dev revert through ``ChainDB.rewind``, announced as :class:`node.events.ChainRewound`) and
:func:`replay` (re-import a reference chain; on a state-root mismatch the differing keys, named
by pallet and item with :func:`node.chain.describe_key`).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

import structlog

from consensus.errors import InvalidHeader
from consensus.fork_choice import ForkChoice, TreeRoute, is_descendant_or_self, tree_route
from consensus.verify import HeaderVerifier, VerifiedHeader
from node.chain import Chain, StateDifference, encode_body
from node.events import BlockImported, BlocksFinalized, ChainRewound, ImportOrigin
from runtime.executive import Executive, InvalidBlock
from runtime.frame import system
from runtime.primitives.block import Block, Header
from storage.chain_db import ChainDB
from storage.errors import InvalidBlockCommitError
from storage.overlay import CommitSet, Overlay
from storage.trie.root import ordered_trie_root

log = structlog.get_logger("node.importer")
T = TypeVar("T")

# -- results and refusals ----------


class ImportStatus(Enum):
    """What became of a block handed to the importer."""

    IMPORTED = "imported"
    ALREADY_KNOWN = "already-known"


@dataclass(frozen=True, slots=True)
class ImportTimings:
    """Seconds spent per step: header checks, execution (or the fast path), commit."""

    verify: float = 0.0
    execute: float = 0.0
    commit: float = 0.0

    @property
    def total(self) -> float:
        """All three steps."""
        return self.verify + self.execute + self.commit


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The outcome of one import: status, fork choice, finality, size and timings."""

    block_hash: bytes
    number: int
    status: ImportStatus
    is_new_best: bool = False
    finalized: bool = False
    route: TreeRoute | None = None
    extrinsics: int = 0
    changed_keys: int = 0
    re_executed: bool = False
    timings: ImportTimings = ImportTimings()


class BlockImportError(Exception):
    """A refused block; ``block_hash``, ``number`` and ``reason`` say which and why."""

    def __init__(self, block_hash: bytes, number: int, reason: str) -> None:
        self.block_hash = block_hash
        self.number = number
        self.reason = reason
        super().__init__(f"block #{number} 0x{block_hash.hex()} refused: {reason}")


class UnknownParentError(BlockImportError):
    """The parent is not stored (the block may be retried once it is)."""


class ParentStateUnavailable(BlockImportError):
    """The parent is stored but its state was pruned."""


class NotOnFinalizedChain(BlockImportError):
    """The block would fork off below the finalized block."""


class BadHeaderError(BlockImportError):
    """The header fails a check without state: number, digest, slot or seal."""


class ExtrinsicsRootMismatch(BlockImportError):
    """The body does not match the header's extrinsics root."""


class ExecutionFailed(BlockImportError):
    """Executing the block failed: an extrinsic is invalid (or the runtime refused the block)."""


class RewindRefused(Exception):
    """A rewind target that is not a retained ancestor of the best block."""


class StateRootMismatch(ExecutionFailed):
    """Execution computed another state root than the header's; ``changes`` is the computed
    change set (compare it with a reference database: ``Chain.compare_changes``)."""

    def __init__(self, block_hash: bytes, number: int, computed: bytes, expected: bytes,
                 changed_keys: int, changes: Sequence[tuple[bytes, bytes | None]] = ()) -> None:
        self.computed_root = computed
        self.header_root = expected
        self.changed_keys = changed_keys
        self.changes = list(changes)
        super().__init__(block_hash, number,
                         f"state root mismatch: computed 0x{computed.hex()} over {changed_keys} "
                         f"changed key(s), header says 0x{expected.hex()}")


# -- seal checks ----------

SealCheck = Callable[[Header], object]
"""Checks a header's digest and seal; raises :class:`consensus.errors.InvalidHeader`."""


class AuraSealCheck:
    """The consensus verifier as the importer's seal check: Aura authorities at the parent
    (``authorities(parent_hash)``, e.g. ``AuraApi_authorities``; a fixed list on dev chains)."""

    def __init__(self, verifier: HeaderVerifier,
                 authorities: Callable[[bytes], Sequence[bytes]]) -> None:
        self.verifier = verifier
        self.authorities = authorities

    def __call__(self, header: Header) -> VerifiedHeader:
        """Verify ``header`` (parent, number, slot, author, signature)."""
        return self.verifier.verify(header, self.authorities(header.parent_hash))


@dataclass(frozen=True, slots=True)
class BuiltState:
    """The state an author computed for its block: parent and change set (the fast path)."""

    parent_hash: bytes
    commit: CommitSet


@dataclass(frozen=True, slots=True)
class PendingImport:
    """A committed import whose notifications have not been delivered yet."""

    result: ImportResult
    notices: tuple[BlockImported | BlocksFinalized, ...] = field(default=(), repr=False)


def load_fork_choice(db: ChainDB) -> ForkChoice:
    """Fork-choice state from the database: the finalized block and every stored descendant."""
    final = db.record(_present(db.finalized_hash))
    tree = {final.hash: (final.parent_hash, final.number)}
    pending = [final.hash]
    while pending:
        for child in db.children(pending.pop()):
            record = db.record(child)
            tree[child] = (record.parent_hash, record.number)
            pending.append(child)
    return ForkChoice(final.hash, tree, best=_present(db.best_hash), finalized=final.hash)


def _present(block_hash: bytes | None) -> bytes:
    if block_hash is None:
        raise LookupError("the chain database holds no genesis block")
    return block_hash


# -- the importer ----------


class BlockImporter:
    """Verifies, executes, commits and announces blocks; the node's only chain writer."""

    def __init__(self, chain: Chain, executive: Executive, *, seal_check: SealCheck | None = None,
                 instant_finality: bool = False) -> None:
        self.chain = chain
        self.executive = executive
        self.seal_check = seal_check
        self.instant_finality = instant_finality
        self.state_version = executive.version.state_version
        self.fork_choice = load_fork_choice(chain.db)
        self._lock = threading.RLock()
        self._executor: ThreadPoolExecutor | None = None
        self._async_lock: tuple[asyncio.AbstractEventLoop, asyncio.Lock] | None = None

    # -- public entry points ----------------------------------------------------------------------

    def import_block(self, block: Block, origin: ImportOrigin = ImportOrigin.NETWORK_BROADCAST,
                     *, finalize: bool | None = None, justifications: bytes | None = None,
                     built: BuiltState | None = None) -> ImportResult:
        """Import ``block`` and notify listeners on this thread.

        ``finalize``: None follows ``instant_finality`` (finalize a new best block), True
        finalizes the block in any case, False never. ``built`` is the author's fast path.
        Raises a :class:`BlockImportError` subclass for a refused block.
        """
        pending = self.import_block_deferred(block, origin, finalize=finalize,
                                             justifications=justifications, built=built)
        self.deliver(pending)
        return pending.result

    async def import_block_async(self, block: Block,
                                 origin: ImportOrigin = ImportOrigin.NETWORK_BROADCAST, *,
                                 finalize: bool | None = None,
                                 justifications: bytes | None = None) -> ImportResult:
        """:meth:`import_block` in the worker thread; notifications on the calling loop (also
        when the caller is cancelled meanwhile: a committed block is always announced)."""
        pending = await self.run_committed(
            lambda: self.import_block_deferred(block, origin, finalize=finalize,
                                               justifications=justifications), self.deliver)
        return pending.result

    def finalize(self, block_hash: bytes, justification: bytes | None = None
                 ) -> BlocksFinalized | None:
        """Finalize a stored block descending from the finalized one (and its ancestors);
        None if it already is the finalized block. Notifies listeners on this thread."""
        event = self.finalize_deferred(block_hash, justification)
        if event is not None:
            self.chain.notify_finalized(event)
        return event

    async def finalize_async(self, block_hash: bytes, justification: bytes | None = None
                             ) -> BlocksFinalized | None:
        """:meth:`finalize` in the worker thread; notifications on the calling loop."""

        def announce(event: BlocksFinalized | None) -> None:
            if event is not None:
                self.chain.notify_finalized(event)

        return await self.run_committed(
            lambda: self.finalize_deferred(block_hash, justification), announce)

    async def run_exclusive(self, work: Callable[[], T]) -> T:
        """Run ``work`` in the single worker thread, after every earlier call has finished."""
        loop = asyncio.get_running_loop()
        if self._async_lock is None or self._async_lock[0] is not loop:
            self._async_lock = (loop, asyncio.Lock())
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="block-import")
        async with self._async_lock[1]:
            return await loop.run_in_executor(self._executor, work)

    async def run_committed(self, work: Callable[[], T], finish: Callable[[T], None]) -> T:
        """Run ``work`` like :meth:`run_exclusive`, then ``finish(result)`` on the loop before
        the caller resumes — even if the caller was cancelled while ``work`` ran (the work is
        not interrupted: a commit in progress completes and is announced)."""
        task = asyncio.ensure_future(self.run_exclusive(work))

        def on_done(done: asyncio.Future[T]) -> None:
            if not done.cancelled() and done.exception() is None:
                finish(done.result())

        task.add_done_callback(on_done)
        return await asyncio.shield(task)

    def close(self) -> None:
        """Stop the worker thread (after the block in progress)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

    def deliver(self, pending: PendingImport) -> None:
        """Send a committed import's notifications to the chain's listeners."""
        for notice in pending.notices:
            if isinstance(notice, BlockImported):
                self.chain.notify_imported(notice)
            else:
                self.chain.notify_finalized(notice)

    # -- the import path --------------------------------------------------------------------------

    def import_block_deferred(self, block: Block,
                              origin: ImportOrigin = ImportOrigin.NETWORK_BROADCAST, *,
                              finalize: bool | None = None, justifications: bytes | None = None,
                              built: BuiltState | None = None) -> PendingImport:
        """Steps 1-4 under the writer lock; the caller delivers the notifications."""
        if built is not None and origin is not ImportOrigin.OWN:
            raise ValueError("only our own blocks (origin OWN) may skip re-execution")
        with self._lock:
            header = block.header
            block_hash = header.hash()
            if self.chain.db.find_record(block_hash) is not None:
                return PendingImport(ImportResult(block_hash, header.number,
                                                  ImportStatus.ALREADY_KNOWN))
            try:
                return self._import_new(block, block_hash, origin, finalize, justifications,
                                        built)
            except BlockImportError as refusal:
                log.warning("block refused", number=header.number, hash="0x" + block_hash.hex(),
                            origin=origin.value, reason=refusal.reason)
                raise

    def _import_new(self, block: Block, block_hash: bytes, origin: ImportOrigin,
                    finalize: bool | None, justifications: bytes | None,
                    built: BuiltState | None) -> PendingImport:
        start = time.perf_counter()
        self._check_header(block, block_hash)
        verified = time.perf_counter()
        if built is None:
            commit = self._execute(block, block_hash)
        else:
            commit = self._check_built(block, block_hash, built)
        executed = time.perf_counter()
        pending = self._commit(block, block_hash, origin, commit, finalize, justifications)
        done = time.perf_counter()
        timings = ImportTimings(verified - start, executed - verified, done - executed)
        result = ImportResult(block_hash, block.header.number, ImportStatus.IMPORTED,
                              pending.result.is_new_best, pending.result.finalized,
                              pending.result.route, len(block.extrinsics), len(commit.changes),
                              built is None, timings)
        log.debug("block imported", number=result.number, hash="0x" + block_hash.hex(),
                  origin=origin.value, extrinsics=result.extrinsics, best=result.is_new_best,
                  finalized=result.finalized, ms=round(timings.total * 1000, 2))
        return PendingImport(result, pending.notices)

    def _check_header(self, block: Block, block_hash: bytes) -> None:
        header = block.header
        number = header.number
        parent = self.chain.db.find_record(header.parent_hash)
        if parent is None:
            raise UnknownParentError(block_hash, number,
                                     f"parent 0x{header.parent_hash.hex()} is unknown")
        if number != parent.number + 1:
            raise BadHeaderError(block_hash, number,
                                 f"number {number} does not follow parent #{parent.number}")
        if parent.hash not in self.fork_choice.tree:
            raise NotOnFinalizedChain(
                block_hash, number, f"parent #{parent.number} is not on the chain of the "
                f"finalized block #{self.chain.finalized_number}")
        if not self.chain.db.has_state(parent.hash):
            raise ParentStateUnavailable(block_hash, number,
                                         f"state of parent #{parent.number} was pruned")
        if self.seal_check is not None:
            try:
                self.seal_check(header)
            except InvalidHeader as exc:
                raise BadHeaderError(block_hash, number, exc.reason) from exc
        computed = ordered_trie_root(list(block.extrinsics), 0)
        if computed != header.extrinsics_root:
            raise ExtrinsicsRootMismatch(
                block_hash, number, f"extrinsics root mismatch: body of {len(block.extrinsics)} "
                f"extrinsic(s) has root 0x{computed.hex()}, header says "
                f"0x{header.extrinsics_root.hex()}")

    def _execute(self, block: Block, block_hash: bytes) -> CommitSet:
        overlay = self.chain.db.overlay_at(block.header.parent_hash, self.state_version)
        try:
            self.executive.execute_block(overlay, block)
        except InvalidBlock as exc:
            raise self._execution_error(block, block_hash, overlay, exc) from exc
        return overlay.commit_set(self.state_version)

    def _execution_error(self, block: Block, block_hash: bytes, overlay: Overlay,
                         exc: InvalidBlock) -> BlockImportError:
        header = block.header
        finished = (overlay.transaction_depth == 0
                    and overlay.get(system.ExecutionPhase.storage_key()) is None)
        if finished:
            computed = overlay.storage_root(self.state_version)
            if computed != header.state_root:
                return StateRootMismatch(block_hash, header.number, computed, header.state_root,
                                         len(overlay), overlay.changes())
        return ExecutionFailed(block_hash, header.number, str(exc))

    def _check_built(self, block: Block, block_hash: bytes, built: BuiltState) -> CommitSet:
        header = block.header
        if built.parent_hash != header.parent_hash:
            raise ExecutionFailed(block_hash, header.number,
                                  f"state was built on 0x{built.parent_hash.hex()}, not on the "
                                  f"header's parent 0x{header.parent_hash.hex()}")
        if built.commit.state_version != self.state_version:
            raise ExecutionFailed(block_hash, header.number,
                                  f"state was built with state version "
                                  f"{built.commit.state_version}, not {self.state_version}")
        if built.commit.state_root != header.state_root:
            raise StateRootMismatch(block_hash, header.number, built.commit.state_root,
                                    header.state_root, len(built.commit.changes))
        return built.commit

    def _commit(self, block: Block, block_hash: bytes, origin: ImportOrigin, commit: CommitSet,
                finalize: bool | None, justifications: bytes | None) -> PendingImport:
        header = block.header
        choice = self.fork_choice
        previous_best = choice.best
        outcome = choice.import_block(block_hash, header.parent_hash, header.number)
        do_finalize = finalize if finalize is not None else (
            self.instant_finality and outcome.is_new_best)
        try:
            self.chain.db.commit_block(
                header=header.encode(), block_hash=block_hash, number=header.number,
                parent_hash=header.parent_hash, body=encode_body(block.extrinsics),
                update=commit.update, changes=commit.changes, justifications=justifications,
                set_best=outcome.is_new_best, finalize=do_finalize)
        except BaseException:
            choice.best = previous_best
            choice.forget({block_hash})
            raise
        notices: list[BlockImported | BlocksFinalized] = [
            BlockImported(header, block.extrinsics, origin, outcome.is_new_best, outcome.route,
                          commit.changes)]
        if do_finalize:
            notices.append(self._finalize_choice(block_hash))
        result = ImportResult(block_hash, header.number, ImportStatus.IMPORTED,
                              outcome.is_new_best, do_finalize, outcome.route)
        return PendingImport(result, tuple(notices))

    # -- finality ---------------------------------------------------------------------------------

    def finalize_deferred(self, block_hash: bytes, justification: bytes | None = None
                          ) -> BlocksFinalized | None:
        """Finalize under the writer lock; the caller delivers the notification."""
        with self._lock:
            choice = self.fork_choice
            if block_hash == choice.finalized:
                if justification is not None:
                    self.chain.db.finalize(block_hash, justification)
                return None
            if block_hash not in choice.tree or not is_descendant_or_self(
                    choice.tree, block_hash, choice.finalized):
                number = self.chain.number(block_hash)
                raise BlockImportError(block_hash, -1 if number is None else number,
                                       "cannot finalize: not a stored descendant of the "
                                       "finalized block")
            self.chain.db.finalize(block_hash, justification)
            event = self._finalize_choice(block_hash)
            if self.chain.db.best_hash != choice.best:
                self.chain.db.set_best(choice.best)
            return event

    def _finalize_choice(self, block_hash: bytes) -> BlocksFinalized:
        """Move the fork choice's finalized pointer and drop the blocks it rules out."""
        choice = self.fork_choice
        newly = tree_route(choice.tree, choice.finalized, block_hash).enacted
        best_route = choice.finalize(block_hash)
        dead = {h for h in choice.tree if not choice.descends_from_finalized(h)}
        choice.forget(dead)
        return BlocksFinalized(block_hash, choice.number_of(block_hash), newly, best_route)

    # -- dev rewind -------------------------------------------------------------------------------

    def rewind(self, block_hash: bytes) -> ChainRewound:
        """Go back to an ancestor of the best block (dev revert), deleting every block above it;
        it becomes best (and finalized if finality was above it). Notifies on this thread."""
        event = self.rewind_deferred(block_hash)
        self.chain.notify_rewound(event)
        return event

    async def rewind_async(self, block_hash: bytes) -> ChainRewound:
        """:meth:`rewind` in the worker thread; notifications on the calling loop."""
        return await self.run_committed(lambda: self.rewind_deferred(block_hash),
                                        self.chain.notify_rewound)

    def rewind_deferred(self, block_hash: bytes) -> ChainRewound:
        """Rewind under the writer lock (``ChainDB.rewind``, one batch) and reload the fork
        choice; the caller delivers the notification."""
        with self._lock:
            db = self.chain.db
            target = db.find_record(block_hash)
            if target is None:
                raise RewindRefused(f"cannot rewind to unknown block 0x{block_hash.hex()}")
            retracted = []
            record = db.record(self.chain.best_hash)
            while record.number > target.number:
                retracted.append(record.hash)
                record = db.record(record.parent_hash)
            try:
                db.rewind(block_hash)
            except InvalidBlockCommitError as exc:
                raise RewindRefused(str(exc)) from exc
            self.fork_choice = load_fork_choice(db)
            return ChainRewound(block_hash, target.number, tuple(retracted))


# -- replay ----------


@dataclass(frozen=True, slots=True)
class ReplayReport:
    """A replay's outcome: blocks and extrinsics re-imported, seconds, and the first refusal
    with, for a state-root mismatch, the keys that differ from the reference."""

    blocks: int
    extrinsics: int
    seconds: float
    error: BlockImportError | None = None
    differences: tuple[StateDifference, ...] = ()


def replay(reference: Chain, importer: BlockImporter, *, start: int = 1, end: int | None = None,
           max_differences: int = 20) -> ReplayReport:
    """Re-import the reference chain's canonical blocks ``start..end`` (default: to its best)
    through ``importer`` (origin FILE), re-checking every state root; stops at the first
    refusal. The importer's database must hold the reference's block ``start - 1``."""
    last = reference.best_number if end is None else end
    started = time.perf_counter()
    blocks = extrinsics = 0
    for number in range(start, last + 1):
        block_hash = reference.canonical_hash(number)
        block = None if block_hash is None else reference.block(block_hash)
        if block is None:
            raise LookupError(f"the reference has no canonical block #{number}")
        try:
            importer.import_block(block, ImportOrigin.FILE)
        except StateRootMismatch as exc:
            found = reference.compare_changes(block.hash(), exc.changes)[:max_differences]
            return ReplayReport(blocks, extrinsics, time.perf_counter() - started, exc,
                                tuple(found))
        except BlockImportError as exc:
            return ReplayReport(blocks, extrinsics, time.perf_counter() - started, exc)
        blocks += 1
        extrinsics += len(block.extrinsics)
    return ReplayReport(blocks, extrinsics, time.perf_counter() - started)
