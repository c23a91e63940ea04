"""root_register (spec §5.2 "Root"), dispatched through the runtime."""

from __future__ import annotations

from runtime.frame.dispatch import UNSIGNED
from runtime.pallets.subtensor import events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.registration.accounts import subnet_account_of
from tests.unit.subtensor_registration.helpers import (
    COLD,
    COLD2,
    HOT,
    HOT2,
    HOT3,
    dispatch,
    error_name,
    has_event,
    new_state,
)


def _with_root(max_uids: int = 64):
    ext = new_state()
    st.NetworksAdded.insert(ext, 0, True)
    st.MaxAllowedUids.insert(ext, 0, max_uids)
    return ext


def _fails_untouched(ext, origin, expected, hotkey) -> None:
    root = ext.storage_root()
    assert error_name(dispatch(ext, origin, "root_register", hotkey=hotkey)) == expected
    assert ext.storage_root() == root


def test_root_register_appends_member_as_delegate() -> None:
    ext = _with_root()
    assert dispatch(ext, COLD, "root_register", hotkey=HOT).ok
    assert st.Uids.get(ext, 0, HOT) == 0 and st.SubnetworkN.get(ext, 0) == 1
    assert bytes(st.Owner.get(ext, HOT)) == COLD
    assert st.Delegates.get(ext, HOT) == 11_796
    assert st.RegistrationsThisBlock.get(ext, 0) == 1
    assert st.RegistrationsThisInterval.get(ext, 0) == 1
    assert has_event(ext, events.NeuronRegistered(0, 0, HOT))


def test_root_register_existing_delegate_keeps_its_take() -> None:
    ext = _with_root()
    st.Delegates.insert(ext, HOT, 100)
    assert dispatch(ext, COLD, "root_register", hotkey=HOT).ok
    assert st.Delegates.get(ext, HOT) == 100


def test_root_register_hotkey_of_other_coldkey_is_not_checked() -> None:
    ext = _with_root()
    st.Owner.insert(ext, HOT, COLD2)
    assert dispatch(ext, COLD, "root_register", hotkey=HOT).ok
    assert bytes(st.Owner.get(ext, HOT)) == COLD2


def test_root_register_without_root_fails_root_network_does_not_exist() -> None:
    ext = new_state()
    _fails_untouched(ext, UNSIGNED, "RootNetworkDoesNotExist", HOT)


def test_root_register_unsigned_fails_bad_origin() -> None:
    ext = _with_root()
    _fails_untouched(ext, UNSIGNED, "BadOrigin", HOT)


def test_root_register_second_in_block_fails_too_many_registrations_this_block() -> None:
    ext = _with_root()
    assert dispatch(ext, COLD, "root_register", hotkey=HOT).ok
    _fails_untouched(ext, COLD, "TooManyRegistrationsThisBlock", HOT2)


def test_root_register_interval_cap_fails_too_many_registrations_this_interval() -> None:
    ext = _with_root()
    st.RegistrationsThisInterval.insert(ext, 0, 6)
    _fails_untouched(ext, COLD, "TooManyRegistrationsThisInterval", HOT)
    st.RegistrationsThisInterval.insert(ext, 0, 5)
    assert dispatch(ext, COLD, "root_register", hotkey=HOT).ok


def test_root_register_twice_fails_hot_key_already_registered_in_sub_net() -> None:
    ext = _with_root()
    assert dispatch(ext, COLD, "root_register", hotkey=HOT).ok
    st.RegistrationsThisBlock.insert(ext, 0, 0)
    _fails_untouched(ext, COLD, "HotKeyAlreadyRegisteredInSubNet", HOT)


def test_root_register_subnet_account_fails_cannot_use_system_account() -> None:
    ext = _with_root()
    _fails_untouched(ext, COLD, "CannotUseSystemAccount", subnet_account_of(2))


def _full_root():
    ext = _with_root(max_uids=2)
    for hotkey in (HOT, HOT2):
        assert dispatch(ext, COLD, "root_register", hotkey=hotkey).ok
        st.RegistrationsThisBlock.insert(ext, 0, 0)
    st.TotalHotkeyAlpha.insert(ext, HOT, 0, 50)
    st.TotalHotkeyAlpha.insert(ext, HOT2, 0, 40)
    return ext


def test_root_register_full_root_replaces_lowest_stake_member() -> None:
    ext = _full_root()
    st.TotalHotkeyAlpha.insert(ext, HOT3, 0, 41)
    assert dispatch(ext, COLD2, "root_register", hotkey=HOT3).ok
    assert st.Uids.get(ext, 0, HOT3) == 1 and st.Uids.get(ext, 0, HOT2) is None
    assert has_event(ext, events.NeuronRegistered(0, 1, HOT3))


def test_root_register_full_root_equal_stake_fails_stake_too_low_for_root() -> None:
    ext = _full_root()
    st.TotalHotkeyAlpha.insert(ext, HOT3, 0, 40)
    _fails_untouched(ext, COLD2, "StakeTooLowForRoot", HOT3)


def test_root_register_zero_max_uids_fails_hot_key_not_registered_in_sub_net() -> None:
    ext = _with_root(max_uids=0)
    _fails_untouched(ext, COLD, "HotKeyNotRegisteredInSubNet", HOT)
