"""scale.json ``extrinsics`` and ``era``: every extrinsic decodes and re-encodes byte for byte,
the broken-out call/extra/implicit/payload bytes match ours, signatures verify where the vector
says so, the deterministic ed25519 transfer is rebuilt exactly, and the extension order table
matches the extension set."""

from __future__ import annotations

from typing import Any

import pytest

from runtime.extrinsic import (
    SUBTENSOR_EXTENSIONS,
    ChainContext,
    CheckedExtrinsic,
    ExtensionSet,
    ExtrinsicDecodeError,
    ImplicitContext,
    SignedExtra,
    TransactionExtension,
    UnsupportedVersionError,
    build_signed_extrinsic,
    check_extrinsic,
    decode_extrinsic,
    mortality_birth_hash,
    mortality_validity,
    signing_payload,
    verify_signature,
)
from runtime.extrinsic.extensions import NONCE
from runtime.primitives.era import ERA, Mortal
from runtime.primitives.keys import Keypair
from runtime.primitives.scale import U64, U128, Compact, encode_compact
from tests.shared_vectors import load, unhex

VECTORS = load("scale")["extrinsics"]
SYNTHETIC = ["synthetic_subtensor_transfer_ed25519_deterministic",
             "synthetic_subtensor_transfer_sr25519_verify_only"]

# The explicit shape of Acala's extension tuple at block 3 800 000: era, compact nonce, compact
# u128 tip, everything else zero-sized (the vector documents the first three).
ACALA_SHAPED = ExtensionSet([
    TransactionExtension("CheckMortality", explicit=ERA),
    TransactionExtension("CheckNonce", explicit=NONCE),
    TransactionExtension("ChargeTransactionPayment", explicit=Compact(U128)),
])


def implicit_context(implicit: bytes) -> ImplicitContext:
    """The signer context behind a vector's implicit bytes (immortal: birth = genesis)."""
    return ImplicitContext(int.from_bytes(implicit[:4], "little"),
                           int.from_bytes(implicit[4:8], "little"), implicit[8:40],
                           implicit[40:72])


def chain_of(implicit: bytes, current: int = 100) -> ChainContext:
    """A runtime whose versions and genesis are the vector's."""
    genesis = implicit[8:40]
    return ChainContext(int.from_bytes(implicit[:4], "little"),
                        int.from_bytes(implicit[4:8], "little"), current,
                        lambda number: genesis if number == 0 else None)


@pytest.mark.parametrize("name", SYNTHETIC)
def test_synthetic_transfer_decodes_into_its_broken_out_parts(name: str) -> None:
    vector: dict[str, Any] = VECTORS[name]
    raw = unhex(vector["extrinsic"])
    xt = decode_extrinsic(raw)
    assert xt.encode() == raw
    assert xt.call == unhex(vector["call"])
    assert xt.signed.extra == unhex(vector["extra"])
    assert xt.signed.address.account_id == unhex(vector["signer_account"])
    decoded = vector["decoded_by_py_scale_codec_with_real_subtensor_metadata"]
    assert xt.signed.signed_extra.nonce == decoded["nonce"]
    assert xt.signed.signed_extra.tip == decoded["tip"]
    assert xt.signed.signed_extra.era.encode().hex() == decoded["era"]
    assert xt.call_index == (5, 3)  # Balances.transfer_keep_alive


@pytest.mark.parametrize("name", SYNTHETIC)
def test_synthetic_transfer_payload_and_signature(name: str) -> None:
    vector: dict[str, Any] = VECTORS[name]
    xt = decode_extrinsic(unhex(vector["extrinsic"]))
    implicit = unhex(vector["implicit (additional signed)"])
    assert implicit_context(implicit).encode() == implicit
    payload = signing_payload(xt.call, xt.signed.extra, implicit)
    assert payload == unhex(vector["signing_payload_raw"])
    assert len(payload) == vector["payload_len"]
    assert payload == unhex(vector["signed_payload (raw if <= 256 bytes else blake2_256)"])
    assert verify_signature(xt.signed.signature, payload, xt.signed.address.account_id)


@pytest.mark.parametrize("name", SYNTHETIC)
def test_synthetic_transfer_passes_the_runtime_check(name: str) -> None:
    vector: dict[str, Any] = VECTORS[name]
    xt = decode_extrinsic(unhex(vector["extrinsic"]))
    implicit = unhex(vector["implicit (additional signed)"])
    checked = check_extrinsic(xt, chain_of(implicit))
    assert checked == CheckedExtrinsic(unhex(vector["signer_account"]), xt.call,
                                       xt.signed.signed_extra)
    wrong_genesis = chain_of(bytes(8) + bytes(32) + implicit[40:])
    assert not isinstance(check_extrinsic(xt, wrong_genesis), CheckedExtrinsic)


