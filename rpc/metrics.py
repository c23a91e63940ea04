"""Observability hooks of the RPC server, free of any metrics library.

The server reports every finished call and every opened/closed session to an
:class:`RpcObserver`. :class:`CallStats` is the built-in one: per-method call and error counts,
total and maximum latency and a latency histogram with Substrate's ``substrate_rpc_calls_time``
buckets, readable at any time with :meth:`CallStats.snapshot`. The node's Prometheus exporter can
either read snapshots or implement :class:`RpcObserver` itself and pass it to the server.

Calls of names the server does not serve are counted under ``"<unknown>"`` so that clients
cannot create unbounded label sets.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Protocol

UNKNOWN_METHOD = "<unknown>"

# Upper bounds in seconds; Substrate's RPC histogram uses the same values in microseconds.
LATENCY_BUCKETS: tuple[float, ...] = (
    0.000005, 0.000025, 0.0001, 0.0005, 0.001, 0.0025, 0.01, 0.025, 0.1, 1.0, 10.0,
)


class RpcObserver(Protocol):
    """Receives one event per finished call and per session change. Must not block."""

    def on_call(self, method: str, transport: str, seconds: float, is_error: bool) -> None:
        """A call of ``method`` over ``transport`` ("http"/"ws") took ``seconds``."""

    def on_session_opened(self, transport: str) -> None:
        """A WebSocket connection or an HTTP request started."""

    def on_session_closed(self, transport: str) -> None:
        """A WebSocket connection or an HTTP request ended."""


@dataclass(slots=True)
class MethodStats:
    """Counters of one method. ``buckets[i]`` counts calls not slower than LATENCY_BUCKETS[i];
    the last element counts slower ones."""

    calls: int = 0
    errors: int = 0
    total_seconds: float = 0.0
    max_seconds: float = 0.0
    buckets: list[int] = field(default_factory=lambda: [0] * (len(LATENCY_BUCKETS) + 1))

    @property
    def mean_seconds(self) -> float:
        """Mean latency (0 before the first call)."""
        return self.total_seconds / self.calls if self.calls else 0.0

    def copy(self) -> MethodStats:
        """An independent copy."""
        return MethodStats(self.calls, self.errors, self.total_seconds, self.max_seconds,
                           list(self.buckets))


class CallStats:
    """The built-in :class:`RpcObserver`: in-memory counters per method and per transport."""

    def __init__(self) -> None:
        self._methods: dict[str, MethodStats] = {}
        self.sessions_opened: dict[str, int] = {"http": 0, "ws": 0}
        self.sessions_closed: dict[str, int] = {"http": 0, "ws": 0}

    def on_call(self, method: str, transport: str, seconds: float, is_error: bool) -> None:
        """Count one call."""
        stats = self._methods.get(method)
        if stats is None:
            stats = self._methods[method] = MethodStats()
        stats.calls += 1
        stats.errors += is_error
        stats.total_seconds += seconds
        if seconds > stats.max_seconds:
            stats.max_seconds = seconds
        stats.buckets[bisect.bisect_left(LATENCY_BUCKETS, seconds)] += 1

    def on_session_opened(self, transport: str) -> None:
        """Count one opened session."""
        self.sessions_opened[transport] = self.sessions_opened.get(transport, 0) + 1

    def on_session_closed(self, transport: str) -> None:
        """Count one closed session."""
        self.sessions_closed[transport] = self.sessions_closed.get(transport, 0) + 1

    def snapshot(self) -> dict[str, MethodStats]:
        """A copy of the per-method counters."""
        return {name: stats.copy() for name, stats in self._methods.items()}
