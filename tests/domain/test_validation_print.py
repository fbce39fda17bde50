"""审核 names the cells whose characters will not print (rule print.missing_glyph).

The domain knows no fonts: the print layer passes ``ValidationSettings.printable``. Here a
stand-in predicate plays the font chain; tests/report and tests/cli use the real one.
"""

from __future__ import annotations

from perfdesk.domain.model import Indicator, Task
from perfdesk.domain.validation import Severity, ValidationSettings, validate_form
from perfdesk.sample import sample_project


def printable(ch: str) -> bool:
    return ch not in "😀☃"


def test_cells_with_unprintable_characters_are_named_with_the_characters():
    form = sample_project().forms[0]
    form.department = "某县😀教育局"
    form.tasks.append(Task(name="任务", content="内容☃", unparsed={"total": "约😀"}))
    level2 = form.tree[0].children[0]
    level2.indicators.append(Indicator("人数😀☃", "≥10人"))
    found = [p for p in validate_form(form, ValidationSettings(printable=printable))
             if p.rule_id == "print.missing_glyph"]
    places = [(p.place.kind, p.place.field, p.place.label) for p in found]
    number = len(form.tasks)
    assert places == [
        ("header", "department", "部门（单位）名称"),
        ("task", "content", f"年度主要任务 第{number}行 主要内容"),
        ("task", "total", f"年度主要任务 第{number}行 总额"),
        ("indicator", "name", f"{form.tree[0].name} › {level2.name} › 人数😀☃"),
    ]
    assert all(p.severity is Severity.WARNING for p in found)
    assert "“😀”（U+1F600）、“☃”（U+2603）" in found[-1].message and "空白" in found[-1].message


def test_silent_without_a_print_layer_and_for_printable_text():
    form = sample_project().forms[0]
    form.department = "某县😀教育局"
    assert not [p for p in validate_form(form) if p.rule_id == "print.missing_glyph"]
    form.department = "某县教育局"
    assert not [p for p in validate_form(form, ValidationSettings(printable=printable))
                if p.rule_id == "print.missing_glyph"]
