"""Yuma Consensus epoch (spec §1): a pure, exact, numpy-vectorised function of a subnet's state.

Entry point: :func:`run_epoch` on validated :class:`EpochInputs`, returning :class:`EpochOutputs`.
"""

from __future__ import annotations

from runtime.pallets.subtensor.epoch.types import (
    NO_COMMIT,
    EpochInputError,
    EpochInputs,
    EpochOutputs,
    Hyperparameters,
    SparseRows,
)
from runtime.pallets.subtensor.epoch.yuma import run_epoch

__all__ = [
    "NO_COMMIT",
    "EpochInputError",
    "EpochInputs",
    "EpochOutputs",
    "Hyperparameters",
    "SparseRows",
    "run_epoch",
]
