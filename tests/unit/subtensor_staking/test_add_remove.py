"""SubtensorModule add_stake / remove_stake and their limit variants (spec §4.3)."""

from __future__ import annotations

from typing import Any

from runtime.pallets import balances
from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.staking import accounts
from runtime.pallets.swap import pallet as swap_pallet
from runtime.primitives.fixed import I96F32
from tests.unit.subtensor_staking.helpers import (
    AUTHOR,
    COLDKEY,
    HOTKEY,
    NETUID,
    OTHER_COLDKEY,
    OTHER_HOTKEY,
    TAO,
    add_hotkey,
    call,
    deposited,
    free,
    fund,
    snapshot,
    stake,
    staking_world,
)


def _fails_untouched(ext: Any, error: Any, name: str, who: bytes = COLDKEY, **args: Any) -> None:
    before = snapshot(ext)
    outcome = call(ext, who, name, **args)
    assert outcome.error == error()
    assert snapshot(ext) == before


def _add(**args: Any) -> dict[str, Any]:
    return {"hotkey": HOTKEY, "netuid": NETUID, "amount_staked": 10 * TAO} | args


def _remove(**args: Any) -> dict[str, Any]:
    return {"hotkey": HOTKEY, "netuid": NETUID, "amount_unstaked": TAO} | args


def test_add_stake_valid_buys_alpha_and_pays_author() -> None:
    ext = staking_world()
    outcome = call(ext, COLDKEY, "add_stake", **_add())
    assert outcome.ok
    alpha = stake(ext)
    fee = free(ext, AUTHOR)
    assert 0 < alpha < 10 * TAO and fee == 10 * TAO * 33 // 65535
    assert free(ext, COLDKEY) == 90 * TAO
    assert st.SubnetTAO.get(ext, NETUID) == 1010 * TAO - fee
    assert st.SubnetAlphaOut.get(ext, NETUID) == alpha
    assert st.SubnetAlphaIn.get(ext, NETUID) == 1000 * TAO - alpha
    assert st.TotalStake.get(ext) == 10 * TAO
    assert st.SubnetVolume.get(ext, NETUID) == 10 * TAO
    assert [bytes(k) for k in st.StakingHotkeys.get(ext, COLDKEY)] == [HOTKEY]
    assert swap_pallet.PalSwapInitialized.get(ext, NETUID)
    assert deposited(ext, events.StakeAdded(COLDKEY, HOTKEY, 10 * TAO, alpha, NETUID, fee))


def test_add_stake_subnet_missing_fails_subnet_not_exists() -> None:
    _fails_untouched(staking_world(), errors.SubnetNotExists, "add_stake", **_add(netuid=9))


def test_add_stake_subtoken_disabled_fails_subtoken_disabled() -> None:
    ext = staking_world()
    st.SubtokenEnabled.insert(ext, NETUID, False)
    _fails_untouched(ext, errors.SubtokenDisabled, "add_stake", **_add())


def test_add_stake_below_minimum_fails_amount_too_low() -> None:
    ext = staking_world()
    _fails_untouched(ext, errors.AmountTooLow, "add_stake", **_add(amount_staked=2_000_000))


def test_add_stake_more_than_balance_fails_not_enough_balance_to_stake() -> None:
    ext = staking_world()
    _fails_untouched(ext, errors.NotEnoughBalanceToStake, "add_stake",
                     **_add(amount_staked=100 * TAO + 1))


def test_add_stake_unknown_hotkey_fails_hotkey_account_not_exists() -> None:
    ext = staking_world()
    _fails_untouched(ext, errors.HotKeyAccountNotExists, "add_stake",
                     **_add(hotkey=b"\x99" * 32))


def test_add_stake_over_thousand_times_reserve_fails_insufficient_liquidity() -> None:
    ext = staking_world()
    st.SubnetTAO.insert(ext, NETUID, 1_000_000)
    _fails_untouched(ext, errors.InsufficientLiquidity, "add_stake", **_add())


def test_add_stake_whole_balance_keeps_existential_deposit() -> None:
    ext = staking_world()
    assert call(ext, COLDKEY, "add_stake", **_add(amount_staked=100 * TAO)).ok
    assert free(ext, COLDKEY) == balances.EXISTENTIAL_DEPOSIT


def test_add_stake_limit_over_maximum_fails_slippage_too_high() -> None:
    ext = staking_world()
    _fails_untouched(ext, errors.SlippageTooHigh, "add_stake_limit",
                     **_add(amount_staked=50 * TAO, limit_price=1_010_000_000,
                            allow_partial=False))


