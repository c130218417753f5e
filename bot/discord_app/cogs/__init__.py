"""One cog per capability; each command is a thin call into the core."""
