"""The encrypted journal: a folder of standard age files, its search index, prompts and transfer."""
