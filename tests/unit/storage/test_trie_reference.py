"""A deliberately simple trie-root oracle, and the one-pass builder checked against it.

``reference_root`` follows spec/substrate.md §3.2 literally: keys become lists of nibble ints, each
node is built recursively from the whole entry set by filtering, and every byte of the encoding is
spelled out. It shares no code with ``storage.trie``. Other trie tests import it.
"""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.trie import build_trie, trie_root
from tests.shared_vectors import load, unhex


def _blake2(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=32).digest()


def _compact(n: int) -> bytes:
    if n < 64:
        return bytes([n * 4])
    if n < 2**14:
        return (n * 4 + 1).to_bytes(2, "little")
    if n < 2**30:
        return (n * 4 + 2).to_bytes(4, "little")
    raw = n.to_bytes((n.bit_length() + 7) // 8, "little")
    return bytes([(len(raw) - 4) * 4 + 3]) + raw


def _nibbles(key: bytes) -> list[int]:
    out = []
    for byte in key:
        out.append(byte // 16)
        out.append(byte % 16)
    return out


def _header(first_bits: int, bit_count: int, length: int) -> bytes:
    """Variant bits in the top ``8 - bit_count`` bits; length with continuation bytes."""
    limit = 2**bit_count - 1
    if length < limit:
        return bytes([first_bits + length])
    out = [first_bits + limit]
    rest = length - limit
    while rest >= 255:
        out.append(255)
        rest -= 255
    out.append(rest)
    return bytes(out)


def _packed(nibbles: list[int]) -> bytes:
    if len(nibbles) % 2 == 1:
        nibbles = [0, *nibbles]
    return bytes(nibbles[i] * 16 + nibbles[i + 1] for i in range(0, len(nibbles), 2))


def _value_bytes(value: bytes, version: int) -> tuple[bool, bytes]:
    if version == 1 and len(value) >= 33:
        return True, _blake2(value)
    return False, _compact(len(value)) + value


def _encode(entries: list[tuple[list[int], bytes]], version: int) -> bytes:
    """Encoding of the node holding ``entries`` (remaining nibbles after the parent)."""
    if len(entries) == 1:
        nibbles, value = entries[0]
        hashed, body = _value_bytes(value, version)
        head = _header(0x20, 5, len(nibbles)) if hashed else _header(0x40, 6, len(nibbles))
        return head + _packed(nibbles) + body
    shortest = min(len(nibbles) for nibbles, _ in entries)
    common = 0
    while common < shortest and len({nibbles[common] for nibbles, _ in entries}) == 1:
        common += 1
    partial = entries[0][0][:common]
    own = [value for nibbles, value in entries if len(nibbles) == common]
    bitmap = 0
    children = b""
    for nibble in range(16):
        below = [(n[common + 1:], v) for n, v in entries if len(n) > common and n[common] == nibble]
        if below:
            bitmap += 2**nibble
            child = _encode(below, version)
            ref = child if len(child) < 32 else _blake2(child)
            children += _compact(len(ref)) + ref
    if not own:
        head = _header(0x80, 6, len(partial))
        value_part = b""
    else:
        hashed, value_part = _value_bytes(own[0], version)
        head = _header(0x10, 4, len(partial)) if hashed else _header(0xC0, 6, len(partial))
    return head + _packed(partial) + bitmap.to_bytes(2, "little") + value_part + children


def reference_root(items: dict[bytes, bytes], version: int = 1) -> bytes:
    """The trie root of ``items`` computed the slow, obvious way."""
    if not items:
        return _blake2(b"\x00")
    return _blake2(_encode([(_nibbles(k), v) for k, v in items.items()], version))


# keys from a small alphabet so that shared prefixes, prefix keys and splits are common
KEYS = st.binary(max_size=4).map(lambda raw: bytes(b % 3 * 0x11 for b in raw)) | st.binary(
    min_size=0, max_size=40)
VALUES = st.sampled_from([b"", b"\x01", b"\x00" * 31, b"\x07" * 32, b"\x09" * 33]) | st.binary(
    max_size=70)
MAPS = st.dictionaries(KEYS, VALUES, max_size=40)


def test_reference_root_matches_published_vectors() -> None:
    vectors = load("trie")
    for case in vectors["unit_test_vectors"]:
        items = ({k.encode(): v.encode() for k, v in case["entries_utf8"].items()}
                 if "entries_utf8" in case
                 else {unhex(k): unhex(v) for k, v in case["entries"].items()})
        assert reference_root(items, case["version"]) == unhex(case["root"])
    for case in vectors["v1_edge_cases_verified_with_smoldot"]["cases"]:
        extra = {unhex(k): unhex(v)
                 for k, v in case["extra_entries_added_to_testfinney_genesis"].items()}
        assert reference_root(extra, 1) == unhex(case["root_v1_of_extra_entries_alone"])
        assert reference_root(extra, 0) == unhex(case["root_v0_of_extra_entries_alone"])


@settings(max_examples=150, deadline=None)
@given(MAPS, st.sampled_from([0, 1]))
def test_trie_root_equals_reference_root(items: dict[bytes, bytes], version: int) -> None:
    assert trie_root(items, version) == reference_root(items, version)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(KEYS, VALUES), max_size=30), st.randoms(use_true_random=False))
def test_trie_root_is_independent_of_insertion_order(pairs: list, rng) -> None:
    first = dict(pairs)
    shuffled = list(first.items())
    rng.shuffle(shuffled)
    assert trie_root(dict(shuffled)) == trie_root(first)


@settings(max_examples=60, deadline=None)
@given(MAPS)
def test_build_trie_nodes_hash_to_their_keys(items: dict[bytes, bytes]) -> None:
    root, nodes = build_trie(items, 1)
    assert root == trie_root(items, 1)
    for digest, encoding in nodes.items():
        assert _blake2(encoding) == digest
    big_values = {v for v in items.values() if len(v) >= 33}
    assert big_values <= set(nodes.values())
