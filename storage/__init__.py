"""Bytes in, bytes out: key-value stores, the state trie, overlays and the chain database."""
