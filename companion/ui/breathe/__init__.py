"""Paced breathing: the page, the orb, the sound cues and the pattern editor."""
