"""What the chain tells its listeners after a commit: a block was imported, blocks were finalized.

The importer commits first and notifies after (ARCHITECTURE.md, How a block flows, step 5), on
the thread that asked for the import — the event-loop thread for ``import_block_async``, so the
transaction pool and the RPC subscriptions (both thread-confined to the loop) can be listeners.

* :class:`BlockImported` — every imported block, best or not; a new best carries the
  :class:`~consensus.fork_choice.TreeRoute` from the previous best (``retracted`` newest first,
  ``enacted`` ascending; a plain extension has one enacted block and nothing retracted);
* :class:`BlocksFinalized` — the newly finalized blocks in ascending order, and the route of the
  best block if finality moved it off a dead fork;
* :class:`ChainRewound` — a dev chain went back to an ancestor of its best block (revert); the
  blocks above it are gone. Listeners without ``on_chain_rewound`` are skipped.

Two adapters wire the usual consumers without the importer knowing them:
:class:`PoolNotifier` (``TransactionPool.on_block_retracted`` / ``on_block_imported`` /
``on_block_finalized``) and :class:`RpcNotifier` (``rpc.backend.ChainDBReader``'s
``notify_imported`` / ``notify_finalized``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol

from consensus.fork_choice import TreeRoute
from runtime.primitives.block import Header

StorageChanges = Sequence[tuple[bytes, bytes | None]]
"""A block's sorted storage changes (``None`` = deleted)."""


class ImportOrigin(Enum):
    """Where a block came from (Substrate's ``BlockOrigin``); all take the same import path."""

    OWN = "own"
    NETWORK_BROADCAST = "network-broadcast"
    NETWORK_SYNC = "network-sync"
    FILE = "file"


@dataclass(frozen=True, slots=True)
class BlockImported:
    """A block committed to the chain database."""

    header: Header
    extrinsics: tuple[bytes, ...]
    origin: ImportOrigin
    is_new_best: bool
    route: TreeRoute | None = None
    changes: StorageChanges = field(default=(), repr=False)

    @property
    def block_hash(self) -> bytes:
        """The imported block's hash."""
        return self.header.hash()

    @property
    def number(self) -> int:
        """The imported block's number."""
        return self.header.number

    @property
    def parent_hash(self) -> bytes:
        """The imported block's parent."""
        return self.header.parent_hash


@dataclass(frozen=True, slots=True)
class BlocksFinalized:
    """Blocks that became final; ``finalized`` ascends and ends with ``block_hash``."""

    block_hash: bytes
    number: int
    finalized: tuple[bytes, ...]
    best_route: TreeRoute | None = None


@dataclass(frozen=True, slots=True)
class ChainRewound:
    """The best block went back to ``block_hash``; ``retracted`` (newest first) were deleted."""

    block_hash: bytes
    number: int
    retracted: tuple[bytes, ...]


class ChainListener(Protocol):
    """Receives the chain's notifications; called in order, on the importing thread."""

    def on_block_imported(self, event: BlockImported) -> None:
        """A block was committed."""
        ...

    def on_blocks_finalized(self, event: BlocksFinalized) -> None:
        """Blocks became final."""
        ...

    def on_chain_rewound(self, event: ChainRewound) -> None:
        """The chain went back to an ancestor (optional for listeners)."""
        ...


class PoolSink(Protocol):
    """The transaction-pool calls :class:`PoolNotifier` makes (``node.txpool``)."""

    def on_block_imported(self, block_hash: bytes, included_extrinsics: list[bytes],
                          revalidate: bool = True, *, parent_hash: bytes | None = None) -> None:
        """A new best block."""
        ...

    def on_block_retracted(self, block_hash: bytes, revalidate: bool = True) -> None:
        """A block left the best chain."""
        ...

    def on_block_finalized(self, block_hash: bytes) -> None:
        """A block is final."""
        ...


BlockLookup = Callable[[bytes], tuple[Header, tuple[bytes, ...]] | None]
"""``lookup(hash) -> (header, extrinsics)`` of a stored block, or None."""


class PoolNotifier:
    """Keeps a transaction pool in step with the best chain.

    For a new best block: the retracted blocks newest first, then every enacted block ascending
    with its extrinsics (blocks of the new branch imported earlier are read through ``lookup``).
    Blocks that do not become best are ignored, as Substrate's pool does. On finality: the
    finalized tip (the pool finishes its tracked ancestors itself).
    """

    def __init__(self, pool: PoolSink, lookup: BlockLookup) -> None:
        self.pool = pool
        self.lookup = lookup

    def on_block_imported(self, event: BlockImported) -> None:
        """Retract and enact along the event's route."""
        if not event.is_new_best or event.route is None:
            return
        own = {event.block_hash: (event.header, event.extrinsics)}
        self._follow(event.route, own)

    def on_blocks_finalized(self, event: BlocksFinalized) -> None:
        """Move the best chain if finality did, then report the finalized tip."""
        if event.best_route is not None:
            self._follow(event.best_route, {})
        self.pool.on_block_finalized(event.block_hash)

    def on_chain_rewound(self, event: ChainRewound) -> None:
        """The deleted blocks leave the best chain: their transactions come back. The pool
        re-validates them at their (deleted) parents: wrap its validator with
        :func:`validate_at_known_block`."""
        for block_hash in event.retracted:
            self.pool.on_block_retracted(block_hash)

    def _follow(self, route: TreeRoute, known: dict[bytes, tuple[Header, tuple[bytes, ...]]]
                ) -> None:
        for block_hash in route.retracted:
            self.pool.on_block_retracted(block_hash)
        for block_hash in route.enacted:
            found = known.get(block_hash) or self.lookup(block_hash)
            if found is None:
                raise LookupError(f"enacted block 0x{block_hash.hex()} is not stored")
            header, extrinsics = found
            self.pool.on_block_imported(block_hash, list(extrinsics),
                                        parent_hash=header.parent_hash)


Validator = Callable[[Any, bytes, bytes], Any]
"""The pool's ``validator(source, extrinsic, at_block_hash)``."""


def validate_at_known_block(validator: Validator, is_known: Callable[[bytes], bool],
                            best_hash: Callable[[], bytes]) -> Validator:
    """``validator`` that validates at the best block when ``at`` is no longer stored (blocks
    deleted by a rewind, or discarded by finality, which the pool may still ask about)."""

    def validate(source: Any, extrinsic: bytes, at: bytes) -> Any:
        return validator(source, extrinsic, at if is_known(at) else best_hash())

    return validate


class RpcSink(Protocol):
    """The notification side of ``rpc.backend.ChainDBReader``."""

    def notify_imported(self, block_hash: bytes, changes: StorageChanges, *,
                        best: bool) -> None:
        """A block was committed (``best``: it is now the head)."""
        ...

    def notify_finalized(self, block_hash: bytes) -> None:
        """A block was finalized."""
        ...


class RpcNotifier:
    """Feeds the RPC subscriptions: every import (``allHeads``), new heads with their storage
    changes, and each newly finalized block in ascending order."""

    def __init__(self, sink: RpcSink) -> None:
        self.sink = sink

    def on_block_imported(self, event: BlockImported) -> None:
        """Forward the import."""
        self.sink.notify_imported(event.block_hash, event.changes, best=event.is_new_best)

    def on_blocks_finalized(self, event: BlocksFinalized) -> None:
        """Forward every newly finalized block."""
        for block_hash in event.finalized:
            self.sink.notify_finalized(block_hash)

    def on_chain_rewound(self, event: ChainRewound) -> None:
        """The rewound-to block is the new head (no storage changes are reported)."""
        self.sink.notify_imported(event.block_hash, (), best=True)
