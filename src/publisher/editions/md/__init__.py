"""Markdown editions."""
