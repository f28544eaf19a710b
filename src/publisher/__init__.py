"""publisher: publish reports in English, Japanese and Korean from one Markdown source."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
