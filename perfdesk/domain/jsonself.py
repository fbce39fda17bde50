"""The JSON form of a 绩效自评表 (``"kind": "self_evaluation"``), beside ``jsonform``.

Ids are not written (they are regenerated on load), so the links to the target table are
written as positions: ``source_form`` is the 1-based number of the target table in the
file's ``forms`` (as ``self-eval --from N`` counts), a row's ``source_row`` the 1-based number
of its 年度 row in that table. Computed figures (each row's ``score``, ``budget_score``,
``total_score``, ``grade``, a 定性 row's ``band``) are written for readers; on import only what a
clerk types is read: a 定性 row's ``score`` is its typed 得分, other rows' typed 得分 (a lowered
over-achieved row, or one that disagrees with the rules) is ``typed_score``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfdesk.domain import self_eval as se
from perfdesk.domain.model import Form, Goal, Indicator, Project
from perfdesk.domain.scoring import band_of
from perfdesk.domain.scoring.rows import QUALITATIVE
from perfdesk.domain.values import parse_value

ROW_KEYS = (se.ACTUAL, se.WEIGHT, se.DEVIATION)  # written top-level, as the clerk typed them
_FUND_COLUMNS = se.FUND_COLUMNS


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _is_qualitative(row: Indicator) -> bool:
    from perfdesk.domain.scoring.rows import DATE, method_of

    method = method_of(parse_value(row.value))
    return method == QUALITATIVE or (method == DATE and band_of(row.extras.get(se.ACTUAL, "")) is not None)


def parts_to_dict(form: Form, project: Project | None) -> dict[str, Any]:
    """The self-evaluation's own keys, in print order (after the header ``jsonform`` writes)."""
    scored = se.score_form(form)
    source = _source(form, project)
    positions = {ind.id: n for n, (_, _, ind) in enumerate(source.iter_indicators(), start=1)} if source else {}
    funds = []
    for fund_row in se.FUND_ROWS:
        entry: dict[str, Any] = {"row": se.FUND_ROW_LABELS[fund_row]}
        entry.update({column: form.funds.get(f"{fund_row}.{column}") or None for column in _FUND_COLUMNS})
        funds.append(entry)
    funds[0]["weight"] = form.funds.get(se.BUDGET_WEIGHT) or None
    indicators = []
    for level1, level2, row in form.iter_indicators():
        parsed = row.parsed
        item: dict[str, Any] = {"level1": level1.name, "level2": level2.name, "name": row.name,
                                "value": parsed.canonical}
        if row.value != parsed.canonical:
            item["typed"] = row.value
        item.update({key: row.extras.get(key, "") for key in ROW_KEYS})
        item["not_applicable"] = row.extras.get(se.NOT_APPLICABLE, "") == se.YES
        score = scored.rows[row.id]
        qualitative = _is_qualitative(row)
        if qualitative:
            item["band"] = band_of(row.extras.get(se.ACTUAL, ""))
        item["score"] = _text(score.score)
        typed = row.extras.get(se.SCORE, "")
        if typed and not qualitative:
            item["typed_score"] = typed
        item["source_row"] = positions.get(row.extras.get(se.SOURCE, ""))
        others = {k: v for k, v in row.extras.items() if k not in (*ROW_KEYS, se.NOT_APPLICABLE, se.SCORE, se.SOURCE)}
        if others:
            item["extras"] = others
        if row.core:
            item["core"] = True
        indicators.append(item)
    budget = scored.budget
    return {
        "profile": scored.profile.id,
        "reverse_mode": scored.profile.reverse_mode,
        "source_form": project.forms.index(source) + 1 if source is not None and project is not None else None,
        "funds": funds,
        "goals": {"expected": [g.text for g in form.goals], "actual": form.fields.get(se.GOAL_ACTUAL_FIELD, "")},
        "groups": [{"level1": l1.name, "level2": [l2.name for l2 in l1.children]} for l1 in form.tree],
        "indicators": indicators,
        "budget_score": _text(budget.score) if budget else None,
        "total_score": _text(scored.total.total),
        "grade": scored.total.grade,
    }


def _source(form: Form, project: Project | None) -> Form | None:
    if project is None or not form.source_form:
        return None
    return next((f for f in project.forms if f.id == form.source_form), None)


