"""GRANDPA groundwork: votes, commits, justifications, the authority set, signing and checking.

Byte layouts (substrate.md §4.4; block numbers are fixed-width u32 inside GRANDPA):

* ``Message`` enum: ``0 Prevote | 1 Precommit | 2 PrimaryPropose``, each ``{target_hash [32],
  target_number u32}``;
* signed payload = ``SCALE((message, round u64, set_id u64))``, signed with ed25519 directly;
* ``SignedPrecommit = precommit ‖ signature [64] ‖ id [32]``;
* ``Commit = target_hash ‖ target_number u32 ‖ Vec<SignedPrecommit>``;
* ``GrandpaJustification = round u64 ‖ commit ‖ votes_ancestries Vec<Header>``;
* ``Justifications = Vec<(engine_id [4], Vec<u8>)>`` (engine ``FRNK`` for GRANDPA).

Justification checking follows Substrate's client (``GrandpaJustification::verify``) and
finality-grandpa's ``validate_commit``, in this order: every precommit targets the commit target or
a descendant proven by ``votes_ancestries``; the weight of distinct known voters reaches the
threshold on the target and no child of the target also reaches it, counting each voter's first
vote and an equivocator's weight on every block (the target is the precommit GHOST); every
signature is valid for (round, set_id); every precommit target routes to the lowest precommit
target through the ancestries; and every ancestry header is used by such a route. Precommits of
keys outside the set are signature-checked but carry no weight.

The networked rounds (prevote/precommit timers, GHOST over the local tree, gossip, catch-up) are
not here yet (authority-set changes are in :mod:`consensus.grandpa_authorities`).
:func:`finalize_with_local_keys` lets a node whose local keys hold a supermajority (a
one-authority dev or test chain) finalise its own blocks, and :func:`justification_from_commit`
turns a commit gathered from peers into a justification.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import NoReturn

from consensus.errors import (
    BadPrecommitSignature,
    InsufficientWeight,
    InvalidAncestry,
    InvalidAuthoritySet,
    InvalidJustification,
    JustificationTargetMismatch,
    MalformedJustification,
    PrecommitNotDescendant,
    TargetNotGhost,
    UnusedAncestry,
)
from consensus.verify import HeaderSource
from runtime.primitives.block import GRANDPA_ENGINE_ID, Header
from runtime.primitives.keys import CryptoScheme, Keypair, verify
from runtime.primitives.scale import DecodeError, decode_compact, encode_compact
from runtime.primitives.scale.base import Buffer

_U64_MAX = (1 << 64) - 1


class MessageKind(IntEnum):
    """The variant index of finality-grandpa's ``Message`` enum."""

    PREVOTE = 0
    PRECOMMIT = 1
    PRIMARY_PROPOSE = 2


def _take(data: Buffer, offset: int, size: int, what: str) -> bytes:
    end = offset + size
    if end > len(data):
        raise DecodeError(what, offset, f"needs {size} bytes, {max(len(data) - offset, 0)} left")
    return bytes(data[offset:end])


def _check_u(value: int, bits: int, what: str) -> None:
    if not isinstance(value, int) or not 0 <= value < (1 << bits):
        raise ValueError(f"{what} must fit a u{bits}, got {value!r}")


@dataclass(frozen=True, slots=True)
class Vote:
    """A vote target ``(target_hash, target_number)``; ``kind`` says prevote, precommit or
    primary proposal."""

    target_hash: bytes
    target_number: int
    kind: MessageKind = MessageKind.PRECOMMIT

    def __post_init__(self) -> None:
        if not isinstance(self.target_hash, bytes) or len(self.target_hash) != 32:
            raise ValueError("target_hash must be 32 bytes")
        _check_u(self.target_number, 32, "target_number")

    def encode(self) -> bytes:
        """``target_hash ‖ target_number u32`` (the struct, without the enum index)."""
        return self.target_hash + struct.pack("<I", self.target_number)

    def encode_message(self) -> bytes:
        """The ``Message`` enum encoding: variant index ‖ struct."""
        return bytes((self.kind,)) + self.encode()

    @classmethod
    def decode_from(cls, data: Buffer, offset: int, kind: MessageKind = MessageKind.PRECOMMIT
                    ) -> tuple[Vote, int]:
        """Decode the struct (no enum index) at ``offset``."""
        raw = _take(data, offset, 36, "Vote")
        return cls(raw[:32], struct.unpack("<I", raw[32:])[0], kind), offset + 36


