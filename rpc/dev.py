"""The ``dev_*`` methods of a dev chain, with chopsticks' names, over a :class:`DevControl`.

``rpc`` never imports ``node``: the node implements :class:`DevControl` and registers the
methods with :func:`register_dev`. All of them are unsafe (refused on an externally bound server
under ``--rpc-methods auto``), as they rewrite the chain.

==========================================  =====================================================
method and params                           result
==========================================  =====================================================
``dev_newBlock [{"count", "to",             hash of the last of ``n`` (default 1) new blocks —
"transactions"}?]``                         or of blocks up to number ``to`` — built now
                                            whatever the sealing mode; ``transactions`` (hex
                                            extrinsics) enter the pool first
``dev_setStorage [[[key, value|null], …]]``  hash of the new block holding the raw changes
``dev_setBalance [address, free]``          hash of the new block setting the free balance
                                            (SS58 or 0x account id; rao as number or hex)
``dev_timeTravel [ms | ISO-8601 date]``     the timestamp (ms) the next block will carry
``dev_snapshot []``                         a snapshot id: the best block's hash
``dev_revert [id]``                         ``true``: the chain is back at the snapshot's block
``dev_setHead [hash | number]``             hash of the new head (an ancestor of the best)
``dev_setBlockBuildMode [mode]``            the mode now in force: ``instant``, ``manual`` or
                                            an interval in ms (chopsticks' ``Instant`` and
                                            ``Manual`` are accepted)
==========================================  =====================================================

Substrate's manual-seal methods are served too, over the same control:
``engine_createBlock [create_empty, finalize, parent_hash?]`` gives ``{"hash", "aux"}`` as
``sc-consensus-manual-seal`` does, and ``engine_finalizeBlock [hash, justification?]`` gives
``true``.

Failures the control reports as :class:`DevControlError` become JSON-RPC errors with code
``DEV_BASE + 1`` (6001) and the control's message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from rpc.errors import DEV_BASE, RpcError, invalid_params
from rpc.jsonrpc import JSON, Params
from rpc.methods.common import hex0x
from rpc.registry import RpcRegistry
from runtime.primitives.ss58 import ss58_decode

DEV_CONTROL_ERROR = DEV_BASE + 1
MAX_BLOCKS_PER_CALL = 10_000

T = TypeVar("T")
StorageChanges = Sequence[tuple[bytes, bytes | None]]


class DevControlError(Exception):
    """A dev control request that cannot be served (the message says why)."""


class DevControl(Protocol):
    """What the node offers a dev chain's users; every coroutine runs on the loop's thread."""

    async def new_blocks(self, count: int, *, to: int | None = None,
                         transactions: Sequence[bytes] = ()) -> list[bytes]:
        """Submit ``transactions``, then build, import and finalise ``count`` blocks now (or
        as many as reach number ``to``); their hashes."""
        ...

    async def set_storage(self, changes: StorageChanges) -> bytes:
        """Apply raw storage changes (``None`` removes) in a new block; its hash."""
        ...

    async def set_balance(self, account: bytes, free: int) -> bytes:
        """Set an account's free balance in a new block; its hash."""
        ...

    async def time_travel(self, timestamp_ms: int) -> int:
        """Make the next block carry ``timestamp_ms`` (the clock runs on from there)."""
        ...

    async def snapshot(self) -> bytes:
        """A snapshot id: the best block's hash."""
        ...

    async def revert(self, snapshot: bytes) -> bytes:
        """Go back to a snapshot's block; the new head."""
        ...

    async def set_head(self, target: bytes | int) -> bytes:
        """Make an ancestor of the best block (by hash or number) the head; its hash."""
        ...

    async def set_block_build_mode(self, mode: str) -> str:
        """Switch sealing (``instant``, ``manual`` or milliseconds); the mode in force."""
        ...

    async def create_block(self, create_empty: bool, finalize: bool,
                           parent_hash: bytes | None) -> tuple[bytes, bool]:
        """Seal one block now on ``parent_hash`` (None: best); ``(hash, is_new_best)``."""
        ...

    async def finalize_block(self, block_hash: bytes) -> None:
        """Finalize a stored block and its ancestors."""
        ...


def _control_error(exc: DevControlError) -> RpcError:
    return RpcError(DEV_CONTROL_ERROR, str(exc))


@dataclass(frozen=True, slots=True)
class NewBlockOptions:
    """``dev_newBlock``'s options (chopsticks' ``count``, ``to`` and ``transactions``)."""

    count: int = 1
    to: int | None = None
    transactions: tuple[bytes, ...] = ()


def parse_new_block(params: Params) -> NewBlockOptions:
    """``dev_newBlock``'s options object (or a bare count)."""
    raw = params.raw
    first = raw[0] if isinstance(raw, list) and raw else raw if isinstance(raw, dict) else None
    if first is None:
        return NewBlockOptions()
    if not isinstance(first, dict):
        return NewBlockOptions(count=_bounded("count", first, 1))
    options = Params(first)
    to = options.get(0, "to", int, default=None)
    txs = options.get(0, "transactions", list, default=[])
    return NewBlockOptions(
        count=_bounded("count", first.get("count", 1), 1),
        to=None if to is None else _bounded("to", to, 0, 2**32 - 1),
        transactions=tuple(Params([tx]).hex_bytes(0, f"transactions[{i}]")  # type: ignore[misc]
                           for i, tx in enumerate(txs)))


