"""Read an .xlsx straight from its XML parts: the cells openpyxl would give, much faster.

A workbook is a zip of XML: shared strings, cell styles (to tell dates and percentages)
and one part per sheet. This reader handles what Excel, WPS and openpyxl write for plain
tables; for anything else it raises ``Unsupported`` and the caller uses openpyxl, so a
file is never read differently from the reference reader.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.parsers import expat

from lxml import etree

from .table import RawCell, RawSheet

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: Built-in number formats that show dates (ECMA-376 18.8.30 and the CJK locale ids).
_DATE_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
_PERCENT_IDS = {9, 10}
_REF = re.compile(r"([A-Z]{1,3})(\d+)$")
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


class Unsupported(Exception):
    """Something this reader does not handle exactly: use openpyxl for the whole file."""


def read_sheets(path: Path, wanted: Callable[[str], bool] | None = None) -> list[RawSheet]:
    """The workbook's sheets in order; with ``wanted``, only those whose name it accepts."""
    try:
        with zipfile.ZipFile(path) as book:
            names = set(book.namelist())
            workbook = etree.fromstring(book.read("xl/workbook.xml"))
            if _date1904(workbook):
                raise Unsupported("1904 date system")
            targets = _sheet_targets(book)
            shared = _shared_strings(book) if "xl/sharedStrings.xml" in names else []
            styles = _styles(book) if "xl/styles.xml" in names else []
            sheets = []
            for sheet in workbook.iter(f"{MAIN}sheet"):
                if wanted is not None and not wanted(sheet.get("name") or ""):
                    continue
                target = targets.get(sheet.get(f"{REL}id"))
                if target is None or target not in names:
                    raise Unsupported("sheet part not found")
                raw = RawSheet(path.name, sheet.get("name"))
                with book.open(target) as part:
                    _cells(part, raw, shared, styles)
                sheets.append(raw)
            return sheets
    except (
        zipfile.BadZipFile,
        KeyError,
        etree.XMLSyntaxError,
        expat.ExpatError,
        ValueError,
        IndexError,
    ) as exc:
        raise Unsupported(str(exc)) from None


def _date1904(workbook: etree._Element) -> bool:
    pr = workbook.find(f"{MAIN}workbookPr")
    return pr is not None and pr.get("date1904") in ("1", "true")


def _sheet_targets(book: zipfile.ZipFile) -> dict[str, str]:
    rels = etree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels.iter(f"{PKG}Relationship"):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        targets[rel.get("Id")] = posixpath.normpath(target)
    return targets


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    root = etree.fromstring(book.read("xl/sharedStrings.xml"))
    out = []
    for item in root.iter(f"{MAIN}si"):
        # Text runs only: phonetic guides (rPh) are not part of the value.
        out.append(
            "".join(
                t.text or "" for t in item.iter(f"{MAIN}t") if t.getparent().tag != f"{MAIN}rPh"
            )
        )
    return out


def _styles(book: zipfile.ZipFile) -> list[tuple[bool, bool]]:
    """(is a date, is a percentage) for each cell style index."""
    root = etree.fromstring(book.read("xl/styles.xml"))
    codes = {
        int(f.get("numFmtId")): f.get("formatCode", "")
        for f in root.iterfind(f"{MAIN}numFmts/{MAIN}numFmt")
    }
    kinds = []
    xfs = root.find(f"{MAIN}cellXfs")
    for xf in [] if xfs is None else xfs.iterfind(f"{MAIN}xf"):
        number = int(xf.get("numFmtId", "0"))
        code = codes.get(number)
        if code is None:
            kinds.append((number in _DATE_IDS, number in _PERCENT_IDS))
        else:
            kinds.append((_is_date_code(code), "%" in code))
    return kinds


def _is_date_code(code: str) -> bool:
    """A format code that shows a date or time (letters outside quotes and brackets)."""
    bare = _QUOTED.sub("", code.split(";")[0]).lower()
    return bool(re.search(r"[dmyhs]", bare)) and "general" not in bare


#: The elements a cell is read from, by local name (a prefix such as ``x:`` is dropped).
_CELL, _V, _F, _T = 1, 2, 3, 4
_CODES = {"c": _CELL, "v": _V, "f": _F, "t": _T}


def _cells(part, raw: RawSheet, shared: list[str], styles: list[tuple[bool, bool]]) -> None:
    """Stream the sheet with expat: parsing in C, no element objects; the callbacks keep
    their state in closure variables, as they run once per element of tens of thousands."""
    rows = raw.rows
    codes: dict[str, int] = {}  # element name as written → code
    ref = kind = style = value = formula = None
    inline: list[str] = []
    texts: list[str] = []
    collecting = False

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal ref, kind, style, value, formula, collecting
        code = codes.get(name)
        if code is None:
            code = codes[name] = _CODES.get(name.rpartition(":")[2], 0)
        if code == _CELL:
            ref, kind, style = attrs.get("r"), attrs.get("t", "n"), attrs.get("s")
            value = formula = None
            inline.clear()
        elif code:
            texts.clear()
            collecting = True

    def end(name: str) -> None:
        nonlocal value, formula, collecting
        code = codes[name]
        if code == _CELL:
            if value is not None or formula is not None or inline:  # else: an empty cell
                _place(rows, ref, kind, style, value, formula, inline, shared, styles)
        elif code:
            collecting = False
            text = texts[0] if len(texts) == 1 else "".join(texts)
            if code == _V:
                value = text
            elif code == _F:
                formula = text
            else:
                inline.append(text)

    def data(text: str) -> None:
        if collecting:
            texts.append(text)

    parser = expat.ParserCreate(namespace_separator=None)
    parser.buffer_text = True
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = data
    parser.ParseFile(part)


_PLAIN = (False, False)


def _place(
    rows: dict[int, dict[int, RawCell]],
    ref: str | None,
    kind: str | None,
    style: str | None,
    text: str | None,
    formula: str | None,
    inline: list[str],
    shared: list[str],
    styles: list[tuple[bool, bool]],
) -> None:
    match = _REF.match(ref or "")
    if match is None:
        raise Unsupported("cell without a reference")
    if formula is not None and not formula:
        raise Unsupported("shared or array formula")
    is_date, percent = styles[int(style)] if style and int(style) < len(styles) else _PLAIN
    if kind == "inlineStr":
        value: object = "".join(inline)
    else:
        value = _value(kind or "n", text, shared, is_date)
    if formula is not None and (value is None or value == ""):
        found = RawCell(None, "=" + formula, percent)
    elif value is None or (isinstance(value, str) and not value.strip()):
        return
    else:
        found = RawCell(value, None, percent)
    rows.setdefault(int(match[2]), {})[_column(match[1])] = found


def _value(kind: str, text: str | None, shared: list[str], is_date: bool) -> object:
    if text is None or (not text and kind != "str"):  # <v></v>: a formula never calculated
        return None
    if kind == "s":
        return shared[int(text)]
    if kind in ("str", "e"):
        return text
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind != "n":
        raise Unsupported(f"cell type {kind}")
    number: int | float = float(text) if any(c in text for c in ".eE") else int(text)
    if is_date:
        return _from_excel(number)
    return number


def _from_excel(serial: float) -> dt.datetime:
    """Excel's 1900 date system, with its phantom 29 February 1900 (as openpyxl does)."""
    if serial < 60:
        serial += 1
    day = dt.datetime(1899, 12, 30) + dt.timedelta(days=serial)
    return day.replace(microsecond=round(day.microsecond / 1000) * 1000 if day.microsecond else 0)


@functools.cache
def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
