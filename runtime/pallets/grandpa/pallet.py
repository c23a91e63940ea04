"""The Grandpa pallet (index 4): the GRANDPA authority set and its scheduled changes.

Mirrors ``substrate/frame/grandpa/src/lib.rs`` with subtensor's configuration
(``MaxAuthorities = 32``, ``MaxNominators = 20``, ``MaxSetIdSessionEntries = 0``,
``KeyOwnerProof = Void``, ``EquivocationReportSystem = ()``). Storage, events and errors are
declared as the reference declares them. Of the calls, ``note_stalled`` (2) is implemented;
``report_equivocation`` (0) and ``report_equivocation_unsigned`` (1) take a ``Void`` key-owner
proof on subtensor, so no such call can ever be built, and they are not declared here.

``on_finalize`` enacts pending authority-set changes and pause/resume; the consensus logs it
signals (``ConsensusLog`` under engine ``FRNK``) are returned for the executive to append to
the header digest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from runtime.frame.dispatch import Weight, ensure_root
from runtime.frame.errors import InvalidBlock
from runtime.frame.pallet import Pallet
from runtime.frame.storage import OPTION_QUERY, VALUE_QUERY, twox64_concat
from runtime.frame.system import deposit_event
from runtime.pallets.balances.types import bounded_vec
from runtime.primitives.block import GRANDPA_ENGINE_ID, Consensus
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import (
    U8,
    U32,
    U64,
    Array,
    Enum,
    EnumValue,
    Option,
    Struct,
    Tuple,
    Vec,
)

PALLET_INDEX = 4
MAX_AUTHORITIES = 32
NOTE_STALLED_WEIGHT = Weight(3_000_000 + 100_000_000, 0)
"""``WeightInfo for ()``: 3 µs plus one RocksDB write."""


class GrandpaError(InvalidBlock):
    """A GRANDPA genesis or enactment rule is broken (the reference panics)."""


PALLET = grandpa = Pallet("Grandpa", PALLET_INDEX, docs=(
    "The GRANDPA finality authority set and its scheduled changes.",))

Ed25519Public = Struct("Public", [(None, Array(U8, 32), "[u8; 32]")],
                       path=("sp_core", "ed25519", "Public"))
AuthorityId = Struct("Public", [(None, Ed25519Public, "ed25519::Public")],
                     path=("sp_consensus_grandpa", "app", "Public"))
AuthorityList = Vec(Tuple(AuthorityId, U64))
"""``Vec<(AuthorityId, AuthorityWeight)>``."""
BoundedAuthorityList = bounded_vec(Tuple(AuthorityId, U64), "(AuthorityId, AuthorityWeight)",
                                   weak=True)
"""``WeakBoundedVec<(AuthorityId, AuthorityWeight), MaxAuthorities>``."""

StoredState = Enum("StoredState", [
    "Live",
    ("PendingPause", [("scheduled_at", U32, "N"), ("delay", U32, "N")]),
    "Paused",
    ("PendingResume", [("scheduled_at", U32, "N"), ("delay", U32, "N")]),
], path=("pallet_grandpa", "StoredState"))
StoredPendingChange = Struct("StoredPendingChange", [
    ("scheduled_at", U32, "N"), ("delay", U32, "N"),
    ("next_authorities", BoundedAuthorityList, "BoundedAuthorityList<Limit>"),
    ("forced", Option(U32), "Option<N>"),
], path=("pallet_grandpa", "StoredPendingChange"))
ScheduledChange = Struct("ScheduledChange", [
    ("next_authorities", AuthorityList, "AuthorityList"), ("delay", U32, "N"),
], path=("sp_consensus_grandpa", "ScheduledChange"))
ConsensusLog = Enum("ConsensusLog", [
    ("ScheduledChange", ScheduledChange, 1),
    ("ForcedChange", [(None, U32, "N"), (None, ScheduledChange, "ScheduledChange<N>")], 2),
    ("OnDisabled", U64, 3),
    ("Pause", U32, 4),
    ("Resume", U32, 5),
], path=("sp_consensus_grandpa", "ConsensusLog"))

State = grandpa.value("State", StoredState, query=VALUE_QUERY, default=EnumValue("Live"),
                      docs=("State of the current authority set.",))
PendingChange = grandpa.value("PendingChange", StoredPendingChange, query=OPTION_QUERY,
                              docs=("Pending change: (signaled at, scheduled change).",))
NextForced = grandpa.value("NextForced", U32, query=OPTION_QUERY,
                           docs=("next block number where we can force a change.",))
Stalled = grandpa.value("Stalled", Tuple(U32, U32), query=OPTION_QUERY,
                        docs=("`true` if we are currently stalled.",))
CurrentSetId = grandpa.value("CurrentSetId", U64, query=VALUE_QUERY, default=0,
                             docs=("The number of changes (both in terms of keys and underlying "
                                   "economic responsibilities) in the \"set\" of Grandpa "
                                   "validators from genesis.",))
SetIdSession = grandpa.map("SetIdSession", twox64_concat(U64, "SetId"), U32, query=OPTION_QUERY,
                           docs=("A mapping from grandpa set ID to the index of the *most "
                                 "recent* session for which its members were responsible.",))
Authorities = grandpa.value("Authorities", BoundedAuthorityList, query=VALUE_QUERY, default=[],
                            docs=("The current list of authorities.",))

NewAuthorities = grandpa.event(0, "NewAuthorities", [
    ("authority_set", AuthorityList, "AuthorityList")], "New authority set has been applied.")
Paused = grandpa.event(1, "Paused", (), "Current authority set has been paused.")
Resumed = grandpa.event(2, "Resumed", (), "Current authority set has been resumed.")

PauseFailed = grandpa.error(0, "PauseFailed", "Attempt to signal GRANDPA pause when the "
                            "authority set isn't live (either paused or already pending pause).")
ResumeFailed = grandpa.error(1, "ResumeFailed", "Attempt to signal GRANDPA resume when the "
                             "authority set isn't paused (either live or already pending "
                             "resume).")
ChangePending = grandpa.error(2, "ChangePending", "Attempt to signal GRANDPA change with one "
                              "already pending.")
TooSoon = grandpa.error(3, "TooSoon", "Cannot signal forced change so soon after last.")
InvalidKeyOwnershipProof = grandpa.error(4, "InvalidKeyOwnershipProof",
                                         "A key ownership proof provided as part of an "
                                         "equivocation report is invalid.")
InvalidEquivocationProof = grandpa.error(5, "InvalidEquivocationProof",
                                         "An equivocation proof provided as part of an "
                                         "equivocation report is invalid.")
DuplicateOffenceReport = grandpa.error(6, "DuplicateOffenceReport",
                                       "A given equivocation report is valid but already "
                                       "previously reported.")

grandpa.constant("MaxAuthorities", U32, MAX_AUTHORITIES, "Max Authorities in use")
grandpa.constant("MaxNominators", U32, 20, "The maximum number of nominators for each validator.")
grandpa.constant("MaxSetIdSessionEntries", U64, 0,
                 "The maximum number of entries to keep in the set id to session index mapping.")


@grandpa.call(2, [("delay", U32, "BlockNumberFor<T>"),
                  ("best_finalized_block_number", U32, "BlockNumberFor<T>")],
              weight=NOTE_STALLED_WEIGHT)
def note_stalled(ext: Externalities, origin: Any, delay: int,
                 best_finalized_block_number: int) -> None:
    """Note that the current authority set has stalled.

    Origin: Root. Effects: ``Stalled = (delay, best_finalized_block_number)``. No events.
    Mirrors pallet_grandpa::note_stalled.
    """
    ensure_root(origin)
    Stalled.insert(ext, (delay, best_finalized_block_number))


def _log(value: EnumValue) -> Consensus:
    return Consensus(GRANDPA_ENGINE_ID, ConsensusLog.encode(value))


def _enact_pending_change(ext: Externalities, block_number: int, logs: list[Consensus]) -> None:
    change = PendingChange.get(ext)
    if change is None:
        return
    scheduled = {"next_authorities": change.next_authorities, "delay": change.delay}
    if block_number == change.scheduled_at:
        if change.forced is not None:
            logs.append(_log(EnumValue("ForcedChange", (change.forced, scheduled))))
        else:
            logs.append(_log(EnumValue("ScheduledChange", scheduled)))
    if block_number == change.scheduled_at + change.delay:
        Authorities.insert(ext, change.next_authorities)
        deposit_event(ext, NewAuthorities(change.next_authorities))
        PendingChange.remove(ext)


def on_finalize(ext: Externalities, block_number: int) -> list[Consensus]:
    """Signal and enact scheduled changes; returns the ``Consensus(FRNK, log)`` digest items."""
    logs: list[Consensus] = []
    _enact_pending_change(ext, block_number, logs)
    state = State.get(ext)
    if state.variant in ("PendingPause", "PendingResume"):
        scheduled_at, delay = state.value.scheduled_at, state.value.delay
        pausing = state.variant == "PendingPause"
        if block_number == scheduled_at:
            logs.append(_log(EnumValue("Pause" if pausing else "Resume", delay)))
        if block_number == scheduled_at + delay:
            State.insert(ext, EnumValue("Paused" if pausing else "Live"))
            deposit_event(ext, Paused() if pausing else Resumed())
    return logs


def schedule_change(ext: Externalities, next_authorities: Sequence[tuple[bytes, int]],
                    in_blocks: int, forced: int | None, block_number: int) -> None:
    """Schedule a change of the authority set in ``in_blocks`` blocks (``schedule_change``).

    Fails with ChangePending when one is pending, TooSoon for a forced change before
    ``NextForced``. A forced change sets ``NextForced = block_number + 2 * in_blocks``. An
    oversized list is kept as given (``WeakBoundedVec::force_from`` only warns).
    """
    if PendingChange.get(ext) is not None:
        raise ChangePending()
    if forced is not None:
        next_forced = NextForced.get(ext)
        if next_forced is not None and next_forced > block_number:
            raise TooSoon()
        NextForced.insert(ext, block_number + 2 * in_blocks)
    PendingChange.insert(ext, {"scheduled_at": block_number, "delay": in_blocks,
                               "next_authorities": [(bytes(a), w) for a, w in next_authorities],
                               "forced": forced})


def schedule_pause(ext: Externalities, in_blocks: int, block_number: int) -> None:
    """Pause GRANDPA in ``in_blocks`` blocks; only from ``Live`` (PauseFailed)."""
    if State.get(ext).variant != "Live":
        raise PauseFailed()
    State.insert(ext, EnumValue("PendingPause", {"scheduled_at": block_number,
                                                  "delay": in_blocks}))


def schedule_resume(ext: Externalities, in_blocks: int, block_number: int) -> None:
    """Resume GRANDPA in ``in_blocks`` blocks; only from ``Paused`` (ResumeFailed)."""
    if State.get(ext).variant != "Paused":
        raise ResumeFailed()
    State.insert(ext, EnumValue("PendingResume", {"scheduled_at": block_number,
                                                   "delay": in_blocks}))


def authorities(ext: Externalities) -> list[tuple[bytes, int]]:
    """The current ``(ed25519 key, weight)`` authority list."""
    return [(bytes(key), int(weight)) for key, weight in Authorities.get(ext)]


def build_genesis(ext: Externalities, initial: Sequence[tuple[bytes, int]]) -> None:
    """Genesis: ``CurrentSetId = 0``, the authorities, and ``SetIdSession[0] = 0``."""
    CurrentSetId.insert(ext, 0)
    if initial:
        if Authorities.get(ext):
            raise GrandpaError("Authorities are already initialized!")
        if len(initial) > MAX_AUTHORITIES:
            raise GrandpaError("Grandpa: `Config::MaxAuthorities` is smaller than the number "
                               "of genesis authorities!")
        Authorities.insert(ext, [(bytes(a), w) for a, w in initial])
    SetIdSession.insert(ext, 0, 0)
