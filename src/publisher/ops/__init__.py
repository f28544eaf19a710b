"""The operations behind the commands: update, status, check and build."""
