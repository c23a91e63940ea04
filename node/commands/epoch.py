"""``tensorchain epoch``: run one Yuma Consensus epoch outside a chain, from a subnet JSON file.

Reads the input format of :mod:`runtime.pallets.subtensor.epoch.jsonio`, writes the per-uid
results as JSON (to ``--output`` or stdout), or as a table when stdout is a terminal.
``--explain`` adds every intermediate vector (stake, active stake, weights after each mask,
consensus, clipped weights, ranks, bonds, dividends) so a person can see why a uid got what it
got; fixed-point values are shown as decimals (display only; the computation is exact).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
import numpy as np

from runtime.pallets.subtensor.epoch import EpochInputError, SparseRows, run_epoch
from runtime.pallets.subtensor.epoch.jsonio import inputs_from_json, outputs_to_json

FIXED_ONE = float(1 << 32)
TABLE_COLUMNS = ("Active", "StakeWeight", "ValidatorPermit", "Consensus", "Incentive",
                 "Dividends", "ValidatorTrust", "Emission", "server_emission",
                 "validator_emission")
BOOLEAN_TRACES = ("active", "validator_permit", "new_validator_permit")
# Matrices traced before normalisation hold the stored u16 integers, not fixed-point bits.
RAW_U16_TRACES = ("weights_loaded", "weights_masked", "weights_commit_reveal", "bonds")


def explain_json(trace: dict[str, Any]) -> dict[str, Any]:
    """Intermediate values as JSON: vectors as decimals, matrices as rows of [uid, value]
    (stored u16 integers for the raw weight and bond matrices, decimals after normalisation)."""
    out: dict[str, Any] = {}
    for name, value in trace.items():
        if name in RAW_U16_TRACES:
            out[name] = [[[j, int(v)] for j, v in row] for row in value.to_rows()]
        elif isinstance(value, SparseRows):
            out[name] = [[[j, v / FIXED_ONE] for j, v in row] for row in value.to_rows()]
        elif name in BOOLEAN_TRACES:
            out[name] = [bool(v) for v in value]
        else:
            out[name] = [int(v) / FIXED_ONE for v in np.asarray(value)]
    return out


def format_table(result: dict[str, Any]) -> str:
    """The per-uid outputs as an aligned text table, plus each uid's stored bond row."""
    header = ["uid", *TABLE_COLUMNS]
    rows = [[str(uid)] + [_cell(result[col][uid]) for col in TABLE_COLUMNS]
            for uid in range(len(result["Active"]))]
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True))
             for r in [header, *rows]]
    for uid, bonds in enumerate(result["Bonds"]):
        if bonds:
            lines.append(f"bonds[{uid}]: " + ", ".join(f"{j}:{v}" for j, v in bonds))
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "-"
    return str(value)


def format_explain(explained: dict[str, Any]) -> str:
    """Every intermediate step, one block per name."""
    lines = []
    for name, value in explained.items():
        lines.append(f"== {name}")
        if value and isinstance(value[0], list):
            for uid, row in enumerate(value):
                if row:
                    lines.append(f"  {uid}: " + ", ".join(f"{j}:{_decimal(v)}" for j, v in row))
        else:
            lines.append("  " + " ".join(_decimal(v) for v in value))
    return "\n".join(lines)


def _decimal(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    return f"{value:.6f}"


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text())
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise click.ClickException(f"{path}: the top level must be a JSON object")
    return data


@click.command(name="epoch")
@click.option("--input", "input_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path), help="subnet state as JSON")
@click.option("--output", "output_path", type=click.Path(dir_okay=False, path_type=Path),
              help="write the results here as JSON (default: stdout)")
@click.option("--dense", is_flag=True, help="run the dense path the reference's tests use")
@click.option("--explain", is_flag=True, help="include every intermediate vector")
def command(input_path: Path, output_path: Path | None, dense: bool, explain: bool) -> None:
    """Run one Yuma Consensus epoch on a subnet's state read from JSON."""
    try:
        inputs = inputs_from_json(_load(input_path))
    except EpochInputError as exc:
        raise click.ClickException(f"{input_path}: {exc}") from exc
    trace: dict[str, Any] | None = {} if explain else None
    result = outputs_to_json(run_epoch(inputs, dense=dense, trace=trace))
    explained = explain_json(trace) if trace is not None else None
    if output_path is not None or not sys.stdout.isatty():
        document = dict(result)
        if explained is not None:
            document["explain"] = explained
        text = json.dumps(document, indent=1)
        if output_path is not None:
            output_path.write_text(text + "\n")
        else:
            click.echo(text)
        return
    if explained is not None:
        click.echo(format_explain(explained))
    click.echo(format_table(result))
