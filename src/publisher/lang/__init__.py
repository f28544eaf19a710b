"""Language rules: text (CJK joining, word counts, addresses), numbers, dates, language codes."""
