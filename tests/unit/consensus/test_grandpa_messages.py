"""GRANDPA gossip messages and the FRNK consensus digest: vector bytes and round trips."""

from __future__ import annotations

import pytest

from consensus.grandpa import (
    AuthoritySet,
    MessageKind,
    SignedPrecommit,
    Vote,
    finalize_with_local_keys,
    sign_precommit,
    signing_payload,
)
from consensus.grandpa_messages import (
    AuthorityEvent,
    CatchUp,
    CatchUpRequest,
    CommitMessage,
    NeighborPacket,
    ScheduledChange,
    SignedVote,
    VoteMessage,
    decode_consensus_log,
    decode_gossip,
)
from runtime.primitives.keys import dev_account
from runtime.primitives.scale import DecodeError
from tests.shared_vectors import unhex
from tests.unit.consensus.helpers import vector_grandpa

ALICE_ED = dev_account("Alice").ed25519


def _target() -> tuple[bytes, int]:
    return unhex(vector_grandpa()["justification"])[8:40], 1


def test_vote_message_matches_vector() -> None:
    target_hash, number = _target()
    signed = sign_precommit(ALICE_ED, target_hash, number, 1, 0)
    message = VoteMessage(1, 0, SignedVote(signed.precommit, signed.signature, signed.id))
    raw = unhex(vector_grandpa()["gossip_vote_message"])
    assert message.encode() == raw
    assert decode_gossip(raw) == message


def test_commit_message_matches_vector() -> None:
    target_hash, number = _target()
    authorities = AuthoritySet.from_weights([(ALICE_ED.public_key, 1)])
    commit = finalize_with_local_keys(target_hash, number, 1, authorities, [ALICE_ED]).commit
    raw = unhex(vector_grandpa()["gossip_commit_message"])
    assert CommitMessage(1, 0, commit).encode() == raw
    assert decode_gossip(raw) == CommitMessage(1, 0, commit)


def test_neighbor_packet_matches_vector() -> None:
    raw = unhex(vector_grandpa()["gossip_neighbor_packet_v1"])
    assert NeighborPacket(1, 0, 0).encode() == raw
    assert decode_gossip(raw) == NeighborPacket(1, 0, 0)


def test_catch_up_messages_round_trip_and_prevote_signature_verifies() -> None:
    target_hash, number = _target()
    prevote = Vote(target_hash, number, MessageKind.PREVOTE)
    signed_prevote = sign_precommit(ALICE_ED, target_hash, number, 4, 2)
    as_prevote = SignedPrecommit(prevote, ALICE_ED.sign(signing_payload(prevote, 4, 2)),
                                 ALICE_ED.public_key)
    catch_up = CatchUp(2, 4, (as_prevote,), (signed_prevote,), b"\x07" * 32, 9)
    decoded = decode_gossip(catch_up.encode())
    assert decoded == catch_up
    assert isinstance(decoded, CatchUp) and decoded.prevotes[0].is_valid(4, 2)
    assert decode_gossip(CatchUpRequest(4, 2).encode()) == CatchUpRequest(4, 2)


def test_malformed_gossip_fails_decode_error() -> None:
    raw = unhex(vector_grandpa()["gossip_vote_message"])
    for bad in (b"", b"\x09", raw[:-1], raw + b"\x00", b"\x02\x02" + bytes(20),
                unhex(vector_grandpa()["gossip_commit_message"])[:-96]):
        with pytest.raises(DecodeError):
            decode_gossip(bad)


def test_consensus_logs_round_trip() -> None:
    keys = ((b"\x01" * 32, 1), (b"\x02" * 32, 5))
    for log in (ScheduledChange(keys, 10), ScheduledChange(keys, 0, forced_at=77),
                AuthorityEvent(3, 2), AuthorityEvent(4, 8), AuthorityEvent(5, 1)):
        assert decode_consensus_log(log.encode()) == log
    assert ScheduledChange(keys[:1], 3).encode() == (b"\x01\x04" + b"\x01" * 32
                                                     + (1).to_bytes(8, "little")
                                                     + (3).to_bytes(4, "little"))


def test_malformed_consensus_log_fails_decode_error() -> None:
    for bad in (b"", b"\x06", b"\x01\x04" + bytes(10), b"\x04\x01\x00\x00\x00\x00"):
        with pytest.raises(DecodeError):
            decode_consensus_log(bad)
