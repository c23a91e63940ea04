"""Utility (pallet index 11): batching and origin-switching calls (subtensor's own
``pallet_subtensor_utility``, ``pallets/utility``).

See :mod:`runtime.pallets.utility.pallet` for the calls and :mod:`.post_dispatch` for the
post-dispatch information calls report.
"""
