"""Shared pytest configuration: registers the fake Discord fixtures."""

pytest_plugins = ["tests.fake_discord.fixtures"]
