"""Header checks without state: what the importer runs before executing a block.

One path for every block (from a peer, from disk, from our own author or the dev sealer):

1. the parent is known (through :class:`HeaderSource`, which the node's chain database implements);
2. ``number == parent.number + 1``;
3. the engine's checks (:func:`consensus.aura.check_aura_header`): seal, slot, author, signature.

Dev chains use the same Aura rules: their blocks carry a slot pre-digest and are sealed by the
dev authority (//Alice), so the only difference is :attr:`HeaderVerifier.check_future_slots`,
off on dev chains, whose instant and manual sealing move the chain's clock ahead of the wall clock
(see :mod:`consensus.sealing`). The result, :class:`VerifiedHeader`, is what the importer keeps:
the slot and author index (for the runtime's ``Aura.CurrentSlot`` and for logs), and the pre-seal
header that ``execute_block`` runs (Substrate strips the seal before the runtime sees the header).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from consensus.aura import SLOT_DURATION_MS, check_aura_header, find_slot, slot_at
from consensus.errors import BadNumber, UnknownParent
from runtime.primitives.block import Header

#: A clock: Unix time in milliseconds.
Clock = Callable[[], int]


class HeaderSource(Protocol):
    """Read access to stored headers (implemented by the node's chain database)."""

    def header_by_hash(self, block_hash: bytes) -> Header | None:
        """The stored header with this hash, or ``None``."""
        ...


@dataclass(frozen=True, slots=True)
class VerifiedHeader:
    """A header that passed every stateless check.

    ``header`` is the sealed header (its hash is the block hash); ``pre_header`` is the header
    without the seal, which is what the runtime executes; ``author`` is the author's public key.
    """

    header: Header
    pre_header: Header
    block_hash: bytes
    parent_hash: bytes
    number: int
    slot: int
    author_index: int
    author: bytes


def check_parent(header: Header, source: HeaderSource) -> Header:
    """The parent of ``header`` after checking it is known and ``number == parent + 1``."""
    parent = source.header_by_hash(header.parent_hash)
    if parent is None:
        raise UnknownParent(header.hash(), header.number,
                            f"parent 0x{header.parent_hash.hex()} is not known")
    if header.number != parent.number + 1:
        raise BadNumber(header.hash(), header.number,
                        f"number {header.number} does not follow the parent's {parent.number}")
    return parent


@dataclass(frozen=True)
class HeaderVerifier:
    """Stateless header verification for the importer.

    ``source`` gives parents; ``clock`` the local time (ms) for the future-slot rule;
    ``slot_duration_ms`` comes from the chain spec (``AuraApi_slot_duration``);
    ``check_future_slots`` is ``False`` on dev chains and when replaying stored blocks.
    """

    source: HeaderSource
    clock: Clock
    slot_duration_ms: int = SLOT_DURATION_MS
    check_future_slots: bool = True

    def slot_now(self) -> int:
        """The local clock's slot."""
        return slot_at(self.clock(), self.slot_duration_ms)

    def verify(self, header: Header, authorities: Sequence[bytes]) -> VerifiedHeader:
        """Check ``header`` against its parent and the Aura ``authorities`` at the parent.

        Raises an :class:`consensus.errors.InvalidHeader` subclass naming the block and reason.
        """
        parent = check_parent(header, self.source)
        parent_slot = find_slot(parent)
        slot_now = self.slot_now() if self.check_future_slots else None
        checked = check_aura_header(header, authorities, parent_slot, slot_now)
        return VerifiedHeader(header, checked.pre_header, header.hash(), header.parent_hash,
                              header.number, checked.slot, checked.author_index, checked.author)


def verify_header(header: Header, source: HeaderSource, authorities: Sequence[bytes],
                  slot_now: int | None) -> VerifiedHeader:
    """One-shot form of :meth:`HeaderVerifier.verify` with the local slot given directly
    (``None`` skips the future-slot rule)."""
    parent = check_parent(header, source)
    checked = check_aura_header(header, authorities, find_slot(parent), slot_now)
    return VerifiedHeader(header, checked.pre_header, header.hash(), header.parent_hash,
                          header.number, checked.slot, checked.author_index, checked.author)
