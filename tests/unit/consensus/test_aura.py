"""Aura: slots, the slot digest, sealing, and the checks of a sealed header (vector + tampering)."""

from __future__ import annotations

import pytest

from consensus.aura import (
    FAST_SLOT_DURATION_MS,
    SLOT_DURATION_MS,
    EquivocationTracker,
    check_aura_header,
    claim_slot,
    encode_slot,
    find_slot,
    seal_header,
    slot_at,
    slot_author_index,
    slot_digest,
    slot_start_ms,
)
from consensus.errors import (
    BadSeal,
    DuplicateSeal,
    DuplicateSlot,
    FutureSlot,
    InvalidHeader,
    MalformedSlot,
    MissingSeal,
    MissingSlot,
    NoAuthorities,
    SlotNotIncreasing,
    WrongAuthor,
)
from runtime.primitives.block import Digest, Header, Other, PreRuntime, Seal
from tests.shared_vectors import load, unhex
from tests.unit.consensus.helpers import (
    ALICE,
    BOB,
    CHARLIE,
    genesis,
    make_child,
    sealed_vector_header,
    vector_sealed,
)

VECTOR_SLOT = 146_599_431


def _with_logs(header: Header, logs: tuple) -> Header:
    return Header(header.parent_hash, header.number, header.state_root, header.extrinsics_root,
                  Digest(logs))


def test_slot_at_vector_timestamp_gives_vector_slot() -> None:
    start = slot_start_ms(VECTOR_SLOT, SLOT_DURATION_MS)
    assert start == 1_759_193_172_000
    assert slot_at(start, SLOT_DURATION_MS) == VECTOR_SLOT
    assert slot_at(start + SLOT_DURATION_MS - 1, SLOT_DURATION_MS) == VECTOR_SLOT
    assert slot_at(start + SLOT_DURATION_MS, SLOT_DURATION_MS) == VECTOR_SLOT + 1
    assert slot_at(1000, FAST_SLOT_DURATION_MS) == 4


def test_slot_at_zero_duration_fails() -> None:
    with pytest.raises(ValueError):
        slot_at(5, 0)


def test_slot_digest_matches_vector_bytes() -> None:
    assert slot_digest(VECTOR_SLOT).encode() == unhex("0x06617572612007eebc0800000000")
    assert encode_slot(VECTOR_SLOT) == unhex("0x07eebc0800000000")
    pre_seal = Header.decode(unhex(vector_sealed()["pre_seal_header"]))
    assert pre_seal.digest.logs == (slot_digest(VECTOR_SLOT),)


def test_find_slot_real_finney_headers_matches_recorded_slot() -> None:
    for entry in load("header")["bittensor_finney_headers"]["headers"]:
        header = Header.decode(unhex(entry["encoded_header"]))
        recorded = [item["aura_slot_u64"] for item in entry["digest_decoded"]
                    if item["kind"] == "PreRuntime"]
        assert find_slot(header) == recorded[0]


def test_find_slot_genesis_is_zero() -> None:
    assert find_slot(genesis()) == 0


def test_synthetic_sealed_header_verifies() -> None:
    header = sealed_vector_header()
    assert header.hash() == unhex(vector_sealed()["sealed_header_hash"])
    check = check_aura_header(header, [ALICE.public_key], 0, VECTOR_SLOT)
    assert check.slot == VECTOR_SLOT
    assert check.author_index == 0
    assert check.author == ALICE.public_key
    assert check.pre_hash == unhex(vector_sealed()["pre_hash"])
    assert check.pre_header.encode() == unhex(vector_sealed()["pre_seal_header"])


def test_synthetic_header_second_of_two_authorities_verifies() -> None:
    # slot 146599431 is odd: with [Bob, Alice] the author is index 1, Alice.
    check = check_aura_header(sealed_vector_header(), [BOB.public_key, ALICE.public_key], 0, None)
    assert check.author_index == 1


def test_synthetic_header_other_authority_slot_fails_wrong_author() -> None:
    with pytest.raises(WrongAuthor) as info:
        check_aura_header(sealed_vector_header(), [ALICE.public_key, BOB.public_key], 0, None)
    assert "#1" in str(info.value) and vector_sealed()["sealed_header_hash"] in str(info.value)


def test_tampered_signature_fails_bad_seal() -> None:
    header = sealed_vector_header()
    signature = bytearray(header.digest.logs[-1].data)
    signature[10] ^= 0x01
    tampered = _with_logs(header, (*header.digest.logs[:-1], Seal(b"aura", bytes(signature))))
    with pytest.raises(BadSeal):
        check_aura_header(tampered, [ALICE.public_key], 0, None)


def test_tampered_state_root_fails_bad_seal() -> None:
    header = sealed_vector_header()
    tampered = Header(header.parent_hash, 1, b"\x00" * 32, header.extrinsics_root, header.digest)
    with pytest.raises(BadSeal):
        check_aura_header(tampered, [ALICE.public_key], 0, None)


def test_signer_not_in_set_fails_bad_seal() -> None:
    with pytest.raises(BadSeal):
        check_aura_header(sealed_vector_header(), [BOB.public_key, CHARLIE.public_key], 0, None)


def test_unsealed_header_fails_missing_seal() -> None:
    pre_seal = Header.decode(unhex(vector_sealed()["pre_seal_header"]))
    with pytest.raises(MissingSeal):
        check_aura_header(pre_seal, [ALICE.public_key], 0, None)


