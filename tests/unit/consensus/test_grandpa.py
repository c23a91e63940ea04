"""GRANDPA: byte-exact vector reproduction, the authority set, and justification checking."""

from __future__ import annotations

import pytest

from consensus.errors import (
    BadPrecommitSignature,
    InsufficientWeight,
    InvalidAncestry,
    InvalidAuthoritySet,
    JustificationTargetMismatch,
    MalformedJustification,
    PrecommitNotDescendant,
    TargetNotGhost,
    UnusedAncestry,
)
from consensus.grandpa import (
    AuthoritySet,
    Commit,
    GrandpaJustification,
    MessageKind,
    Vote,
    decode_justifications,
    encode_justifications,
    finalize_with_local_keys,
    grandpa_justification_of,
    justification_from_commit,
    sign_precommit,
    signing_payload,
    verify_justification,
)
from runtime.primitives.block import Header
from runtime.primitives.keys import dev_account
from tests.shared_vectors import unhex
from tests.unit.consensus.helpers import ALICE, MemoryChain, genesis, make_child, vector_grandpa

ED = {name: dev_account(name).ed25519 for name in ("Alice", "Bob", "Charlie", "Dave", "Eve")}
FOUR = AuthoritySet.from_weights([(ED[n].public_key, 1) for n in ("Alice", "Bob", "Charlie",
                                                                  "Dave")])


def _target() -> tuple[bytes, int]:
    return unhex(vector_grandpa()["justification"])[8:40], 1


def _chain(length: int = 3) -> tuple[MemoryChain, list[Header]]:
    chain = MemoryChain()
    headers = [chain.add(genesis())]
    for slot in range(1, length + 1):
        headers.append(chain.add(make_child(headers[-1], slot, ALICE)))
    return chain, headers


def _signed(names: list[str], header: Header, round_number: int = 3, set_id: int = 0) -> list:
    return [sign_precommit(ED[n], header.hash(), header.number, round_number, set_id)
            for n in names]


def test_precommit_payload_and_signature_match_vector() -> None:
    group = vector_grandpa()
    target_hash, number = _target()
    vote = Vote(target_hash, number, MessageKind.PRECOMMIT)
    assert signing_payload(vote, 1, 0) == unhex(group["precommit_signing_payload"])
    signed = sign_precommit(ED["Alice"], target_hash, number, 1, 0)
    assert signed.id == unhex(group["authority_ed25519"])
    assert signed.signature == unhex(group["precommit_signature"])


def test_finalize_with_local_keys_reproduces_vector_justification() -> None:
    group = vector_grandpa()
    target_hash, number = _target()
    authorities = AuthoritySet.from_weights([(ED["Alice"].public_key, 1)])
    justification = finalize_with_local_keys(target_hash, number, 1, authorities, [ED["Alice"]])
    assert justification.encode() == unhex(group["justification"])
    container = encode_justifications([(b"FRNK", justification.encode())])
    assert container == unhex(group["justifications_container_in_block_response"])
    assert grandpa_justification_of(container) == justification.encode()
    assert decode_justifications(container) == [(b"FRNK", justification.encode())]


def test_vector_justification_decodes_and_verifies() -> None:
    raw = unhex(vector_grandpa()["justification"])
    authorities = AuthoritySet.from_weights([(ED["Alice"].public_key, 1)])
    justification = verify_justification(raw, authorities, 0, _target())
    assert justification.round == 1 and justification.encode() == raw
    assert GrandpaJustification.decode(raw) == justification


def test_vector_justification_wrong_set_id_fails_bad_signature() -> None:
    authorities = AuthoritySet.from_weights([(ED["Alice"].public_key, 1)], set_id=1)
    with pytest.raises(BadPrecommitSignature):
        verify_justification(unhex(vector_grandpa()["justification"]), authorities)


def test_vector_justification_other_block_fails_target_mismatch() -> None:
    authorities = AuthoritySet.from_weights([(ED["Alice"].public_key, 1)])
    with pytest.raises(JustificationTargetMismatch):
        verify_justification(unhex(vector_grandpa()["justification"]), authorities, 0,
                             (b"\x00" * 32, 1))


