"""Tests for fanzine."""
