"""The place stage: safe names, staged files renamed into place, and the journal of hashes."""
