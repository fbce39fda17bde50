"""Changes to the 一级/二级 structure of a form, each returning what undoes it.

Switching a form from one framework to another adds the new framework's groups (2015 → 2021:
the 成本指标 一级 with 经济/社会/生态环境成本指标); a framework file says where a group of the
old framework now lives (``moved_level2``), and 审核's fix moves its 三级 there
(``validation/edits.py``, :func:`~perfdesk.domain.validation.edits.merge_op`).
"""

from __future__ import annotations

from dataclasses import dataclass

from perfdesk.domain.framework import get_framework
from perfdesk.domain.model import Form, Level1, Level2


@dataclass(frozen=True)
class AddedGroups:
    """What :func:`add_framework_groups` added: new 一级 (whole) and new 二级 under old 一级."""

    level1: tuple[Level1, ...] = ()
    level2: tuple[tuple[Level1, Level2], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.level1 or self.level2)


def missing_framework_groups(form: Form, framework_id: str) -> list[tuple[int, Level1]]:
    """Each 一级 of the framework the form lacks, with its 二级 (empty), and the index it takes in
    ``form.tree`` once those before it are in; nothing is changed (see :func:`add_framework_groups`).

    A missing 二级 under an 一级 the form has is left alone: the clerk may have it under an older
    name (满意度指标 for 服务对象满意度指标), which 审核 offers to rename; a second, empty group of
    the new name would turn that one-click rename into a manual move.
    """
    framework = get_framework(framework_id)
    if framework is None:
        return []
    names = [level1.name for level1 in form.tree]
    missing: list[tuple[int, Level1]] = []
    for position, (name, children) in enumerate(framework.level1):
        if name in names:
            continue
        # Before the first 一级 that comes after it in the framework (成本指标 before 满意度指标).
        later = [n for n, _ in framework.level1[position + 1:] if n in names]
        index = names.index(later[0]) if later else len(names)
        names.insert(index, name)
        missing.append((index, Level1(name, [Level2(child) for child in children])))
    return missing


def add_framework_groups(form: Form, framework_id: str) -> AddedGroups:
    """Add each 一级 of the framework the form lacks, with its 二级 (empty), in the framework's order."""
    added = missing_framework_groups(form, framework_id)
    for index, level1 in added:
        form.tree.insert(index, level1)
    return AddedGroups(tuple(level1 for _, level1 in added))


def remove_added_groups(form: Form, added: AddedGroups) -> None:
    """Undo :func:`add_framework_groups` (the groups are empty again by then)."""
    for level1, level2 in added.level2:
        if level2 in level1.children:
            level1.children.remove(level2)
    for level1 in added.level1:
        if level1 in form.tree:
            form.tree.remove(level1)
