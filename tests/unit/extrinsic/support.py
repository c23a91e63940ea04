"""Helpers of the extrinsic tests: a small chain of block hashes and the contexts over it."""

from __future__ import annotations

from runtime.extrinsic import ChainContext, ImplicitContext
from runtime.primitives.hashing import blake2_256

SPEC_VERSION = 425
TX_VERSION = 1
GENESIS = blake2_256(b"tensorchain test genesis")
TRANSFER_CALL = bytes.fromhex(
    "0503008eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a4802286bee")


def block_hash_of(number: int) -> bytes:
    """The hash of test block ``number`` (block 0 is the genesis)."""
    return GENESIS if number == 0 else blake2_256(number.to_bytes(4, "little"))


def make_chain(current: int, kept: int = 2400) -> ChainContext:
    """A chain context at block ``current`` keeping the last ``kept`` hashes and the genesis."""

    def lookup(number: int) -> bytes | None:
        if number == 0 or current - kept <= number < current:
            return block_hash_of(number)
        return None

    return ChainContext(SPEC_VERSION, TX_VERSION, current, lookup)


def signer_context(birth: int = 0, metadata_hash: bytes | None = None) -> ImplicitContext:
    """The implicit data a signer uses for an era born at ``birth``."""
    return ImplicitContext(SPEC_VERSION, TX_VERSION, GENESIS, block_hash_of(birth), metadata_hash)
