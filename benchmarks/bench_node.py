"""The real node: time from process start to RPC ready, and ``state_getStorage`` over WebSocket.

``tensorchain dev --rpc-port <free> --sealing manual`` runs as a subprocess (in memory, logs to a
temporary file). Start-to-ready is the time from just before ``Popen`` to the first successful
``system_health`` answer over WebSocket, the median of three starts; every node is stopped
(SIGTERM, then SIGKILL after a bound). The last node started then serves the request phases:
``system_health`` with 1 client (the baseline), and ``state_getStorage`` of Alice's System.Account
key with 1 client and with 50 concurrent clients. Each client sends one request, waits for the
answer, and repeats; every phase is bounded in count and time.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import uvloop
import websockets

from benchmarks.harness import Row
from rpc.methods.system import account_key
from runtime.primitives.keys import DEV_ACCOUNTS

_GROUP = "node"
_BASELINE = "system_health, ws, 1 client"
_STARTS = 3
_START_TIMEOUT = 30.0
_STOP_TIMEOUT = 15.0
_CALL_TIMEOUT = 10.0
_PHASE_SECONDS = 3.0
_ROOT = Path(__file__).resolve().parents[1]


def run() -> list[Row]:
    """Start the node three times for start-to-ready, measure the request phases, stop it."""
    alice_key = "0x" + account_key(DEV_ACCOUNTS["Alice"].account_id).hex()
    ready: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-node-") as tmp, \
            asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        for index in range(_STARTS):
            port = _free_port()
            started = time.perf_counter()
            process = _start_node(port, Path(tmp) / f"node-{index}.log")
            try:
                url = f"ws://127.0.0.1:{port}"
                runner.run(_wait_health(url, process, started + _START_TIMEOUT))
                ready.append(time.perf_counter() - started)
                if index == _STARTS - 1:
                    phases = runner.run(_measure_all(url, alice_key))
            finally:
                _stop(process)
    rows = [Row(_GROUP, "process start to RPC ready", statistics.median(ready) * 1e3, "ms",
                note=f"median of {_STARTS} starts: "
                     + ", ".join(f"{value * 1e3:.0f}" for value in ready) + " ms")]
    for name, (rate, latencies) in phases.items():
        is_base = name == _BASELINE
        rows.append(Row(_GROUP, f"{name}: requests", rate, "req/s",
                        None if is_base else f"{_BASELINE}: requests",
                        f"{len(latencies)} requests"))
        rows.append(Row(_GROUP, f"{name}: p50 latency", _percentile(latencies, 50) * 1e3, "ms",
                        None if is_base else f"{_BASELINE}: p50 latency"))
        rows.append(Row(_GROUP, f"{name}: p99 latency", _percentile(latencies, 99) * 1e3, "ms",
                        None if is_base else f"{_BASELINE}: p99 latency"))
    return rows


def _free_port() -> int:
    """A port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_node(port: int, log_path: Path) -> subprocess.Popen[bytes]:
    """``tensorchain dev`` on ``port`` with manual sealing, output to ``log_path``."""
    script = Path(sys.executable).with_name("tensorchain")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "node.cli"]
    command += ["dev", "--rpc-port", str(port), "--sealing", "manual", "--log-format", "json",
                "--log-level", "warning"]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    with open(log_path, "wb") as log_file:
        return subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, env=env,
                                cwd=_ROOT)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM and wait; SIGKILL if the node has not exited within the bound."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(_STOP_TIMEOUT)


async def _wait_health(url: str, process: subprocess.Popen[bytes], deadline: float) -> None:
    """Poll (bounded by ``deadline``) until ``system_health`` answers over WebSocket."""
    message = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "system_health", "params": []})
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the node exited with {process.returncode} before RPC was ready")
        try:
            async with websockets.connect(url, compression=None, open_timeout=_CALL_TIMEOUT,
                                          close_timeout=1) as ws:
                await ws.send(message)
                answer = json.loads(await asyncio.wait_for(ws.recv(), _CALL_TIMEOUT))
                if "result" in answer:
                    return
        except (TimeoutError, OSError, websockets.exceptions.WebSocketException):
            pass
        await asyncio.sleep(0.005)
    raise RuntimeError(f"the node did not answer system_health within {_START_TIMEOUT} s")


async def _measure_all(url: str, alice_key: str) -> dict[str, tuple[float, list[float]]]:
    """Warm up, then the three phases in order: baseline, storage 1 client, storage 50."""
    expected_health = (await _call_once(url, "system_health", []))
    expected_account = await _call_once(url, "state_getStorage", [alice_key])
    if not isinstance(expected_account, str) or not expected_account.startswith("0x"):
        raise RuntimeError(f"Alice's account is missing: {expected_account!r}")
    health = ("system_health", [], expected_health)
    storage = ("state_getStorage", [alice_key], expected_account)
    await _ws_clients(url, health, clients=1, per_client=300)  # warm-up
    await _ws_clients(url, storage, clients=1, per_client=300)  # warm-up
    return {
        _BASELINE: await _ws_clients(url, health, clients=1, per_client=20000),
        "state_getStorage, ws, 1 client": await _ws_clients(url, storage, clients=1,
                                                            per_client=20000),
        "state_getStorage, ws, 50 clients": await _ws_clients(url, storage, clients=50,
                                                              per_client=1000),
    }


async def _call_once(url: str, method: str, params: list[Any]) -> Any:
    """One call on a fresh connection; the result (an error response raises)."""
    async with websockets.connect(url, compression=None, open_timeout=_CALL_TIMEOUT) as ws:
        await ws.send(json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}))
        answer = json.loads(await asyncio.wait_for(ws.recv(), _CALL_TIMEOUT))
    if "result" not in answer:
        raise RuntimeError(f"{method} failed: {answer!r}")
    return answer["result"]


async def _ws_clients(url: str, call: tuple[str, list[Any], Any], *, clients: int,
                      per_client: int) -> tuple[float, list[float]]:
    """``clients`` concurrent connections, each at most ``per_client`` requests; rate, latencies."""
    deadline = time.perf_counter() + _PHASE_SECONDS
    started = time.perf_counter()
    per_client_latencies = await asyncio.wait_for(
        asyncio.gather(*(_ws_client(url, call, per_client, deadline) for _ in range(clients))),
        _PHASE_SECONDS + 4 * _CALL_TIMEOUT)
    elapsed = time.perf_counter() - started
    latencies = [value for values in per_client_latencies for value in values]
    return len(latencies) / elapsed, latencies


async def _ws_client(url: str, call: tuple[str, list[Any], Any], count: int,
                     deadline: float) -> list[float]:
    """One connection: send, wait for the answer, check it, repeat (bounded in count and time)."""
    method, params, expected = call
    latencies: list[float] = []
    async with websockets.connect(url, compression=None, max_size=None,
                                  open_timeout=_CALL_TIMEOUT) as ws:
        for index in range(count):
            message = json.dumps({"jsonrpc": "2.0", "id": index, "method": method,
                                  "params": params})
            sent = time.perf_counter()
            await ws.send(message)
            answer = json.loads(await asyncio.wait_for(ws.recv(), _CALL_TIMEOUT))
            latencies.append(time.perf_counter() - sent)
            if answer.get("result") != expected:
                raise RuntimeError(f"unexpected answer to {method}: {answer!r}")
            if sent > deadline:
                break
    return latencies


def _percentile(values: list[float], percent: int) -> float:
    """The ``percent``-th percentile (inclusive method)."""
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]
