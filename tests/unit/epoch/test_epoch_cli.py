"""`tensorchain epoch`: JSON in, per-uid JSON (or a table) out, --explain, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from node.commands.epoch import command, format_table
from runtime.pallets.subtensor.epoch import run_epoch
from runtime.pallets.subtensor.epoch.jsonio import inputs_to_json, outputs_to_json
from tests.unit.epoch.random_subnets import random_subnet

OUTPUT_KEYS = {"Active", "Consensus", "Incentive", "Dividends", "ValidatorTrust",
               "ValidatorPermit", "StakeWeight", "Emission", "Bonds", "server_emission",
               "validator_emission"}


def write_subnet(tmp_path: Path, seed: int = 7, n: int = 12) -> tuple[Path, dict]:
    """A random subnet written as the command's input format."""
    document = inputs_to_json(random_subnet(seed, n))
    path = tmp_path / "subnet.json"
    path.write_text(json.dumps(document))
    return path, document


def test_epoch_command_output_file_matches_run_epoch(tmp_path: Path) -> None:
    """--output writes exactly what run_epoch computes, under the documented names."""
    path, _ = write_subnet(tmp_path)
    out = tmp_path / "out.json"
    result = CliRunner().invoke(command, ["--input", str(path), "--output", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text())
    assert set(written) == OUTPUT_KEYS
    assert written == outputs_to_json(run_epoch(random_subnet(7, 12)))


def test_epoch_command_dense_flag_runs_dense_path(tmp_path: Path) -> None:
    """--dense gives the dense path's results (full bond rows for new permits)."""
    path, _ = write_subnet(tmp_path, seed=11)
    result = CliRunner().invoke(command, ["--input", str(path), "--dense"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == outputs_to_json(run_epoch(random_subnet(11, 12),
                                                                  dense=True))


def test_epoch_command_explain_lists_intermediates(tmp_path: Path) -> None:
    """--explain adds stake, masks, consensus, clipped weights, ranks, bonds, dividends."""
    path, _ = write_subnet(tmp_path)
    result = CliRunner().invoke(command, ["--input", str(path), "--explain"])
    assert result.exit_code == 0, result.output
    explain = json.loads(result.output)["explain"]
    for name in ("stake", "active_stake", "weights_loaded", "weights_masked", "weights",
                 "consensus", "clipped_weights", "ranks", "incentive", "bonds", "ema_bonds",
                 "dividends"):
        assert name in explain, name
    assert len(explain["stake"]) == 12
    assert abs(sum(explain["stake"]) - 1.0) < 1e-6 or sum(explain["stake"]) == 0


def test_epoch_command_uid_out_of_range_fails_clearly(tmp_path: Path) -> None:
    """A weight naming a uid >= n is rejected with a message naming the row and uid."""
    path, document = write_subnet(tmp_path)
    document["neurons"][3]["weights"] = [[40, 100]]
    path.write_text(json.dumps(document))
    result = CliRunner().invoke(command, ["--input", str(path)])
    assert result.exit_code != 0
    assert "weights[3] names uid 40" in result.output


def test_epoch_command_missing_key_fails_clearly(tmp_path: Path) -> None:
    """A neuron without a stake is rejected before any arithmetic."""
    path, document = write_subnet(tmp_path)
    del document["neurons"][0]["stake"]
    path.write_text(json.dumps(document))
    result = CliRunner().invoke(command, ["--input", str(path)])
    assert result.exit_code != 0
    assert "missing the key 'stake'" in result.output


def test_epoch_command_invalid_json_fails_clearly(tmp_path: Path) -> None:
    """Malformed JSON gives a clear error, not a traceback."""
    path = tmp_path / "bad.json"
    path.write_text("{not json")
    result = CliRunner().invoke(command, ["--input", str(path)])
    assert result.exit_code != 0
    assert "not valid JSON" in result.output


def test_format_table_has_one_line_per_uid() -> None:
    """The terminal table lists every uid with its emission."""
    result = outputs_to_json(run_epoch(random_subnet(3, 5)))
    table = format_table(result).splitlines()
    assert table[0].split()[0] == "uid"
    assert [line.split()[0] for line in table[1:6]] == ["0", "1", "2", "3", "4"]
    assert table[1].split()[8] == str(result["Emission"][0])