def signing_payload(vote: Vote, round_number: int, set_id: int) -> bytes:
    """What a voter signs: ``SCALE((Message, round u64, set_id u64))``."""
    _check_u(round_number, 64, "round")
    _check_u(set_id, 64, "set_id")
    return vote.encode_message() + struct.pack("<QQ", round_number, set_id)


@dataclass(frozen=True, slots=True)
class SignedPrecommit:
    """A precommit with its ed25519 signature and the voter's public key (``id``)."""

    precommit: Vote
    signature: bytes
    id: bytes

    def encode(self) -> bytes:
        """``precommit ‖ signature [64] ‖ id [32]``."""
        return self.precommit.encode() + self.signature + self.id

    @classmethod
    def decode_from(cls, data: Buffer, offset: int) -> tuple[SignedPrecommit, int]:
        """Decode at ``offset``."""
        vote, offset = Vote.decode_from(data, offset)
        raw = _take(data, offset, 96, "SignedPrecommit")
        return cls(vote, raw[:64], raw[64:]), offset + 96

    def is_valid(self, round_number: int, set_id: int) -> bool:
        """Whether the signature verifies for (round, set_id)."""
        payload = signing_payload(self.precommit, round_number, set_id)
        return verify(CryptoScheme.ED25519, self.signature, payload, self.id)


@dataclass(frozen=True, slots=True)
class Commit:
    """The target a round finalised and the precommits that prove it."""

    target_hash: bytes
    target_number: int
    precommits: tuple[SignedPrecommit, ...]

    def encode(self) -> bytes:
        """``target_hash ‖ target_number u32 ‖ Vec<SignedPrecommit>``."""
        return (self.target_hash + struct.pack("<I", self.target_number)
                + encode_compact(len(self.precommits))
                + b"".join(p.encode() for p in self.precommits))

    @classmethod
    def decode_from(cls, data: Buffer, offset: int) -> tuple[Commit, int]:
        """Decode at ``offset``."""
        target, offset = Vote.decode_from(data, offset)
        count, offset = decode_compact(data, offset, "Commit.precommits")
        if count * 132 > len(data) - offset:
            raise DecodeError("Commit.precommits", offset, f"{count} precommits cannot fit")
        precommits = []
        for _ in range(count):
            signed, offset = SignedPrecommit.decode_from(data, offset)
            precommits.append(signed)
        return cls(target.target_hash, target.target_number, tuple(precommits)), offset


@dataclass(frozen=True, slots=True)
class GrandpaJustification:
    """``round ‖ commit ‖ votes_ancestries``: the proof that ``commit``'s target is final."""

    round: int
    commit: Commit
    votes_ancestries: tuple[Header, ...] = ()

    @property
    def target(self) -> tuple[bytes, int]:
        """``(target_hash, target_number)`` of the commit."""
        return self.commit.target_hash, self.commit.target_number

    def encode(self) -> bytes:
        """The SCALE encoding (what is stored and sent under engine ``FRNK``)."""
        return (struct.pack("<Q", self.round) + self.commit.encode()
                + encode_compact(len(self.votes_ancestries))
                + b"".join(h.encode() for h in self.votes_ancestries))

    @classmethod
    def decode(cls, data: Buffer) -> GrandpaJustification:
        """Decode exactly one justification; raises :class:`MalformedJustification`."""
        try:
            round_number = struct.unpack("<Q", _take(data, 0, 8, "round"))[0]
            commit, offset = Commit.decode_from(data, 8)
            count, offset = decode_compact(data, offset, "votes_ancestries")
            if count * 98 > len(data) - offset:
                raise DecodeError("votes_ancestries", offset, f"{count} headers cannot fit")
            headers = []
            for _ in range(count):
                header, offset = Header.decode_from(data, offset)
                headers.append(header)
        except DecodeError as exc:
            raise MalformedJustification(None, None, str(exc)) from None
        if offset != len(data):
            raise MalformedJustification(commit.target_hash, commit.target_number,
                                         f"{len(data) - offset} trailing byte(s)")
        return cls(round_number, commit, tuple(headers))


