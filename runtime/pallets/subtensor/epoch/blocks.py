"""Sparse rows to dense blocks: the epoch's working layout (§1.6 masks, §1.10 bond masks).

A block is a ``(len(rows), n)`` int64 matrix over the uids ``rows`` that have any entry, with a
presence mask (an explicit zero weight is present, an absent one is not) and, only when some
row is stored out of column order, each entry's position in its stored row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from runtime.pallets.subtensor.epoch.types import EpochInputs, SparseRows

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Block:
    """A sparse matrix as a dense block: values, presence, stored row order (None: ascending)."""

    values: IntArray
    present: BoolArray
    position: NDArray[np.int32] | None


LOOP_ROW_LENGTH = 512


def scatter_rows(matrix: SparseRows, rows: IntArray, include: BoolArray, n: int) -> Block:
    """The rows ``rows`` of ``matrix`` as a block; rows with ``include[uid]`` False stay empty."""
    values = np.zeros((len(rows), n), dtype=np.int64)
    present = np.zeros((len(rows), n), dtype=bool)
    counts = np.diff(matrix.indptr)[rows] * include[rows]
    total = int(counts.sum())
    if total == 0:
        return Block(values, present, None)
    if total >= LOOP_ROW_LENGTH * len(rows):
        unsorted = _scatter_long_rows(matrix, rows, counts, values, present)
    else:
        unsorted = _scatter_short_rows(matrix, rows, counts, values, present)
    position = None
    if unsorted:
        position = np.broadcast_to(np.arange(n, dtype=np.int32), (len(rows), n)).copy()
        for k in unsorted:
            lo = int(matrix.indptr[rows[k]])
            cols = matrix.indices[lo:lo + int(counts[k])]
            position[k, cols] = np.arange(len(cols), dtype=np.int32)
    return Block(values, present, position)


def _scatter_long_rows(matrix: SparseRows, rows: IntArray, counts: IntArray, values: IntArray,
                       present: BoolArray) -> list[int]:
    """Row by row (cheap per entry when rows are long); returns the unsorted block rows."""
    unsorted = []
    for k, (uid, count) in enumerate(zip(rows.tolist(), counts.tolist(), strict=True)):
        if count == 0:
            continue
        lo = int(matrix.indptr[uid])
        cols = matrix.indices[lo:lo + count]
        values[k][cols] = matrix.values[lo:lo + count]
        present[k][cols] = True
        if count > 1 and not bool((cols[1:] > cols[:-1]).all()):
            unsorted.append(k)
    return unsorted


def _scatter_short_rows(matrix: SparseRows, rows: IntArray, counts: IntArray,
                        values: IntArray, present: BoolArray) -> list[int]:
    """All entries at once (cheap per row when rows are short); returns unsorted block rows."""
    n_uids = matrix.n_rows
    index_of_row = np.full(n_uids, -1, dtype=np.int64)
    index_of_row[rows[counts > 0]] = np.flatnonzero(counts > 0)
    block_row = np.repeat(index_of_row, np.diff(matrix.indptr))
    cols = matrix.indices
    stored = matrix.values
    if int(block_row.min()) < 0:
        keep = block_row >= 0
        block_row, cols, stored = block_row[keep], cols[keep], stored[keep]
    flat = block_row * values.shape[1] + cols
    values.ravel()[flat] = stored
    present.ravel()[flat] = True
    descending = (block_row[1:] == block_row[:-1]) & (cols[1:] <= cols[:-1])
    if not descending.any():
        return []
    return np.unique(block_row[1:][descending]).tolist()


def block_rows(rows: IntArray, values: IntArray, present: BoolArray, n: int) -> SparseRows:
    """A block back to CSR (ascending columns), for traces."""
    r, c = np.nonzero(present)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows[r], minlength=n), out=indptr[1:])
    return SparseRows(indptr, c.astype(np.int64), values[r, c])


def block_row_uids(inputs: EpochInputs, permits: BoolArray) -> IntArray:
    """Uids with a weights row that survives the permit mask, or with any stored bond."""
    has_weights = (np.diff(inputs.weights.indptr) > 0) & permits
    has_bonds = np.diff(inputs.bonds.indptr) > 0
    return np.flatnonzero(has_weights | has_bonds)


def weights_block(inputs: EpochInputs, rows: IntArray, permits: BoolArray, owner: int | None,
                  dense: bool, trace: dict | None) -> Block:
    """Weights of permitted validators with the diagonal, outdated and commit-reveal masks."""
    n = inputs.n
    block = scatter_rows(inputs.weights, rows, permits, n)
    present = block.present
    k = np.arange(len(rows))
    keep_diagonal = (rows == owner) if (owner is not None and not dense) else np.zeros(
        len(rows), dtype=bool)
    present[k[~keep_diagonal], rows[~keep_diagonal]] = False
    reg = inputs.block_at_registration
    present &= inputs.last_update[rows][:, None] > reg[None, :]
    if trace is not None:
        trace["weights_masked"] = block_rows(rows, block.values, present, n)
    if inputs.hyperparameters.commit_reveal and not dense:
        present &= inputs.commit_block[rows][:, None] >= reg[None, :]
        if trace is not None:
            trace["weights_commit_reveal"] = block_rows(rows, block.values, present, n)
    values = block.values
    values *= present
    return Block(values, present, block.position)


def bonds_block(inputs: EpochInputs, rows: IntArray) -> Block:
    """Stored bonds (u16) without the columns of uids registered since the last epoch."""
    n = inputs.n
    block = scatter_rows(inputs.bonds, rows, np.ones(n, dtype=bool), n)
    if inputs.last_epoch_block == 0:
        last_tempo = max(0, inputs.block - inputs.tempo)
    else:
        last_tempo = inputs.last_epoch_block + 1
    recent = inputs.block_at_registration >= np.uint64(last_tempo)
    if recent.any():
        block.present[:, recent] = False
        block.values[:, recent] = 0
    return block
