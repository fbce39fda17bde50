"""The 绩效自评表's own behaviour: generated from a target table, scored, kept in step with it.

Beside its declaration (``resources/forms/kinds/self_evaluation.json``): the rows of a
self-evaluation are the 年度 rows of a 项目支出 or 部门整体 target table (FORM-SPEC-WAVE2 §3).
Each copied row keeps its 一级/二级/三级 and 年度指标值 and remembers its source row in
``extras["source"]``; what the clerk fills (实际完成值, 分值, 得分 where allowed, 偏差原因,
不适用; a 定性 row's 档次 begins its 实际完成值) lives in ``extras`` under the template's column
keys. Scores are never stored: :func:`score_form` computes them from what was typed, every figure with its explanation.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from perfdesk.domain.model import (
    KIND_DEPARTMENT,
    KIND_PROJECT,
    KIND_SELF_EVALUATION,
    Form,
    Goal,
    Indicator,
    Level1,
    Level2,
    Project,
    Task,
)
from perfdesk.domain.money import read_amount
from perfdesk.domain.ops import Batch, InsertNode, Op, RemoveNode, SetField
from perfdesk.domain.scoring import (
    BudgetScore,
    RowInput,
    RowScore,
    ScoringProfile,
    TotalScore,
    get_profile,
    score_budget,
    score_row,
    spread_weights,
    total_score,
)

# The row keys a clerk fills, kept in ``Indicator.extras`` (the template's column keys). A 定性
# row's 档次 is the beginning of its 实际完成值 (``部分达成年度指标并具有一定效果：…``).
ACTUAL, WEIGHT, SCORE, DEVIATION, NOT_APPLICABLE, SOURCE = (
    "actual", "weight", "score", "deviation", "not_applicable", "source",
)
YES = "是"  # 不适用 ticked
GOAL_ACTUAL_FIELD = "实际完成情况"
FUND_ROWS = ("total", "fiscal", "carryover", "other")  # 年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金
FUND_ROW_LABELS = {"total": "年度资金总额", "fiscal": "当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}
FUND_COLUMNS = ("initial", "full_year", "executed")  # 年初预算数, 全年预算数（A）, 全年执行数（B）
BUDGET_WEIGHT = "total.weight"


class SelfEvalError(ValueError):
    """A self-evaluation cannot be made from that form (its kind has no target rows)."""


def template_for_source(source: Form) -> str:
    return "dept-self-eval" if source.kind == KIND_DEPARTMENT else "mof-2020"


def generate(source: Form, profile_id: str = "") -> Form:
    """A new self-evaluation of ``source`` (a 项目 or 部门整体 target table): its 年度 rows copied with
    their source ids, 年度目标 as 预期目标, the header and money it knows, default 分值 spread."""
    if source.kind not in (KIND_PROJECT, KIND_DEPARTMENT):
        raise SelfEvalError("只能从项目支出或部门整体绩效目标表生成自评表")
    profile = get_profile(profile_id)
    form = Form(kind=KIND_SELF_EVALUATION, year=source.year, framework=source.framework,
                template=template_for_source(source), profile=profile_id, source_form=source.id)
    form.people = type(source.people)(**vars(source.people))
    if source.kind == KIND_PROJECT:
        fields = source.fields
        form.fields = {k: v for k, v in (
            ("项目名称", fields.get("项目名称", "")),
            ("主管部门", fields.get("主管部门") or fields.get("主管部门及代码", "")),
            ("实施单位", fields.get("实施单位", "")),
        ) if v}
        form.funds = {f"{row}.initial": text for row, key in (
            ("total", "year.total"), ("fiscal", "year.fiscal"), ("carryover", "year.carryover"),
            ("other", "year.other"),
        ) if (text := source.funds.get(key))}
    else:
        form.department = source.department
        form.tasks = [Task(t.name, t.content, t.total, t.fiscal, t.other, unparsed=dict(t.unparsed),
                           total_typed=t.total_typed) for t in source.tasks]
        total, fiscal, other = source.sums()
        form.funds = {"total.initial": format(total, "f"), "fiscal.initial": format(fiscal, "f"),
                      "other.initial": format(other, "f")}
    form.funds[BUDGET_WEIGHT] = format(profile.budget_weight, "f")
    form.goals = [Goal(g.text) for g in source.goals]
    for level1 in source.tree:
        copy1 = Level1(level1.name)
        for level2 in level1.children:
            copy1.children.append(Level2(level2.name, [_row_of(ind) for ind in level2.indicators]))
        form.tree.append(copy1)
    rows = list(form.iter_indicators())
    for (_, _, row), weight in zip(rows, spread_weights([l1.name for l1, _, _ in rows], profile), strict=True):
        if weight is not None:
            row.extras = {**row.extras, WEIGHT: format(weight, "f")}
    return form


def _row_of(target: Indicator) -> Indicator:
    return Indicator(target.name, target.value, {SOURCE: target.id}, core=target.core)


def profile_of(form: Form) -> ScoringProfile:
    profile = get_profile(form.profile)
    return profile.with_reverse_mode(form.reverse_mode) if form.reverse_mode else profile


@lru_cache(maxsize=8192)
def _decimal(text: str) -> Decimal | None:
    amount, _words = read_amount(text or "")
    return amount


# A row's points depend only on what was typed in it and the profile: rescoring a table after one
# edit recomputes that row and looks the others up.
_score_row = lru_cache(maxsize=65536)(score_row)


@dataclass(frozen=True)
class FormScore:
    rows: dict[str, RowScore]  # by indicator id
    budget: BudgetScore | None
    total: TotalScore
    profile: ScoringProfile


def row_input(form: Form, row: Indicator, start: _dt.date | None = None) -> RowInput:
    extras = row.extras
    return RowInput(
        target=row.value,
        actual=extras.get(ACTUAL, ""),
        weight=_decimal(extras.get(WEIGHT, "")),
        typed_score=_decimal(extras.get(SCORE, "")),
        not_applicable=extras.get(NOT_APPLICABLE, "") == YES,
        year=form.year,
        start=start,
    )


def score_form(form: Form) -> FormScore:
    """Every row's points, the 预算执行率 row and the total, by the form's profile."""
    profile = profile_of(form)
    rows = {row.id: _score_row(row_input(form, row), profile) for _, _, row in form.iter_indicators()}
    weight = _decimal(form.funds.get(BUDGET_WEIGHT, ""))
    budget = None
    if weight is not None:
        budget = score_budget(form.fund("total.full_year"), form.fund("total.executed"), weight)
    return FormScore(rows, budget, total_score(list(rows.values()), budget, profile), profile)


# --- 与目标表同步 -------------------------------------------------------------


@dataclass(frozen=True)
class SyncChange:
    what: str  # "value" (年度指标值 changed), "added" (a new target row), "removed" (its target row is gone)
    level1: str
    level2: str
    name: str
    old: str = ""
    new: str = ""

    @property
    def destructive(self) -> bool:
        """Removing a row throws away what the clerk filled in it."""
        return self.what == "removed"


def sync_plan(project: Project, form: Form) -> tuple[list[SyncChange], Op | None]:
    """What 与目标表同步 would change, and the operation that does it (None when nothing)."""
    source = next((f for f in project.forms if f.id == form.source_form), None)
    if source is None:
        raise SelfEvalError("找不到生成这张自评表的目标表（可能已删除）")
    targets = {ind.id: (l1, l2, ind) for l1, l2, ind in source.iter_indicators()}
    changes: list[SyncChange] = []
    ops: list[Op] = []
    linked: set[str] = set()
    for l1, l2, row in form.iter_indicators():
        found = targets.get(row.extras.get(SOURCE, ""))
        if found is None:
            changes.append(SyncChange("removed", l1.name, l2.name, row.name, old=row.value))
            ops.append(RemoveNode(form.id, "indicator", row.id))
            continue
        linked.add(found[2].id)
        target = found[2]
        if target.value != row.value:
            changes.append(SyncChange("value", l1.name, l2.name, row.name, row.value, target.value))
            ops.append(SetField(form.id, "indicator", row.id, "value", target.value))
        if target.name != row.name:
            changes.append(SyncChange("name", l1.name, l2.name, row.name, row.name, target.name))
            ops.append(SetField(form.id, "indicator", row.id, "name", target.name))
    new_groups: dict[tuple[str, str], list[Indicator]] = {}
    for target_id, (l1, l2, target) in targets.items():
        if target_id in linked:
            continue
        changes.append(SyncChange("added", l1.name, l2.name, target.name, new=target.value))
        group = _group(form, l1.name, l2.name)
        if group is None:
            new_groups.setdefault((l1.name, l2.name), []).append(_row_of(target))
        else:
            ops.append(InsertNode(form.id, "indicator", group.id, len(group.indicators), _row_of(target)))
    for (name1, name2), rows in new_groups.items():  # a 二级 the self-evaluation does not have yet
        node1 = form.level1(name1)
        if node1 is None:
            ops.append(InsertNode(form.id, "level1", None, len(form.tree), Level1(name1, [Level2(name2, rows)])))
        else:
            ops.append(InsertNode(form.id, "level2", node1.id, len(node1.children), Level2(name2, rows)))
    return changes, (Batch(tuple(ops)) if ops else None)


def _group(form: Form, level1: str, level2: str) -> Level2 | None:
    node1 = form.level1(level1)
    return node1.child(level2) if node1 is not None else None
