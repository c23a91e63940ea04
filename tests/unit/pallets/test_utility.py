"""Utility: batch, batch_all, force_batch, as_derivative, dispatch_as, with_weight, if_else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from runtime.frame.dispatch import ROOT, UNSIGNED, DispatchError, Signed
from runtime.pallets.balances import calls as bc
from runtime.pallets.balances import free_balance
from runtime.pallets.utility import pallet as up
from runtime.pallets.utility.runtime_call import error_post_info, using_dispatcher
from runtime.primitives.hashing import blake2_256
from runtime.primitives.scale import EnumValue
from tests.unit.pallets.dispatcher import TestDispatcher, make_call
from tests.unit.pallets.helpers import ALICE, BOB, CHARLIE, clear_events, event_names, events
from tests.unit.pallets.helpers import state_with as base_state


@pytest.fixture(autouse=True)
def dispatcher() -> Iterator[TestDispatcher]:
    test_dispatcher = TestDispatcher()
    with using_dispatcher(test_dispatcher):
        yield test_dispatcher


def state_with(balances):  # type: ignore[no-untyped-def]
    ext = base_state(balances)
    clear_events(ext)
    return ext


def _pay(to: bytes, amount: int):  # type: ignore[no-untyped-def]
    return make_call(bc.transfer_allow_death, dest=EnumValue("Id", to), value=amount)


def test_batch_all_succeed_emits_items_and_completed() -> None:
    ext = state_with([(ALICE, 10_000)])
    post = up.batch.function(ext, Signed(ALICE), [_pay(BOB, 1_000), _pay(CHARLIE, 2_000)])
    assert free_balance(ext, BOB) == 1_000 and free_balance(ext, CHARLIE) == 2_000
    names = event_names(ext)
    assert names.count("Utility.ItemCompleted") == 2 and names[-1] == "Utility.BatchCompleted"
    inner = bc.transfer_allow_death.dispatch_info({"dest": None, "value": 0}).weight
    assert post.actual_weight == up.batch_weight(2) + inner + inner


def test_batch_failing_item_interrupts_and_keeps_earlier_effects() -> None:
    ext = state_with([(ALICE, 10_000)])
    up.batch.function(ext, Signed(ALICE), [_pay(BOB, 1_000), _pay(CHARLIE, 100),
                                          _pay(CHARLIE, 1_000)])
    assert free_balance(ext, BOB) == 1_000 and free_balance(ext, CHARLIE) == 0
    last = events(ext)[-1]
    assert last[1] == "BatchInterrupted" and last[2].index == 1
    assert "System.NewAccount" in event_names(ext)


def test_batch_unsigned_origin_fails_bad_origin() -> None:
    ext = state_with([(ALICE, 10_000)])
    with pytest.raises(DispatchError, match="BadOrigin"):
        up.batch.function(ext, UNSIGNED, [])


def test_batch_root_bypasses_filter(dispatcher: TestDispatcher) -> None:
    ext = state_with([(ALICE, 10_000)])
    up.batch.function(ext, ROOT, [make_call(bc.force_transfer, source=EnumValue("Id", ALICE),
                                            dest=EnumValue("Id", BOB), value=700)])
    assert free_balance(ext, BOB) == 700 and dispatcher.seen[0][2] is True


def test_batch_all_failing_item_fails_with_its_error_and_weight() -> None:
    ext = state_with([(ALICE, 10_000)])
    with pytest.raises(DispatchError) as raised:
        up.batch_all.function(ext, Signed(ALICE), [_pay(BOB, 1_000), _pay(CHARLIE, 100)])
    assert raised.value == DispatchError.token("BelowMinimum")
    assert error_post_info(raised.value).actual_weight is not None


def test_batch_all_nested_batch_all_is_filtered() -> None:
    ext = state_with([(ALICE, 10_000)])
    nested = make_call(up.batch_all, calls=[_pay(BOB, 1_000)])
    with pytest.raises(DispatchError, match="CallFiltered"):
        up.batch_all.function(ext, Signed(ALICE), [nested])


def test_force_batch_reports_failures_and_completes_with_errors() -> None:
    ext = state_with([(ALICE, 10_000)])
    up.force_batch.function(ext, Signed(ALICE), [_pay(BOB, 100), _pay(CHARLIE, 1_000)])
    names = event_names(ext)
    assert "Utility.ItemFailed" in names and names[-1] == "Utility.BatchCompletedWithErrors"
    assert free_balance(ext, CHARLIE) == 1_000


def test_as_derivative_dispatches_from_pseudonym(dispatcher: TestDispatcher) -> None:
    ext = state_with([(ALICE, 10_000)])
    pseudonym = up.derivative_account_id(ALICE, 7)
    assert pseudonym == blake2_256(b"modlpy/utilisuba" + ALICE + bytes([7, 0]))
    with pytest.raises(DispatchError) as raised:
        up.as_derivative.function(ext, Signed(ALICE), 7, _pay(BOB, 1_000))
    assert dispatcher.seen[0][1] == Signed(pseudonym)
    assert raised.value == DispatchError.token("FundsUnavailable")


def test_dispatch_as_signed_origin_runs_and_emits_result() -> None:
    ext = state_with([(ALICE, 10_000)])
    as_origin = EnumValue("system", EnumValue("Signed", ALICE))
    up.dispatch_as.function(ext, ROOT, as_origin, _pay(BOB, 1_000))
    assert free_balance(ext, BOB) == 1_000
    assert events(ext)[-1][1] == "DispatchedAs" and events(ext)[-1][2].result.variant == "Ok"


def test_dispatch_as_non_root_fails_bad_origin() -> None:
    ext = state_with([(ALICE, 10_000)])
    with pytest.raises(DispatchError, match="BadOrigin"):
        up.dispatch_as.function(ext, Signed(ALICE), EnumValue("system", EnumValue("Root")),
                                _pay(BOB, 1_000))


def test_dispatch_as_fallible_inner_error_fails() -> None:
    ext = state_with([(ALICE, 10_000)])
    with pytest.raises(DispatchError, match="BelowMinimum"):
        up.dispatch_as_fallible.function(
            ext, ROOT, EnumValue("system", EnumValue("Signed", ALICE)), _pay(BOB, 10))


def test_with_weight_root_dispatches_as_root() -> None:
    ext = state_with([(ALICE, 10_000)])
    call = make_call(bc.force_transfer, source=EnumValue("Id", ALICE),
                     dest=EnumValue("Id", BOB), value=900)
    up.with_weight.function(ext, ROOT, call, None)
    assert free_balance(ext, BOB) == 900


def test_if_else_main_fails_fallback_runs() -> None:
    ext = state_with([(ALICE, 10_000)])
    up.if_else.function(ext, Signed(ALICE), _pay(BOB, 10), _pay(BOB, 1_000))
    assert free_balance(ext, BOB) == 1_000
    assert events(ext)[-1][1] == "IfElseFallbackCalled"


def test_declared_info_of_batch_sums_inner_weights() -> None:
    info = up.declared_info("batch", {"calls": [_pay(BOB, 1), _pay(BOB, 2)]})
    inner = bc.transfer_allow_death.dispatch_info({"dest": None, "value": 0}).weight
    assert info.weight == up.batch_weight(2) + inner + inner


def test_call_and_event_indices_match_reference() -> None:
    assert {i: c.name for i, c in up.utility.calls.items()} == {
        0: "batch", 1: "as_derivative", 2: "batch_all", 3: "dispatch_as", 4: "force_batch",
        5: "with_weight", 6: "if_else", 7: "dispatch_as_fallible"}
    assert [up.utility.events[i].name for i in range(8)] == [
        "BatchInterrupted", "BatchCompleted", "BatchCompletedWithErrors", "ItemCompleted",
        "ItemFailed", "DispatchedAs", "IfElseMainSuccess", "IfElseFallbackCalled"]


def test_dispatch_as_authorized_origin_reports_bad_origin() -> None:
    ext = state_with([(ALICE, 10_000)])
    up.dispatch_as.function(ext, ROOT, EnumValue("system", EnumValue("Authorized")),
                            _pay(BOB, 1_000))
    result = events(ext)[-1][2].result
    assert result.variant == "Err" and result.value.variant == "BadOrigin"
    assert free_balance(ext, BOB) == 0


def test_origin_caller_encodes_with_pallet_indices() -> None:
    from runtime.pallets.utility.origins import OriginCaller

    assert OriginCaller.encode(EnumValue("system", EnumValue("Root"))) == bytes([0, 0])
    assert OriginCaller.encode(EnumValue("Ethereum", EnumValue("EthereumTransaction",
                                                               bytes(20))))[:2] == bytes([21, 0])
