"""Merlin transcripts (STROBE-128 over Keccak-f[1600]) — just enough for sr25519 hard derivation.

schnorrkel derives a hard child's *mini secret key* (the 32-byte seed ``subkey`` prints as
"Secret seed") by feeding labelled data into a Merlin transcript and squeezing bytes out of it. The
sr25519 binding returns only the expanded child key pair, so this module recomputes that seed:

* STROBE-128 (rate 166 bytes of the 200-byte Keccak state) with the ``meta-AD``, ``AD`` and ``PRF``
  operations, initialised with the protocol label ``"Merlin v1.0"``;
* a transcript: ``append_message(label, message)`` = meta-AD(label) ‖ meta-AD(u32le len, more) ‖
  AD(message); ``challenge_bytes(label, n)`` = meta-AD(label) ‖ meta-AD(u32le n, more) ‖ PRF(n).

Pure Python and deterministic; the constant transcript prefix is built once, so a hard derivation
costs one Keccak permutation.
"""

from __future__ import annotations

import struct
from functools import cache

_MASK64 = (1 << 64) - 1
_ROUND_CONSTANTS = (
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
    0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
    0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
)
# rotation offsets r[x + 5y] and the pi permutation target index for lane x + 5y
_ROTATIONS = (0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8,
              18, 2, 61, 56, 14)
