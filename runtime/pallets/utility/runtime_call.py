"""The outer ``RuntimeCall`` as pallets that dispatch other calls (Utility, Sudo) see it.

The runtime composition builds the ``RuntimeCall`` enum over all pallets and knows how to
dispatch a decoded call; it hands both over once with :func:`bind_runtime_call`. Until then
:data:`RuntimeCallRef` (the SCALE type of ``call``/``calls`` arguments) cannot decode, and
:func:`dispatch_call` refuses to run. Tests bind a dispatcher temporarily with
:func:`using_dispatcher`.

A dispatcher implements :class:`CallDispatcher`:

- ``dispatch_info(call)`` — the call's declared ``DispatchInfo`` (``get_dispatch_info``);
- ``dispatch(ext, origin, call, bypass_filter, forbid)`` — run it, returning ``None`` or a
  ``PostDispatchInfo`` or raising ``DispatchError`` (optionally with a ``post_info``
  attribute, FRAME's ``DispatchErrorWithPostInfo``). Unless ``bypass_filter``, the origin's
  call filter (subtensor's ``BaseCallFilter``) applies and a refused call fails with
  ``System.CallFiltered``; ``forbid`` lists ``(pallet, call)`` names that are refused as well,
  for this call and any call it dispatches with the same origin (``batch_all``'s filter).

:func:`dispatch_call` wraps one dispatch in its own transactional layer, as FRAME wraps every
dispatchable: a failed inner call leaves no writes and no events behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from runtime.frame.dispatch import DispatchError, DispatchInfo, Origin, Weight
from runtime.pallets.utility.post_dispatch import PostDispatchInfo, post_info_of
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import LazyType, ScaleType

Forbidden = tuple[tuple[str, str], ...]


class CallDispatcher(Protocol):
    """What the runtime composition provides to dispatch a decoded ``RuntimeCall``."""

    def dispatch_info(self, call: Any) -> DispatchInfo:
        """The declared dispatch info of ``call``."""
        ...

    def dispatch(self, ext: Externalities, origin: Origin, call: Any, bypass_filter: bool,
                 forbid: Forbidden) -> PostDispatchInfo | None:
        """Dispatch ``call`` with ``origin``; raise ``DispatchError`` on failure."""
        ...


class _Binding:
    """The bound call type and dispatcher (one per process)."""

    call_type: ScaleType | None = None
    dispatcher: CallDispatcher | None = None


_binding = _Binding()


def _resolve_call_type() -> ScaleType:
    if _binding.call_type is None:
        raise RuntimeError("RuntimeCall used before the runtime bound its call type")
    return _binding.call_type


RuntimeCallRef = LazyType("RuntimeCall", _resolve_call_type)
"""The SCALE type of a ``Box<RuntimeCall>`` argument, resolved at composition."""


def bind_runtime_call(call_type: ScaleType, dispatcher: CallDispatcher) -> None:
    """Attach the composed runtime's ``RuntimeCall`` type and dispatcher (once)."""
    if _binding.call_type is not None and _binding.call_type is not call_type:
        raise RuntimeError("a RuntimeCall type is already bound")
    _binding.call_type = call_type
    _binding.dispatcher = dispatcher


@contextmanager
def using_dispatcher(dispatcher: CallDispatcher) -> Iterator[None]:
    """Temporarily use ``dispatcher`` (tests); the previous one is restored afterwards."""
    previous = _binding.dispatcher
    _binding.dispatcher = dispatcher
    try:
        yield
    finally:
        _binding.dispatcher = previous


def dispatcher() -> CallDispatcher:
    """The bound dispatcher."""
    if _binding.dispatcher is None:
        raise RuntimeError("no RuntimeCall dispatcher bound")
    return _binding.dispatcher


def call_info(call: Any) -> DispatchInfo:
    """``call.get_dispatch_info()``."""
    return dispatcher().dispatch_info(call)


def error_post_info(error: DispatchError) -> PostDispatchInfo:
    """The post-dispatch info an error carries (FRAME's ``DispatchErrorWithPostInfo``)."""
    post = getattr(error, "post_info", None)
    return post if isinstance(post, PostDispatchInfo) else PostDispatchInfo()


def with_post_info(error: DispatchError, post: PostDispatchInfo) -> DispatchError:
    """Attach post-dispatch info to an error before re-raising it."""
    error.post_info = post  # type: ignore[attr-defined]
    return error


def dispatch_call(ext: Externalities, origin: Origin, call: Any, *, bypass_filter: bool = False,
                  forbid: Forbidden = ()) -> tuple[DispatchError | None, Weight]:
    """Dispatch ``call`` in its own transactional layer; (error or None, actual weight).

    The actual weight is ``extract_actual_weight``: the declared weight, lowered by the
    post-dispatch info of the result (or of the error).
    """
    info = call_info(call)
    ext.start_transaction()
    try:
        post = dispatcher().dispatch(ext, origin, call, bypass_filter, forbid)
    except DispatchError as error:
        ext.rollback_transaction()
        return error, error_post_info(error).calc_actual_weight(info)
    ext.commit_transaction()
    return None, post_info_of(post).calc_actual_weight(info)