def _bounded(name: str, value: object, low: int, high: int = MAX_BLOCKS_PER_CALL) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise invalid_params(f"{name} must be an integer in {low}..{high}")
    return value


def parse_changes(params: Params) -> list[tuple[bytes, bytes | None]]:
    """``dev_setStorage``'s raw ``[[key_hex, value_hex | null], …]`` pairs."""
    pairs = params.get(0, "values", list)
    changes: list[tuple[bytes, bytes | None]] = []
    for position, pair in enumerate(pairs):
        if not isinstance(pair, list) or len(pair) != 2:
            raise invalid_params(f"values[{position}] must be a [key, value] pair")
        item = Params(pair)
        key = item.hex_bytes(0, f"values[{position}][0]")
        value = item.hex_bytes(1, f"values[{position}][1]", default=None)
        changes.append((key, value))  # type: ignore[arg-type]
    return changes


def parse_account(params: Params) -> bytes:
    """An SS58 address or a ``0x`` 32-byte account id."""
    text = params.get(0, "address", str)
    if text[:2] in ("0x", "0X"):
        return params.hex_bytes(0, "address", length=32)  # type: ignore[return-value]
    try:
        return ss58_decode(text)
    except ValueError as exc:
        raise invalid_params(f"address is not an SS58 address: {exc}") from None


def parse_timestamp(params: Params) -> int:
    """Milliseconds since the epoch from a number or an ISO-8601 date string."""
    value = params.get(0, "date", (int, str))
    if isinstance(value, int):
        if value < 0:
            raise invalid_params("date must be a non-negative number of milliseconds")
        return value
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise invalid_params(f"date must be milliseconds or an ISO-8601 date, "
                             f"got {value!r}") from None
    return int(parsed.timestamp() * 1000)


def parse_head(params: Params) -> bytes | int:
    """A block hash or a block number."""
    value = params.get(0, "hashOrNumber", (int, str))
    if isinstance(value, int):
        if value < 0:
            raise invalid_params("block number must be non-negative")
        return value
    return params.hex_bytes(0, "hashOrNumber", length=32)  # type: ignore[return-value]


def register_dev(registry: RpcRegistry, control: DevControl) -> None:
    """Register the ``dev_*`` methods (all unsafe) over ``control``."""

    async def new_block(params: Params) -> JSON:
        options = parse_new_block(params)
        hashes = await _guard(control.new_blocks(options.count, to=options.to,
                                                 transactions=options.transactions))
        return hex0x(hashes[-1])

    async def set_storage(params: Params) -> JSON:
        return hex0x(await _guard(control.set_storage(parse_changes(params))))

    async def set_balance(params: Params) -> JSON:
        account = parse_account(params)
        free = params.number_or_hex(1, "free")
        return hex0x(await _guard(control.set_balance(account, int(free))))  # type: ignore[arg-type]

    async def time_travel(params: Params) -> JSON:
        return await _guard(control.time_travel(parse_timestamp(params)))

    async def snapshot(params: Params) -> JSON:
        params.at_most(0)
        return hex0x(await _guard(control.snapshot()))

    async def revert(params: Params) -> JSON:
        snapshot_id = params.hex_bytes(0, "id", length=32)
        await _guard(control.revert(snapshot_id))  # type: ignore[arg-type]
        return True

    async def set_head(params: Params) -> JSON:
        return hex0x(await _guard(control.set_head(parse_head(params))))

    async def set_block_build_mode(params: Params) -> JSON:
        mode = params.get(0, "mode", (str, int))
        return await _guard(control.set_block_build_mode(str(mode)))

    async def engine_create_block(params: Params) -> JSON:
        create_empty = params.get(0, "create_empty", bool)
        finalize = params.get(1, "finalize", bool)
        parent = params.hex_bytes(2, "parent_hash", length=32, default=None)
        block_hash, is_new_best = await _guard(control.create_block(
            bool(create_empty), bool(finalize), parent))  # type: ignore[arg-type]
        return {"hash": hex0x(block_hash), "aux": {
            "header_only": False, "clear_justification_requests": False,
            "needs_justification": False, "bad_justification": False,
            "is_new_best": is_new_best}}

    async def engine_finalize_block(params: Params) -> JSON:
        block_hash = params.hex_bytes(0, "hash", length=32)
        await _guard(control.finalize_block(block_hash))  # type: ignore[arg-type]
        return True

    for name, handler in (("engine_createBlock", engine_create_block),
                          ("engine_finalizeBlock", engine_finalize_block),
                          ("dev_newBlock", new_block), ("dev_setStorage", set_storage),
                          ("dev_setBalance", set_balance), ("dev_timeTravel", time_travel),
                          ("dev_snapshot", snapshot), ("dev_revert", revert),
                          ("dev_setHead", set_head),
                          ("dev_setBlockBuildMode", set_block_build_mode)):
        registry.register(name, handler, unsafe=True)


async def _guard(awaitable: Awaitable[T]) -> T:
    try:
        return await awaitable
    except DevControlError as exc:
        raise _control_error(exc) from None
