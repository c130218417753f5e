"""Scheduled posts: date rules, the planner, the dispatcher, reminders and announcements."""
