"""``state_subscribeStorage`` and ``state_subscribeRuntimeVersion``.

Storage: the first notification holds every subscribed key's current value at the best block
(``null`` when absent); then, for each new best block, the subscribed keys that block changed
(blocks that changed none of them send nothing). A subscription without keys would stream every
change, which Substrate only allows in unsafe mode; the handler cannot see the mode, so it refuses
it with Substrate's unsafe-call error.

Runtime version: the first notification is the current version; then a new one whenever the
best block's version differs from the last one sent.
"""

from __future__ import annotations

from rpc.backend import ChainReader, RuntimeApi, RuntimeCallError, StorageChanges, UnknownBlock
from rpc.errors import unsafe_denied
from rpc.jsonrpc import JSON, Params
from rpc.methods.common import Delivery, hex0x, hex_list, opt_hex, runtime_read, state_read
from rpc.methods.state import runtime_version_json
from rpc.registry import RpcRegistry
from rpc.subscriptions import Subscription


def register(registry: RpcRegistry, reader: ChainReader, runtime: RuntimeApi) -> None:
    """Register the two ``state_*`` subscriptions (with their ``chain_*`` aliases)."""
    api = StateSubscriptions(reader, runtime)
    registry.register_subscription(
        "state_subscribeStorage", "state_storage", "state_unsubscribeStorage",
        api.subscribe_storage)
    registry.register_subscription(
        "state_subscribeRuntimeVersion", "state_runtimeVersion",
        "state_unsubscribeRuntimeVersion", api.subscribe_runtime_version,
        subscribe_aliases=("chain_subscribeRuntimeVersion",),
        unsubscribe_aliases=("chain_unsubscribeRuntimeVersion",))


class StateSubscriptions:
    """The subscribe handlers."""

    def __init__(self, reader: ChainReader, runtime: RuntimeApi) -> None:
        self.reader = reader
        self.runtime = runtime

    async def subscribe_storage(self, params: Params, sink: Subscription) -> None:
        """``state_subscribeStorage [[keys]]`` → ``state_storage`` notifications
        ``{"block", "changes": [[key, value|null], …]}``."""
        params.at_most(1)
        if params.get(0, "keys", list, default=None) is None:
            raise unsafe_denied()
        keys = list(dict.fromkeys(hex_list(params, 0, "keys")))
        wanted = set(keys)
        best = self.reader.best_hash()
        initial = state_read(lambda: [[hex0x(key), opt_hex(self.reader.storage(best, key))]
                                      for key in keys])
        sink.send({"block": hex0x(best), "changes": initial})
        delivery = Delivery(sink)

        def on_changes(block_hash: bytes, changes: StorageChanges) -> None:
            picked = [[hex0x(key), opt_hex(value)] for key, value in changes if key in wanted]
            if picked:
                delivery.send({"block": hex0x(block_hash), "changes": picked})

        sink.on_close(self.reader.subscribe_storage(on_changes))

    async def subscribe_runtime_version(self, params: Params, sink: Subscription) -> None:
        """``state_subscribeRuntimeVersion []`` → ``state_runtimeVersion`` notifications."""
        params.at_most(0)
        best = self.reader.best_hash()
        last: list[JSON] = [runtime_version_json(runtime_read(lambda: self.runtime.version(best)))]
        sink.send(last[0])
        delivery = Delivery(sink)

        def check(block_hash: bytes) -> None:
            try:
                current = runtime_version_json(self.runtime.version(block_hash))
            except (UnknownBlock, RuntimeCallError):  # a head gone or unreadable: skip it
                return
            if current != last[0]:
                last[0] = current
                sink.send(current)

        sink.on_close(self.reader.subscribe_new_heads(
            lambda block_hash: delivery.run(lambda: check(block_hash))))
