"""register_network / register_network_with_identity / start_call (spec §5.1, §4.1, §7.1)."""

from __future__ import annotations

from runtime.frame import system
from runtime.pallets import balances
from runtime.pallets.subtensor import events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.registration.accounts import subnet_account_of
from runtime.pallets.subtensor.registration.network import (
    NETWORK_LAST_REGISTERED,
    current_alpha_price_bits,
    median_subnet_alpha_price_bits,
    network_lock_cost,
    network_to_prune,
)
from runtime.primitives.fixed import I96F32
from tests.unit.subtensor_registration.helpers import (
    COLD,
    COLD2,
    HOT,
    HOT2,
    HOT3,
    TAO,
    add_dynamic_subnet,
    dispatch,
    error_name,
    has_event,
    issuance_consistent,
    new_state,
)

LOCK = 1000 * TAO
ACCOUNTS = [COLD, COLD2, *(subnet_account_of(n) for n in range(1, 4))]
IDENTITY = {"subnet_name": b"name", "github_repo": b"repo", "subnet_contact": b"c",
            "subnet_url": b"u", "discord": b"d", "description": b"x", "logo_url": b"l",
            "additional": b""}


def _fails_untouched(ext, origin, call, expected, **args) -> None:
    root = ext.storage_root()
    assert error_name(dispatch(ext, origin, call, **args)) == expected
    assert ext.storage_root() == root
    assert issuance_consistent(ext, ACCOUNTS)


def test_register_network_creates_subnet_with_pool_and_owner() -> None:
    ext = new_state(block=1)
    outcome = dispatch(ext, COLD, "register_network", hotkey=HOT)
    assert outcome.ok
    assert st.NetworksAdded.get(ext, 1) is True and st.SubnetMechanism.get(ext, 1) == 1
    assert st.TotalNetworks.get(ext) == 1
    assert bytes(st.SubnetOwner.get(ext, 1)) == COLD
    assert bytes(st.SubnetOwnerHotkey.get(ext, 1)) == HOT
    assert st.Uids.get(ext, 1, HOT) == 0 and st.SubnetworkN.get(ext, 1) == 1
    assert bytes(st.Owner.get(ext, HOT)) == COLD
    assert balances.free_balance(ext, COLD) == 10_000 * TAO - LOCK
    assert balances.free_balance(ext, subnet_account_of(1)) == LOCK
    assert st.SubnetTAO.get(ext, 1) == LOCK and st.SubnetAlphaIn.get(ext, 1) == LOCK
    assert st.SubnetAlphaOut.get(ext, 1) == 0 and st.SubnetLocked.get(ext, 1) == LOCK
    assert st.TotalStake.get(ext) == LOCK
    assert st.NetworkLastLockCost.get(ext) == LOCK
    assert st.LastRateLimitedBlock.get(ext, NETWORK_LAST_REGISTERED) == 1
    assert st.NetworkRegisteredAt.get(ext, 1) == 1
    assert st.RegisteredSubnetCounter.get(ext, 1) == 1
    assert bytes(st.TokenSymbol.get(ext, 1)) == "\u03b1".encode()
    assert (st.Tempo.get(ext, 1), st.MaxAllowedUids.get(ext, 1), st.ImmunityPeriod.get(ext, 1),
            st.MaxAllowedValidators.get(ext, 1), st.MinAllowedWeights.get(ext, 1)) == (
        360, 256, 5000, 64, 1)
    assert st.Burn.get(ext, 1) == TAO and st.Yuma3On.get(ext, 1) is True
    assert st.SubnetEmissionEnabled.get(ext, 1) is False
    assert st.LastEpochBlock.get(ext, 1) == 0
    assert st.Kappa.contains(ext, 1) and st.ActivityCutoff.contains(ext, 1)
    assert has_event(ext, events.NetworkAdded(1, 1))
    assert has_event(ext, events.SubnetOwnerHotkeySet(1, HOT))
    assert has_event(ext, events.ImmunityPeriodSet(1, 5000))
    assert issuance_consistent(ext, ACCOUNTS)


