"""GRANDPA authority-set changes: read ``FRNK`` digests, enact scheduled and forced changes.

The rules (substrate.md §4.4, Substrate's ``sc-consensus-grandpa`` authority set):

* a **standard** change signalled in block B (``ScheduledChange{next_authorities, delay}``) takes
  effect at block number ``B.number + delay`` on B's fork, once that block is **finalised** by
  the current set: the block at the effective number is the last one the old set finalises and
  must carry a justification (:meth:`AuthoritySetTracker.enacted_by` tells the importer and voter
  which block that is; honest voters do not vote past it);
* a **forced** change (``ForcedChange(median_last_finalized, …)``) takes effect when a block at
  the effective number is **imported** on the signalling fork, without finality;
* each enacted change increments ``set_id`` (rounds restart at 1); pending changes on forks that
  finality abandons are dropped.

``Pause``, ``Resume`` and ``OnDisabled`` logs are read by :mod:`consensus.grandpa_messages` but not
acted upon here (subtensor's runtime does not emit them in normal operation). Ancestry questions
go through an injected ``is_descendant_of(block, ancestor)`` (the node's chain database, or
:func:`consensus.fork_choice.is_descendant_or_self` over its block tree).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from consensus.grandpa import AuthoritySet
from consensus.grandpa_messages import ScheduledChange, decode_consensus_log
from runtime.primitives.block import GRANDPA_ENGINE_ID, Consensus, Header
from runtime.primitives.scale import DecodeError

#: ``is_descendant_of(block_hash, ancestor_hash)``: whether ``ancestor`` is ``block`` or below it.
IsDescendantOf = Callable[[bytes, bytes], bool]


class AuthorityChangeError(ValueError):
    """A malformed ``FRNK`` log, or a change the tracker cannot accept."""


@dataclass(frozen=True, slots=True)
class PendingChange:
    """A signalled change: the new voters, and where and how it takes effect."""

    next_authorities: tuple[tuple[bytes, int], ...]
    delay: int
    canon_hash: bytes
    canon_height: int
    median_last_finalized: int | None = None

    @property
    def forced(self) -> bool:
        """Whether this is a forced change (enacted on import)."""
        return self.median_last_finalized is not None

    @property
    def effective_number(self) -> int:
        """The number of the block at which the change takes effect."""
        return self.canon_height + self.delay


def scheduled_change_of(header: Header) -> ScheduledChange | None:
    """The first ``ScheduledChange``/``ForcedChange`` in the header's ``FRNK`` consensus logs."""
    for item in header.digest.logs:
        if type(item) is Consensus and item.engine == GRANDPA_ENGINE_ID:
            try:
                log = decode_consensus_log(item.data)
            except DecodeError as exc:
                raise AuthorityChangeError(f"block #{header.number}: malformed FRNK log: "
                                           f"{exc}") from None
            if isinstance(log, ScheduledChange):
                return log
    return None


@dataclass
class AuthoritySetTracker:
    """The current GRANDPA set and the pending changes of every live fork."""

    current: AuthoritySet
    pending: list[PendingChange] = field(default_factory=list)
    #: ``(set_id, number of the last block that set finalised)`` for every set that ended.
    set_changes: list[tuple[int, int]] = field(default_factory=list)

    def note_block(self, header: Header) -> PendingChange | None:
        """Record the change a newly imported block signals, if any."""
        change = scheduled_change_of(header)
        if change is None:
            return None
        pending = PendingChange(change.next_authorities, change.delay, header.hash(),
                                header.number, change.forced_at)
        AuthoritySet.from_weights(pending.next_authorities)  # refuse an empty set early
        self.pending.append(pending)
        return pending

    def enacted_by(self, block_hash: bytes, number: int,
                   is_descendant_of: IsDescendantOf) -> PendingChange | None:
        """The standard change that finalising this block enacts (it then needs a justification
        by the current set), if any."""
        for change in self.pending:
            if (not change.forced and change.effective_number == number
                    and is_descendant_of(block_hash, change.canon_hash)):
                return change
        return None

    def apply_finality(self, finalized_hash: bytes, finalized_number: int,
                       is_descendant_of: IsDescendantOf) -> AuthoritySet | None:
        """Enact the standard change the finalised block reaches; drop abandoned forks' changes.

        Returns the new set when one was enacted.
        """
        enacted = None
        for change in sorted(self.pending, key=lambda c: c.effective_number):
            if (not change.forced and change.effective_number <= finalized_number
                    and is_descendant_of(finalized_hash, change.canon_hash)):
                enacted = change
                break
        if enacted is not None:
            self._enact(enacted, enacted.effective_number)
        self.pending = [change for change in self.pending if change is not enacted
                        and self._still_live(change, finalized_hash, finalized_number,
                                             is_descendant_of)]
        return self.current if enacted is not None else None

    def apply_forced(self, block_hash: bytes, number: int,
                     is_descendant_of: IsDescendantOf) -> AuthoritySet | None:
        """Enact a forced change when a block at its effective number is imported on its fork."""
        for change in self.pending:
            if (change.forced and change.effective_number == number
                    and is_descendant_of(block_hash, change.canon_hash)):
                self._enact(change, change.median_last_finalized or 0)
                self.pending = [other for other in self.pending if other is not change]
                return self.current
        return None

    def _enact(self, change: PendingChange, last_of_old_set: int) -> None:
        self.set_changes.append((self.current.set_id, last_of_old_set))
        self.current = AuthoritySet.from_weights(change.next_authorities,
                                                 self.current.set_id + 1)

    @staticmethod
    def _still_live(change: PendingChange, finalized_hash: bytes, finalized_number: int,
                    is_descendant_of: IsDescendantOf) -> bool:
        """A change stays pending while its signal block is on the finalised chain or above it
        on a fork that can still be finalised."""
        if change.canon_height <= finalized_number:
            return is_descendant_of(finalized_hash, change.canon_hash)
        return is_descendant_of(change.canon_hash, finalized_hash)