def test_add_stake_limit_partial_stops_at_limit_price() -> None:
    ext = staking_world()
    outcome = call(ext, COLDKEY, "add_stake_limit", **_add(
        amount_staked=50 * TAO, limit_price=1_010_000_000, allow_partial=True))
    assert outcome.ok
    spent = 100 * TAO - free(ext, COLDKEY)
    assert 4 * TAO < spent < 6 * TAO
    tao, alpha = st.SubnetTAO.get(ext, NETUID), st.SubnetAlphaIn.get(ext, NETUID)
    assert tao * 1_000_000_000 // alpha <= 1_010_000_000


def test_add_stake_limit_root_below_price_one_fails_slippage_too_high() -> None:
    ext = staking_world()
    _fails_untouched(ext, errors.SlippageTooHigh, "add_stake_limit",
                     **_add(netuid=0, limit_price=TAO - 1, allow_partial=False))


def test_add_stake_root_is_one_to_one_without_fee() -> None:
    ext = staking_world()
    assert call(ext, COLDKEY, "add_stake", **_add(netuid=0)).ok
    assert stake(ext, netuid=0) == 10 * TAO and free(ext, AUTHOR) == 0
    assert st.SubnetTAO.get(ext, 0) == 10 * TAO
    assert free(ext, accounts.subnet_account_of(0)) == 10 * TAO


def _staked_world() -> Any:
    ext = staking_world()
    assert call(ext, COLDKEY, "add_stake", **_add()).ok
    return ext