def test_register_network_second_subnet_pays_doubled_decayed_lock_at_median_price() -> None:
    ext = new_state(block=1)
    assert dispatch(ext, COLD, "register_network", hotkey=HOT).ok
    system.Number.insert(ext, 7201)
    expected = 2 * LOCK - (LOCK // 100_800) * 7200
    assert network_lock_cost(ext) == expected
    assert dispatch(ext, COLD2, "register_network", hotkey=HOT2).ok
    assert balances.free_balance(ext, COLD2) == 10_000 * TAO - expected
    assert st.SubnetTAO.get(ext, 2) == expected and st.SubnetAlphaIn.get(ext, 2) == expected
    assert st.NetworkLastLockCost.get(ext) == expected
    assert bytes(st.TokenSymbol.get(ext, 2)) == "\u03b2".encode()


def test_register_network_reuses_lowest_free_netuid_and_next_free_symbol() -> None:
    ext = new_state(block=1)
    st.NetworksAdded.insert(ext, 2, True)
    st.TokenSymbol.insert(ext, 2, "\u03b1".encode())
    assert dispatch(ext, COLD, "register_network", hotkey=HOT).ok
    assert st.SubnetOwner.get(ext, 1) == COLD
    assert bytes(st.TokenSymbol.get(ext, 1)) == "\u03b2".encode()


def test_register_network_within_rate_limit_fails_network_tx_rate_limit_exceeded() -> None:
    ext = new_state(block=1)
    assert dispatch(ext, COLD, "register_network", hotkey=HOT).ok
    system.Number.insert(ext, 7200)
    _fails_untouched(ext, COLD2, "register_network", "NetworkTxRateLimitExceeded", hotkey=HOT2)


def test_register_network_hotkey_of_other_coldkey_fails_non_associated_cold_key() -> None:
    ext = new_state()
    st.Owner.insert(ext, HOT, COLD2)
    _fails_untouched(ext, COLD, "register_network", "NonAssociatedColdKey", hotkey=HOT)


def test_register_network_subnet_account_hotkey_fails_cannot_use_system_account() -> None:
    ext = new_state()
    _fails_untouched(ext, COLD, "register_network", "CannotUseSystemAccount",
                     hotkey=subnet_account_of(9))


def test_register_network_before_start_block_fails_sub_net_registration_disabled() -> None:
    ext = new_state(block=5)
    st.NetworkRegistrationStartBlock.insert(ext, 6)
    _fails_untouched(ext, COLD, "register_network", "SubNetRegistrationDisabled", hotkey=HOT)


def test_register_network_at_subnet_limit_fails_subnet_limit_reached() -> None:
    ext = new_state()
    st.SubnetLimit.insert(ext, 1)
    st.NetworksAdded.insert(ext, 0, True)
    st.NetworksAdded.insert(ext, 1, True)
    st.NetworkRegisteredAt.insert(ext, 1, 1)
    _fails_untouched(ext, COLD, "register_network", "SubnetLimitReached", hotkey=HOT)


def test_register_network_root_does_not_count_toward_subnet_limit() -> None:
    ext = new_state()
    st.SubnetLimit.insert(ext, 1)
    st.NetworksAdded.insert(ext, 0, True)
    assert dispatch(ext, COLD, "register_network", hotkey=HOT).ok


def test_register_network_below_lock_cost_fails_cannot_afford_lock_cost() -> None:
    ext = new_state(funded=((COLD, LOCK - 1), (COLD2, TAO)))
    _fails_untouched(ext, COLD, "register_network", "CannotAffordLockCost", hotkey=HOT)


def test_register_network_balance_equal_to_lock_locks_all_but_ed_and_pool_gets_min() -> None:
    ext = new_state(funded=((COLD, LOCK), (COLD2, TAO)))
    assert dispatch(ext, COLD, "register_network", hotkey=HOT).ok
    assert balances.free_balance(ext, COLD) == 500
    assert st.SubnetLocked.get(ext, 1) == LOCK - 500
    assert st.SubnetTAO.get(ext, 1) == LOCK
    assert st.RAORecycledForRegistration.get(ext, 1) == 0


def test_register_network_with_identity_stores_identity() -> None:
    ext = new_state()
    assert dispatch(ext, COLD, "register_network_with_identity", hotkey=HOT,
                    identity=IDENTITY).ok
    stored = st.SubnetIdentitiesV3.get(ext, 1)
    assert bytes(stored.subnet_name) == b"name"
    assert has_event(ext, events.SubnetIdentitySet(1))


def test_register_network_with_identity_none_stores_nothing() -> None:
    ext = new_state()
    assert dispatch(ext, COLD, "register_network_with_identity", hotkey=HOT, identity=None).ok
    assert st.SubnetIdentitiesV3.get(ext, 1) is None


def test_register_network_with_identity_long_name_fails_invalid_identity() -> None:
    ext = new_state()
    _fails_untouched(ext, COLD, "register_network_with_identity", "InvalidIdentity",
                     hotkey=HOT, identity={**IDENTITY, "subnet_name": b"n" * 257})


def test_register_network_then_burned_register_on_new_subnet() -> None:
    ext = new_state()
    assert dispatch(ext, COLD, "register_network", hotkey=HOT).ok
    assert dispatch(ext, COLD2, "burned_register", netuid=1, hotkey=HOT3).ok
    assert st.Uids.get(ext, 1, HOT3) == 1
    assert issuance_consistent(ext, ACCOUNTS)


def test_start_call_by_owner_sets_first_emission_block_and_enables_subtoken() -> None:
    ext = new_state(block=3)
    assert dispatch(ext, COLD, "register_network", hotkey=HOT).ok
    assert dispatch(ext, COLD, "start_call", netuid=1).ok
    assert st.FirstEmissionBlockNumber.get(ext, 1) == 4
    assert st.SubtokenEnabled.get(ext, 1) is True
    assert has_event(ext, events.FirstEmissionBlockNumberSet(1, 4))


def test_start_call_unknown_subnet_fails_subnet_not_exists() -> None:
    ext = new_state()
    _fails_untouched(ext, COLD, "start_call", "SubnetNotExists", netuid=1)


def test_start_call_not_owner_fails_bad_origin() -> None:
    ext = new_state()
    assert dispatch(ext, COLD, "register_network", hotkey=HOT).ok
    _fails_untouched(ext, COLD2, "start_call", "BadOrigin", netuid=1)


def test_start_call_twice_fails_first_emission_block_number_already_set() -> None:
    ext = new_state()
    assert dispatch(ext, COLD, "register_network", hotkey=HOT).ok
    assert dispatch(ext, COLD, "start_call", netuid=1).ok
    _fails_untouched(ext, COLD, "start_call", "FirstEmissionBlockNumberAlreadySet", netuid=1)


def test_start_call_before_delay_fails_need_waiting_more_blocks_to_star_call() -> None:
    ext = new_state(block=10)
    st.StartCallDelay.insert(ext, 5)
    assert dispatch(ext, COLD, "register_network", hotkey=HOT).ok
    system.Number.insert(ext, 14)
    _fails_untouched(ext, COLD, "start_call", "NeedWaitingMoreBlocksToStarCall", netuid=1)
    system.Number.insert(ext, 15)
    assert dispatch(ext, COLD, "start_call", netuid=1).ok


def test_register_network_seeds_pool_at_even_median_price() -> None:
    """Reference case register_network_seeds_new_subnet_from_even_median_snapshot: prices
    {5, 2} give a median of 3.5, so the new pool holds floor(TAO / 3.5) alpha."""
    ext = new_state()
    add_dynamic_subnet(ext, 1, tao=500, alpha=100)
    add_dynamic_subnet(ext, 2, tao=200, alpha=100)
    st.TotalNetworks.insert(ext, 2)
    assert median_subnet_alpha_price_bits(ext) == (7 << 64) // 2
    assert dispatch(ext, COLD, "register_network", hotkey=HOT2).ok
    assert st.SubnetTAO.get(ext, 3) == LOCK
    assert st.SubnetAlphaIn.get(ext, 3) == LOCK * 2 // 7
    assert median_subnet_alpha_price_bits(ext) == current_alpha_price_bits(ext, 3)


def test_median_price_ignores_root_and_zero_price_subnets() -> None:
    ext = new_state()
    st.NetworksAdded.insert(ext, 0, True)
    add_dynamic_subnet(ext, 1, tao=300, alpha=100)
    add_dynamic_subnet(ext, 2, tao=300, alpha=0)
    assert median_subnet_alpha_price_bits(ext) == 3 << 64


def _aged_subnets(ext, prices_and_blocks) -> None:
    for netuid, (price, registered) in prices_and_blocks.items():
        st.NetworksAdded.insert(ext, netuid, True)
        st.SubnetMechanism.insert(ext, netuid, 1)
        st.NetworkRegisteredAt.insert(ext, netuid, registered)
        st.SubnetMovingPrice.insert(ext, netuid, I96F32.from_num(price))


def test_network_to_prune_picks_lowest_moving_price_past_immunity() -> None:
    ext = new_state(block=2_000_000)
    _aged_subnets(ext, {1: (5, 10), 2: (2, 20), 3: (1, 1_999_000)})
    assert network_to_prune(ext) == 2


def test_network_to_prune_tie_goes_to_earliest_registration() -> None:
    ext = new_state(block=2_000_000)
    _aged_subnets(ext, {1: (2, 30), 2: (2, 20)})
    assert network_to_prune(ext) == 2


def test_network_to_prune_all_immune_is_none() -> None:
    ext = new_state(block=1_000)
    _aged_subnets(ext, {1: (2, 30)})
    assert network_to_prune(ext) is None
