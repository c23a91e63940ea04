"""The ``tensorchain chainspec`` and ``tensorchain build-spec`` commands."""

from __future__ import annotations

import json

from click.testing import CliRunner

from chainspec.genesis import commit_genesis
from chainspec.raw import RawChainSpec
from node.cli import cli
from runtime.primitives.hashing import blake2_256
from storage.chain_db import ChainDB
from storage.trie import EMPTY_TRIE_ROOT, trie_root

TOP = {"0x" + bytes([i, i]).hex(): "0x" + bytes([i]).hex() * (i % 45) for i in range(40)}


def _write_spec(tmp_path, top=None, name="spec.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"name": "Local", "id": "local", "chainType": "Local",
                                "genesis": {"raw": {"top": TOP if top is None else top}}}))
    return path


def _expected(state_version: int) -> tuple[bytes, bytes]:
    items = {bytes.fromhex(k[2:]): bytes.fromhex(v[2:]) for k, v in TOP.items()}
    root = trie_root(items, state_version)
    header = bytes(32) + b"\x00" + root + EMPTY_TRIE_ROOT + b"\x00"
    return root, blake2_256(header)


def test_chainspec_hash_prints_two_lines(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["chainspec", "hash", str(_write_spec(tmp_path))])
    assert result.exit_code == 0, result.output
    root, genesis_hash = _expected(1)
    assert result.output == f"state_root 0x{root.hex()}\ngenesis_hash 0x{genesis_hash.hex()}\n"


def test_chainspec_hash_state_version_0(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["chainspec", "hash", str(_write_spec(tmp_path)),
                                      "--state-version", "0"])
    root, genesis_hash = _expected(0)
    assert result.output.splitlines() == [f"state_root 0x{root.hex()}",
                                          f"genesis_hash 0x{genesis_hash.hex()}"]
    assert _expected(0) != _expected(1)


def test_chainspec_hash_malformed_hex_fails_naming_key(tmp_path) -> None:
    path = _write_spec(tmp_path, {"0x0102": "0x0", "0x03": "0x04"})
    result = CliRunner().invoke(cli, ["chainspec", "hash", str(path)])
    assert result.exit_code == 1
    assert "value of key '0x0102': odd number of hex digits" in result.output


def test_build_spec_raw_normalises(tmp_path) -> None:
    path = _write_spec(tmp_path, {"0xFF": "0xAB", "0x01": "0x"})
    result = CliRunner().invoke(cli, ["build-spec", "--raw", "--chain", str(path)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["name"] == "Local"
    assert out["genesis"]["raw"] == {"top": {"0x01": "0x", "0xff": "0xab"}, "childrenDefault": {}}
    again = tmp_path / "again.json"
    result = CliRunner().invoke(cli, ["build-spec", "--raw", "--chain", str(path), "-o",
                                      str(again)])
    assert json.loads(again.read_text()) == out


def test_build_spec_needs_raw_and_a_preset_or_file(tmp_path) -> None:
    path = _write_spec(tmp_path)
    result = CliRunner().invoke(cli, ["build-spec", "--chain", str(path)])
    assert result.exit_code == 2 and "--raw" in result.output
    result = CliRunner().invoke(cli, ["build-spec", "--raw", "--chain", "nowhere"])
    assert result.exit_code == 2 and "neither a preset (dev) nor a file" in result.output


def test_build_spec_dev_matches_runtime_dev_genesis(tmp_path) -> None:
    from runtime.genesis import build_dev_genesis, dev_genesis_header
    from storage.overlay import Overlay
    from storage.trie import MemoryNodeStore, Trie

    result = CliRunner().invoke(cli, ["build-spec", "--raw", "-o", str(tmp_path / "dev.json")])
    assert result.exit_code == 0, result.output
    spec = json.loads((tmp_path / "dev.json").read_text())
    assert spec["id"] == "dev" and spec["chainType"] == "Development"
    result = CliRunner().invoke(cli, ["chainspec", "hash", str(tmp_path / "dev.json")])
    overlay = Overlay(Trie(MemoryNodeStore(), EMPTY_TRIE_ROOT, 1))
    build_dev_genesis(overlay)
    header = dev_genesis_header(overlay, 1)
    assert result.output.splitlines() == [f"state_root 0x{header.state_root.hex()}",
                                          f"genesis_hash 0x{header.hash().hex()}"]


def test_chainspec_export_from_database(tmp_path) -> None:
    spec = RawChainSpec.load(_write_spec(tmp_path))
    with ChainDB.open_leveldb(tmp_path / "db") as db:
        commit_genesis(db, spec)
    result = CliRunner().invoke(cli, ["chainspec", "export", "--db", str(tmp_path / "db")])
    assert result.exit_code == 0, result.output
    exported = RawChainSpec.loads(result.output)
    assert exported.top == spec.top
    result = CliRunner().invoke(cli, ["chainspec", "export", "--db", str(tmp_path / "db"),
                                      "--block", "0x" + "00" * 32])
    assert result.exit_code == 1 and "unknown block" in result.output