def test_vector_justification_other_authority_fails_insufficient_weight() -> None:
    authorities = AuthoritySet.from_weights([(ED["Bob"].public_key, 1)])
    with pytest.raises(InsufficientWeight):
        verify_justification(unhex(vector_grandpa()["justification"]), authorities)


def test_tampered_or_truncated_justification_fails() -> None:
    raw = bytearray(unhex(vector_grandpa()["justification"]))
    authorities = AuthoritySet.from_weights([(ED["Alice"].public_key, 1)])
    with pytest.raises(MalformedJustification):
        verify_justification(bytes(raw) + b"\x00", authorities)
    with pytest.raises(MalformedJustification):
        verify_justification(bytes(raw[:-40]), authorities)
    raw[80] ^= 0xFF  # inside the signature
    with pytest.raises(BadPrecommitSignature):
        verify_justification(bytes(raw), authorities)


def test_threshold_table_matches_spec() -> None:
    expected = {1: 1, 2: 2, 3: 3, 4: 3, 5: 4, 6: 5, 7: 5, 10: 7}
    for n, threshold in expected.items():
        keys = [bytes([i]) * 32 for i in range(n)]
        assert AuthoritySet.from_weights([(k, 1) for k in keys]).threshold == threshold


def test_authority_set_normalises_weights_and_order() -> None:
    a, b, c = b"\x03" * 32, b"\x01" * 32, b"\x02" * 32
    authorities = AuthoritySet.from_weights([(a, 2), (b, 0), (c, 5), (a, 3)], set_id=4)
    assert authorities.voters == ((c, 5), (a, 5))
    assert authorities.total_weight == 10 and authorities.weight_of(b) == 0
    assert authorities.primary(3) == a and authorities.set_id == 4


def test_authority_set_all_zero_fails_invalid_set() -> None:
    with pytest.raises(InvalidAuthoritySet):
        AuthoritySet.from_weights([(b"\x01" * 32, 0)])
    with pytest.raises(InvalidAuthoritySet):
        AuthoritySet.from_weights([(b"\x01" * 31, 1)])


def test_three_of_four_on_target_verifies() -> None:
    _, headers = _chain()
    commit = Commit(headers[1].hash(), 1, tuple(_signed(["Alice", "Bob", "Dave"], headers[1])))
    justification = GrandpaJustification(3, commit)
    assert verify_justification(justification.encode(), FOUR, 0, (headers[1].hash(), 1))


def test_two_of_four_fails_insufficient_weight() -> None:
    _, headers = _chain()
    commit = Commit(headers[1].hash(), 1, tuple(_signed(["Alice", "Bob"], headers[1])))
    with pytest.raises(InsufficientWeight):
        verify_justification(GrandpaJustification(3, commit), FOUR)


def test_duplicate_and_non_voter_precommits_carry_no_weight() -> None:
    _, headers = _chain()
    precommits = _signed(["Alice", "Alice", "Bob", "Eve"], headers[1])
    with pytest.raises(InsufficientWeight):
        verify_justification(GrandpaJustification(3, Commit(headers[1].hash(), 1,
                                                             tuple(precommits))), FOUR)


def test_precommits_on_descendants_with_ancestries_verify() -> None:
    chain, headers = _chain()
    precommits = (_signed(["Alice"], headers[1]) + _signed(["Bob"], headers[2])
                  + _signed(["Charlie"], headers[3]))
    commit = Commit(headers[1].hash(), 1, tuple(precommits))
    justification = justification_from_commit(3, commit, chain)
    assert {h.number for h in justification.votes_ancestries} == {2, 3}
    assert verify_justification(justification.encode(), FOUR) == justification


def test_missing_ancestry_header_fails_not_descendant() -> None:
    chain, headers = _chain()
    precommits = _signed(["Alice"], headers[1]) + _signed(["Bob", "Charlie"], headers[3])
    full = justification_from_commit(3, Commit(headers[1].hash(), 1, tuple(precommits)), chain)
    partial = GrandpaJustification(3, full.commit, full.votes_ancestries[:1])
    with pytest.raises(PrecommitNotDescendant):
        verify_justification(partial, FOUR)


