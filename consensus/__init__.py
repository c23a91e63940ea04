"""When and whether to author or accept a block: sealing, Aura, header checks, finality.

* :mod:`consensus.aura` — slots, the slot pre-digest, the slot's author, sealing and checking a
  sealed header; equivocation tracking;
* :mod:`consensus.verify` — the importer's stateless header checks (parent, number, Aura);
* :mod:`consensus.sealing` — dev-chain sealing policies (instant, manual, interval) and their
  asyncio driver; dev block timestamps and slots;
* :mod:`consensus.slots` — the Aura slot worker of a validator on a multi-node network;
* :mod:`consensus.fork_choice` — longest chain containing the finalised block, reorg routes;
* :mod:`consensus.grandpa` — votes, commits, justifications, the voter set, signing, checking;
* :mod:`consensus.grandpa_messages` — GRANDPA gossip messages and the ``FRNK`` digest logs;
* :mod:`consensus.grandpa_authorities` — scheduled and forced authority-set changes;
* :mod:`consensus.grandpa_round` — one round's vote accounting (GHOST, finalised, estimate,
  completable);
* :mod:`consensus.errors` — every refusal, as a specific exception.

This package decides; it never writes storage and never imports ``node``, ``rpc`` or ``network``.
"""
