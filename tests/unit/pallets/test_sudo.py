"""Sudo: key checks, root dispatch with its result as an event, key changes, fees waived."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from runtime.frame.dispatch import ROOT, UNSIGNED, DispatchError, Pays, Signed
from runtime.pallets.balances import calls as bc
from runtime.pallets.balances import free_balance
from runtime.pallets.sudo import pallet as sp
from runtime.pallets.utility.runtime_call import using_dispatcher
from runtime.primitives.scale import EnumValue
from tests.unit.pallets.dispatcher import TestDispatcher, make_call
from tests.unit.pallets.helpers import ALICE, BOB, CHARLIE, clear_events, events
from tests.unit.pallets.helpers import state_with as base_state


@pytest.fixture(autouse=True)
def dispatcher() -> Iterator[TestDispatcher]:
    test_dispatcher = TestDispatcher()
    with using_dispatcher(test_dispatcher):
        yield test_dispatcher


def state_with_key(key: bytes | None = ALICE):  # type: ignore[no-untyped-def]
    ext = base_state([(ALICE, 10_000), (BOB, 10_000)])
    sp.build_genesis(ext, key)
    clear_events(ext)
    return ext


def _force(amount: int):  # type: ignore[no-untyped-def]
    return make_call(bc.force_transfer, source=EnumValue("Id", BOB),
                     dest=EnumValue("Id", CHARLIE), value=amount)


def test_sudo_by_key_dispatches_as_root_and_pays_no() -> None:
    ext = state_with_key()
    post = sp.sudo.function(ext, Signed(ALICE), _force(1_000))
    assert free_balance(ext, CHARLIE) == 1_000 and post.pays_fee is Pays.No
    assert events(ext)[-1][1] == "Sudid"
    assert events(ext)[-1][2].sudo_result.variant == "Ok"


def test_sudo_inner_failure_is_reported_and_rolled_back() -> None:
    ext = state_with_key()
    sp.sudo.function(ext, Signed(ALICE), _force(10))
    result = events(ext)[-1][2].sudo_result
    assert result.variant == "Err" and result.value.variant == "Token"
    assert free_balance(ext, CHARLIE) == 0


def test_sudo_by_other_account_fails_require_sudo() -> None:
    ext = state_with_key()
    with pytest.raises(DispatchError) as raised:
        sp.sudo.function(ext, Signed(BOB), _force(1_000))
    assert raised.value.encode() == bytes([3, 12, 0, 0, 0, 0])


def test_sudo_unsigned_fails_bad_origin() -> None:
    ext = state_with_key()
    with pytest.raises(DispatchError, match="BadOrigin"):
        sp.sudo.function(ext, UNSIGNED, _force(1_000))


def test_sudo_without_key_fails_require_sudo() -> None:
    ext = state_with_key(None)
    with pytest.raises(DispatchError, match="RequireSudo"):
        sp.sudo.function(ext, Signed(ALICE), _force(1_000))


def test_set_key_changes_key_and_emits_key_changed() -> None:
    ext = state_with_key()
    sp.set_key.function(ext, Signed(ALICE), EnumValue("Id", BOB))
    assert sp.key(ext) == BOB
    changed = events(ext)[-1][2]
    assert bytes(changed.old) == ALICE and bytes(changed.new) == BOB
    with pytest.raises(DispatchError, match="RequireSudo"):
        sp.set_key.function(ext, Signed(ALICE), EnumValue("Id", CHARLIE))


def test_sudo_as_dispatches_signed_and_emits_sudo_as_done(dispatcher: TestDispatcher) -> None:
    ext = state_with_key()
    call = make_call(bc.transfer_allow_death, dest=EnumValue("Id", CHARLIE), value=2_000)
    sp.sudo_as.function(ext, Signed(ALICE), EnumValue("Id", BOB), call)
    assert free_balance(ext, BOB) == 8_000 and dispatcher.seen[0][1] == Signed(BOB)
    assert events(ext)[-1][1] == "SudoAsDone"


def test_remove_key_removes_key_and_emits_key_removed() -> None:
    ext = state_with_key()
    sp.remove_key.function(ext, ROOT)
    assert sp.key(ext) is None and events(ext)[-1][1] == "KeyRemoved"


def test_sudo_unchecked_weight_declares_given_weight() -> None:
    call = _force(1)
    info = sp.sudo_unchecked_weight.dispatch_info({"call": call, "weight": _W(5, 6)})
    assert (info.weight.ref_time, info.weight.proof_size) == (5, 6)
    assert sp.declared_info("sudo", {"call": call}).weight == (
        sp.SUDO_WEIGHT + bc.force_transfer.dispatch_info({}).weight)


class _W:
    def __init__(self, ref_time: int, proof_size: int) -> None:
        self.ref_time, self.proof_size = ref_time, proof_size


def test_call_indices_match_reference() -> None:
    assert {i: c.name for i, c in sp.sudo_pallet.calls.items()} == {
        0: "sudo", 1: "sudo_unchecked_weight", 2: "set_key", 3: "sudo_as", 4: "remove_key"}
    assert [sp.sudo_pallet.events[i].name for i in range(4)] == [
        "Sudid", "KeyChanged", "KeyRemoved", "SudoAsDone"]
