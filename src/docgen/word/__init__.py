"""Word writer: python-docx builds the package once, raw OOXML lives in ooxml.py."""
