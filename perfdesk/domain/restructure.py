"""Changes to the 一级/二级 structure of a form, each returning what undoes it.

Switching a form from one framework to another adds the new framework's groups (2015 → 2021:
the 成本指标 一级 with 经济/社会/生态环境成本指标); a framework file says where a group of the
old framework now lives (``moved_level2``), and :func:`merge_level2` moves its 三级 there.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfdesk.domain.framework import get_framework
from perfdesk.domain.model import Form, Indicator, Level1, Level2


@dataclass(frozen=True)
class AddedGroups:
    """What :func:`add_framework_groups` added: new 一级 (whole) and new 二级 under old 一级."""

    level1: tuple[Level1, ...] = ()
    level2: tuple[tuple[Level1, Level2], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.level1 or self.level2)


def add_framework_groups(form: Form, framework_id: str) -> AddedGroups:
    """Add each 一级 of the framework the form lacks, with its 二级 (empty), in the framework's order.

    A missing 二级 under an 一级 the form has is left alone: the clerk may have it under an older
    name (满意度指标 for 服务对象满意度指标), which 审核 offers to rename; a second, empty group of
    the new name would turn that one-click rename into a manual move.
    """
    framework = get_framework(framework_id)
    if framework is None:
        return AddedGroups()
    new1: list[Level1] = []
    for position, (name, children) in enumerate(framework.level1):
        if form.level1(name) is not None:
            continue
        level1 = Level1(name, [Level2(child) for child in children])
        # Before the first 一级 that comes after it in the framework (成本指标 before 满意度指标).
        later = [form.level1(n) for n, _ in framework.level1[position + 1:]]
        anchor = next((node for node in later if node is not None), None)
        form.tree.insert(form.tree.index(anchor) if anchor is not None else len(form.tree), level1)
        new1.append(level1)
    return AddedGroups(tuple(new1))


def remove_added_groups(form: Form, added: AddedGroups) -> None:
    """Undo :func:`add_framework_groups` (the groups are empty again by then)."""
    for level1, level2 in added.level2:
        if level2 in level1.children:
            level1.children.remove(level2)
    for level1 in added.level1:
        if level1 in form.tree:
            form.tree.remove(level1)


@dataclass(frozen=True)
class Merge:
    """Enough to put a merged 二级 back exactly: where it was, what it held, what was created."""

    source: Level2
    source_parent: Level1
    source_index: int
    moved: tuple[Indicator, ...]
    target: Level2
    target_parent_name: str
    created: AddedGroups


def merge_level2(form: Form, level2_id: str, level1_name: str, level2_name: str) -> Merge:
    """Move every 三级 of a 二级 to the end of ``level1_name › level2_name`` (created if missing)
    and remove the emptied 二级."""
    parent, source = next((l1, l2) for l1 in form.tree for l2 in l1.children if l2.id == level2_id)
    created1: tuple[Level1, ...] = ()
    created2: tuple[tuple[Level1, Level2], ...] = ()
    target_parent = form.level1(level1_name)
    if target_parent is None:
        target_parent = Level1(level1_name)
        form.tree.append(target_parent)
        created1 = (target_parent,)
    target = target_parent.child(level2_name)
    if target is None:
        target = Level2(level2_name)
        target_parent.children.append(target)
        if not created1:
            created2 = ((target_parent, target),)
    moved = tuple(source.indicators)
    target.indicators.extend(moved)
    source.indicators = []
    index = parent.children.index(source)
    del parent.children[index]
    return Merge(source, parent, index, moved, target, target_parent.name, AddedGroups(created1, created2))


def unmerge_level2(form: Form, merge: Merge) -> None:
    moved = {id(i) for i in merge.moved}
    merge.target.indicators = [i for i in merge.target.indicators if id(i) not in moved]
    merge.source.indicators = list(merge.moved)
    merge.source_parent.children.insert(merge.source_index, merge.source)
    remove_added_groups(form, merge.created)