_PI_TARGET = tuple(y + 5 * ((2 * x + 3 * y) % 5) for y in range(5) for x in range(5))
# (source lane, target lane, rotation, theta column) of the combined rho and pi steps
_RHO_PI = tuple((i, _PI_TARGET[i], _ROTATIONS[i], i % 5) for i in range(25))
_CHI_NEXT = tuple(5 * (i // 5) + (i + 1) % 5 for i in range(25))
_CHI_AFTER = tuple(5 * (i // 5) + (i + 2) % 5 for i in range(25))
_LANES = struct.Struct("<25Q")

STROBE_RATE = 166
_FLAG_I, _FLAG_A, _FLAG_C, _FLAG_M = 1, 2, 4, 16


def keccak_f1600(state: bytearray) -> None:
    """Apply the 24-round Keccak-f[1600] permutation in place to a 200-byte state."""
    lanes = list(_LANES.unpack(state))
    mask = _MASK64
    for round_constant in _ROUND_CONSTANTS:
        c = [lanes[x] ^ lanes[x + 5] ^ lanes[x + 10] ^ lanes[x + 15] ^ lanes[x + 20]
             for x in range(5)]
        d = [c[(x - 1) % 5] ^ (((c[(x + 1) % 5] << 1) | (c[(x + 1) % 5] >> 63)) & mask)
             for x in range(5)]
        moved = [0] * 25
        for source, target, rotation, column in _RHO_PI:
            lane = lanes[source] ^ d[column]
            moved[target] = ((lane << rotation) | (lane >> (64 - rotation))) & mask
        lanes = [moved[i] ^ (~moved[_CHI_NEXT[i]] & moved[_CHI_AFTER[i]]) for i in range(25)]
        lanes[0] ^= round_constant
    state[:] = _LANES.pack(*lanes)


class Strobe128:
    """The STROBE-128 duplex as Merlin uses it (meta-AD, AD and PRF operations only)."""

    def __init__(self, protocol_label: bytes) -> None:
        """Initialise the sponge with the STROBE v1.0.2 header, then meta-AD the protocol label."""
        self._state = bytearray(200)
        self._state[0:6] = bytes((1, STROBE_RATE + 2, 1, 0, 1, 96))
        self._state[6:18] = b"STROBEv1.0.2"
        keccak_f1600(self._state)
        self._pos = 0
        self._pos_begin = 0
        self._flags = 0
        self.meta_ad(protocol_label, more=False)

    def clone(self) -> Strobe128:
        """An independent copy of this sponge in its current state."""
        twin = Strobe128.__new__(Strobe128)
        twin._state = bytearray(self._state)
        twin._pos, twin._pos_begin, twin._flags = self._pos, self._pos_begin, self._flags
        return twin

    def _run_f(self) -> None:
        self._state[self._pos] ^= self._pos_begin
        self._state[self._pos + 1] ^= 0x04
        self._state[STROBE_RATE + 1] ^= 0x80
        keccak_f1600(self._state)
        self._pos = 0
        self._pos_begin = 0

    def _absorb(self, data: bytes) -> None:
        for byte in data:
            self._state[self._pos] ^= byte
            self._pos += 1
            if self._pos == STROBE_RATE:
                self._run_f()

    def _squeeze(self, length: int) -> bytes:
        out = bytearray(length)
        for index in range(length):
            out[index] = self._state[self._pos]
            self._state[self._pos] = 0
            self._pos += 1
            if self._pos == STROBE_RATE:
                self._run_f()
        return bytes(out)

    def _begin_op(self, flags: int, more: bool) -> None:
        if more:
            if flags != self._flags:
                raise ValueError("STROBE: continued operation with different flags")
            return
        old_begin = self._pos_begin
        self._pos_begin = self._pos + 1
        self._flags = flags
        self._absorb(bytes((old_begin, flags)))
        if flags & _FLAG_C and self._pos != 0:
            self._run_f()

    def meta_ad(self, data: bytes, more: bool) -> None:
        """Absorb framing metadata."""
        self._begin_op(_FLAG_M | _FLAG_A, more)
        self._absorb(data)

    def ad(self, data: bytes, more: bool) -> None:
        """Absorb associated data."""
        self._begin_op(_FLAG_A, more)
        self._absorb(data)

    def prf(self, length: int, more: bool) -> bytes:
        """Squeeze ``length`` pseudo-random bytes."""
        self._begin_op(_FLAG_I | _FLAG_A | _FLAG_C, more)
        return self._squeeze(length)


class Transcript:
    """A Merlin transcript: labelled messages in, labelled challenges out."""

    def __init__(self, label: bytes) -> None:
        """Start a transcript under the domain-separation ``label``."""
        self._strobe = Strobe128(b"Merlin v1.0")
        self.append_message(b"dom-sep", label)

    def clone(self) -> Transcript:
        """An independent copy of this transcript (to reuse a common prefix)."""
        twin = Transcript.__new__(Transcript)
        twin._strobe = self._strobe.clone()
        return twin

    def append_message(self, label: bytes, message: bytes) -> None:
        """Absorb ``message`` under ``label``."""
        self._strobe.meta_ad(label, more=False)
        self._strobe.meta_ad(struct.pack("<I", len(message)), more=True)
        self._strobe.ad(message, more=False)

    def challenge_bytes(self, label: bytes, length: int) -> bytes:
        """Squeeze ``length`` challenge bytes under ``label``."""
        self._strobe.meta_ad(label, more=False)
        self._strobe.meta_ad(struct.pack("<I", length), more=True)
        return self._strobe.prf(length, more=False)


@cache
def _hdkd_prefix() -> Transcript:
    """The constant start of every hard-derivation transcript (label and empty sign-bytes)."""
    transcript = Transcript(b"SchnorrRistrettoHDKD")
    transcript.append_message(b"sign-bytes", b"")
    return transcript


def sr25519_hard_derive_mini_secret(secret_scalar: bytes, chain_code: bytes) -> bytes:
    """The mini secret key of schnorrkel's hard derivation (``hard_derive_mini_secret_key``).

    ``secret_scalar`` is the first 32 bytes of the parent's 64-byte sr25519 secret key (its scalar);
    ``chain_code`` is the junction's 32-byte chain code; the extra "sign-bytes" input is empty, as
    Substrate passes it.
    """
    transcript = _hdkd_prefix().clone()
    transcript.append_message(b"chain-code", chain_code)
    transcript.append_message(b"secret-key", secret_scalar)
    return transcript.challenge_bytes(b"HDKD-hard", 32)
