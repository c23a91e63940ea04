"""RPC server throughput and latency for a trivial method, over loopback.

The server runs in its own process on uvloop (as the node runs it), serving a registry with one
``system_health``-like method; the clients run in this process: the ``websockets`` package over
WebSocket (what async-substrate-interface uses) and aiohttp over HTTP keep-alive. Each client
sends one request, waits for the answer, and repeats. Every phase is bounded in count and time.
The 1-client WebSocket rate is the baseline of the ratios.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import statistics
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import aiohttp
import uvloop
import websockets

from benchmarks.harness import Row

_GROUP = "rpc"
_BASELINE = "ws, 1 client"
_PHASE_SECONDS = 3.0
_HEALTH = {"peers": 0, "isSyncing": False, "shouldHavePeers": False}


def run() -> list[Row]:
    """Start a server process, measure the three client shapes, return the rows."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=_serve, args=(child,), daemon=True)
    process.start()
    try:
        if not parent.poll(30):
            raise RuntimeError("the benchmark RPC server did not start within 30 s")
        port = parent.recv()
        with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
            results = runner.run(_measure_all(port, parent))
    finally:
        parent.send("stop")
        process.join(10)
        if process.is_alive():
            process.kill()
            process.join(5)
    rows: list[Row] = []
    for name, phase in results.items():
        is_base = name == _BASELINE
        rows.append(Row(_GROUP, f"{name}: requests", phase.rate, "req/s",
                        None if is_base else f"{_BASELINE}: requests",
                        f"{len(phase.latencies)} requests"))
        rows.append(Row(_GROUP, f"{name}: p50 latency", _percentile(phase.latencies, 50) * 1e3,
                        "ms"))
        rows.append(Row(_GROUP, f"{name}: p99 latency", _percentile(phase.latencies, 99) * 1e3,
                        "ms"))
        rows.append(Row(_GROUP, f"{name}: server CPU per request", phase.server_cpu_us, "µs",
                        None if is_base else f"{_BASELINE}: server CPU per request",
                        "server process CPU time / requests (robust to machine load)"))
    return rows


@dataclass(frozen=True, slots=True)
class _Phase:
    rate: float
    latencies: list[float]
    server_cpu_us: float


def _serve(conn: Connection) -> None:
    """Child process: serve until the parent says stop."""
    uvloop.run(_serve_until_stopped(conn))


async def _serve_until_stopped(conn: Connection) -> None:
    from rpc.config import RpcConfig
    from rpc.jsonrpc import Params
    from rpc.registry import RpcRegistry
    from rpc.server import RpcServer

    async def system_health(params: Params) -> dict[str, Any]:
        return _HEALTH

    registry = RpcRegistry()
    registry.register("system_health", system_health)
    server = RpcServer(registry, RpcConfig(port=0))
    _, port = await server.start()
    conn.send(port)
    await asyncio.get_running_loop().run_in_executor(None, _answer_until_stopped, conn)
    await server.stop()


def _answer_until_stopped(conn: Connection) -> None:
    """Child process, helper thread: report CPU time on request until told to stop."""
    while conn.recv() == "cpu":
        conn.send(time.process_time())


async def _measure_all(port: int, server: Connection) -> dict[str, _Phase]:
    url = f"ws://127.0.0.1:{port}"
    await _ws_client(url, 200, time.perf_counter() + _PHASE_SECONDS)  # warm-up
    phases = {
        _BASELINE: lambda: _ws_clients(url, clients=1, per_client=5000),
        "ws, 50 clients": lambda: _ws_clients(url, clients=50, per_client=400),
        "http, 1 client": lambda: _http_client(f"http://127.0.0.1:{port}", 3000),
    }
    results = {}
    for name, measure in phases.items():
        cpu_before = _server_cpu(server)
        rate, latencies = await measure()
        cpu_used = _server_cpu(server) - cpu_before
        results[name] = _Phase(rate, latencies, cpu_used / len(latencies) * 1e6)
    return results


def _server_cpu(server: Connection) -> float:
    server.send("cpu")
    if not server.poll(10):
        raise RuntimeError("the benchmark RPC server stopped answering")
    return float(server.recv())


async def _ws_clients(url: str, *, clients: int, per_client: int) -> tuple[float, list[float]]:
    deadline = time.perf_counter() + _PHASE_SECONDS
    started = time.perf_counter()
    per_client_latencies = await asyncio.gather(
        *(_ws_client(url, per_client, deadline) for _ in range(clients)))
    elapsed = time.perf_counter() - started
    latencies = [value for values in per_client_latencies for value in values]
    return len(latencies) / elapsed, latencies


async def _ws_client(url: str, count: int, deadline: float) -> list[float]:
    latencies: list[float] = []
    async with websockets.connect(url, compression=None, max_size=None) as ws:
        for index in range(count):
            message = json.dumps({"jsonrpc": "2.0", "id": index, "method": "system_health",
                                  "params": []})
            sent = time.perf_counter()
            await ws.send(message)
            answer = json.loads(await ws.recv())
            latencies.append(time.perf_counter() - sent)
            if answer.get("result") != _HEALTH:
                raise RuntimeError(f"unexpected answer {answer!r}")
            if sent > deadline:
                break
    return latencies


async def _http_client(url: str, count: int) -> tuple[float, list[float]]:
    latencies: list[float] = []
    deadline = time.perf_counter() + _PHASE_SECONDS
    started = time.perf_counter()
    async with aiohttp.ClientSession() as session:
        for index in range(count):
            body = json.dumps({"jsonrpc": "2.0", "id": index, "method": "system_health",
                               "params": []})
            sent = time.perf_counter()
            async with session.post(url, data=body,
                                    headers={"Content-Type": "application/json"}) as response:
                answer = json.loads(await response.read())
            latencies.append(time.perf_counter() - sent)
            if answer.get("result") != _HEALTH:
                raise RuntimeError(f"unexpected answer {answer!r}")
            if sent > deadline:
                break
    return len(latencies) / (time.perf_counter() - started), latencies


def _percentile(values: list[float], percent: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]
