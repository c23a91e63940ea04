"""The exceptions of the consensus layer: refused headers, refused justifications, sealing errors.

Every refusal is a specific subclass that names the block (hash and number) and says why, so the
importer can log it, penalise the peer that sent it, or (for :class:`FutureSlot`) retry later.
Validation never uses ``assert``.
"""

from __future__ import annotations


class ConsensusError(Exception):
    """Base class of every error raised by :mod:`consensus`."""


def _short(block_hash: bytes | None) -> str:
    return "0x" + block_hash.hex() if block_hash is not None else "<unknown hash>"


# ---- headers -------------------------------------------------------------------------------------

class InvalidHeader(ConsensusError):
    """A header that fails a consensus check; ``block_hash``, ``number`` and ``reason`` say which
    and why."""

    def __init__(self, block_hash: bytes | None, number: int | None, reason: str) -> None:
        self.block_hash = block_hash
        self.number = number
        self.reason = reason
        where = f"#{number}" if number is not None else "#?"
        super().__init__(f"block {where} ({_short(block_hash)}): {reason}")


class UnknownParent(InvalidHeader):
    """The parent hash names no block we know (the block may be re-requested once it is)."""


class BadNumber(InvalidHeader):
    """The number is not the parent's number plus one."""


class MissingSlot(InvalidHeader):
    """No Aura ``PreRuntime`` digest (the slot) in a non-genesis header."""


class DuplicateSlot(InvalidHeader):
    """More than one Aura ``PreRuntime`` digest."""


class MalformedSlot(InvalidHeader):
    """The Aura ``PreRuntime`` payload is not a SCALE u64 (exactly 8 bytes)."""


class SlotNotIncreasing(InvalidHeader):
    """The slot is not strictly greater than the parent's slot."""


class FutureSlot(InvalidHeader):
    """The slot lies beyond the local clock's slot plus the drift allowance.

    Not a proof of misbehaviour: Substrate drops such a block and accepts it when it is
    announced again later, so the importer may hold it until ``slot_now >= slot - drift``.
    """

    def __init__(self, block_hash: bytes | None, number: int | None, slot: int,
                 slot_now: int, max_slot: int) -> None:
        self.slot = slot
        self.slot_now = slot_now
        self.max_slot = max_slot
        super().__init__(block_hash, number, f"slot {slot} is too far in the future (local slot "
                                             f"{slot_now}, at most {max_slot} accepted)")


class NoAuthorities(InvalidHeader):
    """The authority set at the parent is empty: no author can be expected."""


class WrongAuthor(InvalidHeader):
    """The seal is a valid signature, but by an authority other than the slot's author."""


class MissingSeal(InvalidHeader):
    """The digest does not end with a ``Seal`` item."""


class BadSeal(InvalidHeader):
    """The trailing seal is not an Aura seal of 64 bytes, or its signature does not verify."""


class DuplicateSeal(InvalidHeader):
    """A ``Seal`` item appears before the last digest item (only one, last, is allowed)."""


# ---- GRANDPA -------------------------------------------------------------------------------------

class InvalidJustification(ConsensusError):
    """A GRANDPA justification that does not prove finality of its block."""

    def __init__(self, target_hash: bytes | None, target_number: int | None, reason: str) -> None:
        self.target_hash = target_hash
        self.target_number = target_number
        self.reason = reason
        where = f"#{target_number}" if target_number is not None else "#?"
        super().__init__(f"justification for block {where} ({_short(target_hash)}): {reason}")


class MalformedJustification(InvalidJustification):
    """The bytes do not decode as a ``GrandpaJustification`` (or have trailing bytes)."""


class JustificationTargetMismatch(InvalidJustification):
    """The commit finalises a different block than the one the justification came with."""


class PrecommitNotDescendant(InvalidJustification):
    """A precommit targets a block that is not the commit target or its proven descendant."""


class InsufficientWeight(InvalidJustification):
    """The precommits of known voters weigh less than the supermajority threshold."""


class TargetNotGhost(InvalidJustification):
    """A descendant of the commit target already has supermajority: the commit understates it."""


class BadPrecommitSignature(InvalidJustification):
    """A precommit signature does not verify for (round, set_id)."""


class InvalidAncestry(InvalidJustification):
    """A precommit target cannot be routed to the base through ``votes_ancestries``."""


class UnusedAncestry(InvalidJustification):
    """``votes_ancestries`` holds headers that no precommit route needs."""


class InvalidAuthoritySet(ConsensusError):
    """An authority set that is empty (after dropping zero weights) or has malformed keys."""


# ---- sealing -------------------------------------------------------------------------------------

class SealingError(ConsensusError):
    """A sealing request or policy that cannot be honoured."""


class InvalidSealingPolicy(SealingError, ValueError):
    """A sealing mode string or interval that makes no sense (e.g. ``--sealing 0``)."""


class EmptyBlockRefused(SealingError):
    """A seal request with ``create_empty=False`` while the pool has no ready transaction
    (Substrate's manual seal answers the same way: "empty transaction pool")."""


class SealingStopped(SealingError):
    """The sealing driver stopped before it could serve the request."""
