"""Scoring: the pure 4DX maths (no I/O, no clock, no vendor library)."""
