"""One typed settings facility for guild, schedule and user settings (see README.md)."""
