"""Yuma epoch timings: n = 64..4096 (64 validators, and fully dense), the scalar oracle for the
ratio, and a mainnet-shaped sweep (128 subnets x 256 uids, 64 validators each).

Subnets are new-subnet defaults (Yuma3 on, liquid alpha off, bonds penalty 1) with bonds carried
from a previous epoch, weights from every validator over (nearly) every miner.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
import sys
import time

import numpy as np

from benchmarks.harness import Row, seconds
from runtime.pallets.subtensor.epoch import (
    NO_COMMIT,
    EpochInputs,
    Hyperparameters,
    SparseRows,
    run_epoch,
)

GROUP = "epoch"
SIZES = (64, 256, 1024, 4096)
ORACLE_SIZES = (64, 256)


def _csr(rows: list[np.ndarray], values: list[np.ndarray], n: int) -> SparseRows:
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    indices = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    vals = np.concatenate(values) if values else np.zeros(0, dtype=np.int64)
    return SparseRows(indptr, indices.astype(np.int64), vals.astype(np.int64))


def make_subnet(n: int, validators: int, *, seed: int = 0, liquid_alpha: bool = False,
                yuma3: bool = True) -> EpochInputs:
    """A subnet of ``n`` uids whose first ``validators`` uids hold the stake and set weights
    on about 90% of the uids (all uids when ``validators == n``)."""
    rng = np.random.default_rng(seed)
    stake = np.zeros(n, dtype=np.uint64)
    stake[:validators] = rng.integers(10**12, 10**15, size=validators, dtype=np.uint64)
    w_rows, w_vals, b_rows, b_vals = [], [], [], []
    density = 1.0 if validators == n else 0.9
    for uid in range(n):
        if uid >= validators:
            w_rows.append(np.zeros(0, dtype=np.int64))
            w_vals.append(np.zeros(0, dtype=np.int64))
            b_rows.append(np.zeros(0, dtype=np.int64))
            b_vals.append(np.zeros(0, dtype=np.int64))
            continue
        cols = np.flatnonzero(rng.random(n) < density)
        w_rows.append(cols)
        w_vals.append(rng.integers(0, 65536, size=len(cols)))
        bcols = np.flatnonzero(rng.random(n) < density)
        b_rows.append(bcols)
        b_vals.append(rng.integers(0, 65536, size=len(bcols)))
    block = 10_000
    hp = Hyperparameters(yuma3=yuma3, liquid_alpha=liquid_alpha,
                         max_allowed_validators=max(validators, 64), commit_reveal=True)
    return EpochInputs(
        block=block, tempo=360, rao_emission=10**9 * 180, last_epoch_block=block - 361,
        owner_uid=0, hyperparameters=hp, stake=stake,
        last_update=np.full(n, block - 10, dtype=np.uint64),
        block_at_registration=rng.integers(0, block - 400, size=n).astype(np.uint64),
        validator_permit=np.arange(n) < validators,
        commit_block=np.full(n, NO_COMMIT, dtype=np.uint64),
        weights=_csr(w_rows, w_vals, n), bonds=_csr(b_rows, b_vals, n))


M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_MAX = -1, -2, -4
GLIBC_DEFAULTS = {M_TRIM_THRESHOLD: 128 * 1024, M_TOP_PAD: 128 * 1024, M_MMAP_MAX: 65536}
TUNED = {M_TRIM_THRESHOLD: 1 << 40, M_TOP_PAD: 64 << 20, M_MMAP_MAX: 0}
SORT_PROBE = ("import numpy as np, time\n"
              "x = np.random.default_rng(0).integers(0, 1 << 48, size=(256, 4096))\n"
              "best = 1e9\n"
              "for _ in range(5):\n"
              "    y = x.copy(); t = time.perf_counter(); y.sort(axis=1)\n"
              "    best = min(best, time.perf_counter() - t)\n"
              "print(best)\n")


def _fresh_array_workload() -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(4):
            a = np.ones((512, 4096), dtype=np.int64)
            b = (a << 3) + a
            del a, b
        best = min(best, time.perf_counter() - start)
    return best


def tune_allocator() -> Row:
    """Measure numpy's fresh-array cost with glibc defaults and with mmap disabled and trimming
    off (freed memory stays mapped, so temporaries stop page-faulting); keep the faster."""
    path = ctypes.util.find_library("c")
    libc = ctypes.CDLL(path) if path else None
    if libc is None or not hasattr(libc, "mallopt"):
        return Row(GROUP, "allocator tuning", 0.0, "x", note="no glibc mallopt: defaults kept")
    default = _fresh_array_workload()
    for option, value in TUNED.items():
        libc.mallopt(option, value)
    tuned = _fresh_array_workload()
    kept = tuned < 0.9 * default
    if not kept:
        for option, value in GLIBC_DEFAULTS.items():
            libc.mallopt(option, value)
    note = "mallopt tuning kept" if kept else "glibc defaults kept"
    return Row(GROUP, "allocator: fresh-array speed-up with mallopt", default / tuned, "x",
               note=f"{note} ({default * 1e3:.1f} ms -> {tuned * 1e3:.1f} ms)")


def probe_sort_features() -> Row:
    """Time numpy's row sort with all CPU features and with AVX-512 disabled (subprocesses);
    the setting must be chosen before numpy is imported, so this only reports the faster."""
    times = {}
    for label, disabled in (("default", ""), ("no AVX-512", "X86_V4 AVX512_ICL")):
        env = dict(os.environ, NPY_DISABLE_CPU_FEATURES=disabled)
        done = subprocess.run([sys.executable, "-c", SORT_PROBE], env=env, capture_output=True,
                              text=True, check=False)
        times[label] = float(done.stdout.strip() or "nan")
    better = min(times, key=lambda k: times[k])
    return Row(GROUP, "numpy sort 256x4096, AVX-512 off vs on",
               times["no AVX-512"] / times["default"], "x",
               note=f"faster: {better} ({times['default'] * 1e3:.1f} / "
                    f"{times['no AVX-512'] * 1e3:.1f} ms)")


def _oracle_rows() -> list[Row]:
    from tests.oracle.epoch_sparse import epoch_sparse, inputs_dict

    rows = []
    for n in ORACLE_SIZES:
        plain = inputs_dict(make_subnet(n, 64))
        rows.append(Row(GROUP, f"oracle sparse n={n} (64 validators)",
                        seconds(lambda p=plain: epoch_sparse(p), repeats=3) * 1e3, "ms"))
    return rows


def _sweep(subnets: list[EpochInputs]) -> None:
    for inputs in subnets:
        run_epoch(inputs)


def run() -> list[Row]:
    """Measure and return the epoch rows."""
    rows = [probe_sort_features(), tune_allocator()]
    rows += _oracle_rows()
    for n in SIZES:
        inputs = make_subnet(n, 64)
        baseline = f"oracle sparse n={n} (64 validators)" if n in ORACLE_SIZES else None
        rows.append(Row(GROUP, f"sparse n={n} (64 validators)",
                        seconds(lambda i=inputs: run_epoch(i), repeats=5) * 1e3, "ms",
                        baseline=baseline, note="target 2 ms at n=256" if n == 256 else ""))
    for n in SIZES:
        inputs = make_subnet(n, n)
        repeats = 3 if n == 4096 else 5
        rows.append(Row(GROUP, f"sparse n={n} fully dense",
                        seconds(lambda i=inputs: run_epoch(i), repeats=repeats) * 1e3, "ms",
                        note="target 500 ms" if n == 4096 else ""))
        if n <= 1024:
            rows.append(Row(GROUP, f"dense path n={n} fully dense",
                            seconds(lambda i=inputs: run_epoch(i, dense=True), repeats=5) * 1e3,
                            "ms"))
    liquid = make_subnet(256, 64, liquid_alpha=True)
    rows.append(Row(GROUP, "sparse n=256 (64 validators, liquid alpha)",
                    seconds(lambda: run_epoch(liquid), repeats=5) * 1e3, "ms"))
    subnets = [make_subnet(256, 64, seed=s) for s in range(128)]
    rows.append(Row(GROUP, "mainnet sweep 128 subnets x 256 uids", seconds(
        lambda: _sweep(subnets), repeats=3) * 1e3, "ms", note="target 300 ms"))
    return rows
