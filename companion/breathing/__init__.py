"""Paced breathing: patterns, their library, and a drift-free timeline."""
