"""The Markdown side: parsing, translatable units, front matter, and reassembling an edition from
translations."""
