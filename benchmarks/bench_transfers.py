"""Signed transfers per second through the assembled runtime, and where the time goes (issue 4).

Setup (untimed): 1,000 senders ``//Sender/<i>`` funded in the dev genesis, committed to a LevelDB
``ChainDB``; 1,000 signed ``Balances.transfer_keep_alive`` (nonce 0 each, distinct senders, one
block) built in advance. Per block (a fresh overlay on genesis, one Aura slot per block):

* **raw sr25519 verify** (baseline): the signature library alone, on the 1,000 real payloads;
* **decode only**: ``decode_extrinsic`` of each extrinsic;
* **signature check only**: ``check_extrinsic`` on the decoded extrinsics (implicit data, signing
  payload, sr25519 verify);
* **apply_extrinsic**: ``Executive.apply_extrinsic`` of each transfer (decode, check, call decode,
  nonce, fee, dispatch, events) — the headline transfers/s;
* **dispatch**: apply minus decode minus signature check, per transfer;
* **state root**: the ``storage_root`` call inside ``finalize_block`` (and, in its note, the
  extrinsics root and the rest of ``finalize_block``);
* **execute block**: initialize + timestamp inherent + N applies + finalize;
* **import**: the sealed block through ``BlockImporter.import_block`` over the LevelDB ChainDB
  (Aura seal check, extrinsics root, re-execution, one atomic commit).

Rates are transfers/s; the note gives µs per transfer and the share of the apply time.
"""

from __future__ import annotations

import logging
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import structlog

from benchmarks.harness import Row
from chainspec.genesis import commit_genesis
from chainspec.raw import RawChainSpec
from consensus.aura import slot_digest
from consensus.verify import HeaderVerifier
from node.author import aura_sealer
from node.chain import Chain
from node.events import ImportOrigin
from node.importer import AuraSealCheck, BlockImporter
from runtime.extrinsic.checks import CheckedExtrinsic, check_extrinsic, runtime_implicit_values
from runtime.extrinsic.format import UncheckedExtrinsic, decode_extrinsic
from runtime.extrinsic.signing import signing_payload
from runtime.genesis import build_dev_genesis, dev_balances, dev_genesis_header
from runtime.pallets.aura import pallet as aura
from runtime.primitives.block import Block, Digest, Header
from runtime.primitives.keys import derived_accounts
from runtime.primitives.keys.schemes import sr25519_verify
from storage.chain_db import ChainDB
from storage.overlay import Overlay
from storage.trie import Trie
from storage.trie.nodestore import MemoryNodeStore
from tests.unit.runtime.test_apis_support import (
    ALICE,
    CHARLIE,
    NODE,
    SLOT,
    runtime_call,
    signed,
    transfer_keep_alive,
)

GROUP = "transfers"
TRANSFERS = 1_000
"""Signed transfers per block (distinct senders, nonce 0)."""
BLOCKS = 3
"""Blocks measured (medians are reported)."""
CHUNK = 100
"""Transfers per timed slice of the block (the first and last slices are compared)."""
ENDOWMENT = 1_000 * 10**9
AMOUNT = 10**9
BASELINE = "raw sr25519 verify"


@dataclass(frozen=True, slots=True)
class Fixture:
    """The funded chain and the pre-built transfers."""

    db: ChainDB
    genesis_hash: bytes
    importer: BlockImporter
    transfers: list[bytes]
    payloads: list[tuple[bytes, bytes, bytes]]
    """(signature, signing payload, signer) of each transfer, for the raw verify baseline."""


class _TimedRoots:
    """An Externalities proxy for ``finalize_block`` that times the two root computations."""

    def __init__(self, inner: Overlay) -> None:
        self._inner = inner
        self.storage_root_s = 0.0
        self.extrinsics_root_s = 0.0

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)

    def storage_root(self, state_version: int) -> bytes:
        """The wrapped ``storage_root``, timed."""
        start = time.perf_counter()
        root = self._inner.storage_root(state_version)
        self.storage_root_s += time.perf_counter() - start
        return root

    def ordered_trie_root(self, values: Sequence[bytes], state_version: int) -> bytes:
        """The wrapped ``ordered_trie_root`` (extrinsics root), timed."""
        start = time.perf_counter()
        root = self._inner.ordered_trie_root(values, state_version)
        self.extrinsics_root_s += time.perf_counter() - start
        return root


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _genesis(folder: Path, senders: Sequence[bytes]) -> tuple[ChainDB, bytes]:
    """The dev genesis plus ``senders`` funded, committed to a fresh LevelDB ChainDB."""
    ext = Overlay(Trie(MemoryNodeStore()))
    balances = dev_balances() + [(who, ENDOWMENT) for who in senders]
    build_dev_genesis(ext, NODE, balances=balances)
    genesis_hash = dev_genesis_header(ext, NODE.version.state_version).hash()
    db = ChainDB.open_leveldb(folder / "chain")
    genesis = commit_genesis(db, RawChainSpec(
        {key: value for key, value in ext.changes() if value is not None}),
        NODE.version.state_version)
    assert genesis.hash == genesis_hash, "genesis committed differs from the one signed against"
    return db, genesis_hash


