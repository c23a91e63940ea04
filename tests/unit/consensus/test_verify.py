"""Stateless header verification: parent, number, and the Aura checks through one entry point."""

from __future__ import annotations

import pytest

from consensus.aura import SLOT_DURATION_MS, seal_header, slot_start_ms
from consensus.errors import BadNumber, FutureSlot, SlotNotIncreasing, UnknownParent
from consensus.verify import HeaderVerifier, verify_header
from runtime.primitives.block import Header
from tests.unit.consensus.helpers import (
    ALICE,
    BOB,
    MemoryChain,
    genesis,
    make_child,
    sealed_vector_header,
)

VECTOR_SLOT = 146_599_431


def _chain_with_genesis() -> MemoryChain:
    chain = MemoryChain()
    chain.add(genesis())
    return chain


def test_vector_header_on_testfinney_genesis_verifies() -> None:
    clock_ms = slot_start_ms(VECTOR_SLOT, SLOT_DURATION_MS) + 5
    verifier = HeaderVerifier(_chain_with_genesis(), clock=lambda: clock_ms)
    verified = verifier.verify(sealed_vector_header(), [ALICE.public_key])
    assert (verified.number, verified.slot, verified.author_index) == (1, VECTOR_SLOT, 0)
    assert verified.block_hash == sealed_vector_header().hash()
    assert verified.pre_header.digest.seal is None
    assert verified.author == ALICE.public_key


def test_vector_header_clock_two_slots_behind_fails_future_slot() -> None:
    clock_ms = slot_start_ms(VECTOR_SLOT - 2, SLOT_DURATION_MS)
    verifier = HeaderVerifier(_chain_with_genesis(), clock=lambda: clock_ms)
    with pytest.raises(FutureSlot):
        verifier.verify(sealed_vector_header(), [ALICE.public_key])


def test_dev_verifier_without_future_check_accepts_clock_behind() -> None:
    verifier = HeaderVerifier(_chain_with_genesis(), clock=lambda: 0, check_future_slots=False)
    assert verifier.verify(sealed_vector_header(), [ALICE.public_key]).slot == VECTOR_SLOT


def test_unknown_parent_fails_unknown_parent() -> None:
    with pytest.raises(UnknownParent) as info:
        verify_header(sealed_vector_header(), MemoryChain(), [ALICE.public_key], None)
    assert "is not known" in str(info.value)


def test_wrong_number_fails_bad_number() -> None:
    parent = genesis()
    chain = _chain_with_genesis()
    child = make_child(parent, 3, ALICE)
    skipped = Header(child.parent_hash, 2, child.state_root, child.extrinsics_root,
                     child.without_seal().digest)
    with pytest.raises(BadNumber):
        verify_header(seal_header(skipped, ALICE), chain, [ALICE.public_key], None)


def test_chain_of_blocks_slots_must_increase() -> None:
    chain = _chain_with_genesis()
    authorities = [ALICE.public_key, BOB.public_key]
    keys = {0: ALICE, 1: BOB}
    parent = genesis()
    for slot in (4, 5, 9):
        child = make_child(parent, slot, keys[slot % 2])
        assert verify_header(child, chain, authorities, slot).slot == slot
        parent = chain.add(child)
    stale = make_child(parent, 9, keys[1])
    with pytest.raises(SlotNotIncreasing):
        verify_header(stale, chain, authorities, 20)
