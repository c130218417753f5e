"""fanzine: a Discord bot for music fan communities."""

__version__ = "0.1.0"
