"""Aura (pallet index 3): the authority set and the slot of the current block.

## Overview

Blocks are authored in slots of ``SlotDuration`` (12 000 ms; 250 ms with fast blocks); the
author of slot ``s`` is ``Authorities[s % len]``. The runtime checks that slots increase and that
the timestamp inherent falls in the block's slot. See :mod:`.pallet`.

## Usage

The executive calls :func:`.pallet.on_initialize` with the header digest, and the fee handler
finds the block author with :func:`.pallet.author`.

## Genesis config

:func:`.pallet.build_genesis` sets the initial authorities (sr25519 public keys).
"""