def test_deterministic_ed25519_transfer_is_rebuilt_byte_for_byte() -> None:
    vector = VECTORS["synthetic_subtensor_transfer_ed25519_deterministic"]
    implicit = unhex(vector["implicit (additional signed)"])
    xt = build_signed_extrinsic(Keypair.from_uri("//Alice", "ed25519"), unhex(vector["call"]),
                                SignedExtra(), implicit_context(implicit))
    assert xt.encode() == unhex(vector["extrinsic"])


def test_real_acala_signed_extrinsic_round_trips_with_its_extension_shape() -> None:
    vector = VECTORS["real_acala_v4_signed"]
    raw = unhex(vector["hex"])
    xt = decode_extrinsic(raw, ACALA_SHAPED)
    assert xt.encode() == raw
    envelope = vector["decoded_envelope"]
    assert raw[:2] == encode_compact(envelope["compact_length"])
    assert len(raw) - 2 == envelope["compact_length"]
    assert "0x" + xt.signed.address.account_id.hex() in envelope["address"]
    assert xt.signed.signature.scheme.name == "SR25519"
    assert xt.signed.signature.data.hex().startswith("082e923e")
    extra = xt.signed.signed_extra
    assert (extra.era, extra.nonce, extra.tip) == (Mortal(32, 28), 24473, 0)
    assert extra.era.birth(3800000) == 3799996


def test_real_acala_signed_extrinsic_is_refused_cleanly_under_subtensors_extensions() -> None:
    with pytest.raises(ExtrinsicDecodeError, match="CheckMetadataHash"):
        decode_extrinsic(unhex(VECTORS["real_acala_v4_signed"]["hex"]), SUBTENSOR_EXTENSIONS)


def test_real_acala_bare_inherent_round_trips() -> None:
    vector = VECTORS["real_acala_v4_bare_inherent_timestamp"]
    raw = unhex(vector["hex"])
    xt = decode_extrinsic(raw)
    assert not xt.is_signed and xt.encode() == raw
    assert len(raw) - 1 == vector["decoded"]["compact_length"]
    assert xt.call_index == (1, 0)
    now, _ = Compact(U64).decode_from(xt.call, 2)
    assert now == 1686805458374


def test_version_byte_table() -> None:
    table = VECTORS["version_byte_table"]
    call = unhex(VECTORS["synthetic_subtensor_transfer_ed25519_deterministic"]["call"])
    assert "bare" in table["0x04"]
    assert not decode_extrinsic(bytes([(len(call) + 1) << 2, 0x04]) + call).is_signed
    for version in ("0x05", "0x45"):
        body = bytes([int(version, 16)]) + b"\x00" + call
        with pytest.raises(UnsupportedVersionError):
            decode_extrinsic(bytes([len(body) << 2]) + body)


def test_extension_order_table_matches_the_extension_set() -> None:
    table = VECTORS["extension_order_subtensor_HEAD"]
    assert len(table) == len(SUBTENSOR_EXTENSIONS) == 13
    for (identifier, explicit, implicit), extension in zip(table, SUBTENSOR_EXTENSIONS,
                                                           strict=True):
        reported = {"ChargeTransactionPaymentWrapper": "ChargeTransactionPayment"}.get(
            identifier.split()[0], identifier.split()[0])
        assert extension.identifier == reported
        assert (explicit.removeprefix("extra: ") == "-") == (extension.explicit.fixed_size == 0)
        assert (implicit.removeprefix("implicit: ") == "-") == (
            extension.implicit.fixed_size == 0)


@pytest.mark.parametrize("case", load("scale")["era"]["cases"], ids=lambda c: c["hex"])
def test_era_cases_in_a_signed_extrinsic(case: dict[str, Any]) -> None:
    era = Mortal(case["period"], case["phase"])
    assert era.encode() == unhex(case["hex"])
    extra = SignedExtra(era, nonce=1)
    current = case["current_block"] + 1
    kept = {case["birth_block"]: b"\x11" * 32}
    birth_hash = mortality_birth_hash(era, current, kept.get)
    assert birth_hash == b"\x11" * 32
    assert mortality_validity(era, current).longevity == case["death_block"] - current
    assert SUBTENSOR_EXTENSIONS.decode_explicit_from(extra.encode(), 0)[0]["CheckMortality"] == era
