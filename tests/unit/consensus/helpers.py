"""Shared fixtures of the consensus tests: the vector headers, dev keys and an in-memory chain."""

from __future__ import annotations

from dataclasses import dataclass, field

from consensus.aura import seal_header, slot_digest
from runtime.primitives.block import Digest, Header
from runtime.primitives.keys import Keypair, dev_account
from tests.shared_vectors import load, unhex

ALICE: Keypair = dev_account("Alice").sr25519
BOB: Keypair = dev_account("Bob").sr25519
CHARLIE: Keypair = dev_account("Charlie").sr25519


def vector_sealed() -> dict:
    """The ``synthetic_aura_sealed_header`` group of header.json."""
    return load("header")["synthetic_aura_sealed_header"]


def vector_grandpa() -> dict:
    """The ``synthetic_grandpa`` group of header.json."""
    return load("header")["synthetic_grandpa"]


def genesis() -> Header:
    """The test-finney genesis header (parent of the synthetic sealed header)."""
    return Header.decode(unhex(load("header")["testfinney_genesis"]["encoded_header"]))


def sealed_vector_header() -> Header:
    """The synthetic block #1 sealed by //Alice."""
    return Header.decode(unhex(vector_sealed()["sealed_header"]))


@dataclass
class MemoryChain:
    """A dict of headers by hash: the ``HeaderSource`` the node's chain db provides."""

    headers: dict[bytes, Header] = field(default_factory=dict)

    def add(self, header: Header) -> Header:
        """Store ``header`` and return it."""
        self.headers[header.hash()] = header
        return header

    def header_by_hash(self, block_hash: bytes) -> Header | None:
        """The stored header with this hash."""
        return self.headers.get(block_hash)


def make_child(parent: Header, slot: int, author: Keypair | None = None,
               extra: tuple = (), state_root: bytes = b"\x01" * 32) -> Header:
    """A child of ``parent`` at ``slot``, sealed by ``author`` when given."""
    header = Header(parent.hash(), parent.number + 1, state_root, b"\x02" * 32,
                    Digest((slot_digest(slot), *extra)))
    return seal_header(header, author) if author is not None else header
