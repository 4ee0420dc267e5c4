"""The stories' public pages (filled in below)."""
