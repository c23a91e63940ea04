"""Pallet declarations: dispatch table, call bytes, events, errors and their SCALE shapes."""

from __future__ import annotations

import pytest

from runtime.frame.dispatch import (
    ROOT,
    DispatchError,
    DispatchErrorType,
    Signed,
    Weight,
    ensure_root,
    ensure_signed,
)
from runtime.frame.pallet import Pallet, PalletDefinitionError
from runtime.frame.storage import VALUE_QUERY, blake2_128_concat
from runtime.frame.system import EventCount, Events, Phase, deposit_event
from runtime.primitives.scale import (
    U64,
    Compact,
    DecodeError,
    Enum,
    EnumValue,
    Field,
    Variant,
    Vec,
)
from runtime.primitives.scale.common import AccountId32, MultiAddress
from tests.unit.frame.helpers import empty_state

ALICE = bytes(range(32))
BOB = bytes(range(32, 64))


def _demo_pallet() -> Pallet:
    demo = Pallet("Demo", 5)
    balance = demo.map("Balance", blake2_128_concat(AccountId32), U64, query=VALUE_QUERY,
                       default=0)
    too_low = demo.error(2, "InsufficientBalance", "Balance too low to send value.")
    moved = demo.event(2, "Transfer", [("from", AccountId32, "T::AccountId"),
                                       ("to", AccountId32, "T::AccountId"),
                                       ("amount", U64, "T::Balance")])

    @demo.call(3, [("dest", MultiAddress, "AccountIdLookupOf<T>"),
                   ("value", Compact(U64), "T::Balance")], weight=Weight(1000))
    def transfer_keep_alive(ext, origin, dest, value):  # type: ignore[no-untyped-def]
        """Move `value` from the signer to `dest`."""
        sender = ensure_signed(origin)
        target = dest.value
        if balance.get(ext, sender) < value:
            raise too_low()
        balance.mutate(ext, sender, lambda b: b - value)
        balance.mutate(ext, target, lambda b: b + value)
        deposit_event(ext, moved(sender, target, value))

    return demo


def test_call_encodes_as_pallet_index_call_index_args() -> None:
    demo = _demo_pallet()
    data = demo.calls[3].encode(dest=EnumValue("Id", ALICE), value=12345)
    assert data[:3] == bytes((5, 3, 0)) and data[3:35] == ALICE
    assert data[35:] == Compact(U64).encode(12345)


def test_decode_call_round_trips_and_dispatches() -> None:
    demo = _demo_pallet()
    ext = empty_state()
    demo.storage[0].insert(ext, ALICE, 500)
    data = demo.calls[3].encode(dest=EnumValue("Id", BOB), value=200)
    call, args, end = demo.decode_call(data, 1)
    assert end == len(data) and call.name == "transfer_keep_alive"
    call.function(ext, Signed(ALICE), **args)
    assert demo.storage[0].get(ext, BOB) == 200
    assert EventCount.get(ext) == 1


def test_dispatch_error_from_pallet_error_has_module_shape() -> None:
    demo = _demo_pallet()
    ext = empty_state()
    data = demo.calls[3].encode(dest=EnumValue("Id", BOB), value=1)
    call, args, _ = demo.decode_call(data, 1)
    with pytest.raises(DispatchError) as raised:
        call.function(ext, Signed(ALICE), **args)
    assert raised.value.encode() == bytes.fromhex("03" "05" "02000000")
    assert demo.errors[2].matches(raised.value)
    assert str(raised.value) == "Demo.InsufficientBalance"


def test_unknown_call_index_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="unknown call index 9"):
        _demo_pallet().decode_call(bytes((5, 9)), 1)


def test_duplicate_indices_and_names_are_refused() -> None:
    demo = _demo_pallet()
    with pytest.raises(PalletDefinitionError, match="index 2 already used"):
        demo.error(2, "Other")
    with pytest.raises(PalletDefinitionError, match="declared twice"):
        demo.event(7, "Transfer")


def test_origin_checks_raise_bad_origin() -> None:
    with pytest.raises(DispatchError, match="BadOrigin"):
        ensure_signed(ROOT)
    with pytest.raises(DispatchError) as raised:
        ensure_root(Signed(ALICE))
    assert raised.value.encode() == b"\x02"


@pytest.mark.parametrize("error, encoded", [
    (DispatchError("Other"), "00"),
    (DispatchError.bad_origin(), "02"),
    (DispatchError.token("FundsUnavailable"), "0700"),
    (DispatchError.arithmetic("Overflow"), "0801"),
    (DispatchError("Transactional", "NoLayer"), "0901"),
    (DispatchError("RootNotAllowed"), "0d"),
])
def test_dispatch_error_encodings(error: DispatchError, encoded: str) -> None:
    assert error.encode().hex() == encoded
    assert DispatchErrorType.decode(bytes.fromhex(encoded)) is not None


def test_call_event_error_enums_carry_indices_and_docs() -> None:
    demo = _demo_pallet()
    call_enum = demo.call_type()
    assert call_enum is not None and call_enum.path == ("pallet_demo", "pallet", "Call")
    variant = call_enum.variant("transfer_keep_alive")
    assert variant.index == 3 and [f.name for f in variant.fields] == ["dest", "value"]
    assert variant.docs == ("Move `value` from the signer to `dest`.",)
    assert demo.error_type().variant("InsufficientBalance").index == 2  # type: ignore[union-attr]


def test_deposited_events_decode_as_event_records() -> None:
    demo = _demo_pallet()
    ext = empty_state()
    demo.storage[0].insert(ext, ALICE, 50)
    for amount in (10, 20):
        data = demo.calls[3].encode(dest=EnumValue("Id", BOB), value=amount)
        call, args, _ = demo.decode_call(data, 1)
        call.function(ext, Signed(ALICE), **args)
    runtime_event = Enum("RuntimeEvent", [Variant("Demo", (Field(None, demo.event_type()),), 5)])
    raw = ext.get(Events.storage_key())
    assert raw is not None
    decoded = Vec(_record_with(runtime_event)).decode(raw)
    amounts = [r.event.value.value.amount for r in decoded]
    assert amounts == [10, 20]
    assert decoded[0].phase == Phase.decode(Phase.encode(EnumValue("Initialization", None)))


def _record_with(runtime_event):  # type: ignore[no-untyped-def]
    from runtime.primitives.scale import Struct
    from runtime.primitives.scale.common import H256

    return Struct("EventRecord", [("phase", Phase), ("event", runtime_event),
                                  ("topics", Vec(H256))])


@pytest.mark.parametrize("name, crate", [("SubtensorModule", "pallet_subtensor"),
                                         ("Swap", "pallet_subtensor_swap"),
                                         ("TransactionPayment", "pallet_transaction_payment"),
                                         ("System", "frame_system")])
def test_enum_paths_use_the_reference_crate_names(name: str, crate: str) -> None:
    pallet = Pallet(name, 99)
    pallet.error(0, "Oops")
    assert pallet.error_type().path == (crate, "pallet", "Error")  # type: ignore[union-attr]
