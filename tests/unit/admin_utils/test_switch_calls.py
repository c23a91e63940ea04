"""AdminUtils switches: transfers, subtoken, recycle-or-burn, owner-cut locking, TAO flow."""

from __future__ import annotations

from runtime.frame.dispatch import ROOT, DispatchError
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
)


def test_owner_toggles_transfer_succeeds_with_event() -> None:
    ext = new_subnet()
    assert call(ext, OWNER, "sudo_set_toggle_transfer", netuid=NETUID, toggle=False).ok
    assert st.TransferToggle.get(ext, NETUID) is False
    assert deposited(ext, ev.TransferToggle(NETUID, False))


def test_stranger_toggles_transfer_fails_bad_origin() -> None:
    ext = new_subnet()
    outcome = call(ext, STRANGER, "sudo_set_toggle_transfer", netuid=NETUID, toggle=False)
    assert outcome.error == DispatchError.bad_origin()


def test_owner_sets_recycle_and_is_rate_limited() -> None:
    ext = new_subnet()
    recycle = EnumValue("Recycle")
    assert call(ext, OWNER, "sudo_set_recycle_or_burn", netuid=NETUID,
                recycle_or_burn=recycle).ok
    assert st.RecycleOrBurn.get(ext, NETUID).variant == "Recycle"
    again = call(ext, OWNER, "sudo_set_recycle_or_burn", netuid=NETUID,
                 recycle_or_burn=EnumValue("Burn"))
    assert failed_with(again, errors.TxRateLimitExceeded)


def test_owner_sets_root_only_subtoken_fails_bad_origin() -> None:
    ext = new_subnet()
    outcome = call(ext, OWNER, "sudo_set_subtoken_enabled", netuid=NETUID,
                   subtoken_enabled=True)
    assert outcome.error == DispatchError.bad_origin()


def test_root_subtoken_inside_freeze_window_fails() -> None:
    ext = new_subnet(block=START + TEMPO - 3)
    outcome = call(ext, ROOT, "sudo_set_subtoken_enabled", netuid=NETUID, subtoken_enabled=True)
    assert failed_with(outcome, errors.AdminActionProhibitedDuringWeightsWindow)


def test_owner_cut_auto_lock_on_missing_subnet_fails() -> None:
    ext = new_subnet()
    st.Tempo.insert(ext, 7, 0)  # no tempo: never frozen
    outcome = call(ext, ROOT, "sudo_set_owner_cut_auto_lock_enabled", netuid=7, enabled=True)
    assert failed_with(outcome, au.SubnetDoesNotExist)
    assert call(ext, OWNER, "sudo_set_owner_cut_auto_lock_enabled", netuid=NETUID,
                enabled=True).ok
    assert st.OwnerCutAutoLockEnabled.get(ext, NETUID) is True


def test_root_flow_and_version_setters_write() -> None:
    ext = new_subnet()
    assert call(ext, ROOT, "sudo_set_net_tao_flow_enabled", enabled=True).ok
    assert call(ext, ROOT, "sudo_set_tao_flow_smoothing_factor", smoothing_factor=12).ok
    assert call(ext, ROOT, "sudo_set_commit_reveal_version", version=5).ok
    assert call(ext, ROOT, "sudo_set_ck_burn", burn=3).ok
    assert st.NetTaoFlowEnabled.get(ext) is True and st.FlowEmaSmoothingFactor.get(ext) == 12
    assert st.CommitRevealWeightsVersion.get(ext) == 5 and st.CKBurn.get(ext) == 3
    assert deposited(ext, ev.CommitRevealVersionSet(5))
