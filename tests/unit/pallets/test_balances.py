"""Balances: calls, the ED law (providers, reaping, dust), issuance, genesis and SCALE shapes."""

from __future__ import annotations

import pytest

from runtime.frame import system
from runtime.frame.dispatch import ROOT, DispatchError, Pays, Signed
from runtime.pallets.balances import (
    GenesisConfigError,
    Precision,
    Preservation,
    build_genesis,
    drop_credit,
    ensure_upgraded,
    free_balance,
    issue,
    mint_into,
    resolve,
    transfer,
    withdraw,
)
from runtime.pallets.balances import calls as bc
from runtime.pallets.balances.invariants import try_state
from runtime.pallets.balances.pallet import (
    InactiveIssuance,
    Locks,
    TotalIssuance,
    balances,
)
from runtime.pallets.balances.types import Fortitude
from runtime.primitives.hashing import storage_prefix
from runtime.primitives.scale import EnumValue
from tests.shared_vectors import load
from tests.unit.frame.helpers import empty_state
from tests.unit.pallets.helpers import (
    ALICE,
    BOB,
    CHARLIE,
    clear_events,
    event_names,
    events,
    issuance_matches_accounts,
    state_with,
)

ED = 500


def _id(who: bytes) -> EnumValue:
    return EnumValue("Id", who)


def test_transfer_allow_death_to_new_account_creates_and_emits_events() -> None:
    ext = state_with([(ALICE, 10_000)])
    clear_events(ext)
    bc.transfer_allow_death.function(ext, Signed(ALICE), _id(BOB), 1_000)
    assert free_balance(ext, ALICE) == 9_000 and free_balance(ext, BOB) == 1_000
    assert event_names(ext) == ["System.NewAccount", "Balances.Endowed", "Balances.Transfer"]
    assert events(ext)[1][2].free_balance == 1_000
    assert system.account(ext, BOB).providers == 1
    assert issuance_matches_accounts(ext, [ALICE, BOB])


def test_transfer_allow_death_leaving_dust_reaps_and_burns_dust() -> None:
    ext = state_with([(ALICE, 10_000), (BOB, 1_000)])
    clear_events(ext)
    bc.transfer_allow_death.function(ext, Signed(ALICE), _id(BOB), 9_700)
    assert not system.account_exists(ext, ALICE)
    assert free_balance(ext, BOB) == 10_700
    assert TotalIssuance.get(ext) == 10_700
    assert event_names(ext) == ["System.KilledAccount", "Balances.DustLost",
                                "Balances.Transfer"]
    assert events(ext)[1][2].amount == 300


def test_transfer_allow_death_below_ed_to_new_account_fails_below_minimum() -> None:
    ext = state_with([(ALICE, 10_000)])
    with pytest.raises(DispatchError) as raised:
        bc.transfer_allow_death.function(ext, Signed(ALICE), _id(BOB), ED - 1)
    assert raised.value == DispatchError.token("BelowMinimum")


def test_transfer_allow_death_more_than_issuance_fails_underflow() -> None:
    ext = state_with([(ALICE, 10_000)])
    with pytest.raises(DispatchError) as raised:
        bc.transfer_allow_death.function(ext, Signed(ALICE), _id(BOB), 10_001)
    assert raised.value == DispatchError.arithmetic("Underflow")


def test_transfer_allow_death_more_than_free_fails_funds_unavailable() -> None:
    ext = state_with([(ALICE, 10_000), (CHARLIE, 5_000)])
    with pytest.raises(DispatchError) as raised:
        bc.transfer_allow_death.function(ext, Signed(ALICE), _id(BOB), 10_001)
    assert raised.value == DispatchError.token("FundsUnavailable")
    assert raised.value.encode() == bytes([7, 0])


def test_transfer_keep_alive_leaving_dust_fails_not_expendable() -> None:
    ext = state_with([(ALICE, 10_000), (BOB, 1_000)])
    with pytest.raises(DispatchError) as raised:
        bc.transfer_keep_alive.function(ext, Signed(ALICE), _id(BOB), 9_700)
    assert raised.value == DispatchError.token("NotExpendable")


def test_transfer_keep_alive_leaving_ed_succeeds() -> None:
    ext = state_with([(ALICE, 10_000), (BOB, 1_000)])
    bc.transfer_keep_alive.function(ext, Signed(ALICE), _id(BOB), 9_500)
    assert free_balance(ext, ALICE) == ED


