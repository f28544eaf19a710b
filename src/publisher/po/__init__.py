"""gettext only, no Markdown: catalog entries, reading and writing PO files as GNU gettext does,
merging, headers, stamps and counts."""
