"""Operator access to a stored chain: open the LevelDB kept under ``--base-path``, build the
runtime the dev node runs (:func:`node.service.build_runtime`), and re-check stored blocks.

* :func:`open_stored` opens ``<base-path>/chains/dev/db`` (the dev node's layout,
  :attr:`node.config.NodeConfig.db_path`), refusing a directory that holds no chain;
* :func:`fresh_importer` builds an in-memory chain from the stored genesis state (its hash must
  equal the stored genesis hash) with the Aura seal check, ready to re-import blocks;
* :func:`replay_stored` re-imports the stored canonical blocks ``start..end`` through that
  importer — the one import path, as :func:`node.importer.replay` does, one block at a time so
  a progress callback can follow — re-checking every seal and state root; it stops at the first
  refusal;
* :func:`command_logging` keeps the node's per-block log lines (debug) out of the way;
* :func:`mismatch_report` words a refusal: the block, the computed vs header state root and the
  first differing keys named ``Pallet.Item`` (:func:`node.chain.describe_key`).

``--from N`` greater than 1: blocks ``1..N-1`` are imported first (their state is needed as the
parent of block N; they are checked as well, but not counted in the report).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import structlog

from chainspec.genesis import commit_genesis, export_raw_spec
from consensus.sealing import system_clock_ms
from consensus.verify import HeaderVerifier
from node.chain import Chain, describe_key, storage_names
from node.config import LogFormat, NodeConfig
from node.events import ImportOrigin
from node.importer import (
    AuraSealCheck,
    BlockImporter,
    BlockImportError,
    ExecutionFailed,
    ImportResult,
    ReplayReport,
    StateRootMismatch,
)
from node.logging import configure
from node.service import build_runtime
from runtime.node_runtime import NodeRuntime
from runtime.pallets.aura import pallet as aura
from runtime.primitives.block import Block
from storage.chain_db import ChainDB
from storage.chain_meta import Pruning

LOG_LEVELS = ("debug", "info", "warning", "error")


@contextmanager
def command_logging(level: str) -> Iterator[None]:
    """Node logs at ``level`` and above, to stderr (away from the command's output), for the
    duration of a command; the process's previous logging setup is restored afterwards (so an
    in-process caller, e.g. a test runner, keeps its own)."""
    saved = structlog.get_config()
    root = logging.getLogger()
    handlers, root_level = root.handlers[:], root.level
    configure(LogFormat.AUTO, level, stream=sys.stderr)
    try:
        yield
    finally:
        structlog.configure(**saved)
        root.handlers[:] = handlers
        root.setLevel(root_level)


class StoredChainError(Exception):
    """The base path holds no usable chain, or the requested range is not stored."""


def db_path(base_path: Path) -> Path:
    """Where the dev node keeps its LevelDB under ``base_path``."""
    path = NodeConfig.for_dev(base_path=str(base_path)).db_path
    assert path is not None
    return path


def open_stored(base_path: Path) -> ChainDB:
    """The chain database under ``base_path``; :class:`StoredChainError` if there is none."""
    path = db_path(base_path)
    if not path.is_dir():
        raise StoredChainError(f"no chain database at {path}")
    db = ChainDB.open_leveldb(path, Pruning.archive_mode())
    if db.genesis_hash is None:
        db.close()
        raise StoredChainError(f"the chain database at {path} holds no genesis block")
    return db


def open_or_create(base_path: Path) -> ChainDB:
    """The chain database under ``base_path``, created empty if absent (for imports)."""
    path = db_path(base_path)
    path.mkdir(parents=True, exist_ok=True)
    return ChainDB.open_leveldb(path, Pruning.archive_mode())


def seal_check(chain: Chain, node: NodeRuntime) -> AuraSealCheck:
    """The Aura seal check the dev node applies (authorities read at the parent's state)."""
    verifier = HeaderVerifier(chain, clock=system_clock_ms, slot_duration_ms=aura.slot_duration(),
                              check_future_slots=False)

    def authorities(parent_hash: bytes) -> list[bytes]:
        return list(aura.authorities(chain.db.reader_at(parent_hash, chain.state_version)))

    return AuraSealCheck(verifier, authorities)


def make_importer(db: ChainDB, node: NodeRuntime) -> BlockImporter:
    """The node's importer (Aura seal check) over ``db``."""
    chain = Chain(db, node.version.state_version)
    return BlockImporter(chain, node.executive, seal_check=seal_check(chain, node))


def load_runtime(fast_blocks: bool) -> NodeRuntime:
    """The runtime the dev node runs, with fast-runtime or production timings."""
    return build_runtime(fast_blocks)


def fresh_importer(stored: ChainDB, node: NodeRuntime) -> BlockImporter:
    """An importer over a new in-memory database holding the stored genesis block."""
    genesis_hash = stored.genesis_hash
    if genesis_hash is None:
        raise StoredChainError("the stored chain has no genesis block")
    fresh = ChainDB.open_memory(Pruning.archive_mode())
    genesis = commit_genesis(fresh, export_raw_spec(stored, genesis_hash),
                             node.version.state_version)
    if genesis.hash != genesis_hash:
        fresh.close()
        raise StoredChainError(
            f"the stored genesis state rebuilds genesis 0x{genesis.hash.hex()}, not the stored "
            f"0x{genesis_hash.hex()} (another state version?)")
    return make_importer(fresh, node)


def import_checked(importer: BlockImporter, block: Block) -> ImportResult:
    """Import ``block`` (origin FILE); an exception the runtime raised while executing it (e.g.
    a mandatory inherent refused under other runtime timings) becomes an
    :class:`ExecutionFailed` naming the block. The importer writes nothing before its commit,
    so the chain is unchanged either way."""
    try:
        return importer.import_block(block, ImportOrigin.FILE)
    except BlockImportError:
        raise
    except Exception as exc:  # an operator tool reports the block instead of a traceback
        raise ExecutionFailed(block.hash(), block.header.number,
                              f"execution raised {type(exc).__name__}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class ReplayRange:
    """The blocks to re-check, inclusive."""

    start: int
    end: int


def replay_range(stored: ChainDB, start: int, end: int | None) -> ReplayRange:
    """Check ``--from``/``--to`` against the stored best block."""
    best = stored.best_number
    last = best if end is None else end
    if start < 1:
        raise StoredChainError(f"--from must be at least 1, got {start}")
    if last > best:
        raise StoredChainError(f"--to {last} is above the stored best block #{best}")
    if last < start:
        raise StoredChainError(f"nothing to replay: --from {start} is above --to {last}")
    return ReplayRange(start, last)


def replay_stored(reference: Chain, importer: BlockImporter, blocks: ReplayRange,
                  advance: Callable[[int], None] = lambda _: None,
                  max_differences: int = 20) -> ReplayReport:
    """Re-import ``blocks`` of ``reference`` through ``importer`` (origin FILE; after the
    earlier blocks it lacks), calling ``advance(1)`` per checked block; stops at the first
    refusal. A state-root mismatch is compared with the stored state of the block kept under
    that number (also when its stored header was altered and hashes differently)."""
    if blocks.start > 1:
        before = replay_stored(reference, importer, ReplayRange(1, blocks.start - 1))
        if before.error is not None:
            return ReplayReport(0, 0, before.seconds, before.error, before.differences)
    started = time.perf_counter()
    count = extrinsics = 0
    for number in range(blocks.start, blocks.end + 1):
        stored_hash = reference.canonical_hash(number)
        block = None if stored_hash is None else reference.block(stored_hash)
        if stored_hash is None or block is None:
            raise StoredChainError(f"the stored chain has no canonical block #{number}")
        try:
            import_checked(importer, block)
        except StateRootMismatch as exc:
            found = reference.compare_changes(stored_hash, exc.changes)[:max_differences]
            return ReplayReport(count, extrinsics, time.perf_counter() - started, exc,
                                tuple(found))
        except BlockImportError as exc:
            return ReplayReport(count, extrinsics, time.perf_counter() - started, exc)
        count += 1
        extrinsics += len(block.extrinsics)
        advance(1)
    return ReplayReport(count, extrinsics, time.perf_counter() - started)


def mismatch_report(report: ReplayReport, node: NodeRuntime, limit: int = 10) -> list[str]:
    """Lines describing a replay's refusal (empty when there was none)."""
    error = report.error
    if error is None:
        return []
    lines = [f"block #{error.number} 0x{error.block_hash.hex()} refused: {error.reason}"]
    if isinstance(error, StateRootMismatch):
        lines.append(f"  computed state root 0x{error.computed_root.hex()}")
        lines.append(f"  header state root   0x{error.header_root.hex()}")
        names = storage_names(node.runtime.pallets)
        if not report.differences:
            lines.append("  no key differs from the stored state: the header's root is wrong")
        for difference in report.differences[:limit]:
            lines.append(f"  {describe_key(difference.key, names)}: stored "
                         f"{_short(difference.b_value)} computed {_short(difference.a_value)}")
    return lines


def _short(value: bytes | None, width: int = 24) -> str:
    if value is None:
        return "(absent)"
    text = value.hex()
    return "0x" + (text if len(text) <= width else text[:width] + "…")