def test_transfer_keep_alive_unsigned_origin_fails_bad_origin() -> None:
    ext = state_with([(ALICE, 10_000)])
    with pytest.raises(DispatchError, match="BadOrigin"):
        bc.transfer_keep_alive.function(ext, ROOT, _id(BOB), 600)


def test_transfer_to_index_address_fails_cannot_lookup() -> None:
    ext = state_with([(ALICE, 10_000)])
    with pytest.raises(DispatchError, match="CannotLookup"):
        bc.transfer_allow_death.function(ext, Signed(ALICE), EnumValue("Raw", b"x"), 600)


def test_transfer_to_self_succeeds_without_event() -> None:
    ext = state_with([(ALICE, 10_000)])
    clear_events(ext)
    assert transfer(ext, ALICE, ALICE, 5_000, Preservation.Expendable) == 5_000
    assert free_balance(ext, ALICE) == 10_000 and event_names(ext) == []


def test_transfer_all_keep_alive_leaves_ed() -> None:
    ext = state_with([(ALICE, 10_000)])
    bc.transfer_all.function(ext, Signed(ALICE), _id(BOB), True)
    assert free_balance(ext, ALICE) == ED and free_balance(ext, BOB) == 9_500


def test_transfer_all_allow_death_reaps_sender() -> None:
    ext = state_with([(ALICE, 10_000)])
    bc.transfer_all.function(ext, Signed(ALICE), _id(BOB), False)
    assert not system.account_exists(ext, ALICE) and free_balance(ext, BOB) == 10_000


def test_force_transfer_signed_origin_fails_bad_origin() -> None:
    ext = state_with([(ALICE, 10_000)])
    with pytest.raises(DispatchError, match="BadOrigin"):
        bc.force_transfer.function(ext, Signed(ALICE), _id(ALICE), _id(BOB), 600)


def test_force_transfer_root_moves_funds() -> None:
    ext = state_with([(ALICE, 10_000)])
    bc.force_transfer.function(ext, ROOT, _id(ALICE), _id(BOB), 600)
    assert free_balance(ext, BOB) == 600


def test_force_set_balance_creating_mints_and_emits_issued() -> None:
    ext = state_with([(ALICE, 10_000)])
    clear_events(ext)
    bc.force_set_balance.function(ext, ROOT, _id(BOB), 2_000)
    assert free_balance(ext, BOB) == 2_000 and TotalIssuance.get(ext) == 12_000
    assert event_names(ext) == ["System.NewAccount", "Balances.Endowed", "Balances.Issued",
                                "Balances.BalanceSet"]


def test_force_set_balance_below_ed_kills_and_rescinds() -> None:
    ext = state_with([(ALICE, 10_000), (BOB, 2_000)])
    clear_events(ext)
    bc.force_set_balance.function(ext, ROOT, _id(BOB), ED - 1)
    assert not system.account_exists(ext, BOB) and TotalIssuance.get(ext) == 10_000
    assert event_names(ext) == ["System.KilledAccount", "Balances.Rescinded",
                                "Balances.BalanceSet"]
    assert events(ext)[-1][2].free == 0


def test_force_adjust_total_issuance_zero_delta_fails_delta_zero() -> None:
    ext = state_with([(ALICE, 10_000)])
    with pytest.raises(DispatchError) as raised:
        bc.force_adjust_total_issuance.function(ext, ROOT, EnumValue("Increase"), 0)
    assert raised.value.encode() == bytes([3, 5, 11, 0, 0, 0])


def test_force_adjust_total_issuance_below_inactive_fails_issuance_deactivated() -> None:
    ext = state_with([(ALICE, 10_000)])
    InactiveIssuance.insert(ext, 9_900)
    with pytest.raises(DispatchError, match="IssuanceDeactivated"):
        bc.force_adjust_total_issuance.function(ext, ROOT, EnumValue("Decrease"), 200)


def test_force_adjust_total_issuance_increase_emits_forced() -> None:
    ext = state_with([(ALICE, 10_000)])
    clear_events(ext)
    bc.force_adjust_total_issuance.function(ext, ROOT, EnumValue("Increase"), 5)
    assert TotalIssuance.get(ext) == 10_005
    assert events(ext)[0][1] == "TotalIssuanceForced"
    assert (events(ext)[0][2].old, events(ext)[0][2].new) == (10_000, 10_005)


