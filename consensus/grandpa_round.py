"""One GRANDPA round's vote accounting: prevote-GHOST, finalised block, estimate, completability.

The arithmetic of finality-grandpa's ``Round``, over the node's block tree (``hash -> (parent,
number)``, e.g. :attr:`consensus.fork_choice.ForkChoice.tree`):

* votes come from voters of the set only; a voter's first vote enters the vote graph, a second
  different vote (or the same vote with another signature) makes it an **equivocator**, whose
  weight then counts on every block of the graph for that phase; any later vote is ignored;
* a block's weight in a phase = the voters whose first vote is the block or a descendant, plus
  that phase's equivocators; ``threshold`` is the set's supermajority;
* **prevote-GHOST**: once prevotes reach the threshold, the deepest block reachable from the base
  (then from the previous GHOST) through blocks whose prevote weight reaches the threshold;
* **finalised**: once precommits reach the threshold, the highest ancestor-or-self of the
  prevote-GHOST whose precommit weight reaches it;
* **estimate**: the highest ancestor-or-self of the prevote-GHOST that could still gather
  threshold precommits (counting every voter not yet seen and the equivocations still tolerated),
  or the GHOST itself while precommits are below the threshold;
* **completable**: the estimate is strictly below the GHOST, or equal to it with no descendant
  that could still gather threshold precommits.

When several children satisfy a condition (possible only beyond the tolerated equivocations) the
child seen first wins. Timers, gossip and the voter's own decisions (what to prevote, when to
precommit) come later; this is the state they read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from itertools import pairwise

from consensus.errors import ConsensusError
from consensus.grandpa import AuthoritySet, MessageKind, SignedPrecommit, Vote

Target = tuple[bytes, int]


class VoteNotDescendant(ConsensusError):
    """A vote for a block the tree does not know, or one that does not descend from the base."""


class Phase(Enum):
    """The two voting phases of a round."""

    PREVOTE = MessageKind.PREVOTE
    PRECOMMIT = MessageKind.PRECOMMIT


@dataclass(frozen=True, slots=True)
class Equivocation:
    """Two different signed votes of one voter in one phase of one round."""

    round: int
    phase: Phase
    voter: bytes
    first: tuple[Vote, bytes]
    second: tuple[Vote, bytes]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What importing a vote did: whether the signer is a voter, whether the vote was already
    known, and the equivocation it revealed."""

    valid_voter: bool
    duplicated: bool = False
    equivocation: Equivocation | None = None


@dataclass(frozen=True, slots=True)
class RoundState:
    """The round's view: prevote-GHOST, finalised block, estimate, completability."""

    prevote_ghost: Target | None
    finalized: Target | None
    estimate: Target | None
    completable: bool


@dataclass
class _Tracker:
    """Votes of one phase: each voter's first (and equivocating second) vote, total weight."""

    votes: dict[bytes, list[tuple[Vote, bytes]]] = field(default_factory=dict)
    current_weight: int = 0
    equivocators: set[bytes] = field(default_factory=set)
    cumulative: dict[bytes, set[bytes]] = field(default_factory=dict)


