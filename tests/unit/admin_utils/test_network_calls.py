"""AdminUtils registration, difficulty, network and global setters through the runtime."""

from __future__ import annotations

from runtime.frame.dispatch import ROOT, DispatchError
from runtime.pallets.admin_utils import pallet as au
from runtime.pallets.subtensor import errors
from runtime.pallets.subtensor import events as ev
from runtime.pallets.subtensor import storage as st
from tests.unit.admin_utils.helpers import (
    NETUID,
    OWNER,
    START,
    TEMPO,
    call,
    deposited,
    failed_with,
    new_subnet,
    snapshot,
)


def test_pow_registration_toggle_always_fails_disabled() -> None:
    ext = new_subnet()
    before = snapshot(ext)
    outcome = call(ext, ROOT, "sudo_set_network_pow_registration_allowed", netuid=NETUID,
                   registration_allowed=True)
    assert failed_with(outcome, au.POWRegistrationDisabled)
    assert snapshot(ext) == before


def test_total_issuance_setter_fails_deprecated() -> None:
    ext = new_subnet()
    outcome = call(ext, ROOT, "sudo_set_total_issuance", total_issuance=5)
    assert failed_with(outcome, au.Deprecated)


def test_owner_sets_root_only_difficulty_fails_bad_origin() -> None:
    ext = new_subnet()
    outcome = call(ext, OWNER, "sudo_set_difficulty", netuid=NETUID, difficulty=5)
    assert outcome.error == DispatchError.bad_origin()


def test_root_difficulty_inside_freeze_window_fails() -> None:
    ext = new_subnet(block=START + TEMPO - 2)
    outcome = call(ext, ROOT, "sudo_set_difficulty", netuid=NETUID, difficulty=5)
    assert failed_with(outcome, errors.AdminActionProhibitedDuringWeightsWindow)


def test_owner_sets_max_difficulty_succeeds() -> None:
    ext = new_subnet()
    assert call(ext, OWNER, "sudo_set_max_difficulty", netuid=NETUID, max_difficulty=99).ok
    assert st.MaxDifficulty.get(ext, NETUID) == 99
    assert deposited(ext, ev.MaxDifficultySet(NETUID, 99))


def test_owner_negative_steepness_fails_root_succeeds() -> None:
    ext = new_subnet()
    owner = call(ext, OWNER, "sudo_set_alpha_sigmoid_steepness", netuid=NETUID, steepness=-5)
    assert failed_with(owner, au.NegativeSigmoidSteepness)
    assert call(ext, ROOT, "sudo_set_alpha_sigmoid_steepness", netuid=NETUID,
                steepness=-5).ok
    assert st.AlphaSigmoidSteepness.get(ext, NETUID) == -5


def test_min_allowed_uids_bounds_fail() -> None:
    ext = new_subnet()
    st.MaxAllowedUids.insert(ext, NETUID, 64)
    st.SubnetworkN.insert(ext, NETUID, 10)
    above_max = call(ext, ROOT, "sudo_set_min_allowed_uids", netuid=NETUID,
                     min_allowed_uids=64)
    assert failed_with(above_max, au.MinAllowedUidsGreaterThanMaxAllowedUids)
    above_n = call(ext, ROOT, "sudo_set_min_allowed_uids", netuid=NETUID, min_allowed_uids=10)
    assert failed_with(above_n, au.MinAllowedUidsGreaterThanCurrentUids)
    assert call(ext, ROOT, "sudo_set_min_allowed_uids", netuid=NETUID, min_allowed_uids=9).ok
    assert deposited(ext, ev.MinAllowedUidsSet(NETUID, 9))


def test_max_epochs_per_block_zero_fails() -> None:
    ext = new_subnet()
    outcome = call(ext, ROOT, "sudo_set_max_epochs_per_block", max_epochs_per_block=0)
    assert failed_with(outcome, au.ValueNotInBounds)
    assert call(ext, ROOT, "sudo_set_max_epochs_per_block", max_epochs_per_block=3).ok
    assert st.MaxEpochsPerBlock.get(ext) == 3


def test_root_global_network_setters_write_and_emit() -> None:
    ext = new_subnet()
    assert call(ext, ROOT, "sudo_set_network_rate_limit", rate_limit=11).ok
    assert call(ext, ROOT, "sudo_set_subnet_limit", max_subnets=64).ok
    assert call(ext, ROOT, "sudo_set_network_min_lock_cost", lock_cost=5_000).ok
    assert call(ext, ROOT, "sudo_set_min_delegate_take", take=100).ok
    assert st.NetworkRateLimit.get(ext) == 11 and st.SubnetLimit.get(ext) == 64
    assert st.NetworkMinLockCost.get(ext) == 5_000 and st.MinDelegateTake.get(ext) == 100
    assert deposited(ext, ev.SubnetLimitSet(64))
    assert deposited(ext, ev.NetworkMinLockCostSet(5_000))


def test_owner_sets_global_limit_fails_bad_origin() -> None:
    ext = new_subnet()
    outcome = call(ext, OWNER, "sudo_set_subnet_limit", max_subnets=1)
    assert outcome.error == DispatchError.bad_origin()
    assert st.SubnetLimit.get(ext) != 1
