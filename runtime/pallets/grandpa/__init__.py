"""Grandpa (pallet index 4): the GRANDPA finality authority set.

## Overview

The runtime keeps the current authority list (ed25519 keys with weights), the set id, and any
scheduled change or pause; ``on_finalize`` signals changes to the finality gadget through
``Consensus(FRNK, ConsensusLog)`` digest items and enacts them after their delay.
See :mod:`.pallet`.

## Genesis config

:func:`.pallet.build_genesis` sets the initial authorities, ``CurrentSetId = 0`` and
``SetIdSession[0] = 0``.
"""
