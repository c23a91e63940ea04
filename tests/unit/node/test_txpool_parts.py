"""The pool's smaller parts on their own: ban list and status dispatcher."""

from __future__ import annotations

import pytest

from node.txpool.bans import BanList
from node.txpool.watcher import StatusDispatcher, is_final, status_name


def test_ban_expires_after_ban_time() -> None:
    bans = BanList(ban_time=10.0)
    bans.ban(100.0, [b"a"])
    assert bans.is_banned(b"a", 109.9)
    assert not bans.is_banned(b"a", 110.0)
    bans.clear_expired(110.0)
    assert len(bans) == 0


def test_ban_list_over_capacity_lifts_oldest_first() -> None:
    bans = BanList(ban_time=10.0, capacity=2)
    bans.ban(0.0, [b"a", b"b"])
    bans.ban(1.0, [b"a"])
    bans.ban(2.0, [b"c"])
    assert [bans.is_banned(h, 3.0) for h in (b"a", b"b", b"c")] == [True, False, True]


def test_ban_list_bad_arguments_fail() -> None:
    with pytest.raises(ValueError):
        BanList(ban_time=-1.0)


def test_dispatcher_finality_timeout_hits_oldest_block() -> None:
    events = StatusDispatcher(max_finality_watchers=2)
    watchers = [events.watch(bytes([n])) for n in range(3)]
    for n in range(3):
        events.in_block(bytes([10 + n]) * 32, bytes([n]))
    assert watchers[0].drain()[-1] == {"finalityTimeout": "0x" + "0a" * 32}
    assert watchers[1].drain() == [{"inBlock": "0x" + "0b" * 32}]
    events.finalized(bytes([11]) * 32)
    assert watchers[1].drain() == [{"finalized": "0x" + "0b" * 32}] and watchers[1].closed


def test_dispatcher_send_after_final_is_ignored() -> None:
    events = StatusDispatcher()
    watcher = events.watch(b"x")
    events.send(b"x", "dropped")
    events.send(b"x", "ready")
    assert watcher.drain() == ["dropped"]
    assert not events.is_watched(b"x")


def test_status_names_and_finality() -> None:
    assert status_name({"inBlock": "0x00"}) == "inBlock" and not is_final({"inBlock": "0x00"})
    assert is_final("invalid") and is_final({"usurped": "0x01"}) and not is_final("ready")


def test_eviction_heap_stays_bounded_under_churn() -> None:
    from node.txpool.graph import BasePool, PoolTransaction
    from node.txpool.validity import TransactionSource

    base = BasePool()
    for seq in range(1, 2001):
        tx = PoolTransaction(seq.to_bytes(4, "big"), b"x", seq % 5, (), (bytes([seq % 3]),), 99,
                             True, TransactionSource.EXTERNAL, seq, 0.0)
        base.remove_subtree([h for h in list(base.ready.entries)])
        base.import_tx(tx)
    assert len(base.ready) == 1
    assert len(base.ready._eviction_heap) <= 2 * len(base.ready) + 65
    assert base.ready.worst() is base.get((2000).to_bytes(4, "big"))
