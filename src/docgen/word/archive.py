"""A .docx's parts zipped the same way every time: fixed entry times, fixed levels, fixed order.

The same document gives the same bytes on every run and every PC, so a re-run shows
exactly what changed (the date a document carries is in its core properties, not here).
docgen.speedups.prepared_writer builds the same bytes faster for many documents.
"""

from __future__ import annotations

import io
import zipfile

#: Every entry's time: the ZIP epoch, as reproducible builds use (1980-01-01 00:00).
ENTRY_TIME = (1980, 1, 1, 0, 0, 0)
#: The parts every document of one layout shares are compressed thoroughly; a document's own
#: parts quickly (level 1 is four times faster and the file only ~15% larger).
STATIC_LEVEL, OWN_LEVEL = 6, 1
#: The parts each document has of its own, written after the shared ones.
OWN_PARTS = ("word/document.xml", "docProps/core.xml")
#: Unix permission bits rw------- in the external attributes, as older docgen wrote.
EXTERNAL_ATTR = 0o600 << 16


def zip_parts(parts: list[tuple[str, bytes]]) -> bytes:
    """The archive of ``parts`` in their order; the document's own parts at level 1."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, ENTRY_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # MS-DOS, whatever the PC: the same bytes everywhere
            info.external_attr = EXTERNAL_ATTR
            level = OWN_LEVEL if name in OWN_PARTS else STATIC_LEVEL
            archive.writestr(info, data, compresslevel=level)
    return buffer.getvalue()