def encode_justifications(items: Iterable[tuple[bytes, bytes]]) -> bytes:
    """``Vec<(engine_id [4], Vec<u8>)>``: the container stored per block and sent in responses."""
    items = list(items)
    out = [encode_compact(len(items))]
    for engine, payload in items:
        if len(engine) != 4:
            raise ValueError(f"engine id must be 4 bytes, got {engine!r}")
        out.append(engine + encode_compact(len(payload)) + payload)
    return b"".join(out)


def decode_justifications(data: Buffer) -> list[tuple[bytes, bytes]]:
    """Decode a ``Justifications`` container (raises ``DecodeError`` on malformed input)."""
    count, offset = decode_compact(data, 0, "Justifications")
    items = []
    for _ in range(count):
        engine = _take(data, offset, 4, "Justifications.engine")
        length, offset = decode_compact(data, offset + 4, "Justifications.payload")
        items.append((engine, _take(data, offset, length, "Justifications.payload")))
        offset += length
    if offset != len(data):
        raise DecodeError("Justifications", offset, f"{len(data) - offset} trailing byte(s)")
    return items


def grandpa_justification_of(container: Buffer) -> bytes | None:
    """The ``FRNK`` entry of a ``Justifications`` container, if any."""
    for engine, payload in decode_justifications(container):
        if engine == GRANDPA_ENGINE_ID:
            return payload
    return None


@dataclass(frozen=True, slots=True)
class AuthoritySet:
    """A normalised GRANDPA voter set: weights of repeated keys summed, zero weights dropped,
    voters sorted by public key (finality-grandpa's ``VoterSet``)."""

    voters: tuple[tuple[bytes, int], ...]
    set_id: int = 0

    @classmethod
    def from_weights(cls, authorities: Iterable[tuple[bytes, int]], set_id: int = 0
                     ) -> AuthoritySet:
        """Normalise ``(ed25519 key, weight)`` pairs; raises :class:`InvalidAuthoritySet`."""
        totals: dict[bytes, int] = {}
        for key, weight in authorities:
            if not isinstance(key, bytes) or len(key) != 32:
                raise InvalidAuthoritySet(f"authority key must be 32 bytes, got {key!r}")
            if not isinstance(weight, int) or not 0 <= weight <= _U64_MAX:
                raise InvalidAuthoritySet(f"authority weight must be a u64, got {weight!r}")
            totals[key] = totals.get(key, 0) + weight
        voters = tuple(sorted((key, w) for key, w in totals.items() if w > 0))
        if not voters:
            raise InvalidAuthoritySet("the GRANDPA authority set has no voter with weight")
        return cls(voters, set_id)

    @property
    def total_weight(self) -> int:
        """The sum of all weights."""
        return sum(weight for _, weight in self.voters)

    @property
    def threshold(self) -> int:
        """The supermajority: ``W - (W - 1) // 3`` (more than two thirds of ``W``)."""
        total = self.total_weight
        return total - (total - 1) // 3

    def weight_of(self, key: bytes) -> int:
        """The weight of ``key`` (0 for a non-voter)."""
        return dict(self.voters).get(key, 0)

    def primary(self, round_number: int) -> bytes:
        """The round's primary: the voter at ``round % n`` in key order."""
        return self.voters[round_number % len(self.voters)][0]


