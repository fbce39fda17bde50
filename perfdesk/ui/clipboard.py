"""Tab-separated text as Excel and WPS put it on the clipboard."""

from __future__ import annotations

import csv
import io


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells; quoted cells may hold tabs and line breaks (Excel's rules)."""
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quotechar='"'))
    return [row if row else [""] for row in rows]


def to_tsv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()