def _importer(db: ChainDB) -> BlockImporter:
    """A BlockImporter with the Aura seal check against the authorities at the parent."""
    chain = Chain(db, NODE.version.state_version)
    verifier = HeaderVerifier(chain, clock=lambda: 0, slot_duration_ms=aura.slot_duration(),
                              check_future_slots=False)
    seal_check = AuraSealCheck(verifier, lambda parent: aura.authorities(db.overlay_at(parent)))
    return BlockImporter(chain, NODE.executive, seal_check=seal_check)


def _payloads(transfers: Sequence[bytes], genesis_hash: bytes
              ) -> list[tuple[bytes, bytes, bytes]]:
    """Signature, signing payload and signer of each transfer, as the runtime computes them."""
    context = NODE.executive.chain_context(_block_overlay_context(genesis_hash))
    out = []
    for encoded in transfers:
        extrinsic = decode_extrinsic(encoded, NODE.executive.extensions)
        signed_data = extrinsic.signed
        assert signed_data is not None
        implicit = runtime_implicit_values(signed_data.signed_extra, context)
        assert isinstance(implicit, dict)
        payload = signing_payload(extrinsic.call, signed_data.extra,
                                  NODE.executive.extensions.encode_implicit(implicit))
        signer = signed_data.address.account_id
        assert signer is not None
        out.append((signed_data.signature.data, payload, signer))
    return out


def _block_overlay_context(genesis_hash: bytes) -> Overlay:
    """A scratch state whose ``System.BlockHash(0)`` is the genesis hash, at block 1."""
    ext = Overlay(Trie(MemoryNodeStore()))
    NODE.executive.initialize_block(ext, _header(genesis_hash, SLOT))
    return ext


def _fixture(folder: Path) -> Fixture:
    keys = derived_accounts(TRANSFERS)
    db, genesis_hash = _genesis(folder, [key.account_id for key in keys])
    call = transfer_keep_alive(CHARLIE.account_id, AMOUNT)
    transfers = [signed(key, call, 0, genesis_hash) for key in keys]
    return Fixture(db, genesis_hash, _importer(db), transfers,
                   _payloads(transfers, genesis_hash))


def _header(parent: bytes, slot: int) -> Header:
    return Header(parent, 1, bytes(32), bytes(32), Digest((slot_digest(slot),)))


def _timestamp(slot: int) -> bytes:
    now = slot * aura.slot_duration()
    return UncheckedExtrinsic(runtime_call("Timestamp", "set", {"now": now})).encode()


def _measure_parts(fx: Fixture) -> dict[str, float]:
    """Per-transfer pieces measured outside block execution: raw verify, decode, check."""
    verify_s, ok = _timed(lambda: all(sr25519_verify(s, m, p) for s, m, p in fx.payloads))
    assert ok, "every pre-built signature must verify"
    extensions = NODE.executive.extensions
    decode_s, decoded = _timed(lambda: [decode_extrinsic(x, extensions) for x in fx.transfers])
    context = NODE.executive.chain_context(_block_overlay_context(fx.genesis_hash))
    check_s, checked = _timed(
        lambda: [check_extrinsic(x, context, extensions) for x in decoded])  # type: ignore[union-attr]
    assert all(isinstance(c, CheckedExtrinsic) for c in checked), "every transfer must check"
    calls = [c.call for c in checked]  # type: ignore[union-attr]
    call_decode_s, _ = _timed(lambda: [NODE.executive.runtime.decode_call(c) for c in calls])
    return {"verify": verify_s, "decode": decode_s, "check": check_s,
            "call decode": call_decode_s}


def _apply_in_chunks(ext: Overlay, transfers: Sequence[bytes]
                     ) -> tuple[list[object], list[float]]:
    """Apply ``transfers`` in order; the outcomes and the seconds spent per ``CHUNK``."""
    apply = NODE.executive.apply_extrinsic
    outcomes: list[object] = []
    chunks = []
    for first in range(0, len(transfers), CHUNK):
        start = time.perf_counter()
        outcomes.extend([apply(ext, xt) for xt in transfers[first:first + CHUNK]])
        chunks.append(time.perf_counter() - start)
    return outcomes, chunks


