"""Guided relaxation: the page, the voice that reads it, the body outline and the natural voice's
preparation."""
