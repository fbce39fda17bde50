""".xlsx → project: checks, loading, one form per sheet, and what was recognised.

Order of work, each step refusing bad input with one Chinese sentence:
1. defusedxml must be active (``check_xml_safety``);
2. the file is read once; its kind is sniffed (old .xls, encrypted, HTML …);
3. the zip directory is checked for bombs before anything is decompressed;
4. openpyxl's read-only parser reads the cells (``loading``): formulas first, and
   for sheets that have formulas their saved results — a needed formula cell
   with no saved result is reported by sheet and cell;
5. each visible sheet is read by its labels (``read_sheet``). A sheet perfdesk
   exported and nobody edited since is restored from the embedded data instead,
   losslessly (``embed``).
Nothing is written anywhere: the caller saves the returned project.
"""

from __future__ import annotations

import os
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

from perfdesk.domain.model import HORIZONS, KIND_PROJECT, KIND_SELF_EVALUATION, Form, Project
from perfdesk.errors import FileReadError, PerfdeskError
from perfdesk.excel.embed import DATA_SHEET, Embedded, fingerprint, read_data_sheet
from perfdesk.excel.grid import SheetGrid
from perfdesk.excel.loading import MAX_COLUMNS, MAX_ROWS, read_sheets
from perfdesk.excel.read_sheet import SheetRead, read_sheet
from perfdesk.excel.safety import XmlSafetyError, check_xml_safety, open_zip, read_input, sniff


@dataclass
class ImportResult:
    project: Project
    notes: list[str]  # Chinese lines: per sheet, what was recognised and mapped
    # 未导入的内容: (sheet, cell, text) of every filled cell the forms have no place for
    unplaced: list[tuple[str, str, str]] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)  # sheets with cells beyond the limits, not read


def sheet_fingerprint(grid: SheetGrid) -> str:
    return fingerprint(
        (row, column, value) for (row, column), value in grid.cells.items() if (row, column) not in grid.formulas
    )


def import_xlsx(path: str | os.PathLike[str]) -> ImportResult:
    """Read every form of a workbook. Raises :class:`FileReadError` with a Chinese message."""
    path = Path(path)
    name = path.name
    try:
        check_xml_safety()
    except XmlSafetyError as exc:
        raise FileReadError(str(exc)) from None
    data = read_input(path)
    sniff(data, name)
    open_zip(data, name).close()
    sheets = read_sheets(data, name)
    embedded, embed_note = read_data_sheet(sheets)
    project = Project()
    notes: list[str] = [embed_note] if embed_note else []
    partial: list[str] = []
    checked = 0
    unplaced: list[tuple[str, str, str]] = []
    other_kinds: list[str] = []
    for sheet in sheets:
        if sheet.title == DATA_SHEET and sheet.state != "visible":
            continue  # ours (LibreOffice turns "very hidden" into "hidden" on save)
        if sheet.state != "visible":
            notes.append(f"工作表“{sheet.title}”是隐藏的工作表，已跳过")
            continue
        checked += 1
        form, sheet_notes, read = _read_one(SheetGrid(sheet), embedded)
        notes.extend(sheet_notes)
        if read is not None:
            unplaced.extend((sheet.title, cell, text) for cell, text in read.unplaced)
            if read.other_kind and form is None:
                other_kinds.append(f"工作表“{sheet.title}”是{read.other_kind}（{read.evidence}）")
        if sheet.beyond_limits:
            partial.append(sheet.title)
            notes.append(
                f"  注意：工作表“{sheet.title}”在第 {MAX_ROWS} 行或第 {MAX_COLUMNS} 列以外还有内容，"
                "perfdesk 没有读取这些内容，导入不完整"
            )
        if form is not None:
            project.forms.append(form)
    from perfdesk.excel.self_eval_links import relink

    notes.extend(relink(project, project.forms))
    if not project.forms and other_kinds:
        # Another kind of table: refused by what it is, never read as a 部门整体 table.
        more = f"，另有 {len(other_kinds) - 1} 张同类工作表" if len(other_kinds) > 1 else ""
        raise PerfdeskError(
            f"“{name}”中的{other_kinds[0]}{more}。"
            "perfdesk 能导入部门（单位）整体支出绩效目标表、项目支出绩效目标表和绩效自评表，"
            "但没有在这张表中找到可读取的栏目，未导入任何内容"
        )
    if not project.forms:
        raise FileReadError(
            f"“{name}”中没有找到可识别的绩效目标表；表格中应有“任务名称”“主要内容”“三级指标”“指标值”等栏目"
            f"（共检查 {checked} 张工作表）"
        )
    return ImportResult(project, notes, unplaced=unplaced, partial=partial)


