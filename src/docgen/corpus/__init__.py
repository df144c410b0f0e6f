"""Corpus tools: clean old speeches and notices, mine their terms, draft situation files."""
