"""The epoch's boundary: validated inputs, hyperparameters, sparse rows and outputs.

Everything is checked here, before any arithmetic: vector lengths, uid ranges, value ranges and
duplicate columns. A bad input raises :class:`EpochInputError` naming the field and the uid.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

U16_MAX = 65535
U64_MAX = (1 << 64) - 1
I64_MAX = (1 << 63) - 1
NO_COMMIT = U64_MAX
MAX_UIDS = 65536


class EpochInputError(ValueError):
    """An epoch input is malformed (wrong length, uid out of range, value out of its type)."""


def _check_range(name: str, value: int, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise EpochInputError(f"{name} must be an integer, got {value!r}")
    if not low <= int(value) <= high:
        raise EpochInputError(f"{name} = {value} is outside [{low}, {high}]")
    return int(value)


@dataclass(frozen=True, slots=True)
class Hyperparameters:
    """Per-subnet epoch hyperparameters, in their on-chain integer units (§1.1)."""

    kappa: int = 32767
    bonds_penalty: int = 65535
    bonds_moving_average: int = 900_000
    yuma3: bool = False
    liquid_alpha: bool = False
    alpha_low: int = 45875
    alpha_high: int = 58982
    alpha_sigmoid_steepness: int = 1000
    max_allowed_validators: int = 64
    stake_threshold: int = 0
    activity_cutoff: int = 5000
    commit_reveal: bool = False

    def __post_init__(self) -> None:
        for name in ("kappa", "bonds_penalty", "alpha_low", "alpha_high",
                     "max_allowed_validators"):
            _check_range(f"hyperparameters.{name}", getattr(self, name), 0, U16_MAX)
        _check_range("hyperparameters.alpha_sigmoid_steepness", self.alpha_sigmoid_steepness,
                     -32768, 32767)
        _check_range("hyperparameters.bonds_moving_average", self.bonds_moving_average,
                     0, 1_000_000)
        _check_range("hyperparameters.stake_threshold", self.stake_threshold, 0, U64_MAX)
        _check_range("hyperparameters.activity_cutoff", self.activity_cutoff, 0, U64_MAX)
        for name in ("yuma3", "liquid_alpha", "commit_reveal"):
            if not isinstance(getattr(self, name), bool | np.bool_):
                raise EpochInputError(f"hyperparameters.{name} must be a boolean")


@dataclass(frozen=True, slots=True)
class SparseRows:
    """A sparse matrix as CSR arrays; each row keeps the order its entries were given in.

    Row ``i`` holds ``indices[indptr[i]:indptr[i+1]]`` (column uids) with the matching
    ``values`` (u16 integers as stored on chain).
    """

    indptr: NDArray[np.int64]
    indices: NDArray[np.int64]
    values: NDArray[np.int64]

    @property
    def n_rows(self) -> int:
        """Number of rows."""
        return len(self.indptr) - 1

    @classmethod
    def from_rows(cls, rows: Sequence[Iterable[Sequence[int]]], name: str = "rows") -> SparseRows:
        """Build from ``[[(uid, u16), ...], ...]``; every pair must be two integers."""
        indptr = [0]
        cols: list[int] = []
        vals: list[int] = []
        for i, row in enumerate(rows):
            for pair in row:
                if len(pair) != 2:
                    raise EpochInputError(f"{name}[{i}]: entry {pair!r} is not a (uid, value) pair")
                cols.append(_check_range(f"{name}[{i}] uid", pair[0], 0, MAX_UIDS - 1))
                vals.append(_check_range(f"{name}[{i}] value", pair[1], 0, U16_MAX))
            indptr.append(len(cols))
        return cls(np.array(indptr, dtype=np.int64), np.array(cols, dtype=np.int64),
                   np.array(vals, dtype=np.int64))

    @classmethod
    def empty(cls, n_rows: int) -> SparseRows:
        """``n_rows`` empty rows."""
        return cls(np.zeros(n_rows + 1, dtype=np.int64), np.zeros(0, dtype=np.int64),
                   np.zeros(0, dtype=np.int64))

    def row(self, i: int) -> list[tuple[int, int]]:
        """Row ``i`` as a list of ``(uid, value)`` pairs in stored order."""
        lo, hi = int(self.indptr[i]), int(self.indptr[i + 1])
        return list(zip(self.indices[lo:hi].tolist(), self.values[lo:hi].tolist(), strict=True))

    def to_rows(self) -> list[list[tuple[int, int]]]:
        """All rows as lists of ``(uid, value)`` pairs."""
        return [self.row(i) for i in range(self.n_rows)]

    def row_ids(self) -> NDArray[np.int64]:
        """The row index of every stored entry."""
        return np.repeat(np.arange(self.n_rows, dtype=np.int64), np.diff(self.indptr))

    def validate(self, name: str, n: int) -> None:
        """Check shape, uid range (< n) and that no row names a column twice."""
        if self.n_rows != n:
            raise EpochInputError(f"{name} has {self.n_rows} rows, expected n = {n}")
        if len(self.indices) != len(self.values) or int(self.indptr[-1]) != len(self.indices):
            raise EpochInputError(f"{name}: indptr/indices/values lengths disagree")
        if np.any(np.diff(self.indptr) < 0):
            raise EpochInputError(f"{name}: indptr is not non-decreasing")
        if len(self.indices) == 0:
            return
        bad = np.flatnonzero((self.indices < 0) | (self.indices >= n))
        if bad.size:
            row = int(np.searchsorted(self.indptr, bad[0], side="right") - 1)
            raise EpochInputError(f"{name}[{row}] names uid {int(self.indices[bad[0]])}, "
                                  f"out of range for n = {n}")
        if int(self.values.min()) < 0 or int(self.values.max()) > U16_MAX:
            raise EpochInputError(f"{name}: values must be u16")
        self._check_duplicates(name, n)

    def _check_duplicates(self, name: str, n: int) -> None:
        """Rows in ascending column order cannot repeat a column; other rows are checked."""
        starts = self.indptr[:-1]
        not_rising = np.flatnonzero(np.diff(self.indices) <= 0) + 1
        row_start = np.zeros(len(self.indices), dtype=bool)
        row_start[starts[starts < len(self.indices)]] = True
        suspects = np.unique(np.searchsorted(self.indptr, not_rising[~row_start[not_rising]],
                                             side="right") - 1)
        for row in suspects.tolist():
            cols = self.indices[self.indptr[row]:self.indptr[row + 1]]
            uniq, counts = np.unique(cols, return_counts=True)
            if np.any(counts > 1):
                raise EpochInputError(f"{name}[{row}] names uid {int(uniq[counts > 1][0])} "
                                      "more than once")


def _u64_vector(name: str, values: object, n: int) -> NDArray[np.uint64]:
    if isinstance(values, np.ndarray) and values.dtype == np.uint64:
        if values.shape != (n,):
            raise EpochInputError(f"{name} has shape {values.shape}, expected ({n},)")
        return values
    as_list = values.tolist() if isinstance(values, np.ndarray) else list(values)  # type: ignore[call-overload]
    if len(as_list) != n:
        raise EpochInputError(f"{name} has length {len(as_list)}, expected n = {n}")
    for uid, v in enumerate(as_list):
        _check_range(f"{name}[{uid}]", v, 0, U64_MAX)
    return np.array(as_list, dtype=np.uint64)


def _bool_vector(name: str, values: object, n: int) -> NDArray[np.bool_]:
    if isinstance(values, np.ndarray) and values.dtype == np.bool_:
        if values.shape != (n,):
            raise EpochInputError(f"{name} has shape {values.shape}, expected ({n},)")
        return values
    as_list = values.tolist() if isinstance(values, np.ndarray) else list(values)  # type: ignore[call-overload]
    if len(as_list) != n:
        raise EpochInputError(f"{name} has length {len(as_list)}, expected n = {n}")
    for uid, v in enumerate(as_list):
        if not isinstance(v, bool):
            raise EpochInputError(f"{name}[{uid}] must be a boolean, got {v!r}")
    return np.array(as_list, dtype=bool)


@dataclass(frozen=True, slots=True)
class EpochInputs:
    """Everything one epoch reads (§1.1), validated on construction.

    ``stake`` is each uid's final stake weight (alpha + tao × tao_weight) as an I64F64 whose
    integer part is ``stake`` (u64) and whose fractional part, in units of 2**-64, is
    ``stake_fraction`` (None when every stake is a whole number, as in the JSON interface);
    ``commit_block[i]`` is uid i's earliest live commit block, or :data:`NO_COMMIT`.
    ``last_epoch_block`` is ``LastMechansimStepBlock`` (0 if no epoch ran yet).
    """

    block: int
    tempo: int
    rao_emission: int
    last_epoch_block: int
    owner_uid: int | None
    hyperparameters: Hyperparameters
    stake: NDArray[np.uint64]
    last_update: NDArray[np.uint64]
    block_at_registration: NDArray[np.uint64]
    validator_permit: NDArray[np.bool_]
    commit_block: NDArray[np.uint64]
    weights: SparseRows
    bonds: SparseRows
    stake_fraction: NDArray[np.uint64] | None = None

    @property
    def n(self) -> int:
        """Number of uids in the subnet."""
        return len(self.stake)

    def __post_init__(self) -> None:
        n = len(self.stake)
        if n > MAX_UIDS:
            raise EpochInputError(f"n = {n} exceeds the u16 uid space")
        _check_range("block", self.block, 0, U64_MAX)
        _check_range("tempo", self.tempo, 0, U16_MAX)
        _check_range("rao_emission", self.rao_emission, 0, U64_MAX)
        _check_range("last_epoch_block", self.last_epoch_block, 0, U64_MAX)
        if self.owner_uid is not None:
            _check_range("owner_uid", self.owner_uid, 0, max(n - 1, 0))
            if n == 0:
                raise EpochInputError("owner_uid given for an empty subnet")
        if not isinstance(self.hyperparameters, Hyperparameters):
            raise EpochInputError("hyperparameters must be a Hyperparameters instance")
        object.__setattr__(self, "stake", _u64_vector("stake", self.stake, n))
        carry = 0
        if self.stake_fraction is not None:
            fraction = _u64_vector("stake_fraction", self.stake_fraction, n)
            object.__setattr__(self, "stake_fraction", fraction if fraction.any() else None)
            carry = -(-sum(fraction.tolist()) >> 64)
        if sum(self.stake.tolist()) + carry > I64_MAX:
            raise EpochInputError("total stake exceeds the I64F64 integer range (2**63 - 1)")
        for name in ("last_update", "block_at_registration", "commit_block"):
            object.__setattr__(self, name, _u64_vector(name, getattr(self, name), n))
        object.__setattr__(self, "validator_permit",
                           _bool_vector("validator_permit", self.validator_permit, n))
        self.weights.validate("weights", n)
        self.bonds.validate("bonds", n)


@dataclass(frozen=True, slots=True)
class EpochOutputs:
    """What one epoch produces (§1.12), indexed by uid; u16 terms as stored on chain.

    ``bonds`` is every uid's bond row as stored after the epoch.
    """

    active: NDArray[np.bool_]
    consensus: NDArray[np.uint16]
    incentive: NDArray[np.uint16]
    dividends: NDArray[np.uint16]
    validator_trust: NDArray[np.uint16]
    validator_permit: NDArray[np.bool_]
    stake_weight: NDArray[np.uint16]
    emission: NDArray[np.uint64]
    server_emission: NDArray[np.uint64]
    validator_emission: NDArray[np.uint64]
    bonds: SparseRows

    def as_lists(self) -> dict[str, object]:
        """The outputs as plain Python lists keyed by their on-chain storage names."""
        return {
            "Active": [bool(v) for v in self.active],
            "Consensus": self.consensus.tolist(),
            "Incentive": self.incentive.tolist(),
            "Dividends": self.dividends.tolist(),
            "ValidatorTrust": self.validator_trust.tolist(),
            "ValidatorPermit": [bool(v) for v in self.validator_permit],
            "StakeWeight": self.stake_weight.tolist(),
            "Emission": self.emission.tolist(),
            "Bonds": [[list(pair) for pair in row] for row in self.bonds.to_rows()],
            "server_emission": self.server_emission.tolist(),
            "validator_emission": self.validator_emission.tolist(),
        }