def test_burn_keep_alive_reduces_issuance() -> None:
    ext = state_with([(ALICE, 10_000)])
    bc.burn.function(ext, Signed(ALICE), 9_000, True)
    assert free_balance(ext, ALICE) == 1_000 and TotalIssuance.get(ext) == 1_000


def test_burn_keep_alive_below_ed_fails_funds_unavailable() -> None:
    ext = state_with([(ALICE, 10_000)])
    with pytest.raises(DispatchError) as raised:
        bc.burn.function(ext, Signed(ALICE), 9_600, True)
    assert raised.value == DispatchError.token("FundsUnavailable")


def test_burn_allow_death_dust_leaves_issuance() -> None:
    ext = state_with([(ALICE, 10_000), (BOB, 1_000)])
    bc.burn.function(ext, Signed(ALICE), 9_800, False)
    assert not system.account_exists(ext, ALICE)
    assert TotalIssuance.get(ext) == 1_000 and issuance_matches_accounts(ext, [ALICE, BOB])


def test_force_unreserve_moves_reserved_to_free() -> None:
    ext = state_with([(ALICE, 10_000)])
    info = system.account_dict(ext, ALICE)
    info["data"]["free"], info["data"]["reserved"] = 7_000, 3_000
    info["consumers"] = 1
    system.Account.insert(ext, ALICE, info)
    clear_events(ext)
    bc.force_unreserve.function(ext, ROOT, _id(ALICE), 5_000)
    data = system.account(ext, ALICE).data
    assert (data.free, data.reserved) == (10_000, 0)
    assert system.account(ext, ALICE).consumers == 0
    assert events(ext)[-1][1] == "Unreserved" and events(ext)[-1][2].amount == 3_000


def test_upgrade_accounts_old_account_upgraded_pays_no() -> None:
    ext = state_with([(ALICE, 10_000)])
    info = system.account_dict(ext, ALICE)
    info["data"]["flags"] = 0
    system.Account.insert(ext, ALICE, info)
    post = bc.upgrade_accounts.function(ext, Signed(BOB), [ALICE])
    assert post.pays_fee is Pays.No
    assert system.account(ext, ALICE).data.flags == 1 << 127
    assert bc.upgrade_accounts.function(ext, Signed(BOB), [ALICE]).pays_fee is Pays.Yes


def test_withdraw_preserve_emits_withdraw_and_keeps_issuance() -> None:
    ext = state_with([(ALICE, 10_000)])
    clear_events(ext)
    credit = withdraw(ext, ALICE, 1_234, Precision.Exact, Preservation.Preserve,
                      Fortitude.Polite)
    assert credit == 1_234 and free_balance(ext, ALICE) == 8_766
    assert TotalIssuance.get(ext) == 10_000 and event_names(ext) == ["Balances.Withdraw"]


def test_mint_into_raises_issuance_and_emits_minted() -> None:
    ext = state_with([(ALICE, 10_000)])
    clear_events(ext)
    mint_into(ext, BOB, 700)
    assert TotalIssuance.get(ext) == 10_700
    assert event_names(ext)[-1] == "Balances.Minted"


def test_frozen_balance_blocks_transfer_with_frozen_error() -> None:
    ext = state_with([(ALICE, 10_000)])
    info = system.account_dict(ext, ALICE)
    info["data"]["frozen"] = 8_000
    info["consumers"] = 1
    system.Account.insert(ext, ALICE, info)
    with pytest.raises(DispatchError) as raised:
        bc.transfer_allow_death.function(ext, Signed(ALICE), _id(BOB), 3_000)
    assert raised.value == DispatchError.token("Frozen")


def test_transfer_all_of_sole_provider_with_consumer_fails_frozen() -> None:
    ext = state_with([(ALICE, 10_000)])
    info = system.account_dict(ext, ALICE)
    info["consumers"] = 1
    system.Account.insert(ext, ALICE, info)
    with pytest.raises(DispatchError) as raised:
        transfer(ext, ALICE, BOB, 10_000, Preservation.Expendable)
    assert raised.value == DispatchError.token("Frozen")


def test_build_genesis_sets_issuance_and_providers() -> None:
    ext = state_with([(ALICE, 10_000), (BOB, 600)])
    assert TotalIssuance.get(ext) == 10_600
    assert system.account(ext, BOB).providers == 1
    assert events(ext)[0][1] == "NewAccount"


