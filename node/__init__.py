"""The composition root: CLI, service wiring, importer, author, pool, dev controls."""
