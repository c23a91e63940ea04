"""Transaction pool rates: submit, ready() iteration, block pruning, limit eviction.

The validator is a table lookup (or, for re-validation, a dict-of-nonces check), so the figures
are the pool's own cost: hashing, queue bookkeeping and events. Baseline: the submit rate of one
account's 10,000-transaction nonce chain, measured in the same run.
"""

from __future__ import annotations

import dataclasses
import time

from benchmarks.harness import Row, seconds
from node.txpool import PoolLimits, TransactionPool, TransactionSource, Validator, ValidTransaction

EXT = TransactionSource.EXTERNAL
AT = b"\x00" * 32
ROOMY = PoolLimits(ready_count=100_000, ready_bytes=1 << 30, future_count=100_000,
                   future_bytes=1 << 30)


def _xt(account: int, nonce: int, tip: int = 0) -> bytes:
    body = b"\x84" + account.to_bytes(32, "little") + nonce.to_bytes(4, "little") \
        + tip.to_bytes(8, "little") + b"\x00" * 60
    return ((len(body) << 2) | 1).to_bytes(2, "little") + body


def _tag(account: int, nonce: int) -> bytes:
    return account.to_bytes(32, "little") + nonce.to_bytes(4, "little")


def _parse(xt: bytes) -> tuple[int, int, int]:
    return (int.from_bytes(xt[3:35], "little"), int.from_bytes(xt[35:39], "little"),
            int.from_bytes(xt[39:47], "little"))


class _NonceValidator:
    """CheckNonce rules over a dict of on-chain nonces (state at the pool's head)."""

    def __init__(self) -> None:
        self.nonces: dict[int, int] = {}

    def __call__(self, source: TransactionSource, xt: bytes, at: bytes) -> ValidTransaction:
        who, nonce, tip = _parse(xt)
        current = self.nonces.get(who, 0)
        requires = (_tag(who, nonce - 1),) if nonce > current else ()
        return ValidTransaction(tip, requires, (_tag(who, nonce),), 1 << 32, True)


def _table_validator(xts: list[bytes]) -> Validator:
    validator = _NonceValidator()
    table = {xt: validator(EXT, xt, AT) for xt in xts}
    return lambda source, xt, at: table[xt]


def _submit_all(xts: list[bytes], validator: Validator,
                limits: PoolLimits = ROOMY) -> TransactionPool:
    pool = TransactionPool(validator, limits=limits)
    for xt in xts:
        pool.submit(EXT, xt, AT)
    return pool


def _many_accounts(accounts: int = 1000, per_account: int = 10) -> list[bytes]:
    return [_xt(a, n, tip=a % 7) for n in range(per_account) for a in range(accounts)]


def _prune_seconds(revalidate: bool, limits: PoolLimits = ROOMY) -> float:
    xts = _many_accounts()

    def setup_and_prune() -> float:
        """Fill a pool, then time only the block import."""
        validator = _NonceValidator()
        pool = TransactionPool(validator, limits=limits)
        for xt in xts:
            pool.submit(EXT, xt, AT)
        block = [tx.data for tx in pool.ready()][:1000]
        for xt in block:
            who, nonce, _ = _parse(xt)
            validator.nonces[who] = nonce + 1
        start = time.perf_counter()
        pool.on_block_imported(b"\x01" * 32, block, revalidate, parent_hash=AT)
        elapsed = time.perf_counter() - start
        if pool.status().ready != len(xts) - 1000:
            raise RuntimeError("pruning lost transactions")
        return elapsed

    return min(setup_and_prune() for _ in range(3))


def _eviction_rate() -> float:
    full = _many_accounts(accounts=1024, per_account=8)
    newcomers = [_xt(5000 + a, 0, tip=100) for a in range(1000)]
    validator = _table_validator(full + newcomers)
    limits = PoolLimits()

    def fill_then_flood() -> None:
        pool = TransactionPool(validator, limits=limits)
        for xt in full:
            pool.submit(EXT, xt, AT)
        for xt in newcomers:
            pool.submit(EXT, xt, AT)

    fill = seconds(lambda: _submit_all(full, validator, limits), repeats=3)
    return len(newcomers) / max(seconds(fill_then_flood, repeats=3) - fill, 1e-9)


def run() -> list[Row]:
    """Measure and return the transaction-pool rows."""
    many = _many_accounts()
    chain = [_xt(1, n) for n in range(10_000)]
    reversed_chain = list(reversed(chain))
    many_v, chain_v = _table_validator(many), _table_validator(chain)
    pool = _submit_all(many, many_v)
    iterate = seconds(lambda: sum(1 for _ in pool.ready()), repeats=5)
    base = "submit, 1 account x 10k nonce chain"
    return [
        Row("txpool", base, 10_000 / seconds(lambda: _submit_all(chain, chain_v), repeats=3),
            "tx/s"),
        Row("txpool", "submit, 1,000 accounts x 10 (10k tx)",
            10_000 / seconds(lambda: _submit_all(many, many_v), repeats=3), "tx/s",
            baseline=base),
        Row("txpool", "submit, 1 account x 10k, newest nonce first (future then promote)",
            10_000 / seconds(lambda: _submit_all(reversed_chain, chain_v), repeats=3), "tx/s",
            baseline=base),
        Row("txpool", "ready() iteration over 10k ready", 10_000 / iterate, "tx/s"),
        Row("txpool", "on_block_imported, 1,000-tx block, pool 10k, no revalidation",
            _prune_seconds(False) * 1000, "ms"),
        Row("txpool", "on_block_imported, 1,000-tx block, pool 10k, revalidate 9k",
            _prune_seconds(True) * 1000, "ms", note="trivial dict-of-nonces validator"),
        Row("txpool", "on_block_imported, 1,000-tx block, pool 10k, revalidate 512",
            _prune_seconds(True, dataclasses.replace(ROOMY, revalidation_batch=512)) * 1000, "ms",
            note="PoolLimits.revalidation_batch=512"),
        Row("txpool", "submit into a full pool (8192 ready), each evicting the worst",
            _eviction_rate(), "tx/s", baseline=base),
    ]
