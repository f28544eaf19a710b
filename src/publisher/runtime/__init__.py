"""What runs under every command: the work cache, safe writes and the project lock, the worker
pool, and provenance from git."""