def test_extra_ancestry_header_fails_unused_ancestry() -> None:
    _, headers = _chain()
    commit = Commit(headers[1].hash(), 1, tuple(_signed(["Alice", "Bob", "Charlie"], headers[1])))
    with pytest.raises(UnusedAncestry):
        verify_justification(GrandpaJustification(3, commit, (headers[2],)), FOUR)


def test_supermajority_on_child_fails_target_not_ghost() -> None:
    _, headers = _chain()
    commit = Commit(headers[1].hash(), 1, tuple(_signed(["Alice", "Bob", "Charlie"], headers[2])))
    justification = GrandpaJustification(3, commit, (headers[2],))
    with pytest.raises(TargetNotGhost):
        verify_justification(justification, FOUR)


def test_precommit_on_sibling_fork_fails_not_descendant() -> None:
    chain, headers = _chain()
    sibling = chain.add(make_child(headers[0], 7, ALICE, state_root=b"\x09" * 32))
    precommits = _signed(["Alice", "Bob", "Charlie"], headers[1]) + _signed(["Dave"], sibling)
    commit = Commit(headers[1].hash(), 1, tuple(precommits))
    with pytest.raises(PrecommitNotDescendant):
        verify_justification(GrandpaJustification(3, commit, (sibling,)), FOUR)


def test_equivocating_voter_counts_once() -> None:
    chain, headers = _chain()
    precommits = (_signed(["Alice", "Bob"], headers[1]) + _signed(["Alice"], headers[2]))
    justification = justification_from_commit(3, Commit(headers[1].hash(), 1, tuple(precommits)),
                                              chain)
    with pytest.raises(InsufficientWeight):
        verify_justification(justification, FOUR)


def test_precommit_below_lowest_without_route_fails_invalid_ancestry() -> None:
    chain, headers = _chain()
    fork = chain.add(make_child(headers[0], 7, ALICE, state_root=b"\x09" * 32))
    fork_child = chain.add(make_child(fork, 8, ALICE))
    commit = Commit(headers[1].hash(), 1, tuple(_signed(["Alice"], headers[1])
                                                + _signed(["Bob"], fork_child)))
    with pytest.raises(InvalidAncestry):
        justification_from_commit(3, commit, chain)


def test_finalize_with_too_few_local_keys_fails_insufficient_weight() -> None:
    _, headers = _chain()
    with pytest.raises(InsufficientWeight):
        finalize_with_local_keys(headers[1].hash(), 1, 1, FOUR, [ED["Alice"], ED["Bob"]])
    justification = finalize_with_local_keys(headers[1].hash(), 1, 1, FOUR,
                                             [ED[n] for n in ("Alice", "Bob", "Charlie")])
    assert len(justification.commit.precommits) == 3


def test_equivocator_weight_counts_on_every_block() -> None:
    # finality-grandpa counts an equivocator for every block of the vote graph: Alice votes the
    # target and a fork child, so her weight joins Bob's and Charlie's on #2, which then reaches
    # the threshold: the GHOST is deeper than the target.
    chain, headers = _chain()
    fork = chain.add(make_child(headers[1], 9, ALICE, state_root=b"\x0a" * 32))
    precommits = (_signed(["Alice"], headers[1]) + _signed(["Alice"], fork)
                  + _signed(["Bob", "Charlie"], headers[2]))
    justification = justification_from_commit(3, Commit(headers[1].hash(), 1, tuple(precommits)),
                                              chain)
    with pytest.raises(TargetNotGhost):
        verify_justification(justification, FOUR)
    honest = justification_from_commit(
        3, Commit(headers[1].hash(), 1, tuple(_signed(["Alice"], headers[1])
                                              + _signed(["Bob", "Charlie"], headers[2]))), chain)
    assert verify_justification(honest, FOUR) == honest
