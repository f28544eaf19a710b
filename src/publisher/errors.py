"""Errors for bad input: each names the file and, where there is one, the line."""

from __future__ import annotations

from pathlib import Path

__all__ = ["PublisherError", "ConfigError", "CatalogError", "ContentError", "LockError"]


class PublisherError(Exception):
    """A user's mistake or a bad file: reported as ``file:line: message``, exit code 2."""

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __reduce__(self) -> tuple:
        # Keep path, line and hint when the error crosses from a worker process.
        return (self.__class__, (self.message, self.path, self.line, self.hint))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ConfigError(PublisherError):
    """``publisher.toml`` is malformed or names something unknown."""


class CatalogError(PublisherError):
    """A ``.po`` or ``.pot`` file cannot be read safely."""


class ContentError(PublisherError):
    """A report's Markdown or front matter cannot be used."""


class LockError(PublisherError):
    """Another run is writing the same project."""
