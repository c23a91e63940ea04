"""GRANDPA wire formats: the gossip messages of ``/<genesis>/grandpa/1`` and the ``FRNK`` digest.

Gossip (SCALE ``GossipMessage`` enum, substrate.md §4.4)::

    0 Vote      round u64 ‖ set_id u64 ‖ SignedMessage{Message, signature [64], id [32]}
    1 Commit    round u64 ‖ set_id u64 ‖ CompactCommit{target_hash, target_number u32,
                Vec<Precommit>, Vec<(signature, id)>}
    2 Neighbor  0x01 (version) ‖ round u64 ‖ set_id u64 ‖ commit_finalized_height u32
    3 CatchUpRequest  round u64 ‖ set_id u64
    4 CatchUp   set_id u64 ‖ round u64 ‖ Vec<SignedPrevote> ‖ Vec<SignedPrecommit> ‖
                base_hash ‖ base_number u32

``FRNK`` consensus digest (runtime → client, SCALE ``ConsensusLog``)::

    1 ScheduledChange{next_authorities Vec<(key [32], weight u64)>, delay u32}
    2 ForcedChange(median_last_finalized u32, ScheduledChange)
    3 OnDisabled(authority_index u64)      4 Pause(delay u32)      5 Resume(delay u32)

The network layer moves these bytes; the voter (later) and the importer (authority-set changes)
interpret them. Decoding peer bytes never raises anything but ``DecodeError``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from consensus.grandpa import Commit, MessageKind, SignedPrecommit, Vote
from runtime.primitives.scale import DecodeError, decode_compact, encode_compact
from runtime.primitives.scale.base import Buffer


def _take(data: Buffer, offset: int, size: int, what: str) -> bytes:
    end = offset + size
    if end > len(data):
        raise DecodeError(what, offset, f"needs {size} bytes, {max(len(data) - offset, 0)} left")
    return bytes(data[offset:end])


def _u64(data: Buffer, offset: int, what: str) -> tuple[int, int]:
    return struct.unpack("<Q", _take(data, offset, 8, what))[0], offset + 8


def _u32(data: Buffer, offset: int, what: str) -> tuple[int, int]:
    return struct.unpack("<I", _take(data, offset, 4, what))[0], offset + 4


def _count(data: Buffer, offset: int, item_size: int, what: str) -> tuple[int, int]:
    count, offset = decode_compact(data, offset, what)
    if count * item_size > len(data) - offset:
        raise DecodeError(what, offset, f"{count} items cannot fit in what is left")
    return count, offset


@dataclass(frozen=True, slots=True)
class SignedVote:
    """A prevote, precommit or primary proposal with its signature and signer
    (``SignedMessage``)."""

    vote: Vote
    signature: bytes
    id: bytes

    def encode(self) -> bytes:
        """``Message enum ‖ signature ‖ id``."""
        return self.vote.encode_message() + self.signature + self.id

    @classmethod
    def decode_from(cls, data: Buffer, offset: int) -> tuple[SignedVote, int]:
        """Decode at ``offset``."""
        index = _take(data, offset, 1, "Message")[0]
        if index > MessageKind.PRIMARY_PROPOSE:
            raise DecodeError("Message", offset, f"unknown variant {index}")
        vote, offset = Vote.decode_from(data, offset + 1, MessageKind(index))
        raw = _take(data, offset, 96, "SignedMessage")
        return cls(vote, raw[:64], raw[64:]), offset + 96


@dataclass(frozen=True, slots=True)
class VoteMessage:
    """Gossip variant 0: one signed vote of a round."""

    round: int
    set_id: int
    message: SignedVote

    def encode(self) -> bytes:
        """The full gossip message, variant byte included."""
        return b"\x00" + struct.pack("<QQ", self.round, self.set_id) + self.message.encode()


@dataclass(frozen=True, slots=True)
class CommitMessage:
    """Gossip variant 1: a commit in compact form (targets and signatures in two lists)."""

    round: int
    set_id: int
    commit: Commit

    def encode(self) -> bytes:
        """The full gossip message: precommits and (signature, id) pairs as separate vectors."""
        precommits = self.commit.precommits
        return b"".join((
            b"\x01", struct.pack("<QQ", self.round, self.set_id), self.commit.target_hash,
            struct.pack("<I", self.commit.target_number),
            encode_compact(len(precommits)), *(p.precommit.encode() for p in precommits),
            encode_compact(len(precommits)), *(p.signature + p.id for p in precommits)))


@dataclass(frozen=True, slots=True)
class NeighborPacket:
    """Gossip variant 2 (version 1): where a peer's voter is and what it has finalised."""

    round: int
    set_id: int
    commit_finalized_height: int

    def encode(self) -> bytes:
        """``02 01 ‖ round ‖ set_id ‖ height``."""
        return b"\x02\x01" + struct.pack("<QQI", self.round, self.set_id,
                                         self.commit_finalized_height)


