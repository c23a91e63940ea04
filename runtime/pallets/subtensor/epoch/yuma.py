"""The Yuma Consensus epoch as a pure function: :func:`run_epoch` (spec §1, sparse and dense).

The sparse path (``dense=False``) is what the chain runs (``epoch_mechanism``); the dense path
(``dense=True``) is ``epoch_dense_mechanism``, which the reference's tests use (§1.14). All
arithmetic is exact I32F32 / I64F64 / I96F32 emulation on numpy integer arrays.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from runtime.pallets.subtensor.epoch.blocks import (
    Block,
    block_row_uids,
    block_rows,
    bonds_block,
    weights_block,
)
from runtime.pallets.subtensor.epoch.bonds import (
    BondInputs,
    BondResult,
    classic_bonds,
    yuma3_bonds,
)
from runtime.pallets.subtensor.epoch.math import (
    clip_to_consensus,
    column_consensus,
    mul_nonneg,
    topk,
)
from runtime.pallets.subtensor.epoch.types import EpochInputs, EpochOutputs, SparseRows
from runtime.primitives.fixed_array import (
    ONE,
    div_frac,
    from_u16_proportion,
    mul,
    normalize,
    normalize_u64_to_i32f32,
    share_of_amount,
    to_u16_proportion,
    u16_proportion_values,
)

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
Trace = dict[str, Any]


def _active(inputs: EpochInputs) -> BoolArray:
    threshold = inputs.block - inputs.hyperparameters.activity_cutoff
    if threshold <= 0:
        return np.ones(inputs.n, dtype=bool)
    return ~(inputs.last_update < np.uint64(threshold))


def _stake(inputs: EpochInputs, owner: int | None) -> IntArray:
    """§1.2: threshold filter on the integer part, I64F64 normalisation, truncation."""
    below = inputs.stake < np.uint64(inputs.hyperparameters.stake_threshold)
    if owner is not None:
        below[owner] = False
    if inputs.stake_fraction is None:
        return normalize_u64_to_i32f32(np.where(below, np.uint64(0), inputs.stake))
    bits = [0 if low else (whole << 64) | frac for low, whole, frac in zip(
        below.tolist(), inputs.stake.tolist(), inputs.stake_fraction.tolist(), strict=True)]
    total = sum(bits)
    if total == 0:
        return np.zeros(inputs.n, dtype=np.int64)
    return np.array([((b << 64) // total) >> 32 for b in bits], dtype=np.int64)


def _row_normalize(raw: IntArray) -> IntArray:
    """Row sums of u16 weights; each entry becomes (w << 32) // sum, which equals the
    reference's I32F32 ``w.safe_div(sum)`` with both sides scaled by 2**32."""
    sums = raw.sum(axis=1, keepdims=True)
    return div_frac(raw, np.maximum(sums, 1))


def _weights_for_bonds(w: IntArray, w_present: BoolArray, cw: IntArray, cw_present: BoolArray,
                       ratio: int, dense: bool) -> tuple[IntArray, BoolArray, bool]:
    """Interpolation W + ratio (CW - W); the flag says whether W's row order survives."""
    if ratio == 0:
        return w, w_present, True
    if ratio == ONE:
        return cw, cw_present, True
    mixed = w + mul(ratio, cw - w)
    present = np.ones(w.shape, dtype=bool) if dense else mixed > 0
    return mixed, present, False


def _emission(incentive: IntArray, dividends: IntArray, active_stake: IntArray,
              stake: IntArray, rao: int) -> tuple[NDArray[np.uint64], ...]:
    combined = incentive + dividends
    total = int(combined.sum())
    if total != 0:
        server = div_frac(incentive, total)
        validator = div_frac(dividends, total)
        shares = normalize(combined)
    else:
        server = incentive
        validator = stake if not active_stake.any() else active_stake
        shares = validator
    return (share_of_amount(server, rao), share_of_amount(validator, rao),
            share_of_amount(shares, rao))


def _stored_bonds(inputs: EpochInputs, rows: IntArray, result: BondResult, new: BoolArray,
                  old: BoolArray, dense: bool) -> SparseRows:
    """The bond rows as stored after the epoch (§1.10, last paragraph)."""
    n = inputs.n
    if dense:
        u16 = u16_proportion_values(result.stored)
        return _dense_stored_bonds(inputs, rows, u16, new, old)
    present = result.ema_present & new[rows][:, None]
    counts = np.zeros(n, dtype=np.int64)
    counts[rows] = present.sum(axis=1)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    if result.order is None:
        cols = np.broadcast_to(np.arange(n, dtype=np.int64), present.shape)[present]
        values = u16_proportion_values(result.stored[present])
        return SparseRows(indptr, cols, values)
    r, c = np.nonzero(present)
    by_position = np.lexsort((result.order[r, c], r))
    r, c = r[by_position], c[by_position]
    return SparseRows(indptr, c.astype(np.int64),
                      u16_proportion_values(result.stored[r, c]))


