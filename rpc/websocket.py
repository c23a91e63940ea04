"""One WebSocket connection: a reader that dispatches, a writer that drains a send queue.

Flow control, per connection:

- each received message runs as its own task, so a slow call does not hold up the next one and
  **responses may go out in a different order than the requests came in** (as with Substrate's
  server; clients match responses by ``id``);
- at most ``message_buffer_capacity`` messages may be in flight or waiting to be written; past
  that the reader stops reading, which pushes back on the client through TCP;
- a response is written at once when nothing is queued, else queued behind what is;
  subscription notifications are always queued (so they keep their order) without waiting;
  if the queue grows past ``max_send_queue`` messages the client is not reading fast enough
  and the connection is dropped, so one slow consumer never stalls the server or holds
  unbounded memory;
- a message larger than the request limit (up to twice the limit) is answered with a -32007
  error and the connection stays open; beyond twice the limit the connection is closed with
  WebSocket close code 1009 (message too big) without reading the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque

import structlog
from aiohttp import WSMsgType, web

from rpc import errors
from rpc.config import RpcConfig
from rpc.dispatch import CallContext, Dispatcher
from rpc.jsonrpc import error_response
from rpc.subscriptions import SubscriptionIds, SubscriptionTable

log = structlog.get_logger("rpc")

GOING_AWAY = 1001


class WsConnection:
    """Serves JSON-RPC on one upgraded WebSocket until either side closes it."""

    def __init__(self, request: web.Request, ws: web.WebSocketResponse, dispatcher: Dispatcher,
                 config: RpcConfig, ids: SubscriptionIds, *, allow_unsafe: bool) -> None:
        self._request = request
        self._ws = ws
        self._dispatcher = dispatcher
        self._config = config
        self._allow_unsafe = allow_unsafe
        self._queue: deque[tuple[str, bool]] = deque()
        self._wakeup = asyncio.Event()
        self._slots = asyncio.Semaphore(config.message_buffer_capacity)
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False
        self.subscriptions = SubscriptionTable(
            ids, self.enqueue_notification, limit=config.max_subscriptions_per_connection,
            max_message_bytes=config.max_response_bytes)

    @property
    def closed(self) -> bool:
        """True once the connection is shutting down or gone."""
        return self._closed

    async def serve(self) -> None:
        """Read and dispatch messages until the connection ends; then clean everything up."""
        writer = asyncio.create_task(self._write_loop(), name="rpc-ws-writer")
        try:
            await self._read_loop()
        except Exception:
            log.exception("rpc.ws_connection_failed", peer=self._request.remote)
        finally:
            self._closed = True
            writer.cancel()
            self._end_tasks_and_subscriptions()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await writer

    async def close(self, code: int = GOING_AWAY, message: bytes = b"server shutting down") -> None:
        """Close from the server side: a close frame if the client reads it in time, else abort."""
        if self._ws.closed:
            return
        self._closed = True
        self._end_tasks_and_subscriptions()
        try:
            async with asyncio.timeout(self._config.shutdown_timeout_seconds):
                await self._ws.close(code=code, message=message)
        except (TimeoutError, ConnectionError, RuntimeError):
            self._abort()

    def enqueue_notification(self, text: str) -> bool:
        """Queue a notification; drop the connection if the client has fallen too far behind."""
        if self._closed:
            return False
        if len(self._queue) >= self._config.max_send_queue:
            log.warning("rpc.slow_consumer_disconnected", peer=self._request.remote,
                        queued=len(self._queue), limit=self._config.max_send_queue)
            # Only mark and abort here: this runs inside a producer's ``send``, so the
            # subscriptions are closed later by ``serve`` once the reader sees the abort.
            self._closed = True
            self._queue.clear()
            self._slots.release()
            self._abort()
            return False
        self._queue.append((text, False))
        self._wakeup.set()
        return True

    async def _read_loop(self) -> None:
        limit = self._config.max_request_bytes
        async for message in self._ws:
            if message.type is WSMsgType.TEXT or message.type is WSMsgType.BINARY:
                data = message.data
            else:
                break
            await self._slots.acquire()
            if self._closed:
                break
            if _size(data) > limit:
                error = errors.limit_exceeded(errors.OVERSIZED_REQUEST,
                                              errors.OVERSIZED_REQUEST_MSG, limit)
                self._queue_response(error_response(None, error))
                continue
            task = asyncio.create_task(self._process(data))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _process(self, data: str | bytes) -> None:
        ctx = CallContext("ws", self._allow_unsafe, self.subscriptions)
        try:
            text = await self._dispatcher.handle_text(data, ctx)
        except Exception:
            log.exception("rpc.ws_dispatch_failed", peer=self._request.remote)
            text = error_response(None, errors.internal_error())
        if text is None:
            self._slots.release()
        elif self._queue or self._closed:
            self._queue_response(text)
        else:  # nothing waiting: write now and save the writer task a wake-up (~10% CPU)
            await self._send_direct(text)
        for subscription in ctx.opened:
            subscription.activate()

    async def _send_direct(self, text: str) -> None:
        try:
            await self._ws.send_str(text)
        except (ConnectionError, RuntimeError):
            self._closed = True
            self._abort()
        finally:
            self._slots.release()

    def _queue_response(self, text: str) -> None:
        if self._closed:
            return
        self._queue.append((text, True))
        self._wakeup.set()

    async def _write_loop(self) -> None:
        queue, ws = self._queue, self._ws
        try:
            while True:
                while not queue:
                    self._wakeup.clear()
                    await self._wakeup.wait()
                text, holds_slot = queue.popleft()
                await ws.send_str(text)
                if holds_slot:
                    self._slots.release()
        except (ConnectionError, RuntimeError):
            self._closed = True
            self._abort()

    def _end_tasks_and_subscriptions(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        self.subscriptions.close_all()
        self._queue.clear()
        self._slots.release()  # wake a reader waiting for a slot so it sees the close

    def _abort(self) -> None:
        transport = self._request.transport
        if transport is not None:
            transport.abort()


def _size(data: str | bytes) -> int:
    """Size in bytes of a received message (text is counted as its UTF-8 encoding)."""
    if isinstance(data, str) and not data.isascii():
        return len(data.encode())
    return len(data)
