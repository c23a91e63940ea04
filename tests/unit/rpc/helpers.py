"""Shared fixtures for the RPC server tests: a test registry, a server context, client helpers."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import threading
from collections.abc import AsyncIterator, Awaitable
from typing import Any

import aiohttp

import rpc
from rpc.config import RpcConfig
from rpc.errors import RpcError
from rpc.jsonrpc import Params
from rpc.registry import RpcRegistry
from rpc.server import RpcServer
from rpc.subscriptions import Subscription

TEST_TIMEOUT = 20.0
_RPC_PACKAGE_DIR = os.path.dirname(rpc.__file__) + os.sep


class TestApi:
    """Handlers of the test registry, with hooks the tests can observe."""

    __test__ = False  # not a pytest class

    def __init__(self) -> None:
        self.sinks: list[Subscription] = []
        self.closed_sinks: list[str] = []
        self.release_slow = asyncio.Event()

    def registry(self) -> RpcRegistry:
        """A registry with every test method."""
        registry = RpcRegistry()
        registry.register("echo", self.echo, aliases=("echo_alias",))
        registry.register("add", self.add)
        registry.register("fail", self.fail)
        registry.register("crash", self.crash)
        registry.register("big", self.big)
        registry.register("slow", self.slow)
        registry.register("not_json", self.not_json)
        registry.register("bad_error", self.bad_error)
        registry.register("danger_reset", self.echo, unsafe=True)
        registry.register("system_health", self.health)
        registry.register_subscription("test_subscribe", "test_notification", "test_unsubscribe",
                                       self.subscribe)
        registry.register_subscription("other_subscribe", "other_notification",
                                       "other_unsubscribe", self.subscribe)
        registry.register_subscription("refuse_subscribe", "refuse_notification",
                                       "refuse_unsubscribe", self.refuse)
        return registry

    async def echo(self, params: Params) -> Any:
        return params.raw

    async def add(self, params: Params) -> int:
        params.at_most(2)
        return params.get(0, "a", int) + params.get(1, "b", int, default=0)

    async def fail(self, params: Params) -> Any:
        raise RpcError(1010, "Invalid Transaction", "Custom error: 6")

    async def crash(self, params: Params) -> Any:
        raise KeyError("secret internal detail")

    async def big(self, params: Params) -> str:
        return "x" * params.get(0, "size", int)

    async def slow(self, params: Params) -> str:
        await asyncio.wait_for(self.release_slow.wait(), TEST_TIMEOUT)
        return "slow done"

    async def not_json(self, params: Params) -> Any:
        return {1, 2}

    async def bad_error(self, params: Params) -> Any:
        raise RpcError(1002, "Verification Error", data=object())

    async def health(self, params: Params) -> dict[str, Any]:
        return {"peers": 0, "isSyncing": False, "shouldHavePeers": False}

    async def subscribe(self, params: Params, sink: Subscription) -> None:
        first = params.get(0, "first", default=None)
        if first is not None:
            sink.send(first)
        self.sinks.append(sink)
        sink.on_close(lambda: self.closed_sinks.append(sink.id))

    async def refuse(self, params: Params, sink: Subscription) -> None:
        raise RpcError(4003, "Client error: refused")


def request(method: str, params: Any = None, id: Any = 1) -> dict[str, Any]:
    """A JSON-RPC request object."""
    message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "id": id}
    if params is not None:
        message["params"] = params
    return message


def run(coro: Awaitable[Any]) -> Any:
    """Run a test scenario with an overall timeout."""
    async def bounded() -> Any:
        return await asyncio.wait_for(coro, TEST_TIMEOUT)
    return asyncio.run(bounded())


def leaked_server_tasks() -> list[asyncio.Task[Any]]:
    """Tasks still running code of the rpc package or aiohttp's server side."""
    leaked = []
    for task in asyncio.all_tasks():
        if task is asyncio.current_task() or task.done():
            continue
        code = getattr(task.get_coro(), "cr_code", None)
        filename = code.co_filename if code is not None else ""
        if filename.startswith(_RPC_PACKAGE_DIR) or "aiohttp/web" in filename:
            leaked.append(task)
    return leaked


@contextlib.asynccontextmanager
async def serving(config: RpcConfig | None = None,
                  api: TestApi | None = None) -> AsyncIterator[RpcServer]:
    """A started server on a free loopback port; stopped (and checked for leaks) on exit."""
    api = api if api is not None else TestApi()
    config = config if config is not None else RpcConfig(port=0)
    server = RpcServer(api.registry(), config)
    await server.start()
    try:
        yield server
    finally:
        api.release_slow.set()
        await server.stop()
        await asyncio.sleep(0)
        leaked = leaked_server_tasks()
        assert not leaked, f"server tasks still running after stop: {leaked}"


async def post(session: aiohttp.ClientSession, server: RpcServer, body: Any,
               **kwargs: Any) -> tuple[int, Any]:
    """POST ``body`` (JSON-encoded unless bytes/str) and return (status, decoded body or text)."""
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    headers = kwargs.pop("headers", {"Content-Type": "application/json"})
    async with session.post(server.http_url, data=data, headers=headers, **kwargs) as response:
        text = await response.text()
        try:
            return response.status, json.loads(text) if text else None
        except ValueError:
            return response.status, text


async def ws_call(ws: Any, message: Any) -> Any:
    """Send one message over a websockets connection and return the next decoded message."""
    await ws.send(message if isinstance(message, str | bytes) else json.dumps(message))
    return json.loads(await asyncio.wait_for(ws.recv(), TEST_TIMEOUT))


class ThreadedServer:
    """A server running on its own event loop in a thread, for synchronous clients."""

    def __init__(self, config: RpcConfig | None = None) -> None:
        self.api = TestApi()
        self.config = config if config is not None else RpcConfig(port=0)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.server: RpcServer | None = None

    def start(self) -> RpcServer:
        """Start the loop thread and the server; return the server."""
        self.thread.start()
        self.server = RpcServer(self.api.registry(), self.config)
        asyncio.run_coroutine_threadsafe(self.server.start(), self.loop).result(TEST_TIMEOUT)
        return self.server

    def stop(self) -> None:
        """Stop the server, the loop and the thread."""
        if self.server is not None:
            asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(TEST_TIMEOUT)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(TEST_TIMEOUT)
        self.loop.close()
