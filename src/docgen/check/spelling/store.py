"""The spelling model's file: a JSON header and aligned raw arrays, memory-mapped on load.

Layout: 8 bytes magic, 8 bytes header length (little-endian), the UTF-8 JSON header, then
each array at a 16-byte aligned offset. Loading maps the file and wraps each array without
copying, so the model opens in milliseconds whatever its size.
"""

from __future__ import annotations

import json
import mmap
import os
import struct
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = b"DGSPELL1"
_ALIGN = 16


def write(path: Path, arrays: Mapping[str, np.ndarray], meta: Mapping[str, Any]) -> None:
    """Write ``arrays`` (little-endian, C order) and ``meta`` (JSON-able) to ``path``."""
    entries: dict[str, dict[str, Any]] = {}
    offset = 0
    blobs: list[tuple[int, bytes]] = []
    for name, array in arrays.items():
        data = np.ascontiguousarray(array)
        dtype = data.dtype.newbyteorder("<") if data.dtype.byteorder == ">" else data.dtype
        raw = data.astype(dtype, copy=False).tobytes()
        offset = -(-offset // _ALIGN) * _ALIGN
        entries[name] = {"dtype": dtype.str, "shape": list(data.shape), "offset": offset}
        blobs.append((offset, raw))
        offset += len(raw)
    header = json.dumps({"meta": dict(meta), "arrays": entries}, ensure_ascii=False).encode()
    start = -(-(16 + len(header)) // _ALIGN) * _ALIGN
    partial = path.with_name(path.name + ".part")
    with partial.open("wb") as out:
        out.write(MAGIC + struct.pack("<Q", len(header)) + header)
        out.write(b"\0" * (start - 16 - len(header)))
        for where, raw in blobs:
            out.seek(start + where)
            out.write(raw)
    os.replace(partial, path)  # a process that has the old file mapped keeps reading it whole


class Store:
    """Read-only arrays and metadata of a model file (kept mapped while the object lives)."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        if self._map[:8] != MAGIC:
            raise ValueError(f"{path.name} 不是 docgen 的别字模型文件")
        (length,) = struct.unpack("<Q", self._map[8:16])
        header = json.loads(self._map[16 : 16 + length].decode())
        start = -(-(16 + length) // _ALIGN) * _ALIGN
        self.meta: dict[str, Any] = header["meta"]
        self.arrays: dict[str, np.ndarray] = {}
        for name, e in header["arrays"].items():
            dtype = np.dtype(e["dtype"])
            count = int(np.prod(e["shape"])) if e["shape"] else 1
            array = np.frombuffer(self._map, dtype, count, start + e["offset"])
            self.arrays[name] = array.reshape(e["shape"])

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name]
