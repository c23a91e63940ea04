"""Registration into a full subnet: the uid given up (spec §5.2 "UID assignment", §5.3)."""

from __future__ import annotations

from runtime.frame import system
from runtime.pallets.subtensor import events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.registration.pruning import neuron_to_prune
from tests.unit.subtensor_registration.helpers import (
    COLD,
    COLD2,
    HOT,
    HOT2,
    HOT3,
    OWNER_COLD,
    OWNER_HOT,
    TAO,
    add_dynamic_subnet,
    dispatch,
    error_name,
    has_event,
    new_state,
)

NEW_HOT = bytes([30]) * 32


def _full_subnet(block_after: int, min_non_immune: int = 1):
    """Owner at uid 0, HOT at uid 1 and HOT2 at uid 2 (all registered at block 1), the subnet
    full at 3 uids, then the chain moved to ``block_after``."""
    ext = new_state(funded=((COLD, 10_000 * TAO), (COLD2, 10_000 * TAO),
                            (OWNER_COLD, 10_000 * TAO)))
    add_dynamic_subnet(ext)
    st.BlockAtRegistration.insert(ext, 1, 0, 1)
    assert dispatch(ext, COLD, "burned_register", netuid=1, hotkey=HOT).ok
    assert dispatch(ext, COLD, "burned_register", netuid=1, hotkey=HOT2).ok
    st.MaxAllowedUids.insert(ext, 1, 3)
    st.MinNonImmuneUids.insert(ext, 1, min_non_immune)
    system.Number.insert(ext, block_after)
    return ext


def test_burned_register_full_subnet_replaces_lowest_emission_non_immune_uid() -> None:
    ext = _full_subnet(6000)
    st.Emission.insert(ext, 1, [0, 5, 3])
    st.Weights.insert(ext, 1, 1, [(2, 100), (0, 7)])
    st.Weights.insert(ext, 1, 2, [(1, 9)])
    st.Bonds.insert(ext, 1, 2, [(1, 9)])
    st.ValidatorPermit.insert(ext, 1, [True, True, True])
    st.LastUpdate.insert(ext, 1, [1, 1, 1])
    outcome = dispatch(ext, COLD2, "burned_register", netuid=1, hotkey=NEW_HOT)
    assert outcome.ok
    assert st.Uids.get(ext, 1, NEW_HOT) == 2 and st.Uids.get(ext, 1, HOT2) is None
    assert st.IsNetworkMember.get(ext, HOT2, 1) is False
    assert st.SubnetworkN.get(ext, 1) == 3
    assert list(st.Emission.get(ext, 1)) == [0, 5, 0]
    assert list(st.ValidatorPermit.get(ext, 1)) == [True, True, False]
    assert list(st.LastUpdate.get(ext, 1)) == [1, 1, 6000]
    assert st.BlockAtRegistration.get(ext, 1, 2) == 6000
    assert not st.Weights.contains(ext, 1, 2) and not st.Bonds.contains(ext, 1, 2)
    assert [tuple(p) for p in st.Weights.get(ext, 1, 1)] == [(2, 0), (0, 7)]
    assert has_event(ext, events.NeuronRegistered(1, 2, NEW_HOT))


def test_burned_register_full_subnet_ties_go_to_earlier_registration_then_lower_uid() -> None:
    ext = _full_subnet(6000)
    st.Emission.insert(ext, 1, [0, 4, 4])
    assert neuron_to_prune(ext, 1) == 1
    st.BlockAtRegistration.insert(ext, 1, 1, 2)
    assert neuron_to_prune(ext, 1) == 2


def test_burned_register_full_subnet_too_few_non_immune_falls_back_to_immune() -> None:
    ext = _full_subnet(6000, min_non_immune=10)
    assert error_name(dispatch(ext, COLD2, "burned_register", netuid=1,
                               hotkey=NEW_HOT)) == "NoNeuronIdAvailable"
    st.BlockAtRegistration.insert(ext, 1, 2, 5999)
    st.Emission.insert(ext, 1, [0, 0, 9])
    assert neuron_to_prune(ext, 1) == 2
    assert dispatch(ext, COLD2, "burned_register", netuid=1, hotkey=NEW_HOT).ok
    assert st.Uids.get(ext, 1, NEW_HOT) == 2


def test_burned_register_full_subnet_all_immune_replaces_lowest_emission_immune() -> None:
    ext = _full_subnet(10)
    st.Emission.insert(ext, 1, [0, 8, 2])
    assert dispatch(ext, COLD2, "burned_register", netuid=1, hotkey=NEW_HOT).ok
    assert st.Uids.get(ext, 1, NEW_HOT) == 2


def test_burned_register_full_subnet_never_prunes_owner_hotkeys() -> None:
    ext = _full_subnet(6000, min_non_immune=0)
    st.Emission.insert(ext, 1, [9, 0, 0])
    st.Owner.insert(ext, HOT3, OWNER_COLD)
    st.OwnedHotkeys.insert(ext, OWNER_COLD, [OWNER_HOT, HOT3])
    assert neuron_to_prune(ext, 1) == 1
    st.SubnetOwnerHotkey.insert(ext, 1, HOT)
    st.Owner.insert(ext, HOT, OWNER_COLD)
    st.OwnedHotkeys.insert(ext, OWNER_COLD, [OWNER_HOT, HOT])
    st.ImmuneOwnerUidsLimit.insert(ext, 1, 2)
    assert neuron_to_prune(ext, 1) == 2
