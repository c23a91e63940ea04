"""Random subnets for the fast-versus-oracle property tests (numpy generator from a seed)."""

from __future__ import annotations

import numpy as np

from runtime.pallets.subtensor.epoch.types import (
    NO_COMMIT,
    EpochInputs,
    Hyperparameters,
    SparseRows,
)


def _rows(rng: np.random.Generator, n: int, fill: float, shuffle: float,
          density: float = 0.0) -> list[list[tuple[int, int]]]:
    rows = []
    for _ in range(n):
        if n == 0 or rng.random() > fill:
            rows.append([])
            continue
        size = int(rng.integers(int(n * density), n + 1))
        cols = np.sort(rng.choice(n, size=size, replace=False))
        if rng.random() < shuffle:
            rng.shuffle(cols)
        vals = rng.choice([0, 1, 65535, int(rng.integers(0, 65536))], size=size,
                          p=[0.1, 0.05, 0.15, 0.7])
        vals = np.where(rng.random(size) < 0.6, rng.integers(0, 65536, size=size), vals)
        rows.append([(int(c), int(v)) for c, v in zip(cols, vals, strict=True)])
    return rows


def _hyperparameters(rng: np.random.Generator, n: int) -> Hyperparameters:
    def pick(*choices: int) -> int:
        """One of the choices, uniformly."""
        return int(choices[int(rng.integers(0, len(choices)))])

    low = pick(0, 1638, 6553, 45875, int(rng.integers(0, 65536)))
    high = pick(65535, 19660, 58982, int(rng.integers(low, 65536)), int(rng.integers(0, 65536)))
    return Hyperparameters(
        kappa=pick(32767, 32767, 0, 65535, int(rng.integers(0, 65536))),
        bonds_penalty=pick(65535, 0, int(rng.integers(0, 65536))),
        bonds_moving_average=pick(900_000, 975_000, 0, 1_000_000, int(rng.integers(0, 1_000_001))),
        yuma3=bool(rng.random() < 0.5), liquid_alpha=bool(rng.random() < 0.5),
        alpha_low=low, alpha_high=high,
        alpha_sigmoid_steepness=pick(1000, 0, -1000, int(rng.integers(-32768, 32768))),
        max_allowed_validators=pick(64, n, max(n - 1, 0), int(rng.integers(0, n + 3))),
        stake_threshold=pick(0, 0, 0, 1000, int(rng.integers(0, 1 << 40))),
        activity_cutoff=pick(5000, 5000, 13, int(rng.integers(0, 500))),
        commit_reveal=bool(rng.random() < 0.3),
    )


def _healthy(hp: Hyperparameters) -> Hyperparameters:
    """The same hyperparameters with nobody filtered out by threshold or inactivity."""
    values = {name: getattr(hp, name) for name in hp.__slots__}
    values.update(stake_threshold=0, activity_cutoff=5000)
    return Hyperparameters(**values)


def _stakes(rng: np.random.Generator, n: int) -> list[int]:
    scale = int(rng.choice([10, 1 << 20, 1 << 40, 1 << 54]))
    stake = rng.integers(0, scale, size=n).tolist()
    for uid in range(n):
        if rng.random() < 0.25:
            stake[uid] = 0
    return stake


def random_subnet(seed: int, n: int) -> EpochInputs:
    """A random but valid subnet of ``n`` uids."""
    rng = np.random.default_rng(seed)
    block = int(rng.integers(0, 3000))
    hp = _hyperparameters(rng, n)
    fill = float(rng.choice([0.1, 0.5, 1.0]))
    shuffle = float(rng.choice([0.0, 0.0, 0.3]))
    half = block // 2
    last_update = np.where(rng.random(n) < 0.85, rng.integers(half, block + 1, size=n),
                           rng.integers(0, block + 1, size=n)).tolist()
    reg = np.where(rng.random(n) < 0.85, rng.integers(0, half + 1, size=n),
                   rng.integers(0, block + 1, size=n)).tolist()
    commit = [NO_COMMIT if rng.random() < 0.5 else int(rng.integers(0, block + 1))
              for _ in range(n)]
    owner = None if (n == 0 or rng.random() < 0.4) else int(rng.integers(0, n))
    permits = (rng.random(n) < 0.6).tolist()
    density = 0.0
    if rng.random() < 0.5:
        density, fill = 0.7, 1.0
        hp = _healthy(hp)
        last_update = [block] * n
        permits = (rng.random(n) < 0.9).tolist()
    return EpochInputs(
        block=block, tempo=int(rng.choice([0, 1, 10, 360])),
        rao_emission=int(rng.choice([0, 10**9, int(rng.integers(0, 1 << 63))])),
        last_epoch_block=0 if rng.random() < 0.5 else int(rng.integers(0, block + 1)),
        owner_uid=owner, hyperparameters=hp, stake=_stakes(rng, n), last_update=last_update,
        block_at_registration=reg, validator_permit=permits,
        commit_block=commit, weights=SparseRows.from_rows(_rows(rng, n, fill, shuffle, density)),
        bonds=SparseRows.from_rows(_rows(rng, n, fill * 0.8, shuffle)),
        stake_fraction=(rng.integers(0, 1 << 63, size=n, dtype=np.uint64) * np.uint64(2)
                        if rng.random() < 0.2 else None))
