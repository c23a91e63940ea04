"""Oracle: the dense epoch (`epoch_dense_mechanism`, used by the reference's tests), §1.14."""

from __future__ import annotations

from tests.oracle.epoch_sparse import alpha_sigmoid, bma_alpha, emission_amounts, stake_vector
from tests.oracle.fixed import (
    ONE,
    U64_MAX,
    fmul,
    from_u16_prop,
    is_topk_nonzero,
    median_columns,
    normalize,
    safe_div,
    sat,
    to_u16_prop,
)

Matrix = list[list[int]]


def densify(rows: list[list[tuple[int, int]]], n: int, convert) -> Matrix:
    """A dense n x n matrix from sparse rows, each value passed through ``convert``."""
    out = [[0] * n for _ in range(n)]
    for i, row in enumerate(rows):
        for j, v in row:
            out[i][j] = convert(v)
    return out


def col_normalize(m: Matrix) -> Matrix:
    """inplace_col_normalize (dense)."""
    n = len(m[0]) if m else 0
    sums = [sum(row[j] for row in m) for j in range(n)]
    return [[safe_div(v, sums[j]) if sums[j] != 0 else v for j, v in enumerate(row)] for row in m]


def col_max_upscale(m: Matrix) -> Matrix:
    """inplace_col_max_upscale (dense)."""
    n = len(m[0]) if m else 0
    maxes = [max([0] + [row[j] for row in m]) for j in range(n)]
    return [[safe_div(v, maxes[j]) if maxes[j] != 0 else v for j, v in enumerate(row)]
            for row in m]


def dense_weights(inp: dict, permits: list[bool]) -> Matrix:
    """Permit rows, both diagonal masks, outdated mask, row normalisation."""
    n = inp["n"]
    w = densify(inp["weights"], n, lambda v: v << 32)
    lu, reg = inp["last_update"], inp["block_at_registration"]
    for i in range(n):
        for j in range(n):
            if not permits[i] or i == j or lu[i] <= reg[j]:
                w[i][j] = 0
    out = []
    for row in w:
        total = sum(row)
        out.append([safe_div(v, total) for v in row] if total > 0 else row)
    return out


def dense_bonds(inp: dict, wb: Matrix, active_stake: list[int], consensus: list[int],
                incentive: list[int]) -> tuple[list[int], Matrix]:
    """Dense §1.10: masked bonds, EMA (classic / Yuma3 / liquid alpha), dividends, bonds."""
    n, hp = inp["n"], inp["hp"]
    last_tempo = (max(0, inp["block"] - inp["tempo"]) if inp["last_epoch_block"] == 0
                  else inp["last_epoch_block"] + 1)
    recent = [last_tempo <= r for r in inp["block_at_registration"]]
    conv = from_u16_prop if hp["yuma3"] else (lambda v: v << 32)
    b = densify(inp["bonds"], n, conv)
    b = [[0 if recent[j] else v for j, v in enumerate(row)] for row in b]
    if hp["yuma3"]:
        if hp["liquid_alpha"] and any(c != 0 for c in consensus):
            low, high = from_u16_prop(hp["alpha_low"]), from_u16_prop(hp["alpha_high"])
            ema = []
            for i in range(n):
                row = []
                for j in range(n):
                    a = alpha_sigmoid(consensus[j], wb[i][j], b[i][j], low, high,
                                      hp["alpha_sigmoid_steepness"])
                    decayed = fmul(sat(ONE - a), b[i][j])
                    row.append(min(ONE, sat(decayed + max(0, fmul(a, wb[i][j])))))
                ema.append(row)
        else:
            alpha = bma_alpha(hp["bonds_moving_average"])
            ema = [[sat(fmul(alpha, wv) + fmul(sat(ONE - alpha), bv))
                    for wv, bv in zip(wr, br, strict=True)] for wr, br in zip(wb, b, strict=True)]
        norm = col_normalize(ema)
        total_bond = [sum(fmul(v, incentive[j]) for j, v in enumerate(row)) for row in norm]
        dividends = normalize([fmul(t, s) for t, s in zip(total_bond, active_stake, strict=True)])
        return dividends, ema
    b = col_normalize(b)
    delta = col_normalize([[fmul(active_stake[i], v) for v in row] for i, row in enumerate(wb)])
    alpha = bma_alpha(hp["bonds_moving_average"])
    ema = col_normalize([[sat(fmul(alpha, dv) + fmul(sat(ONE - alpha), bv))
                          for dv, bv in zip(dr, br, strict=True)]
                         for dr, br in zip(delta, b, strict=True)])
    dividends = normalize([sum(fmul(v, incentive[j]) for j, v in enumerate(row)) for row in ema])
    return dividends, col_max_upscale(ema)


def epoch_dense(inp: dict) -> dict:
    """Run the dense epoch on the oracle's plain-dict subnet."""
    n, hp = inp["n"], inp["hp"]
    active = [not (min(U64_MAX, u + hp["activity_cutoff"]) < inp["block"])
              for u in inp["last_update"]]
    stake = stake_vector(inp["stake"], inp["stake_fraction"], hp["stake_threshold"], None)
    permits = list(inp["validator_permit"])
    new_permits = is_topk_nonzero(stake, hp["max_allowed_validators"])
    active_stake = normalize([s if (active[i] and permits[i]) else 0
                              for i, s in enumerate(stake)])
    w = dense_weights(inp, permits)
    consensus = median_columns(active_stake, w, from_u16_prop(hp["kappa"]))
    cw = [[min(consensus[j], v) for j, v in enumerate(row)] for row in w]
    vtrust = [sum(row) for row in cw]
    ranks = [sum(fmul(active_stake[i], cw[i][j]) for i in range(n)) for j in range(n)]
    incentive = normalize(ranks)
    ratio = from_u16_prop(hp["bonds_penalty"])
    if ratio == 0:
        wb = w
    elif ratio == ONE:
        wb = cw
    else:
        wb = [[sat(a + fmul(ratio, sat(c - a))) for a, c in zip(wr, cr, strict=True)]
              for wr, cr in zip(w, cw, strict=True)]
    dividends, ema = dense_bonds(inp, wb, active_stake, consensus, incentive)
    server, validator, combined = emission_amounts(incentive, dividends, active_stake, stake,
                                                   inp["rao_emission"])
    bonds_out = []
    for i in range(n):
        if new_permits[i]:
            bonds_out.append([(j, to_u16_prop(v)) for j, v in enumerate(ema[i])])
        elif permits[i]:
            bonds_out.append([])
        else:
            bonds_out.append(list(inp["bonds"][i]))
    return {
        "Active": active, "Consensus": [to_u16_prop(c) for c in consensus],
        "Incentive": [to_u16_prop(x) for x in incentive],
        "Dividends": [to_u16_prop(x) for x in dividends],
        "ValidatorTrust": [to_u16_prop(x) for x in vtrust], "ValidatorPermit": new_permits,
        "StakeWeight": [to_u16_prop(x) for x in stake], "Emission": combined,
        "Bonds": bonds_out, "server_emission": server, "validator_emission": validator,
    }
