"""The table of RPC methods and subscriptions a server exposes.

Method modules register their handlers here; the server only reads the table::

    registry = RpcRegistry()

    async def chain_get_head(params: Params) -> JSON:
        return "0x" + head_hash.hex()

    registry.register("chain_getHead", chain_get_head)

    async def subscribe_new_heads(params: Params, sink: Subscription) -> None:
        unhook = chain.on_new_head(lambda header: sink.send(header_json(header)))
        sink.on_close(unhook)

    registry.register_subscription("chain_subscribeNewHeads", "chain_newHead",
                                   "chain_unsubscribeNewHeads", subscribe_new_heads,
                                   subscribe_aliases=("subscribe_newHead",),
                                   unsubscribe_aliases=("unsubscribe_newHead",))

``rpc_methods`` is built in and answers ``{"version": 1, "methods": [every name, sorted]}``,
aliases and unsafe methods included (as Substrate lists them).
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from rpc.jsonrpc import JSON, Params
from rpc.subscriptions import Subscription

MethodHandler = Callable[[Params], Awaitable[JSON]]
"""``async def handler(params: Params) -> JSON``; raise ``RpcError`` for application errors."""

SubscribeHandler = Callable[[Params, Subscription], Awaitable[None]]
"""``async def handler(params, sink) -> None``; returns once notifications are hooked up."""


class EntryKind(enum.Enum):
    """What calling a registered name does."""

    METHOD = "method"
    SUBSCRIBE = "subscribe"
    UNSUBSCRIBE = "unsubscribe"


@dataclass(frozen=True, slots=True)
class Entry:
    """One callable name. ``notification``/``unsubscribe`` tie subscribe and unsubscribe names
    together: an unsubscribe name only ends subscriptions opened by its own subscribe names."""

    name: str
    kind: EntryKind
    unsafe: bool
    handler: MethodHandler | SubscribeHandler | None = None
    notification: str = ""
    unsubscribe: str = ""


class RpcRegistry:
    """Names → handlers. Registering a name twice is a programming error (``ValueError``)."""

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}
        self._sorted_names: list[str] | None = None
        self.register("rpc_methods", self._rpc_methods)

    def register(self, name: str, handler: MethodHandler, *, unsafe: bool = False,
                 aliases: Iterable[str] = ()) -> None:
        """Expose ``handler`` as ``name`` (and every alias)."""
        for each in (name, *aliases):
            self._add(Entry(each, EntryKind.METHOD, unsafe, handler))

    def register_subscription(self, subscribe: str, notification: str, unsubscribe: str,
                              handler: SubscribeHandler, *, unsafe: bool = False,
                              subscribe_aliases: Iterable[str] = (),
                              unsubscribe_aliases: Iterable[str] = ()) -> None:
        """Expose a subscription: ``subscribe`` returns a subscription id (a string), then
        ``notification`` messages flow until ``unsubscribe [id]`` (→ ``true``/``false``)."""
        for each in (subscribe, *subscribe_aliases):
            self._add(Entry(each, EntryKind.SUBSCRIBE, unsafe, handler, notification, unsubscribe))
        for each in (unsubscribe, *unsubscribe_aliases):
            self._add(Entry(each, EntryKind.UNSUBSCRIBE, unsafe, None, notification, unsubscribe))

    def lookup(self, name: str) -> Entry | None:
        """The entry for a called name, or ``None``."""
        return self._entries.get(name)

    def method_names(self) -> list[str]:
        """Every callable name, sorted."""
        if self._sorted_names is None:
            self._sorted_names = sorted(self._entries)
        return list(self._sorted_names)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def _add(self, entry: Entry) -> None:
        if not entry.name or not isinstance(entry.name, str):
            raise ValueError(f"RPC method names must be non-empty strings, got {entry.name!r}")
        if entry.name in self._entries:
            raise ValueError(f"RPC method {entry.name!r} is already registered")
        self._entries[entry.name] = entry
        self._sorted_names = None

    async def _rpc_methods(self, params: Params) -> JSON:
        return {"version": 1, "methods": self.method_names()}
