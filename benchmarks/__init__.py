"""Benchmarks: ``python -m benchmarks [NAME ...]`` runs every ``bench_*.py`` module, or those named.

Each module defines ``def run() -> list[Row]``. Figures are reported next to a baseline measured in
the same run (the machine is shared and noisy, so ratios are what carry meaning).
"""
