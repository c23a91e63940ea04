"""``tensorchain blocks export|import``, ``export-state`` and ``purge-chain`` over real dev-runtime
chains in LevelDB (built as in :mod:`tests.unit.node.test_replay_command`)."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from consensus.aura import seal_header
from node.cli import cli
from node.commands.blocks import read_blocks, write_block
from node.replay import db_path
from runtime.pallets.timestamp import pallet as timestamp
from runtime.primitives.block import Block
from runtime.primitives.keys import DEV_ACCOUNTS
from storage.chain_db import ChainDB
from storage.chain_meta import Pruning
from tests.unit.node.test_replay_command import ALICE, build_dev_chain, run

BOB_SR25519 = DEV_ACCOUNTS["Bob"].sr25519


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, bytes]:
    """A stored 30-block dev chain: its base path, best hash and best state root."""
    base = tmp_path_factory.mktemp("blocks") / "base"
    best, root = build_dev_chain(base, 30)
    return base, best, root


def heads(base_path: Path) -> tuple[int, bytes | None, bytes]:
    """Best number, best hash and its state root of the chain under ``base_path``."""
    with ChainDB.open_leveldb(db_path(base_path), Pruning.archive_mode()) as db:
        assert db.best_hash is not None
        return db.best_number, db.best_hash, db.record(db.best_hash).state_root


def rows_digest(base_path: Path) -> bytes:
    """A digest of every database row (equal digests: an unchanged database)."""
    digest = hashlib.blake2b(digest_size=32)
    with ChainDB.open_leveldb(db_path(base_path), Pruning.archive_mode()) as db:
        for key, value in db.kv.items():
            digest.update(len(key).to_bytes(4, "little") + key + len(value).to_bytes(4, "little"))
            digest.update(value)
    return digest.digest()


def run_with_input(text: str, *args: str) -> Result:
    """``tensorchain ARGS`` in process with ``text`` on stdin."""
    return CliRunner().invoke(cli, list(args), input=text, catch_exceptions=False)


def export(base_path: Path, out: Path, *extra: str) -> list[Block]:
    """``blocks export`` to ``out``; the blocks written."""
    result = run("blocks", "export", "--base-path", str(base_path), str(out), *extra)
    assert result.exit_code == 0, result.stderr
    return list(read_blocks(out.read_bytes()))


def test_export_then_import_into_a_fresh_base_path_reaches_the_same_best_block(
        chain: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    base, best, root = chain
    blocks = export(base, tmp_path / "chain.blocks")
    assert [b.header.number for b in blocks] == list(range(1, 31))
    result = run("blocks", "import", "--base-path", str(tmp_path / "fresh"), "--no-fast-blocks",
                 str(tmp_path / "chain.blocks"))
    assert result.exit_code == 0, result.stderr
    assert f"imported 30 blocks (0 already known); best #30 0x{best.hex()}" in result.stdout
    assert heads(tmp_path / "fresh") == (30, best, root)
    again = run("blocks", "import", "--base-path", str(tmp_path / "fresh"), "--no-fast-blocks",
                str(tmp_path / "chain.blocks"))
    assert "imported 0 blocks (30 already known)" in again.stdout


def test_export_of_a_range_writes_only_those_blocks(
        chain: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    blocks = export(chain[0], tmp_path / "part.blocks", "--from", "5", "--to", "7")
    assert [b.header.number for b in blocks] == [5, 6, 7]


def test_import_of_a_tampered_state_root_is_refused_and_the_chain_is_unchanged(
        chain: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    blocks = export(chain[0], tmp_path / "all.blocks", "--to", "5")
    with (tmp_path / "first.blocks").open("wb") as out:
        for block in blocks[:3]:
            write_block(out, block)
    fresh = tmp_path / "fresh"
    assert run("blocks", "import", "--base-path", str(fresh), "--no-fast-blocks",
               str(tmp_path / "first.blocks")).exit_code == 0
    before = rows_digest(fresh)
    header = dataclasses.replace(blocks[3].header.without_seal(), state_root=b"\x22" * 32)
    tampered = Block(seal_header(header, ALICE.sr25519), blocks[3].extrinsics)
    with (tmp_path / "bad.blocks").open("wb") as out:
        write_block(out, tampered)
    result = run("blocks", "import", "--base-path", str(fresh), "--no-fast-blocks",
                 str(tmp_path / "bad.blocks"))
    assert result.exit_code == 1
    assert f"block #4 0x{tampered.hash().hex()} refused: state root mismatch" in result.stderr
    assert rows_digest(fresh) == before
    assert heads(fresh)[:2] == (3, blocks[2].hash())


def test_import_of_a_bad_seal_is_refused_and_the_chain_is_unchanged(
        chain: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    export(chain[0], tmp_path / "one.blocks", "--to", "1")
    fresh = tmp_path / "fresh"
    assert run("blocks", "import", "--base-path", str(fresh), "--no-fast-blocks",
               str(tmp_path / "one.blocks")).exit_code == 0
    before = rows_digest(fresh)
    (second,) = export(chain[0], tmp_path / "two.blocks", "--from", "2", "--to", "2")
    bob_sealed = Block(seal_header(second.header.without_seal(), BOB_SR25519),
                       second.extrinsics)
    with (tmp_path / "bad.blocks").open("wb") as out:
        write_block(out, bob_sealed)
    result = run("blocks", "import", "--base-path", str(fresh), "--no-fast-blocks",
                 str(tmp_path / "bad.blocks"))
    assert result.exit_code == 1
    assert f"block #2 0x{bob_sealed.hash().hex()} refused" in result.stderr
    assert rows_digest(fresh) == before


def test_import_of_a_truncated_file_fails_with_a_clear_error(
        chain: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    export(chain[0], tmp_path / "one.blocks", "--to", "1")
    data = (tmp_path / "one.blocks").read_bytes()
    (tmp_path / "cut.blocks").write_bytes(data[:-10])
    result = run("blocks", "import", "--base-path", str(tmp_path / "fresh"), "--no-fast-blocks",
                 str(tmp_path / "cut.blocks"))
    assert result.exit_code == 1
    assert "record 0: truncated" in result.stderr


def test_export_state_hashes_to_the_stored_state_root(
        chain: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    base, _, root = chain
    spec = tmp_path / "state.json"
    result = run("export-state", "--base-path", str(base), "-o", str(spec))
    assert result.exit_code == 0, result.stderr
    hashed = run("chainspec", "hash", str(spec))
    assert hashed.stdout.splitlines()[0] == f"state_root 0x{root.hex()}"


def test_export_state_of_a_numbered_or_hashed_block_hashes_to_its_root(
        chain: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    base = chain[0]
    with ChainDB.open_leveldb(db_path(base), Pruning.archive_mode()) as db:
        block_hash = db.canonical_hash(10)
        assert block_hash is not None
        root = db.record(block_hash).state_root
    for selector in ("10", "0x" + block_hash.hex()):
        spec = tmp_path / f"state-{selector[:4]}.json"
        assert run("export-state", "--base-path", str(base), "--block", selector,
                   "-o", str(spec)).exit_code == 0
        assert run("chainspec", "hash", str(spec)).stdout.splitlines()[0] == (
            f"state_root 0x{root.hex()}")
    missing = run("export-state", "--base-path", str(base), "--block", "31")
    assert missing.exit_code == 1 and "no block #31 on the best chain" in missing.stderr


def test_purge_chain_keeps_the_database_unless_confirmed(tmp_path: Path) -> None:
    build_dev_chain(tmp_path, 2)
    declined = run_with_input("n\n", "purge-chain", "--base-path", str(tmp_path))
    assert declined.exit_code == 1 and db_path(tmp_path).is_dir()
    confirmed = run_with_input("y\n", "purge-chain", "--base-path", str(tmp_path))
    assert confirmed.exit_code == 0 and not db_path(tmp_path).exists()
    assert "Are you sure to remove" in confirmed.stdout
    again = run("purge-chain", "--base-path", str(tmp_path), "-y")
    assert again.exit_code == 0 and "nothing to purge" in again.stdout


def test_purge_chain_with_yes_removes_the_database_without_asking(tmp_path: Path) -> None:
    build_dev_chain(tmp_path, 1)
    result = run("purge-chain", "--base-path", str(tmp_path), "-y")
    assert result.exit_code == 0 and "Are you sure" not in result.stdout
    assert not db_path(tmp_path).exists() and tmp_path.is_dir()


def test_import_under_other_runtime_timings_is_refused_naming_the_block(
        chain: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    export(chain[0], tmp_path / "two.blocks", "--to", "2")
    fresh = tmp_path / "fresh"
    try:
        result = run("blocks", "import", "--base-path", str(fresh), str(tmp_path / "two.blocks"))
    finally:
        timestamp.set_fast_blocks(False)
    assert result.exit_code == 1
    assert "block #1 0x" in result.stderr and "refused: Timestamp slot must match" in result.stderr
    assert heads(fresh)[0] == 0


def test_substrate_top_level_block_command_names_are_registered() -> None:
    from click.testing import CliRunner

    from node.cli import cli

    for name in ("export-blocks", "import-blocks"):
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "--base-path" in result.output