@dataclass(frozen=True, slots=True)
class CatchUpRequest:
    """Gossip variant 3: ask a peer for the votes of a round it completed."""

    round: int
    set_id: int

    def encode(self) -> bytes:
        """``03 ‖ round ‖ set_id``."""
        return b"\x03" + struct.pack("<QQ", self.round, self.set_id)


@dataclass(frozen=True, slots=True)
class CatchUp:
    """Gossip variant 4: the prevotes and precommits of a completed round.

    Prevotes reuse :class:`consensus.grandpa.SignedPrecommit` (same layout) with votes of kind
    ``PREVOTE``, so ``is_valid`` checks them against the prevote signing payload.
    """

    set_id: int
    round: int
    prevotes: tuple[SignedPrecommit, ...]
    precommits: tuple[SignedPrecommit, ...]
    base_hash: bytes
    base_number: int

    def encode(self) -> bytes:
        """``04 ‖ set_id ‖ round ‖ prevotes ‖ precommits ‖ base``."""
        return b"".join((
            b"\x04", struct.pack("<QQ", self.set_id, self.round),
            encode_compact(len(self.prevotes)), *(v.encode() for v in self.prevotes),
            encode_compact(len(self.precommits)), *(v.encode() for v in self.precommits),
            self.base_hash, struct.pack("<I", self.base_number)))


GossipMessage = VoteMessage | CommitMessage | NeighborPacket | CatchUpRequest | CatchUp


def _decode_commit(data: Buffer, offset: int) -> tuple[CommitMessage, int]:
    round_number, offset = _u64(data, offset, "Commit.round")
    set_id, offset = _u64(data, offset, "Commit.set_id")
    target, offset = Vote.decode_from(data, offset)
    count, offset = _count(data, offset, 36, "CompactCommit.precommits")
    votes = []
    for _ in range(count):
        vote, offset = Vote.decode_from(data, offset)
        votes.append(vote)
    auth_count, offset = _count(data, offset, 96, "CompactCommit.auth_data")
    if auth_count != count:
        raise DecodeError("CompactCommit", offset,
                          f"{count} precommits but {auth_count} signatures")
    precommits = []
    for vote in votes:
        raw = _take(data, offset, 96, "CompactCommit.auth_data")
        precommits.append(SignedPrecommit(vote, raw[:64], raw[64:]))
        offset += 96
    commit = Commit(target.target_hash, target.target_number, tuple(precommits))
    return CommitMessage(round_number, set_id, commit), offset


def _decode_signed_list(data: Buffer, offset: int, what: str
                        ) -> tuple[tuple[SignedPrecommit, ...], int]:
    count, offset = _count(data, offset, 132, what)
    items = []
    for _ in range(count):
        item, offset = SignedPrecommit.decode_from(data, offset)
        items.append(item)
    return tuple(items), offset


def _decode_catch_up(data: Buffer, offset: int) -> tuple[CatchUp, int]:
    set_id, offset = _u64(data, offset, "CatchUp.set_id")
    round_number, offset = _u64(data, offset, "CatchUp.round")
    prevotes, offset = _decode_signed_list(data, offset, "CatchUp.prevotes")
    prevotes = tuple(SignedPrecommit(Vote(p.precommit.target_hash, p.precommit.target_number,
                                          MessageKind.PREVOTE), p.signature, p.id)
                     for p in prevotes)
    precommits, offset = _decode_signed_list(data, offset, "CatchUp.precommits")
    base = _take(data, offset, 32, "CatchUp.base_hash")
    base_number, offset = _u32(data, offset + 32, "CatchUp.base_number")
    return CatchUp(set_id, round_number, prevotes, precommits, base, base_number), offset


