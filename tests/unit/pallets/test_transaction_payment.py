"""TransactionPayment: the fee formula, the runtime-API shapes, withdrawal, refund and where
fees go (the block author, or burned)."""

from __future__ import annotations

import pytest

from runtime.frame.dispatch import DispatchClass, DispatchInfo, Pays, Weight
from runtime.pallets.balances import free_balance
from runtime.pallets.balances.pallet import TotalIssuance
from runtime.pallets.transaction_payment.charge import (
    FeePaymentError,
    TaoFee,
    can_withdraw_fee,
    post_dispatch_charge,
    pre_dispatch_charge,
    withdraw_fee,
)
from runtime.pallets.transaction_payment.fees import (
    compute_actual_fee,
    compute_fee,
    compute_fee_details,
    perbill_mul_nearest_prefer_down,
    query_fee_details,
    query_info,
    weight_to_fee,
)
from runtime.pallets.transaction_payment.pallet import (
    FIXED_U128_ONE,
    NextFeeMultiplier,
    StorageVersion,
    build_genesis,
    on_finalize,
    transaction_payment,
)
from runtime.pallets.transaction_payment.pallet import RuntimeDispatchInfo as RDI
from runtime.pallets.utility.post_dispatch import PostDispatchInfo
from tests.unit.pallets.helpers import ALICE, BOB, CHARLIE, clear_events, event_names, events
from tests.unit.pallets.helpers import state_with as balances_state

BASE_FEE = 57_740  # 115_480_000 ps / 2000


def state_with(balances: list[tuple[bytes, int]]):  # type: ignore[no-untyped-def]
    ext = balances_state(balances)
    build_genesis(ext)
    clear_events(ext)
    return ext


def test_weight_to_fee_rounds_half_down() -> None:
    assert weight_to_fee(Weight(2_000)) == 1
    assert weight_to_fee(Weight(1_000)) == 0
    assert weight_to_fee(Weight(1_001)) == 1
    assert perbill_mul_nearest_prefer_down(500_000, 3_001) == 2


def test_weight_to_fee_caps_at_block_limit() -> None:
    assert weight_to_fee(Weight(10**13)) == 4 * 10**12 // 2000


def test_compute_fee_sums_base_length_weight_and_tip() -> None:
    ext = state_with([(ALICE, 10**9)])
    info = DispatchInfo(Weight(200_000_000, 3593))
    details = compute_fee_details(ext, 150, info, 7)
    assert details.inclusion_fee is not None
    assert (details.inclusion_fee.base_fee, details.inclusion_fee.len_fee,
            details.inclusion_fee.adjusted_weight_fee) == (BASE_FEE, 150, 100_000)
    assert compute_fee(ext, 150, info, 7) == BASE_FEE + 150 + 100_000 + 7


def test_compute_fee_pays_no_charges_only_tip() -> None:
    ext = state_with([(ALICE, 10**9)])
    assert compute_fee(ext, 150, DispatchInfo(Weight(10**9), pays_fee=Pays.No), 9) == 9


def test_compute_fee_multiplier_scales_weight_fee_only() -> None:
    ext = state_with([(ALICE, 10**9)])
    NextFeeMultiplier.insert(ext, 2 * FIXED_U128_ONE)
    assert compute_fee(ext, 10, DispatchInfo(Weight(2_000_000)), 0) == BASE_FEE + 10 + 2_000


def test_on_finalize_resets_multiplier_to_one() -> None:
    ext = state_with([(ALICE, 10**9)])
    NextFeeMultiplier.insert(ext, 3 * FIXED_U128_ONE)
    on_finalize(ext, 1)
    assert NextFeeMultiplier.get(ext) == FIXED_U128_ONE
    assert transaction_payment.on_finalize == [on_finalize]


def test_genesis_writes_storage_version_v2() -> None:
    ext = state_with([(ALICE, 10**9)])
    assert StorageVersion.get(ext).variant == "V2"
    assert ext.get(NextFeeMultiplier.storage_key()) == FIXED_U128_ONE.to_bytes(16, "little")


