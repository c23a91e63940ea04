"""scale.json: compact table, parity-scale-codec and polkadot-spec cases, the general cases,
non-canonical encodings, the real RuntimeVersion, the era cases and the extrinsics' SCALE parts."""

from __future__ import annotations

from typing import Any

import pytest

from runtime.primitives.era import ERA, IMMORTAL, Mortal
from runtime.primitives.scale import (
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    U128,
    U256,
    Array,
    Bool,
    BTreeMap,
    BTreeSet,
    Bytes,
    Compact,
    DecodeError,
    Enum,
    Option,
    Record,
    Result,
    ScaleType,
    Str,
    Struct,
    Tuple,
    Unit,
    Vec,
    decode_compact,
    encode_compact,
)
from runtime.primitives.scale.common import H256, MultiAddress, MultiSignature, RuntimeVersion
from tests.shared_vectors import load, unhex

VECTORS = load("scale")
ALICE = unhex(load("hashing")["keys_and_addresses"]["alice_sr25519_public"])


def _roundtrip(scale_type: ScaleType, value: Any, encoded: bytes) -> None:
    assert scale_type.encode(value) == encoded
    decoded = scale_type.decode(encoded)
    assert scale_type.encode(decoded) == encoded
    assert decoded == value


# ---- compact ---------------------------------------------------------------------------------

@pytest.mark.parametrize("case", VECTORS["compact"]["cases"], ids=lambda c: c["value"][:24])
def test_compact_case_encodes_and_decodes(case: dict) -> None:
    value, encoded = int(case["value"]), unhex(case["hex"])
    assert encode_compact(value) == encoded
    assert decode_compact(encoded, 0) == (value, len(encoded))
    if value < 1 << 128:
        _roundtrip(Compact(U128), value, encoded)


@pytest.mark.parametrize("case", VECTORS["compact"]["must_reject_non_canonical"],
                         ids=lambda c: c["hex"])
def test_non_canonical_compact_is_rejected(case: dict) -> None:
    scale_type = Compact(U8) if case.get("as") == "Compact<u8>" else Compact(U256)
    with pytest.raises(DecodeError, match="Compact"):
        scale_type.decode(unhex(case["hex"]))


# ---- parity-scale-codec suite ------------------------------------------------------------------

ARABIC = "أَلْف لَيْلَة وَلَيْلَة\u200e"
PARITY_CASES: dict[str, tuple[ScaleType, Any]] = {
    'String "Hello, World!"': (Str, "Hello, World!"),
    "Vec<u8> [0,1,1,2,3,5,8,13,21,34]": (Vec(U8), bytes([0, 1, 1, 2, 3, 5, 8, 13, 21, 34])),
    "Vec<i16> [0,1,-1,2,-2,3,-3]": (Vec(I16), [0, 1, -1, 2, -2, 3, -3]),
    "Vec<Option<i8>> [Some(1), Some(-1), None]": (Vec(Option(I8)), [1, -1, None]),
    "Vec<OptionBool>": (Vec(Option(Bool)), [True, False, None]),
    "Vec<String>": (Vec(Str), ["Hamlet", "Война и мир", "三国演义", ARABIC]),
    'Vec<u8> b"Hello world"': (Bytes, b"Hello world"),
    "Compact<u32>(3) via wrapper type": (Compact(U32), 3),
}


def _parity_case(description: str) -> tuple[ScaleType, Any]:
    for prefix, entry in PARITY_CASES.items():
        if description.startswith(prefix):
            return entry
    raise KeyError(f"no Python value declared for parity case {description!r}")


@pytest.mark.parametrize("case", VECTORS["parity_scale_codec_tests"]["cases"],
                         ids=lambda c: c["value"][:30])
def test_parity_scale_codec_case_roundtrips(case: dict) -> None:
    scale_type, value = _parity_case(case["value"])
    _roundtrip(scale_type, value, unhex(case["hex"]))


@pytest.mark.parametrize("case", VECTORS["polkadot_spec_conformance_strings"]["cases"],
                         ids=lambda c: c["input"][:12])
def test_polkadot_spec_string_roundtrips(case: dict) -> None:
    _roundtrip(Str, case["input"], unhex(case["hex"]))


# ---- general cases -----------------------------------------------------------------------------

E = Enum("E", ["A", ("B", U32), ("C", [("x", U8), ("y", Bool)])])
SPARSE = Enum("F", [("Foo", None, 5)])


def _int_keys(value: dict) -> dict:
    return {int(k): v for k, v in value.items()}


