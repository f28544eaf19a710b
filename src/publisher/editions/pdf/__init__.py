"""PDF editions, rendered with WeasyPrint."""
