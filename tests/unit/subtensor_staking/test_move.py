"""SubtensorModule move_stake / transfer_stake / swap_stake / swap_stake_limit (spec §4.3)."""

from __future__ import annotations

from typing import Any

from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from tests.unit.subtensor_staking.helpers import (
    AUTHOR,
    COLDKEY,
    HOTKEY,
    NETUID,
    OTHER_COLDKEY,
    OTHER_HOTKEY,
    OTHER_NETUID,
    TAO,
    call,
    deposited,
    free,
    snapshot,
    stake,
    staking_world,
)


def _world() -> Any:
    ext = staking_world()
    assert call(ext, COLDKEY, "add_stake", hotkey=HOTKEY, netuid=NETUID,
                amount_staked=10 * TAO).ok
    return ext


def _fails_untouched(ext: Any, error: Any, name: str, **args: Any) -> None:
    before = snapshot(ext)
    assert call(ext, COLDKEY, name, **args).error == error()
    assert snapshot(ext) == before


def _move(**args: Any) -> dict[str, Any]:
    return {"origin_hotkey": HOTKEY, "destination_hotkey": OTHER_HOTKEY, "origin_netuid": NETUID,
            "destination_netuid": NETUID, "alpha_amount": TAO} | args


def _swap(**args: Any) -> dict[str, Any]:
    return {"hotkey": HOTKEY, "origin_netuid": NETUID, "destination_netuid": OTHER_NETUID,
            "alpha_amount": 2 * TAO} | args


def test_move_stake_same_subnet_transfers_shares_without_fee() -> None:
    ext = _world()
    alpha, author = stake(ext), free(ext, AUTHOR)
    assert call(ext, COLDKEY, "move_stake", **_move()).ok
    assert stake(ext) == alpha - TAO and stake(ext, OTHER_HOTKEY) == TAO
    assert free(ext, AUTHOR) == author
    tao = st.SubnetTAO.get(ext, NETUID) * TAO // st.SubnetAlphaIn.get(ext, NETUID)
    assert abs(tao - 1_020_000_000) < 10_000_000
    assert any(deposited(ext, events.StakeMoved(COLDKEY, HOTKEY, NETUID, OTHER_HOTKEY, NETUID,
                                                value)) for value in range(tao - 2, tao + 3))


def test_move_stake_same_hotkey_and_subnet_fails_same_netuid() -> None:
    _fails_untouched(_world(), errors.SameNetuid, "move_stake",
                     **_move(destination_hotkey=HOTKEY))


def test_move_stake_destination_subnet_missing_fails_subnet_not_exists() -> None:
    _fails_untouched(_world(), errors.SubnetNotExists, "move_stake",
                     **_move(destination_netuid=9))


def test_move_stake_subtoken_disabled_fails_subtoken_disabled() -> None:
    ext = _world()
    st.SubtokenEnabled.insert(ext, OTHER_NETUID, False)
    _fails_untouched(ext, errors.SubtokenDisabled, "move_stake",
                     **_move(destination_netuid=OTHER_NETUID))


def test_move_stake_unknown_destination_fails_hotkey_account_not_exists() -> None:
    _fails_untouched(_world(), errors.HotKeyAccountNotExists, "move_stake",
                     **_move(destination_hotkey=b"\x99" * 32))


def test_move_stake_same_subnet_dust_fails_amount_too_low() -> None:
    _fails_untouched(_world(), errors.AmountTooLow, "move_stake", **_move(alpha_amount=1000))


def test_move_stake_across_subnets_dust_fails_amount_too_low() -> None:
    _fails_untouched(_world(), errors.AmountTooLow, "move_stake",
                     **_move(destination_netuid=OTHER_NETUID, alpha_amount=1000))


def test_swap_stake_across_subnets_unstakes_and_restakes() -> None:
    ext = _world()
    alpha = stake(ext)
    assert call(ext, COLDKEY, "swap_stake", **_swap()).ok
    assert stake(ext) == alpha - 2 * TAO
    assert TAO < stake(ext, netuid=OTHER_NETUID) < 2 * TAO
    assert st.SubnetTaoFlow.get(ext, OTHER_NETUID) > 0


def test_swap_stake_same_subnet_fails_same_netuid() -> None:
    _fails_untouched(_world(), errors.SameNetuid, "swap_stake",
                     **_swap(destination_netuid=NETUID))


def test_swap_stake_limit_price_ratio_unmet_fails_slippage_too_high() -> None:
    _fails_untouched(_world(), errors.SlippageTooHigh, "swap_stake_limit",
                     **_swap(limit_price=2 * TAO, allow_partial=False))


def test_swap_stake_limit_partial_moves_part() -> None:
    ext = _world()
    alpha = stake(ext)
    assert call(ext, COLDKEY, "swap_stake_limit",
                **_swap(alpha_amount=9 * TAO, limit_price=500_000_000, allow_partial=True)).ok
    assert alpha - 9 * TAO <= stake(ext) < alpha
    assert stake(ext, netuid=OTHER_NETUID) > 0


def test_transfer_stake_gives_stake_to_other_coldkey() -> None:
    ext = _world()
    alpha = stake(ext)
    assert call(ext, COLDKEY, "transfer_stake", destination_coldkey=OTHER_COLDKEY,
                hotkey=HOTKEY, origin_netuid=NETUID, destination_netuid=NETUID,
                alpha_amount=TAO).ok
    assert stake(ext) == alpha - TAO and stake(ext, HOTKEY, OTHER_COLDKEY) == TAO


def test_transfer_stake_toggle_off_fails_transfer_disallowed() -> None:
    ext = _world()
    st.TransferToggle.insert(ext, NETUID, False)
    _fails_untouched(ext, errors.TransferDisallowed, "transfer_stake",
                     destination_coldkey=OTHER_COLDKEY, hotkey=HOTKEY, origin_netuid=NETUID,
                     destination_netuid=NETUID, alpha_amount=TAO)


def test_transfer_stake_more_than_held_is_capped() -> None:
    ext = _world()
    alpha = stake(ext)
    assert call(ext, COLDKEY, "transfer_stake", destination_coldkey=OTHER_COLDKEY,
                hotkey=HOTKEY, origin_netuid=NETUID, destination_netuid=OTHER_NETUID,
                alpha_amount=1000 * TAO).ok
    assert stake(ext) == 0
    assert stake(ext, HOTKEY, OTHER_COLDKEY, OTHER_NETUID) > alpha // 2
