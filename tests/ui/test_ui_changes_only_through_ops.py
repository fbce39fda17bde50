"""``ui/`` never changes a domain object itself: every edit is a domain operation on the undo stack.

A scan of the source of every module in perfdesk/ui (its syntax tree, so comments and strings
cannot hide or fake anything) for the ways Python changes an object:

- assigning to an attribute named like a field of a domain class (``indicator.value = …``,
  ``form.department = …``, ``a.name, b.name = …``), except a widget's own ``self.x = …``;
- ``setattr`` with a field name (or a name computed at run time) on anything but ``self``;
- item assignment or ``del`` in, or a mutating call (``append``, ``insert``, ``remove``, ``pop``,
  ``update`` …) on, a domain list or dict (``tasks``, ``goals``, ``tree``, ``children``,
  ``indicators``, ``forms``, ``extras``, ``fields``, ``unparsed``), reached as an attribute or
  through a local of that name, unless it is the module's own ``self.x`` (a widget);
- applying an operation (``op.apply(project)``, not ``doc.apply(op, text)``) or calling a domain
  helper that changes a form anywhere but in document.py, the one place that applies operations
  for the undo stack.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from perfdesk.domain import model

UI = Path(__file__).resolve().parents[2] / "perfdesk" / "ui"
DOMAIN_CLASSES = (model.Project, model.Form, model.People, model.Task, model.Goal, model.Level1, model.Level2,
                  model.Indicator)
FIELDS = {f.name for cls in DOMAIN_CLASSES for f in dataclasses.fields(cls)}
CONTAINERS = {"forms", "tasks", "goals", "tree", "children", "indicators", "extras", "fields", "unparsed"}
MUTATORS = {"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse", "update", "setdefault",
            "popitem", "__setitem__", "__delitem__"}
CHANGING_HELPERS = {"add_framework_groups", "remove_added_groups", "ensure_group", "apply_fix", "apply_op"}
APPLIES_OPS = {"document.py"}  # Document.execute: where the undo stack's operations are applied


def _is_self(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def _own_attributes(tree: ast.AST) -> set[str]:
    """``x`` of every ``self.x = …`` in the module: a widget's or model's own attributes."""
    own = set()
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        for target in targets:
            if isinstance(target, ast.Attribute) and _is_self(target.value):
                own.add(target.attr)
    return own


def _container(node: ast.AST, own: set[str]) -> str | None:
    """The domain list or dict ``node`` names, if it names one."""
    if isinstance(node, ast.Attribute) and node.attr in CONTAINERS:
        return None if _is_self(node.value) and node.attr in own else node.attr
    if isinstance(node, ast.Name) and node.id in CONTAINERS:
        return node.id
    return None


def _targets(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, ast.Assign):
        found = list(node.targets)
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        found = [node.target]
    elif isinstance(node, ast.Delete):
        found = list(node.targets)
    else:
        return []
    flat: list[ast.AST] = []
    while found:
        target = found.pop()
        if isinstance(target, (ast.Tuple, ast.List)):
            found.extend(target.elts)
        elif isinstance(target, ast.Starred):
            found.append(target.value)
        else:
            flat.append(target)
    return flat


def violations(source: str, filename: str) -> list[str]:
    tree = ast.parse(source, filename)
    own = _own_attributes(tree)
    found: list[str] = []

    def report(node: ast.AST, what: str) -> None:
        found.append(f"{filename}:{getattr(node, 'lineno', '?')}: {what}: {ast.unparse(node).splitlines()[0]}")

    for node in ast.walk(tree):
        for target in _targets(node):
            if isinstance(target, ast.Attribute) and target.attr in FIELDS and not _is_self(target.value):
                report(node, f"assigns domain field {target.attr!r}")
            if isinstance(target, ast.Subscript) and _container(target.value, own):
                report(node, f"changes an item of {_container(target.value, own)!r}")
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "setattr" and node.args and not _is_self(node.args[0]):
            name = node.args[1] if len(node.args) > 1 else None
            if not (isinstance(name, ast.Constant) and name.value not in FIELDS):
                report(node, "setattr of a domain field")
        if isinstance(func, ast.Attribute) and func.attr in MUTATORS and _container(func.value, own):
            report(node, f"{func.attr}() on {_container(func.value, own)!r}")
        called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if called in CHANGING_HELPERS:
            report(node, f"calls {called}()")
        by_document = isinstance(func, ast.Attribute) and ast.unparse(func.value).split(".")[-1] == "doc"
        if filename not in APPLIES_OPS and called == "apply" and not by_document and any(
            "project" in ast.unparse(arg) for arg in node.args
        ):
            report(node, "applies an operation outside the undo stack")
    return found


def test_no_module_of_ui_changes_a_domain_object_itself():
    modules = sorted(UI.glob("*.py"))
    assert len(modules) > 30  # the scan really reads the package
    found = [v for path in modules for v in violations(path.read_text(encoding="utf-8"), path.name)]
    assert found == []


def test_the_scan_finds_each_way_of_changing_the_domain():
    """Each rule fires on the code it is meant to stop (and a widget's own attributes pass)."""
    source = '''
class Panel:
    def __init__(self):
        self.tree = QTreeWidget()
        self.name = QLineEdit()
    def edit(self, form, indicator, task, project, op):
        self.tree.clear()
        indicator.value = "≥90%"
        a.name, b.name = "甲", "乙"
        form.people.phone += "1"
        setattr(task, "fiscal", 1)
        setattr(task, field, 1)
        form.tasks.insert(0, task)
        self.tasks.append(task)
        del form.tree[0]
        indicator.extras["备注"] = "x"
        tasks = form.tasks
        tasks.pop()
        op.apply(project)
        self.doc.apply(InsertForm(len(self.doc.project.forms), form), "新建表")
        add_framework_groups(form, "2021")
'''
    whats = "\n".join(violations(source, "example.py"))
    for expected in ("assigns domain field 'value'", "assigns domain field 'name'", "assigns domain field 'phone'",
                     "setattr of a domain field", "insert() on 'tasks'", "append() on 'tasks'",
                     "changes an item of 'tree'", "changes an item of 'extras'", "pop() on 'tasks'",
                     "applies an operation outside the undo stack", "calls add_framework_groups()"):
        assert expected in whats, expected
    assert whats.count("applies an operation") == 1  # doc.apply puts it on the undo stack
    assert whats.count("setattr of a domain field") == 2 and whats.count("assigns domain field 'name'") == 2
    assert "clear() on" not in whats and "'tree'" not in whats.replace("changes an item of 'tree'", "")
