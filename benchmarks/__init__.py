"""Benchmarks: each `bench_*.py` module runs on its own and prints figures, never asserts."""
