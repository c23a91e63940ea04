"""Runtime composition: call decoding over pallets, dispatch rollback, hook order."""

from __future__ import annotations

import pytest

from runtime.composition import CallDecodeError, Runtime
from runtime.frame.dispatch import ROOT, DispatchError, Signed, Weight, ensure_root
from runtime.frame.pallet import Pallet
from runtime.frame.storage import VALUE_QUERY
from runtime.frame.system import system
from runtime.primitives.scale import U32
from tests.unit.frame.helpers import empty_state


def _counter_pallet(index: int = 9, name: str = "Counter") -> Pallet:
    counter = Pallet(name, index)
    value = counter.value("Value", U32, query=VALUE_QUERY, default=0)
    too_big = counter.error(0, "TooBig")
    seen: list[tuple[str, int]] = []
    counter.seen = seen  # type: ignore[attr-defined]

    @counter.call(0, [("by", U32, "u32")], weight=Weight(10))
    def bump(ext, origin, by):  # type: ignore[no-untyped-def]
        """Add `by`; fails after writing when the result passes 100 (rollback test)."""
        value.insert(ext, value.get(ext) + by)
        if value.get(ext) > 100:
            raise too_big()

    @counter.call(1, [], weight=Weight(1))
    def reset(ext, origin):  # type: ignore[no-untyped-def]
        """Root only."""
        ensure_root(origin)
        value.insert(ext, 0)

    @counter.hook_on_initialize
    def record_init(ext, number):  # type: ignore[no-untyped-def]
        seen.append((name, number))

    counter.value_item = value  # type: ignore[attr-defined]
    return counter


def test_failed_dispatch_rolls_back_its_writes() -> None:
    counter = _counter_pallet()
    runtime = Runtime([system, counter])
    ext = empty_state()
    ok = runtime.dispatch(ext, Signed(b"\x01" * 32),
                          runtime.decode_call(bytes([9, 0, 60, 0, 0, 0])))
    failed = runtime.dispatch(ext, Signed(b"\x01" * 32),
                              runtime.decode_call(bytes([9, 0, 50, 0, 0, 0])))
    assert ok.ok and not failed.ok
    assert failed.error == counter.errors[0]()
    assert counter.value_item.get(ext) == 60  # type: ignore[attr-defined]
    assert ext.transaction_depth == 0


def test_bad_origin_is_a_dispatch_error() -> None:
    runtime = Runtime([system, _counter_pallet()])
    outcome = runtime.dispatch(empty_state(), Signed(b"\x02" * 32),
                               runtime.decode_call(bytes([9, 1])))
    assert outcome.error == DispatchError.bad_origin()
    assert runtime.dispatch(empty_state(), ROOT, runtime.decode_call(bytes([9, 1]))).ok


@pytest.mark.parametrize("data, message", [
    (b"", "empty call"),
    (bytes([42, 0]), "unknown pallet index 42"),
    (bytes([9, 7]), "unknown call index 7"),
    (bytes([9, 0, 1]), "Counter"),
    (bytes([9, 1, 0]), "1 trailing byte"),
])
def test_malformed_call_bytes_are_refused(data: bytes, message: str) -> None:
    runtime = Runtime([system, _counter_pallet()])
    with pytest.raises(CallDecodeError, match=message):
        runtime.decode_call(data)


def test_bug_in_call_propagates_after_rollback() -> None:
    broken = Pallet("Broken", 20)
    value = broken.value("V", U32)

    @broken.call(0, [], weight=Weight(1))
    def explode(ext, origin):  # type: ignore[no-untyped-def]
        value.insert(ext, 1)
        raise ZeroDivisionError("bug")

    runtime = Runtime([system, broken])
    ext = empty_state()
    with pytest.raises(ZeroDivisionError):
        runtime.dispatch(ext, ROOT, runtime.decode_call(bytes([20, 0])))
    assert value.get(ext) is None and ext.transaction_depth == 0


def test_hooks_run_in_pallet_index_order() -> None:
    late, early = _counter_pallet(30, "Late"), _counter_pallet(10, "Early")
    runtime = Runtime([late, system, early])
    runtime.on_initialize(empty_state(), 7)
    assert early.seen + late.seen == [("Early", 7), ("Late", 7)]  # type: ignore[attr-defined]
    assert [p.index for p in runtime.pallets] == [0, 10, 30]


def test_duplicate_pallet_index_is_refused() -> None:
    with pytest.raises(ValueError, match="share index 9"):
        Runtime([_counter_pallet(9, "A"), _counter_pallet(9, "B")])
