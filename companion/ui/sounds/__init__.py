"""Ambient sound: the page and the soundscape and playlist players."""
