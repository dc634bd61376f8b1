"""The encrypted journal: the page, its lock views, editor, tools, review and conflict cards,
secret fields and clipboard care."""
