"""Runtime primitives: SCALE, fixed point, hashing, keys, block types, Externalities."""
