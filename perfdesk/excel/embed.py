"""What the printed table cannot show, kept in a very hidden sheet for a lossless re-import.

The visible sheet prints canonical values (``≥109人``), amounts as numbers (``114.4``
and ``114.40`` look the same in a ``0.00`` cell), goals numbered ``目标1：``… It cannot
hold the value as typed (``>=109人``), the amount's scale, the framework id, blank
rows the clerk added, or exact whitespace. So each exported form is also written as
JSON (the loader is ``jsonform``'s) into a ``veryHidden`` sheet — one clerks cannot
unhide from the Excel/WPS menus, and which Excel, WPS and LibreOffice keep on save.

The JSON is trusted only while the visible sheet is exactly as exported: a
fingerprint of every non-formula cell is stored with it. If a clerk edits anything,
the fingerprint differs and the importer reads the visible cells instead (taking
from the JSON only what still agrees with them: see ``importer``). The fingerprint is
not secret, so the importer also prints the record again and uses it whole only when
that matches the visible cells: an edited record never overrides what the clerk sees.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from perfdesk.domain import jsonform
from perfdesk.domain.model import Form
from perfdesk.errors import FileReadError
from perfdesk.excel.loading import SheetCells

log = logging.getLogger(__name__)

DATA_SHEET = "perfdesk_data"
MARKER = "perfdesk"
EMBED_VERSION = 1
CHUNK = 30_000  # characters per cell (Excel's limit is 32,767)


def token(value: Any) -> str | None:
    """How a cell's value enters the fingerprint; ``None`` for what reads back as blank."""
    if value is None:
        return None
    if isinstance(value, str):
        if value.strip() == "":
            return None
        return "s:" + value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, bool):
        return f"b:{int(value)}"
    if isinstance(value, (int, float, Decimal)):
        return "n:" + repr(float(value))
    return "o:" + str(value)


def fingerprint(cells: Iterable[tuple[int, int, Any]]) -> str:
    tokens = sorted(f"{row},{column},{t}" for row, column, value in cells if (t := token(value)) is not None)
    return hashlib.sha256("\n".join(tokens).encode("utf-8")).hexdigest()


def form_record(form: Form) -> dict[str, Any]:
    """The form as ``jsonform`` writes it, without the derived fields (smaller)."""
    from perfdesk.domain.jsonform import form_to_dict

    record = form_to_dict(form)
    record.pop("totals", None)  # a project table has none
    for item in record["indicators"]:
        del item["parsed"]
    return record


def put_text(cell: Any, text: str) -> None:
    """A string that stays a string (``=9辆`` is not a formula, ``#N/A`` not an error)."""
    cell.value = text
    cell.data_type = "s"


def write_data_sheet(wb: Any, records: list[tuple[str, str, Form]]) -> None:
    """``records``: (sheet title, fingerprint, form) for each exported form."""
    ws = wb.create_sheet(DATA_SHEET)
    ws.sheet_state = "veryHidden"
    put_text(ws.cell(1, 1), MARKER)
    ws.cell(1, 2).value = EMBED_VERSION
    put_text(ws.cell(1, 3), "此工作表由 perfdesk 生成，保存各表的原始数据以便无损导入；请勿修改。")
    for row, (title, print_hash, form) in enumerate(records, start=2):
        text = json.dumps(
            {"sheet": title, "fingerprint": print_hash, "form": form_record(form)},
            ensure_ascii=True,
            separators=(",", ":"),
        )
        put_text(ws.cell(row, 1), "form")
        for i in range(0, len(text), CHUNK):
            put_text(ws.cell(row, 2 + i // CHUNK), text[i : i + CHUNK])


@dataclass
class Embedded:
    sheet: str
    fingerprint: str
    record: dict[str, Any]

    def build(self) -> Form:
        """A fresh form (new ids) from the record; a copied sheet may use a record twice."""
        return jsonform.project_from_dict({"format": "perfdesk", "version": 1, "forms": [self.record]}).forms[0]


def read_data_sheet(sheets: list[SheetCells]) -> tuple[list[Embedded], str | None]:
    """The embedded forms, and a note when the data sheet exists but cannot be used."""
    sheet = next((s for s in sheets if s.title == DATA_SHEET), None)
    if sheet is None or sheet.values.get((1, 1)) != MARKER:
        return [], None
    version = sheet.values.get((1, 2))
    if not isinstance(version, int) or isinstance(version, bool) or version > EMBED_VERSION:
        return [], "工作簿中的 perfdesk 原始数据来自更新版本的 perfdesk，已忽略，仅按表格内容导入"
    rows = sorted({row for row, _ in sheet.values if row > 1})
    found: list[Embedded] = []
    for row in rows:
        if sheet.values.get((row, 1)) != "form":
            continue
        parts: list[str] = []
        column = 2
        while isinstance(value := sheet.values.get((row, column)), str):
            parts.append(value)
            column += 1
        try:
            data = jsonform.parse_json("".join(parts))
            embedded = Embedded(str(data["sheet"]), str(data["fingerprint"]), data["form"])
            embedded.build()  # validates the record now rather than on use
            found.append(embedded)
        except (ValueError, KeyError, TypeError, RecursionError, FileReadError) as exc:
            log.warning("embedded record %d unusable: %s", row, exc)
            return [], "工作簿中的 perfdesk 原始数据已损坏，已忽略，仅按表格内容导入"
    return found, None