def _execute_block(fx: Fixture, slot: int) -> tuple[dict[str, float], Block]:
    """Build the block at ``slot`` on a fresh overlay of genesis, timing each phase."""
    executive = NODE.executive
    ext = fx.db.overlay_at(fx.genesis_hash, NODE.version.state_version)
    stamp = _timestamp(slot)
    start = time.perf_counter()
    executive.initialize_block(ext, _header(fx.genesis_hash, slot))
    assert executive.apply_extrinsic(ext, stamp) is None, "the timestamp inherent must apply"
    applied = time.perf_counter()
    outcomes, chunks = _apply_in_chunks(ext, fx.transfers)
    dispatched = time.perf_counter()
    assert all(o is None for o in outcomes), f"every transfer must succeed: {outcomes[:3]}"
    roots = _TimedRoots(ext)
    header = executive.finalize_block(roots)  # type: ignore[arg-type]
    end = time.perf_counter()
    times = {"apply": dispatched - applied, "finalize": end - dispatched,
             "apply first chunk": chunks[0], "apply last chunk": chunks[-1],
             "storage root": roots.storage_root_s, "extrinsics root": roots.extrinsics_root_s,
             "execute": end - start}
    return times, Block(aura_sealer(ALICE.sr25519)(header), [stamp, *fx.transfers])


def _import(fx: Fixture, block: Block) -> dict[str, float]:
    start = time.perf_counter()
    result = fx.importer.import_block(block, ImportOrigin.NETWORK_SYNC)
    elapsed = time.perf_counter() - start
    assert result.re_executed and result.extrinsics == TRANSFERS + 1
    timings = result.timings
    return {"import": elapsed, "import verify": timings.verify,
            "import execute": timings.execute, "import commit": timings.commit}


def _measure(fx: Fixture) -> dict[str, float]:
    samples: dict[str, list[float]] = {}
    for k in range(BLOCKS):
        times, block = _execute_block(fx, SLOT + 1 + k)
        times |= _measure_parts(fx)
        times |= _import(fx, block)
        for name, value in times.items():
            samples.setdefault(name, []).append(value)
    return {name: statistics.median(values) for name, values in samples.items()}


def _row(name: str, seconds: float, apply_s: float, extra: str = "") -> Row:
    per_tx_us = seconds / TRANSFERS * 1e6
    note = f"{per_tx_us:,.0f} µs/transfer, {seconds / apply_s:.0%} of apply{extra}"
    return Row(GROUP, name, TRANSFERS / seconds, "transfers/s",
               None if name == BASELINE else BASELINE, note)


def _rows(m: dict[str, float]) -> list[Row]:
    apply_s = m["apply"]
    dispatch_s = apply_s - m["decode"] - m["check"]
    finalize_rest = m["finalize"] - m["storage root"] - m["extrinsics root"]
    return [
        _row(BASELINE, m["verify"], apply_s),
        _row(f"apply_extrinsic, block of {TRANSFERS:,}", apply_s, apply_s,
             f"; target 2,000/s; first {CHUNK} {m['apply first chunk'] / CHUNK * 1e6:,.0f}"
             f" µs/transfer, last {CHUNK} {m['apply last chunk'] / CHUNK * 1e6:,.0f}"),
        _row("  decode only (decode_extrinsic)", m["decode"], apply_s),
        _row("  signature check only (check_extrinsic)", m["check"], apply_s),
        _row("  dispatch (apply - decode - check)", dispatch_s, apply_s,
             f"; of which call decode {m['call decode'] / TRANSFERS * 1e6:,.0f} µs"),
        _row("state root (finalize_block storage_root)", m["storage root"], apply_s,
             f"; extrinsics root {m['extrinsics root'] * 1e3:.1f} ms, rest of finalize "
             f"{finalize_rest * 1e3:.1f} ms"),
        _row("execute block (init + inherent + applies + finalize)", m["execute"], apply_s,
             f"; {m['execute'] * 1e3:,.0f} ms/block"),
        _row("import, BlockImporter over LevelDB", m["import"], apply_s,
             f"; {m['import'] * 1e3:,.0f} ms/block: header+seal {m['import verify'] * 1e3:.1f}"
             f", execute {m['import execute'] * 1e3:,.0f}, commit "
             f"{m['import commit'] * 1e3:.1f} ms"),
    ]


def run() -> list[Row]:
    """Fund the senders, pre-build the transfers, measure ``BLOCKS`` blocks, report medians."""
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    folder = Path(tempfile.mkdtemp(prefix="bench-transfers-"))
    fx = _fixture(folder)
    try:
        return _rows(_measure(fx))
    finally:
        fx.importer.close()
        fx.db.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    from benchmarks.harness import format_table

    print(format_table(run()))
