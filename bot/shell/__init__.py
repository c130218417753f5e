"""The local shell: type slash commands as a fan or a moderator, in a terminal, without Discord."""
