"""SubtensorModule calls for weights, commit-reveal and serving (spec/subtensor.md §5.4–§5.6).

Importing this package declares the calls on :data:`runtime.pallets.subtensor.subtensor` at
their reference indices (:data:`~runtime.pallets.subtensor.pallet.CALL_INDICES`):

- :mod:`.weights`: ``set_weights`` (0), ``batch_set_weights`` (80), ``set_mechanism_weights``
  (119);
- :mod:`.commit_reveal`: ``commit_weights`` (96), ``reveal_weights`` (97),
  ``batch_reveal_weights`` (98), ``batch_commit_weights`` (100), ``commit_mechanism_weights``
  (115), ``reveal_mechanism_weights`` (116);
- :mod:`.serving`: ``serve_axon`` (4), ``serve_prometheus`` (5), ``serve_axon_tls`` (40);
- :mod:`.common`: the reads they share (registration, mechanisms, stake, rate limit, epochs).
"""

from __future__ import annotations

from runtime.pallets.subtensor.calls import commit_reveal, serving, weights

__all__ = ["commit_reveal", "serving", "weights"]
