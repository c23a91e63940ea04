"""SubtensorModule.set_weights / set_mechanism_weights (spec §5.5): one test per rule."""

from __future__ import annotations

import pytest

from runtime.frame.dispatch import UNSIGNED, DispatchError, Pays
from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.calls.weights import SET_WEIGHTS_WEIGHT
from tests.unit.subtensor_calls.helpers import (
    NETUID,
    add_neuron,
    add_subnet,
    call,
    deposited,
    hotkey,
    new_state,
    set_block,
    snapshot,
    subnet_with_neurons,
)

U64_MAX = (1 << 64) - 1


def _fails_untouched(ext, error, who=None, name="set_weights", **args) -> None:  # type: ignore[no-untyped-def]
    """Dispatch, expect ``error`` and an unchanged state."""
    before = snapshot(ext)
    args = {"netuid": NETUID, "dests": [0, 1], "weights": [1, 2], "version_key": 0} | args
    outcome = call(ext, hotkey(0) if who is None else who, name, **args)
    assert outcome.error == (error() if not isinstance(error, DispatchError) else error)
    assert snapshot(ext) == before


def test_set_weights_valid_stores_upscaled_weights_and_last_update() -> None:
    ext = subnet_with_neurons(3)
    outcome = call(ext, hotkey(0), "set_weights", netuid=NETUID, dests=[2, 0, 1],
                   weights=[1, 2, 0], version_key=0)
    assert outcome.ok and outcome.info.pays_fee == Pays.No
    assert outcome.info.weight == SET_WEIGHTS_WEIGHT
    assert st.Weights.get(ext, NETUID, 0) == [(2, 32768), (0, 65535), (1, 0)]
    assert st.LastUpdate.get(ext, NETUID) == [1000, 0, 0]
    assert deposited(ext, events.WeightsSet(NETUID, 0))


@pytest.mark.parametrize("values, expected", [
    ([0, 0], [0, 0]),
    ([65535, 32768], [65535, 32768]),
    ([40000, 10000], [65535, 16384]),
    ([3, 1], [65535, 21845]),
])
def test_set_weights_max_upscale_matches_reference_rounding(values: list[int],
                                                             expected: list[int]) -> None:
    ext = subnet_with_neurons(2)
    assert call(ext, hotkey(0), "set_weights", netuid=NETUID, dests=[0, 1], weights=values,
                version_key=0).ok
    assert [w for _, w in st.Weights.get(ext, NETUID, 0)] == expected


def test_set_weights_commit_reveal_enabled_fails() -> None:
    _fails_untouched(subnet_with_neurons(3, commit_reveal=True), errors.CommitRevealEnabled)


def test_set_weights_unsigned_origin_fails() -> None:
    _fails_untouched(subnet_with_neurons(3), DispatchError.bad_origin(), who=UNSIGNED)


def test_set_weights_root_network_fails() -> None:
    ext = new_state()
    add_subnet(ext, 0)
    add_neuron(ext, 0, 0)
    _fails_untouched(ext, errors.CanNotSetRootNetworkWeights, netuid=0, dests=[0], weights=[1])


def test_set_weights_unequal_lengths_fails() -> None:
    _fails_untouched(subnet_with_neurons(3), errors.WeightVecNotEqualSize, weights=[1])


def test_set_weights_missing_subnet_fails() -> None:
    ext = subnet_with_neurons(3)
    st.CommitRevealWeightsEnabled.insert(ext, 5, False)
    _fails_untouched(ext, errors.MechanismDoesNotExist, netuid=5)


def test_set_mechanism_weights_missing_mechanism_fails() -> None:
    _fails_untouched(subnet_with_neurons(3), errors.MechanismDoesNotExist,
                     name="set_mechanism_weights", mecid=1)


def test_set_mechanism_weights_second_mechanism_stores_under_its_index() -> None:
    ext = subnet_with_neurons(2)
    st.MechanismCountCurrent.insert(ext, NETUID, 2)
    st.LastUpdate.insert(ext, 4096 + NETUID, [0, 0])
    assert call(ext, hotkey(1), "set_mechanism_weights", netuid=NETUID, mecid=1, dests=[0],
                weights=[7], version_key=0).ok
    assert st.Weights.get(ext, 4096 + NETUID, 1) == [(0, 65535)]
    assert st.LastUpdate.get(ext, 4096 + NETUID) == [0, 1000]
    assert st.Weights.get(ext, NETUID, 1) == []
    assert deposited(ext, events.WeightsSet(4096 + NETUID, 1))


def test_set_weights_more_uids_than_neurons_fails() -> None:
    _fails_untouched(subnet_with_neurons(2), errors.UidsLengthExceedUidsInSubNet,
                     dests=[0, 1, 2], weights=[1, 1, 1])


def test_set_weights_unregistered_hotkey_fails() -> None:
    _fails_untouched(subnet_with_neurons(3), errors.HotKeyNotRegisteredInSubNet, who=hotkey(9))


