"""AdminUtils origins, owner rate limit and freeze window, dispatched through the runtime."""

from __future__ import annotations

from runtime.frame.dispatch import ROOT, UNSIGNED, DispatchError
from runtime.pallets.admin_utils import pallet as au
from runtime.pallets.subtensor import errors
from runtime.pallets.subtensor import events as ev
from runtime.pallets.subtensor import storage as st
from runtime.primitives.scale import EnumValue
from tests.unit.admin_utils.helpers import (
    NETUID,
    OWNER,
    START,
    STRANGER,
    TEMPO,
    call,
    deposited,
    failed_with,
    new_subnet,
    set_block,
    snapshot,
)


def test_owner_sets_immunity_period_succeeds_and_records_block() -> None:
    ext = new_subnet()
    outcome = call(ext, OWNER, "sudo_set_immunity_period", netuid=NETUID, immunity_period=777)
    assert outcome.ok
    assert st.ImmunityPeriod.get(ext, NETUID) == 777
    assert deposited(ext, ev.ImmunityPeriodSet(NETUID, 777))
    key = EnumValue("OwnerHyperparamUpdate", (NETUID, EnumValue("ImmunityPeriod")))
    assert st.LastRateLimitedBlock.get(ext, key) == START + 100


def test_non_owner_sets_immunity_period_fails_bad_origin() -> None:
    ext = new_subnet()
    before = snapshot(ext)
    outcome = call(ext, STRANGER, "sudo_set_immunity_period", netuid=NETUID, immunity_period=7)
    assert outcome.error == DispatchError.bad_origin()
    assert snapshot(ext) == before


def test_unsigned_origin_fails_bad_origin() -> None:
    ext = new_subnet()
    outcome = call(ext, UNSIGNED, "sudo_set_rho", netuid=NETUID, rho=5)
    assert outcome.error == DispatchError.bad_origin()


def test_owner_sets_root_only_kappa_fails_bad_origin() -> None:
    ext = new_subnet()
    outcome = call(ext, OWNER, "sudo_set_kappa", netuid=NETUID, kappa=100)
    assert outcome.error == DispatchError.bad_origin()
    assert st.Kappa.get(ext, NETUID) == 32_767


def test_root_sets_kappa_succeeds_with_event() -> None:
    ext = new_subnet()
    assert call(ext, ROOT, "sudo_set_kappa", netuid=NETUID, kappa=100).ok
    assert st.Kappa.get(ext, NETUID) == 100
    assert deposited(ext, ev.KappaSet(NETUID, 100))


def test_owner_second_change_within_limit_fails_rate_limited() -> None:
    ext = new_subnet()
    assert call(ext, OWNER, "sudo_set_rho", netuid=NETUID, rho=11).ok
    set_block(ext, START + 200)
    before = snapshot(ext)
    outcome = call(ext, OWNER, "sudo_set_rho", netuid=NETUID, rho=12)
    assert failed_with(outcome, errors.TxRateLimitExceeded)
    assert snapshot(ext) == before and st.Rho.get(ext, NETUID) == 11


def test_owner_change_after_limit_succeeds() -> None:
    ext = new_subnet()
    assert call(ext, OWNER, "sudo_set_rho", netuid=NETUID, rho=11).ok
    later = START + 100 + 2 * TEMPO
    set_block(ext, later)
    st.LastEpochBlock.insert(ext, NETUID, later - 100)
    assert call(ext, OWNER, "sudo_set_rho", netuid=NETUID, rho=12).ok
    assert st.Rho.get(ext, NETUID) == 12


def test_owner_limit_is_per_hyperparameter() -> None:
    ext = new_subnet()
    assert call(ext, OWNER, "sudo_set_rho", netuid=NETUID, rho=11).ok
    assert call(ext, OWNER, "sudo_set_bonds_penalty", netuid=NETUID, bonds_penalty=9).ok


def test_root_is_never_rate_limited() -> None:
    ext = new_subnet()
    assert call(ext, ROOT, "sudo_set_rho", netuid=NETUID, rho=11).ok
    assert call(ext, ROOT, "sudo_set_rho", netuid=NETUID, rho=12).ok
    assert st.Rho.get(ext, NETUID) == 12


def test_change_inside_freeze_window_fails() -> None:
    ext = new_subnet(block=START + TEMPO - 5)
    before = snapshot(ext)
    outcome = call(ext, OWNER, "sudo_set_min_allowed_weights", netuid=NETUID,
                   min_allowed_weights=3)
    assert failed_with(outcome, errors.AdminActionProhibitedDuringWeightsWindow)
    assert snapshot(ext) == before


def test_root_inside_freeze_window_fails_too() -> None:
    ext = new_subnet(block=START + TEMPO - 1)
    outcome = call(ext, ROOT, "sudo_set_tempo", netuid=NETUID, tempo=720)
    assert failed_with(outcome, errors.AdminActionProhibitedDuringWeightsWindow)


def test_change_just_before_freeze_window_succeeds() -> None:
    ext = new_subnet(block=START + TEMPO - 10)
    assert call(ext, OWNER, "sudo_set_min_allowed_weights", netuid=NETUID,
                min_allowed_weights=3).ok


def test_pending_triggered_epoch_freezes_changes() -> None:
    ext = new_subnet()
    st.PendingEpochAt.insert(ext, NETUID, START + 150)
    outcome = call(ext, OWNER, "sudo_set_rho", netuid=NETUID, rho=3)
    assert failed_with(outcome, errors.AdminActionProhibitedDuringWeightsWindow)


def test_weights_version_key_limit_uses_its_own_counter() -> None:
    ext = new_subnet()
    st.WeightsVersionKeyRateLimit.insert(ext, 5)
    assert call(ext, OWNER, "sudo_set_weights_version_key", netuid=NETUID,
                weights_version_key=2).ok
    assert st.TransactionKeyLastBlock.get(ext, OWNER, NETUID, 4) == START + 100
    outcome = call(ext, OWNER, "sudo_set_weights_version_key", netuid=NETUID,
                   weights_version_key=3)
    assert failed_with(outcome, errors.TxRateLimitExceeded)
    assert st.WeightsVersionKey.get(ext, NETUID) == 2


def test_missing_subnet_fails_subnet_does_not_exist() -> None:
    ext = new_subnet()
    outcome = call(ext, ROOT, "sudo_set_kappa", netuid=9, kappa=1)
    assert failed_with(outcome, au.SubnetDoesNotExist)
