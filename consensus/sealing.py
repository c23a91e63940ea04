"""Dev-chain sealing: when ``tensorchain dev`` authors a block (``--sealing instant|manual|<ms>``).

The policies (the same flag values as subtensor's and Frontier's dev nodes):

* ``instant`` — seal as soon as the pool holds a ready transaction; an empty block only when asked;
* ``manual`` — seal only when asked (``dev_newBlock``, ``engine_createBlock``);
* ``<ms>`` — seal every ``ms`` milliseconds, empty or not (default 12 000; 250 for fast blocks),
  on the boundaries of the interval (``due = (now // ms + 1) * ms``); missed ticks are skipped,
  never replayed in a burst.

An explicit request is honoured in every mode; ``create_empty=False`` with an empty pool is
refused with :class:`EmptyBlockRefused`, as Substrate's manual seal does.

**Dev blocks are ordinary Aura blocks.** Each carries ``PreRuntime(aura, slot)`` with the slot of
its timestamp and is sealed by the dev authority (//Alice, the only Aura authority of the dev chain
spec), so clients that read the slot work and the importer checks every block with the same code
(:class:`consensus.verify.HeaderVerifier`, with ``check_future_slots=False``). Because instant and
manual sealing may produce several blocks per slot, :func:`dev_block_timestamp` gives each dev
block ``max(now, parent_timestamp + slot_duration)``: the slot strictly increases and the runtime's
``MinimumPeriod`` holds, at the price of the chain clock running ahead of the wall clock while
blocks come faster than slots (Frontier's dev nodes do the same).

:func:`decide` is the pure decision; :class:`SealingDriver` is the asyncio loop that waits for the
interval, a "transaction arrived" signal or a "seal now" request and calls the node's injected
``author_block(order)`` coroutine. It never builds a block itself.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from consensus.aura import slot_at
from consensus.errors import EmptyBlockRefused, InvalidSealingPolicy, SealingStopped

DEFAULT_INTERVAL_MS = 12_000
FAST_INTERVAL_MS = 250

Clock = Callable[[], int]
Sleep = Callable[[float], Awaitable[Any]]


def system_clock_ms() -> int:
    """Unix time in milliseconds."""
    return time.time_ns() // 1_000_000


class SealingMode(Enum):
    """How blocks are triggered on a dev chain."""

    INSTANT = "instant"
    MANUAL = "manual"
    INTERVAL = "interval"


@dataclass(frozen=True, slots=True)
class SealingPolicy:
    """A sealing mode, its interval (interval mode) and whether automatic blocks are finalised at
    once (dev chains finalise every block they author unless told otherwise)."""

    mode: SealingMode
    interval_ms: int = DEFAULT_INTERVAL_MS
    finalize: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.interval_ms, int) or self.interval_ms <= 0:
            raise InvalidSealingPolicy(f"sealing interval must be a positive number of ms, "
                                       f"got {self.interval_ms!r}")

    @classmethod
    def parse(cls, text: str, finalize: bool = True) -> SealingPolicy:
        """``instant``, ``manual`` or a number of milliseconds (the ``--sealing`` flag)."""
        value = text.strip().lower()
        if value in ("instant", "manual"):
            return cls(SealingMode(value), finalize=finalize)
        if not value.isdigit():
            raise InvalidSealingPolicy(f"--sealing takes instant, manual or milliseconds, "
                                       f"got {text!r}")
        return cls(SealingMode.INTERVAL, int(value), finalize)

    def __str__(self) -> str:
        return str(self.interval_ms) if self.mode is SealingMode.INTERVAL else self.mode.value


class SealTrigger(Enum):
    """Why a block is being sealed."""

    TRANSACTIONS = "transactions"
    REQUEST = "request"
    INTERVAL = "interval"


@dataclass(frozen=True, slots=True)
class SealRequest:
    """An explicit "seal now" (``engine_createBlock(create_empty, finalize, parent_hash)``)."""

    create_empty: bool = True
    finalize: bool = True
    parent_hash: bytes | None = None


@dataclass(frozen=True, slots=True)
class SealOrder:
    """What ``author_block`` is asked to do: build on ``parent_hash`` (``None``: the best block),
    include ready transactions, seal, import, and finalise if ``finalize``."""

    trigger: SealTrigger
    create_empty: bool
    finalize: bool
    parent_hash: bytes | None = None


def next_interval_due(now_ms: int, interval_ms: int) -> int:
    """The next interval boundary strictly after ``now_ms``."""
    return (now_ms // interval_ms + 1) * interval_ms


def order_for_request(request: SealRequest, ready: int) -> SealOrder:
    """The order for an explicit request (honoured in every mode); raises
    :class:`EmptyBlockRefused` when it forbids an empty block and nothing is ready."""
    if not request.create_empty and ready == 0:
        raise EmptyBlockRefused("no ready transaction and create_empty is false")
    return SealOrder(SealTrigger.REQUEST, request.create_empty, request.finalize,
                     request.parent_hash)


def decide(policy: SealingPolicy, *, ready: int, now_ms: int, due_ms: int | None,
           request: SealRequest | None = None) -> SealOrder | None:
    """Whether to seal now, and how; ``None`` to keep waiting.

    ``ready`` is the pool's ready-transaction count, ``due_ms`` the next interval boundary
    (interval mode). Raises :class:`EmptyBlockRefused` for a request that forbids an empty block
    while nothing is ready.
    """
    if request is not None:
        return order_for_request(request, ready)
    if policy.mode is SealingMode.INSTANT and ready > 0:
        return SealOrder(SealTrigger.TRANSACTIONS, False, policy.finalize)
    if policy.mode is SealingMode.INTERVAL and due_ms is not None and now_ms >= due_ms:
        return SealOrder(SealTrigger.INTERVAL, True, policy.finalize)
    return None


def dev_block_timestamp(parent_timestamp_ms: int, now_ms: int, slot_duration_ms: int) -> int:
    """The timestamp of a new dev block: ``max(now, parent + slot_duration)`` (0 for a genesis
    parent without timestamp counts as "now")."""
    if parent_timestamp_ms <= 0:
        return now_ms
    return max(now_ms, parent_timestamp_ms + slot_duration_ms)


def dev_block_slot(parent_timestamp_ms: int, now_ms: int, slot_duration_ms: int
                   ) -> tuple[int, int]:
    """``(timestamp_ms, slot)`` of a new dev block (see :func:`dev_block_timestamp`)."""
    timestamp = dev_block_timestamp(parent_timestamp_ms, now_ms, slot_duration_ms)
    return timestamp, slot_at(timestamp, slot_duration_ms)


class SealingDriver:
    """The asyncio loop of a dev node's block production.

    ``author_block(order)`` builds, seals and imports one block (node side) and returns whatever
    the node wants request callers to get back (e.g. the block hash). ``ready_count()`` reads the
    pool. ``clock`` and ``sleep`` are injectable so tests never wait. ``on_error`` receives
    exceptions of automatic (non-request) blocks; without it they end :meth:`run`. Call
    :meth:`notify_transaction`, :meth:`request_seal`, :meth:`set_policy` and :meth:`stop` from the
    loop's thread.
    """

    def __init__(self, policy: SealingPolicy, author_block: Callable[[SealOrder], Awaitable[Any]],
                 ready_count: Callable[[], int], clock: Clock = system_clock_ms,
                 sleep: Sleep = asyncio.sleep,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        self._policy = policy
        self._author = author_block
        self._ready = ready_count
        self._clock = clock
        self._sleep = sleep
        self._on_error = on_error
        self._wake = asyncio.Event()
        self._requests: deque[tuple[SealRequest, asyncio.Future[Any]]] = deque()
        self._due = self._first_due()
        self._stalled = False
        self._notifications = 0
        self._stopped = False
        self.blocks_sealed = 0

    @property
    def policy(self) -> SealingPolicy:
        """The current policy."""
        return self._policy

    def _first_due(self) -> int | None:
        if self._policy.mode is not SealingMode.INTERVAL:
            return None
        return next_interval_due(self._clock(), self._policy.interval_ms)

    def set_policy(self, policy: SealingPolicy) -> None:
        """Switch mode (``dev_setBlockBuildMode``); an interval restarts from now."""
        self._policy = policy
        self._due = self._first_due()
        self._wake.set()

    def notify_transaction(self) -> None:
        """A transaction entered the pool's ready set."""
        self._stalled = False
        self._notifications += 1
        self._wake.set()

    def request_seal(self, request: SealRequest | None = None) -> asyncio.Future[Any]:
        """Queue a "seal now"; the future resolves to ``author_block``'s result (or its error,
        :class:`EmptyBlockRefused`, or :class:`SealingStopped`)."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        if self._stopped:
            future.set_exception(SealingStopped("the sealing driver has stopped"))
            return future
        self._requests.append((request or SealRequest(), future))
        self._wake.set()
        return future

    def stop(self) -> None:
        """End :meth:`run` after the block in progress, failing queued requests."""
        self._stopped = True
        self._wake.set()

    async def run(self) -> None:
        """Serve triggers until :meth:`stop`."""
        try:
            while not self._stopped:
                self._wake.clear()
                if not await self._step() and not self._stopped:
                    await self._wait(self._timeout())
        finally:
            self._stopped = True
            while self._requests:
                _, future = self._requests.popleft()
                if not future.done():
                    future.set_exception(SealingStopped("the sealing driver has stopped"))

    def _timeout(self) -> float | None:
        if self._due is None:
            return None
        return max(0, self._due - self._clock()) / 1000

    async def _wait(self, timeout: float | None) -> None:
        waiters = [asyncio.ensure_future(self._wake.wait())]
        if timeout is not None:
            waiters.append(asyncio.ensure_future(self._sleep(timeout)))
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def _step(self) -> bool:
        """Serve one request or one automatic trigger; whether anything happened."""
        if self._requests:
            await self._serve_request(*self._requests.popleft())
            return True
        now, ready = self._clock(), self._ready()
        order = decide(self._policy, ready=0 if self._stalled else ready, now_ms=now,
                       due_ms=self._due)
        if order is None:
            return False
        if order.trigger is SealTrigger.INTERVAL:
            self._due = next_interval_due(now, self._policy.interval_ms)
        notifications = self._notifications
        try:
            await self._author(order)
            self.blocks_sealed += 1
        except Exception as exc:
            if self._on_error is None:
                raise
            self._on_error(exc)
        if (order.trigger is SealTrigger.TRANSACTIONS and self._ready() >= ready
                and notifications == self._notifications):
            self._stalled = True  # nothing left the pool: wait for a new transaction
        return True

    async def _serve_request(self, request: SealRequest, future: asyncio.Future[Any]) -> None:
        try:
            result = await self._author(order_for_request(request, self._ready()))
            self.blocks_sealed += 1
        except Exception as exc:
            if not future.done():
                future.set_exception(exc)
            return
        if not future.done():
            future.set_result(result)
