"""docgen: situation data → official documents of a Chinese township office."""

__version__ = "0.1.0"
