"""Bonds and dividends (§1.10): classic EMA bonds and Yuma3 fixed-proportion bonds.

Matrices are ``(rows, n)`` blocks over the uids in ``rows`` (see :mod:`.math`); ``ema_present``
marks the entries a sparse row would hold, ``order`` (or None for ascending) their row order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from runtime.pallets.subtensor.epoch.math import (
    alpha_sigmoid,
    col_max_upscale,
    col_normalize,
    ema_with_alpha,
    merge_records,
    mul_nonneg,
)
from runtime.pallets.subtensor.epoch.types import Hyperparameters
from runtime.primitives.fixed_array import ONE, from_u16_proportion, normalize

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class BondInputs:
    """Everything the bond step reads, already restricted to the block's rows (uids ``rows``)."""

    rows: NDArray[np.int64]
    weights_for_bonds: IntArray
    wb_present: BoolArray
    wb_position: NDArray[np.int32] | None
    bonds_u16: IntArray
    bonds_present: BoolArray
    bonds_position: NDArray[np.int32] | None
    row_active_stake: IntArray
    consensus: IntArray
    incentive: IntArray
    dense: bool


@dataclass(frozen=True, slots=True)
class BondResult:
    """Dividends (length n) and the block of bond values to store, with presence and order."""

    dividends: IntArray
    stored: IntArray
    ema_present: BoolArray
    order: NDArray[np.int32] | None
    ema: IntArray


@cache
def moving_average_alpha(bonds_moving_average: int) -> int:
    """``1 - bma / 10^6``; the quotient is taken in I64F64 and truncated to I32F32 (§1.13.5)."""
    return ONE - (((bonds_moving_average << 64) // 1_000_000) >> 32)


def _ema_fixed(new: IntArray, old: IntArray, alpha: int) -> IntArray:
    return mul_nonneg(new, alpha) + mul_nonneg(old, ONE - alpha)


def classic_bonds(inp: BondInputs, hp: Hyperparameters, n: int) -> BondResult:
    """Classic Yuma: column-normalised B and W∘S deltas, EMA, dividends, column max-upscale."""
    bonds = col_normalize(np.where(inp.bonds_present, inp.bonds_u16 << 32, 0))
    delta = mul_nonneg(inp.weights_for_bonds, inp.row_active_stake[:, None])
    delta = col_normalize(np.where(inp.wb_present, delta, 0))
    ema = _ema_fixed(delta, bonds, moving_average_alpha(hp.bonds_moving_average))
    present = ema > 0
    ema = col_normalize(np.where(present, ema, 0))
    dividends = np.zeros(n, dtype=np.int64)
    dividends[inp.rows] = mul_nonneg(ema, inp.incentive[None, :]).sum(axis=1)
    return BondResult(normalize(dividends), col_max_upscale(ema), present, None, ema)


def yuma3_bonds(inp: BondInputs, hp: Hyperparameters, n: int) -> BondResult:
    """Yuma3: EMA of fixed-proportion bonds towards W (liquid alpha optional), dividends."""
    bonds = np.where(inp.bonds_present, from_u16_proportion(inp.bonds_u16), 0)
    wb = inp.weights_for_bonds
    order = None
    if hp.liquid_alpha and inp.consensus.any():
        low, high = from_u16_proportion(hp.alpha_low), from_u16_proportion(hp.alpha_high)
        ema, present = _liquid_ema(inp, wb, bonds, int(low), int(high), hp)
        order = None if inp.dense else inp.wb_position
    else:
        ema = _ema_fixed(wb, bonds, moving_average_alpha(hp.bonds_moving_average))
        present = ema > 0
    ema = np.where(present, ema, 0)
    norm = col_normalize(ema)
    total_bond = mul_nonneg(norm, inp.incentive[None, :]).sum(axis=1)
    dividends = np.zeros(n, dtype=np.int64)
    dividends[inp.rows] = mul_nonneg(total_bond, inp.row_active_stake)
    return BondResult(normalize(dividends), ema, present, order, ema)


def _liquid_ema(inp: BondInputs, wb: IntArray, bonds: IntArray, low: int, high: int,
                hp: Hyperparameters) -> tuple[IntArray, BoolArray]:
    steep = hp.alpha_sigmoid_steepness
    if inp.dense:
        alpha = alpha_sigmoid(inp.consensus[None, :], wb, bonds, low, high, steep)
        return ema_with_alpha(wb, bonds, alpha)
    seen_w = merge_records(inp.wb_present, inp.wb_position)
    seen_b = merge_records(inp.bonds_present, inp.bonds_position)
    rows, cols = np.nonzero(inp.wb_present)
    alpha = np.zeros(wb.shape, dtype=np.int64)
    alpha[rows, cols] = alpha_sigmoid(
        inp.consensus[cols], np.where(seen_w[rows, cols], wb[rows, cols], 0),
        np.where(seen_b[rows, cols], bonds[rows, cols], 0), low, high, steep)
    return ema_with_alpha(wb, bonds, alpha, inp.wb_present, inp.bonds_present)
