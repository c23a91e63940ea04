"""py-libp2p host and the Substrate notification and request/response protocols."""
