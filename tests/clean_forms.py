"""Small forms for GUI tests: one that 审核 finds nothing wrong with."""

from __future__ import annotations

from decimal import Decimal

from perfdesk.domain.model import Form, Goal, Indicator, Task, new_form

_VALUES = {"数量指标": ("保障在职人员数量", "≥10人"), "质量指标": ("工资发放准确率", "=100%"),
           "时效指标": ("工资发放及时率", "=100%"), "成本指标": ("人员经费成本", "≤100万元"),
           "经济效益指标": ("节约经费", "≥1万元"), "社会效益指标": ("保障正常运转", "有效保障"),
           "服务对象满意度指标": ("服务对象满意度", "≥90%")}


def clean_form() -> Form:
    form = new_form(2027, "某县教育局")
    form.goals.append(Goal("保障教育局正常运转"))
    form.tasks.append(Task("人员经费", "保障在职人员工资", Decimal(100), Decimal(100), Decimal(0)))
    for level1 in form.tree:
        for level2 in level1.children:
            if level2.name in _VALUES:
                level2.indicators.append(Indicator(*_VALUES[level2.name]))
    return form
