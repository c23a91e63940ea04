"""SubtensorModule storage: rate limits and the blocks they are measured from; coldkey swap
announcements.

Names, hashers (in key order), key and value types, query kinds and defaults follow
``pallets/subtensor/src/lib.rs`` at subtensor 14bc6f9; defaults are the production runtime's
values of the reference's default functions (see :mod:`runtime.pallets.subtensor.constants`).
"""

from __future__ import annotations

from runtime.frame.storage import (
    OPTION_QUERY,
    VALUE_QUERY,
    blake2_128_concat,
    identity,
    twox64_concat,
)
from runtime.pallets.subtensor import constants as C
from runtime.pallets.subtensor.pallet import subtensor
from runtime.pallets.subtensor.types import (
    BlockNumber,
    NetUid,
    RateLimitKey,
)
from runtime.primitives.scale import U16, U64, Tuple
from runtime.primitives.scale.common import H256, AccountId32

LastHotkeySwapOnNetuid = subtensor.double_map(
    "LastHotkeySwapOnNetuid", identity(NetUid, "NetUid"),
    blake2_128_concat(AccountId32, "T::AccountId"), U64,
    query=VALUE_QUERY, default=0,
    docs=("Block of a coldkey's last hotkey swap on a subnet, for the per-subnet swap interval.",))

ColdkeySwapAnnouncementDelay = subtensor.value(
    "ColdkeySwapAnnouncementDelay", BlockNumber,
    query=VALUE_QUERY, default=C.INITIAL_COLDKEY_SWAP_ANNOUNCEMENT_DELAY,
    docs=('Blocks between announcing a coldkey swap and performing it.',))

ColdkeySwapReannouncementDelay = subtensor.value(
    "ColdkeySwapReannouncementDelay", BlockNumber,
    query=VALUE_QUERY, default=C.INITIAL_COLDKEY_SWAP_REANNOUNCEMENT_DELAY,
    docs=('Blocks before a coldkey swap may be announced again.',))

ColdkeySwapAnnouncements = subtensor.map(
    "ColdkeySwapAnnouncements", twox64_concat(AccountId32, "T::AccountId"),
    Tuple(BlockNumber, H256),
    query=OPTION_QUERY,
    docs=('Pending coldkey swap of a coldkey: announcement block and hash of the new coldkey.',))

ColdkeySwapDisputes = subtensor.map(
    "ColdkeySwapDisputes", twox64_concat(AccountId32, "T::AccountId"), BlockNumber,
    query=OPTION_QUERY,
    docs=('Block at which a coldkey swap was disputed.',))

LastRateLimitedBlock = subtensor.map(
    "LastRateLimitedBlock", identity(RateLimitKey, "RateLimitKey<T::AccountId>"), U64,
    query=VALUE_QUERY, default=0,
    docs=('Last block of each rate-limited operation.',))

TxRateLimit = subtensor.value(
    "TxRateLimit", U64,
    query=VALUE_QUERY, default=C.INITIAL_TX_RATE_LIMIT,
    docs=('Blocks between rate-limited transactions of a key (legacy).',))

TxDelegateTakeRateLimit = subtensor.value(
    "TxDelegateTakeRateLimit", U64,
    query=VALUE_QUERY, default=C.INITIAL_TX_DELEGATE_TAKE_RATE_LIMIT,
    docs=('Blocks between delegate take increases.',))

TxChildkeyTakeRateLimit = subtensor.value(
    "TxChildkeyTakeRateLimit", U64,
    query=VALUE_QUERY, default=C.INITIAL_TX_CHILD_KEY_TAKE_RATE_LIMIT,
    docs=('Blocks between childkey take increases.',))

TransactionKeyLastBlock = subtensor.nmap(
    "TransactionKeyLastBlock",
    [blake2_128_concat(AccountId32, "T::AccountId"),
     identity(NetUid, "NetUid"),
     identity(U16, "u16")],
    U64,
    query=VALUE_QUERY, default=0,
    docs=("Last block of a hotkey's rate-limited transaction type on a subnet.",))

LastTxBlock = subtensor.map(
    "LastTxBlock", identity(AccountId32, "T::AccountId"), U64,
    query=VALUE_QUERY, default=0,
    docs=('Last rate-limited transaction block of a key (legacy).',))

LastTxBlockChildKeyTake = subtensor.map(
    "LastTxBlockChildKeyTake", identity(AccountId32, "T::AccountId"), U64,
    query=VALUE_QUERY, default=0,
    docs=('Last childkey take change of a key (legacy).',))

LastTxBlockDelegateTake = subtensor.map(
    "LastTxBlockDelegateTake", identity(AccountId32, "T::AccountId"), U64,
    query=VALUE_QUERY, default=0,
    docs=('Last delegate take change of a key (legacy).',))

LastColdkeyHotkeyStakeBlock = subtensor.double_map(
    "LastColdkeyHotkeyStakeBlock", twox64_concat(AccountId32, "T::AccountId"),
    twox64_concat(AccountId32, "T::AccountId"), U64,
    query=OPTION_QUERY,
    docs=("Block of a coldkey's last stake operation on a hotkey.",))

__all__ = [
    "ColdkeySwapAnnouncementDelay",
    "ColdkeySwapAnnouncements",
    "ColdkeySwapDisputes",
    "ColdkeySwapReannouncementDelay",
    "LastColdkeyHotkeyStakeBlock",
    "LastHotkeySwapOnNetuid",
    "LastRateLimitedBlock",
    "LastTxBlock",
    "LastTxBlockChildKeyTake",
    "LastTxBlockDelegateTake",
    "TransactionKeyLastBlock",
    "TxChildkeyTakeRateLimit",
    "TxDelegateTakeRateLimit",
    "TxRateLimit",
]
