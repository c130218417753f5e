"""Per-guild settings: what `/setup` stores, and the time-zone catalogue behind its autocomplete."""
