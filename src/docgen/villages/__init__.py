"""Village tables (.xlsx or .csv) for batch generation: one document per village.

Only ``docgen.villages.xlsx`` imports openpyxl; the rest works on plain cell values.
"""

from __future__ import annotations

from ..data.villages import Village, VillageTable
from .validate import load_villages, read_sheets

__all__ = ["Village", "VillageTable", "load_villages", "read_sheets"]
