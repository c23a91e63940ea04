"""The JSON-RPC 2.0 server: HTTP POST and WebSocket on one port, built on aiohttp.

Usage from the node (any asyncio loop, uvloop included)::

    server = RpcServer(registry, RpcConfig(port=9944))
    host, port = await server.start()      # port 0 binds a free port; the real one is returned
    ...
    await server.stop()                    # closes every connection and subscription

Every path serves both transports: a ``GET`` with ``Upgrade: websocket`` becomes a WebSocket
session (see :mod:`rpc.websocket`); a ``POST`` with ``Content-Type: application/json`` is one
HTTP exchange. ``GET /health`` answers with ``system_health`` when that method is registered,
as Substrate's health proxy does.

HTTP answers outside JSON-RPC: 403 for a browser ``Origin`` not on the CORS allow-list (the
check applies to WebSocket upgrades too), 405 for other HTTP methods, 413 (with a -32007 body)
for a body over the request limit, 415 for a wrong content type, 429 when ``max_connections``
sessions are already open, 503 while stopping. A session is a WebSocket connection for its whole
life, or an HTTP request while it is being served (idle keep-alive sockets do not count).
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import structlog
from aiohttp import web

from rpc import errors
from rpc.config import RpcConfig
from rpc.dispatch import CallContext, Dispatcher
from rpc.jsonrpc import Params, encode, error_response
from rpc.metrics import CallStats, RpcObserver
from rpc.registry import EntryKind, RpcRegistry
from rpc.subscriptions import SubscriptionIds
from rpc.websocket import WsConnection

log = structlog.get_logger("rpc")

_JSON_HEADERS = {"Content-Type": "application/json; charset=utf-8"}
_TOO_MANY_CONNECTIONS = "Too many connections. Please try again later."
_ORIGIN_REFUSED = "Origin of the request is not whitelisted (see --rpc-cors)."


class RpcServer:
    """Serves a :class:`~rpc.registry.RpcRegistry` under an :class:`~rpc.config.RpcConfig`."""

    def __init__(self, registry: RpcRegistry, config: RpcConfig | None = None, *,
                 observer: RpcObserver | None = None) -> None:
        self.registry = registry
        self.config = config if config is not None else RpcConfig()
        self.observer: RpcObserver = observer if observer is not None else CallStats()
        self._dispatcher = Dispatcher(registry, self.config, self.observer)
        self._ids = SubscriptionIds()
        self._connections: set[WsConnection] = set()
        self._sessions = 0
        self._runner: web.AppRunner | None = None
        self._site: web.SockSite | None = None
        self._address: tuple[str, int] | None = None
        self._allow_unsafe = False
        self._stopping = False

    @property
    def address(self) -> tuple[str, int]:
        """The bound (host, port); only valid while started."""
        if self._address is None:
            raise RuntimeError("the RPC server is not running")
        return self._address

    @property
    def http_url(self) -> str:
        """``http://host:port`` of the running server."""
        return f"http://{_url_host(self.address[0])}:{self.address[1]}"

    @property
    def ws_url(self) -> str:
        """``ws://host:port`` of the running server."""
        return f"ws://{_url_host(self.address[0])}:{self.address[1]}"

    @property
    def session_count(self) -> int:
        """Open WebSocket connections plus HTTP requests being served."""
        return self._sessions

    @property
    def subscription_count(self) -> int:
        """Live subscriptions over all connections."""
        return len(self._ids)

    async def start(self) -> tuple[str, int]:
        """Bind and start serving; return the bound (host, port)."""
        if self._runner is not None:
            raise RuntimeError("the RPC server is already running")
        sock = _bind(self.config.host, self.config.port)
        app = web.Application(client_max_size=self.config.max_request_bytes)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, handle_signals=False, access_log=None,
                               shutdown_timeout=self.config.shutdown_timeout_seconds)
        try:
            await runner.setup()
            site = web.SockSite(runner, sock)
            await site.start()
        except BaseException:
            await runner.cleanup()
            sock.close()
            raise
        self._runner, self._site, self._stopping = runner, site, False
        host, port = sock.getsockname()[:2]
        self._address = (host, port)
        self._allow_unsafe = self.config.allows_unsafe(host)
        log.info("Running JSON-RPC server", addr=f"{_url_host(host)}:{port}",
                 allowed_origins=list(self.config.cors) if self.config.cors else ["*"],
                 unsafe_methods=self._allow_unsafe)
        return self._address

    async def stop(self) -> None:
        """Stop listening, close every WebSocket (and its subscriptions), finish HTTP requests."""
        runner, site = self._runner, self._site
        if runner is None or site is None:
            return
        self._stopping = True
        await site.stop()
        await asyncio.gather(*(conn.close() for conn in list(self._connections)))
        await runner.cleanup()
        self._runner = self._site = None
        self._address = None
        log.info("Stopped JSON-RPC server")

    async def __aenter__(self) -> RpcServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is not None and not self.config.allows_origin(origin):
            return web.Response(status=403, text=_ORIGIN_REFUSED)
        if request.method == "OPTIONS":
            return _preflight(request, origin)
        if self._stopping:
            return web.Response(status=503, text="The RPC server is shutting down.")
        if _is_websocket_upgrade(request):
            if self._sessions >= self.config.max_connections:
                return web.Response(status=429, text=_TOO_MANY_CONNECTIONS)
            return await self._serve_websocket(request)
        if request.method == "GET" and request.path.rstrip("/") == "/health":
            return await self._serve_health()
        if request.method != "POST":
            return web.Response(status=405, headers={"Allow": "POST, OPTIONS"},
                                text="Used HTTP Method is not allowed. POST is required")
        if request.content_type != "application/json":
            return web.Response(status=415, text="Supplied content type is not allowed. "
                                                 "Content-Type: application/json is required")
        if self._sessions >= self.config.max_connections:
            return web.Response(status=429, text=_TOO_MANY_CONNECTIONS)
        response = await self._serve_http(request)
        _add_cors_headers(response, origin)
        return response

    async def _serve_http(self, request: web.Request) -> web.Response:
        self._open_session("http")
        try:
            body = await _read_body(request, self.config.max_request_bytes)
            if body is None:
                error = errors.limit_exceeded(errors.OVERSIZED_REQUEST,
                                              errors.OVERSIZED_REQUEST_MSG,
                                              self.config.max_request_bytes)
                return web.Response(status=413, text=error_response(None, error),
                                    headers=_JSON_HEADERS)
            try:
                text = await self._dispatcher.handle_text(body, CallContext("http",
                                                                            self._allow_unsafe))
            except Exception:
                log.exception("rpc.http_dispatch_failed", peer=request.remote)
                text = error_response(None, errors.internal_error())
            return web.Response(status=200, text=text or "", headers=_JSON_HEADERS)
        finally:
            self._close_session("http")

    async def _serve_websocket(self, request: web.Request) -> web.StreamResponse:
        self._open_session("ws")  # counted before the first await: no race past the limit
        connection: WsConnection | None = None
        try:
            ws = web.WebSocketResponse(max_msg_size=2 * self.config.max_request_bytes,
                                       heartbeat=self.config.ws_heartbeat_seconds,
                                       timeout=self.config.shutdown_timeout_seconds,
                                       compress=False)
            await ws.prepare(request)
            connection = WsConnection(request, ws, self._dispatcher, self.config, self._ids,
                                      allow_unsafe=self._allow_unsafe)
            self._connections.add(connection)
            if self._stopping:  # stop() began during the handshake
                await connection.close()
            await connection.serve()
        finally:
            if connection is not None:
                self._connections.discard(connection)
            self._close_session("ws")
        return ws

    async def _serve_health(self) -> web.Response:
        entry = self.registry.lookup("system_health")
        if entry is None or entry.kind is not EntryKind.METHOD or entry.handler is None:
            return web.Response(status=404, text="system_health is not served by this node")
        try:
            health: Any = await entry.handler(Params(None))  # type: ignore[call-arg]
        except Exception:
            log.exception("rpc.health_failed")
            return web.Response(status=500, text="system_health failed")
        return web.Response(status=200, text=encode(health), headers=_JSON_HEADERS)

    def _open_session(self, transport: str) -> None:
        self._sessions += 1
        try:
            self.observer.on_session_opened(transport)
        except Exception:
            log.exception("rpc.observer_failed")

    def _close_session(self, transport: str) -> None:
        self._sessions -= 1
        try:
            self.observer.on_session_closed(transport)
        except Exception:
            log.exception("rpc.observer_failed")


def _bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on (host, port); port 0 picks a free port."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(address)
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock


async def _read_body(request: web.Request, limit: int) -> bytes | None:
    """The request body, or ``None`` if it is larger than ``limit`` bytes."""
    if request.content_length is not None and request.content_length > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(1 << 16):
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _is_websocket_upgrade(request: web.Request) -> bool:
    return (request.method == "GET"
            and request.headers.get("Upgrade", "").lower() == "websocket")


def _preflight(request: web.Request, origin: str | None) -> web.Response:
    requested = request.headers.get("Access-Control-Request-Headers", "content-type")
    response = web.Response(status=200, headers={
        "Access-Control-Allow-Methods": "POST, OPTIONS",
        "Access-Control-Allow-Headers": requested,
        "Access-Control-Max-Age": "3600",
    })
    _add_cors_headers(response, origin)
    return response


def _add_cors_headers(response: web.StreamResponse, origin: str | None) -> None:
    if origin is not None:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
