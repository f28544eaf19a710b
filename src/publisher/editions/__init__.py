"""Editions: a report in one language, and the builders that turn editions into files (web
pages, Markdown, PDF)."""
