"""Sparse rows to blocks: the row-by-row and the all-at-once scatter agree, order is kept."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.pallets.subtensor.epoch import blocks
from runtime.pallets.subtensor.epoch.blocks import scatter_rows
from runtime.pallets.subtensor.epoch.math import merge_records
from runtime.pallets.subtensor.epoch.types import SparseRows
from tests.oracle.epoch_sparse import merged_value


def random_rows(seed: int, n: int) -> list[list[tuple[int, int]]]:
    """Random rows, some stored out of column order."""
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(n):
        cols = rng.choice(n, size=int(rng.integers(0, n + 1)), replace=False)
        if rng.random() < 0.5:
            cols = np.sort(cols)
        rows.append([(int(c), int(rng.integers(0, 65536))) for c in cols])
    return rows


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 30))
def test_scatter_strategies_agree(seed: int, n: int) -> None:
    """Long-row and short-row scatter build the same block, presence and positions."""
    matrix = SparseRows.from_rows(random_rows(seed, n))
    rows = np.arange(n, dtype=np.int64)
    include = np.random.default_rng(seed + 1).random(n) < 0.8
    short = scatter_rows(matrix, rows, include, n)
    saved = blocks.LOOP_ROW_LENGTH
    try:
        blocks.LOOP_ROW_LENGTH = 0
        long = scatter_rows(matrix, rows, include, n)
    finally:
        blocks.LOOP_ROW_LENGTH = saved
    assert np.array_equal(short.values, long.values)
    assert np.array_equal(short.present, long.present)
    assert (short.position is None) == (long.position is None)
    if short.position is not None:
        assert np.array_equal(np.where(short.present, short.position, -1),
                              np.where(long.present, long.position, -1))


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 30))
def test_merge_records_equal_forward_merge(seed: int, n: int) -> None:
    """An entry is found by the reference's forward merge iff it is flagged as a record."""
    raw = random_rows(seed, n)
    block = scatter_rows(SparseRows.from_rows(raw), np.arange(n, dtype=np.int64),
                         np.ones(n, dtype=bool), n)
    found = merge_records(block.present, block.position)
    for i, row in enumerate(raw):
        cursor = [0]
        for j in range(n):
            value = merged_value(row, j, cursor)
            expected_found = any(c == j for c, _ in row) and value == dict(row).get(j, 0)
            if dict(row).get(j, 0) != 0:
                assert bool(found[i, j]) == expected_found, (i, j)
