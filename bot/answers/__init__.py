"""Answers: questions parsed without a model, names linked to the fact base, short answers."""
