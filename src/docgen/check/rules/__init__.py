"""Every rule family, in the order they run."""

from __future__ import annotations

from .dedi import dedi
from .lexical import lexical, required_terms
from .numbering import announced, sequences
from .numbers import numbers
from .placeholders import placeholders
from .punctuation import full_width, half_width, marks, ordinals, pairs
from .script import script
from .spelling import spelling

ALL_RULES = [
    placeholders,
    lexical,
    script,
    half_width,
    full_width,
    pairs,
    marks,
    ordinals,
    numbers,
    sequences,
    announced,
    dedi,
    required_terms,
    spelling,
]
