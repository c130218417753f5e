"""Benchmarks: speed and memory of the bot's hot paths, run by hand (never as timed tests)."""
