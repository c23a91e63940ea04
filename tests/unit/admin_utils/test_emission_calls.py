"""AdminUtils burn pricing, owner cut, childkey take floor and subnet emission setters."""

from __future__ import annotations

from runtime.frame.dispatch import ROOT, DispatchClass, DispatchError
from runtime.pallets.admin_utils import CALL_INDICES, admin_utils
from runtime.pallets.admin_utils import pallet as au
from runtime.pallets.subtensor import events as ev
from runtime.pallets.subtensor import storage as st
from runtime.primitives.fixed import U64F64
from tests.unit.admin_utils.helpers import (
    NETUID,
    OWNER,
    START,
    STRANGER,
    call,
    deposited,
    failed_with,
    new_subnet,
    snapshot,
)


def test_burn_half_life_out_of_range_fails() -> None:
    ext = new_subnet()
    before = snapshot(ext)
    zero = call(ext, OWNER, "sudo_set_burn_half_life", netuid=NETUID, burn_half_life=0)
    assert failed_with(zero, au.InvalidValue)
    high = call(ext, OWNER, "sudo_set_burn_half_life", netuid=NETUID, burn_half_life=36_101)
    assert failed_with(high, au.InvalidValue)
    assert snapshot(ext) == before


def test_owner_sets_burn_half_life_succeeds_with_admin_event() -> None:
    ext = new_subnet()
    assert call(ext, OWNER, "sudo_set_burn_half_life", netuid=NETUID, burn_half_life=720).ok
    assert st.BurnHalfLife.get(ext, NETUID) == 720
    assert deposited(ext, au.BurnHalfLifeSet(NETUID, 720))


def test_burn_half_life_is_operational() -> None:
    definition = admin_utils.calls[CALL_INDICES["sudo_set_burn_half_life"]]
    info = definition.dispatch_info({"netuid": NETUID, "burn_half_life": 1})
    assert info.dispatch_class is DispatchClass.Operational


def test_burn_increase_mult_bounds() -> None:
    ext = new_subnet()
    low = call(ext, OWNER, "sudo_set_burn_increase_mult", netuid=NETUID,
               burn_increase_mult=U64F64.from_bits((1 << 64) - 1))
    assert failed_with(low, au.InvalidValue)
    two = U64F64.from_bits(2 << 64)
    assert call(ext, OWNER, "sudo_set_burn_increase_mult", netuid=NETUID,
                burn_increase_mult=two).ok
    assert st.BurnIncreaseMult.get(ext, NETUID).bits == 2 << 64


def test_root_subnet_burn_half_life_fails_not_permitted() -> None:
    ext = new_subnet()
    st.NetworksAdded.insert(ext, 0, True)
    st.LastEpochBlock.insert(ext, 0, START)
    outcome = call(ext, ROOT, "sudo_set_burn_half_life", netuid=0, burn_half_life=5)
    assert failed_with(outcome, au.NotPermittedOnRootSubnet)


def test_owner_cut_toggle_by_stranger_fails_bad_origin() -> None:
    ext = new_subnet()
    outcome = call(ext, STRANGER, "sudo_set_owner_cut_enabled", netuid=NETUID, enabled=False)
    assert outcome.error == DispatchError.bad_origin()
    assert call(ext, OWNER, "sudo_set_owner_cut_enabled", netuid=NETUID, enabled=False).ok
    assert st.OwnerCutEnabled.get(ext, NETUID) is False


def test_min_childkey_take_outside_global_bounds_fails() -> None:
    ext = new_subnet()
    above = st.MaxChildkeyTake.get(ext) + 1
    outcome = call(ext, OWNER, "sudo_set_min_childkey_take_per_subnet", netuid=NETUID,
                   take=above)
    assert failed_with(outcome, au.InvalidValue)
    assert call(ext, OWNER, "sudo_set_min_childkey_take_per_subnet", netuid=NETUID,
                take=100).ok
    assert deposited(ext, ev.MinChildKeyTakePerSubnetSet(NETUID, 100))


def test_subnet_emission_switch_is_root_only() -> None:
    ext = new_subnet()
    owner = call(ext, OWNER, "sudo_set_subnet_emission_enabled", netuid=NETUID, enabled=True)
    assert owner.error == DispatchError.bad_origin()
    assert call(ext, ROOT, "sudo_set_subnet_emission_enabled", netuid=NETUID, enabled=True).ok
    assert st.SubnetEmissionEnabled.get(ext, NETUID) is True
    assert deposited(ext, au.SubnetEmissionEnabledSet(NETUID, True))


def test_root_global_delays_write_and_emit() -> None:
    ext = new_subnet()
    assert call(ext, ROOT, "sudo_set_start_call_delay", delay=77).ok
    assert call(ext, ROOT, "sudo_set_coldkey_swap_announcement_delay", duration=99).ok
    assert st.StartCallDelay.get(ext) == 77
    assert st.ColdkeySwapAnnouncementDelay.get(ext) == 99
    assert deposited(ext, ev.StartCallDelaySet(77))
