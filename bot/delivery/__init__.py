"""Delivery: the durable outbox, its worker, failure handling and cluster-wide leases."""
