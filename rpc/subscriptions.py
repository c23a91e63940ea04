"""Subscription sinks and the per-connection subscription table.

A subscribe handler receives a :class:`Subscription` and returns once the source of its
notifications is hooked up (for example after registering ``sink.send`` as a new-head listener
and ``sink.on_close(unhook)`` to undo it). From then on:

- ``sink.send(result)`` queues ``{"jsonrpc":"2.0","method":<notification>,"params":
  {"subscription":<id>,"result":result}}`` for the client and returns ``True``, or returns
  ``False`` once the subscription is closed (the producer should then stop);
- notifications sent before the subscribe call's own response has been queued are held back
  and released right after it, so a client always learns the id first;
- ``sink.close()`` ends the subscription from the server side; the client's unsubscribe call,
  the connection closing and the server stopping end it too. Each way runs the ``on_close``
  callbacks exactly once. ``send`` itself never runs them: when it finds the connection gone it
  returns ``False`` and the callbacks run on a later loop turn, so a producer may call ``send``
  while iterating over its own listener list.

``send``/``close`` must be called on the server's event loop thread; other threads use
``send_threadsafe``. Close callbacks must be quick and synchronous (cancel a task, remove a
listener); an exception in one is logged and does not stop the others.
"""

from __future__ import annotations

import asyncio
import secrets
import string
from collections.abc import Callable

import structlog

from rpc.errors import TOO_MANY_SUBSCRIPTIONS, TOO_MANY_SUBSCRIPTIONS_MSG, limit_exceeded
from rpc.jsonrpc import JSON, notification_message

log = structlog.get_logger("rpc")

_ID_ALPHABET = string.ascii_letters + string.digits
_ID_LENGTH = 16

Deliver = Callable[[str], bool]
"""Queues one encoded message on a connection; ``False`` when the connection is gone."""


class SubscriptionIds:
    """Random-looking subscription ids, unique among the live subscriptions of one server."""

    def __init__(self) -> None:
        self._live: set[str] = set()

    def allocate(self) -> str:
        """A fresh 16-character alphanumeric id, like Substrate's random string ids."""
        while True:
            candidate = "".join(secrets.choice(_ID_ALPHABET) for _ in range(_ID_LENGTH))
            if candidate not in self._live:
                self._live.add(candidate)
                return candidate

    def release(self, subscription_id: str) -> None:
        """Forget an id whose subscription has ended."""
        self._live.discard(subscription_id)

    def __len__(self) -> int:
        return len(self._live)


class Subscription:
    """The sink of one subscription: what a subscribe handler sends notifications through."""

    __slots__ = ("_callbacks", "_deliver", "_ended", "_loop", "_max_bytes", "_pending",
                 "id", "notification", "unsubscribe")

    def __init__(self, subscription_id: str, notification: str, unsubscribe: str,
                 deliver: Deliver, ended: Callable[[Subscription], None], max_bytes: int) -> None:
        self.id = subscription_id
        self.notification = notification
        self.unsubscribe = unsubscribe
        self._deliver: Deliver | None = deliver
        self._ended = ended
        self._max_bytes = max_bytes
        self._pending: list[str] | None = []
        self._callbacks: list[Callable[[], object]] = []
        self._loop = asyncio.get_running_loop()

    @property
    def closed(self) -> bool:
        """True once the subscription has ended, however it ended."""
        return self._deliver is None or self._deliver is _refuse

    def send(self, result: JSON) -> bool:
        """Queue one notification; ``False`` when the subscription is closed or it was dropped."""
        deliver = self._deliver
        if deliver is None or deliver is _refuse:
            return False
        text = notification_message(self.notification, self.id, result)
        if len(text) > self._max_bytes:
            log.warning("rpc.notification_too_big", subscription=self.id,
                        method=self.notification, size=len(text), limit=self._max_bytes)
            return False
        if self._pending is not None:
            self._pending.append(text)
            return True
        if deliver(text):
            return True
        # The connection is gone. Close on the next loop turn, not inside the producer's call
        # (its close callbacks may edit the very listener list the producer is iterating).
        self._deliver = _refuse
        self._loop.call_soon(self.close)
        return False

    def send_threadsafe(self, result: JSON) -> None:
        """Schedule :meth:`send` on the server's loop from another thread (a no-op once the
        loop has closed)."""
        try:
            self._loop.call_soon_threadsafe(self.send, result)
        except RuntimeError:  # the loop is closed: the server is gone
            return

    def on_close(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` when the subscription ends (at once if it already has)."""
        if self._deliver is None:
            _run_callback(self, callback)
        else:
            self._callbacks.append(callback)

    def close(self) -> None:
        """End the subscription; idempotent."""
        if self._deliver is None:
            return
        self._deliver = None
        self._pending = None
        callbacks, self._callbacks = self._callbacks, []
        self._ended(self)
        for callback in callbacks:
            _run_callback(self, callback)

    def activate(self) -> None:
        """Release notifications held back until the subscribe response was queued."""
        pending, self._pending = self._pending, None
        deliver = self._deliver
        if not pending or deliver is None:
            return
        for text in pending:
            if not deliver(text):
                self.close()
                return

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"Subscription({self.id!r}, {self.notification!r}, {state})"


def _refuse(text: str) -> bool:
    return False


def _run_callback(subscription: Subscription, callback: Callable[[], object]) -> None:
    try:
        callback()
    except Exception:
        log.exception("rpc.subscription_close_callback_failed", subscription=subscription.id,
                      method=subscription.notification)


class SubscriptionTable:
    """The live subscriptions of one WebSocket connection."""

    def __init__(self, ids: SubscriptionIds, deliver: Deliver, *, limit: int,
                 max_message_bytes: int) -> None:
        self._ids = ids
        self._deliver = deliver
        self._limit = limit
        self._max_bytes = max_message_bytes
        self._by_id: dict[str, Subscription] = {}

    def open(self, notification: str, unsubscribe: str) -> Subscription:
        """A new, not yet activated subscription; -32006 when the connection is at its limit."""
        if len(self._by_id) >= self._limit:
            raise limit_exceeded(TOO_MANY_SUBSCRIPTIONS, TOO_MANY_SUBSCRIPTIONS_MSG, self._limit)
        subscription = Subscription(self._ids.allocate(), notification, unsubscribe,
                                    self._deliver, self._forget, self._max_bytes)
        self._by_id[subscription.id] = subscription
        return subscription

    def cancel(self, subscription_id: str, unsubscribe: str) -> bool:
        """End the subscription a client's unsubscribe call names; ``False`` if unknown."""
        subscription = self._by_id.get(subscription_id)
        if subscription is None or subscription.unsubscribe != unsubscribe:
            return False
        subscription.close()
        return True

    def close_all(self) -> None:
        """End every subscription (the connection is closing)."""
        for subscription in list(self._by_id.values()):
            subscription.close()

    def get(self, subscription_id: str) -> Subscription | None:
        """The live subscription with this id, if any."""
        return self._by_id.get(subscription_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def _forget(self, subscription: Subscription) -> None:
        if self._by_id.pop(subscription.id, None) is not None:
            self._ids.release(subscription.id)
