"""After an import: a 绩效自评表 is linked again to its target table when both came in one workbook.

Neither the printed sheet nor perfdesk's hidden record (one form per record) can carry the link
between forms, so it is found by content: the target is the one 项目 (same 项目名称) or 部门整体
(same 部门) table of the same year whose 年度 rows hold every self-evaluation row by 一级/二级/三级.
Each row then remembers its target row (审核 S13 compares the 年度指标值), and the target's
指标分类 that had no rows, which the printed sheet cannot show, are restored in the target's order.
When no table, or more than one, fits, nothing is linked and nothing is said.
"""

from __future__ import annotations

from collections import defaultdict, deque

from perfdesk.domain import self_eval as se
from perfdesk.domain.model import KIND_DEPARTMENT, KIND_PROJECT, KIND_SELF_EVALUATION, Form, Level1, Level2, Project


def _same_owner(form: Form, target: Form) -> bool:
    if target.year != form.year:
        return False
    if target.kind == KIND_PROJECT:
        name = form.fields.get("项目名称", "").strip()
        return bool(name) and name == target.fields.get("项目名称", "").strip()
    return target.kind == KIND_DEPARTMENT and bool(form.department) and form.department == target.department


def _pairs(form: Form, target: Form) -> list[tuple[str, str]] | None:
    """(self-evaluation row id, target row id) for every row, or None when a row has no target."""
    pool: dict[tuple[str, str, str], deque[str]] = defaultdict(deque)
    for level1, level2, row in target.iter_indicators():
        pool[(level1.name.strip(), level2.name.strip(), row.name.strip())].append(row.id)
    pairs = []
    for level1, level2, row in form.iter_indicators():
        queue = pool.get((level1.name.strip(), level2.name.strip(), row.name.strip()))
        if not queue:
            return None
        pairs.append((row.id, queue.popleft()))
    return pairs


def relink(project: Project, forms: list[Form]) -> list[str]:
    """Link each of ``forms`` (self-evaluations just imported) to its target in ``project``; notes."""
    notes = []
    targets = [f for f in project.forms if f.kind in (KIND_PROJECT, KIND_DEPARTMENT)]
    for form in forms:
        if form.kind != KIND_SELF_EVALUATION or form.source_form or not any(True for _ in form.iter_indicators()):
            continue
        found = [(t, p) for t in targets if _same_owner(form, t) and (p := _pairs(form, t)) is not None]
        if len(found) != 1:
            continue
        target, pairs = found[0]
        form.source_form = target.id
        ids = dict(pairs)
        for _, _, row in form.iter_indicators():
            row.extras = {**row.extras, se.SOURCE: ids[row.id]}
        _restore_groups(form, target)
        notes.append(f"自评表“{form.display_name}”已与同一工作簿中的目标表“{target.display_name}”关联"
                     "（各指标行对应目标表的年度指标，审核将核对年度指标值）")
    return notes


def _restore_groups(form: Form, target: Form) -> None:
    """The target's 一级/二级 in its order (as ``generate`` copies them), the form's own ones after."""
    rebuilt = []
    for target1 in target.tree:
        level1 = next((l1 for l1 in form.tree if l1.name == target1.name), None) or Level1(target1.name)
        have: dict[str, Level2 | None] = {l2.name: l2 for l2 in level1.children}
        children = [have.pop(l2.name, None) or Level2(l2.name) for l2 in target1.children]
        level1.children = children + [l2 for l2 in level1.children if l2.name in have]
        rebuilt.append(level1)
    form.tree = rebuilt + [l1 for l1 in form.tree if l1 not in rebuilt]


def unlink_missing(forms: list[Form]) -> None:
    """Forget a link to a target table that is not among ``forms`` (an import where it was not chosen)."""
    ids = {f.id for f in forms}
    for form in forms:
        if form.kind == KIND_SELF_EVALUATION and form.source_form and form.source_form not in ids:
            form.source_form = ""
            for _, _, row in form.iter_indicators():
                row.extras = {k: v for k, v in row.extras.items() if k != se.SOURCE}
