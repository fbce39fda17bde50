"""年度主要任务 and its money (FORM-SPEC §4.1).

金额合计 is computed from the rows, so it cannot disagree with them; what can be
wrong is each row's 总额 = 财政拨款 + 其他资金, the sign and the scale.
"""

from __future__ import annotations

from decimal import Decimal

from perfdesk.domain.model import TASK_AMOUNTS, Task
from perfdesk.domain.money import decimal_places, format_amount
from perfdesk.domain.validation.context import TASK_FIELD_LABELS, Context
from perfdesk.domain.validation.problems import Edit, Fix, Place


def _place(task: Task, number: int, field_name: str) -> Place:
    return Place("task", task.id, field_name, f"年度主要任务 第{number}行 {TASK_FIELD_LABELS[field_name]}")


def check_tasks(ctx: Context) -> None:
    from perfdesk.domain.forms import template_of

    tasks = ctx.form.tasks
    if not tasks and not template_of(ctx.form).has_block("tasks"):
        return  # a template without 年度主要任务 (湖南)
    if not tasks:
        ctx.report("tasks.missing", ctx.form_place("tasks"),
                   "没有填写年度主要任务，请至少填写一行任务及其预算金额。")
        return
    seen: dict[str, int] = {}
    for number, task in enumerate(tasks, start=1):
        amounts = [getattr(task, key) for key in TASK_AMOUNTS]
        blank_amounts = all(a is None for a in amounts) and not task.unparsed
        if not task.name.strip() and not task.content.strip() and blank_amounts:
            ctx.report("task.empty_row", _place(task, number, "name"),
                       f"第{number}行任务是空行，打印出来是一行空格，请删除这一行。")
            continue
        _check_task_text(ctx, task, number, seen)
        _check_task_money(ctx, task, number)


def _check_task_text(ctx: Context, task: Task, number: int, seen: dict[str, int]) -> None:
    name = task.name.strip()
    if not name:
        ctx.report("task.name_empty", _place(task, number, "name"),
                   f"第{number}行任务没有任务名称，请根据主要内容填写一个简短的名称（如“履职保障”）。")
    else:
        if name != task.name:
            ctx.report("task.name_spaces", _place(task, number, "name"),
                       f"任务名称“{task.name}”首尾有空格，建议去掉。",
                       Fix("去掉首尾空格", (Edit("task", task.id, "name", name),)))
        if name in seen:
            ctx.report("task.name_duplicate", _place(task, number, "name"),
                       f"任务名称“{name}”与第{seen[name]}行相同，请合并这两行或改用不同的名称。")
        else:
            seen[name] = number
    if not task.content.strip():
        ctx.report("task.content_empty", _place(task, number, "content"),
                   f"第{number}行任务没有填写主要内容，建议写明资金用途。")


def _check_task_money(ctx: Context, task: Task, number: int) -> None:
    values: dict[str, Decimal | None] = {}
    usable = True
    for key in TASK_AMOUNTS:
        raw = getattr(task, key)
        label = TASK_FIELD_LABELS[key]
        typed = task.unparsed.get(key)
        if typed is not None:
            ctx.report("money.not_a_number", _place(task, number, key),
                       f"第{number}行{label}填写的“{typed}”不是金额，未计入金额合计；"
                       "请改为数字（单位：万元，如 1663.73），没有的填 0。")
            usable = False
            continue
        if raw is not None and not raw.is_finite():
            ctx.report("money.not_a_number", _place(task, number, key), f"{label}不是有效的金额，请重新输入。")
            usable = False
            continue
        values[key] = raw
        if raw is None:
            continue
        if raw < 0:
            ctx.report("money.negative", _place(task, number, key),
                       f"{label} {format_amount(raw)} 万元是负数，预算金额不能为负，请改正。")
        places = decimal_places(raw)
        if places > ctx.settings.max_money_places:
            limit = ctx.settings.max_money_places
            ctx.report("money.too_many_decimals", _place(task, number, key),
                       f"{label} {format(raw, 'f')} 有 {places} 位小数，金额以万元为单位最多保留 {limit} 位小数"
                       f"（精确到分），请改为 {raw:.{limit}f}。")
    if not usable:
        return
    total, fiscal, other = values["total"], values["fiscal"], values["other"]
    if total is None and fiscal is None and other is None:
        ctx.report("money.amount_missing", _place(task, number, "total"),
                   f"第{number}行任务没有填写预算金额，请填写总额、财政拨款和其他资金（没有的填 0）。")
        return
    parts = (fiscal or Decimal(0)) + (other or Decimal(0))
    if (total or Decimal(0)) == parts:
        return
    ctx.report("money.sum_mismatch", _place(task, number, "total"),
               f"总额 {format_amount(total) or '（空）'} 万元 ≠ 财政拨款 {format_amount(fiscal) or '（空）'} "
               f"+ 其他资金 {format_amount(other) or '（空）'} = {format_amount(parts)} 万元，"
               "请核对三个金额，使总额等于财政拨款加其他资金。", _fill_the_blank(task, total, fiscal, other))


def _fill_the_blank(task: Task, total: Decimal | None, fiscal: Decimal | None, other: Decimal | None) -> Fix | None:
    """Only a blank cell is unambiguously the wrong one; typed amounts are never second-guessed."""
    if total is None:
        blank, missing = "total", (fiscal or Decimal(0)) + (other or Decimal(0))
    elif (fiscal is None) != (other is None):
        blank = "fiscal" if fiscal is None else "other"
        missing = total - (other if fiscal is None else fiscal)  # type: ignore[operator]
    else:  # every cell typed, or both parts blank: which one is wrong is a guess
        return None
    if missing < 0:
        return None
    label = TASK_FIELD_LABELS[blank]
    return Fix(f"把{label}填为 {format_amount(missing)} 万元", (Edit("task", task.id, blank, missing),))
