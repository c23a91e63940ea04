"""A small ``CallDispatcher`` for tests: a call is ``(CallDef, args)``."""

from __future__ import annotations

from typing import Any

from runtime.frame.dispatch import DispatchInfo, Origin
from runtime.frame.pallet import CallDef
from runtime.frame.system import CallFiltered
from runtime.pallets.utility.post_dispatch import PostDispatchInfo
from runtime.pallets.utility.runtime_call import Forbidden
from runtime.primitives.externalities import Externalities


class TestDispatcher:
    """Dispatches ``(CallDef, args)`` pairs; refuses forbidden calls with CallFiltered."""

    __test__ = False

    def __init__(self) -> None:
        self.seen: list[tuple[str, Origin, bool]] = []

    def dispatch_info(self, call: Any) -> DispatchInfo:
        """The declared info of the call."""
        definition, args = call
        return definition.dispatch_info(args)

    def dispatch(self, ext: Externalities, origin: Origin, call: Any, bypass_filter: bool,
                 forbid: Forbidden) -> PostDispatchInfo | None:
        """Run the call function, after the forbid list."""
        definition, args = call
        self.seen.append((definition.name, origin, bypass_filter))
        if (definition.pallet, definition.name) in forbid:
            raise CallFiltered()
        returned = definition.function(ext, origin, **args)
        return returned if isinstance(returned, PostDispatchInfo) else None


def make_call(definition: CallDef, **args: Any) -> tuple[CallDef, dict[str, Any]]:
    """A test call value."""
    return definition, args