class Round:
    """Vote accounting of one round over ``tree``, starting at ``base``."""

    def __init__(self, round_number: int, authorities: AuthoritySet, base: Target,
                 tree: Mapping[bytes, tuple[bytes, int]]) -> None:
        self.round_number = round_number
        self.authorities = authorities
        self.base = base
        self.tree = tree
        self._weights = dict(authorities.voters)
        self._children: dict[bytes, list[bytes]] = {}
        self._trackers = {Phase.PREVOTE: _Tracker(), Phase.PRECOMMIT: _Tracker()}
        self.prevote_ghost: Target | None = None
        self._precommit_ghost: Target | None = None
        self.finalized: Target | None = None
        self.estimate: Target | None = None
        self.completable = False

    @property
    def threshold(self) -> int:
        """The supermajority weight."""
        return self.authorities.threshold

    def state(self) -> RoundState:
        """The current view of the round."""
        return RoundState(self.prevote_ghost, self.finalized, self.estimate, self.completable)

    def primary(self) -> bytes:
        """This round's primary voter."""
        return self.authorities.primary(self.round_number)

    def import_prevote(self, vote: Vote, voter: bytes, signature: bytes) -> ImportResult:
        """Count a (signature-checked) prevote and update the GHOST, estimate and completability."""
        result = self._import(Phase.PREVOTE, vote, voter, signature)
        tracker = self._trackers[Phase.PREVOTE]
        if result.valid_voter and tracker.current_weight >= self.threshold:
            self.prevote_ghost = self._find_ghost(self.prevote_ghost, self._meets(Phase.PREVOTE))
        self._update()
        return result

    def import_precommit(self, vote: Vote, voter: bytes, signature: bytes) -> ImportResult:
        """Count a (signature-checked) precommit and update the finalised block and estimate."""
        result = self._import(Phase.PRECOMMIT, vote, voter, signature)
        self._update()
        return result

    def precommit_ghost(self) -> Target | None:
        """The precommit-GHOST (what a commit of this round would target)."""
        if self._trackers[Phase.PRECOMMIT].current_weight >= self.threshold:
            self._precommit_ghost = self._find_ghost(self._precommit_ghost,
                                                     self._meets(Phase.PRECOMMIT))
        return self._precommit_ghost

    def finalizing_precommits(self) -> list[SignedPrecommit] | None:
        """The precommits that justify :attr:`finalized`: every single vote on it or a descendant
        and both votes of each equivocator. ``None`` while nothing is finalised."""
        if self.finalized is None:
            return None
        tracker = self._trackers[Phase.PRECOMMIT]
        out = []
        for voter, votes in tracker.votes.items():
            if voter in tracker.equivocators or self._descends(votes[0][0].target_hash,
                                                               self.finalized[0]):
                out.extend(SignedPrecommit(vote, signature, voter) for vote, signature in votes)
        return out

    # ---- vote graph ------------------------------------------------------------------------

    def _import(self, phase: Phase, vote: Vote, voter: bytes, signature: bytes) -> ImportResult:
        weight = self._weights.get(voter)
        if weight is None:
            return ImportResult(False)
        tracker = self._trackers[phase]
        known = tracker.votes.get(voter)
        entry = (vote, signature)
        if known is not None and entry in known:
            return ImportResult(True, duplicated=True)
        if known is None:
            self._insert(tracker, voter, vote)
            tracker.votes[voter] = [entry]
            tracker.current_weight += weight
            return ImportResult(True)
        if len(known) >= 2:
            return ImportResult(True)  # further equivocations add nothing
        known.append(entry)
        tracker.equivocators.add(voter)
        return ImportResult(True, equivocation=Equivocation(self.round_number, phase, voter,
                                                            known[0], entry))

    def _insert(self, tracker: _Tracker, voter: bytes, vote: Vote) -> None:
        """Add ``voter`` to the cumulative sets from the vote's target down to the base."""
        route = self._route_to_base(vote)
        for block in route:
            tracker.cumulative.setdefault(block, set()).add(voter)
        for child, parent in pairwise(route):
            siblings = self._children.setdefault(parent, [])
            if child not in siblings:
                siblings.append(child)

    def _route_to_base(self, vote: Vote) -> list[bytes]:
        base_hash, base_number = self.base
        known = self.tree.get(vote.target_hash)
        if vote.target_hash != base_hash and (known is None or known[1] != vote.target_number):
            raise VoteNotDescendant(f"vote for #{vote.target_number} (0x{vote.target_hash.hex()})"
                                    " names an unknown block or the wrong number")
        route = [vote.target_hash]
        current = vote.target_hash
        while current != base_hash:
            entry = self.tree.get(current)
            if entry is None or entry[1] <= base_number:
                raise VoteNotDescendant(f"vote for #{vote.target_number} (0x"
                                        f"{vote.target_hash.hex()}) does not descend from the "
                                        f"round base #{base_number}")
            current = entry[0]
            route.append(current)
        return route

    def _descends(self, block: bytes, ancestor: bytes) -> bool:
        current: bytes | None = block
        while current is not None and current != ancestor:
            entry = self.tree.get(current)
            current = entry[0] if entry is not None and current != self.base[0] else None
        return current == ancestor

    def weight(self, block: bytes, phase: Phase) -> int:
        """The block's weight in ``phase``, equivocators counted on every block."""
        tracker = self._trackers[phase]
        voters = tracker.cumulative.get(block, set()) | tracker.equivocators
        return sum(self._weights[voter] for voter in voters)

    def _meets(self, phase: Phase) -> Callable[[bytes], bool]:
        return lambda block: self.weight(block, phase) >= self.threshold

    def _target(self, block: bytes) -> Target:
        return block, self.base[1] if block == self.base[0] else self.tree[block][1]

    def _find_ghost(self, start: Target | None, condition: Callable[[bytes], bool]
                    ) -> Target | None:
        current = start[0] if start is not None else self.base[0]
        if not condition(current):
            return None
        while True:
            nxt = next((c for c in self._children.get(current, ()) if condition(c)), None)
            if nxt is None:
                return self._target(current)
            current = nxt

    def _find_ancestor(self, block: bytes, condition: Callable[[bytes], bool]) -> Target | None:
        current = block
        while True:
            if condition(current):
                return self._target(current)
            if current == self.base[0]:
                return None
            current = self.tree[current][0]

    def _possible_to_precommit(self) -> Callable[[bytes], bool]:
        total, threshold = self.authorities.total_weight, self.threshold
        tracker = self._trackers[Phase.PRECOMMIT]
        current = tracker.current_weight
        equivocated = sum(self._weights[v] for v in tracker.equivocators)
        additional_equivocations = max(total - threshold - equivocated, 0)
        remaining = total - current

        def possible(block: bytes) -> bool:
            precommitted = self.weight(block, Phase.PRECOMMIT)
            more = min(max(current - precommitted, 0), additional_equivocations)
            return precommitted + remaining + more >= threshold

        return possible

    def _update(self) -> None:
        threshold = self.threshold
        if self._trackers[Phase.PREVOTE].current_weight < threshold or self.prevote_ghost is None:
            return
        ghost = self.prevote_ghost
        if self._trackers[Phase.PRECOMMIT].current_weight < threshold:
            self.estimate = ghost
            return
        self.finalized = self._find_ancestor(ghost[0], self._meets(Phase.PRECOMMIT))
        possible = self._possible_to_precommit()
        self.estimate = self._find_ancestor(ghost[0], possible)
        if self.estimate is None:
            self.completable = False
        elif self.estimate[0] != ghost[0]:
            self.completable = True
        else:
            deeper = self._find_ghost(self.estimate, possible)
            self.completable = deeper is None or deeper == ghost
