"""The state transition function: pure and deterministic.

Nothing here performs I/O, reads a clock, draws randomness, starts threads or uses floats on a
consensus path. State is read and written only through
:class:`runtime.primitives.externalities.Externalities`.
"""
