"""The Aura pallet (index 3): authorities and the current slot.

Mirrors ``substrate/frame/aura/src/lib.rs`` with subtensor's configuration: sr25519 authority
ids, ``MaxAuthorities = 32``, ``AllowMultipleBlocksPerSlot = false`` and ``SlotDuration =
MinimumPeriodTimesTwo`` = 12 000 ms (250 ms with fast blocks). The pallet has no calls, events
or errors. Its ``on_initialize`` reads the slot from the block's ``PreRuntime(aura, slot)``
digest, so the executive calls :func:`on_initialize` with the header's digest; broken rules
(slot not increasing, timestamp outside the slot) make the block invalid (:class:`AuraError`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from runtime.frame.errors import InvalidBlock
from runtime.frame.pallet import Pallet
from runtime.frame.storage import VALUE_QUERY
from runtime.pallets.balances.types import bounded_vec
from runtime.primitives.block import AURA_ENGINE_ID, Digest, PreRuntime
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import U8, U64, Array, Struct

PALLET_INDEX = 3
SLOT_DURATION_MS = 12_000
FAST_SLOT_DURATION_MS = 250


class AuraError(InvalidBlock):
    """A block breaks Aura's runtime rules (the reference panics): the block is invalid."""


PALLET = aura = Pallet("Aura", PALLET_INDEX, docs=("Aura authorities and the current slot.",))

Sr25519Public = Struct("Public", [(None, Array(U8, 32), "[u8; 32]")],
                       path=("sp_core", "sr25519", "Public"))
AuraAuthorityId = Struct("Public", [(None, Sr25519Public, "sr25519::Public")],
                         path=("sp_consensus_aura", "sr25519", "app_sr25519", "Public"))
Slot = Struct("Slot", [(None, U64, "u64")], path=("sp_consensus_slots", "Slot"))

Authorities = aura.value("Authorities", bounded_vec(AuraAuthorityId, "AuthorityId"),
                         query=VALUE_QUERY, default=[],
                         docs=("The current authority set.",))
CurrentSlot = aura.value("CurrentSlot", Slot, query=VALUE_QUERY, default=0,
                         docs=("The current slot of this block.",
                               "This will be set in `on_initialize`."))

aura.constant(
    "SlotDuration", U64, SLOT_DURATION_MS,
    "The slot duration Aura should run with, expressed in milliseconds.")

_config = {"slot_duration": SLOT_DURATION_MS}


def slot_duration() -> int:
    """The configured slot duration in milliseconds."""
    return _config["slot_duration"]


def set_fast_blocks(enabled: bool) -> None:
    """Select subtensor's fast-blocks slot duration (250 ms) or the production one (12 s)."""
    duration = FAST_SLOT_DURATION_MS if enabled else SLOT_DURATION_MS
    _config["slot_duration"] = duration
    for position, constant in enumerate(aura.constants):
        if constant.name == "SlotDuration":
            aura.constants[position] = replace(constant, value=duration)


def authorities(ext: Externalities) -> list[bytes]:
    """The authority public keys (32 bytes each)."""
    return [bytes(a) for a in Authorities.get(ext)]


def current_slot(ext: Externalities) -> int:
    """``CurrentSlot``."""
    return int(CurrentSlot.get(ext))


def slot_from_digest(digest: Digest) -> int | None:
    """The slot of the first ``PreRuntime(aura, u64)`` item, if any (``find_pre_digest``)."""
    for item in digest.logs:
        if isinstance(item, PreRuntime) and item.engine == AURA_ENGINE_ID:
            return int(U64.decode(item.data))
    return None


def on_initialize(ext: Externalities, digest: Digest) -> None:
    """Record the block's slot: it must exceed ``CurrentSlot`` (one block per slot)."""
    new_slot = slot_from_digest(digest)
    if new_slot is None:
        return
    if not current_slot(ext) < new_slot:
        raise AuraError("Slot must increase")
    CurrentSlot.insert(ext, new_slot)


def on_timestamp_set(ext: Externalities, moment: int) -> None:
    """``OnTimestampSet``: the timestamp's slot must equal ``CurrentSlot``."""
    if moment // slot_duration() != current_slot(ext):
        raise AuraError("Timestamp slot must match `CurrentSlot`")


def author_index(ext: Externalities, slot: int) -> int | None:
    """Index of the slot's author in ``Authorities`` (``slot % len``), None without any."""
    count = len(Authorities.get(ext))
    return None if count == 0 else slot % count


def author(ext: Externalities, digest: Digest) -> bytes | None:
    """The block author's account (its authority key), as subtensor's fee handler finds it."""
    slot = slot_from_digest(digest)
    if slot is None:
        return None
    index = author_index(ext, slot)
    return None if index is None else authorities(ext)[index]


def build_genesis(ext: Externalities, initial: Sequence[bytes]) -> None:
    """Genesis: set the authorities (refused when already set)."""
    if not initial:
        return
    if Authorities.get(ext):
        raise AuraError("Authorities are already initialized!")
    if len(initial) > 32:
        raise AuraError("Initial authority set must be less than T::MaxAuthorities")
    Authorities.insert(ext, [bytes(a) for a in initial])
