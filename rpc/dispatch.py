"""From one received message (text) to the text to send back, for HTTP and WebSocket alike.

A message is a single request or a batch array. Batch elements run concurrently and their
responses come back as an array in request order, without entries for notifications; if nothing
is left to answer the result is ``None`` (send nothing). Limits (batch length, response size),
the unsafe-method policy and subscription rules are applied here; handler exceptions other than
:class:`~rpc.errors.RpcError` are logged with their traceback and answered with -32603.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import structlog

from rpc import errors
from rpc.config import RpcConfig
from rpc.errors import RpcError
from rpc.jsonrpc import (
    JSON,
    Request,
    error_response,
    id_of,
    parse_request,
    parse_text,
    result_response,
)
from rpc.metrics import UNKNOWN_METHOD, RpcObserver
from rpc.registry import Entry, EntryKind, RpcRegistry
from rpc.subscriptions import Subscription, SubscriptionTable

log = structlog.get_logger("rpc")


@dataclass(slots=True)
class CallContext:
    """Where a message came from. ``subscriptions`` is ``None`` on HTTP.

    ``opened`` collects subscriptions created while handling the message; the transport
    activates them right after queuing the response, so the id reaches the client first.
    """

    transport: str
    allow_unsafe: bool
    subscriptions: SubscriptionTable | None = None
    opened: list[Subscription] = field(default_factory=list)


class Dispatcher:
    """Runs requests against a registry under one server's limits and reports to an observer."""

    def __init__(self, registry: RpcRegistry, config: RpcConfig, observer: RpcObserver) -> None:
        self._registry = registry
        self._config = config
        self._observer = observer
        self._max_response = config.max_response_bytes

    async def handle_text(self, text: str | bytes, ctx: CallContext) -> str | None:
        """Answer one received message; ``None`` when there is nothing to send."""
        message = parse_text(text)
        if isinstance(message, RpcError):
            return error_response(None, message)
        if isinstance(message, list):
            return await self._handle_batch(message, ctx)
        return await self._handle_object(message, ctx)

    async def _handle_batch(self, items: list[JSON], ctx: CallContext) -> str | None:
        config = self._config
        if not config.batch_requests:
            error = RpcError(errors.BATCHES_NOT_SUPPORTED, errors.BATCHES_NOT_SUPPORTED_MSG)
            return error_response(None, error)
        if not items:
            return error_response(None, errors.invalid_request("empty batch"))
        if config.max_batch_len is not None and len(items) > config.max_batch_len:
            error = errors.limit_exceeded(errors.TOO_BIG_BATCH_REQUEST,
                                          errors.TOO_BIG_BATCH_REQUEST_MSG, config.max_batch_len)
            return error_response(None, error)
        answers = await asyncio.gather(*(self._handle_object(item, ctx) for item in items))
        parts = [answer for answer in answers if answer is not None]
        if not parts:
            return None
        text = "[" + ",".join(parts) + "]"
        if len(text) > self._max_response:
            for subscription in ctx.opened:  # the client will never learn these ids
                subscription.close()
            ctx.opened.clear()
            error = errors.limit_exceeded(errors.TOO_BIG_BATCH_RESPONSE,
                                          errors.TOO_BIG_BATCH_RESPONSE_MSG, self._max_response)
            return error_response(None, error)
        return text

    async def _handle_object(self, obj: JSON, ctx: CallContext) -> str | None:
        request = parse_request(obj)
        if isinstance(request, RpcError):
            return error_response(id_of(obj), request)
        entry = self._registry.lookup(request.method)
        started = time.perf_counter()
        try:
            result = await self._call(entry, request, ctx)
        except RpcError as error:
            self._record(entry, ctx, started, True)
            return None if request.is_notification else _encode_error(request, error)
        except Exception:
            log.exception("rpc.handler_failed", method=request.method, transport=ctx.transport)
            self._record(entry, ctx, started, True)
            if request.is_notification:
                return None
            return error_response(request.id, errors.internal_error())
        self._record(entry, ctx, started, False)
        if request.is_notification:
            return None
        return self._encode_result(request, result)

    def _encode_result(self, request: Request, result: JSON) -> str:
        try:
            text = result_response(request.id, result)
        except (TypeError, ValueError):
            log.exception("rpc.result_not_json", method=request.method)
            return error_response(request.id, errors.internal_error())
        if len(text) > self._max_response:
            error = errors.limit_exceeded(errors.OVERSIZED_RESPONSE,
                                          errors.OVERSIZED_RESPONSE_MSG, self._max_response)
            return error_response(request.id, error)
        return text

    async def _call(self, entry: Entry | None, request: Request, ctx: CallContext) -> JSON:
        if entry is None:
            raise errors.method_not_found()
        if entry.unsafe and not ctx.allow_unsafe:
            raise errors.unsafe_denied()
        if entry.kind is EntryKind.METHOD:
            return await entry.handler(request.params)  # type: ignore[misc, call-arg]
        if ctx.subscriptions is None:
            raise RpcError(errors.INTERNAL_ERROR, errors.SUBSCRIPTIONS_NEED_WEBSOCKET_MSG)
        if entry.kind is EntryKind.SUBSCRIBE:
            if request.is_notification:
                return None
            return await self._subscribe(entry, request, ctx, ctx.subscriptions)
        return self._unsubscribe(entry, request, ctx.subscriptions)

    async def _subscribe(self, entry: Entry, request: Request, ctx: CallContext,
                         table: SubscriptionTable) -> str:
        sink = table.open(entry.notification, entry.unsubscribe)
        try:
            await entry.handler(request.params, sink)  # type: ignore[misc, call-arg]
        except BaseException:
            sink.close()
            raise
        ctx.opened.append(sink)
        return sink.id

    @staticmethod
    def _unsubscribe(entry: Entry, request: Request, table: SubscriptionTable) -> bool:
        subscription_id = request.params.get(0, "subscription", (str, int))
        return table.cancel(str(subscription_id), entry.unsubscribe)

    def _record(self, entry: Entry | None, ctx: CallContext, started: float,
                is_error: bool) -> None:
        name = entry.name if entry is not None else UNKNOWN_METHOD
        try:
            self._observer.on_call(name, ctx.transport, time.perf_counter() - started, is_error)
        except Exception:
            log.exception("rpc.observer_failed", method=name)


def _encode_error(request: Request, error: RpcError) -> str:
    """Encode an error raised by a handler; a ``data`` that is not JSON is a handler bug."""
    try:
        return error_response(request.id, error)
    except (TypeError, ValueError):
        log.exception("rpc.error_data_not_json", method=request.method, code=error.code)
        return error_response(request.id, errors.internal_error())
