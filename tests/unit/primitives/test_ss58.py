"""SS58 and base58: round trips against a slow reference and scalecodec, and every refusal."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scalecodec.utils.ss58 import ss58_encode as scalecodec_ss58_encode

from runtime.primitives import ss58
from runtime.primitives.ss58 import SS58Error

ALICE = bytes.fromhex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d")
ALICE_SS58 = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def reference_b58encode(data: bytes) -> str:
    """Base58 by long division over a list of base-256 digits (schoolbook, no big ints)."""
    digits = list(data)
    out = []
    while any(digits):
        remainder, quotient = 0, []
        for digit in digits:
            accumulator = remainder * 256 + digit
            quotient.append(accumulator // 58)
            remainder = accumulator % 58
        out.append(ALPHABET[remainder])
        digits = quotient
    leading = 0
    while leading < len(data) and data[leading] == 0:
        leading += 1
    return "1" * leading + "".join(reversed(out))


def reference_ss58(payload: bytes, prefix: int) -> str:
    """SS58 straight from the written rule (one- or two-byte prefix, 2-byte checksum)."""
    if prefix < 64:
        head = bytes([prefix])
    else:
        head = bytes([((prefix & 0xFC) >> 2) | 0x40, (prefix >> 8) | ((prefix & 3) << 6)])
    body = head + payload
    return reference_b58encode(body + hashlib.blake2b(b"SS58PRE" + body).digest()[:2])


prefixes = st.integers(min_value=0, max_value=16383).filter(lambda p: p not in (46, 47))


@given(st.binary(max_size=40))
def test_b58_round_trip_matches_reference(data):
    text = ss58.b58encode(data)
    assert text == reference_b58encode(data)
    assert ss58.b58decode(text) == data


@given(st.binary(min_size=32, max_size=32), prefixes)
def test_ss58_encode_matches_reference_and_round_trips(payload, prefix):
    address = ss58.ss58_encode(payload, prefix)
    assert address == reference_ss58(payload, prefix)
    assert ss58.ss58_decode_with_prefix(address) == (prefix, payload)
    assert ss58.ss58_decode(address, prefix) == payload


@given(st.binary(min_size=32, max_size=32), prefixes)
def test_ss58_encode_matches_scalecodec(payload, prefix):
    assert ss58.ss58_encode(payload, prefix) == scalecodec_ss58_encode(payload, prefix)


@pytest.mark.parametrize("length", [1, 2, 4, 8, 33])
def test_ss58_short_and_ecdsa_payloads_match_scalecodec(length):
    payload = bytes(range(1, length + 1))
    address = ss58.ss58_encode(payload, 42)
    assert address == scalecodec_ss58_encode(payload.hex(), 42)
    assert ss58.ss58_decode_with_prefix(address) == (42, payload)


def test_alice_address_encodes_and_decodes():
    assert ss58.ss58_encode(ALICE) == ALICE_SS58
    assert ss58.ss58_decode(ALICE_SS58, expected_prefix=42) == ALICE


def test_two_byte_prefix_round_trip_keeps_prefix():
    address = ss58.ss58_encode(ALICE, 13116)
    assert ss58.ss58_decode_with_prefix(address) == (13116, ALICE)
    assert ss58.encode_prefix(13116) == bytes([((13116 & 0xFC) >> 2) | 0x40,
                                              (13116 >> 8) | ((13116 & 3) << 6)])


def test_decode_bad_checksum_says_checksum():
    chars = list(ALICE_SS58)
    chars[-1] = "Z" if chars[-1] != "Z" else "Y"
    with pytest.raises(SS58Error, match="invalid SS58 checksum"):
        ss58.ss58_decode("".join(chars))


def test_decode_wrong_prefix_says_which():
    polkadot = ss58.ss58_encode(ALICE, 0)
    with pytest.raises(SS58Error, match="SS58 prefix 0 does not match expected 42"):
        ss58.ss58_decode(polkadot, expected_prefix=42)


def test_decode_bad_alphabet_names_character():
    with pytest.raises(SS58Error, match=r"invalid base58 character '0' at position 3"):
        ss58.ss58_decode("5Gr0vaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")


def test_decode_truncated_address_says_length():
    with pytest.raises(SS58Error, match="invalid SS58 length"):
        ss58.ss58_decode(ALICE_SS58[:-3])


def test_decode_short_payload_when_account_expected_says_length():
    index_address = ss58.ss58_encode(b"\x01\x02\x03\x04", 42)
    with pytest.raises(SS58Error, match="holds 4 bytes, expected 32"):
        ss58.ss58_decode(index_address)


def test_decode_prefix_byte_above_127_refused():
    raw = bytes([0x80]) + ALICE + b"\x00\x00"
    with pytest.raises(SS58Error, match="invalid SS58 prefix byte 0x80"):
        ss58.ss58_decode(ss58.b58encode(raw))


@pytest.mark.parametrize("prefix", [46, 47])
def test_reserved_prefix_refused_both_ways(prefix):
    with pytest.raises(SS58Error, match="reserved"):
        ss58.ss58_encode(ALICE, prefix)
    body = bytes([prefix]) + ALICE
    forged = ss58.b58encode(body + ss58.ss58_checksum(body)[:2])
    with pytest.raises(SS58Error, match="reserved"):
        ss58.ss58_decode(forged)


@pytest.mark.parametrize("prefix", [-1, 16384, True])
def test_encode_prefix_out_of_range_refused(prefix):
    with pytest.raises(SS58Error, match="SS58 prefix"):
        ss58.ss58_encode(ALICE, prefix)


def test_encode_bad_payload_length_refused():
    with pytest.raises(SS58Error, match="invalid SS58 payload length 31"):
        ss58.ss58_encode(ALICE[:31])


def test_decode_non_string_refused():
    with pytest.raises(SS58Error, match="must be a str"):
        ss58.ss58_decode(ALICE)  # type: ignore[arg-type]


def test_decode_account_id_accepts_ss58_hex_and_bytes():
    assert ss58.decode_account_id(ALICE_SS58) == ALICE
    assert ss58.decode_account_id("0x" + ALICE.hex()) == ALICE
    assert ss58.decode_account_id(ALICE) == ALICE


@pytest.mark.parametrize(("value", "message"), [
    ("0x1234", "is 2 bytes, expected 32"),
    ("0xzz" + "00" * 31, "invalid hex account id"),
    ("0x" + "00" * 16 + " " + "00" * 16, "invalid hex account id"),
    (b"\x00" * 31, "must be 32 bytes"),
    ("", "invalid SS58 length"),
])
def test_decode_account_id_bad_input_refused(value, message):
    with pytest.raises(SS58Error, match=message):
        ss58.decode_account_id(value)


def test_is_valid_ss58_address_never_raises():
    assert ss58.is_valid_ss58_address(ALICE_SS58)
    assert ss58.is_valid_ss58_address(ALICE_SS58, 42)
    assert not ss58.is_valid_ss58_address(ALICE_SS58, 0)
    assert not ss58.is_valid_ss58_address("not an address!")


@pytest.mark.parametrize(("text", "expected"), [
    ("", b""), ("00ff", b"\x00\xff"), ("ABcd", b"\xab\xcd"), ("abc", None), ("ab cd", None),
    (" ab", None), ("0xab", None), ("zz", None),
])
def test_strict_unhex_refuses_what_rust_refuses(text, expected):
    assert ss58.strict_unhex(text) == expected


def test_network_name_known_and_unknown():
    assert ss58.network_name(42) == "substrate"
    assert ss58.network_name(0) == "polkadot"
    assert ss58.network_name(777) == "777"
