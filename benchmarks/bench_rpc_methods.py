"""Substrate read methods: handler cost over the raw chain-reader call they wrap.

A LevelDB chain with ``KEYS`` keys under one map prefix (genesis plus one block); the handlers
of ``rpc.methods`` are called in-process (no transport: ``bench_rpc`` measures that), each
against the reader call it performs as the baseline: ``state_getStorage`` vs
``ChainDBReader.storage``, ``state_getKeysPaged`` (1000 keys) vs ``iter_keys`` of 1000 keys,
``state_queryStorageAt`` (100 keys) vs 100 reads, ``chain_getHeader`` vs the header row read.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable
from itertools import islice
from typing import Any

from benchmarks.harness import Row
from rpc.backend import ChainDBReader, RuntimeCallError
from rpc.jsonrpc import Params
from rpc.methods import chain, state
from rpc.registry import RpcRegistry
from runtime.primitives.block import Digest, Header, genesis_header
from runtime.primitives.hashing import blake2_256, twox128
from storage.chain_db import ZERO_HASH, ChainDB
from storage.state_db import bulk_update

_GROUP = "rpc methods"
KEYS = 20_000
_MIN_SECONDS = 0.3
PREFIX = twox128(b"Bench") + twox128(b"Map")


class _NoRuntime:
    """The state methods measured here never call the runtime."""

    def call(self, method: str, data: bytes, at: bytes) -> bytes:
        raise RuntimeCallError(f"Other: Exported method {method} is not found")

    def version(self, at: bytes) -> Any:
        raise RuntimeCallError("Other: no runtime in this benchmark")

    def metadata(self, at: bytes) -> bytes:
        raise RuntimeCallError("Other: no runtime in this benchmark")


def _build(db: ChainDB) -> list[bytes]:
    keys = [PREFIX + blake2_256(i.to_bytes(4, "little"))[:16] + i.to_bytes(4, "little")
            for i in range(KEYS)]
    items = {key: key[-4:] * 4 for key in keys}
    update = bulk_update(items)
    header = genesis_header(update.root)
    db.commit_block(header=header.encode(), block_hash=header.hash(), number=0,
                    parent_hash=ZERO_HASH, body=b"\x00", update=update,
                    changes=sorted(items.items()))
    overlay = db.overlay_at(header.hash())
    overlay.set(keys[0], b"changed")
    commit = overlay.commit_set(1)
    child = Header(header.hash(), 1, commit.state_root, bytes(32), Digest())
    db.commit_block(header=child.encode(), block_hash=child.hash(), number=1,
                    parent_hash=header.hash(), body=b"\x00", update=commit.update,
                    changes=commit.changes)
    return sorted(keys)


async def _rate(fn: Callable[[], Awaitable[object]] | Callable[[], object]) -> float:
    """Calls per second of ``fn`` (awaited when it returns an awaitable)."""
    count, start = 0, time.perf_counter()
    while True:
        result = fn()
        if asyncio.iscoroutine(result):
            await result
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= _MIN_SECONDS and count >= 5:
            return count / elapsed


async def _measure(reader: ChainDBReader, keys: list[bytes]) -> list[Row]:
    registry = RpcRegistry()
    chain.register(registry, reader)
    state.register(registry, reader, _NoRuntime())
    best = reader.best_hash()

    def handler(name: str, params: list[Any]) -> Callable[[], Awaitable[object]]:
        entry = registry.lookup(name)
        assert entry is not None and entry.handler is not None
        call = entry.handler
        return lambda: call(Params(params))  # type: ignore[call-arg]

    hex_keys = ["0x" + key.hex() for key in keys[:100]]
    pairs: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
        ("state_getStorage", handler("state_getStorage", [hex_keys[5], None]),
         lambda: reader.storage(best, keys[5])),
        ("state_getKeysPaged 1000", handler("state_getKeysPaged",
                                            ["0x" + PREFIX.hex(), 1000, hex_keys[0], None]),
         lambda: list(islice(reader.iter_keys(best, PREFIX, keys[0]), 1000))),
        ("state_queryStorageAt 100", handler("state_queryStorageAt", [hex_keys, None]),
         lambda: [reader.storage(best, key) for key in keys[:100]]),
        ("chain_getHeader", handler("chain_getHeader", []),
         lambda: reader.header(reader.best_hash())),
    ]
    rows: list[Row] = []
    for name, method, raw in pairs:
        base = f"{name}: reader only"
        rows.append(Row(_GROUP, base, await _rate(raw), "calls/s"))
        rows.append(Row(_GROUP, f"{name}: handler", await _rate(method), "calls/s", base))
    return rows


def run() -> list[Row]:
    """Build the chain in a temporary LevelDB directory and measure."""
    directory = tempfile.mkdtemp(prefix="bench_rpc_methods_")
    try:
        with ChainDB.open_leveldb(directory) as db:
            keys = _build(db)
            return asyncio.run(_measure(ChainDBReader(db), keys))
    finally:
        shutil.rmtree(directory, ignore_errors=True)
