"""Block import and authoring with LevelDB: blocks/s and extrinsics/s for 0, 100 and 1,000 signed
calls per block (the test runtime's ``Demo.transfer``, sr25519, flat fee).

Per block, measured separately:

* **execute only** (baseline): ``execute_block`` on an overlay of the parent in a replica database,
  nothing committed — signature checks, dispatch, roots;
* **import**: the replica's ``BlockImporter.import_block`` — header checks with the Aura seal,
  re-execution, one atomic LevelDB commit, fork choice;
* **author build**: ``BlockAuthor.build`` on the source database (inherent, the calls, roots, seal);
* **own import, fast path**: the source commits the author's computed state (header checks, no
  re-execution) — compare with **import** to see what re-executing our own blocks costs.

The group ``import (node runtime)`` repeats execute-only / import / author build with the
assembled runtime (dev genesis, Timestamp inherent, Aura, ``Balances.transfer_keep_alive`` with
TransactionPayment fees). No pool listens there: a pool that does not know a block's
transactions validates each of them to learn its tags (about 2 ms per transfer, on the loop thread).
"""

from __future__ import annotations

import logging
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import structlog

from benchmarks.harness import Row
from node.events import ImportOrigin
from runtime.primitives.keys import DEV_ACCOUNTS
from tests.unit.node import test_importer_node_runtime as real
from tests.unit.node.chain_fixtures import (
    ALICE,
    ListReady,
    Node,
    block_inputs,
    make_node,
    signed,
    transfer_call,
)

SIZES = ((0, 40), (100, 8), (1_000, 3))
"""(signed calls per block, blocks measured)."""
DEST = DEV_ACCOUNTS["Eve"].sr25519


def _txs(node: Node, first_nonce: int, count: int) -> list[bytes]:
    return [signed(node.genesis_hash, ALICE, transfer_call(DEST, 1), first_nonce + n)
            for n in range(count)]


def _one_block(source: Node | real.RealNode, replica: Node | real.RealNode, txs: list[bytes],
               fast_path: bool = True) -> dict[str, float]:
    inputs = block_inputs(source) if isinstance(source, Node) else source.inputs()
    start = time.perf_counter()
    built = source.author.build(ready=ListReady(txs), **inputs)  # type: ignore[arg-type]
    build = time.perf_counter() - start
    block = built.block
    assert len(block.extrinsics) == len(txs) + 1, "every signed call must be included"
    overlay = replica.db.overlay_at(block.header.parent_hash)
    start = time.perf_counter()
    replica.importer.executive.execute_block(overlay, block)
    execute_only = time.perf_counter() - start
    start = time.perf_counter()
    replica.importer.import_block(block, ImportOrigin.NETWORK_SYNC)
    imported = time.perf_counter() - start
    times = {"execute only": execute_only, "import": imported, "author build": build}
    start = time.perf_counter()
    source.importer.import_block(block, ImportOrigin.OWN, built=built.state)
    if fast_path:
        times["own import, fast path"] = time.perf_counter() - start
    return times


def _measure(source: Node, replica: Node) -> list[Row]:
    rows: list[Row] = []
    nonce = 0
    for size, blocks in SIZES:
        samples: dict[str, list[float]] = {}
        for _ in range(blocks):
            txs = _txs(source, nonce, size)
            nonce += size
            for name, value in _one_block(source, replica, txs).items():
                samples.setdefault(name, []).append(value)
        rows.extend(_rows(size, samples))
    return rows


def _measure_node_runtime(folder: Path) -> list[Row]:
    source = real.RealNode(folder / "real-source", pool_listener=False)
    replica = real.RealNode(folder / "real-replica", pool_listener=False)
    rows: list[Row] = []
    nonce = 0
    try:
        for size, blocks in SIZES[1:]:
            samples: dict[str, list[float]] = {}
            for _ in range(blocks):
                call = real.transfer_keep_alive(real.CHARLIE.account_id, 10**9)
                txs = [real.signed(real.BOB.sr25519, call, nonce + n, source.genesis_hash)
                       for n in range(size)]
                nonce += size
                for name, value in _one_block(source, replica, txs, False).items():
                    samples.setdefault(name, []).append(value)
            rows.extend(_rows(size, samples, "import (node runtime)"))
    finally:
        for node in (source, replica):
            node.importer.close()
            node.db.close()
    return rows


def _rows(size: int, samples: dict[str, list[float]], group: str = "import") -> list[Row]:
    medians = {name: statistics.median(values) for name, values in samples.items()}
    baseline = f"execute only, {size} xt/block"
    rows = []
    for name, seconds in medians.items():
        note = f"{size / seconds:,.0f} xt/s, {seconds * 1000:.1f} ms/block" if size else \
            f"{seconds * 1000:.2f} ms/block"
        label = f"{name}, {size} xt/block"
        rows.append(Row(group, label, 1 / seconds, "blocks/s",
                        None if label == baseline else baseline, note))
    if "own import, fast path" not in medians:
        return rows
    reexec = medians["author build"] + medians["import"]
    fast = medians["author build"] + medians["own import, fast path"]
    rows.append(Row(group, f"author + re-executing import, {size} xt/block", 1 / reexec,
                    "blocks/s", f"author + fast-path import, {size} xt/block",
                    f"re-execution is {medians['import'] / reexec:.0%} of own-block cost"))
    rows.append(Row(group, f"author + fast-path import, {size} xt/block", 1 / fast, "blocks/s"))
    return rows


def run() -> list[Row]:
    """Measure on two LevelDB databases in a temporary folder."""
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    source = make_node(folder / "source")
    replica = make_node(folder / "replica")
    try:
        return _measure(source, replica) + _measure_node_runtime(folder)
    finally:
        source.close()
        replica.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    from benchmarks.harness import format_table

    print(format_table(run()))