def test_remove_stake_valid_pays_tao_to_coldkey() -> None:
    ext = _staked_world()
    before, alpha = free(ext, COLDKEY), stake(ext)
    assert call(ext, COLDKEY, "remove_stake", **_remove()).ok
    assert stake(ext) == alpha - TAO
    received = free(ext, COLDKEY) - before
    assert TAO < received < TAO * 102 // 100
    assert deposited(ext, events.StakeRemoved(COLDKEY, HOTKEY, received,
                                              TAO - TAO * 33 // 65535, NETUID,
                                              TAO * 33 // 65535))


def test_remove_stake_more_than_held_is_capped() -> None:
    ext = _staked_world()
    assert call(ext, COLDKEY, "remove_stake", **_remove(amount_unstaked=1000 * TAO)).ok
    assert stake(ext) == 0
    assert st.SubnetAlphaOut.get(ext, NETUID) == 0


def test_remove_stake_zero_stake_fails_amount_too_low() -> None:
    _fails_untouched(staking_world(), errors.AmountTooLow, "remove_stake", **_remove())


def test_remove_stake_leaving_dust_tao_fails_amount_too_low() -> None:
    ext = _staked_world()
    _fails_untouched(ext, errors.AmountTooLow, "remove_stake", **_remove(amount_unstaked=1000))


def test_remove_stake_subtoken_disabled_fails_subtoken_disabled() -> None:
    ext = _staked_world()
    st.SubtokenEnabled.insert(ext, NETUID, False)
    _fails_untouched(ext, errors.SubtokenDisabled, "remove_stake", **_remove())


def test_remove_stake_subnet_missing_fails_subnet_not_exists() -> None:
    ext = _staked_world()
    st.SubtokenEnabled.insert(ext, 9, True)
    _fails_untouched(ext, errors.SubnetNotExists, "remove_stake", **_remove(netuid=9))


def test_remove_stake_limit_more_than_held_fails_not_enough_stake_to_withdraw() -> None:
    ext = _staked_world()
    _fails_untouched(ext, errors.NotEnoughStakeToWithdraw, "remove_stake_limit",
                     **_remove(amount_unstaked=1000 * TAO, limit_price=0, allow_partial=False))


def test_remove_stake_limit_over_maximum_fails_slippage_too_high() -> None:
    ext = _staked_world()
    _fails_untouched(ext, errors.SlippageTooHigh, "remove_stake_limit",
                     **_remove(amount_unstaked=9 * TAO, limit_price=1_015_000_000,
                               allow_partial=False))


def test_remove_stake_limit_partial_stops_at_limit_price() -> None:
    ext = _staked_world()
    alpha = stake(ext)
    assert call(ext, COLDKEY, "remove_stake_limit", **_remove(
        amount_unstaked=9 * TAO, limit_price=1_015_000_000, allow_partial=True)).ok
    assert 0 < alpha - stake(ext) < 9 * TAO
    tao, alpha_in = st.SubnetTAO.get(ext, NETUID), st.SubnetAlphaIn.get(ext, NETUID)
    assert tao * 1_000_000_000 // alpha_in >= 1_014_000_000


def test_remove_stake_full_limit_without_limit_unstakes_everything() -> None:
    ext = _staked_world()
    assert call(ext, COLDKEY, "remove_stake_full_limit", hotkey=HOTKEY, netuid=NETUID,
                limit_price=None).ok
    assert stake(ext) == 0


def test_remove_stake_small_nomination_is_cleared() -> None:
    ext = staking_world()
    st.NominatorMinRequiredStake.insert(ext, 10_000_000)
    fund(ext, OTHER_COLDKEY, 10 * TAO)
    add_hotkey(ext, OTHER_HOTKEY, COLDKEY)
    assert call(ext, OTHER_COLDKEY, "add_stake", **_add(hotkey=OTHER_HOTKEY, amount_staked=TAO)).ok
    held = stake(ext, OTHER_HOTKEY, OTHER_COLDKEY)
    assert call(ext, OTHER_COLDKEY, "remove_stake", **_remove(
        hotkey=OTHER_HOTKEY, amount_unstaked=held - 10_000_000)).ok
    assert stake(ext, OTHER_HOTKEY, OTHER_COLDKEY) == 0


def test_unstake_all_sells_every_subnet_including_root() -> None:
    ext = _staked_world()
    assert call(ext, COLDKEY, "add_stake", **_add(netuid=0)).ok
    assert call(ext, COLDKEY, "unstake_all", hotkey=HOTKEY).ok
    assert stake(ext) == 0 and stake(ext, netuid=0) == 0


def test_unstake_all_unknown_hotkey_fails_hotkey_account_not_exists() -> None:
    _fails_untouched(staking_world(), errors.HotKeyAccountNotExists, "unstake_all",
                     hotkey=b"\x99" * 32)


def test_unstake_all_alpha_restakes_on_root() -> None:
    ext = _staked_world()
    before = free(ext, COLDKEY)
    assert call(ext, COLDKEY, "unstake_all_alpha", hotkey=HOTKEY).ok
    assert stake(ext) == 0 and free(ext, COLDKEY) == before
    assert 9 * TAO < stake(ext, netuid=0) < 10 * TAO


def test_unstake_all_alpha_nothing_staked_fails_amount_too_low() -> None:
    _fails_untouched(staking_world(), errors.AmountTooLow, "unstake_all_alpha", hotkey=HOTKEY)


def test_add_stake_root_indexes_coldkey_and_marks_root_claimed() -> None:
    ext = staking_world()
    st.RootClaimable.insert(ext, HOTKEY, {NETUID: I96F32.from_num(1) / I96F32.from_num(2)})
    assert call(ext, COLDKEY, "add_stake", **_add(netuid=0)).ok
    assert st.StakingColdkeys.get(ext, COLDKEY) == 0 and st.NumStakingColdkeys.get(ext) == 1
    assert bytes(st.StakingColdkeysByIndex.get(ext, 0)) == COLDKEY
    assert st.RootClaimed.get(ext, NETUID, HOTKEY, COLDKEY) == 5 * TAO


def test_remove_stake_root_all_unindexes_coldkey_and_lowers_root_claimed() -> None:
    ext = staking_world()
    st.RootClaimable.insert(ext, HOTKEY, {NETUID: I96F32.from_num(1) / I96F32.from_num(2)})
    assert call(ext, COLDKEY, "add_stake", **_add(netuid=0)).ok
    assert call(ext, COLDKEY, "remove_stake", **_remove(netuid=0, amount_unstaked=10 * TAO)).ok
    assert not st.StakingColdkeys.contains(ext, COLDKEY) and st.NumStakingColdkeys.get(ext) == 0
    assert st.RootClaimed.get(ext, NETUID, HOTKEY, COLDKEY) == 0


def test_remove_stake_below_stake_threshold_drops_pending_child_keys() -> None:
    ext = _staked_world()
    st.StakeThreshold.insert(ext, 1000 * TAO)
    st.PendingChildKeys.insert(ext, NETUID, HOTKEY, ([(1, OTHER_HOTKEY)], 5))
    assert call(ext, COLDKEY, "remove_stake", **_remove()).ok
    assert not st.PendingChildKeys.contains(ext, NETUID, HOTKEY)


def test_add_stake_without_author_sends_fee_to_burn_account() -> None:
    ext = staking_world(author=False)
    assert call(ext, COLDKEY, "add_stake", **_add()).ok
    assert free(ext, accounts.BURN_ACCOUNT) == 10 * TAO * 33 // 65535
    assert free(ext, accounts.subnet_account_of(NETUID)) == st.SubnetTAO.get(ext, NETUID)
