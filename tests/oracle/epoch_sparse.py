"""Oracle: the sparse epoch (`epoch_mechanism`, the path the chain runs), step by step (§1)."""

from __future__ import annotations

from runtime.pallets.subtensor.epoch.types import EpochInputs, EpochOutputs
from tests.oracle.fixed import (
    ONE,
    U64_MAX,
    exp_safe,
    fmul,
    from_u16_prop,
    is_topk_nonzero,
    median_columns,
    normalize,
    safe_div,
    sat,
    sat_div,
    to_u16_prop,
)

Rows = list[list[tuple[int, int]]]


def stake_vector(stake: list[int], fraction: list[int], threshold: int,
                 owner: int | None) -> list[int]:
    """Threshold filter on floor(stake) (owner exempt when given), I64F64 normalisation
    (each / sum), truncation to I32F32."""
    bits = [(s << 64) + f for s, f in zip(stake, fraction, strict=True)]
    filtered = [0 if (uid != owner and (b >> 64) < threshold) else b for uid, b in enumerate(bits)]
    total = sum(filtered)
    if total == 0:
        return [0] * len(stake)
    return [(((b << 64) // total) >> 32) for b in filtered]


def col_normalize(rows: Rows, n: int) -> Rows:
    """inplace_col_normalize_sparse."""
    sums = [0] * n
    for row in rows:
        for j, v in row:
            sums[j] += v
    return [[(j, safe_div(v, sums[j]) if sums[j] != 0 else v) for j, v in row] for row in rows]


def col_max_upscale(rows: Rows, n: int) -> Rows:
    """inplace_col_max_upscale_sparse."""
    maxes = [0] * n
    for row in rows:
        for j, v in row:
            maxes[j] = max(maxes[j], v)
    return [[(j, safe_div(v, maxes[j]) if maxes[j] != 0 else v) for j, v in row] for row in rows]


def merged_value(row: list[tuple[int, int]], j: int, cursor: list[int]) -> int:
    """One step of the forward-only merge the reference uses to look up column j."""
    while cursor[0] < len(row):
        col, val = row[cursor[0]]
        if col < j:
            cursor[0] += 1
            continue
        return val if col == j else 0
    return 0


def alpha_sigmoid(c: int, w: int, b: int, low: int, high: int, steep: int) -> int:
    """Liquid alpha for one (validator, miner) pair."""
    buy = max(0, min(ONE, sat(w - c)))
    sell = max(0, min(ONE, sat(b - w)))
    diff = buy if w >= b else sell
    factor = sat_div(steep << 32, -100 << 32)
    x = fmul(factor, sat(diff - (ONE >> 1)))
    sigmoid = sat_div(ONE, sat(ONE + exp_safe(x)))
    alpha = sat(low + fmul(sigmoid, sat(high - low)))
    return max(low, min(high, alpha))


def liquid_alpha_rows(wb: Rows, bonds: Rows, consensus: list[int], hp: dict[str, int]) -> list:
    """compute_liquid_alpha_values_sparse: a dense alpha row per validator (merge lookups)."""
    low, high = from_u16_prop(hp["alpha_low"]), from_u16_prop(hp["alpha_high"])
    out = []
    for w_row, b_row in zip(wb, bonds, strict=True):
        wc, bc = [0], [0]
        out.append([alpha_sigmoid(c, merged_value(w_row, j, wc), merged_value(b_row, j, bc),
                                  low, high, hp["alpha_sigmoid_steepness"])
                    for j, c in enumerate(consensus)])
    return out


def ema_sparse(new: Rows, old: Rows, alpha: int, n: int) -> Rows:
    """mat_ema_sparse: dense accumulation, positive entries kept in column order."""
    out = []
    for new_row, old_row in zip(new, old, strict=True):
        acc = [0] * n
        for j, v in new_row:
            acc[j] = sat(acc[j] + fmul(alpha, v))
        for j, v in old_row:
            acc[j] = sat(acc[j] + fmul(sat(ONE - alpha), v))
        out.append([(j, v) for j, v in enumerate(acc) if v > 0])
    return out


def ema_alpha_sparse(new: Rows, old: Rows, alphas: list) -> Rows:
    """mat_ema_alpha_sparse: entries only where `new` has one, in `new`'s order."""
    out = []
    for new_row, old_row, a_row in zip(new, old, alphas, strict=True):
        decayed = [0] * len(a_row)
        for j, v in old_row:
            decayed[j] = fmul(sat(ONE - a_row[j]), v)
        row = []
        for j, v in new_row:
            val = min(ONE, sat(decayed[j] + max(0, fmul(a_row[j], v))))
            if val > 0:
                row.append((j, val))
        out.append(row)
    return out


def bma_alpha(bma: int) -> int:
    """1 - bonds_moving_average / 1e6, the quotient taken in I64F64 then truncated."""
    return sat(ONE - (((bma << 64) // 1_000_000) >> 32))


def interpolate(w: Rows, cw: Rows, n: int, ratio: int) -> Rows:
    """interpolate_sparse: W + ratio (CW - W), positive results kept, in column order."""
    if ratio == 0:
        return [list(r) for r in w]
    if ratio == ONE:
        return [list(r) for r in cw]
    out = []
    for r1, r2 in zip(w, cw, strict=True):
        d1, d2 = [0] * n, [0] * n
        for j, v in r1:
            d1[j] = v
        for j, v in r2:
            d2[j] = v
        vals = [sat(d1[j] + fmul(ratio, sat(d2[j] - d1[j]))) for j in range(n)]
        out.append([(j, v) for j, v in enumerate(vals) if v > 0])
    return out


def weights_pipeline(inp: dict, permits: list[bool], trace: dict) -> Rows:
    """Load, permit-mask, diagonal-mask, outdated-mask, commit-reveal-mask, row-normalise."""
    owner = inp["owner_uid"]
    rows = [[(j, v << 32) for j, v in row] if permits[i] else []
            for i, row in enumerate(inp["weights"])]
    rows = [[(j, v) for j, v in row if j != i or (owner is not None and i == owner)]
            for i, row in enumerate(rows)]
    lu, reg = inp["last_update"], inp["block_at_registration"]
    rows = [[(j, v) for j, v in row if not lu[i] <= reg[j]] for i, row in enumerate(rows)]
    if inp["hp"]["commit_reveal"]:
        cb = inp["commit_block"]
        rows = [[(j, v) for j, v in row if not cb[i] < reg[j]] for i, row in enumerate(rows)]
    out = []
    for row in rows:
        total = sum(v for _, v in row)
        out.append([(j, safe_div(v, total)) for j, v in row] if total > 0 else row)
    trace["weights"] = out
    return out


def bonds_and_dividends(inp: dict, wb: Rows, active_stake: list[int], consensus: list[int],
                        incentive: list[int]) -> tuple[list[int], Rows]:
    """§1.10: masked bonds, EMA (classic or Yuma3, liquid alpha), dividends; rows to store."""
    n, hp = inp["n"], inp["hp"]
    last_tempo = (max(0, inp["block"] - inp["tempo"]) if inp["last_epoch_block"] == 0
                  else inp["last_epoch_block"] + 1)
    reg = inp["block_at_registration"]
    if hp["yuma3"]:
        bonds = [[(j, from_u16_prop(v)) for j, v in row] for row in inp["bonds"]]
    else:
        bonds = [[(j, v << 32) for j, v in row] for row in inp["bonds"]]
    bonds = [[(j, v) for j, v in row if not last_tempo <= reg[j]] for row in bonds]
    if hp["yuma3"]:
        if hp["liquid_alpha"] and any(c != 0 for c in consensus):
            ema = ema_alpha_sparse(wb, bonds, liquid_alpha_rows(wb, bonds, consensus, hp))
        else:
            ema = ema_sparse(wb, bonds, bma_alpha(hp["bonds_moving_average"]), n)
        ema_norm = col_normalize(ema, n)
        total_bond = [sum(fmul(v, incentive[j]) for j, v in row) for row in ema_norm]
        dividends = normalize([fmul(t, s) for t, s in zip(total_bond, active_stake, strict=True)])
        return dividends, ema
    bonds = col_normalize(bonds, n)
    delta = col_normalize([[(j, fmul(v, active_stake[i])) for j, v in row]
                           for i, row in enumerate(wb)], n)
    ema = col_normalize(ema_sparse(delta, bonds, bma_alpha(hp["bonds_moving_average"]), n), n)
    dividends = normalize([sum(fmul(incentive[j], v) for j, v in row) for row in ema])
    return dividends, col_max_upscale(ema, n)


def emission_amounts(incentive: list[int], dividends: list[int], active_stake: list[int],
                     stake: list[int], rao: int) -> tuple[list[int], list[int], list[int]]:
    """§1.11: server / validator / combined emission in rao."""
    combined = [sat(a + b) for a, b in zip(incentive, dividends, strict=True)]
    total = sum(combined)
    server, validator, comb = list(incentive), list(dividends), normalize(combined)
    if total != 0:
        server = [safe_div(v, total) for v in server]
        validator = [safe_div(v, total) for v in validator]
    else:
        fallback = stake if sum(active_stake) == 0 else active_stake
        validator, comb = list(fallback), list(fallback)

    def amounts(shares: list[int]) -> list[int]:
        """floor(share * rao) clamped to u64."""
        return [max(0, min(U64_MAX, (s * rao) >> 32)) for s in shares]

    return amounts(server), amounts(validator), amounts(comb)


def epoch_sparse(inp: dict, trace: dict | None = None) -> dict:
    """Run the sparse epoch on a plain-dict subnet (see :func:`tests.oracle.inputs_dict`)."""
    trace = {} if trace is None else trace
    n, hp, owner = inp["n"], inp["hp"], inp["owner_uid"]
    lu = inp["last_update"]
    active = [not (min(U64_MAX, u + hp["activity_cutoff"]) < inp["block"]) for u in lu]
    stake = stake_vector(inp["stake"], inp["stake_fraction"], hp["stake_threshold"], owner)
    permits = list(inp["validator_permit"])
    new_permits = is_topk_nonzero(stake, hp["max_allowed_validators"])
    if owner is not None and owner < n:
        permits[owner] = True
        new_permits[owner] = True
    active_stake = normalize([s if (active[i] and permits[i]) else 0
                              for i, s in enumerate(stake)])
    trace.update(stake=stake, active_stake=active_stake)
    w = weights_pipeline(inp, permits, trace)
    kappa = from_u16_prop(hp["kappa"])
    dense_scores = []
    for row in w:
        d = [0] * n
        for j, v in row:
            d[j] = v
        dense_scores.append(d)
    consensus = median_columns(active_stake, dense_scores, kappa)
    cw = [[(j, consensus[j] if consensus[j] < v else v) for j, v in row
           if not (consensus[j] < v and consensus[j] <= 0)] for row in w]
    vtrust = [sum(v for _, v in row) for row in cw]
    ranks = [0] * n
    for i, row in enumerate(cw):
        for j, v in row:
            ranks[j] += fmul(active_stake[i], v)
    incentive = normalize(ranks)
    wb = interpolate(w, cw, n, from_u16_prop(hp["bonds_penalty"]))
    dividends, ema = bonds_and_dividends(inp, wb, active_stake, consensus, incentive)
    trace.update(consensus=consensus, clipped_weights=cw, ranks=ranks, incentive=incentive,
                 dividends=dividends, ema_bonds=ema)
    server, validator, combined = emission_amounts(incentive, dividends, active_stake, stake,
                                                   inp["rao_emission"])
    bonds_out = []
    for i in range(n):
        if new_permits[i]:
            bonds_out.append([(j, to_u16_prop(v)) for j, v in ema[i]])
        else:
            bonds_out.append([])
    return {
        "Active": active, "Consensus": [to_u16_prop(c) for c in consensus],
        "Incentive": [to_u16_prop(x) for x in incentive],
        "Dividends": [to_u16_prop(x) for x in dividends],
        "ValidatorTrust": [to_u16_prop(x) for x in vtrust], "ValidatorPermit": new_permits,
        "StakeWeight": [to_u16_prop(x) for x in stake], "Emission": combined,
        "Bonds": bonds_out, "server_emission": server, "validator_emission": validator,
    }


def inputs_dict(inputs: EpochInputs) -> dict:
    """The validated inputs as plain Python lists and ints for the oracle."""
    hp = inputs.hyperparameters
    return {
        "n": inputs.n, "block": inputs.block, "tempo": inputs.tempo,
        "rao_emission": inputs.rao_emission, "last_epoch_block": inputs.last_epoch_block,
        "owner_uid": inputs.owner_uid,
        "hp": {name: getattr(hp, name) for name in hp.__slots__},
        "stake": inputs.stake.tolist(), "last_update": inputs.last_update.tolist(),
        "stake_fraction": ([0] * inputs.n if inputs.stake_fraction is None
                           else inputs.stake_fraction.tolist()),
        "block_at_registration": inputs.block_at_registration.tolist(),
        "validator_permit": [bool(v) for v in inputs.validator_permit],
        "commit_block": inputs.commit_block.tolist(),
        "weights": inputs.weights.to_rows(), "bonds": inputs.bonds.to_rows(),
    }


def outputs_dict(outputs: EpochOutputs) -> dict:
    """Fast-path outputs in the oracle's plain-list form, for comparison."""
    out = outputs.as_lists()
    out["Bonds"] = [[tuple(p) for p in row] for row in out["Bonds"]]  # type: ignore[union-attr]
    return out
