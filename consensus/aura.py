"""Aura: slots, the slot pre-digest, the expected author, sealing and checking a sealed header.

The rules (substrate.md §4.3; subtensor: sr25519 authorities, 12 000 ms slots, 250 ms with fast
blocks):

* ``slot = timestamp_ms // slot_duration_ms``; the slot goes into the header as
  ``PreRuntime(b"aura", SCALE u64 LE)`` before execution; genesis has no digest and counts as
  slot 0;
* the slot's author is ``authorities[slot % len(authorities)]``, with the authorities read at the
  parent block (``AuraApi_authorities``), passed in here as a sequence of 32-byte public keys;
* the seal is the author's sr25519 signature (context ``substrate``) over the pre-seal hash,
  ``blake2_256`` of the header without its seal, appended as ``Seal(b"aura", 64 bytes)``; the block
  hash covers the seal;
* on import: the seal is present, last and the only one; exactly one slot digest; the slot is
  strictly above the parent's (pallet_aura's rule, checked here before execution) and at most
  ``slot_now + MAX_SLOT_DRIFT`` (Substrate lets a header one slot ahead of the local clock in and
  refuses anything further as "too far in the future"); the signature verifies for the slot's
  author. A valid signature by another authority is reported as :class:`WrongAuthor`.

:class:`EquivocationTracker` spots two different headers by one author in one slot (Substrate
reports them and imports both; it never crashes on them).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass, field

from consensus.errors import (
    BadSeal,
    DuplicateSeal,
    DuplicateSlot,
    FutureSlot,
    MalformedSlot,
    MissingSeal,
    MissingSlot,
    NoAuthorities,
    SlotNotIncreasing,
    WrongAuthor,
)
from runtime.primitives.block import AURA_ENGINE_ID, Digest, Header, PreRuntime, Seal
from runtime.primitives.keys import CryptoScheme, Keypair, verify

#: subtensor's slot duration (``MILLISECS_PER_BLOCK``) and the one of its "fast-blocks" builds.
SLOT_DURATION_MS = 12_000
FAST_SLOT_DURATION_MS = 250
#: How many slots ahead of the local clock a header may be (Substrate's verifier adds one).
MAX_SLOT_DRIFT = 1
SIGNATURE_LENGTH = 64
_U64_MAX = (1 << 64) - 1


def slot_at(timestamp_ms: int, slot_duration_ms: int) -> int:
    """The slot that contains ``timestamp_ms``: ``timestamp_ms // slot_duration_ms``."""
    if slot_duration_ms <= 0:
        raise ValueError(f"slot duration must be positive, got {slot_duration_ms}")
    if timestamp_ms < 0:
        raise ValueError(f"timestamp must not be negative, got {timestamp_ms}")
    return timestamp_ms // slot_duration_ms


def slot_start_ms(slot: int, slot_duration_ms: int) -> int:
    """The first millisecond of ``slot``."""
    return slot * slot_duration_ms


def encode_slot(slot: int) -> bytes:
    """The SCALE u64 (little-endian) encoding of a slot."""
    if not 0 <= slot <= _U64_MAX:
        raise ValueError(f"slot {slot} does not fit a u64")
    return struct.pack("<Q", slot)


def slot_digest(slot: int) -> PreRuntime:
    """The ``PreRuntime(aura, slot)`` digest item an author puts first into a new header."""
    return PreRuntime(AURA_ENGINE_ID, encode_slot(slot))


def find_slot(header: Header) -> int:
    """The slot of ``header`` from its single Aura ``PreRuntime`` digest; 0 for genesis.

    Raises :class:`MissingSlot`, :class:`DuplicateSlot` or :class:`MalformedSlot`.
    """
    if header.number == 0:
        return 0
    payloads = [item.data for item in header.digest.logs
                if type(item) is PreRuntime and item.engine == AURA_ENGINE_ID]
    if not payloads:
        raise MissingSlot(header.hash(), header.number, "no Aura PreRuntime slot digest")
    if len(payloads) > 1:
        raise DuplicateSlot(header.hash(), header.number,
                            f"{len(payloads)} Aura PreRuntime slot digests (exactly one allowed)")
    if len(payloads[0]) != 8:
        raise MalformedSlot(header.hash(), header.number,
                            f"Aura slot payload is {len(payloads[0])} bytes, not a u64")
    return int(struct.unpack("<Q", payloads[0])[0])


def slot_author_index(slot: int, authority_count: int) -> int:
    """The index of the slot's author in an authority list of ``authority_count`` entries."""
    if authority_count <= 0:
        raise ValueError("an empty authority set has no slot author")
    return slot % authority_count


def claim_slot(slot: int, authorities: Sequence[bytes],
               local_keys: Sequence[Keypair]) -> Keypair | None:
    """The local key that owns ``slot`` under ``authorities``, or ``None`` if it is not ours."""
    if not authorities:
        return None
    expected = authorities[slot_author_index(slot, len(authorities))]
    for key in local_keys:
        if key.scheme is CryptoScheme.SR25519 and key.public_key == expected:
            return key
    return None


