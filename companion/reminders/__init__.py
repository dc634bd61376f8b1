"""Gentle reminders: rules, the pure schedule (real time zones), the store, and D-Bus delivery."""
