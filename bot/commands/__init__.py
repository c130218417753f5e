"""Every slash command declared once: Discord's app commands, the shell, `/help` and the
README's command table are all made from these declarations."""
