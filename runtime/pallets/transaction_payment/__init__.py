"""TransactionPayment (pallet index 6): transaction fees.

## Overview

A signed transaction pays ``base_fee + len_fee + adjusted_weight_fee + tip`` before dispatch;
after dispatch the fee is recomputed from the actual weight, the overpayment refunded and the
rest paid to the block author (subtensor's ``OnChargeTransaction``), and
``TransactionFeePaid { who, actual_fee, tip }`` is emitted.

## Terminology

- **Inclusion fee**: base fee (``WeightToFee(ExtrinsicBaseWeight)``) + length fee (one rao per
  byte) + weight fee (``ref_time / 2000``, times ``NextFeeMultiplier``, constant 1).
- **Partial fee**: the inclusion fee without tip, as ``payment_queryInfo`` reports it.

## Implementations

- :mod:`.pallet` — storage (``NextFeeMultiplier``, ``StorageVersion``), event, constant, hook,
  genesis, runtime-API SCALE types;
- :mod:`.fees` — ``compute_fee``, ``compute_actual_fee``, ``query_info``,
  ``query_fee_details``;
- :mod:`.charge` — ``withdraw_fee``, ``can_withdraw_fee``, ``correct_and_deposit_fee`` and the
  pre/post-dispatch steps the executive calls.

## Usage

The executive calls :func:`.charge.pre_dispatch_charge` for a signed extrinsic (catching
``FeePaymentError`` → ``InvalidTransaction::Payment``), dispatches, then
:func:`.charge.post_dispatch_charge` with the post-dispatch info and the block author.

## Genesis config

:func:`.pallet.build_genesis`: ``StorageVersion = V2``, ``NextFeeMultiplier = 1``.

## Assumptions

Fees are TAO in rao (u64); the weight given to the fee functions is the total weight (call +
transaction extensions).
"""
