"""The v4 envelope codec: round trips, every refusal, and fuzzing with hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.extrinsic import (
    SUBTENSOR_EXTENSIONS,
    AddressKind,
    ExtrinsicDecodeError,
    ExtrinsicEncodeError,
    LengthPrefixError,
    MetadataHashMode,
    MultiAddress,
    MultiSignature,
    SignatureScheme,
    SignedData,
    SignedExtra,
    TrailingBytesError,
    UncheckedExtrinsic,
    UnknownVariantError,
    UnsupportedVersionError,
    decode_extrinsic,
    decode_extrinsic_from,
    extrinsic_hash,
)
from runtime.primitives.era import IMMORTAL, Mortal
from runtime.primitives.hashing import blake2_256
from runtime.primitives.scale import encode_compact
from tests.unit.extrinsic.support import TRANSFER_CALL

ALICE = bytes.fromhex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d")


def signed_xt(extra: SignedExtra | None = None, address: MultiAddress | None = None,
              signature: MultiSignature | None = None, call: bytes = TRANSFER_CALL
              ) -> UncheckedExtrinsic:
    """A signed extrinsic with a dummy signature (the codec does not verify)."""
    extra_bytes = (extra or SignedExtra()).encode()
    explicit, _ = SUBTENSOR_EXTENSIONS.decode_explicit_from(extra_bytes, 0)
    return UncheckedExtrinsic(call, SignedData(
        address or MultiAddress.id(ALICE),
        signature or MultiSignature(SignatureScheme.SR25519, bytes(range(64))),
        extra_bytes, explicit))


def with_body(body: bytes) -> bytes:
    """``compact(len(body)) ‖ body``."""
    return encode_compact(len(body)) + body


def test_bare_round_trip_is_byte_identical() -> None:
    raw = with_body(b"\x04\x02\x00\x0b\xc6\xad\x70\xbd\x88\x01")
    xt = decode_extrinsic(raw)
    assert not xt.is_signed and xt.call_index == (2, 0)
    assert xt.encode() == raw


def test_signed_layout_matches_the_client_layout() -> None:
    extra = SignedExtra(Mortal(128, 7), nonce=7, tip=0)
    xt = signed_xt(extra)
    raw = xt.encode()
    body = (b"\x84" + b"\x00" + ALICE + b"\x01" + bytes(range(64)) + Mortal(128, 7).encode()
            + b"\x1c" + b"\x00" + b"\x00" + TRANSFER_CALL)
    assert raw == with_body(body)
    decoded = decode_extrinsic(raw)
    assert decoded == xt
    assert decoded.signed.signed_extra == extra
    assert decoded.signed.address.account_id == ALICE


def test_extrinsic_hash_covers_the_length_prefix() -> None:
    raw = signed_xt().encode()
    assert extrinsic_hash(raw) == blake2_256(raw) == decode_extrinsic(raw).hash()


@pytest.mark.parametrize("kind,data", [
    (AddressKind.ID, bytes(range(32))),
    (AddressKind.INDEX, b""),
    (AddressKind.RAW, b"raw address bytes"),
    (AddressKind.ADDRESS32, bytes(32)),
    (AddressKind.ADDRESS20, bytes(range(20))),
])
def test_every_address_variant_round_trips(kind: AddressKind, data: bytes) -> None:
    xt = signed_xt(address=MultiAddress(kind, data))
    decoded = decode_extrinsic(xt.encode())
    assert decoded.signed.address == MultiAddress(kind, data)
    assert (decoded.signed.address.account_id is not None) == (kind is AddressKind.ID)


@pytest.mark.parametrize("scheme", list(SignatureScheme))
def test_every_signature_variant_round_trips(scheme: SignatureScheme) -> None:
    signature = MultiSignature(scheme, bytes([9]) * (65 if scheme is SignatureScheme.ECDSA
                                                     else 64))
    assert decode_extrinsic(signed_xt(signature=signature).encode()).signed.signature == signature


@pytest.mark.parametrize("version", [0x05, 0x45, 0x44, 0x00, 0x03, 0x85, 0xff])
def test_other_version_bytes_are_refused(version: int) -> None:
    with pytest.raises(UnsupportedVersionError, match=f"0x{version:02x}"):
        decode_extrinsic(with_body(bytes([version]) + TRANSFER_CALL))


def test_v5_is_named_in_the_refusal() -> None:
    with pytest.raises(UnsupportedVersionError, match="v5 general"):
        decode_extrinsic(with_body(b"\x45\x00" + TRANSFER_CALL))


def test_length_prefix_longer_than_the_input_is_refused() -> None:
    raw = signed_xt().encode()
    with pytest.raises(LengthPrefixError, match="declares"):
        decode_extrinsic(raw[:-1])


def test_length_prefix_shorter_than_the_input_leaves_trailing_bytes() -> None:
    raw = with_body(b"\x04" + TRANSFER_CALL)
    with pytest.raises(TrailingBytesError, match="1 bytes follow"):
        decode_extrinsic(raw + b"\x00")


def test_non_canonical_length_prefix_is_refused() -> None:
    body = b"\x04" + TRANSFER_CALL
    with pytest.raises(LengthPrefixError, match="non-canonical"):
        decode_extrinsic((len(body) << 2 | 1).to_bytes(2, "little") + body)


def test_empty_input_and_empty_body_are_refused() -> None:
    with pytest.raises(LengthPrefixError):
        decode_extrinsic(b"")
    with pytest.raises(ExtrinsicDecodeError, match="empty"):
        decode_extrinsic(b"\x00")


def test_unknown_address_variant_is_refused() -> None:
    body = b"\x84\x05" + ALICE + b"\x01" + bytes(64) + b"\x00\x00\x00\x00" + TRANSFER_CALL
    with pytest.raises(UnknownVariantError, match="MultiAddress has no variant 5"):
        decode_extrinsic(with_body(body))


def test_unknown_signature_variant_is_refused() -> None:
    body = b"\x84\x00" + ALICE + b"\x03" + bytes(64) + b"\x00\x00\x00\x00" + TRANSFER_CALL
    with pytest.raises(UnknownVariantError, match="MultiSignature has no variant 3") as info:
        decode_extrinsic(with_body(body))
    assert info.value.offset == 2 + 1 + 33


def test_bad_metadata_mode_byte_names_the_extension() -> None:
    body = b"\x84\x00" + ALICE + b"\x01" + bytes(64) + b"\x00\x00\x00\x02" + TRANSFER_CALL
    with pytest.raises(ExtrinsicDecodeError, match="extension CheckMetadataHash"):
        decode_extrinsic(with_body(body))


def test_invalid_era_is_refused() -> None:
    body = b"\x84\x00" + ALICE + b"\x01" + bytes(64) + b"\x10\x00" + b"\x00\x00\x00" + TRANSFER_CALL
    with pytest.raises(ExtrinsicDecodeError, match="extension CheckMortality"):
        decode_extrinsic(with_body(body))


def test_a_call_shorter_than_two_bytes_is_refused() -> None:
    with pytest.raises(ExtrinsicDecodeError, match="call"):
        decode_extrinsic(with_body(b"\x04\x05"))
    with pytest.raises(ExtrinsicEncodeError):
        UncheckedExtrinsic(b"\x05")


def test_wrong_sized_parts_cannot_be_built() -> None:
    with pytest.raises(ExtrinsicEncodeError):
        MultiAddress(AddressKind.ID, bytes(31))
    with pytest.raises(ExtrinsicEncodeError):
        MultiSignature(SignatureScheme.ECDSA, bytes(64))


def test_a_block_body_decodes_extrinsic_by_extrinsic() -> None:
    xts = [UncheckedExtrinsic(b"\x02\x00\x0b\xc6\xad\x70\xbd\x88\x01"), signed_xt(),
           signed_xt(SignedExtra(Mortal(64, 42), 3, 10**9, MetadataHashMode.ENABLED))]
    body = b"".join(xt.encode() for xt in xts)
    offset, decoded = 0, []
    while offset < len(body):
        xt, offset = decode_extrinsic_from(body, offset)
        decoded.append(xt)
    assert decoded == xts


eras = st.one_of(st.just(IMMORTAL), st.builds(
    lambda exp, cur: Mortal.from_current(1 << exp, cur),
    st.integers(2, 16), st.integers(0, 1 << 32)))
extras = st.builds(SignedExtra, eras, st.integers(0, (1 << 32) - 1), st.integers(0, (1 << 64) - 1),
                   st.sampled_from(list(MetadataHashMode)))
calls = st.binary(min_size=2, max_size=300)


@settings(max_examples=300, deadline=None)
@given(extras, calls, st.sampled_from(list(SignatureScheme)), st.binary(min_size=65, max_size=65))
def test_built_extrinsics_round_trip(extra: SignedExtra, call: bytes, scheme: SignatureScheme,
                                     signature: bytes) -> None:
    size = 65 if scheme is SignatureScheme.ECDSA else 64
    xt = signed_xt(extra, signature=MultiSignature(scheme, signature[:size]), call=call)
    raw = xt.encode()
    decoded = decode_extrinsic(raw)
    assert decoded == xt and decoded.signed.signed_extra == extra
    assert decoded.encode() == raw


def _reencodes_or_refuses(raw: bytes) -> None:
    try:
        xt = decode_extrinsic(raw)
    except ExtrinsicDecodeError:
        return
    assert xt.encode() == raw


@settings(max_examples=1500, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_and_reencode_or_raise_the_codec_error(raw: bytes) -> None:
    _reencodes_or_refuses(raw)


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from([0x04, 0x84]), st.integers(0, 6), st.integers(0, 4),
       st.binary(max_size=120))
def test_near_valid_bytes_decode_and_reencode_or_raise_the_codec_error(
        version: int, address: int, signature: int, rest: bytes) -> None:
    body = bytes([version, address]) + ALICE + bytes([signature]) + rest
    _reencodes_or_refuses(with_body(body))
    _reencodes_or_refuses(with_body(bytes([version]) + rest))


@settings(max_examples=1500, deadline=None)
@given(st.binary(max_size=24), st.binary(max_size=8))
def test_random_extra_bytes_decode_and_reencode_or_raise_the_codec_error(
        extra: bytes, call: bytes) -> None:
    body = b"\x84\x00" + ALICE + b"\x01" + bytes(64) + extra + call
    _reencodes_or_refuses(with_body(body))
