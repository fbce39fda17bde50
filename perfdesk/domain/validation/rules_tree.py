"""The 一级 › 二级 tree against the form's framework version (FORM-SPEC §2, §4.2).

An 一级 with no 三级 is a warning, not an error, by default: §4 lists what a
reviewer rejects and leaves the rest as warnings; the 2021 framework (成本指标 as
an 一级) is applied unevenly, so an empty 一级 can be accepted; and an unfinished
form would otherwise open with a wall of errors. Provinces whose system refuses
it can raise the severity in ``ValidationSettings.empty_level1_severity``.
"""

from __future__ import annotations

from perfdesk.domain.framework import Framework, all_frameworks, legacy_names
from perfdesk.domain.model import Level1
from perfdesk.domain.validation.context import SEP, Context
from perfdesk.domain.validation.problems import Edit, Fix, Place, Severity

_EXAMPLES = {
    "数量指标": "保障在职人员数量 ≥109人",
    "质量指标": "工资发放准确率 =100%",
    "时效指标": "工资发放及时率 =100%",
    "成本指标": "举办活动成本 ≤58.2万元",
    "经济成本指标": "举办活动成本 ≤58.2万元",
    "服务对象满意度指标": "服务对象满意度 ≥90%",
}


def _rename(kind: str, ref_id: str, name: str, what: str) -> Fix:
    return Fix(f"{what}改为“{name}”", (Edit(kind, ref_id, "name", name),))


def check_tree(ctx: Context) -> None:
    framework = ctx.framework
    empty_tree = not any(level2.indicators for level1 in ctx.tree for level2 in level1.children)
    if empty_tree:  # one message instead of one per 一级 and per recommended 二级
        _report_empty_tree(ctx)
    seen1: set[str] = set()
    reported_empty: set[str] = set()
    for number, level1 in enumerate(ctx.tree, start=1):
        label = ctx.level1_label(level1, number)
        place = Place("level1", level1.id, "name", label)
        name = level1.name.strip()
        if name and name in seen1:
            ctx.report("tree.level1_duplicate", place,
                       f"一级指标“{name}”出现了不止一次，打印时会分成两块，请把它下面的指标移到前面的“{name}”下。")
        seen1.add(name)
        severity = ctx.settings.empty_level1_severity
        empty = not empty_tree and not any(level2.indicators for level2 in level1.children)
        if empty and ctx.is_project:
            reported_empty.add(name)  # a project table's T6 says it (rules_project_tree)
        if severity is not None and empty:
            reported_empty.add(name)
            ctx.report("tree.level1_empty", place,
                       f"一级指标“{label}”下没有任何三级指标，请至少填写一个三级指标{_recommended_under(ctx, name)}。",
                       severity=severity)
        if framework is None:
            continue
        known = _check_level1_name(ctx, framework, level1, place)
        if known is not None:
            _check_children(ctx, framework, level1, known)
    if framework is not None and not empty_tree:
        _check_recommended(ctx, framework, reported_empty)


def _report_empty_tree(ctx: Context) -> None:
    framework = ctx.framework
    how = "填写"
    if framework is not None:
        how = f"按 {'、'.join(framework.level1_names)} 分别填写"
        if ctx.settings.recommended_level2_severity is not None:
            how += f"（建议包括 {'、'.join(framework.recommended_level2)}）"
    ctx.report("tree.empty", ctx.tree_place(), f"{ctx.tree_label}还没有任何三级指标，请{how}。",
               severity=ctx.settings.empty_level1_severity or Severity.WARNING)


def _recommended_under(ctx: Context, level1: str) -> str:
    framework = ctx.framework
    if framework is None or ctx.settings.recommended_level2_severity is None:
        return ""
    names = [n for n in framework.recommended_level2 if framework.parent_of(n) == level1]
    return f"（建议包括 {'、'.join(names)}）" if names else ""


def _check_level1_name(ctx: Context, framework: Framework, level1: Level1, place: Place) -> str | None:
    """The framework 一级 this node stands for, or None when it is not one."""
    name = level1.name.strip()
    if name in framework.level1_names:
        if name != level1.name:
            ctx.report("tree.name_spaces", place, f"一级指标“{level1.name}”首尾有空格，建议去掉。",
                       _rename("level1", level1.id, name, "一级指标"))
        return name
    mapped = legacy_names()["level1"].get(name)
    if mapped in framework.level1_names:
        ctx.report("tree.level1_unknown", place,
                   f"一级指标“{name}”是旧名称，{framework.name}中应为“{mapped}”。",
                   _rename("level1", level1.id, mapped, "一级指标"))
        return mapped
    allowed = "、".join(framework.level1_names)
    if not name:
        message = f"一级指标名称为空，请填写 {allowed} 之一。"
    else:
        parent = framework.parent_of(name)
        if parent:
            message = f"在{framework.name}中“{name}”是“{parent}”下的二级指标，不能作为一级指标。"
        else:
            message = f"一级指标“{name}”不在{framework.name}内，本表只能使用 {allowed}。"
        message += _other_framework_hint(framework, name, level1=True)
    ctx.report("tree.level1_unknown", place, message)
    return None


