"""Runtime APIs served through ``state_call`` (ARCHITECTURE.md: runtime/apis).

- :mod:`.declarations` — the traits, methods, Rust parameter names, types and versions, for the
  V15 metadata ``apis`` list and ``RuntimeVersion.apis``;
- :mod:`.calls` — :func:`dispatch`: ``(method, SCALE input, state, node runtime) -> SCALE
  output``, raising :class:`RuntimeApiError` (``"Other: Exported method X is not found"`` for
  an unknown method);
- :mod:`.types` — the input/output types no pallet declares (InherentData, Block, ...).

The node calls ``dispatch(method, data, ext, node_runtime())`` with
:func:`runtime.node_runtime.node_runtime`.
"""

from __future__ import annotations

from runtime.apis.calls import RuntimeApiError, dispatch, method_not_found, served_methods
from runtime.apis.declarations import API_VERSIONS, ServedApi

__all__ = ["API_VERSIONS", "RuntimeApiError", "ServedApi", "dispatch", "method_not_found",
           "served_methods"]