def test_query_info_encodes_runtime_dispatch_info() -> None:
    ext = state_with([(ALICE, 10**9)])
    info = DispatchInfo(Weight(2_000_000, 10), DispatchClass.Operational)
    decoded = RDI.decode(query_info(ext, 100, info))
    assert decoded.partial_fee == BASE_FEE + 100 + 1_000
    assert decoded.weight.ref_time == 2_000_000 and decoded.weight.proof_size == 10
    assert RDI.decode(query_info(ext, 100, info, is_bare=True)).partial_fee == 0


def test_query_fee_details_encodes_option_inclusion_fee() -> None:
    ext = state_with([(ALICE, 10**9)])
    raw = query_fee_details(ext, 100, DispatchInfo(Weight(2_000_000)))
    assert raw[0] == 1 and raw[1:9] == BASE_FEE.to_bytes(8, "little")
    assert query_fee_details(ext, 100, DispatchInfo(Weight(1)), is_bare=True) == bytes(9)


def test_withdraw_fee_zero_fee_takes_nothing() -> None:
    ext = state_with([(ALICE, 10**9)])
    assert withdraw_fee(ext, ALICE, 0, 0) is None and event_names(ext) == []


def test_withdraw_fee_that_would_kill_payer_fails_payment() -> None:
    ext = state_with([(ALICE, 10_000), (BOB, 10_000)])
    with pytest.raises(FeePaymentError) as raised:
        withdraw_fee(ext, ALICE, 9_600, 0)
    assert raised.value.validity.kind.name == "PAYMENT"
    with pytest.raises(FeePaymentError):
        can_withdraw_fee(ext, ALICE, 10_001)
    can_withdraw_fee(ext, ALICE, 9_500)


def test_fee_paid_to_author_with_refund() -> None:
    ext = state_with([(ALICE, 10**9), (CHARLIE, 10**6)])
    info = DispatchInfo(Weight(200_000_000))
    charged = pre_dispatch_charge(ext, ALICE, 100, info, 5)
    full = BASE_FEE + 100 + 100_000 + 5
    assert charged.liquidity == TaoFee(full)
    actual = post_dispatch_charge(ext, charged, 100, info,
                                  PostDispatchInfo(Weight(100_000_000)), author=CHARLIE)
    assert actual == BASE_FEE + 100 + 50_000 + 5
    assert free_balance(ext, ALICE) == 10**9 - actual
    assert free_balance(ext, CHARLIE) == 10**6 + actual
    assert TotalIssuance.get(ext) == 10**9 + 10**6
    assert event_names(ext) == ["Balances.Withdraw", "Balances.Deposit", "Balances.Deposit",
                                "TransactionPayment.TransactionFeePaid"]
    paid = events(ext)[-1][2]
    assert (paid.who, paid.actual_fee, paid.tip) == (ALICE, actual, 5)


def test_fee_without_author_is_burned() -> None:
    ext = state_with([(ALICE, 10**9)])
    info = DispatchInfo(Weight(200_000_000))
    charged = pre_dispatch_charge(ext, ALICE, 10, info, 0)
    actual = post_dispatch_charge(ext, charged, 10, info, PostDispatchInfo(), author=None)
    assert TotalIssuance.get(ext) == 10**9 - actual
    assert event_names(ext) == ["Balances.Withdraw", "Balances.Deposit",
                                "TransactionPayment.TransactionFeePaid"]


def test_fee_below_ed_to_new_author_is_burned() -> None:
    ext = state_with([(ALICE, 10**9)])
    info = DispatchInfo(Weight(0), pays_fee=Pays.No)
    charged = pre_dispatch_charge(ext, ALICE, 0, info, 100)
    post_dispatch_charge(ext, charged, 0, info, PostDispatchInfo(), author=BOB)
    assert free_balance(ext, BOB) == 0 and TotalIssuance.get(ext) == 10**9 - 100


def test_compute_actual_fee_post_pays_no_keeps_tip_only() -> None:
    ext = state_with([(ALICE, 10**9)])
    info = DispatchInfo(Weight(10**9))
    assert compute_actual_fee(ext, 50, info, PostDispatchInfo(None, Pays.No), 3) == 3
