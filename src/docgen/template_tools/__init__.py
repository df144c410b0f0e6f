"""Tools for the people who adapt templates: list, copy, check, and the field reference."""
