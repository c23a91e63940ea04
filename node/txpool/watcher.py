"""Submit-and-watch: per-transaction status streams, and the dispatcher that feeds them.

A status is a JSON value the RPC layer can send verbatim as the ``result`` of
``author_extrinsicUpdate`` (Substrate's ``TransactionStatus`` with serde ``camelCase``): the unit
variants are strings (``"future"``, ``"ready"``, ``"dropped"``, ``"invalid"``), the others are
single-key dicts whose value is a ``0x`` hex hash (``{"inBlock": h}``, ``{"retracted": h}``,
``{"finalized": h}``, ``{"finalityTimeout": h}``, ``{"usurped": h}``) or a list of peer ids
(``{"broadcast": [...]}``). ``inBlock``/``finalized`` carry only the block hash (the v1 wire form).

Threading model: the pool, the dispatcher and every ``Watcher.push`` run on ONE thread (the node
calls the pool from its asyncio event-loop thread). A watcher is then consumable three ways on that
thread: ``async for status in watcher`` (wakes through a loop future, no locks), ``drain()`` for a
synchronous poll, or an ``on_status`` callback invoked inline. A caller on another thread must hop
onto the loop thread first (``loop.call_soon_threadsafe``).
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Callable
from typing import Any

Status = str | dict[str, Any]
"""One ``author_extrinsicUpdate`` result."""

FUTURE: Status = "future"
READY: Status = "ready"
DROPPED: Status = "dropped"
INVALID: Status = "invalid"

FINAL_KEYS = frozenset({"finalized", "finalityTimeout", "usurped", "dropped", "invalid"})
"""Statuses after which Substrate closes the stream."""

MAX_FINALITY_WATCHERS = 512
"""Blocks with watched transactions kept waiting for finality before ``finalityTimeout``."""


def hex_hash(value: bytes) -> str:
    """A hash as the ``0x``-prefixed lowercase hex string of Substrate's JSON."""
    return "0x" + value.hex()


def in_block(block_hash: bytes) -> Status:
    """``{"inBlock": hash}``."""
    return {"inBlock": hex_hash(block_hash)}


def retracted(block_hash: bytes) -> Status:
    """``{"retracted": hash}``."""
    return {"retracted": hex_hash(block_hash)}


def finalized(block_hash: bytes) -> Status:
    """``{"finalized": hash}``."""
    return {"finalized": hex_hash(block_hash)}


def finality_timeout(block_hash: bytes) -> Status:
    """``{"finalityTimeout": hash}``."""
    return {"finalityTimeout": hex_hash(block_hash)}


def usurped(by_hash: bytes) -> Status:
    """``{"usurped": hash}`` naming the replacing transaction."""
    return {"usurped": hex_hash(by_hash)}


def broadcast(peers: list[str]) -> Status:
    """``{"broadcast": [peer ids]}``."""
    return {"broadcast": list(peers)}


def status_name(status: Status) -> str:
    """The variant name of a status (its string, or its dict's single key)."""
    return status if isinstance(status, str) else next(iter(status))


def is_final(status: Status) -> bool:
    """True when no further status follows ``status``."""
    return status_name(status) in FINAL_KEYS


class Watcher:
    """The status stream of one watched transaction (see the module doc for the threading model)."""

    def __init__(self, tx_hash: bytes, on_status: Callable[[Status], None] | None = None) -> None:
        self.tx_hash = tx_hash
        self._queue: deque[Status] = deque()
        self._on_status = on_status
        self._waiter: asyncio.Future[None] | None = None
        self.closed = False

    def push(self, status: Status) -> None:
        """Deliver ``status``; a final status closes the stream. Ignored once closed."""
        if self.closed:
            return
        self._queue.append(status)
        if is_final(status):
            self.closed = True
        if self._on_status is not None:
            self._on_status(status)
        self._wake()

    def close(self) -> None:
        """Stop the stream (``author_unwatchExtrinsic``); queued statuses stay readable."""
        self.closed = True
        self._wake()

    def drain(self) -> list[Status]:
        """Take every status delivered so far, oldest first."""
        items = list(self._queue)
        self._queue.clear()
        return items

    def __aiter__(self) -> AsyncIterator[Status]:
        return self

    async def __anext__(self) -> Status:
        while not self._queue:
            if self.closed:
                raise StopAsyncIteration
            self._waiter = asyncio.get_running_loop().create_future()
            await self._waiter
        return self._queue.popleft()

    def _wake(self) -> None:
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)


class StatusDispatcher:
    """Routes pool events to the watchers of each hash and tracks inBlock ones until finality."""

    def __init__(self, max_finality_watchers: int = MAX_FINALITY_WATCHERS) -> None:
        self._watchers: dict[bytes, list[Watcher]] = {}
        self._finality: OrderedDict[bytes, list[bytes]] = OrderedDict()
        self._max_finality = max_finality_watchers

    def watch(self, tx_hash: bytes, on_status: Callable[[Status], None] | None = None) -> Watcher:
        """A new watcher for ``tx_hash``."""
        watcher = Watcher(tx_hash, on_status)
        self._watchers.setdefault(tx_hash, []).append(watcher)
        return watcher

    def forget(self, watcher: Watcher) -> None:
        """Detach ``watcher`` without sending it anything."""
        group = self._watchers.get(watcher.tx_hash, [])
        if watcher in group:
            group.remove(watcher)
        if not group:
            self._watchers.pop(watcher.tx_hash, None)

    def is_watched(self, tx_hash: bytes) -> bool:
        """True if a live watcher follows ``tx_hash``."""
        return tx_hash in self._watchers

    def send(self, tx_hash: bytes, status: Status) -> None:
        """Deliver ``status`` to every live watcher of ``tx_hash``."""
        group = self._watchers.get(tx_hash)
        if not group:
            return
        for watcher in group:
            watcher.push(status)
        live = [w for w in group if not w.closed]
        if live:
            self._watchers[tx_hash] = live
        else:
            del self._watchers[tx_hash]

    def in_block(self, block_hash: bytes, tx_hash: bytes) -> None:
        """``tx_hash`` was included in ``block_hash``; wait for that block's finality."""
        if tx_hash not in self._watchers:
            return
        self.send(tx_hash, in_block(block_hash))
        self._finality.setdefault(block_hash, []).append(tx_hash)
        while len(self._finality) > self._max_finality:
            old_block, hashes = self._finality.popitem(last=False)
            for h in hashes:
                self.send(h, finality_timeout(old_block))

    def retracted(self, block_hash: bytes) -> None:
        """``block_hash`` left the best chain: its watched transactions are retracted."""
        for h in self._finality.pop(block_hash, []):
            self.send(h, retracted(block_hash))

    def finalized(self, block_hash: bytes) -> None:
        """``block_hash`` is final: its watched transactions are finalized."""
        for h in self._finality.pop(block_hash, []):
            self.send(h, finalized(block_hash))
