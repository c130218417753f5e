"""The fact base: entities, aliases and facts with their sources, stored from extractions."""
