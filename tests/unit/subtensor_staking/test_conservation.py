"""Property: staking calls neither create nor destroy TAO (spec §4.1–§4.3).

After any sequence of add/remove/move/swap/transfer/unstake calls, successful or not:
Σ free balances of the people + Σ SubnetTAO + fees paid to the author == TotalIssuance, and
every subnet account holds exactly its SubnetTAO.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from runtime.pallets import balances
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.staking import accounts
from tests.unit.subtensor_staking.helpers import (
    AUTHOR,
    COLDKEY,
    HOTKEY,
    OTHER_COLDKEY,
    OTHER_HOTKEY,
    TAO,
    add_hotkey,
    call,
    free,
    fund,
    staking_world,
)

NETUIDS = (0, 1, 2)
PEOPLE = (COLDKEY, OTHER_COLDKEY)
HOTKEYS = (HOTKEY, OTHER_HOTKEY)

_amount = hs.one_of(hs.integers(min_value=1, max_value=200).map(lambda k: k * 50_000_000),
                    hs.integers(min_value=0, max_value=60 * TAO))
_netuid = hs.sampled_from(NETUIDS)
_hotkey = hs.sampled_from(HOTKEYS)
_who = hs.sampled_from(PEOPLE)

_ADD = hs.builds(lambda h, n, a, w: (w, "add_stake", {"hotkey": h, "netuid": n,
                                                     "amount_staked": a}),
                 _hotkey, _netuid, _amount, _who)
_REMOVE = hs.builds(lambda h, n, a, w: (w, "remove_stake", {"hotkey": h, "netuid": n,
                                                           "amount_unstaked": a}),
                    _hotkey, _netuid, _amount, _who)
_ADD_LIMIT = hs.builds(lambda h, n, a, p, w: (w, "add_stake_limit", {
    "hotkey": h, "netuid": n, "amount_staked": a, "limit_price": p, "allow_partial": True}),
    _hotkey, _netuid, _amount, hs.integers(0, 3 * TAO), _who)
_REMOVE_LIMIT = hs.builds(lambda h, n, a, p, w: (w, "remove_stake_limit", {
    "hotkey": h, "netuid": n, "amount_unstaked": a, "limit_price": p, "allow_partial": True}),
    _hotkey, _netuid, _amount, hs.integers(0, 3 * TAO), _who)
_MOVE = hs.builds(lambda h1, h2, n1, n2, a, w: (w, "move_stake", {
    "origin_hotkey": h1, "destination_hotkey": h2, "origin_netuid": n1,
    "destination_netuid": n2, "alpha_amount": a}), _hotkey, _hotkey, _netuid, _netuid, _amount,
    _who)
_SWAP = hs.builds(lambda h, n1, n2, a, w: (w, "swap_stake", {
    "hotkey": h, "origin_netuid": n1, "destination_netuid": n2, "alpha_amount": a}),
    _hotkey, _netuid, _netuid, _amount, _who)
_TRANSFER = hs.builds(lambda d, h, n1, n2, a, w: (w, "transfer_stake", {
    "destination_coldkey": d, "hotkey": h, "origin_netuid": n1, "destination_netuid": n2,
    "alpha_amount": a}), _who, _hotkey, _netuid, _netuid, _amount, _who)
_UNSTAKE_ALL = hs.builds(lambda h, w, alpha_only: (
    w, "unstake_all_alpha" if alpha_only else "unstake_all", {"hotkey": h}),
    _hotkey, _who, hs.booleans())
OPERATION = hs.one_of(_ADD, _REMOVE, _ADD_LIMIT, _REMOVE_LIMIT, _MOVE, _SWAP, _TRANSFER,
                      _UNSTAKE_ALL)


def _world() -> Any:
    ext = staking_world()
    fund(ext, OTHER_COLDKEY, 100 * TAO)
    add_hotkey(ext, OTHER_HOTKEY, OTHER_COLDKEY)
    for who in PEOPLE:
        for hotkey in HOTKEYS:
            for netuid in NETUIDS:
                assert call(ext, who, "add_stake", hotkey=hotkey, netuid=netuid,
                            amount_staked=5 * TAO).ok
    return ext


def _check_conserved(ext: Any) -> None:
    reserves = sum(int(st.SubnetTAO.get(ext, n)) for n in NETUIDS)
    people = sum(free(ext, who) for who in PEOPLE)
    fees = free(ext, AUTHOR)
    assert people + reserves + fees == balances.total_issuance(ext)
    for netuid in NETUIDS:
        assert free(ext, accounts.subnet_account_of(netuid)) == st.SubnetTAO.get(ext, netuid)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hs.lists(OPERATION, min_size=1, max_size=12))
def test_staking_calls_conserve_tao(operations: list[tuple[bytes, str, dict[str, Any]]]) -> None:
    ext = _world()
    _check_conserved(ext)
    for who, name, args in operations:
        call(ext, who, name, **args)
        _check_conserved(ext)


def test_staking_round_trip_conserves_tao_and_pays_fees() -> None:
    ext = _world()
    assert call(ext, COLDKEY, "add_stake", hotkey=HOTKEY, netuid=1, amount_staked=30 * TAO).ok
    assert call(ext, COLDKEY, "swap_stake", hotkey=HOTKEY, origin_netuid=1,
                destination_netuid=2, alpha_amount=10 * TAO).ok
    assert call(ext, COLDKEY, "unstake_all", hotkey=HOTKEY).ok
    _check_conserved(ext)
    assert free(ext, AUTHOR) > 0
