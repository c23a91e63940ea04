"""Prometheus metrics with Substrate's names, served on ``--prometheus-port`` at ``/metrics``.

One :class:`NodeMetrics` per node owns its own ``CollectorRegistry`` (no process-wide state, so
tests can run several nodes). It is at once a chain listener (block heights), the RPC server's
observer (:class:`rpc.metrics.RpcObserver`) and the holder of a few gauges read on scrape (ready
transactions). Names zombienet and Substrate dashboards look for:

- ``substrate_process_start_time_seconds``
- ``substrate_block_height{status="best"|"finalized"}``
- ``substrate_ready_transactions_number``
- ``substrate_rpc_calls_total{method, protocol, is_error}`` and ``substrate_rpc_calls_time``
  (seconds histogram), ``substrate_rpc_sessions_opened_total`` / ``..._closed_total``
- ``substrate_block_import_seconds`` (time to build and import an authored block)
"""

from __future__ import annotations

import time
from collections.abc import Callable

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from node.events import BlockImported, BlocksFinalized, ChainRewound
from rpc.metrics import LATENCY_BUCKETS


class NodeMetrics:
    """The node's metric set and its exporter."""

    def __init__(self, ready_transactions: Callable[[], int] = lambda: 0) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.start_time = Gauge("substrate_process_start_time_seconds",
                                "Number of seconds between the UNIX epoch and the moment the "
                                "process started", registry=r)
        self.start_time.set(time.time())
        self.block_height = Gauge("substrate_block_height", "Block height info of the chain",
                                  ["status"], registry=r)
        self.ready = Gauge("substrate_ready_transactions_number",
                           "Number of transactions in the ready queue", registry=r)
        self.ready.set_function(lambda: float(ready_transactions()))
        self.rpc_calls = Counter("substrate_rpc_calls", "Number of RPC calls finished",
                                 ["protocol", "method", "is_error"], registry=r)
        self.rpc_time = Histogram("substrate_rpc_calls_time", "Time taken by RPC calls (s)",
                                  ["protocol", "method"], buckets=LATENCY_BUCKETS, registry=r)
        self.sessions_opened = Counter("substrate_rpc_sessions_opened",
                                       "Number of RPC sessions opened", registry=r)
        self.sessions_closed = Counter("substrate_rpc_sessions_closed",
                                       "Number of RPC sessions closed", registry=r)
        self.block_import = Histogram("substrate_block_import_seconds",
                                      "Time to build and import an authored block",
                                      registry=r)
        self._finalized = 0
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    # -- chain listener ---------------------------------------------------------------------------

    def on_block_imported(self, event: BlockImported) -> None:
        """A new best block moves ``best``."""
        if event.is_new_best:
            self.block_height.labels(status="best").set(event.number)

    def on_blocks_finalized(self, event: BlocksFinalized) -> None:
        """Finality moves ``finalized``."""
        self._set_finalized(event.number)

    def on_chain_rewound(self, event: ChainRewound) -> None:
        """A dev rewind moves ``best`` back to the target; ``finalized`` follows when finality
        was above it (the target then is final: the rewind never leaves finality ahead)."""
        self.block_height.labels(status="best").set(event.number)
        if self._finalized > event.number:
            self._set_finalized(event.number)

    def set_heights(self, best: int, finalized: int) -> None:
        """Set both heights (at start)."""
        self.block_height.labels(status="best").set(best)
        self._set_finalized(finalized)

    def _set_finalized(self, number: int) -> None:
        self._finalized = number
        self.block_height.labels(status="finalized").set(number)

    # -- rpc.metrics.RpcObserver ------------------------------------------------------------------

    def on_call(self, method: str, transport: str, seconds: float, is_error: bool) -> None:
        """Count one finished RPC call."""
        self.rpc_calls.labels(protocol=transport, method=method,
                              is_error=str(is_error).lower()).inc()
        self.rpc_time.labels(protocol=transport, method=method).observe(seconds)

    def on_session_opened(self, transport: str) -> None:
        """Count an opened session."""
        self.sessions_opened.inc()

    def on_session_closed(self, transport: str) -> None:
        """Count a closed session."""
        self.sessions_closed.inc()

    # -- exporter ---------------------------------------------------------------------------------

    def render(self) -> bytes:
        """The text exposition of every metric."""
        return generate_latest(self.registry)

    async def serve(self, host: str, port: int) -> int:
        """Serve ``/metrics`` on ``host:port`` (0: a free port); the bound port."""
        app = web.Application()

        async def handle(_: web.Request) -> web.Response:
            return web.Response(body=self.render(), headers={"Content-Type": CONTENT_TYPE_LATEST})

        app.router.add_get("/metrics", handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        sockets = site._server.sockets if site._server is not None else ()  # type: ignore[union-attr]
        self.port = sockets[0].getsockname()[1] if sockets else port
        return self.port

    async def close(self) -> None:
        """Stop the exporter."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
