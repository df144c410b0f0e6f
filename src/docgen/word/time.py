"""The time a document records as made, the same on every run (never the clock)."""

from __future__ import annotations

import datetime as dt
import os

from ..model import Document


def creation_time(document: Document) -> dt.datetime:
    """The time a document records as made: SOURCE_DATE_EPOCH if set (reproducible builds),
    else its own date, else today — never the clock, so a re-run gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    day = document.date or dt.date.today()
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