def test_build_genesis_duplicate_account_fails() -> None:
    with pytest.raises(GenesisConfigError, match="duplicate"):
        build_genesis(empty_state(), [(ALICE, 600), (ALICE, 700)])


def test_build_genesis_below_ed_fails() -> None:
    with pytest.raises(GenesisConfigError, match="existential"):
        build_genesis(empty_state(), [(CHARLIE, 499)])


def test_storage_prefixes_match_twox128_names() -> None:
    assert TotalIssuance.storage_key().hex() == (
        "c2261276cc9d1f8598ea4b6a74b15c2f57c875e4cff74148e4628f264b974c80")
    assert Locks.prefix == storage_prefix("Balances", "Locks")


def test_call_and_error_indices_match_reference() -> None:
    assert {i: c.name for i, c in balances.calls.items()} == {
        0: "transfer_allow_death", 2: "force_transfer", 3: "transfer_keep_alive",
        4: "transfer_all", 5: "force_unreserve", 6: "upgrade_accounts",
        8: "force_set_balance", 9: "force_adjust_total_issuance", 10: "burn"}
    assert balances.errors[11].name == "DeltaZero"
    assert [balances.events[i].name for i in range(22)] == [
        "Endowed", "DustLost", "Transfer", "BalanceSet", "Reserved", "Unreserved",
        "ReserveRepatriated", "Deposit", "Withdraw", "Slashed", "Minted", "Burned", "Suspended",
        "Restored", "Upgraded", "Issued", "Rescinded", "Locked", "Unlocked", "Frozen", "Thawed",
        "TotalIssuanceForced"]
    assert len(balances.events) == 22
    data = balances.calls[3].encode(dest=_id(BOB), value=12345)
    assert data[:3] == bytes([5, 3, 0])


def test_failed_transfer_inside_transaction_rolls_back_state() -> None:
    ext = state_with([(ALICE, 10_000)])
    before = ext.storage_root()
    ext.start_transaction()
    bc.transfer_allow_death.function(ext, Signed(ALICE), _id(BOB), 2_000)
    with pytest.raises(DispatchError):
        bc.transfer_allow_death.function(ext, Signed(ALICE), _id(CHARLIE), 100)
    ext.rollback_transaction()
    assert ext.storage_root() == before


def test_try_state_reports_issuance_mismatch() -> None:
    ext = state_with([(ALICE, 10_000), (BOB, 600)])
    assert try_state(ext) == []
    TotalIssuance.insert(ext, 1)
    assert try_state(ext) == ["TotalIssuance 1 != sum of balances 10600"]


def test_ensure_upgraded_reserved_without_provider_gets_ed_and_references() -> None:
    ext = empty_state()
    info = system.account_dict(ext, CHARLIE)
    info["data"] = {"free": 0, "reserved": 700, "frozen": 0, "flags": 0}
    info["sufficients"] = 1
    system.Account.insert(ext, CHARLIE, info)
    assert ensure_upgraded(ext, CHARLIE) is True
    account = system.account(ext, CHARLIE)
    assert (account.providers, account.consumers, account.data.free) == (1, 1, ED)
    assert event_names(ext)[-1] == "Balances.Upgraded"


def test_issue_then_resolve_credits_account_and_keeps_invariant() -> None:
    ext = state_with([(ALICE, 10_000)])
    clear_events(ext)
    credit = issue(ext, 2_000)
    assert credit == 2_000 and TotalIssuance.get(ext) == 12_000
    assert resolve(ext, BOB, credit) is True
    assert event_names(ext)[0] == "Balances.Issued" and try_state(ext) == []


def test_issued_credit_below_ed_for_new_account_is_dropped() -> None:
    ext = state_with([(ALICE, 10_000)])
    credit = issue(ext, 100)
    assert resolve(ext, BOB, credit) is False
    drop_credit(ext, credit)
    assert TotalIssuance.get(ext) == 10_000 and try_state(ext) == []


def test_transfer_keep_alive_call_bytes_match_scale_vector() -> None:
    call = load("scale")["extrinsics"]["synthetic_subtensor_transfer_ed25519_deterministic"]["call"]
    raw = bytes.fromhex(call[2:])
    definition, args, end = balances.decode_call(raw, 1)
    assert raw[0] == 5 and definition.name == "transfer_keep_alive" and end == len(raw)
    assert definition.encode(**args) == raw
