"""``publisher check``: quality checks of translations (rules, glossary), run over a
project."""
