"""A user's own settings, the same in every server (their time zone)."""