def _decode_body(kind: int, data: Buffer) -> tuple[GossipMessage, int]:
    if kind == 0:
        round_number, offset = _u64(data, 1, "Vote.round")
        set_id, offset = _u64(data, offset, "Vote.set_id")
        signed, offset = SignedVote.decode_from(data, offset)
        return VoteMessage(round_number, set_id, signed), offset
    if kind == 1:
        return _decode_commit(data, 1)
    if kind == 2:
        if _take(data, 1, 1, "Neighbor.version") != b"\x01":
            raise DecodeError("Neighbor", 1, "unknown neighbor packet version")
        round_number, offset = _u64(data, 2, "Neighbor.round")
        set_id, offset = _u64(data, offset, "Neighbor.set_id")
        height, offset = _u32(data, offset, "Neighbor.commit_finalized_height")
        return NeighborPacket(round_number, set_id, height), offset
    if kind == 3:
        round_number, offset = _u64(data, 1, "CatchUpRequest.round")
        set_id, offset = _u64(data, offset, "CatchUpRequest.set_id")
        return CatchUpRequest(round_number, set_id), offset
    if kind == 4:
        return _decode_catch_up(data, 1)
    raise DecodeError("GossipMessage", 0, f"unknown variant {kind}")


def decode_gossip(data: Buffer) -> GossipMessage:
    """Decode one gossip message; any malformation (or trailing byte) is a ``DecodeError``."""
    kind = _take(data, 0, 1, "GossipMessage")[0]
    message, offset = _decode_body(kind, data)
    if offset != len(data):
        raise DecodeError("GossipMessage", offset, f"{len(data) - offset} trailing byte(s)")
    return message


# ---- FRNK consensus digest -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ScheduledChange:
    """A new authority list enacted ``delay`` blocks after the signalling block (once finalised;
    for a forced change, once imported), with ``median_last_finalized`` set for forced ones."""

    next_authorities: tuple[tuple[bytes, int], ...]
    delay: int
    forced_at: int | None = None

    def encode(self) -> bytes:
        """The ``ConsensusLog`` encoding (variant 1, or 2 when forced)."""
        body = (encode_compact(len(self.next_authorities))
                + b"".join(key + struct.pack("<Q", w) for key, w in self.next_authorities)
                + struct.pack("<I", self.delay))
        if self.forced_at is None:
            return b"\x01" + body
        return b"\x02" + struct.pack("<I", self.forced_at) + body


@dataclass(frozen=True, slots=True)
class AuthorityEvent:
    """``OnDisabled(index)`` (kind 3), ``Pause(delay)`` (4) or ``Resume(delay)`` (5)."""

    kind: int
    value: int

    def encode(self) -> bytes:
        """Variant byte ‖ u64 (OnDisabled) or u32 (Pause, Resume)."""
        return bytes((self.kind,)) + struct.pack("<Q" if self.kind == 3 else "<I", self.value)


def _decode_change(data: Buffer, offset: int, forced_at: int | None
                   ) -> tuple[ScheduledChange, int]:
    count, offset = _count(data, offset, 40, "ScheduledChange.next_authorities")
    authorities = []
    for _ in range(count):
        raw = _take(data, offset, 40, "ScheduledChange.next_authorities")
        authorities.append((raw[:32], struct.unpack("<Q", raw[32:])[0]))
        offset += 40
    delay, offset = _u32(data, offset, "ScheduledChange.delay")
    return ScheduledChange(tuple(authorities), delay, forced_at), offset


def decode_consensus_log(data: Buffer) -> ScheduledChange | AuthorityEvent:
    """Decode the payload of a ``Consensus(b"FRNK", …)`` digest item."""
    kind = _take(data, 0, 1, "ConsensusLog")[0]
    if kind == 1:
        log, offset = _decode_change(data, 1, None)
    elif kind == 2:
        median, offset = _u32(data, 1, "ForcedChange.median_last_finalized")
        log, offset = _decode_change(data, offset, median)
    elif kind == 3:
        index, offset = _u64(data, 1, "OnDisabled")
        return _exact(AuthorityEvent(3, index), data, offset)
    elif kind in (4, 5):
        delay, offset = _u32(data, 1, "Pause/Resume")
        return _exact(AuthorityEvent(kind, delay), data, offset)
    else:
        raise DecodeError("ConsensusLog", 0, f"unknown variant {kind}")
    return _exact(log, data, offset)


def _exact(log: ScheduledChange | AuthorityEvent, data: Buffer, offset: int
           ) -> ScheduledChange | AuthorityEvent:
    if offset != len(data):
        raise DecodeError("ConsensusLog", offset, f"{len(data) - offset} trailing byte(s)")
    return log
