"""Ingest: feeds, pages and files read into plain values (parsing only, no I/O here)."""
