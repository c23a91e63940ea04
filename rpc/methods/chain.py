"""``chain_*``: block hashes, headers, blocks and head subscriptions (Substrate's chain RPC).

Unknown blocks answer ``null`` here (Substrate's chain API returns ``Option``); block numbers
above u32 are chain error 3001. Each head subscription first sends the current head (best or
finalized), then one header per event of the reader hook it follows.
"""

from __future__ import annotations

from collections.abc import Callable

from rpc.backend import ChainReader, HashListener, Unhook
from rpc.errors import CHAIN_OTHER, RpcError, invalid_params
from rpc.jsonrpc import JSON, Params
from rpc.methods.common import (
    Delivery,
    header_json,
    hex0x,
    justifications_json,
    opt_hex,
    split_body,
)
from rpc.registry import RpcRegistry
from rpc.subscriptions import Subscription
from runtime.primitives.block import MAX_BLOCK_NUMBER, Header


def register(registry: RpcRegistry, reader: ChainReader) -> None:
    """Register every ``chain_*`` method and subscription over ``reader``."""
    api = ChainMethods(reader)
    registry.register("chain_getBlockHash", api.get_block_hash, aliases=("chain_getHead",))
    registry.register("chain_getFinalizedHead", api.get_finalized_head,
                      aliases=("chain_getFinalisedHead",))
    registry.register("chain_getHeader", api.get_header)
    registry.register("chain_getBlock", api.get_block)
    registry.register_subscription(
        "chain_subscribeAllHeads", "chain_allHead", "chain_unsubscribeAllHeads",
        api.subscribe_all_heads)
    registry.register_subscription(
        "chain_subscribeNewHeads", "chain_newHead", "chain_unsubscribeNewHeads",
        api.subscribe_new_heads,
        subscribe_aliases=("chain_subscribeNewHead", "subscribe_newHead"),
        unsubscribe_aliases=("chain_unsubscribeNewHead", "unsubscribe_newHead"))
    registry.register_subscription(
        "chain_subscribeFinalizedHeads", "chain_finalizedHead", "chain_unsubscribeFinalizedHeads",
        api.subscribe_finalized_heads,
        subscribe_aliases=("chain_subscribeFinalisedHeads",),
        unsubscribe_aliases=("chain_unsubscribeFinalisedHeads",))


def parse_block_number(value: JSON, label: str) -> int:
    """A ``NumberOrHex`` block number: a JSON integer or a ``0x`` hex string, at most u32."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise invalid_params(f"{label} must be a number or a 0x hex string")
    number: int = Params([value]).number_or_hex(0, label)  # type: ignore[assignment]
    if number > MAX_BLOCK_NUMBER:
        shown = f"Number({number})" if isinstance(value, int) else f"Hex({number})"
        raise RpcError(CHAIN_OTHER, f"`{shown}` > u32::MAX, the max block number is u32.")
    return number


class ChainMethods:
    """The handlers; each reads through the :class:`ChainReader`."""

    def __init__(self, reader: ChainReader) -> None:
        self.reader = reader

    def _hash_of(self, value: JSON, label: str) -> str | None:
        return opt_hex(self.reader.canonical_hash(parse_block_number(value, label)))

    async def get_block_hash(self, params: Params) -> JSON:
        """``chain_getBlockHash [number | [numbers] | null]`` → hash, list of hashes, or best."""
        params.at_most(1)
        value = params.get(0, "number", default=None)
        if value is None:
            return hex0x(self.reader.best_hash())
        if isinstance(value, list):
            return [None if item is None else self._hash_of(item, f"number[{index}]")
                    for index, item in enumerate(value)]
        return self._hash_of(value, "number")

    async def get_finalized_head(self, params: Params) -> JSON:
        """``chain_getFinalizedHead []`` → the last finalized hash."""
        params.at_most(0)
        return hex0x(self.reader.finalized_hash())

    def _at(self, params: Params) -> bytes:
        params.at_most(1)
        value = params.hex_bytes(0, "hash", length=32, default=None)
        return self.reader.best_hash() if value is None else value  # type: ignore[return-value]

    async def get_header(self, params: Params) -> JSON:
        """``chain_getHeader [hash?]`` → header JSON, or ``null`` for an unknown hash."""
        return header_json(self.reader, self._at(params))

    async def get_block(self, params: Params) -> JSON:
        """``chain_getBlock [hash?]`` → ``{"block": {header, extrinsics}, "justifications"}``."""
        block_hash = self._at(params)
        header = self.reader.header(block_hash)
        body = self.reader.body(block_hash)
        if header is None or body is None:
            return None
        block = {"header": Header.decode(header).to_json(),
                 "extrinsics": [hex0x(xt) for xt in split_body(body)]}
        justifications = justifications_json(self.reader.justifications(block_hash))
        return {"block": block, "justifications": justifications}

    async def subscribe_all_heads(self, params: Params, sink: Subscription) -> None:
        """``chain_subscribeAllHeads``: every imported block's header."""
        self._follow(sink, self.reader.best_hash(), self.reader.subscribe_all_heads)

    async def subscribe_new_heads(self, params: Params, sink: Subscription) -> None:
        """``chain_subscribeNewHeads``: every new best block's header."""
        self._follow(sink, self.reader.best_hash(), self.reader.subscribe_new_heads)

    async def subscribe_finalized_heads(self, params: Params, sink: Subscription) -> None:
        """``chain_subscribeFinalizedHeads``: every newly finalized header."""
        self._follow(sink, self.reader.finalized_hash(), self.reader.subscribe_finalized_heads)

    def _follow(self, sink: Subscription, current: bytes,
                hook: Callable[[HashListener], Unhook]) -> None:
        delivery = Delivery(sink)

        def send_header(block_hash: bytes) -> None:
            header = header_json(self.reader, block_hash)
            if header is not None:
                sink.send(header)

        send_header(current)
        unhook = hook(lambda block_hash: delivery.run(lambda: send_header(block_hash)))
        sink.on_close(unhook)
