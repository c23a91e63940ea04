"""Fork choice: the longest chain that contains the last finalised block; ties to the first seen.

The block tree is a mapping ``hash -> (parent_hash, number)``. The pure functions answer the two
questions the importer asks on every block:

* :func:`is_new_best` — does a newly imported block replace the best? Only if it descends from
  (or is) the finalised block and is strictly higher than the best (Substrate's ``LongestChain``
  with ``ForkChoiceStrategy::LongestChain``: an equal-height rival never wins, so the first block
  seen at a height stays best);
* :func:`tree_route` — the route from the old best to the new best: ``retracted`` (old best down
  to, excluding, the common ancestor), ``common`` and ``enacted`` (ascending, up to the new best).
  The transaction pool re-queues the retracted blocks' extrinsics and prunes the enacted ones; the
  RPC layer reports the reorg.

:class:`ForkChoice` keeps the tree, the seen order, the best and the finalised block, and caches
which blocks descend from the finalised one so each import walks only a few parents. When a
finalisation leaves the best on a dead fork, the best becomes the highest block that descends
from the new finalised block (first seen among equals).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from consensus.errors import ConsensusError

BlockTree = Mapping[bytes, tuple[bytes, int]]


class UnknownBlock(ConsensusError, KeyError):
    """A hash that the block tree does not hold."""

    def __str__(self) -> str:
        return f"block 0x{self.args[0].hex()} is not in the block tree"


def _entry(tree: BlockTree, block_hash: bytes) -> tuple[bytes, int]:
    try:
        return tree[block_hash]
    except KeyError:
        raise UnknownBlock(block_hash) from None


def ancestor_at(tree: BlockTree, block_hash: bytes, number: int) -> bytes | None:
    """The ancestor of ``block_hash`` at height ``number`` (itself at its own height), or
    ``None`` when ``number`` is above it or the walk leaves the tree (pruned history)."""
    current = block_hash
    parent, height = _entry(tree, current)
    if number > height:
        return None
    while height > number:
        current = parent
        entry = tree.get(current)
        if entry is None:
            return None
        parent, height = entry
    return current


def is_descendant_or_self(tree: BlockTree, block_hash: bytes, ancestor: bytes) -> bool:
    """Whether ``ancestor`` is ``block_hash`` or one of its ancestors."""
    if block_hash == ancestor:
        return True
    _, ancestor_number = _entry(tree, ancestor)
    return ancestor_at(tree, block_hash, ancestor_number) == ancestor


def is_new_best(tree: BlockTree, new_hash: bytes, best_hash: bytes, finalized_hash: bytes) -> bool:
    """Whether the just-imported ``new_hash`` becomes the best block.

    It must contain the finalised block in its ancestry and be strictly higher than the current
    best (ties keep the block seen first). A best that no longer descends from the finalised block
    is replaced by any new block that does.
    """
    if new_hash == best_hash or not is_descendant_or_self(tree, new_hash, finalized_hash):
        return False
    if not is_descendant_or_self(tree, best_hash, finalized_hash):
        return True
    return _entry(tree, new_hash)[1] > _entry(tree, best_hash)[1]


@dataclass(frozen=True, slots=True)
class TreeRoute:
    """The way from one block to another through their last common ancestor."""

    retracted: tuple[bytes, ...]
    common: bytes
    enacted: tuple[bytes, ...]

    @property
    def is_reorg(self) -> bool:
        """Whether blocks leave the best chain."""
        return bool(self.retracted)


def tree_route(tree: BlockTree, from_hash: bytes, to_hash: bytes) -> TreeRoute:
    """The route from ``from_hash`` (old best) to ``to_hash`` (new best).

    ``retracted`` runs from ``from_hash`` downwards, ``enacted`` upwards to ``to_hash``; neither
    holds the common ancestor. Raises :class:`UnknownBlock` if the walk leaves the tree.
    """
    retracted: list[bytes] = []
    enacted: list[bytes] = []
    left, right = from_hash, to_hash
    left_parent, left_number = _entry(tree, left)
    right_parent, right_number = _entry(tree, right)
    while left != right:
        if left_number >= right_number:
            retracted.append(left)
            left = left_parent
            left_parent, left_number = _entry(tree, left)
        else:
            enacted.append(right)
            right = right_parent
            right_parent, right_number = _entry(tree, right)
    enacted.reverse()
    return TreeRoute(tuple(retracted), left, tuple(enacted))


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What importing one block changed: whether it is the new best, and the route to it."""

    is_new_best: bool
    route: TreeRoute | None


