"""Fixtures for the AdminUtils tests: a runtime of System, SubtensorModule, Sudo and
AdminUtils, and a subnet with an owner written straight into storage."""

from __future__ import annotations

from typing import Any

from runtime.composition import DispatchOutcome, Runtime
from runtime.frame import system
from runtime.frame.dispatch import Origin, Signed
from runtime.frame.pallet import ErrorDef, Event
from runtime.pallets.admin_utils import CALL_INDICES, admin_utils
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor import subtensor
from runtime.pallets.sudo import pallet as sudo
from storage.overlay import Overlay
from tests.unit.frame.helpers import empty_state

RUNTIME = Runtime([system.system, subtensor, sudo.PALLET, admin_utils])
NETUID = 1
OWNER = b"\x11" * 32
STRANGER = b"\x22" * 32
SUDO_KEY = b"\x33" * 32
TEMPO = 360
START = 10_000
"""The subnet's last epoch block; blocks START .. START+349 are outside the freeze window."""


def new_subnet(block: int = START + 100) -> Overlay:
    """A state at ``block`` with subnet :data:`NETUID` owned by :data:`OWNER`, tempo 360, last
    epoch at :data:`START`, the freeze window 10 blocks and the owner limit 2 tempos."""
    ext = empty_state()
    system.Number.insert(ext, block)
    st.NetworksAdded.insert(ext, NETUID, True)
    st.SubnetOwner.insert(ext, NETUID, OWNER)
    st.Tempo.insert(ext, NETUID, TEMPO)
    st.LastEpochBlock.insert(ext, NETUID, START)
    st.AdminFreezeWindow.insert(ext, 10)
    st.OwnerHyperparamRateLimit.insert(ext, 2)
    st.MechanismCountCurrent.insert(ext, NETUID, 1)
    sudo.build_genesis(ext, SUDO_KEY)
    return ext


def set_block(ext: Overlay, block: int) -> None:
    """Move the current block."""
    system.Number.insert(ext, block)


def call(ext: Overlay, who: bytes | Origin, name: str, **args: Any) -> DispatchOutcome:
    """Encode ``AdminUtils.name(args)``, decode it through :data:`RUNTIME` and dispatch it
    (signed by ``who`` when bytes); a failure rolls back the call's writes."""
    encoded = admin_utils.calls[CALL_INDICES[name]].encode(**args)
    origin = Signed(who) if isinstance(who, bytes) else who
    return RUNTIME.dispatch(ext, origin, RUNTIME.decode_call(encoded))


def failed_with(outcome: DispatchOutcome, error: ErrorDef) -> bool:
    """Whether the dispatch failed with this pallet error."""
    return outcome.error is not None and error.matches(outcome.error)


def deposited(ext: Overlay, event: Event) -> bool:
    """Whether ``event`` is among the block's events."""
    raw = ext.get(system.Events.storage_key())
    return raw is not None and event.encoded in raw


def snapshot(ext: Overlay) -> list[tuple[bytes, bytes | None]]:
    """Every pending change of the state, to check a failed call left it untouched."""
    return list(ext.changes())