def printed_fingerprint(form: Form) -> str:
    """The fingerprint of the sheet perfdesk would export for ``form`` (what its visible cells would hold)."""
    from openpyxl import Workbook

    from perfdesk.excel.export import sheet_fingerprint as written_fingerprint
    from perfdesk.excel.project_sheet import writer_for
    from perfdesk.excel.styles import StyleBook

    ws = Workbook().active
    writer_for(ws, form, StyleBook(ws)).write()
    return written_fingerprint(ws)


def _read_one(grid: SheetGrid, embedded: list[Embedded]) -> tuple[Form | None, list[str], SheetRead | None]:
    """The hidden record stands in for the visible cells only when it prints exactly as they read.

    The stored fingerprint is not secret: a record whose JSON was edited keeps it. So the
    record is printed again and compared with the visible cells; when they differ, every
    visible value comes from the cells and the record only supplies what cells cannot carry.
    """
    disagrees = False
    if embedded:
        print_hash = sheet_fingerprint(grid)
        exact = [e for e in embedded if e.fingerprint == print_hash]
        exact.sort(key=lambda e: e.sheet != grid.title)
        for record in exact:
            form = record.build()
            if printed_fingerprint(form) != print_hash:
                disagrees = True
                continue
            note = (
                f"工作表“{grid.title}”：perfdesk 导出的表，导出后未改动，已按原始数据完整还原"
                f"（{_contents(form)}）"
            )
            return form, [note], None
    original = next((e for e in embedded if e.sheet == grid.title), None)
    read = read_sheet(grid, original.record.get("framework") if original else None)
    if read.form is not None and disagrees:
        read.notes.append(
            "  注意：工作簿中隐藏的 perfdesk 原始数据与表格内容不一致（可能被修改过），已以表格中看得见的内容为准"
        )
    if read.form is not None and original is not None:
        read.notes.append(_restore_unseen(read.form, original.build()))
    return read.form, read.notes, read


def _contents(form: Form) -> str:
    if form.kind == KIND_SELF_EVALUATION:
        from perfdesk.excel.read_self_eval import place_list

        return place_list(form)
    if form.kind == KIND_PROJECT:
        counts = [sum(1 for _ in form.iter_indicators(h)) for h in HORIZONS]
        return (f"{form.fields.get('项目名称', '')}：项目资金 {len(form.funds)} 项，目标 {len(form.goals_mid)}+"
                f"{len(form.goals)} 条，中期/年度三级指标 {counts[0]}/{counts[1]} 个")
    return f"任务 {len(form.tasks)} 项，目标 {len(form.goals)} 条，三级指标 {form.indicator_count()} 个"


def _restore_unseen(form: Form, original: Form) -> str:
    """After a clerk edited an exported sheet: take from perfdesk's record only what still agrees."""
    form.kind = original.kind
    if form.kind == KIND_SELF_EVALUATION:  # the scoring profile is not printed
        form.profile, form.reverse_mode = original.profile, original.reverse_mode
    restored = 0
    for horizon in HORIZONS:
        typed: dict[tuple[str, str], deque[str]] = defaultdict(deque)
        for _, _, indicator in original.iter_indicators(horizon):
            typed[(indicator.name.strip(), indicator.parsed.canonical)].append(indicator.value)
        for _, _, indicator in form.iter_indicators(horizon):
            queue = typed.get((indicator.name, indicator.parsed.canonical))
            if queue:
                value = queue.popleft()
                restored += value != indicator.value
                indicator.value = value
    scales = 0
    for key, text in form.funds.items():  # 项目资金 typed ``360`` prints as 360.00: the typed scale is kept
        before = original.funds.get(key, "")
        if before != text and form.fund(key) is not None and form.fund(key) == original.fund(key):
            form.funds[key] = before
            scales += 1
    pool = list(original.tasks)
    for task in form.tasks:
        for candidate in pool:
            same_text = (candidate.name.strip(), candidate.content.strip()) == (task.name, task.content)
            amounts = ((task.total, candidate.total), (task.fiscal, candidate.fiscal), (task.other, candidate.other))
            if same_text and all((a is None) == (b is None) and (a is None or a == b) for a, b in amounts):
                scales += any(str(a) != str(b) for a, b in amounts)
                task.total, task.fiscal, task.other = candidate.total, candidate.fiscal, candidate.other
                pool.remove(candidate)
                break
    return (
        f"  本表在 perfdesk 导出后被修改过：已按表格内容导入；指标体系（{form.framework}）、"
        f"{restored} 个未改动指标值的原始写法和 {scales} 项金额的小数位已从 perfdesk 记录中恢复"
    )
