"""Guided relaxation: progressive muscle relaxation and body-scan scripts, and their player."""
