"""System pallet calls: origins, effects, events and the set_code refusal."""

from __future__ import annotations

from runtime.composition import Runtime
from runtime.frame import system
from runtime.frame.dispatch import ROOT, DispatchError, Signed
from runtime.primitives.hashing import blake2_256
from tests.unit.frame.helpers import empty_state

RUNTIME = Runtime([system.system])
WHO = bytes([9]) * 32


def _call(ext, origin, name, **args):  # type: ignore[no-untyped-def]
    definition = next(c for c in system.system.calls.values() if c.name == name)
    return RUNTIME.dispatch(ext, origin, RUNTIME.decode_call(definition.encode(**args)))


def test_remark_with_event_emits_the_remark_hash() -> None:
    ext = empty_state()
    assert _call(ext, Signed(WHO), "remark_with_event", remark=b"hello").ok
    raw = ext.get(system.Events.storage_key())
    assert raw is not None and blake2_256(b"hello") in raw and WHO in raw


def test_set_storage_and_kill_storage_need_root() -> None:
    ext = empty_state()
    refused = _call(ext, Signed(WHO), "set_storage", items=[(b"k", b"v")])
    assert refused.error == DispatchError.bad_origin() and ext.get(b"k") is None
    assert _call(ext, ROOT, "set_storage", items=[(b"k", b"v"), (b"k2", b"w")]).ok
    assert ext.get(b"k") == b"v"
    assert _call(ext, ROOT, "kill_storage", keys=[b"k"]).ok and ext.get(b"k") is None


def test_kill_prefix_removes_keys_under_the_prefix() -> None:
    ext = empty_state()
    for key in (b"ab1", b"ab2", b"ac"):
        ext.set(key, b"x")
    assert _call(ext, ROOT, "kill_prefix", prefix=b"ab", subkeys=10).ok
    assert ext.get(b"ab1") is None and ext.get(b"ab2") is None and ext.get(b"ac") == b"x"


def test_set_code_fails_without_a_runtime_version_and_writes_nothing() -> None:
    ext = empty_state()
    outcome = _call(ext, ROOT, "set_code", code=b"\x00asm")
    assert outcome.error == system.FailedToExtractRuntimeVersion()
    assert ext.get(b":code") is None


def test_set_code_without_checks_stores_code_and_emits_code_updated() -> None:
    ext = empty_state()
    assert _call(ext, ROOT, "set_code_without_checks", code=b"blob").ok
    assert ext.get(b":code") == b"blob"
    assert system.EventCount.get(ext) == 1
    assert _call(ext, Signed(WHO), "set_code_without_checks", code=b"x").error == \
        DispatchError.bad_origin()
