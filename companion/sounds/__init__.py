"""Ambient soundscapes: a synthesised library, seamless loops, and (later) the mix state."""
