"""Extraction: article text in, facts about artists and releases out (pure functions, no I/O)."""
