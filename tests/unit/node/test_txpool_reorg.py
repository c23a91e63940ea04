"""Retractions without re-validation followed by a batched re-validation (a found regression)."""

from __future__ import annotations

from node.txpool import PoolLimits, TransactionPool, TransactionSource
from node.txpool.pool import RETRACTED_VALIDATION
from tests.unit.node.test_txpool_fakes import (
    GENESIS,
    FakeChain,
    FakeClock,
    account,
    make_xt,
    nonce_tag,
    parse_xt,
)

A, B = account(1), account(2)


def _block(number: int) -> bytes:
    return number.to_bytes(32, "big")


def _pool(chain: FakeChain, batch: int) -> TransactionPool:
    pool = TransactionPool(chain.validate, limits=PoolLimits(revalidation_batch=batch),
                           clock=FakeClock())
    pool.on_block_imported(GENESIS, [], parent_hash=GENESIS)
    return pool


def _import(chain: FakeChain, pool: TransactionPool, parent: bytes, number: int,
            xts: list[bytes], revalidate: bool) -> bytes:
    chain.add_block(parent, _block(number), xts)
    pool.on_block_imported(_block(number), xts, revalidate)
    return _block(number)


def _reorg_leaving_stale_validity(chain: FakeChain, pool: TransactionPool) -> bytes:
    """Genesis <- 2 {A0, B0} <- 3 {A1}, then 3 and 2 retracted without re-validation: A1 comes
    back validated at block 2 (nothing required), A0 and B0 validated at genesis."""
    a0, b0, a1 = make_xt(A, 0, 9, b"ext"), make_xt(B, 0, 9, b"ext"), make_xt(A, 1, 9, b"ext")
    b2 = _import(chain, pool, GENESIS, 2, [a0, b0], revalidate=False)
    _import(chain, pool, b2, 3, [a1], revalidate=False)
    pool.on_block_retracted(_block(3), revalidate=False)
    assert pool.get(pool.ready_provider(nonce_tag(A, 1))).requires == ()
    pool.on_block_retracted(b2, revalidate=False)
    return GENESIS


def test_retraction_flags_validity_taken_at_retracted_block_stale() -> None:
    chain = FakeChain(longevity=1 << 20)
    pool = _pool(chain, batch=2)
    _reorg_leaving_stale_validity(chain, pool)
    stale = {parse_xt(t.data)[:2]: t.validated_at for t in pool.ready()}
    assert stale[(A, 1)] == RETRACTED_VALIDATION
    assert stale[(A, 0)] != RETRACTED_VALIDATION and stale[(B, 0)] != RETRACTED_VALIDATION


def test_batched_revalidation_after_retraction_restores_inclusion_order() -> None:
    chain = FakeChain(longevity=1 << 20)
    pool = _pool(chain, batch=2)
    head = _reorg_leaving_stale_validity(chain, pool)
    head = _import(chain, pool, head, 4, [], revalidate=True)
    ready = [parse_xt(t.data)[:2] for t in pool.ready()]
    assert sorted(ready) == sorted([(A, 0), (A, 1), (B, 0)])
    assert ready.index((A, 0)) < ready.index((A, 1))
    assert pool.get(pool.ready_provider(nonce_tag(A, 1))).requires == (nonce_tag(A, 0),)
    assert all(t.validated_at != RETRACTED_VALIDATION for t in pool.ready())
    assert chain.nonce(head, A) == 0


def test_batched_revalidation_without_retraction_stays_bounded() -> None:
    chain = FakeChain(longevity=1 << 20)
    pool = _pool(chain, batch=1)
    for who in (A, B):
        pool.submit(TransactionSource.EXTERNAL, make_xt(who, 0, 1), GENESIS)
    calls = chain.calls
    _import(chain, pool, GENESIS, 2, [], revalidate=True)
    assert chain.calls - calls == 1