@dataclass
class ForkChoice:
    """The block tree with best and finalised pointers (the importer's fork-choice state)."""

    genesis_hash: bytes
    tree: dict[bytes, tuple[bytes, int]] = field(default_factory=dict)
    best: bytes = b""
    finalized: bytes = b""
    _seen: dict[bytes, int] = field(default_factory=dict, repr=False)
    _on_final_chain: dict[bytes, bool] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.genesis_hash not in self.tree:
            self.tree[self.genesis_hash] = (b"\x00" * 32, 0)
        self.best = self.best or self.genesis_hash
        self.finalized = self.finalized or self.genesis_hash
        for order, block_hash in enumerate(self.tree):
            self._seen.setdefault(block_hash, order)

    def number_of(self, block_hash: bytes) -> int:
        """The height of a known block."""
        return _entry(self.tree, block_hash)[1]

    def descends_from_finalized(self, block_hash: bytes) -> bool:
        """Whether the finalised block is ``block_hash`` or one of its ancestors (cached)."""
        cached = self._on_final_chain.get(block_hash)
        if cached is None:
            parent, number = _entry(self.tree, block_hash)
            final_number = self.number_of(self.finalized)
            if block_hash == self.finalized:
                cached = True
            elif number <= final_number:
                cached = False
            elif parent in self._on_final_chain:
                cached = self._on_final_chain[parent]
            else:
                cached = is_descendant_or_self(self.tree, block_hash, self.finalized)
            self._on_final_chain[block_hash] = cached
        return cached

    def import_block(self, block_hash: bytes, parent_hash: bytes, number: int) -> ImportOutcome:
        """Add a block whose parent is known; say whether it is the new best and how to get there.

        Re-importing a known block changes nothing.
        """
        if block_hash in self.tree:
            return ImportOutcome(False, None)
        _, parent_number = _entry(self.tree, parent_hash)
        if number != parent_number + 1:
            raise ValueError(f"block #{number} cannot follow #{parent_number}")
        self.tree[block_hash] = (parent_hash, number)
        self._seen[block_hash] = len(self._seen)
        if not self.descends_from_finalized(block_hash):
            return ImportOutcome(False, None)
        best_ok = self.descends_from_finalized(self.best)
        if best_ok and number <= self.number_of(self.best):
            return ImportOutcome(False, None)
        route = tree_route(self.tree, self.best, block_hash)
        self.best = block_hash
        return ImportOutcome(True, route)

    def finalize(self, block_hash: bytes) -> TreeRoute | None:
        """Move the finalised pointer to ``block_hash`` (which must descend from the current
        one). Returns the best-chain route if the best had to move onto the finalised chain."""
        if not is_descendant_or_self(self.tree, block_hash, self.finalized):
            raise ValueError(f"0x{block_hash.hex()} does not descend from the finalised block")
        self.finalized = block_hash
        self._on_final_chain = {block_hash: True}
        if self.descends_from_finalized(self.best):
            return None
        new_best = self.best_containing_finalized()
        route = tree_route(self.tree, self.best, new_best)
        self.best = new_best
        return route

    def best_containing_finalized(self) -> bytes:
        """The highest block descending from the finalised one; first seen among equals."""
        leaves = set(self.tree) - {parent for parent, _ in self.tree.values()}
        candidates = [leaf for leaf in leaves if self.descends_from_finalized(leaf)]
        return min(candidates, key=lambda h: (-self.number_of(h), self._seen[h]),
                   default=self.finalized)

    def forget(self, hashes: set[bytes]) -> None:
        """Drop pruned blocks (never the best or the finalised block)."""
        for block_hash in hashes - {self.best, self.finalized}:
            self.tree.pop(block_hash, None)
            self._seen.pop(block_hash, None)
            self._on_final_chain.pop(block_hash, None)
