"""Helpers shared by the tests and the benchmarks (``bench/`` imports these; ``tests/`` never
imports ``bench/``)."""
