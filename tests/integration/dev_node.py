"""Helpers of the integration tests: ``tensorchain dev`` as a real subprocess, and a WebSocket
JSON-RPC client that keeps subscription notifications aside.

:func:`running_dev_node` starts the console script with ``--rpc-port 0 --config-out <file>``,
waits (bounded) for the config file the node writes once its RPC port accepts calls, and always
stops the process: SIGTERM, then SIGKILL if it has not exited within the bound.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

START_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0
CALL_TIMEOUT = 20.0


def tensorchain_command() -> list[str]:
    """The venv's console script, or ``python -m node.cli`` beside this interpreter."""
    script = Path(sys.executable).with_name("tensorchain")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "node.cli"]


@dataclass
class DevNode:
    """A started node: its process, the facts it wrote, and how long it took to be ready."""

    process: subprocess.Popen[str]
    facts: dict[str, Any]
    ready_seconds: float
    log_path: Path

    @property
    def ws_url(self) -> str:
        """The WebSocket endpoint."""
        return str(self.facts["rpc"]["ws"])

    def stop(self) -> int:
        """SIGTERM and wait; SIGKILL after the bound. The exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(STOP_TIMEOUT)
            raise AssertionError("the node did not stop within "
                                 f"{STOP_TIMEOUT} s of SIGTERM") from None

    def output(self) -> str:
        """Everything the node printed so far (stdout and stderr)."""
        return self.log_path.read_text(errors="replace")


@contextlib.contextmanager
def running_dev_node(tmp: Path, *extra: str) -> Iterator[DevNode]:
    """Start ``tensorchain dev`` and yield it once ready; always stop it."""
    config_out = tmp / "dev-config.json"
    log_path = tmp / "node.log"
    command = [*tensorchain_command(), "dev", "--rpc-port", "0", "--config-out",
               str(config_out), "--log-format", "json", *extra]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    started = time.perf_counter()
    with open(log_path, "w") as log_file:
        process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, text=True,
                                   env=env, cwd=Path(__file__).resolve().parents[2])
    node = DevNode(process, {}, 0.0, log_path)
    try:
        node.facts = _wait_ready(process, config_out, log_path)
        node.ready_seconds = time.perf_counter() - started
        yield node
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(STOP_TIMEOUT)


def _wait_ready(process: subprocess.Popen[str], config_out: Path, log_path: Path
                ) -> dict[str, Any]:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the node exited with {process.returncode}:\n"
                                 f"{log_path.read_text(errors='replace')}")
        if config_out.exists():
            text = config_out.read_text()
            if text.endswith("\n"):
                return dict(json.loads(text))
        time.sleep(0.02)
    raise AssertionError(f"the node was not ready within {START_TIMEOUT} s:\n"
                         f"{log_path.read_text(errors='replace')}")


class RpcClient:
    """JSON-RPC 2.0 over one WebSocket; notifications are kept per subscription id."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self._ids = itertools.count(1)
        self.notifications: dict[str, list[Any]] = {}

    async def request(self, method: str, params: Any = None) -> dict[str, Any]:
        """The whole response object."""
        request_id = next(self._ids)
        message: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id, "method": method,
                                   "params": [] if params is None else params}
        await self.ws.send(json.dumps(message))
        while True:
            reply = await self._receive()
            if reply.get("id") == request_id:
                return reply

    async def call(self, method: str, params: Any = None) -> Any:
        """The result; an error response fails the test."""
        reply = await self.request(method, params)
        assert "error" not in reply, (method, reply)
        return reply["result"]

    async def _receive(self) -> dict[str, Any]:
        message = json.loads(await asyncio.wait_for(self.ws.recv(), CALL_TIMEOUT))
        if "id" not in message:
            params = message["params"]
            self.notifications.setdefault(params["subscription"], []).append(params["result"])
        return dict(message)

    async def next_notification(self, subscription: str) -> Any:
        """Wait for and take the next notification of ``subscription``."""
        while not self.notifications.get(subscription):
            await self._receive()
        return self.notifications[subscription].pop(0)
