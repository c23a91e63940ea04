"""Fixtures for registration tests: a runtime of System, Balances and SubtensorModule, funded
coldkeys, a dynamic subnet written straight into storage, and dispatch by call name."""

from __future__ import annotations

from typing import Any

import runtime.pallets.subtensor.registration  # noqa: F401  (declares the calls)
from runtime.composition import DispatchOutcome, Runtime
from runtime.frame import system
from runtime.frame.dispatch import Origin, Signed
from runtime.frame.pallet import Event
from runtime.pallets import balances
from runtime.pallets.balances.pallet import balances as balances_pallet
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.pallet import subtensor
from runtime.primitives.externalities import Externalities
from tests.unit.frame.helpers import empty_state

RUNTIME = Runtime([system.system, balances_pallet, subtensor])
TAO = 10**9
COLD = bytes([1]) * 32
COLD2 = bytes([2]) * 32
HOT = bytes([11]) * 32
HOT2 = bytes([12]) * 32
HOT3 = bytes([13]) * 32
OWNER_COLD = bytes([21]) * 32
OWNER_HOT = bytes([22]) * 32


def new_state(block: int = 1, funded: tuple[tuple[bytes, int], ...] = ((COLD, 10_000 * TAO),
                                                                      (COLD2, 10_000 * TAO))
              ) -> Externalities:
    """An empty state at ``block`` with genesis balances."""
    ext = empty_state()
    balances.build_genesis(ext, list(funded))
    system.Number.insert(ext, block)
    return ext


def add_dynamic_subnet(ext: Externalities, netuid: int = 1, tao: int = 1000 * TAO,
                       alpha: int = 1000 * TAO) -> None:
    """A dynamic subnet as register_network leaves it, with a pool of ``tao``/``alpha`` and
    the owner hotkey at uid 0 (written directly, independent of register_network)."""
    st.NetworksAdded.insert(ext, netuid, True)
    st.SubnetMechanism.insert(ext, netuid, 1)
    st.MaxAllowedUids.insert(ext, netuid, 256)
    st.ImmunityPeriod.insert(ext, netuid, 5000)
    st.Burn.insert(ext, netuid, TAO)
    st.NetworkRegistrationAllowed.insert(ext, netuid, True)
    st.SubnetTAO.insert(ext, netuid, tao)
    st.SubnetAlphaIn.insert(ext, netuid, alpha)
    st.SubnetOwner.insert(ext, netuid, OWNER_COLD)
    st.SubnetOwnerHotkey.insert(ext, netuid, OWNER_HOT)
    st.Owner.insert(ext, OWNER_HOT, OWNER_COLD)
    st.OwnedHotkeys.insert(ext, OWNER_COLD, [OWNER_HOT])
    from runtime.pallets.subtensor.registration.uids import append_neuron

    append_neuron(ext, netuid, OWNER_HOT, 0)


def dispatch(ext: Externalities, origin: Origin | bytes, call: str, **args: Any
             ) -> DispatchOutcome:
    """Encode ``SubtensorModule.<call>(args)``, decode it through the runtime and dispatch it
    (its own transactional layer: a failure rolls back)."""
    definition = next(c for c in subtensor.calls.values() if c.name == call)
    decoded = RUNTIME.decode_call(definition.encode(**args))
    who = Signed(origin) if isinstance(origin, bytes) else origin
    return RUNTIME.dispatch(ext, who, decoded)


def error_name(outcome: DispatchOutcome) -> str | None:
    """The failed dispatch's error name (module error name, or the variant)."""
    if outcome.error is None:
        return None
    detail = outcome.error.detail
    return getattr(detail, "name", None) or outcome.error.variant


def has_event(ext: Externalities, event: Event) -> bool:
    """Whether ``event`` was deposited (its RuntimeEvent bytes appear in System.Events)."""
    raw = ext.get(system.Events.storage_key()) or b""
    return event.encoded in raw


def issuance_consistent(ext: Externalities, accounts: list[bytes]) -> bool:
    """Balances' TotalIssuance equals the sum of the given accounts' balances."""
    return balances.total_issuance(ext) == sum(balances.total_balance(ext, a) for a in accounts)