GENERAL: dict[str, tuple[ScaleType, Any]] = {
    "u8": (U8, None), "u16": (U16, None), "u32": (U32, None), "u64": (U64, None),
    "u128": (U128, None), "i8": (I8, None), "i32": (I32, None), "i64": (I64, None),
    "bool": (Bool, None), "Option<u32>": (Option(U32), None), "Option<bool>": (Option(Bool), None),
    "Option<Compact<u32>>": (Option(Compact(U32)), None),
    "Result<u32, String>": (Result(U32, Str), lambda v: next(iter(v.items()))),
    "Result<(), DispatchError-like u8>": (Result(Unit, U8), lambda v: next(iter(v.items()))),
    "(u8, u16, bool)": (Tuple(U8, U16, Bool), tuple),
    "[u8; 4]": (Array(U8, 4), bytes),
    "[u16; 2]": (Array(U16, 2), None),
    "Vec<u16>": (Vec(U16), None),
    "Vec<u8> (empty)": (Bytes, bytes),
    "String": (Str, None),
    "enum E { A, B(u32), C{ x: u8, y: bool } } value B(1)": (E, lambda v: ("B", 1)),
    "enum E value C{x:7,y:true}": (E, lambda v: ("C", E.payload_type("C").value_class(7, True))),
    "enum with #[codec(index = 5)] Foo": (SPARSE, lambda v: ("Foo", None)),
    "BTreeMap<u32, Vec<u8>> {1:\"qwe\", 2:\"qweasd\"}": (
        BTreeMap(U32, Bytes), lambda v: {int(k): x.encode() for k, x in v.items()}),
    "BTreeMap<u32, bool> {256:true, 1:false}": (BTreeMap(U32, Bool), _int_keys),
    "BTreeMap<Vec<u8>, u8> {[1,2,3]:1, [1,2]:2}": (
        BTreeMap(Bytes, U8), lambda v: {bytes.fromhex(k): x for k, x in v.items()}),
    "BTreeSet<u32> {1, 2}": (BTreeSet(U32), None),
    "Compact<u64> inside struct (#[codec(compact)] field)": (
        Struct("WithCompact", [("amount", Compact(U64))]), lambda v: {"amount": v}),
    "H256 / [u8;32]": (H256, unhex),
    "MultiAddress::Id(AccountId32)": (MultiAddress, lambda v: ("Id", ALICE)),
    "MultiSignature::Sr25519": (MultiSignature, lambda v: ("Sr25519", b"\xab" * 64)),
    "Perbill(500_000_000)": (Struct("Perbill", [(None, U32)]), None),
}


@pytest.mark.parametrize("case", VECTORS["general"]["cases"], ids=lambda c: c["type"][:40])
def test_general_case_roundtrips(case: dict) -> None:
    scale_type, convert = GENERAL[case["type"]]
    value = convert(case["value"]) if convert else case["value"]
    encoded = unhex(case["hex"])
    assert scale_type.encode(value) == encoded
    decoded = scale_type.decode(encoded)
    assert scale_type.encode(decoded) == encoded
    assert (decoded._asdict() if isinstance(decoded, Record) else decoded) == value


def test_general_btreemap_decodes_in_numeric_key_order() -> None:
    case = next(c for c in VECTORS["general"]["cases"] if c["type"].startswith("BTreeMap<u32, b"))
    assert list(BTreeMap(U32, Bool).decode(unhex(case["hex"]))) == [1, 256]


# ---- RuntimeVersion ---------------------------------------------------------------------------

def test_real_runtime_version_decodes_field_by_field() -> None:
    case = VECTORS["real_runtime_version"]
    encoded = unhex(case["hex"])
    version = RuntimeVersion.decode(encoded)
    expected = dict(case["decoded"])
    expected["apis"] = [(unhex(api_id), v) for api_id, v in expected["apis"]]
    assert version._asdict() == expected
    assert RuntimeVersion.encode(version) == encoded
    assert RuntimeVersion.encode(expected) == encoded


# ---- era -------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", VECTORS["era"]["cases"],
                         ids=lambda c: f"{c['requested_period']}@{c['current_block']}")
def test_era_case_matches(case: dict) -> None:
    era = Mortal.from_current(case["requested_period"], case["current_block"])
    assert (era.period, era.phase) == (case["period"], case["phase"])
    assert era.encode() == unhex(case["hex"])
    assert ERA.decode(unhex(case["hex"])) == era
    assert era.birth(case["current_block"]) == case["birth_block"]
    assert era.death(case["current_block"]) == case["death_block"]