class _Ancestry:
    """The headers of ``votes_ancestries`` by hash, walked from a block down to a base."""

    def __init__(self, headers: Sequence[Header]) -> None:
        self.by_hash = {header.hash(): header for header in headers}

    def route(self, base: bytes, block: bytes) -> list[bytes] | None:
        """Blocks from ``block`` (inclusive) down to ``base`` (exclusive), or ``None``."""
        route: list[bytes] = []
        current = block
        while current != base:
            header = self.by_hash.get(current)
            if header is None or len(route) > len(self.by_hash):
                return None
            route.append(current)
            current = header.parent_hash
        return route


def _fail(cls: type[InvalidJustification], justification: GrandpaJustification,
          reason: str) -> NoReturn:
    raise cls(justification.commit.target_hash, justification.commit.target_number, reason)


def _first_votes(justification: GrandpaJustification, weights: dict[bytes, int],
                 ancestry: _Ancestry) -> tuple[dict[bytes, bytes], set[bytes]]:
    """Each known voter's first precommit, as the child of the target it lies under (``b""``
    for the target itself), and the voters that equivocated (a second, different vote or
    signature). Raises :class:`PrecommitNotDescendant` for any precommit off the target."""
    commit = justification.commit
    first: dict[bytes, bytes] = {}
    seen: dict[bytes, set[tuple[bytes, int, bytes]]] = {}
    for signed in commit.precommits:
        vote = signed.precommit
        route = ancestry.route(commit.target_hash, vote.target_hash)
        if vote.target_number < commit.target_number or route is None:
            _fail(PrecommitNotDescendant, justification,
                  f"precommit by 0x{signed.id.hex()} for #{vote.target_number} "
                  "is not the target or a proven descendant")
        if signed.id not in weights:
            continue  # a non-voter's precommit carries no weight
        first.setdefault(signed.id, route[-1] if route else b"")
        seen.setdefault(signed.id, set()).add((vote.target_hash, vote.target_number,
                                              signed.signature))
    return first, {voter for voter, votes in seen.items() if len(votes) > 1}


def _check_ghost(justification: GrandpaJustification, authorities: AuthoritySet,
                 ancestry: _Ancestry) -> None:
    """The commit target must be the precommit GHOST: finality-grandpa's ``validate_commit``.

    Only a voter's first vote enters the vote graph; an equivocator's weight counts on every
    block of it. The target needs threshold weight, and no child of the target on the graph may
    reach the threshold (else the GHOST lies deeper than the target).
    """
    weights = dict(authorities.voters)
    first, equivocators = _first_votes(justification, weights, ancestry)
    on_target = sum(weights[voter] for voter in first)
    if on_target < authorities.threshold:
        _fail(InsufficientWeight, justification,
              f"precommit weight {on_target} is below the threshold {authorities.threshold} "
              f"of {authorities.total_weight}")
    equivocated = sum(weights[voter] for voter in equivocators)
    by_child: dict[bytes, int] = {}
    for voter, child in first.items():
        if child:
            extra = 0 if voter in equivocators else weights[voter]
            by_child[child] = by_child.get(child, equivocated) + extra
    for child, weight in by_child.items():
        if weight >= authorities.threshold:
            _fail(TargetNotGhost, justification,
                  f"descendant 0x{child.hex()} also has supermajority weight {weight}")


def verify_justification(justification: GrandpaJustification | Buffer,
                         authorities: AuthoritySet, set_id: int | None = None,
                         target: tuple[bytes, int] | None = None) -> GrandpaJustification:
    """Check that ``justification`` finalises its target under ``authorities``.

    ``set_id`` defaults to ``authorities.set_id``; ``target`` (hash, number), when given, must be
    the commit target. Returns the decoded justification; raises an
    :class:`consensus.errors.InvalidJustification` subclass.
    """
    if not isinstance(justification, GrandpaJustification):
        justification = GrandpaJustification.decode(justification)
    set_id = authorities.set_id if set_id is None else set_id
    if target is not None and justification.target != tuple(target):
        _fail(JustificationTargetMismatch, justification,
              f"commit finalises #{justification.commit.target_number}, expected "
              f"#{target[1]} (0x{target[0].hex()})")
    ancestry = _Ancestry(justification.votes_ancestries)
    _check_ghost(justification, authorities, ancestry)
    _check_signatures_and_routes(justification, set_id, ancestry)
    return justification


