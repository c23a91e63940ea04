"""SCALE codec rates, ours against py-scale-codec (``scalecodec``) measured in the same run:
AccountInfo (the 56-byte System.Account value), a header with a two-item digest (Aura pre-runtime
slot and seal), and a ``Vec<u16>`` of 256 items."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scalecodec.base import RuntimeConfiguration, ScaleBytes
from scalecodec.type_registry import load_type_registry_preset

from benchmarks.harness import Row, per_second
from runtime.primitives.block import Digest, Header, PreRuntime, Seal
from runtime.primitives.scale import U16, U32, U64, U128, Struct, Vec

ACCOUNT_DATA = Struct("AccountData", [("free", U64), ("reserved", U64), ("frozen", U64),
                                      ("flags", U128)],
                      path=("pallet_balances", "types", "AccountData"))
ACCOUNT_INFO = Struct("AccountInfo", [("nonce", U32), ("consumers", U32), ("providers", U32),
                                      ("sufficients", U32), ("data", ACCOUNT_DATA)],
                      path=("frame_system", "AccountInfo"))
_FILLER = ["Null"] * 3
SCALECODEC_TYPES = {
    "BenchAccountData": {"type": "struct", "type_mapping": [
        ["free", "u64"], ["reserved", "u64"], ["frozen", "u64"], ["flags", "u128"]]},
    "BenchAccountInfo": {"type": "struct", "type_mapping": [
        ["nonce", "u32"], ["consumers", "u32"], ["providers", "u32"], ["sufficients", "u32"],
        ["data", "BenchAccountData"]]},
    "BenchEngineItem": {"type": "struct", "type_mapping": [["engine", "[u8; 4]"],
                                                           ["data", "Bytes"]]},
    "BenchDigestItem": {"type": "enum", "type_mapping": [
        ["Other", "Bytes"], ["Unused1", "Null"], ["Unused2", "Null"], ["Unused3", "Null"],
        ["Consensus", "BenchEngineItem"], ["Seal", "BenchEngineItem"],
        ["PreRuntime", "BenchEngineItem"], ["Unused7", "Null"],
        ["RuntimeEnvironmentUpdated", "Null"]]},
    "BenchHeader": {"type": "struct", "type_mapping": [
        ["parent_hash", "[u8; 32]"], ["number", "Compact<u32>"], ["state_root", "[u8; 32]"],
        ["extrinsics_root", "[u8; 32]"], ["digest", "Vec<BenchDigestItem>"]]},
}


def _scalecodec() -> RuntimeConfiguration:
    config = RuntimeConfiguration()
    config.update_type_registry(load_type_registry_preset("legacy"))
    config.update_type_registry({"types": SCALECODEC_TYPES})
    return config


def _pair(config: RuntimeConfiguration, type_string: str, value: Any,
          encoded: bytes) -> tuple[Callable[[], object], Callable[[], object]]:
    def encode() -> object:
        return config.create_scale_object(type_string).encode(value)

    def decode() -> object:
        return config.create_scale_object(type_string, data=ScaleBytes(encoded)).decode()

    if bytes(config.create_scale_object(type_string).encode(value).data) != encoded:
        raise RuntimeError(f"scalecodec disagrees with ours on {type_string}: nothing to compare")
    return encode, decode


def _rows(label: str, ours: tuple[Callable[[], object], Callable[[], object]],
          theirs: tuple[Callable[[], object], Callable[[], object]]) -> list[Row]:
    rows = []
    for direction, our_fn, their_fn in (("encode", ours[0], theirs[0]),
                                        ("decode", ours[1], theirs[1])):
        baseline = f"{label} {direction} (scalecodec)"
        rows.append(Row("scale", baseline, per_second(their_fn), "ops/s"))
        rows.append(Row("scale", f"{label} {direction} (ours)", per_second(our_fn), "ops/s",
                        baseline=baseline))
    return rows


def _header() -> Header:
    digest = Digest((PreRuntime(b"aura", (146599431).to_bytes(8, "little")),
                     Seal(b"aura", bytes(range(64)))))
    return Header(b"\x11" * 32, 6553223, b"\x22" * 32, b"\x33" * 32, digest)


def run() -> list[Row]:
    """Measure and return the SCALE rows."""
    config = _scalecodec()
    account = {"nonce": 5, "consumers": 1, "providers": 1, "sufficients": 0,
               "data": {"free": 10**12, "reserved": 0, "frozen": 0, "flags": 1 << 127}}
    account_bytes = ACCOUNT_INFO.encode(account)
    account_value = ACCOUNT_INFO.decode(account_bytes)
    header = _header()
    header_bytes = header.encode()
    logs = [{type(item).__name__: {"engine": "0x" + item.engine.hex(),
                                   "data": "0x" + item.data.hex()}} for item in header.digest.logs]
    header_sc = {"parent_hash": "0x" + header.parent_hash.hex(), "number": header.number,
                 "state_root": "0x" + header.state_root.hex(),
                 "extrinsics_root": "0x" + header.extrinsics_root.hex(), "digest": logs}
    numbers = list(range(0, 256 * 200, 200))
    vec_type = Vec(U16)
    vec_bytes = vec_type.encode(numbers)
    if Header.decode(header_bytes) != header or vec_type.decode(vec_bytes) != numbers:
        raise RuntimeError("our codec does not round-trip the benchmark values")
    return [
        *_rows("AccountInfo", (lambda: ACCOUNT_INFO.encode(account_value),
                               lambda: ACCOUNT_INFO.decode(account_bytes)),
               _pair(config, "BenchAccountInfo", account, account_bytes)),
        *_rows("Header, 2-item digest", (header.encode, lambda: Header.decode(header_bytes)),
               _pair(config, "BenchHeader", header_sc, header_bytes)),
        *_rows("Vec<u16> x256", (lambda: vec_type.encode(numbers),
                                 lambda: vec_type.decode(vec_bytes)),
               _pair(config, "Vec<u16>", numbers, vec_bytes)),
    ]
