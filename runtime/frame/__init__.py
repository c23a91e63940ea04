"""The pallet framework: storage items, calls and dispatch, events, errors, the System core.

- :mod:`runtime.frame.storage` — typed storage items over ``Externalities`` (keys, defaults,
  iteration), declared once with their hashers and SCALE types;
- :mod:`runtime.frame.dispatch` — origins, ``DispatchError`` (the exact ``sp_runtime`` shape),
  weights and dispatch info;
- :mod:`runtime.frame.pallet` — :class:`~runtime.frame.pallet.Pallet`: calls, events, errors,
  constants and hooks declared once, giving the dispatch table and the SCALE enums metadata needs;
- :mod:`runtime.frame.system` — the System pallet's core, which every pallet deposits events into;
  :mod:`runtime.frame.system_calls` — its calls (registered when this package is imported).
"""

from runtime.frame import system_calls as system_calls
