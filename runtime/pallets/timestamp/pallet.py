"""The Timestamp pallet (index 2): the block's time, set once per block by an inherent.

Mirrors ``substrate/frame/timestamp/src/lib.rs`` with subtensor's configuration: ``Moment =
u64`` milliseconds, ``MinimumPeriod = SLOT_DURATION / 2`` (6 000 ms; 125 ms with fast blocks),
``OnTimestampSet = Aura``. Broken inherent rules (set twice, too early, not set at all) make
the block invalid: the reference panics, here :class:`TimestampError` is raised.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from runtime.frame.dispatch import DispatchClass, Weight, ensure_none
from runtime.frame.errors import InvalidBlock
from runtime.frame.pallet import Pallet
from runtime.frame.storage import VALUE_QUERY
from runtime.pallets.aura import pallet as aura
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import U64, Bool, Compact

PALLET_INDEX = 2
MINIMUM_PERIOD_MS = aura.SLOT_DURATION_MS // 2
FAST_MINIMUM_PERIOD_MS = aura.FAST_SLOT_DURATION_MS // 2
MAX_TIMESTAMP_DRIFT_MILLIS = 30_000
"""``check_inherent``: how far ahead of the local clock a block's timestamp may be."""
ROCKS_DB_READ = 25_000_000
ROCKS_DB_WRITE = 100_000_000
SET_WEIGHT = Weight(8_684_000 + 2 * ROCKS_DB_READ + ROCKS_DB_WRITE, 1493)
"""``WeightInfo::set()`` (SubstrateWeight, RocksDbWeight)."""
ON_FINALIZE_WEIGHT = Weight(4_118_000, 0)


class TimestampError(InvalidBlock):
    """The timestamp inherent breaks the rules (the reference panics): the block is invalid."""


PALLET = timestamp = Pallet("Timestamp", PALLET_INDEX, docs=(
    "The current time, set once per block by the block author.",))

Now = timestamp.value("Now", U64, query=VALUE_QUERY, default=0,
                      docs=("The current time for the current block.",))
DidUpdate = timestamp.value("DidUpdate", Bool, query=VALUE_QUERY, default=False,
                            docs=("Whether the timestamp has been updated in this block.",
                                  "It is checked at the end of each block execution in the "
                                  "`on_finalize` hook."))

timestamp.constant("MinimumPeriod", U64, MINIMUM_PERIOD_MS,
                   "The minimum period between blocks.")

_config = {"minimum_period": MINIMUM_PERIOD_MS}


def minimum_period() -> int:
    """The configured ``MinimumPeriod`` in milliseconds."""
    return _config["minimum_period"]


def set_fast_blocks(enabled: bool) -> None:
    """Select the fast-blocks timing (here and in Aura) or the production one."""
    period = FAST_MINIMUM_PERIOD_MS if enabled else MINIMUM_PERIOD_MS
    _config["minimum_period"] = period
    for position, constant in enumerate(timestamp.constants):
        if constant.name == "MinimumPeriod":
            timestamp.constants[position] = replace(constant, value=period)
    aura.set_fast_blocks(enabled)


@timestamp.call(0, [("now", Compact(U64), "T::Moment")], weight=SET_WEIGHT,
                dispatch_class=DispatchClass.Mandatory)
def set(ext: Externalities, origin: Any, now: int) -> None:
    """Set the current time (inherent).

    Origin: None (BadOrigin otherwise). Checks in order: not yet set in this block; the first
    timestamp, or at least ``MinimumPeriod`` after the previous one (TimestampError: the block
    is invalid). Effects: ``Now = now``, ``DidUpdate = true``, then Aura's slot check
    (``OnTimestampSet``). Mirrors pallet_timestamp::set.
    """
    ensure_none(origin)
    if DidUpdate.contains(ext):
        raise TimestampError("Timestamp must be updated only once in the block")
    previous = Now.get(ext)
    if previous != 0 and now < previous + minimum_period():
        raise TimestampError("Timestamp must increment by at least <MinimumPeriod> between "
                             "sequential blocks")
    Now.insert(ext, now)
    DidUpdate.insert(ext, True)
    aura.on_timestamp_set(ext, now)


@timestamp.hook_on_finalize
def on_finalize(ext: Externalities, block_number: int) -> None:
    """The timestamp must have been set in this block; ``DidUpdate`` is taken."""
    if not DidUpdate.take(ext):
        raise TimestampError("Timestamp must be updated once in the block")


def now(ext: Externalities) -> int:
    """``Now``: the current block's time in milliseconds."""
    return int(Now.get(ext))


def create_inherent(ext: Externalities, local_now_ms: int) -> int:
    """The ``now`` an author puts into the inherent: at least ``Now + MinimumPeriod``."""
    return max(local_now_ms, now(ext) + minimum_period())


def check_inherent(ext: Externalities, block_now: int, local_now_ms: int) -> str | None:
    """The client-side inherent check: None when acceptable, else the error name
    (``TooFarInFuture`` beyond 30 s of drift, ``TooEarly`` before ``Now + MinimumPeriod``)."""
    if block_now > local_now_ms + MAX_TIMESTAMP_DRIFT_MILLIS:
        return "TooFarInFuture"
    if block_now < now(ext) + minimum_period():
        return "TooEarly"
    return None
