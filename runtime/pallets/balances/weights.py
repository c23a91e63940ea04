"""Call weights of pallet-balances as subtensor configures them.

subtensor uses ``pallet_balances::weights::SubstrateWeight<Runtime>`` with ``DbWeight =
RocksDbWeight`` (a read costs 25 µs, a write 100 µs of ref time, no proof size). The benchmark
figures are those of ``substrate/frame/balances/src/weights.rs``.
"""

from __future__ import annotations

from runtime.frame.dispatch import Weight

ROCKS_DB_READ = 25_000_000
"""``RocksDbWeight`` read: 25 µs in picoseconds."""
ROCKS_DB_WRITE = 100_000_000
"""``RocksDbWeight`` write: 100 µs in picoseconds."""


def db(reads: int, writes: int) -> Weight:
    """``DbWeight::reads_writes(reads, writes)`` for RocksDB."""
    return Weight(reads * ROCKS_DB_READ + writes * ROCKS_DB_WRITE, 0)


TRANSFER_ALLOW_DEATH = Weight(48_363_000, 3593) + db(1, 1)
TRANSFER_KEEP_ALIVE = Weight(38_159_000, 3593) + db(1, 1)
FORCE_SET_BALANCE_CREATING = Weight(14_687_000, 3593) + db(1, 1)
FORCE_SET_BALANCE_KILLING = Weight(19_929_000, 3593) + db(1, 1)
FORCE_TRANSFER = Weight(49_944_000, 6196) + db(2, 2)
TRANSFER_ALL = Weight(47_385_000, 3593) + db(1, 1)
FORCE_UNRESERVE = Weight(17_233_000, 3593) + db(1, 1)
FORCE_ADJUST_TOTAL_ISSUANCE = Weight(6_594_000, 0)
BURN_ALLOW_DEATH = Weight(30_968_000, 0)
BURN_KEEP_ALIVE = Weight(20_711_000, 0)


def upgrade_accounts(count: int) -> Weight:
    """Weight of ``upgrade_accounts`` for ``count`` accounts."""
    return Weight(16_588_000 + 13_973_659 * count, 990 + 2603 * count) + db(count, count)


def force_set_balance() -> Weight:
    """``force_set_balance_creating().max(force_set_balance_killing())`` (component-wise)."""
    return Weight(max(FORCE_SET_BALANCE_CREATING.ref_time, FORCE_SET_BALANCE_KILLING.ref_time),
                  max(FORCE_SET_BALANCE_CREATING.proof_size,
                      FORCE_SET_BALANCE_KILLING.proof_size))
