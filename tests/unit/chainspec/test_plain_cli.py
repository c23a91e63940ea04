"""``tensorchain build-spec`` with plain chain specs: plain → raw, the dev plain preset."""

from __future__ import annotations

import json

from click.testing import CliRunner

from chainspec.plain import dev_plain_spec
from node.cli import cli
from runtime.genesis import build_dev_genesis, dev_genesis_header
from runtime.primitives.keys import DEV_ACCOUNTS
from runtime.primitives.ss58 import ss58_encode
from storage.overlay import Overlay
from storage.trie import EMPTY_TRIE_ROOT, MemoryNodeStore, Trie


def _hash_lines(path) -> list[str]:
    result = CliRunner().invoke(cli, ["chainspec", "hash", str(path)])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_build_spec_plain_to_raw_gives_dev_genesis_hash(tmp_path) -> None:
    plain = tmp_path / "plain.json"
    plain.write_text(dev_plain_spec().dumps())
    raw = tmp_path / "raw.json"
    result = CliRunner().invoke(cli, ["build-spec", "--chain", str(plain), "--raw",
                                      "-o", str(raw)])
    assert result.exit_code == 0, result.output
    spec = json.loads(raw.read_text())
    assert spec["id"] == "dev" and set(spec["genesis"]) == {"raw"}
    overlay = Overlay(Trie(MemoryNodeStore(), EMPTY_TRIE_ROOT, 1))
    build_dev_genesis(overlay)
    header = dev_genesis_header(overlay, 1)
    assert _hash_lines(raw) == [f"state_root 0x{header.state_root.hex()}",
                                f"genesis_hash 0x{header.hash().hex()}"]
    dev_raw = tmp_path / "dev_raw.json"
    result = CliRunner().invoke(cli, ["build-spec", "--raw", "-o", str(dev_raw)])
    assert result.exit_code == 0, result.output
    assert json.loads(dev_raw.read_text()) == spec


def test_build_spec_without_raw_prints_plain_form(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["build-spec"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == dev_plain_spec().to_json()
    legacy = tmp_path / "legacy.json"
    bob = ss58_encode(DEV_ACCOUNTS["Bob"].account_id)
    legacy.write_text(json.dumps({"name": "L", "id": "l", "genesis": {"runtime": {
        "balances": {"balances": [[bob, 10**12]]}, "sudo": {"key": bob}}}}))
    result = CliRunner().invoke(cli, ["build-spec", "--chain", str(legacy)])
    assert result.exit_code == 0, result.output
    patch = json.loads(result.output)["genesis"]["runtimeGenesis"]["patch"]
    assert patch["balances"]["balances"] == [[bob, 10**12]] and patch["sudo"]["key"] == bob


def test_build_spec_malformed_plain_spec_fails_naming_path(tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "B", "id": "b", "genesis": {"runtimeGenesis": {
        "patch": {"balances": {"balances": [["5Grw", 10**12]]}}}}}))
    result = CliRunner().invoke(cli, ["build-spec", "--chain", str(bad), "--raw"])
    assert result.exit_code == 1
    assert "genesis.runtimeGenesis.patch.balances.balances[0][0]" in result.output
