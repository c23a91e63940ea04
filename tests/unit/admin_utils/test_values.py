"""AdminUtils bounds checks, events and the Sudo-wrapped root path."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from runtime.frame.dispatch import ROOT, Signed
from runtime.pallets.admin_utils import pallet as au
from runtime.pallets.admin_utils import root_calls, subnet_calls
from runtime.pallets.subtensor import errors
from runtime.pallets.subtensor import events as ev
from runtime.pallets.subtensor import storage as st
from runtime.pallets.sudo import pallet as sudo
from runtime.pallets.utility.runtime_call import using_dispatcher
from tests.unit.admin_utils.helpers import (
    NETUID,
    OWNER,
    START,
    SUDO_KEY,
    call,
    deposited,
    failed_with,
    new_subnet,
    snapshot,
)
from tests.unit.pallets.dispatcher import TestDispatcher, make_call


@pytest.fixture
def dispatcher() -> Iterator[TestDispatcher]:
    test_dispatcher = TestDispatcher()
    with using_dispatcher(test_dispatcher):
        yield test_dispatcher


def test_owner_bonds_moving_average_above_cap_fails() -> None:
    ext = new_subnet()
    before = snapshot(ext)
    outcome = call(ext, OWNER, "sudo_set_bonds_moving_average", netuid=NETUID,
                   bonds_moving_average=975_001)
    assert failed_with(outcome, au.BondsMovingAverageMaxReached)
    assert snapshot(ext) == before


def test_root_bonds_moving_average_above_cap_succeeds() -> None:
    ext = new_subnet()
    assert call(ext, ROOT, "sudo_set_bonds_moving_average", netuid=NETUID,
                bonds_moving_average=999_000).ok
    assert st.BondsMovingAverage.get(ext, NETUID) == 999_000
    assert deposited(ext, ev.BondsMovingAverageSet(NETUID, 999_000))


@pytest.mark.parametrize("min_burn", [1_000_000_000, 100_000_000_000])
def test_min_burn_out_of_bounds_fails(min_burn: int) -> None:
    ext = new_subnet()
    st.MaxBurn.insert(ext, NETUID, 100_000_000_000)
    outcome = call(ext, OWNER, "sudo_set_min_burn", netuid=NETUID, min_burn=min_burn)
    assert failed_with(outcome, au.ValueNotInBounds)


def test_min_burn_in_bounds_succeeds() -> None:
    ext = new_subnet()
    assert call(ext, OWNER, "sudo_set_min_burn", netuid=NETUID, min_burn=999_999_999).ok
    assert deposited(ext, ev.MinBurnSet(NETUID, 999_999_999))


@pytest.mark.parametrize("max_burn", [100_000_000, 500_000])
def test_max_burn_out_of_bounds_fails(max_burn: int) -> None:
    ext = new_subnet()
    outcome = call(ext, OWNER, "sudo_set_max_burn", netuid=NETUID, max_burn=max_burn)
    assert failed_with(outcome, au.ValueNotInBounds)


def test_max_allowed_uids_below_registered_fails() -> None:
    ext = new_subnet()
    st.MinAllowedUids.insert(ext, NETUID, 8)
    st.SubnetworkN.insert(ext, NETUID, 20)
    low = call(ext, OWNER, "sudo_set_max_allowed_uids", netuid=NETUID, max_allowed_uids=7)
    assert failed_with(low, au.MaxAllowedUidsLessThanMinAllowedUids)
    below = call(ext, OWNER, "sudo_set_max_allowed_uids", netuid=NETUID, max_allowed_uids=19)
    assert failed_with(below, au.MaxAllowedUIdsLessThanCurrentUIds)
    high = call(ext, OWNER, "sudo_set_max_allowed_uids", netuid=NETUID, max_allowed_uids=257)
    assert failed_with(high, au.MaxAllowedUidsGreaterThanDefaultMaxAllowedUids)


def test_max_allowed_uids_over_two_mechanisms_fails() -> None:
    ext = new_subnet()
    st.MechanismCountCurrent.insert(ext, NETUID, 2)
    outcome = call(ext, OWNER, "sudo_set_max_allowed_uids", netuid=NETUID,
                   max_allowed_uids=200)
    assert failed_with(outcome, errors.TooManyUIDsPerMechanism)
    assert call(ext, OWNER, "sudo_set_max_allowed_uids", netuid=NETUID,
                max_allowed_uids=128).ok


def test_max_allowed_validators_above_max_uids_fails() -> None:
    ext = new_subnet()
    st.MaxAllowedUids.insert(ext, NETUID, 64)
    outcome = call(ext, ROOT, "sudo_set_max_allowed_validators", netuid=NETUID,
                   max_allowed_validators=65)
    assert failed_with(outcome, au.MaxValidatorsLargerThanMaxUIds)


def test_activity_cutoff_below_minimum_fails() -> None:
    ext = new_subnet()
    st.MinActivityCutoff.insert(ext, 360)
    outcome = call(ext, OWNER, "sudo_set_activity_cutoff", netuid=NETUID, activity_cutoff=359)
    assert failed_with(outcome, errors.ActivityCutoffTooLow)


@pytest.mark.parametrize(("interval", "error"), [
    (0, errors.RevealPeriodTooSmall), (101, errors.RevealPeriodTooLarge)])
def test_reveal_interval_out_of_range_fails(interval: int, error: object) -> None:
    ext = new_subnet()
    outcome = call(ext, OWNER, "sudo_set_commit_reveal_weights_interval", netuid=NETUID,
                   interval=interval)
    assert failed_with(outcome, error)  # type: ignore[arg-type]


def test_alpha_values_need_liquid_alpha_then_bounds() -> None:
    ext = new_subnet()
    off = call(ext, OWNER, "sudo_set_alpha_values", netuid=NETUID, alpha_low=2000,
               alpha_high=60000)
    assert failed_with(off, errors.LiquidAlphaDisabled)
    assert call(ext, ROOT, "sudo_set_liquid_alpha_enabled", netuid=NETUID, enabled=True).ok
    high = call(ext, ROOT, "sudo_set_alpha_values", netuid=NETUID, alpha_low=1638,
                alpha_high=1637)
    assert failed_with(high, errors.AlphaHighTooLow)
    low = call(ext, ROOT, "sudo_set_alpha_values", netuid=NETUID, alpha_low=1637,
               alpha_high=60000)
    assert failed_with(low, errors.AlphaLowOutOfRange)
    assert call(ext, OWNER, "sudo_set_alpha_values", netuid=NETUID, alpha_low=2000,
                alpha_high=60000).ok
    assert st.AlphaValues.get(ext, NETUID) == (2000, 60000)


def test_yuma3_toggle_emits_admin_utils_event() -> None:
    ext = new_subnet()
    assert call(ext, OWNER, "sudo_set_yuma3_enabled", netuid=NETUID, enabled=False).ok
    assert st.Yuma3On.get(ext, NETUID) is False
    assert deposited(ext, au.Yuma3EnableToggled(NETUID, False))


def test_root_tempo_resets_the_cycle() -> None:
    ext = new_subnet()
    assert call(ext, ROOT, "sudo_set_tempo", netuid=NETUID, tempo=720).ok
    assert st.Tempo.get(ext, NETUID) == 720
    assert st.LastEpochBlock.get(ext, NETUID) == START + 100
    assert deposited(ext, ev.TempoSet(NETUID, 720))


def test_root_global_setters_write_and_emit() -> None:
    ext = new_subnet()
    assert call(ext, ROOT, "sudo_set_subnet_owner_cut", subnet_owner_cut=5000).ok
    assert call(ext, ROOT, "sudo_set_owner_hparam_rate_limit", epochs=4).ok
    assert call(ext, ROOT, "sudo_set_tx_rate_limit", tx_rate_limit=7).ok
    assert st.SubnetOwnerCut.get(ext) == 5000 and st.OwnerHyperparamRateLimit.get(ext) == 4
    assert st.TxRateLimit.get(ext) == 7
    assert deposited(ext, ev.OwnerHyperparamRateLimitSet(4))


def test_sudo_wrapped_root_call_succeeds(dispatcher: TestDispatcher) -> None:
    ext = new_subnet()
    inner = make_call(root_calls.sudo_set_kappa, netuid=NETUID, kappa=4242)
    sudo.sudo.function(ext, Signed(SUDO_KEY), inner)
    assert st.Kappa.get(ext, NETUID) == 4242
    assert deposited(ext, ev.KappaSet(NETUID, 4242))


def test_sudo_wrapped_failure_keeps_state(dispatcher: TestDispatcher) -> None:
    ext = new_subnet()
    inner = make_call(subnet_calls.sudo_set_max_burn, netuid=NETUID, max_burn=1)
    sudo.sudo.function(ext, Signed(SUDO_KEY), inner)
    assert st.MaxBurn.get(ext, NETUID) == 100_000_000_000
