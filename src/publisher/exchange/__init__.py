"""Exchange with other tools: gettext catalogs of other tools, XLIFF 1.2 and TMX 1.4b for CAT
tools, with inline Markdown protected as placeholders."""
