"""The indicator part of a project sheet: one shared 一级 column, one or two sides of 二级 | 三级 | 指标值.

Each side keeps its own 二级 (merged over its rows, repeated, or written once); a ★ before a
三级 marks a core indicator. Which side is 中期 and which 年度 is read from the caption over it
(中期指标 / 年度指标) or its value heading (中期指标值 / 年度指标值); two sides without captions
are 中期 then 年度, the order of the 88号 table; one side is the 年度 side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfdesk.domain.framework import DEFAULT_FRAMEWORK, Framework, get_framework
from perfdesk.domain.model import Form, Indicator
from perfdesk.excel import locate
from perfdesk.excel.context import SheetContext, row_span
from perfdesk.excel.project_labels import Vocabulary, pkey, vocabularies

CORE_MARKS = "★☆"


def _union(attribute: str) -> frozenset[str]:
    return frozenset().union(*(getattr(v, attribute) for v in vocabularies()))


@dataclass
class Side:
    level3: int
    level2: int | None = None
    value: int | None = None
    horizon: str = "year"
    current2: str = ""
    columns: list[int] = field(default_factory=list)


def _key_at(ctx: SheetContext, row: int, column: int) -> str:
    value = ctx.grid.cells.get((row, column))
    return pkey(value) if isinstance(value, str) and len(value) <= 48 else ""


def find_header(ctx: SheetContext) -> int | None:
    """The first row holding a 三级指标 heading beside a 二级指标 or 指标值 heading."""
    level3, others = _union("level3"), _union("level2") | _union("value")
    rows = sorted({row for (row, column) in ctx.grid.cells if _key_at(ctx, row, column) in level3})
    for row in rows:
        if any(_key_at(ctx, row, column) in others for column, _ in ctx.rows_text(row)):
            return row
    return None


def _headings(ctx: SheetContext, header: int) -> dict[int, tuple[str, tuple[int, int]]]:
    """column -> (heading key, its anchor cell), for the header row (vertical merges from above too)."""
    grid = ctx.grid
    out: dict[int, tuple[str, tuple[int, int]]] = {}
    for column in range(1, grid.max_column + 1):
        anchor = grid.anchor(header, column)
        if anchor[1] != column:
            continue
        key = _key_at(ctx, *anchor)
        if key:
            out[column] = (key, anchor)
    return out


def _sides(ctx: SheetContext, header: int, vocabulary: Vocabulary) -> tuple[int | None, list[Side], int]:
    heads = _headings(ctx, header)
    level1 = next((c for c, (k, _) in sorted(heads.items()) if k in _union("level1")), None)
    level3s = [c for c, (k, _) in sorted(heads.items()) if k in _union("level3")]
    sides = [Side(c) for c in level3s]
    bottom = header
    for index, side in enumerate(sides):
        low = sides[index - 1].level3 if index else (level1 or 0)
        high = sides[index + 1].level3 if index + 1 < len(sides) else ctx.grid.max_column + 1
        side.level2 = max((c for c, (k, _) in heads.items() if low < c < side.level3 and k in _union("level2")),
                          default=None)
        if index + 1 < len(sides) and sides[index + 1].level3:
            nxt = max((c for c, (k, _) in heads.items() if side.level3 < c < high and k in _union("level2")),
                      default=high)
            high = nxt
        side.value = min((c for c, (k, _) in heads.items() if side.level3 < c < high and k in _union("value")),
                         default=None)
        side.columns = [c for c in (side.level2, side.level3, side.value) if c is not None]
    for column in [c for c in (level1, *(c for s in sides for c in s.columns)) if c is not None]:
        anchor = heads[column][1]
        ctx.use(*anchor)
        bottom = max(bottom, ctx.grid.bounds(*anchor)[2])
    _horizons(ctx, header, heads, sides, vocabulary)
    return level1, sides, bottom


def _horizons(ctx: SheetContext, header: int, heads: dict, sides: list[Side], vocabulary: Vocabulary) -> None:
    grid = ctx.grid
    wanted = tuple(vocabulary.indicator_sides)
    for side in sides:
        side.horizon = ""
        for column in side.columns:  # a caption over the side (中期指标 | 年度指标)
            anchor = grid.anchor(header - 1, column)
            key = _key_at(ctx, *anchor) if anchor[0] < header else ""
            for horizon in wanted:
                if key and (key in vocabulary.indicator_sides[horizon] or key in _caption_words(horizon)):
                    side.horizon = horizon
                    ctx.use(*anchor)
        if not side.horizon and side.value is not None:
            value_key = heads[side.value][0]
            side.horizon = "mid" if "中期" in value_key else "year" if "年度" in value_key else ""
    if len(sides) > 1 and "mid" in wanted and not any(s.horizon for s in sides):
        sides[0].horizon, sides[1].horizon = "mid", "year"
    for side in sides:
        if not side.horizon or side.horizon not in wanted:
            side.horizon = "year" if "year" in wanted and all(s.horizon != "year" for s in sides) else side.horizon
    seen: set[str] = set()
    for side in sides:  # one side per horizon: a third side's cells are listed as not imported
        if side.horizon in seen:
            side.horizon = ""
        seen.add(side.horizon)


def _caption_words(horizon: str) -> frozenset[str]:
    return frozenset({"中期指标", "中期绩效指标"} if horizon == "mid" else {"年度指标", "年度绩效指标"})


def _stops(ctx: SheetContext, texts: list[tuple[int, str]]) -> bool:
    first = texts[0][1] if texts else ""
    return bool(first) and (locate.is_people_line(first) or locate.is_note(first))


def read_project_indicators(ctx: SheetContext, header: int, form: Form, vocabulary: Vocabulary) -> int:
    """Fill both sides' trees of ``form``; returns the last row read."""
    grid = ctx.grid
    level1, sides, bottom = _sides(ctx, header, vocabulary)
    sides = [s for s in sides if s.horizon]
    current1 = ""
    last = bottom
    for row in range(bottom + 1, grid.max_row + 1):
        texts = ctx.rows_text(row)
        if _stops(ctx, texts):
            break
        given1 = "".join(grid.text(row, level1, expand=True).split()) if level1 else ""
        if given1 and given1 != current1:
            current1 = given1
            for side in sides:
                side.current2 = ""
        for side in sides:
            given2 = "".join(grid.text(row, side.level2, expand=True).split()) if side.level2 else ""
            if given2:
                side.current2 = given2
            name = grid.stripped(row, side.level3) if grid.is_anchor_or_plain(row, side.level3) else ""
            value = ""
            if side.value is not None and grid.is_anchor_or_plain(row, side.value):
                value = grid.stripped(row, side.value)
            if name or value:
                core = name[:1] in CORE_MARKS
                _put(form, side.horizon, current1, side.current2, name.lstrip(CORE_MARKS).strip(), value, core)
                last = row
    names = {l1.name for h in ("mid", "year") for l1 in form.side(h)}
    framework = get_framework("2021" if "成本指标" in names else DEFAULT_FRAMEWORK) or get_framework(DEFAULT_FRAMEWORK)
    if framework is not None:
        form.framework = framework.id
        _infer_level1(form, framework)
    block = _union("indicators_block")
    for row in range(max(1, header - 2), last + 1):
        for column, text in ctx.rows_text(row):
            if pkey(text) in block:
                ctx.use(row, column)
    cores = sum(1 for h in ("mid", "year") for _, _, ind in form.iter_indicators(h) if ind.core)
    counts = "，".join(
        f"{'中期' if s.horizon == 'mid' else '年度'} {sum(1 for _ in form.iter_indicators(s.horizon))} 个"
        for s in sides
    )
    ctx.note(f"  绩效指标：{counts or '无'}三级指标（★核心指标 {cores} 个；{row_span(header, max(header, last))}）")
    return last


def _put(form: Form, horizon: str, name1: str, name2: str, name: str, value: str, core: bool) -> None:
    form.ensure_group(name1, name2, horizon).indicators.append(Indicator(name, value, core=core))


def _infer_level1(form: Form, framework: Framework) -> None:
    """A 一级 left blank is the framework's parent of its 二级 (as for 部门整体 tables)."""
    parent_of = framework.parent_of
    for horizon in ("mid", "year"):
        tree = form.side(horizon)
        for level1 in [l1 for l1 in tree if not l1.name]:
            for level2 in list(level1.children):
                parent = parent_of(level2.name)
                if parent:
                    target = form.ensure_group(parent, level2.name, horizon)
                    target.indicators.extend(level2.indicators)
                    level1.children.remove(level2)
            if not level1.children:
                tree.remove(level1)
