"""Fixtures for the SubtensorModule call tests: a runtime of System and SubtensorModule, and
subnets and neurons written straight into storage (registration is not under test here)."""

from __future__ import annotations

from typing import Any

from runtime.composition import DispatchOutcome, Runtime
from runtime.frame import system
from runtime.frame.dispatch import Origin, Signed
from runtime.frame.pallet import Event
from runtime.pallets.subtensor import CALL_INDICES, subtensor
from runtime.pallets.subtensor import storage as st
from storage.overlay import Overlay
from tests.unit.frame.helpers import empty_state

RUNTIME = Runtime([system.system, subtensor])
NETUID = 1


def hotkey(n: int) -> bytes:
    """A distinct 32-byte account id for test neuron ``n``."""
    return bytes([n + 1]) * 32


def new_state(block: int = 1000) -> Overlay:
    """An empty state whose current block (``System.Number``) is ``block``."""
    ext = empty_state()
    system.Number.insert(ext, block)
    return ext


def set_block(ext: Overlay, block: int) -> None:
    """Move the current block."""
    system.Number.insert(ext, block)


def add_subnet(ext: Overlay, netuid: int = NETUID, *, commit_reveal: bool = False,
               min_allowed_weights: int = 0, rate_limit: int = 0) -> None:
    """A subnet that exists, with commit-reveal, MinAllowedWeights and WeightsSetRateLimit
    as given (the storage defaults are 1024 and 100 and commit-reveal on)."""
    st.NetworksAdded.insert(ext, netuid, True)
    st.CommitRevealWeightsEnabled.insert(ext, netuid, commit_reveal)
    st.MinAllowedWeights.insert(ext, netuid, min_allowed_weights)
    st.WeightsSetRateLimit.insert(ext, netuid, rate_limit)


def add_neuron(ext: Overlay, n: int, netuid: int = NETUID, *, permit: bool = True,
               stake: int = 0) -> int:
    """Register ``hotkey(n)`` at the next uid of ``netuid``; returns the uid."""
    key = hotkey(n)
    uid = st.SubnetworkN.get(ext, netuid)
    st.Keys.insert(ext, netuid, uid, key)
    st.Uids.insert(ext, netuid, key, uid)
    st.IsNetworkMember.insert(ext, key, netuid, True)
    st.BlockAtRegistration.insert(ext, netuid, uid, 1)
    st.SubnetworkN.insert(ext, netuid, uid + 1)
    st.LastUpdate.insert(ext, netuid, [*st.LastUpdate.get(ext, netuid), 0])
    st.ValidatorPermit.insert(ext, netuid, [*st.ValidatorPermit.get(ext, netuid), permit])
    st.TotalHotkeyAlpha.insert(ext, key, netuid, stake)
    return uid


def subnet_with_neurons(count: int = 3, **subnet: Any) -> Overlay:
    """A fresh state with subnet :data:`NETUID` and ``count`` permitted neurons."""
    ext = new_state()
    add_subnet(ext, **subnet)
    for n in range(count):
        add_neuron(ext, n)
    return ext


def call(ext: Overlay, who: bytes | Origin, name: str, **args: Any) -> DispatchOutcome:
    """Encode ``SubtensorModule.name(args)``, decode it and dispatch it signed by ``who``
    through :data:`RUNTIME` (a failure rolls back the call's writes)."""
    encoded = subtensor.calls[CALL_INDICES[name]].encode(**args)
    origin = Signed(who) if isinstance(who, bytes) else who
    return RUNTIME.dispatch(ext, origin, RUNTIME.decode_call(encoded))


def deposited(ext: Overlay, event: Event) -> bool:
    """Whether ``event`` is among the block's events."""
    raw = ext.get(system.Events.storage_key())
    return raw is not None and event.encoded in raw


def snapshot(ext: Overlay) -> list[tuple[bytes, bytes | None]]:
    """Every pending change of the state, to check a failed call left it untouched."""
    return list(ext.changes())
