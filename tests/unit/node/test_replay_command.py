"""``tensorchain replay`` over a real dev-runtime chain kept in LevelDB under a base path.

The chain is built with the dev node's own parts (:func:`node.replay.load_runtime`, the dev
genesis, the node's importer with the Aura seal check, :class:`node.author.BlockAuthor`), Alice
sealing every block and sending Balances transfers. Production timings (``--no-fast-blocks``)
are used throughout: they are the process's default, which other tests rely on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chainspec.dev import dev_raw_spec
from chainspec.genesis import commit_genesis
from consensus.aura import seal_header, slot_digest
from node.author import BlockAuthor, aura_sealer
from node.cli import cli
from node.dev import DevExecutive
from node.events import ImportOrigin
from node.replay import db_path, load_runtime, make_importer, open_or_create
from runtime.extrinsic.extensions import ImplicitContext, SignedExtra
from runtime.extrinsic.format import UncheckedExtrinsic
from runtime.extrinsic.signing import build_signed_extrinsic
from runtime.node_runtime import NodeRuntime
from runtime.pallets.aura import pallet as aura
from runtime.pallets.balances.pallet import TotalIssuance
from runtime.pallets.timestamp import pallet as timestamp
from runtime.primitives.block import Digest, Header, Seal
from runtime.primitives.keys import DEV_ACCOUNTS
from runtime.primitives.scale import EnumValue
from storage.chain_db import ChainDB
from storage.chain_meta import Pruning
from storage.kv import Column

ALICE = DEV_ACCOUNTS["Alice"]
BOB = DEV_ACCOUNTS["Bob"]


@dataclass
class ListReady:
    """Ready transactions from a fixed list (the author's ``ReadyTransactions``)."""

    items: list[bytes]
    reported: list[bytes] = field(default_factory=list)

    @dataclass(frozen=True)
    class Item:
        """One transaction."""

        hash: bytes
        data: bytes

    def __iter__(self) -> Iterator[ListReady.Item]:
        return iter([ListReady.Item(i.to_bytes(32, "big"), d) for i, d in enumerate(self.items)])

    def report_invalid(self, tx_hash: bytes) -> None:
        """Remember the report."""
        self.reported.append(tx_hash)


def signed_transfer(node: NodeRuntime, genesis_hash: bytes, nonce: int, value: int) -> bytes:
    """A signed ``Balances.transfer_keep_alive(Bob, value)`` from Alice."""
    call = node.outer_enums.call_type.encode(EnumValue("Balances", EnumValue(
        "transfer_keep_alive", {"dest": EnumValue("Id", BOB.account_id), "value": value})))
    context = ImplicitContext(node.version.spec_version, node.version.transaction_version,
                              genesis_hash)
    return build_signed_extrinsic(ALICE.sr25519, call, SignedExtra(nonce=nonce),
                                  context).encode()


def build_dev_chain(base_path: Path, count: int, *,
                    dev_changes: dict[int, list[tuple[bytes, bytes | None]]] | None = None,
                    fast_blocks: bool = False) -> tuple[bytes, bytes]:
    """``count`` sealed, finalized dev blocks with one transfer each under ``base_path``, one
    slot apart; ``dev_changes`` maps a block number to ``dev_setStorage`` changes built into
    it. Returns the best hash and its state root."""
    node = load_runtime(fast_blocks)
    db = open_or_create(base_path)
    try:
        commit_genesis(db, dev_raw_spec(), node.version.state_version)
        importer = make_importer(db, node)
        genesis, parent = db.genesis_hash, db.genesis_hash
        assert genesis is not None and parent is not None
        for number in range(1, count + 1):
            changes = (dev_changes or {}).get(number, [])
            author = BlockAuthor(importer.chain, DevExecutive(node.executive, changes),
                                 importer)  # type: ignore[arg-type]
            moment = number * aura.slot_duration()
            inherent = UncheckedExtrinsic(timestamp.PALLET.calls[0].encode(now=moment)).encode()
            transfer = signed_transfer(node, genesis, number - 1, 10**9)
            built = author.build(parent, inherents=[inherent], ready=ListReady([transfer]),
                                 seal=aura_sealer(ALICE.sr25519), pre_digest=[slot_digest(number)])
            assert len(built.block.extrinsics) == 2
            importer.import_block(built.block, ImportOrigin.OWN, finalize=True, built=built.state)
            parent = built.block.hash()
        importer.close()
        record = db.record(parent)
        return parent, record.state_root
    finally:
        db.close()


def rewrite_header(base_path: Path, number: int, header: Header) -> None:
    """Store ``header`` in place of block ``number``'s (the row under its old hash)."""
    with ChainDB.open_leveldb(db_path(base_path), Pruning.archive_mode()) as db:
        block_hash = db.canonical_hash(number)
        assert block_hash is not None
        db.kv.put(Column.HEADERS.key(db.record(block_hash).lookup), header.encode())


def stored_header(base_path: Path, number: int) -> Header:
    """Block ``number``'s stored header."""
    with ChainDB.open_leveldb(db_path(base_path), Pruning.archive_mode()) as db:
        block_hash = db.canonical_hash(number)
        assert block_hash is not None
        raw = db.header(block_hash)
        assert raw is not None
        return Header.decode(raw)


def run(*args: str) -> Result:
    """``tensorchain ARGS`` in process."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def chain_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A stored 50-block dev chain, shared read-only by the tests of this module."""
    base = tmp_path_factory.mktemp("replay") / "base"
    build_dev_chain(base, 50)
    return base


def test_replay_of_a_stored_dev_chain_rechecks_every_root_and_exits_zero(
        chain_path: Path) -> None:
    result = run("replay", "--base-path", str(chain_path), "--no-fast-blocks")
    assert result.exit_code == 0, result.stderr
    assert "replayed 50 blocks (#1..#50), 100 extrinsics, every state root matches" in (
        result.stdout)
    assert "replaying" in result.stderr
    assert "block imported" not in result.stdout + result.stderr


def test_replay_with_debug_logs_prints_every_import_to_stderr(chain_path: Path) -> None:
    result = run("replay", "--base-path", str(chain_path), "--no-fast-blocks", "--to", "2",
                 "--log-level", "debug")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count('"block imported"') == 2
    assert "block imported" not in result.stdout


@pytest.fixture
def production_timings_after() -> Iterator[None]:
    """Restore the process's production runtime timings after a fast-blocks test."""
    yield
    timestamp.set_fast_blocks(False)


@pytest.mark.usefixtures("production_timings_after")
def test_replay_of_a_fast_blocks_chain_needs_the_fast_timings(tmp_path: Path) -> None:
    build_dev_chain(tmp_path, 5, fast_blocks=True)
    fast = run("replay", "--base-path", str(tmp_path))
    assert fast.exit_code == 0, fast.stderr
    assert "replayed 5 blocks (#1..#5)" in fast.stdout
    slow = run("replay", "--base-path", str(tmp_path), "--no-fast-blocks")
    assert slow.exit_code == 1
    assert "block #1 0x" in slow.stderr and "refused: Timestamp slot must match" in slow.stderr


def test_replay_from_to_reports_only_that_range(chain_path: Path) -> None:
    result = run("replay", "--base-path", str(chain_path), "--no-fast-blocks",
                 "--from", "10", "--to", "12")
    assert result.exit_code == 0, result.stderr
    assert "replayed 3 blocks (#10..#12), 6 extrinsics" in result.stdout


def test_replay_beyond_the_best_block_fails_with_a_clear_error(chain_path: Path) -> None:
    result = run("replay", "--base-path", str(chain_path), "--no-fast-blocks", "--to", "51")
    assert result.exit_code == 1
    assert "--to 51 is above the stored best block #50" in result.stderr


def test_replay_of_an_empty_base_path_fails_with_a_clear_error(tmp_path: Path) -> None:
    result = run("replay", "--base-path", str(tmp_path), "--no-fast-blocks")
    assert result.exit_code == 1
    assert f"no chain database at {db_path(tmp_path)}" in result.stderr


def test_replay_of_a_tampered_state_root_exits_nonzero_naming_the_block(tmp_path: Path) -> None:
    build_dev_chain(tmp_path, 6)
    original = stored_header(tmp_path, 4)
    tampered = dataclasses.replace(original.without_seal(), state_root=b"\x11" * 32)
    rewrite_header(tmp_path, 4, seal_header(tampered, ALICE.sr25519))
    result = run("replay", "--base-path", str(tmp_path), "--no-fast-blocks")
    assert result.exit_code == 1
    assert "block #4 0x" in result.stderr and "state root mismatch" in result.stderr
    assert f"computed state root 0x{original.state_root.hex()}" in result.stderr
    assert f"header state root   0x{'11' * 32}" in result.stderr
    assert "replay failed after 3 good block(s)" in result.stderr


def test_replay_of_a_bad_seal_exits_nonzero_naming_the_block(tmp_path: Path) -> None:
    build_dev_chain(tmp_path, 5)
    header = stored_header(tmp_path, 2)
    seal = header.digest.logs[-1]
    assert isinstance(seal, Seal)
    forged = Seal(seal.engine, bytes(64))
    rewrite_header(tmp_path, 2, dataclasses.replace(
        header, digest=Digest((*header.digest.logs[:-1], forged))))
    result = run("replay", "--base-path", str(tmp_path), "--no-fast-blocks")
    assert result.exit_code == 1
    assert "block #2 0x" in result.stderr and "refused" in result.stderr
    assert "replay failed after 1 good block(s)" in result.stderr


def test_replay_names_the_differing_key_by_pallet_and_item(tmp_path: Path) -> None:
    # block 3 carried a dev_setStorage change: the plain runtime computes another state
    changes = {3: [(TotalIssuance.storage_key(), TotalIssuance.value_type.encode(2**62))]}
    build_dev_chain(tmp_path, 4, dev_changes=changes)
    result = run("replay", "--base-path", str(tmp_path), "--no-fast-blocks")
    assert result.exit_code == 1
    assert "block #3 0x" in result.stderr and "state root mismatch" in result.stderr
    assert "Balances.TotalIssuance: stored 0x" in result.stderr


@pytest.mark.slow
def test_replay_of_1000_blocks_of_transfers_rechecks_every_root(tmp_path: Path) -> None:
    build_dev_chain(tmp_path, 1000)
    result = run("replay", "--base-path", str(tmp_path), "--no-fast-blocks")
    assert result.exit_code == 0, result.stderr
    assert "replayed 1000 blocks (#1..#1000), 2000 extrinsics, every state root matches" in (
        result.stdout)
