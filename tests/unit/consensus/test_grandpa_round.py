"""One GRANDPA round's accounting: GHOST, finalised block, estimate, completability, equivocation.

The first three scenarios are the ones finality-grandpa's own round tests use (voters of weight
4, 7 and 3; the chain G-A-B-C-D-E-F with forks E-EA-EB-EC-ED and F-FA-FB-FC; base C)."""

from __future__ import annotations

import pytest

from consensus.grandpa import (
    AuthoritySet,
    Commit,
    MessageKind,
    Vote,
    justification_from_commit,
    sign_precommit,
    signing_payload,
    verify_justification,
)
from consensus.grandpa_round import Phase, Round, VoteNotDescendant
from runtime.primitives.keys import dev_account
from tests.unit.consensus.helpers import ALICE, MemoryChain, genesis, make_child

ALICE_ID, BOB_ID, EVE_ID = b"\x0a" * 32, b"\x0b" * 32, b"\x0e" * 32
WEIGHTED = AuthoritySet.from_weights([(ALICE_ID, 4), (BOB_ID, 7), (EVE_ID, 3)])


def h(name: str) -> bytes:
    """A readable 32-byte block hash."""
    return name.encode().ljust(32, b"_")


def _tree() -> dict[bytes, tuple[bytes, int]]:
    tree = {h("G"): (b"\x00" * 32, 0)}
    for parent, names in (("G", ["A", "B", "C", "D", "E", "F"]), ("E", ["EA", "EB", "EC", "ED"]),
                          ("F", ["FA", "FB", "FC"])):
        for name in names:
            tree[h(name)] = (h(parent), tree[h(parent)][1] + 1)
            parent = name
    return tree


TREE = _tree()


def v(name: str, kind: MessageKind = MessageKind.PREVOTE) -> Vote:
    """A vote for the named block."""
    return Vote(h(name), TREE[h(name)][1], kind)


def pc(name: str) -> Vote:
    """A precommit for the named block."""
    return v(name, MessageKind.PRECOMMIT)


def _round() -> Round:
    return Round(1, WEIGHTED, (h("C"), 3), TREE)


def test_estimate_is_prevote_ghost_until_precommits() -> None:
    round_ = _round()
    assert WEIGHTED.threshold == 10
    round_.import_prevote(v("FC"), ALICE_ID, b"a")
    round_.import_prevote(v("ED"), BOB_ID, b"b")
    assert round_.prevote_ghost == (h("E"), 5)
    assert round_.estimate == (h("E"), 5) and not round_.completable
    round_.import_prevote(v("F"), EVE_ID, b"e")
    assert round_.prevote_ghost == (h("E"), 5) and round_.estimate == (h("E"), 5)


def test_finalization_follows_prevote_ghost_and_precommits() -> None:
    round_ = _round()
    round_.import_precommit(pc("FC"), ALICE_ID, b"a")
    round_.import_precommit(pc("ED"), BOB_ID, b"b")
    assert round_.finalized is None
    round_.import_prevote(v("FC"), ALICE_ID, b"a")
    round_.import_prevote(v("ED"), BOB_ID, b"b")
    round_.import_prevote(v("EA"), EVE_ID, b"e")
    assert round_.prevote_ghost == (h("EA"), 6)
    assert round_.finalized == (h("E"), 5)
    round_.import_precommit(pc("EA"), EVE_ID, b"e")
    assert round_.finalized == (h("EA"), 6)
    assert round_.precommit_ghost() == (h("EA"), 6)


def test_equivocator_counts_everywhere_but_once() -> None:
    round_ = _round()
    assert round_.import_prevote(v("FC"), EVE_ID, b"e1").equivocation is None
    assert round_.prevote_ghost is None
    second = round_.import_prevote(v("ED"), EVE_ID, b"e2")
    assert second.equivocation is not None and second.equivocation.phase is Phase.PREVOTE
    assert round_.import_prevote(v("F"), EVE_ID, b"e3").equivocation is None
    assert round_.prevote_ghost is None
    assert round_.weight(h("ED"), Phase.PREVOTE) == 3
    round_.import_prevote(v("FA"), BOB_ID, b"b")
    assert round_.prevote_ghost == (h("FA"), 7)


def test_duplicates_and_non_voters_are_ignored() -> None:
    round_ = _round()
    assert not round_.import_prevote(v("D"), b"\x99" * 32, b"x").valid_voter
    assert round_.import_prevote(v("D"), BOB_ID, b"b").duplicated is False
    assert round_.import_prevote(v("D"), BOB_ID, b"b").duplicated is True
    assert round_.weight(h("D"), Phase.PREVOTE) == 7


def test_vote_off_the_base_fails_not_descendant() -> None:
    round_ = _round()
    for bad in (v("B"), Vote(h("nowhere"), 9, MessageKind.PREVOTE),
                Vote(h("D"), 9, MessageKind.PREVOTE)):
        with pytest.raises(VoteNotDescendant):
            round_.import_prevote(bad, BOB_ID, b"b")


def test_completable_when_no_block_can_beat_estimate() -> None:
    round_ = _round()
    for voter in (ALICE_ID, BOB_ID, EVE_ID):
        round_.import_prevote(v("E"), voter, voter)
    round_.import_precommit(pc("E"), ALICE_ID, b"a")
    assert round_.estimate == (h("E"), 5) and not round_.completable
    round_.import_precommit(pc("E"), BOB_ID, b"b")
    assert round_.finalized == (h("E"), 5) and round_.completable


def test_round_commit_becomes_verifiable_justification() -> None:
    chain = MemoryChain()
    headers = [chain.add(genesis())]
    for slot in (1, 2, 3):
        headers.append(chain.add(make_child(headers[-1], slot, ALICE)))
    tree = {header.hash(): (header.parent_hash, header.number) for header in headers}
    keys = [dev_account(n).ed25519 for n in ("Alice", "Bob", "Charlie", "Dave")]
    authorities = AuthoritySet.from_weights([(k.public_key, 1) for k in keys])
    round_ = Round(2, authorities, (headers[0].hash(), 0), tree)
    for key, target in zip(keys, (headers[3], headers[3], headers[2], headers[1]), strict=True):
        prevote = Vote(target.hash(), target.number, MessageKind.PREVOTE)
        round_.import_prevote(prevote, key.public_key, key.sign(signing_payload(prevote, 2, 0)))
    for key in keys[:3]:
        signed = sign_precommit(key, headers[2].hash(), 2, 2, 0)
        round_.import_precommit(signed.precommit, key.public_key, signed.signature)
    assert round_.prevote_ghost == (headers[2].hash(), 2)
    assert round_.finalized == (headers[2].hash(), 2) and round_.completable
    precommits = round_.finalizing_precommits()
    assert precommits is not None and len(precommits) == 3
    commit = Commit(headers[2].hash(), 2, tuple(precommits))
    justification = justification_from_commit(2, commit, chain)
    assert verify_justification(justification.encode(), authorities, 0, (headers[2].hash(), 2))
