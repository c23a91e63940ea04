"""burned_register / register / register_limit (spec §5.2), dispatched through the runtime."""

from __future__ import annotations

from runtime.frame.dispatch import UNSIGNED
from runtime.pallets import balances
from runtime.pallets.subtensor import events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.registration.accounts import subnet_account_of
from tests.unit.subtensor_registration.helpers import (
    COLD,
    COLD2,
    HOT,
    HOT2,
    TAO,
    add_dynamic_subnet,
    dispatch,
    error_name,
    has_event,
    issuance_consistent,
    new_state,
)

ACCOUNTS = [COLD, COLD2, subnet_account_of(1)]


def _fails_untouched(ext, origin, call, expected, **args) -> None:
    root = ext.storage_root()
    outcome = dispatch(ext, origin, call, **args)
    assert error_name(outcome) == expected
    assert ext.storage_root() == root
    assert issuance_consistent(ext, ACCOUNTS)


def test_burned_register_appends_uid_and_pays_burn_into_pool() -> None:
    ext = new_state()
    add_dynamic_subnet(ext)
    outcome = dispatch(ext, COLD, "burned_register", netuid=1, hotkey=HOT)
    assert outcome.ok
    assert st.Uids.get(ext, 1, HOT) == 1 and bytes(st.Keys.get(ext, 1, 1)) == HOT
    assert st.SubnetworkN.get(ext, 1) == 2
    assert bytes(st.Owner.get(ext, HOT)) == COLD
    assert [bytes(k) for k in st.OwnedHotkeys.get(ext, COLD)] == [HOT]
    assert st.IsNetworkMember.get(ext, HOT, 1) is True
    assert st.BlockAtRegistration.get(ext, 1, 1) == 1
    assert list(st.Emission.get(ext, 1)) == [0, 0]
    assert list(st.ValidatorPermit.get(ext, 1)) == [False, False]
    assert list(st.LastUpdate.get(ext, 1)) == [0, 1]
    assert balances.free_balance(ext, COLD) == 10_000 * TAO - TAO
    assert balances.free_balance(ext, subnet_account_of(1)) == TAO
    fee = TAO * 33 // 65535
    assert st.SubnetTAO.get(ext, 1) == 1000 * TAO + TAO - fee
    assert st.SubnetAlphaOut.get(ext, 1) == 0
    assert st.SubnetAlphaIn.get(ext, 1) < 1000 * TAO
    assert st.TotalStake.get(ext) == TAO
    assert st.RAORecycledForRegistration.get(ext, 1) == TAO
    assert st.RegistrationsThisBlock.get(ext, 1) == 1
    assert st.SubnetTaoFlow.get(ext, 1) == TAO
    assert st.Burn.get(ext, 1) == 1_260_000_000
    assert has_event(ext, events.NeuronRegistered(1, 1, HOT))
    assert has_event(ext, events.RAORecycledForRegistrationSet(1, TAO))
    assert issuance_consistent(ext, ACCOUNTS)


def test_burned_register_twice_in_a_block_bumps_burn_each_time() -> None:
    ext = new_state()
    add_dynamic_subnet(ext)
    assert dispatch(ext, COLD, "burned_register", netuid=1, hotkey=HOT).ok
    assert dispatch(ext, COLD2, "burned_register", netuid=1, hotkey=HOT2).ok
    assert st.Burn.get(ext, 1) == 1_587_600_000
    assert balances.free_balance(ext, COLD2) == 10_000 * TAO - 1_260_000_000
    assert st.RegistrationsThisBlock.get(ext, 1) == 2


def test_burned_register_balance_equal_to_burn_moves_all_but_ed() -> None:
    ext = new_state(funded=((COLD, TAO), (COLD2, TAO)))
    add_dynamic_subnet(ext)
    assert dispatch(ext, COLD, "burned_register", netuid=1, hotkey=HOT).ok
    assert balances.free_balance(ext, COLD) == 500
    assert balances.free_balance(ext, subnet_account_of(1)) == TAO - 500
    assert st.RAORecycledForRegistration.get(ext, 1) == TAO
    assert st.SubnetTaoFlow.get(ext, 1) == TAO - 500


def test_burned_register_unsigned_fails_bad_origin() -> None:
    ext = new_state()
    add_dynamic_subnet(ext)
    _fails_untouched(ext, UNSIGNED, "burned_register", "BadOrigin", netuid=1, hotkey=HOT)


def test_burned_register_on_root_fails_registration_not_permitted_on_root_subnet() -> None:
    ext = new_state()
    st.NetworksAdded.insert(ext, 0, True)
    _fails_untouched(ext, COLD, "burned_register", "RegistrationNotPermittedOnRootSubnet",
                     netuid=0, hotkey=HOT)


def test_burned_register_unknown_subnet_fails_subnet_not_exists() -> None:
    ext = new_state()
    _fails_untouched(ext, COLD, "burned_register", "SubnetNotExists", netuid=3, hotkey=HOT)