def test_foreign_or_short_seal_fails_bad_seal() -> None:
    header = sealed_vector_header()
    slot, seal = header.digest.logs
    for bad in (Seal(b"BABE", seal.data), Seal(b"aura", seal.data[:63]),
                Seal(b"aura", seal.data + b"\x00")):
        with pytest.raises(BadSeal):
            check_aura_header(_with_logs(header, (slot, bad)), [ALICE.public_key], 0, None)


def test_second_seal_fails_duplicate_seal() -> None:
    header = sealed_vector_header()
    slot, seal = header.digest.logs
    with pytest.raises(DuplicateSeal):
        check_aura_header(_with_logs(header, (slot, seal, seal)), [ALICE.public_key], 0, None)


def test_seal_not_last_fails_missing_seal() -> None:
    header = sealed_vector_header()
    slot, seal = header.digest.logs
    with pytest.raises(MissingSeal):
        check_aura_header(_with_logs(header, (slot, seal, Other(b"x"))), [ALICE.public_key], 0,
                          None)


def test_no_slot_digest_fails_missing_slot() -> None:
    parent = genesis()
    header = seal_header(Header(parent.hash(), 1, b"\x01" * 32, b"\x02" * 32, Digest()), ALICE)
    with pytest.raises(MissingSlot):
        check_aura_header(header, [ALICE.public_key], 0, None)


def test_two_slot_digests_fail_duplicate_slot() -> None:
    header = make_child(genesis(), 8, ALICE, extra=(slot_digest(9),))
    with pytest.raises(DuplicateSlot):
        check_aura_header(header, [ALICE.public_key], 0, None)


def test_short_slot_payload_fails_malformed_slot() -> None:
    parent = genesis()
    digest = Digest((PreRuntime(b"aura", b"\x01" * 7),))
    header = seal_header(Header(parent.hash(), 1, b"\x01" * 32, b"\x02" * 32, digest), ALICE)
    with pytest.raises(MalformedSlot):
        check_aura_header(header, [ALICE.public_key], 0, None)


def test_slot_not_above_parent_fails_slot_not_increasing() -> None:
    with pytest.raises(SlotNotIncreasing):
        check_aura_header(sealed_vector_header(), [ALICE.public_key], VECTOR_SLOT, None)
    check_aura_header(sealed_vector_header(), [ALICE.public_key], VECTOR_SLOT - 1, None)


def test_slot_two_ahead_of_clock_fails_future_slot() -> None:
    with pytest.raises(FutureSlot) as info:
        check_aura_header(sealed_vector_header(), [ALICE.public_key], 0, VECTOR_SLOT - 2)
    assert info.value.slot == VECTOR_SLOT and info.value.max_slot == VECTOR_SLOT - 1


def test_slot_one_ahead_of_clock_within_drift_verifies() -> None:
    assert check_aura_header(sealed_vector_header(), [ALICE.public_key], 0,
                             VECTOR_SLOT - 1).slot == VECTOR_SLOT


def test_empty_authority_set_fails_no_authorities() -> None:
    with pytest.raises(NoAuthorities):
        check_aura_header(sealed_vector_header(), [], 0, None)


def test_every_refusal_is_an_invalid_header() -> None:
    for error in (BadSeal, DuplicateSeal, MissingSeal, MissingSlot, WrongAuthor, FutureSlot):
        assert issubclass(error, InvalidHeader)


def test_seal_header_round_trip_verifies() -> None:
    authorities = [ALICE.public_key, BOB.public_key, CHARLIE.public_key]
    slot = 100
    author = claim_slot(slot, authorities, [ALICE, BOB, CHARLIE])
    assert author is not None
    assert author.public_key == authorities[slot % 3]
    header = make_child(genesis(), slot, author)
    assert header.digest.seal is not None and len(header.digest.seal.data) == 64
    check = check_aura_header(Header.decode(header.encode()), authorities, 0, slot)
    assert check.author_index == slot_author_index(slot, 3) == 1


def test_seal_header_twice_fails_duplicate_seal() -> None:
    with pytest.raises(DuplicateSeal):
        seal_header(make_child(genesis(), 5, ALICE), ALICE)


def test_claim_slot_other_authors_slot_returns_none() -> None:
    authorities = [ALICE.public_key, BOB.public_key]
    assert claim_slot(1, authorities, [ALICE]) is None
    assert claim_slot(2, authorities, [ALICE]) == ALICE
    assert claim_slot(2, [], [ALICE]) is None


def test_equivocation_tracker_second_header_same_slot_reported() -> None:
    tracker = EquivocationTracker(window=8)
    assert tracker.note(10, ALICE.public_key, b"a" * 32) is None
    assert tracker.note(10, ALICE.public_key, b"a" * 32) is None
    assert tracker.note(10, BOB.public_key, b"b" * 32) is None
    found = tracker.note(10, ALICE.public_key, b"c" * 32)
    assert found is not None and (found.first_hash, found.second_hash) == (b"a" * 32, b"c" * 32)
    for slot in range(11, 40):
        tracker.note(slot, ALICE.public_key, bytes([slot]) * 32)
    assert tracker.note(10, ALICE.public_key, b"d" * 32) is None
