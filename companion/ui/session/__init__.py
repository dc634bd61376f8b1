"""The quiet session: the page and the later check-in."""
