"""Progress: how quiet sessions went."""
