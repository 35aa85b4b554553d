"""The hub\x27s web console (central.console.pages)."""
