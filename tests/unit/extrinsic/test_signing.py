"""Signing payloads and MultiSignature verification, cross-checked with independent libraries:
bittensor_wallet (the Rust keypair the bittensor SDK signs with), py-scale-codec (the part
encoders the SDK builds extrinsics from) and coincurve (secp256k1 signing)."""

from __future__ import annotations

import coincurve
import pytest
from bittensor_wallet import Keypair as WalletKeypair
from hypothesis import given, settings
from hypothesis import strategies as st
from scalecodec.base import RuntimeConfigurationObject
from scalecodec.type_registry import load_type_registry_preset

from runtime.extrinsic import (
    CheckedExtrinsic,
    ExtrinsicEncodeError,
    MetadataHashMode,
    MultiAddress,
    MultiSignature,
    SignatureScheme,
    SignedData,
    SignedExtra,
    UncheckedExtrinsic,
    build_signed_extrinsic,
    check_extrinsic,
    decode_extrinsic,
    ecdsa_account_id,
    signing_payload,
    verify_signature,
)
from runtime.extrinsic.signing import ecdsa_recover_compressed, signed_payload_of
from runtime.primitives.era import Mortal
from runtime.primitives.hashing import blake2_256
from runtime.primitives.keys import Keypair
from tests.unit.extrinsic.support import (
    GENESIS,
    SPEC_VERSION,
    TRANSFER_CALL,
    TX_VERSION,
    block_hash_of,
    make_chain,
    signer_context,
)


def test_payloads_up_to_256_bytes_are_signed_raw() -> None:
    call = b"\x00\x00" + bytes(250)
    assert signing_payload(call, b"\x01\x02", b"\x03\x04") == call + b"\x01\x02\x03\x04"


def test_payloads_over_256_bytes_are_signed_through_blake2_256() -> None:
    call = b"\x00\x00" + bytes(251)
    raw = call + b"\x01\x02\x03\x04"
    assert len(raw) == 257
    assert signing_payload(call, b"\x01\x02", b"\x03\x04") == blake2_256(raw)


@pytest.mark.parametrize("call_size", [2, 200, 5000])
def test_sr25519_built_extrinsic_verifies(alice: Keypair, call_size: int) -> None:
    call = b"\x00\x00" + bytes(call_size - 2)
    xt = build_signed_extrinsic(alice, call, SignedExtra(nonce=1), signer_context())
    signed = xt.signed
    assert signed.signature.scheme is SignatureScheme.SR25519
    payload = signed_payload_of(xt, signer_context().encode())
    assert verify_signature(signed.signature, payload, alice.account_id)
    assert not verify_signature(signed.signature, payload + b"\x00", alice.account_id)


def test_ed25519_signature_verifies_and_is_deterministic(bob_ed25519: Keypair) -> None:
    one = build_signed_extrinsic(bob_ed25519, TRANSFER_CALL, SignedExtra(), signer_context())
    two = build_signed_extrinsic(bob_ed25519, TRANSFER_CALL, SignedExtra(), signer_context())
    assert one.encode() == two.encode()
    assert one.signed.signature.scheme is SignatureScheme.ED25519
    payload = signed_payload_of(one, signer_context().encode())
    assert verify_signature(one.signed.signature, payload, bob_ed25519.account_id)


def test_a_signature_of_one_scheme_does_not_verify_as_the_other(alice: Keypair) -> None:
    signature = MultiSignature(SignatureScheme.ED25519, alice.sign(b"message"))
    assert not verify_signature(signature, b"message", alice.account_id)
    assert verify_signature(MultiSignature(SignatureScheme.SR25519, signature.data), b"message",
                            alice.account_id)


def test_malformed_signer_is_a_failed_verification(alice: Keypair) -> None:
    signature = MultiSignature(SignatureScheme.SR25519, alice.sign(b"m"))
    assert not verify_signature(signature, b"m", alice.account_id[:31])
    assert not verify_signature(signature, b"m", bytes(32))


def _ecdsa_sign(secret: bytes, payload: bytes, v_offset: int = 0) -> tuple[MultiSignature, bytes]:
    key = coincurve.PrivateKey(secret)
    raw = key.sign_recoverable(blake2_256(payload), hasher=None)
    signature = MultiSignature(SignatureScheme.ECDSA, raw[:64] + bytes([raw[64] + v_offset]))
    return signature, ecdsa_account_id(key.public_key.format(compressed=True))


@pytest.mark.parametrize("v_offset", [0, 27])
def test_ecdsa_signature_verifies_against_the_hashed_compressed_key(v_offset: int) -> None:
    signature, account = _ecdsa_sign(bytes([7]) * 32, b"payload", v_offset)
    assert verify_signature(signature, b"payload", account)
    assert not verify_signature(signature, b"payload!", account)


def test_ecdsa_refuses_bad_recovery_ids_and_out_of_range_scalars() -> None:
    signature, account = _ecdsa_sign(bytes([7]) * 32, b"payload")
    for v in (4, 26, 31, 255):
        bad = MultiSignature(SignatureScheme.ECDSA, signature.data[:64] + bytes([v]))
        assert not verify_signature(bad, b"payload", account)
    order_plus = MultiSignature(SignatureScheme.ECDSA, b"\xff" * 64 + b"\x00")
    assert not verify_signature(order_plus, b"payload", account)
    assert ecdsa_recover_compressed(bytes(65), bytes(32)) is None


