"""Sudo (pallet index 12): a single key account with root powers.

## Overview

The key (``Sudo.Key``) may dispatch any call as root (``sudo``, ``sudo_unchecked_weight``) or as
any signed account (``sudo_as``), hand the key on (``set_key``) or remove it for good
(``remove_key``). All of these are free for the key. See :mod:`.pallet`.

## Genesis config

:func:`.pallet.build_genesis` sets the key.
"""