def test_set_weights_stake_below_threshold_fails() -> None:
    ext = subnet_with_neurons(3)
    st.StakeThreshold.insert(ext, 1000)
    st.TotalHotkeyAlpha.insert(ext, hotkey(0), NETUID, 999)
    _fails_untouched(ext, errors.NotEnoughStakeToSetWeights)


def test_set_weights_stake_at_threshold_with_root_stake_succeeds() -> None:
    ext = subnet_with_neurons(3)
    st.StakeThreshold.insert(ext, 1000)
    st.TotalHotkeyAlpha.insert(ext, hotkey(0), NETUID, 500)
    st.TotalHotkeyAlpha.insert(ext, hotkey(0), 0, 1000)
    st.TaoWeight.insert(ext, U64_MAX // 2 + 1)  # just over one half
    assert call(ext, hotkey(0), "set_weights", netuid=NETUID, dests=[0, 1], weights=[1, 2],
                version_key=0).ok


def test_set_weights_stake_given_to_child_counts_against_parent_fails() -> None:
    ext = subnet_with_neurons(3)
    st.StakeThreshold.insert(ext, 1000)
    st.TotalHotkeyAlpha.insert(ext, hotkey(0), NETUID, 1500)
    st.ChildKeys.insert(ext, hotkey(0), NETUID, [(U64_MAX // 2, hotkey(1))])
    _fails_untouched(ext, errors.NotEnoughStakeToSetWeights)


def test_set_weights_owner_hotkey_without_stake_succeeds() -> None:
    ext = subnet_with_neurons(3)
    st.StakeThreshold.insert(ext, 1000)
    st.SubnetOwnerHotkey.insert(ext, NETUID, hotkey(0))
    assert call(ext, hotkey(0), "set_weights", netuid=NETUID, dests=[0, 1], weights=[1, 2],
                version_key=0).ok


def test_set_weights_old_version_key_fails() -> None:
    ext = subnet_with_neurons(3)
    st.WeightsVersionKey.insert(ext, NETUID, 5)
    _fails_untouched(ext, errors.IncorrectWeightVersionKey, version_key=4)
    assert call(ext, hotkey(0), "set_weights", netuid=NETUID, dests=[0, 1], weights=[1, 2],
                version_key=5).ok


def test_set_weights_too_fast_fails() -> None:
    ext = subnet_with_neurons(3, rate_limit=100)
    st.LastUpdate.insert(ext, NETUID, [901, 0, 0])
    _fails_untouched(ext, errors.SettingWeightsTooFast)
    set_block(ext, 1001)
    assert call(ext, hotkey(0), "set_weights", netuid=NETUID, dests=[0, 1], weights=[1, 2],
                version_key=0).ok


def test_set_weights_without_permit_fails() -> None:
    ext = new_state()
    add_subnet(ext)
    add_neuron(ext, 0, permit=False)
    add_neuron(ext, 1)
    _fails_untouched(ext, errors.NeuronNoValidatorPermit)


def test_set_weights_single_self_weight_without_permit_succeeds() -> None:
    ext = new_state()
    add_subnet(ext, min_allowed_weights=2)
    add_neuron(ext, 0, permit=False)
    add_neuron(ext, 1)
    assert call(ext, hotkey(0), "set_weights", netuid=NETUID, dests=[0], weights=[3],
                version_key=0).ok
    assert st.Weights.get(ext, NETUID, 0) == [(0, 65535)]


def test_set_weights_duplicate_uids_fails() -> None:
    _fails_untouched(subnet_with_neurons(3), errors.DuplicateUids, dests=[1, 1])


def test_set_weights_unknown_uid_fails() -> None:
    _fails_untouched(subnet_with_neurons(3), errors.UidVecContainInvalidOne, dests=[0, 9])


def test_set_weights_fewer_than_min_allowed_fails() -> None:
    _fails_untouched(subnet_with_neurons(3, min_allowed_weights=3), errors.WeightVecLengthIsLow)


def test_set_weights_min_allowed_capped_by_subnet_size_succeeds() -> None:
    ext = subnet_with_neurons(2, min_allowed_weights=1024)
    assert call(ext, hotkey(0), "set_weights", netuid=NETUID, dests=[0, 1], weights=[1, 2],
                version_key=0).ok


def test_set_weights_stake_inherited_from_parent_succeeds() -> None:
    ext = subnet_with_neurons(3)
    st.StakeThreshold.insert(ext, 1000)
    st.TotalHotkeyAlpha.insert(ext, hotkey(5), NETUID, 4000)
    st.ParentKeys.insert(ext, hotkey(0), NETUID, [(U64_MAX // 4 + 1, hotkey(5))])
    assert call(ext, hotkey(0), "set_weights", netuid=NETUID, dests=[0, 1], weights=[1, 2],
                version_key=0).ok


def test_set_weights_pads_short_last_update_to_subnetwork_n() -> None:
    ext = subnet_with_neurons(3)
    st.LastUpdate.insert(ext, NETUID, [])  # shorter than SubnetworkN, as after a migration
    assert call(ext, hotkey(2), "set_weights", netuid=NETUID, dests=[0, 1], weights=[1, 1],
                version_key=0).ok
    assert st.LastUpdate.get(ext, NETUID) == [0, 0, 1000]
