"""File names for one PDF per form (``export-pdf --each DIR``): safe on Windows, never twice.

A project table is named after its 项目名称, a 部门整体 table after its department, a 绩效自评表
after the project or department it evaluates followed by `` 绩效自评表``. Characters
Windows forbids (``<>:"/\\|?*`` and control characters) become ``_``; trailing dots and spaces
go; device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9) get a ``_``; over-long names are cut;
the same name again (Windows ignores case) becomes ``名称（2）.pdf``.
"""

from __future__ import annotations

import re

from perfdesk.domain.model import KIND_PROJECT, KIND_SELF_EVALUATION, Form

MAX_STEM = 100  # characters: well inside Windows' 255 and MAX_PATH with a folder in front
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
                      *(f"LPT{n}" for n in range(1, 10))})
PROJECT_NAME_FIELD = "项目名称"  # the field a project table is known by (as ``Form.display_name``)


def form_name(form: Form) -> str:
    """What the form is called on paper: its 项目名称, or its department; a 自评表 (which carries
    the 项目名称 when made from a project table) adds 绩效自评表 so it is told from its target table."""
    if form.kind == KIND_SELF_EVALUATION:
        name = form.fields.get(PROJECT_NAME_FIELD, "") if PROJECT_NAME_FIELD in form.fields else form.department
        return f"{name.strip()} 绩效自评表" if name.strip() else ""
    return form.fields.get(PROJECT_NAME_FIELD, "") if form.kind == KIND_PROJECT else form.department


def safe_stem(text: str, fallback: str) -> str:
    stem = _FORBIDDEN.sub("_", " ".join(text.split()))[:MAX_STEM].strip().rstrip(". ")
    if not stem.strip("_"):
        stem = fallback
    if stem.split(".")[0].upper() in _DEVICES:
        stem += "_"
    return stem


def pdf_file_names(forms: list[Form]) -> list[str]:
    """One distinct ``….pdf`` per form, in order."""
    names: list[str] = []
    taken: set[str] = set()
    for number, form in enumerate(forms, start=1):
        stem = safe_stem(form_name(form), f"第{number}张表")
        name, copy = f"{stem}.pdf", 1
        while name.casefold() in taken:
            copy += 1
            name = f"{stem}（{copy}）.pdf"
        taken.add(name.casefold())
        names.append(name)
    return names
