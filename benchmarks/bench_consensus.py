"""Consensus rates: Aura header checks, GRANDPA justification checks, fork-choice imports.

Baselines: a header check against one bare sr25519 verification (the check is dominated by it);
a justification of n voters against n bare ed25519 verifications; fork-choice imports of a growing
chain against dict inserts of the same entries.
"""

from __future__ import annotations

from benchmarks.harness import Row, per_second
from consensus.aura import check_aura_header, seal_header, slot_digest
from consensus.fork_choice import ForkChoice
from consensus.grandpa import AuthoritySet, finalize_with_local_keys, verify_justification
from runtime.primitives.block import Digest, Header
from runtime.primitives.keys import CryptoScheme, dev_account, keypair_from_uri, verify

VOTERS = ("Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie", "One")


def _aura_rows() -> list[Row]:
    alice = dev_account("Alice").sr25519
    header = seal_header(Header(b"\x00" * 32, 1, b"\x01" * 32, b"\x02" * 32,
                                Digest((slot_digest(7),))), alice)
    pre_hash = header.pre_seal_hash()
    signature = header.digest.logs[-1].data
    authorities = [alice.public_key]
    return [
        Row("consensus", "sr25519 verify", per_second(
            lambda: verify("sr25519", signature, pre_hash, alice.public_key)), "ops/s"),
        Row("consensus", "Aura header check", per_second(
            lambda: check_aura_header(header, authorities, 0, 8)), "headers/s",
            baseline="sr25519 verify"),
    ]


def _grandpa_rows() -> list[Row]:
    keys = [keypair_from_uri(f"//{name}", CryptoScheme.ED25519) for name in VOTERS]
    authorities = AuthoritySet.from_weights([(key.public_key, 1) for key in keys])
    target = b"\x07" * 32
    raw = finalize_with_local_keys(target, 9, 1, authorities, keys).encode()
    signed = [(key.public_key, key.sign(b"m" * 53)) for key in keys]

    def bare() -> None:
        for public, signature in signed:
            verify("ed25519", signature, b"m" * 53, public)

    return [
        Row("consensus", f"{len(keys)} ed25519 verifies", per_second(bare), "sets/s"),
        Row("consensus", f"justification check, {len(keys)} voters", per_second(
            lambda: verify_justification(raw, authorities, 0, (target, 9))), "justifications/s",
            baseline=f"{len(keys)} ed25519 verifies"),
    ]


def _fork_choice_rows() -> list[Row]:
    hashes = [index.to_bytes(32, "big") for index in range(1, 2001)]

    def imports() -> None:
        choice = ForkChoice(b"\xff" * 32)
        parent = choice.genesis_hash
        for number, block in enumerate(hashes, start=1):
            choice.import_block(block, parent, number)
            parent = block

    def inserts() -> None:
        tree = {}
        parent = b"\x00" * 32
        for number, block in enumerate(hashes, start=1):
            tree[block] = (parent, number)
            parent = block

    return [
        Row("consensus", "dict insert", per_second(inserts, ops_per_call=len(hashes)), "blocks/s"),
        Row("consensus", "fork-choice import (extend best)", per_second(
            imports, ops_per_call=len(hashes)), "blocks/s", baseline="dict insert"),
    ]


def run() -> list[Row]:
    """All consensus rows."""
    return _aura_rows() + _grandpa_rows() + _fork_choice_rows()