def _other_framework_hint(framework: Framework, name: str, level1: bool) -> str:
    """Where ``name`` belongs to another framework, say so and how to switch; else ""."""
    for other in all_frameworks().values():
        if other.id != framework.id and (name in other.level1_names if level1 else other.parent_of(name)):
            level = "一级" if level1 else "二级"
            return f"（“{name}”是{other.name}的{level}指标；如果本表按该体系填报，请把表的指标体系改为 {other.id}。）"
    return ""


def _check_children(ctx: Context, framework: Framework, level1: Level1, known: str) -> None:
    allowed = framework.level2_names(known)
    present = {child.name.strip() for child in level1.children}
    seen: set[str] = set()
    for number, level2 in enumerate(level1.children, start=1):
        place = ctx.level2_place(level1, level2, number)
        name = level2.name.strip()
        if name and name in seen:
            ctx.report("tree.level2_duplicate", place,
                       f"二级指标“{name}”在“{known}”下出现了不止一次，请把它下面的三级指标合并到前面的“{name}”下。")
        seen.add(name)
        if name in allowed:
            if name != level2.name:
                ctx.report("tree.name_spaces", place, f"二级指标“{level2.name}”首尾有空格，建议去掉。",
                           _rename("level2", level2.id, name, "二级指标"))
            continue
        choices = "、".join(allowed)
        moved = framework.moved_to(known, name)
        if moved is not None:
            count = len(level2.indicators)
            where = f"{moved[0]}{SEP}{moved[1]}"
            ctx.report("tree.level2_not_allowed", place,
                       f"{framework.name}中“{known}{SEP}{name}”已改为一级指标下的“{where}”，"
                       f"请把这里的 {count} 个三级指标移过去。" + _other_framework_hint(framework, name, level1=False),
                       Fix(f"把 {count} 个三级指标移到“{where}”", (Edit("level2", level2.id, "merge_into", moved),)))
            continue
        mapped = legacy_names()["level2"].get(name)
        if mapped in allowed:
            message = f"二级指标“{name}”不在{framework.name}内，应为“{mapped}”。"
            if mapped in present:  # renaming would make two groups of one name
                ctx.report("tree.level2_not_allowed", place,
                           message + f"本表已有“{mapped}”，请把这里的三级指标移到“{mapped}”下。")
            else:
                ctx.report("tree.level2_not_allowed", place, message,
                           _rename("level2", level2.id, mapped, "二级指标"))
            continue
        if not name:
            message = f"二级指标名称为空，“{known}”下可用：{choices}。"
        elif framework.parent_of(name):
            message = f"二级指标“{name}”属于“{framework.parent_of(name)}”，不能放在“{known}”下，请移过去。"
        else:
            message = f"二级指标“{name}”不在{framework.name}内，“{known}”下可用：{choices}。"
            message += _other_framework_hint(framework, name, level1=False)
        ctx.report("tree.level2_not_allowed", place, message)


def _check_recommended(ctx: Context, framework: Framework, reported_empty: set[str]) -> None:
    """Recommended 二级 with no 三级; an empty 一级 already said so for its own."""
    severity = ctx.settings.recommended_level2_severity
    if severity is None:
        return
    legacy = legacy_names()["level2"]
    filled: set[str] = set()
    for level1 in ctx.tree:
        for level2 in level1.children:
            if level2.indicators:
                name = level2.name.strip()
                filled.add(legacy.get(name, name))
    for name in framework.recommended_level2:
        if name in filled:
            continue
        parent = framework.parent_of(name) or ""
        if parent in reported_empty:
            continue
        node = next((l1 for l1 in ctx.tree if l1.name.strip() == parent), None)
        place = Place("level1", node.id, "name", node.name) if node is not None else ctx.tree_place()
        example = f"，如“{_EXAMPLES[name]}”" if name in _EXAMPLES else ""
        ctx.report("tree.recommended_missing", place,
                   f"缺少二级指标“{name}”：建议在“{parent}{SEP}{name}”下至少填写一个三级指标{example}。",
                   severity=severity)
