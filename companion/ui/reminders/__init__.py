"""Gentle reminders: the page and the service that delivers them."""