def _check_signatures_and_routes(justification: GrandpaJustification, set_id: int,
                                 ancestry: _Ancestry) -> None:
    precommits = justification.commit.precommits
    base = min(precommits, key=lambda p: p.precommit.target_number).precommit.target_hash
    visited: set[bytes] = set()
    for signed in precommits:
        if not signed.is_valid(justification.round, set_id):
            _fail(BadPrecommitSignature, justification,
                  f"precommit signature of 0x{signed.id.hex()} is invalid for round "
                  f"{justification.round}, set {set_id}")
        if signed.precommit.target_hash == base:
            continue
        route = ancestry.route(base, signed.precommit.target_hash)
        if route is None:
            _fail(InvalidAncestry, justification,
                  f"no ancestry route from #{signed.precommit.target_number} to the base")
        visited.update(route)
    unused = set(ancestry.by_hash) - visited
    if unused:
        _fail(UnusedAncestry, justification,
              f"{len(unused)} votes_ancestries header(s) are not on any precommit route")


def sign_precommit(key: Keypair, target_hash: bytes, target_number: int, round_number: int,
                   set_id: int) -> SignedPrecommit:
    """A precommit for ``(target_hash, target_number)`` signed by the ed25519 ``key``."""
    if key.scheme is not CryptoScheme.ED25519:
        raise ValueError("GRANDPA voters sign with ed25519")
    vote = Vote(target_hash, target_number, MessageKind.PRECOMMIT)
    return SignedPrecommit(vote, key.sign(signing_payload(vote, round_number, set_id)),
                           key.public_key)


def finalize_with_local_keys(target_hash: bytes, target_number: int, round_number: int,
                             authorities: AuthoritySet, local_keys: Sequence[Keypair]
                             ) -> GrandpaJustification:
    """A justification for the target signed by every local key in the set (in set order).

    Enough for a node whose keys hold the supermajority (a one-authority dev or test chain);
    raises :class:`InsufficientWeight` otherwise. All precommits are on the target itself, so
    ``votes_ancestries`` is empty. The result is verified before it is returned.
    """
    mine = {key.public_key: key for key in local_keys if key.scheme is CryptoScheme.ED25519}
    precommits = tuple(sign_precommit(mine[voter], target_hash, target_number, round_number,
                                      authorities.set_id)
                       for voter, _ in authorities.voters if voter in mine)
    justification = GrandpaJustification(round_number,
                                         Commit(target_hash, target_number, precommits))
    return verify_justification(justification, authorities)


def justification_from_commit(round_number: int, commit: Commit,
                              source: HeaderSource) -> GrandpaJustification:
    """Build the justification of a commit gathered from peers, fetching from ``source`` the
    headers that route each precommit target down to the lowest one.

    Raises :class:`InvalidAncestry` when a route is missing and :class:`InsufficientWeight`
    for a commit without precommits.
    """
    if not commit.precommits:
        raise InsufficientWeight(commit.target_hash, commit.target_number, "commit is empty")
    lowest = min(commit.precommits, key=lambda p: p.precommit.target_number).precommit
    headers: dict[bytes, Header] = {}
    for signed in commit.precommits:
        current = signed.precommit.target_hash
        while current != lowest.target_hash:
            header = source.header_by_hash(current)
            if header is None or header.number <= lowest.target_number:
                raise InvalidAncestry(commit.target_hash, commit.target_number,
                                      f"no route from 0x{current.hex()} to the lowest precommit")
            headers.setdefault(current, header)
            current = header.parent_hash
    return GrandpaJustification(round_number, commit, tuple(headers.values()))
