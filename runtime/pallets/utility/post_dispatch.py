"""``PostDispatchInfo`` lives in the framework (:mod:`runtime.frame.dispatch`); this module keeps
the name the utility and sudo pallets import it by."""

from __future__ import annotations

from runtime.frame.dispatch import PostDispatchInfo, post_info_of

__all__ = ["PostDispatchInfo", "post_info_of"]