def test_burned_register_disabled_fails_sub_net_registration_disabled() -> None:
    ext = new_state()
    add_dynamic_subnet(ext)
    st.NetworkRegistrationAllowed.insert(ext, 1, False)
    _fails_untouched(ext, COLD, "burned_register", "SubNetRegistrationDisabled",
                     netuid=1, hotkey=HOT)


def test_burned_register_same_hotkey_fails_hot_key_already_registered_in_sub_net() -> None:
    ext = new_state()
    add_dynamic_subnet(ext)
    assert dispatch(ext, COLD, "burned_register", netuid=1, hotkey=HOT).ok
    _fails_untouched(ext, COLD, "burned_register", "HotKeyAlreadyRegisteredInSubNet",
                     netuid=1, hotkey=HOT)


def test_burned_register_balance_below_burn_fails_not_enough_balance_to_stake() -> None:
    ext = new_state(funded=((COLD, TAO - 1), (COLD2, TAO)))
    add_dynamic_subnet(ext)
    _fails_untouched(ext, COLD, "burned_register", "NotEnoughBalanceToStake",
                     netuid=1, hotkey=HOT)


def test_burned_register_hotkey_of_other_coldkey_fails_non_associated_cold_key() -> None:
    ext = new_state()
    add_dynamic_subnet(ext)
    st.Owner.insert(ext, HOT, COLD2)
    _fails_untouched(ext, COLD, "burned_register", "NonAssociatedColdKey", netuid=1, hotkey=HOT)


def test_burned_register_subnet_account_hotkey_fails_cannot_use_system_account() -> None:
    ext = new_state()
    add_dynamic_subnet(ext)
    _fails_untouched(ext, COLD, "burned_register", "CannotUseSystemAccount",
                     netuid=1, hotkey=subnet_account_of(5))


def test_burned_register_zero_max_uids_fails_no_neuron_id_available() -> None:
    ext = new_state()
    add_dynamic_subnet(ext)
    st.MaxAllowedUids.insert(ext, 1, 0)
    _fails_untouched(ext, COLD, "burned_register", "NoNeuronIdAvailable", netuid=1, hotkey=HOT)


def test_burned_register_full_with_only_owner_fails_no_neuron_id_available() -> None:
    ext = new_state()
    add_dynamic_subnet(ext)
    st.MaxAllowedUids.insert(ext, 1, 1)
    _fails_untouched(ext, COLD, "burned_register", "NoNeuronIdAvailable", netuid=1, hotkey=HOT)


def test_burned_register_tiny_pool_fails_reserves_too_low() -> None:
    ext = new_state()
    add_dynamic_subnet(ext, alpha=999_999)
    _fails_untouched(ext, COLD, "burned_register", "ReservesTooLow", netuid=1, hotkey=HOT)


def test_register_ignores_pow_arguments_and_registers() -> None:
    ext = new_state()
    add_dynamic_subnet(ext)
    outcome = dispatch(ext, COLD, "register", netuid=1, block_number=7, nonce=9,
                       work=b"\x01\x02\x03", hotkey=HOT, coldkey=COLD2)
    assert outcome.ok
    assert bytes(st.Owner.get(ext, HOT)) == COLD
    assert balances.free_balance(ext, COLD2) == 10_000 * TAO


def test_register_limit_at_price_succeeds() -> None:
    ext = new_state()
    add_dynamic_subnet(ext)
    assert dispatch(ext, COLD, "register_limit", netuid=1, hotkey=HOT, limit_price=TAO).ok
    assert st.Uids.get(ext, 1, HOT) == 1


def test_register_limit_below_price_fails_registration_price_limit_exceeded() -> None:
    ext = new_state()
    add_dynamic_subnet(ext)
    _fails_untouched(ext, COLD, "register_limit", "RegistrationPriceLimitExceeded",
                     netuid=1, hotkey=HOT, limit_price=TAO - 1)


def test_register_limit_on_root_fails_registration_not_permitted_on_root_subnet() -> None:
    ext = new_state()
    _fails_untouched(ext, COLD, "register_limit", "RegistrationNotPermittedOnRootSubnet",
                     netuid=0, hotkey=HOT, limit_price=0)


def test_burned_register_pads_missing_last_update_to_subnetwork_n() -> None:
    """Reference case test_last_update_correctness: LastUpdate absent with SubnetworkN 3."""
    ext = new_state(block=7)
    add_dynamic_subnet(ext)
    st.SubnetworkN.insert(ext, 1, 3)
    st.LastUpdate.remove(ext, 1)
    assert dispatch(ext, COLD, "burned_register", netuid=1, hotkey=HOT).ok
    assert st.Uids.get(ext, 1, HOT) == 3
    assert list(st.LastUpdate.get(ext, 1)) == [0, 0, 0, 7]