def _dense_stored_bonds(inputs: EpochInputs, rows: IntArray, u16: IntArray, new: BoolArray,
                        old: BoolArray) -> SparseRows:
    n = inputs.n
    full = np.zeros((n, n), dtype=np.int64)
    full[rows] = u16
    counts = np.diff(inputs.bonds.indptr)
    counts = np.where(new, n, np.where(old, 0, counts))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    indices = np.empty(int(indptr[-1]), dtype=np.int64)
    values = np.empty(int(indptr[-1]), dtype=np.int64)
    for uid in range(n):
        lo, hi = int(indptr[uid]), int(indptr[uid + 1])
        if new[uid]:
            indices[lo:hi] = np.arange(n)
            values[lo:hi] = full[uid]
        elif not old[uid]:
            src_lo, src_hi = int(inputs.bonds.indptr[uid]), int(inputs.bonds.indptr[uid + 1])
            indices[lo:hi] = inputs.bonds.indices[src_lo:src_hi]
            values[lo:hi] = inputs.bonds.values[src_lo:src_hi]
    return SparseRows(indptr, indices, values)


def _permits(inputs: EpochInputs, stake: IntArray, owner: int | None) -> tuple[BoolArray, ...]:
    old = inputs.validator_permit.copy()
    new = topk(stake, inputs.hyperparameters.max_allowed_validators)
    if owner is not None:
        old[owner] = True
        new[owner] = True
    return old, new


def _record(trace: Trace, rows: IntArray, n: int, vectors: dict[str, NDArray[Any]],
            blocks: dict[str, tuple[IntArray, BoolArray]]) -> None:
    """Store intermediate vectors as they are and blocks as CSR rows."""
    trace.update(vectors)
    for name, (values, present) in blocks.items():
        trace[name] = block_rows(rows, values, present, n)


def _bond_inputs(rows: IntArray, wb: tuple[IntArray, BoolArray, bool], w_block: Block,
                 b_block: Block, active_stake: IntArray, consensus: IntArray,
                 incentive: IntArray, dense: bool) -> BondInputs:
    values, present, keeps_order = wb
    return BondInputs(
        rows=rows, weights_for_bonds=values, wb_present=present,
        wb_position=w_block.position if keeps_order else None, bonds_u16=b_block.values,
        bonds_present=b_block.present, bonds_position=b_block.position,
        row_active_stake=active_stake[rows], consensus=consensus, incentive=incentive,
        dense=dense)


def run_epoch(inputs: EpochInputs, *, dense: bool = False,
              trace: Trace | None = None) -> EpochOutputs:
    """Run one Yuma Consensus epoch (spec §1) on validated inputs.

    ``dense=True`` follows the reference's dense test path (§1.14). When ``trace`` is a dict it
    receives every intermediate vector (I32F32 bits) and matrix (:class:`SparseRows` of bits).
    """
    n, hp = inputs.n, inputs.hyperparameters
    owner = None if dense else inputs.owner_uid
    active = _active(inputs)
    stake = _stake(inputs, owner)
    old, new = _permits(inputs, stake, owner)
    active_stake = normalize(np.where(active & old, stake, 0))
    if trace is not None:
        trace["weights_loaded"] = inputs.weights
    rows = block_row_uids(inputs, old)
    index_of_row = np.full(n, -1, dtype=np.int64)
    index_of_row[rows] = np.arange(len(rows))
    w_block = weights_block(inputs, rows, old, owner, dense, trace)
    w = _row_normalize(w_block.values)
    consensus = column_consensus(active_stake, w, index_of_row, from_u16_proportion(hp.kappa))
    cw, cw_present = clip_to_consensus(w, w_block.present, consensus)
    validator_trust = np.zeros(n, dtype=np.int64)
    validator_trust[rows] = cw.sum(axis=1)
    ranks = mul_nonneg(cw, active_stake[rows][:, None]).sum(axis=0)
    incentive = normalize(ranks)
    wb = _weights_for_bonds(w, w_block.present, cw, cw_present,
                            from_u16_proportion(hp.bonds_penalty), dense)
    b_block = bonds_block(inputs, rows)
    result = (yuma3_bonds if hp.yuma3 else classic_bonds)(
        _bond_inputs(rows, wb, w_block, b_block, active_stake, consensus, incentive, dense),
        hp, n)
    server, validator, combined = _emission(incentive, result.dividends, active_stake, stake,
                                            inputs.rao_emission)
    if trace is not None:
        _record(trace, rows, n, dict(
            active=active, stake=stake, validator_permit=old, new_validator_permit=new,
            active_stake=active_stake, consensus=consensus, validator_trust=validator_trust,
            ranks=ranks, incentive=incentive, dividends=result.dividends), dict(
            weights=(w, w_block.present), clipped_weights=(cw, cw_present),
            weights_for_bonds=wb[:2], bonds=(b_block.values, b_block.present),
            ema_bonds=(result.ema, result.ema_present)))
    return EpochOutputs(
        active=active, consensus=to_u16_proportion(consensus),
        incentive=to_u16_proportion(incentive), dividends=to_u16_proportion(result.dividends),
        validator_trust=to_u16_proportion(validator_trust), validator_permit=new,
        stake_weight=to_u16_proportion(stake), emission=combined, server_emission=server,
        validator_emission=validator,
        bonds=_stored_bonds(inputs, rows, result, new, old, dense))