def seal_header(header: Header, author: Keypair) -> Header:
    """``header`` with ``Seal(aura, sign(pre_seal_hash))`` appended by ``author`` (sr25519).

    The header must not carry a seal yet; its digest must already hold the slot pre-digest.
    """
    if author.scheme is not CryptoScheme.SR25519:
        raise ValueError("Aura authorities sign with sr25519")
    if any(type(item) is Seal for item in header.digest.logs):
        raise DuplicateSeal(header.hash(), header.number, "header is already sealed")
    signature = author.sign(header.hash())
    digest = Digest((*header.digest.logs, Seal(AURA_ENGINE_ID, signature)))
    return Header(header.parent_hash, header.number, header.state_root, header.extrinsics_root,
                  digest)


@dataclass(frozen=True, slots=True)
class AuraCheck:
    """What a successful seal check established: the slot, the author's index and key, and the
    pre-seal header (what the runtime executes) with its hash."""

    slot: int
    author_index: int
    author: bytes
    pre_header: Header
    pre_hash: bytes


def split_seal(header: Header) -> tuple[Header, bytes]:
    """The pre-seal header and the 64-byte Aura signature of a sealed header.

    Raises :class:`MissingSeal` (no trailing seal), :class:`BadSeal` (not an Aura seal of 64
    bytes) or :class:`DuplicateSeal` (another ``Seal`` item before the last one).
    """
    seal = header.digest.seal
    if seal is None:
        raise MissingSeal(header.hash(), header.number, "digest does not end with a Seal item")
    if seal.engine != AURA_ENGINE_ID:
        raise BadSeal(header.hash(), header.number,
                      f"seal engine is {seal.engine!r}, expected {AURA_ENGINE_ID!r}")
    if len(seal.data) != SIGNATURE_LENGTH:
        raise BadSeal(header.hash(), header.number,
                      f"seal holds {len(seal.data)} bytes, not a 64-byte signature")
    if any(type(item) is Seal for item in header.digest.logs[:-1]):
        raise DuplicateSeal(header.hash(), header.number,
                            "a Seal item precedes the last digest item")
    return header.without_seal(), seal.data


def check_aura_header(header: Header, authorities: Sequence[bytes], parent_slot: int,
                      slot_now: int | None) -> AuraCheck:
    """Check a sealed header's slot and seal (no state, no execution).

    ``authorities`` are the Aura keys at the parent, ``parent_slot`` the parent's slot (0 for
    genesis), ``slot_now`` the local clock's slot, or ``None`` to skip the future-slot check
    (dev chains, replay of stored blocks). Checks in order: seal (missing, foreign or malformed,
    duplicated), slot digest, slot above the parent's, slot not in the future, author, signature.
    """
    pre_header, signature = split_seal(header)
    block_hash, number = header.hash(), header.number
    slot = find_slot(pre_header)
    if slot <= parent_slot:
        raise SlotNotIncreasing(block_hash, number,
                                f"slot {slot} is not above the parent's slot {parent_slot}")
    if slot_now is not None and slot > slot_now + MAX_SLOT_DRIFT:
        raise FutureSlot(block_hash, number, slot, slot_now, slot_now + MAX_SLOT_DRIFT)
    if not authorities:
        raise NoAuthorities(block_hash, number, "the Aura authority set at the parent is empty")
    index = slot_author_index(slot, len(authorities))
    pre_hash = pre_header.hash()
    if not verify(CryptoScheme.SR25519, signature, pre_hash, authorities[index]):
        _raise_bad_signature(header, signature, pre_hash, authorities, index, slot)
    return AuraCheck(slot, index, authorities[index], pre_header, pre_hash)


def _raise_bad_signature(header: Header, signature: bytes, pre_hash: bytes,
                         authorities: Sequence[bytes], index: int, slot: int) -> None:
    for other, key in enumerate(authorities):
        if other != index and key != authorities[index] and verify(
                CryptoScheme.SR25519, signature, pre_hash, key):
            raise WrongAuthor(header.hash(), header.number,
                              f"sealed by authority {other} (0x{key.hex()}), but slot {slot} "
                              f"belongs to authority {index} (0x{authorities[index].hex()})")
    raise BadSeal(header.hash(), header.number,
                  f"seal signature does not verify for slot {slot}'s author {index} "
                  f"(0x{authorities[index].hex()})")


@dataclass(frozen=True, slots=True)
class Equivocation:
    """Two different headers sealed by one author for one slot."""

    slot: int
    author: bytes
    first_hash: bytes
    second_hash: bytes


@dataclass
class EquivocationTracker:
    """Remembers which header each author sealed per slot, for the last ``window`` slots."""

    window: int = 4096
    _seen: dict[tuple[int, bytes], bytes] = field(default_factory=dict)
    _highest_slot: int = 0

    def note(self, slot: int, author: bytes, block_hash: bytes) -> Equivocation | None:
        """Record a checked header; an :class:`Equivocation` if the author already sealed a
        different header in this slot."""
        key = (slot, author)
        first = self._seen.get(key)
        if first is not None and first != block_hash:
            return Equivocation(slot, author, first, block_hash)
        if first is None:
            self._seen[key] = block_hash
        if slot > self._highest_slot:
            self._highest_slot = slot
            self._forget_before(slot - self.window)
        return None

    def _forget_before(self, oldest: int) -> None:
        if len(self._seen) > self.window:
            self._seen = {key: value for key, value in self._seen.items() if key[0] >= oldest}
