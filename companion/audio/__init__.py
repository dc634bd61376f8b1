"""Sound: cue synthesis (numpy) and the audio engine (the only place that imports pygame)."""