def test_ecdsa_signed_extrinsic_passes_the_runtime_check() -> None:
    secret = bytes([42]) * 32
    account = ecdsa_account_id(coincurve.PrivateKey(secret).public_key.format(compressed=True))
    extra = SignedExtra(nonce=3)
    payload = signing_payload(TRANSFER_CALL, extra.encode(), signer_context().encode())
    signature, _ = _ecdsa_sign(secret, payload)
    signed = SignedData(MultiAddress.id(account), signature, extra.encode(),
                        extra.explicit_values())
    xt = decode_extrinsic(UncheckedExtrinsic(TRANSFER_CALL, signed).encode())
    assert check_extrinsic(xt, make_chain(10)) == CheckedExtrinsic(account, TRANSFER_CALL, extra)


@pytest.mark.parametrize("crypto_type,scheme", [(1, "sr25519"), (0, "ed25519")])
def test_our_signatures_verify_in_bittensor_wallet(crypto_type: int, scheme: str) -> None:
    ours = Keypair.from_uri("//Charlie", scheme)
    theirs = WalletKeypair.create_from_uri("//Charlie", crypto_type=crypto_type)
    assert theirs.public_key == ours.account_id
    xt = build_signed_extrinsic(ours, TRANSFER_CALL, SignedExtra(nonce=9), signer_context())
    payload = signed_payload_of(xt, signer_context().encode())
    assert theirs.verify(payload, xt.signed.signature.data)


def _scalecodec() -> RuntimeConfigurationObject:
    config = RuntimeConfigurationObject()
    config.update_type_registry(load_type_registry_preset("core"))
    return config


_CONFIG = _scalecodec()


def _scalecodec_bytes(config: RuntimeConfigurationObject, type_name: str, value: object) -> bytes:
    return bytes(config.create_scale_object(type_name).encode(value).data)


@pytest.mark.parametrize("crypto_type,variant", [(1, "Sr25519"), (0, "Ed25519")])
def test_extrinsic_assembled_by_scalecodec_and_signed_by_bittensor_wallet_is_accepted(
        crypto_type: int, variant: str) -> None:
    """Every byte comes from the client-side libraries; our decoder and check must accept it."""
    config = _CONFIG
    wallet = WalletKeypair.create_from_uri("//Eve", crypto_type=crypto_type)
    current, period, nonce, tip = 1000, 64, 5, 12345
    era = _scalecodec_bytes(config, "Era", {"period": period, "current": current - 1})
    extra = (era + _scalecodec_bytes(config, "Compact<u32>", nonce)
             + _scalecodec_bytes(config, "Compact<Balance>", tip) + b"\x00")
    birth = Mortal.from_current(period, current - 1).birth(current - 1)
    implicit = (_scalecodec_bytes(config, "u32", SPEC_VERSION)
                + _scalecodec_bytes(config, "u32", TX_VERSION) + GENESIS + block_hash_of(birth)
                + b"\x00")
    raw_payload = TRANSFER_CALL + extra + implicit
    signature = wallet.sign(raw_payload if len(raw_payload) <= 256 else blake2_256(raw_payload))
    address = {"Id": "0x" + wallet.public_key.hex()}
    body = (b"\x84" + _scalecodec_bytes(config, "MultiAddress", address)
            + _scalecodec_bytes(config, "MultiSignature", {variant: "0x" + signature.hex()})
            + extra + TRANSFER_CALL)
    raw = _scalecodec_bytes(config, "Compact<u32>", len(body)) + body
    xt = decode_extrinsic(raw)
    assert xt.encode() == raw
    assert xt.signed.signed_extra == SignedExtra(Mortal.from_current(period, current - 1), nonce,
                                                 tip)
    checked = check_extrinsic(xt, make_chain(current))
    assert isinstance(checked, CheckedExtrinsic) and checked.signer == wallet.public_key


@settings(max_examples=60, deadline=None)
@given(st.integers(0, (1 << 32) - 1), st.integers(0, (1 << 64) - 1), st.integers(2, 16),
       st.integers(0, 1 << 20))
def test_extra_matches_scalecodec_part_encoders(nonce: int, tip: int, exp: int,
                                                current: int) -> None:
    config = _CONFIG
    era = Mortal.from_current(1 << exp, current)
    expected = (_scalecodec_bytes(config, "Era", {"period": 1 << exp, "current": current})
                + _scalecodec_bytes(config, "Compact<u32>", nonce)
                + _scalecodec_bytes(config, "Compact<u64>", tip) + b"\x00")
    assert SignedExtra(era, nonce, tip).encode() == expected



def test_metadata_hash_mode_and_context_must_agree(alice: Keypair) -> None:
    enabled = SignedExtra(metadata_hash_mode=MetadataHashMode.ENABLED)
    with pytest.raises(ExtrinsicEncodeError, match="CheckMetadataHash"):
        build_signed_extrinsic(alice, TRANSFER_CALL, enabled, signer_context())
    with pytest.raises(ExtrinsicEncodeError, match="CheckMetadataHash"):
        build_signed_extrinsic(alice, TRANSFER_CALL, SignedExtra(),
                               signer_context(metadata_hash=bytes(32)))
    xt = build_signed_extrinsic(alice, TRANSFER_CALL, enabled,
                                signer_context(metadata_hash=bytes(range(32))))
    payload = signed_payload_of(xt, signer_context(metadata_hash=bytes(range(32))).encode())
    assert payload.endswith(b"\x01" + bytes(range(32)))
    assert verify_signature(xt.signed.signature, payload, alice.account_id)
