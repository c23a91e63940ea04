"""Measuring helpers and the result table shared by every benchmark module."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Row:
    """One measured figure; ``baseline`` names the row (same group) it is compared against."""

    group: str
    name: str
    value: float
    unit: str
    baseline: str | None = None
    note: str = ""


def per_second(fn: Callable[[], object], *, ops_per_call: int = 1, min_time: float = 0.2,
               repeats: int = 5) -> float:
    """Median operations per second of ``fn`` over ``repeats`` timed batches."""
    loops = _calibrate(fn, min_time / repeats)
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        elapsed = time.perf_counter() - start
        rates.append(loops * ops_per_call / elapsed)
    return statistics.median(rates)


def seconds(fn: Callable[[], object], *, repeats: int = 5, min_time: float = 0.0) -> float:
    """Median wall time of one call of ``fn`` in seconds (after one warm-up call)."""
    fn()
    times = []
    deadline = time.perf_counter() + min_time
    while len(times) < repeats or time.perf_counter() < deadline:
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _calibrate(fn: Callable[[], object], target: float) -> int:
    loops = 1
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        if time.perf_counter() - start >= target or loops >= 1 << 24:
            return loops
        loops *= 2


def format_table(rows: list[Row]) -> str:
    """A Markdown table; ratios are value / baseline value within the same group."""
    by_key = {(r.group, r.name): r for r in rows}
    lines = ["| group | benchmark | value | unit | vs baseline | note |",
             "|---|---|---:|---|---:|---|"]
    for row in rows:
        ratio = ""
        if row.baseline is not None:
            base = by_key.get((row.group, row.baseline))
            if base is not None and base.value:
                ratio = f"{row.value / base.value:.2f}x {row.baseline}"
        lines.append(f"| {row.group} | {row.name} | {_fmt(row.value)} | {row.unit} | {ratio} "
                     f"| {row.note} |")
    return "\n".join(lines)


def _fmt(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.4g}"
