"""GRANDPA authority-set changes: standard changes on finality, forced changes on import."""

from __future__ import annotations

import pytest

from consensus.errors import InvalidAuthoritySet
from consensus.fork_choice import is_descendant_or_self
from consensus.grandpa import AuthoritySet
from consensus.grandpa_authorities import (
    AuthorityChangeError,
    AuthoritySetTracker,
    scheduled_change_of,
)
from consensus.grandpa_messages import ScheduledChange
from runtime.primitives.block import Consensus, Header
from tests.unit.consensus.helpers import ALICE, genesis, make_child

OLD = AuthoritySet.from_weights([(b"\x01" * 32, 1)])
NEW = ((b"\x02" * 32, 1), (b"\x03" * 32, 1))


class Tree:
    """Headers plus the ancestry question the tracker asks."""

    def __init__(self) -> None:
        self.headers: dict[bytes, Header] = {}
        self.tree: dict[bytes, tuple[bytes, int]] = {}
        self.add(genesis())

    def add(self, header: Header) -> Header:
        """Store a header."""
        self.headers[header.hash()] = header
        self.tree[header.hash()] = (header.parent_hash, header.number)
        return header

    def is_descendant_of(self, block: bytes, ancestor: bytes) -> bool:
        """Ancestry over the stored tree."""
        return is_descendant_or_self(self.tree, block, ancestor)

    def grow(self, parent: Header, count: int, first_slot: int, log: bytes | None = None,
             salt: bytes = b"\x01") -> list[Header]:
        """``count`` children in a row; the first carries the FRNK log when given."""
        out = []
        for index in range(count):
            extra = (Consensus(b"FRNK", log),) if log is not None and index == 0 else ()
            parent = self.add(make_child(parent, first_slot + index, ALICE, extra=extra,
                                         state_root=salt * 32))
            out.append(parent)
        return out


def test_scheduled_change_read_from_header() -> None:
    tree = Tree()
    [block] = tree.grow(genesis(), 1, 1, ScheduledChange(NEW, 2).encode())
    assert scheduled_change_of(block) == ScheduledChange(NEW, 2)
    assert scheduled_change_of(genesis()) is None


def test_malformed_frnk_log_fails() -> None:
    tree = Tree()
    [block] = tree.grow(genesis(), 1, 1, b"\x01\x09")
    with pytest.raises(AuthorityChangeError):
        scheduled_change_of(block)


def test_standard_change_enacted_when_effective_block_finalized() -> None:
    tree = Tree()
    tracker = AuthoritySetTracker(OLD)
    blocks = tree.grow(genesis(), 5, 1, ScheduledChange(NEW, 2).encode())
    for block in blocks:
        tracker.note_block(block)
    assert len(tracker.pending) == 1 and tracker.pending[0].effective_number == 3
    third = blocks[2]
    assert tracker.enacted_by(third.hash(), 3, tree.is_descendant_of) is not None
    assert tracker.enacted_by(blocks[1].hash(), 2, tree.is_descendant_of) is None
    assert tracker.apply_finality(blocks[1].hash(), 2, tree.is_descendant_of) is None
    new_set = tracker.apply_finality(blocks[3].hash(), 4, tree.is_descendant_of)
    assert new_set is not None and new_set.set_id == 1 and new_set.voters == NEW
    assert tracker.set_changes == [(0, 3)] and tracker.pending == []


def test_change_on_abandoned_fork_is_dropped() -> None:
    tree = Tree()
    tracker = AuthoritySetTracker(OLD)
    fork = tree.grow(genesis(), 3, 1, ScheduledChange(NEW, 1).encode(), salt=b"\x05")
    main = tree.grow(genesis(), 3, 1, salt=b"\x06")
    for block in fork + main:
        tracker.note_block(block)
    assert tracker.apply_finality(main[2].hash(), 3, tree.is_descendant_of) is None
    assert tracker.current.set_id == 0 and tracker.pending == []


def test_forced_change_enacted_on_import() -> None:
    tree = Tree()
    tracker = AuthoritySetTracker(OLD)
    blocks = tree.grow(genesis(), 3, 1, ScheduledChange(NEW, 2, forced_at=0).encode())
    tracker.note_block(blocks[0])
    assert tracker.pending[0].forced
    assert tracker.apply_forced(blocks[1].hash(), 2, tree.is_descendant_of) is None
    new_set = tracker.apply_forced(blocks[2].hash(), 3, tree.is_descendant_of)
    assert new_set is not None and new_set.set_id == 1 and tracker.set_changes == [(0, 0)]


def test_change_to_empty_set_fails() -> None:
    tree = Tree()
    tracker = AuthoritySetTracker(OLD)
    [block] = tree.grow(genesis(), 1, 1, ScheduledChange(((b"\x02" * 32, 0),), 1).encode())
    with pytest.raises(InvalidAuthoritySet):
        tracker.note_block(block)
