"""The temporary ban list (Substrate's pool "rotator").

Hashes of transactions found invalid, included in a block, removed on request or evicted by the
limits are refused for ``ban_time`` seconds, so the network or a client cannot push them straight
back. The list is bounded: past ``capacity`` entries the oldest bans are lifted first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

DEFAULT_BAN_TIME = 30 * 60.0


class BanList:
    """Hash -> expiry time, in ban order."""

    def __init__(self, ban_time: float = DEFAULT_BAN_TIME, capacity: int = 20_000) -> None:
        if ban_time < 0 or capacity < 1:
            raise ValueError("ban_time must be >= 0 and capacity >= 1")
        self.ban_time = ban_time
        self.capacity = capacity
        self._until: OrderedDict[bytes, float] = OrderedDict()

    def __len__(self) -> int:
        return len(self._until)

    def ban(self, now: float, hashes: Iterable[bytes]) -> None:
        """Ban (or re-ban, restarting the timer) every hash in ``hashes``."""
        expiry = now + self.ban_time
        for h in hashes:
            self._until.pop(h, None)
            self._until[h] = expiry
        while len(self._until) > self.capacity:
            self._until.popitem(last=False)

    def is_banned(self, tx_hash: bytes, now: float) -> bool:
        """True while ``tx_hash``'s ban has not expired."""
        expiry = self._until.get(tx_hash)
        return expiry is not None and now < expiry

    def clear_expired(self, now: float) -> None:
        """Forget bans that have run out."""
        for h in [h for h, until in self._until.items() if until <= now]:
            del self._until[h]
