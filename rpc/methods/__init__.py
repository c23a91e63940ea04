"""The Substrate JSON-RPC method set (chain, state, system, author, payment) over the read and
write interfaces of :mod:`rpc.backend`.

The node wires it with::

    registry = RpcRegistry()
    register_all(registry, RpcBackend(reader, runtime, submitter, node_info))
    server = RpcServer(registry, config)
"""

from __future__ import annotations

from rpc.backend import RpcBackend
from rpc.methods import author, chain, payment, state, state_subscriptions, system
from rpc.registry import RpcRegistry

__all__ = ["register_all"]


def register_all(registry: RpcRegistry, backend: RpcBackend) -> None:
    """Register every method of the set on ``registry``."""
    chain.register(registry, backend.reader)
    state.register(registry, backend.reader, backend.runtime)
    state_subscriptions.register(registry, backend.reader, backend.runtime)
    system.register(registry, backend.reader, backend.runtime, backend.submitter, backend.node)
    author.register(registry, backend.submitter)
    payment.register(registry, backend.reader, backend.runtime)