def test_real_acala_era_decodes() -> None:
    example = VECTORS["era"]["real_example"]
    era = ERA.decode(unhex(example["hex"]))
    assert era == Mortal(example["decoded"]["period"], example["decoded"]["phase"])
    assert era.birth(3800000) == 3799996


# ---- extrinsics: the pure-SCALE parts -----------------------------------------------------------

CALL = Tuple(U8, U8, MultiAddress, Compact(U64))
EXTRA = Tuple(ERA, Compact(U32), Compact(U64), U8)
IMPLICIT = Tuple(U32, U32, H256, H256, Option(H256))
SIGNED_BODY = Tuple(U8, MultiAddress, MultiSignature, EXTRA, CALL)
SYNTHETIC = ["synthetic_subtensor_transfer_ed25519_deterministic",
             "synthetic_subtensor_transfer_sr25519_verify_only"]


@pytest.mark.parametrize("name", SYNTHETIC)
def test_synthetic_transfer_parts_roundtrip(name: str) -> None:
    case = VECTORS["extrinsics"][name]
    call, extra = unhex(case["call"]), unhex(case["extra"])
    implicit = unhex(case["implicit (additional signed)"])
    pallet, call_index, dest, _amount = CALL.decode(call)
    assert (pallet, call_index, dest[0]) == (5, 3, "Id")
    era, nonce, tip, mode = EXTRA.decode(extra)
    expected_nonce = case["decoded_by_py_scale_codec_with_real_subtensor_metadata"]["nonce"]
    assert (era, nonce, tip, mode) == (IMMORTAL, expected_nonce, 0, 0)
    spec_version, tx_version, genesis, birth_hash, metadata_hash = IMPLICIT.decode(implicit)
    assert (spec_version, tx_version, metadata_hash) == (425, 1, None)
    assert genesis == birth_hash == unhex(load("header")["testfinney_genesis"]["hash"])
    raw = call + extra + implicit
    assert raw == unhex(case["signing_payload_raw"]) and len(raw) == case["payload_len"]
    for part_type, part in ((CALL, call), (EXTRA, extra), (IMPLICIT, implicit)):
        assert part_type.encode(part_type.decode(part)) == part


@pytest.mark.parametrize("name", SYNTHETIC)
def test_synthetic_signed_extrinsic_envelope_roundtrips(name: str) -> None:
    case = VECTORS["extrinsics"][name]
    encoded = unhex(case["extrinsic"])
    body = Bytes.decode(encoded)
    version, signer, signature, extra, call = SIGNED_BODY.decode(body)
    assert version == 0x84
    assert signer == ("Id", unhex(case["signer_account"]))
    assert signature[0] == ("Ed25519" if "ed25519" in name else "Sr25519")
    assert EXTRA.encode(extra) == unhex(case["extra"])
    assert CALL.encode(call) == unhex(case["call"])
    assert Bytes.encode(SIGNED_BODY.encode((version, signer, signature, extra, call))) == encoded


def test_real_acala_signed_extrinsic_prefix_decodes() -> None:
    case = VECTORS["extrinsics"]["real_acala_v4_signed"]
    encoded = unhex(case["hex"])
    length, offset = decode_compact(encoded, 0)
    assert length == case["decoded_envelope"]["compact_length"] == len(encoded) - offset
    version, offset = U8.decode_from(encoded, offset)
    signer, offset = MultiAddress.decode_from(encoded, offset)
    signature, offset = MultiSignature.decode_from(encoded, offset)
    era, offset = ERA.decode_from(encoded, offset)
    nonce, offset = Compact(U32).decode_from(encoded, offset)
    tip, _ = Compact(U128).decode_from(encoded, offset)
    assert version == 0x84
    assert signer == ("Id", unhex(case["decoded_envelope"]["address"].split()[-1]))
    assert signature[0] == "Sr25519" and signature[1][:4] == unhex("0x082e923e")
    assert (era, nonce, tip) == (Mortal(32, 28), 24473, 0)


def test_real_acala_timestamp_inherent_decodes() -> None:
    case = VECTORS["extrinsics"]["real_acala_v4_bare_inherent_timestamp"]
    encoded = unhex(case["hex"])
    body = Bytes.decode(encoded)
    assert len(body) == case["decoded"]["compact_length"]
    inherent = Tuple(U8, U8, U8, Compact(U64))
    assert inherent.decode(body) == (0x04, 0x01, 0x00, 1686805458374)
    assert Bytes.encode(inherent.encode((4, 1, 0, 1686805458374))) == encoded
