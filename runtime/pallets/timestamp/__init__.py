"""Timestamp (pallet index 2): the time of the current block, in unix milliseconds.

## Overview

Each block carries one ``Timestamp.set(now)`` inherent (a bare extrinsic, first in the block,
``Mandatory`` class). ``now`` must advance by at least ``MinimumPeriod`` (6 000 ms), must fall
in the block's Aura slot, and must be set exactly once (checked at ``on_finalize``).
See :mod:`.pallet`.

## Usage

Authors build the inherent with :func:`.pallet.create_inherent`; importers check it with
:func:`.pallet.check_inherent`; other pallets read :func:`.pallet.now`.
"""
