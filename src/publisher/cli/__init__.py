"""Command line: ``publisher update | status | check | build | serve | import | export``.

Only this package prints. Each command checks its options, makes one call into the library
and shows what comes back.
"""

from publisher.cli import exchange, publish  # noqa: F401  (they add their commands to cli)
from publisher.cli.main import cli, main

__all__ = ["cli", "main"]
