"""Time and delivery: the durable outbox every post goes through, and the periodic work."""
