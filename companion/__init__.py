"""Companion: a private, offline companion for a quiet session on a laptop."""

__version__ = "0.1.0"
APP_NAME = "companion"
APP_TITLE = "Companion"
