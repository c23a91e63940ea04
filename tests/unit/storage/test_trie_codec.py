"""Node encoding: headers with continuation bytes, round trips, and strict decoding errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.trie import Node, TrieError, TrieNodeDecodeError, decode_node, encode_node
from storage.trie.codec import (
    EMPTY_NODE,
    decode_compact,
    encode_branch,
    encode_compact,
    encode_leaf,
    node_reference,
    pack_nibbles,
)
from tests.shared_vectors import load

NIBBLES = st.text(alphabet="0123456789abcdef", max_size=400)
REFS = st.none() | st.binary(min_size=1, max_size=31) | st.binary(min_size=32, max_size=32)


@pytest.mark.parametrize(("count", "header"), [
    (0, "40"), (1, "41"), (62, "7e"), (63, "7f00"), (64, "7f01"), (317, "7ffe"),
    (318, "7fff00"), (573, "7fffff00"), (572, "7ffffe"), (340, "7fff16"),
])
def test_leaf_header_length_encoding_matches_spec(count: int, header: str) -> None:
    encoding = encode_leaf("1" * count, b"")
    assert encoding.startswith(bytes.fromhex(header))
    assert decode_node(encoding).partial == "1" * count


@pytest.mark.parametrize(("count", "header"), [(14, "1e"), (15, "1f00"), (270, "1fff00")])
def test_hashed_branch_header_uses_four_length_bits(count: int, header: str) -> None:
    encoding = encode_branch("a" * count, b"\x11" * 32, True, [b"\x01\x02"] + [None] * 15)
    assert encoding.startswith(bytes.fromhex(header))


def test_hashed_leaf_header_uses_five_length_bits() -> None:
    assert encode_leaf("1" * 31, b"\x00" * 32, True)[:2] == bytes.fromhex("3f00")
    assert encode_leaf("1" * 30, b"\x00" * 32, True)[:1] == bytes.fromhex("3e")


def test_odd_partial_key_packs_first_nibble_alone() -> None:
    assert pack_nibbles("314") == bytes.fromhex("0314")
    assert pack_nibbles("3141") == bytes.fromhex("3141")


def test_smoldot_root_node_decodes_to_its_parts() -> None:
    case = next(c for c in load("trie")["unit_test_vectors"] if "root_node_encoding" in c)
    node = decode_node(bytes.fromhex(case["root_node_encoding"][2:]))
    assert node.partial == "" and node.value is None and node.children is not None
    assert node.children[1] == bytes.fromhex("43031404ff")
    assert decode_node(node.children[1]) == Node("314", b"\xff", False, None)


@settings(max_examples=300, deadline=None)
@given(NIBBLES, st.binary(max_size=100), st.booleans())
def test_leaf_round_trips(partial: str, value: bytes, hashed: bool) -> None:
    node = Node(partial, value[:32].ljust(32, b"\0") if hashed else value, hashed, None)
    assert decode_node(encode_node(node)) == node


@settings(max_examples=300, deadline=None)
@given(NIBBLES, st.none() | st.binary(max_size=60), st.booleans(),
       st.lists(REFS, min_size=16, max_size=16).filter(lambda refs: any(refs)))
def test_branch_round_trips(partial: str, value: bytes | None, hashed: bool, refs: list) -> None:
    hashed = hashed and value is not None
    if hashed and value is not None:
        value = value[:32].ljust(32, b"\0")
    node = Node(partial, value, hashed, tuple(refs))
    assert decode_node(encode_node(node)) == node


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=2**128))
def test_compact_round_trips(value: int) -> None:
    encoded = encode_compact(value)
    assert decode_compact(encoded + b"\xaa", 0) == (value, len(encoded))


@pytest.mark.parametrize(("value", "encoded"), [
    (0, "00"), (1, "04"), (63, "fc"), (64, "0101"), (16383, "fdff"), (16384, "02000100"),
    (2**30 - 1, "feffffff"), (2**30, "0300000040"), (2**32 - 1, "03ffffffff"),
])
def test_compact_matches_scale_table(value: int, encoded: str) -> None:
    assert encode_compact(value) == bytes.fromhex(encoded)


def test_encode_compact_negative_raises() -> None:
    with pytest.raises(TrieError, match="non-negative"):
        encode_compact(-1)


@pytest.mark.parametrize(("encoding", "offset", "message"), [
    ("", 0, "empty node"),
    ("0000", 1, "after the empty-trie node"),
    ("01", 0, "invalid node header"),
    ("05", 0, "invalid node header"),
    ("7f", 1, "truncated partial-key length"),
    ("7fff", 2, "truncated partial-key length"),
    ("43", 1, "overruns"),
    ("431314", 1, "padding"),
    ("4103", 2, "truncated compact"),
    ("41030c01", 2, "overruns"),
    ("4103040102", 4, "trailing"),
    ("41030500ff", 2, "non-canonical"),
    ("2103" + "00" * 31, 2, "truncated value hash"),
    ("80", 1, "truncated child bitmap"),
    ("800000", 1, "zero bitmap"),
    ("80010000", 3, "child reference of 0 bytes"),
    ("800100" + "84" + "00" * 33, 3, "child reference of 33 bytes"),
    ("80010008", 3, "truncated child reference"),
    ("c00100", 3, "truncated compact"),
])
def test_decode_malformed_node_raises_with_offset(encoding: str, offset: int,
                                                  message: str) -> None:
    with pytest.raises(TrieNodeDecodeError, match=message) as info:
        decode_node(bytes.fromhex(encoding))
    assert info.value.offset == offset


def test_decode_empty_node_gives_empty_marker() -> None:
    assert decode_node(b"\x00") == EMPTY_NODE and EMPTY_NODE.is_empty
    assert encode_node(EMPTY_NODE) == b"\x00"


def test_encode_invalid_nodes_raise() -> None:
    with pytest.raises(TrieError, match="32-byte hash"):
        encode_node(Node("", b"\x01", True, None))
    with pytest.raises(TrieError, match="16 child slots"):
        encode_node(Node("", None, False, (None,) * 3))
    with pytest.raises(TrieError, match="at least one child"):
        encode_node(Node("", b"", False, (None,) * 16))
    with pytest.raises(TrieError, match="65535"):
        encode_leaf("0" * 70000, b"")


def test_node_reference_inlines_short_encodings_only() -> None:
    assert node_reference(b"\x41\x01\x00") == b"\x41\x01\x00"
    assert len(node_reference(bytes(32))) == 32 and node_reference(bytes(32)) != bytes(32)
