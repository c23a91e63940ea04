"""Block primitives: digest items, headers and blocks — round trips, validation, strict decoding,
and agreement with the declared SCALE type objects for random headers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.primitives.block import (
    DIGEST_ITEM_TYPE,
    HEADER_TYPE,
    Block,
    BlockError,
    Consensus,
    Digest,
    Header,
    Other,
    PreRuntime,
    RuntimeEnvironmentUpdated,
    Seal,
    decode_digest_item,
)
from runtime.primitives.hashing import blake2_256
from runtime.primitives.scale import Bytes, DecodeError, EnumValue, encode_compact

ZERO = bytes(32)


def _header(**changes: Any) -> Header:
    fields = {"parent_hash": b"\x01" * 32, "number": 7, "state_root": b"\x02" * 32,
              "extrinsics_root": b"\x03" * 32,
              "digest": Digest((PreRuntime(b"aura", b"\x05" * 8), Seal(b"aura", b"\x09" * 64)))}
    fields.update(changes)
    return Header(**fields)


@pytest.mark.parametrize(("item", "encoded"), [
    (PreRuntime(b"aura", b"\x01\x02"), b"\x06aura\x08\x01\x02"),
    (Consensus(b"FRNK", b""), b"\x04FRNK\x00"),
    (Seal(b"aura", b"\xaa"), b"\x05aura\x04\xaa"),
    (Other(b"xyz"), b"\x00\x0cxyz"),
    (RuntimeEnvironmentUpdated(), b"\x08"),
])
def test_digest_item_encodes_with_its_type_byte(item: Any, encoded: bytes) -> None:
    assert item.encode() == encoded
    assert decode_digest_item(encoded) == item


def _item_value(item: Any) -> Any:
    if isinstance(item, Other):
        return ("Other", item.data)
    if isinstance(item, RuntimeEnvironmentUpdated):
        return ("RuntimeEnvironmentUpdated", None)
    return (type(item).__name__, (item.engine, item.data))


ITEMS = st.one_of(
    st.builds(PreRuntime, st.binary(min_size=4, max_size=4), st.binary(max_size=70)),
    st.builds(Consensus, st.binary(min_size=4, max_size=4), st.binary(max_size=70)),
    st.builds(Seal, st.binary(min_size=4, max_size=4), st.binary(max_size=70)),
    st.builds(Other, st.binary(max_size=70)),
    st.just(RuntimeEnvironmentUpdated()),
)
HASHES = st.binary(min_size=32, max_size=32)
HEADERS = st.builds(Header, HASHES, st.integers(0, 2**32 - 1), HASHES, HASHES,
                    st.lists(ITEMS, max_size=4).map(lambda logs: Digest(tuple(logs))))


@settings(max_examples=200, deadline=None)
@given(HEADERS)
def test_random_header_roundtrips_and_matches_type_object(header: Header) -> None:
    encoded = header.encode()
    assert Header.decode(encoded) == header
    assert Header.from_json(header.to_json()) == header
    value = {"parent_hash": header.parent_hash, "number": header.number,
             "state_root": header.state_root, "extrinsics_root": header.extrinsics_root,
             "digest": {"logs": [_item_value(i) for i in header.digest.logs]}}
    assert HEADER_TYPE.encode(value) == encoded
    assert header.hash() == blake2_256(encoded)


@settings(max_examples=200, deadline=None)
@given(HEADERS, st.data())
def test_truncated_header_is_decode_error(header: Header, data: st.DataObject) -> None:
    encoded = header.encode()
    cut = data.draw(st.integers(0, len(encoded) - 1))
    with pytest.raises(DecodeError):
        Header.decode(encoded[:cut])


def test_digest_item_type_object_uses_the_same_indices() -> None:
    assert DIGEST_ITEM_TYPE.encode(("Seal", (b"aura", b"\x01"))) == Seal(b"aura", b"\x01").encode()
    assert DIGEST_ITEM_TYPE.decode(b"\x08") == EnumValue("RuntimeEnvironmentUpdated", None)
    assert [v.index for v in DIGEST_ITEM_TYPE.variants] == [6, 4, 5, 0, 8]


def test_pre_seal_hash_drops_only_a_trailing_seal() -> None:
    header = _header()
    unsealed = header.without_seal()
    assert unsealed.digest.logs == header.digest.logs[:1]
    assert header.pre_seal_hash() == unsealed.hash() != header.hash()
    assert unsealed.without_seal() is unsealed
    assert header.digest.pre_runtime(b"aura") == b"\x05" * 8
    assert header.digest.pre_runtime(b"BABE") is None


def test_json_number_is_minimal_hex() -> None:
    assert _header(number=0).to_json()["number"] == "0x0"
    assert _header(number=6553223).to_json()["number"] == "0x63fe87"


@pytest.mark.parametrize(("changes", "needle"), [
    ({"parent_hash": b"\x01" * 31}, "parent_hash must be 32 bytes"),
    ({"state_root": "00" * 32}, "state_root must be bytes"),
    ({"number": -1}, "number"),
    ({"number": 2**32}, "number"),
    ({"digest": []}, "digest must be a Digest"),
])
def test_invalid_header_fields_are_block_error(changes: dict, needle: str) -> None:
    with pytest.raises(BlockError, match=needle):
        _header(**changes)


def test_invalid_digest_items_are_block_error() -> None:
    with pytest.raises(BlockError, match="engine must be 4 bytes"):
        PreRuntime(b"aur", b"")
    with pytest.raises(BlockError, match="not a digest item"):
        Digest((b"\x08",))


@pytest.mark.parametrize(("data", "needle"), [
    (b"\x03", "unknown digest item type 3"),
    (b"\x06aur", "needs 4 bytes"),
    (b"\x06aura\x08\x01", "length prefix"),
    (b"\x08\x00", "trailing"),
])
def test_malformed_digest_item_is_decode_error(data: bytes, needle: str) -> None:
    with pytest.raises(DecodeError, match=needle):
        decode_digest_item(data)


def test_header_number_above_u32_is_decode_error() -> None:
    encoded = ZERO + encode_compact(2**32) + ZERO + ZERO + b"\x00"
    with pytest.raises(DecodeError, match="exceeds u32"):
        Header.decode(encoded)


def test_header_trailing_bytes_are_decode_error() -> None:
    with pytest.raises(DecodeError, match="trailing"):
        Header.decode(_header().encode() + b"\x00")


@pytest.mark.parametrize("obj", [
    {},
    {"parentHash": "0x" + "11" * 32, "number": "7", "stateRoot": "0x" + "22" * 32,
     "extrinsicsRoot": "0x" + "33" * 32, "digest": {"logs": []}},
    {"parentHash": "0xzz", "number": "0x7", "stateRoot": "0x" + "22" * 32,
     "extrinsicsRoot": "0x" + "33" * 32, "digest": {"logs": []}},
    {"parentHash": "0x" + "11" * 32, "number": "0x7", "stateRoot": "0x" + "22" * 32,
     "extrinsicsRoot": "0x" + "33" * 32, "digest": {"logs": ["0x03"]}},
])
def test_malformed_json_header_is_block_error(obj: dict) -> None:
    with pytest.raises(BlockError):
        Header.from_json(obj)


def test_block_body_is_a_vec_of_length_prefixed_extrinsics() -> None:
    extrinsics = [Bytes.encode(b"\x04\x02\x00\x0b"), Bytes.encode(b"\x84" + b"\x00" * 100)]
    block = Block(_header(), extrinsics)
    encoded = block.encode()
    header_len = len(block.header.encode())
    assert encoded[header_len:] == b"\x08" + extrinsics[0] + extrinsics[1]
    assert Block.decode(encoded) == block
    assert block.hash() == block.header.hash()
    assert Block.decode(Block(_header()).encode()).extrinsics == ()


@pytest.mark.parametrize(("extrinsics", "needle"), [
    ([b"\x08\x01"], "not length-prefixed"),
    ([b"\x04\x01\x02"], "beyond its length prefix"),
    (["0x00"], "must be bytes"),
])
def test_block_with_malformed_extrinsic_is_block_error(extrinsics: list, needle: str) -> None:
    with pytest.raises(BlockError, match=needle):
        Block(_header(), extrinsics)


def test_truncated_or_padded_block_is_decode_error() -> None:
    encoded = Block(_header(), [b"\x08\x01\x02"]).encode()
    with pytest.raises(DecodeError):
        Block.decode(encoded[:-1])
    with pytest.raises(DecodeError, match="trailing"):
        Block.decode(encoded + b"\x00")
    with pytest.raises(DecodeError, match="cannot fit"):
        Block.decode(_header().encode() + encode_compact(1000) + b"\x00")
