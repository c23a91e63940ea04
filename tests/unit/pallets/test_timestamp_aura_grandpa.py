"""Timestamp inherent rules, Aura slots and authorship, Grandpa genesis and scheduled changes."""

from __future__ import annotations

import pytest

from runtime.frame.dispatch import UNSIGNED, DispatchClass, DispatchError, Signed
from runtime.pallets.aura import pallet as aura
from runtime.pallets.grandpa import pallet as grandpa
from runtime.pallets.timestamp import pallet as ts
from runtime.primitives.block import Digest, PreRuntime
from runtime.primitives.scale import U64
from tests.unit.frame.helpers import empty_state
from tests.unit.pallets.helpers import ALICE, BOB, events

SLOT = 1_000


def _digest(slot: int) -> Digest:
    return Digest((PreRuntime(b"aura", U64.encode(slot)),))


def _block(ext, slot: int) -> None:  # type: ignore[no-untyped-def]
    aura.on_initialize(ext, _digest(slot))


def test_set_first_timestamp_in_slot_succeeds() -> None:
    ext = empty_state()
    _block(ext, SLOT)
    ts.set.function(ext, UNSIGNED, SLOT * 12_000 + 5)
    assert ts.now(ext) == SLOT * 12_000 + 5 and ts.DidUpdate.get(ext) is True
    ts.on_finalize(ext, 1)
    assert not ts.DidUpdate.contains(ext)


def test_set_signed_origin_fails_bad_origin() -> None:
    ext = empty_state()
    with pytest.raises(DispatchError, match="BadOrigin"):
        ts.set.function(ext, Signed(ALICE), 12_000)


def test_set_twice_in_block_is_invalid() -> None:
    ext = empty_state()
    _block(ext, SLOT)
    ts.set.function(ext, UNSIGNED, SLOT * 12_000)
    with pytest.raises(ts.TimestampError, match="only once"):
        ts.set.function(ext, UNSIGNED, SLOT * 12_000 + 1)


def test_set_before_minimum_period_is_invalid() -> None:
    ext = empty_state()
    _block(ext, SLOT)
    ts.set.function(ext, UNSIGNED, SLOT * 12_000)
    ts.on_finalize(ext, 1)
    _block(ext, SLOT + 1)
    with pytest.raises(ts.TimestampError, match="MinimumPeriod"):
        ts.set.function(ext, UNSIGNED, SLOT * 12_000 + 5_999)


def test_set_outside_block_slot_is_invalid() -> None:
    ext = empty_state()
    _block(ext, SLOT)
    with pytest.raises(aura.AuraError, match="CurrentSlot"):
        ts.set.function(ext, UNSIGNED, (SLOT + 1) * 12_000)


def test_on_finalize_without_set_is_invalid() -> None:
    with pytest.raises(ts.TimestampError, match="updated once"):
        ts.on_finalize(empty_state(), 1)


def test_set_is_mandatory_call_zero() -> None:
    assert ts.timestamp.calls[0].name == "set"
    assert ts.timestamp.calls[0].dispatch_class is DispatchClass.Mandatory
    assert ts.timestamp.calls[0].encode(now=1_700_000_000_000)[:2] == bytes([2, 0])


def test_create_and_check_inherent() -> None:
    ext = empty_state()
    _block(ext, SLOT)
    ts.set.function(ext, UNSIGNED, SLOT * 12_000)
    assert ts.create_inherent(ext, SLOT * 12_000 + 10) == SLOT * 12_000 + 6_000
    assert ts.check_inherent(ext, SLOT * 12_000 + 100, SLOT * 12_000) == "TooEarly"
    assert ts.check_inherent(ext, SLOT * 12_000 + 40_000, SLOT * 12_000) == "TooFarInFuture"
    assert ts.check_inherent(ext, SLOT * 12_000 + 12_000, SLOT * 12_000 + 12_000) is None


def test_fast_blocks_switch_minimum_period_and_slot_duration() -> None:
    ts.set_fast_blocks(True)
    try:
        assert ts.minimum_period() == 125 and aura.slot_duration() == 250
        assert [c.value for c in aura.aura.constants] == [250]
    finally:
        ts.set_fast_blocks(False)
    assert [c.value for c in ts.timestamp.constants] == [6_000]


def test_aura_slot_must_increase() -> None:
    ext = empty_state()
    _block(ext, SLOT)
    with pytest.raises(aura.AuraError, match="increase"):
        _block(ext, SLOT)


def test_aura_author_is_slot_modulo_authorities() -> None:
    ext = empty_state()
    aura.build_genesis(ext, [ALICE, BOB])
    assert aura.author(ext, _digest(7)) == BOB and aura.author(ext, _digest(8)) == ALICE
    assert aura.Authorities.storage_key().hex().startswith("57f8dc2f5ab09467896f47300f042438")
    with pytest.raises(aura.AuraError, match="already"):
        aura.build_genesis(ext, [ALICE])


def test_grandpa_genesis_writes_set_id_and_session() -> None:
    ext = empty_state()
    grandpa.build_genesis(ext, [(ALICE, 1)])
    assert grandpa.authorities(ext) == [(ALICE, 1)]
    assert grandpa.CurrentSetId.contains(ext) and grandpa.SetIdSession.get(ext, 0) == 0


def test_grandpa_scheduled_change_signals_then_enacts() -> None:
    ext = empty_state()
    grandpa.build_genesis(ext, [(ALICE, 1)])
    grandpa.schedule_change(ext, [(BOB, 1)], 2, None, 10)
    logs = grandpa.on_finalize(ext, 10)
    assert len(logs) == 1 and logs[0].engine == b"FRNK" and logs[0].data[0] == 1
    with pytest.raises(DispatchError, match="ChangePending"):
        grandpa.schedule_change(ext, [(ALICE, 1)], 2, None, 11)
    assert grandpa.on_finalize(ext, 12) == []
    assert grandpa.authorities(ext) == [(BOB, 1)] and events(ext)[-1][1] == "NewAuthorities"


def test_grandpa_note_stalled_root_only() -> None:
    ext = empty_state()
    with pytest.raises(DispatchError, match="BadOrigin"):
        grandpa.note_stalled.function(ext, Signed(ALICE), 5, 3)
    assert grandpa.grandpa.calls[2].name == "note_stalled"


def test_grandpa_pause_then_resume_round_trip() -> None:
    ext = empty_state()
    grandpa.schedule_pause(ext, 1, 5)
    assert grandpa.on_finalize(ext, 5)[0].data == bytes([4, 1, 0, 0, 0])
    grandpa.on_finalize(ext, 6)
    assert grandpa.State.get(ext).variant == "Paused" and events(ext)[-1][1] == "Paused"
    with pytest.raises(DispatchError, match="PauseFailed"):
        grandpa.schedule_pause(ext, 1, 7)
    grandpa.schedule_resume(ext, 0, 8)
    grandpa.on_finalize(ext, 8)
    assert grandpa.State.get(ext).variant == "Live" and events(ext)[-1][1] == "Resumed"