def links_from_dict(project: Project, pending: dict[str, tuple[int | None, dict[str, int]]]) -> None:
    """Turn the positions read from the file into ids once every form is loaded.

    ``pending``: self-evaluation form id -> (source_form position, {row id: source_row position})."""
    for form in project.forms:
        if form.id not in pending:
            continue
        number, rows = pending[form.id]
        if number is None or not 1 <= number <= len(project.forms):
            continue
        source = project.forms[number - 1]
        form.source_form = source.id
        targets = [ind.id for _, _, ind in source.iter_indicators()]
        for _, _, row in form.iter_indicators():
            position = rows.get(row.id)
            if position is not None and 1 <= position <= len(targets):
                row.extras = {**row.extras, se.SOURCE: targets[position - 1]}


# --- reading -------------------------------------------------------------------

_ROW_BY_LABEL = {**{label: key for key, label in se.FUND_ROW_LABELS.items()}, **{k: k for k in se.FUND_ROWS},
                 "其中：当年财政拨款": "fiscal", "本年财政拨款": "fiscal", "其中：本年财政拨款": "fiscal"}


def _position(r: Any, item: dict[str, Any], key: str, place: str) -> int | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise r.fail(place, f"的“{key}”应为表或行的序号（从 1 起的整数）")
    return value


def _money_text(r: Any, item: dict[str, Any], key: str, place: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise r.fail(place, f"的“{key}”不是金额")
    return value if isinstance(value, str) else format(Decimal(value), "f")


def header_from_dict(r: Any, data: dict[str, Any], form: Form, where: str) -> int | None:
    """Profile, 反向 mode, money rows and goals; returns the ``source_form`` position."""
    from perfdesk.domain.scoring import ProfileError, get_profile
    from perfdesk.domain.scoring.profile import REVERSE_MODES

    profile = r.text(data, "profile", where)
    if profile:
        try:
            get_profile(profile)
        except ProfileError as exc:
            raise r.fail(where, f"的计分方案有误：{exc}") from None
    form.profile = profile
    mode = r.text(data, "reverse_mode", where)
    if mode and mode not in REVERSE_MODES:
        raise r.fail(where, "的“reverse_mode”应为 linear 或 ratio")
    if mode and mode != get_profile(profile).reverse_mode:
        form.reverse_mode = mode
    funds: dict[str, str] = {}
    for i, entry in enumerate(r.items(data, "funds", where), start=1):
        place = f"{where}项目资金第{i}行"
        entry = r.obj(entry, place)
        label = r.text(entry, "row", place)
        row = _ROW_BY_LABEL.get(label)
        if row is None:
            raise r.fail(place, f"的“row”应为 {'、'.join(se.FUND_ROW_LABELS.values())} 之一，实际是“{label}”")
        for column in (*_FUND_COLUMNS, "weight"):
            text = _money_text(r, entry, column, place)
            if text is None:
                continue
            if column == "weight" and row != "total":
                raise r.fail(place, "只有年度资金总额一行有分值（weight）")
            funds[se.BUDGET_WEIGHT if column == "weight" else f"{row}.{column}"] = text
    form.funds = funds
    goals = r.obj(data.get("goals", {}), f"{where}“goals”")
    for i, text in enumerate(r.items(goals, "expected", f"{where}“goals”"), start=1):
        if not isinstance(text, str):
            raise r.fail(where, f"的预期目标{i}应为文字")
        form.goals.append(Goal(text))
    actual = r.text(goals, "actual", f"{where}“goals”")
    if actual:
        form.fields = {**form.fields, se.GOAL_ACTUAL_FIELD: actual}
    return _position(r, data, "source_form", where)


def row_from_dict(r: Any, item: dict[str, Any], row: Indicator, place: str) -> int | None:
    """The typed parts of one row into ``row.extras``; returns its ``source_row`` position."""
    extras = dict(row.extras)
    for key in ROW_KEYS:
        value = item.get(key)
        if value is None or value == "":
            continue
        if key == se.WEIGHT and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            value = format(Decimal(value), "f")
        if not isinstance(value, str):
            raise r.fail(place, f"的“{key}”应为文字")
        extras[key] = value
    if r.flag(item, se.NOT_APPLICABLE, place):
        extras[se.NOT_APPLICABLE] = se.YES
    row.extras = extras
    typed = _money_text(r, item, "typed_score", place)
    if typed is None and _is_qualitative(row):
        typed = _money_text(r, item, "score", place)
    if typed is not None:
        row.extras = {**row.extras, se.SCORE: typed}
    return _position(r, item, "source_row", place)
