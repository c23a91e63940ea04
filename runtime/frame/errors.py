"""Block-level validity: the error a block that must be refused raises, wherever in the runtime.

A transaction can be invalid (refused by the pool, never included) and a call can fail (included,
rolled back); a *block* is invalid when its header, inherents or hooks break a rule the runtime
enforces — an early timestamp, a slot that does not advance, an extrinsics or state root that does
not match. Pallet errors of that kind subclass :class:`InvalidBlock`, so the importer refuses the
block cleanly instead of crashing on an unexpected exception.
"""

from __future__ import annotations


class InvalidBlock(Exception):
    """A block that cannot be imported: undecodable, an invalid extrinsic or inherent, a rule a
    pallet enforces on the block, or a root mismatch."""
