"""审核 rules read from the form's template: required header fields and columns, drop-down values,
numbers, and the columns that describe a 指标值 (a 定量/定性 column, a 计量单位 column).

They are generic by column type, so a province template gets them by declaring its columns:
- a required field or column left empty is an error;
- an ``enum`` cell or header field outside its options is an error, a ``number`` cell that is no
  number too; a ``date`` header field must be a date that exists;
- an ``enum`` column whose options are 定量 / 定性 says what the 指标值 must be: 定量 needs a
  number, 定性 with a 计量单位 is a warning;
- a ``unit`` column must agree with the unit written in the 指标值 (``28.8万元`` with ``%``);
- an empty row (no name, no value, no column filled) is an error;
- a 三级 named like a 二级 of either framework (``社会成本指标``) is a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from perfdesk.domain.forms import Column, Template, template_of
from perfdesk.domain.framework import all_frameworks
from perfdesk.domain.model import Indicator
from perfdesk.domain.validation.context import SEP, Context
from perfdesk.domain.validation.dates import impossible_date_message
from perfdesk.domain.validation.problems import Place
from perfdesk.domain.values import ValueKind, parse_value

VALUE_KINDS = ("定量", "定性")


def _is_value_kind(column: Column) -> bool:
    return column.type == "enum" and set(column.options) == set(VALUE_KINDS)


def _level2_names() -> frozenset[str]:
    return frozenset(name for f in all_frameworks().values() for _, children in f.level1 for name in children)


@dataclass(frozen=True)
class _Columns:
    """What the rows are checked against, worked out once per run, not per row."""

    template: Template
    checked: tuple[Column, ...]  # required, enum or number: a cell of these may be wrong
    any_extra: bool
    kind_key: str | None  # the 定量/定性 column
    unit_key: str | None  # the 计量单位 column
    level2_names: frozenset[str]


def check_template(ctx: Context) -> None:
    check_template_fields(ctx)
    check_template_rows(ctx)


def check_template_fields(ctx: Context) -> None:
    """The template itself and its header fields: required, drop-down values, dates."""
    template = template_of(ctx.form)
    if template.id != ctx.form.template:  # e.g. a site template (PERFDESK_TEMPLATES_DIR) not installed here
        ctx.report("template.unknown", Place("header", None, "template", "表样"),
                   f"这张表的表样“{ctx.form.template}”在本机没有定义（可能是别处添加的省级表样），"
                   f"现按“{template.name}”显示和打印，附加栏目的内容保留在文件中但不显示；"
                   "请安装该表样文件后再打印。")
    for field in template.extra_fields:
        text = ctx.form.fields.get(field.key, "").strip()
        place = Place("header", None, field.key, field.label)
        if field.required and not text:
            ctx.report("template.field_missing", place, f"未填写“{field.label}”（{template.name}要求填写）。")
        elif text and field.type == "enum" and field.options and text not in field.options:
            options = " / ".join(field.options)
            ctx.report("template.enum_invalid", place, f"“{field.label}”应为 {options} 之一，而不是“{text}”。")
        elif text and field.type == "date":
            _check_date_field(ctx, place, text)


def _check_date_field(ctx: Context, place: Place, text: str) -> None:
    value = parse_value(text)
    if value.kind is not ValueKind.DATE or value.comparator or value.suffix:
        ctx.report("template.date_unreadable", place,
                   f"“{place.label}”填写的“{text}”不是日期，请写成“2024年1月1日”这样的格式。")
    elif not value.date_exists:
        ctx.report("template.date_impossible", place, f"“{place.label}”的" + impossible_date_message(value))


def check_template_rows(ctx: Context) -> None:
    """The indicator rows of the side being checked against the template's columns."""
    template = template_of(ctx.form)
    columns = template.extra_indicator_columns
    plan = _Columns(
        template,
        tuple(c for c in columns if c.required or c.type in ("enum", "number")),
        bool(columns),
        next((c.key for c in columns if _is_value_kind(c)), None),
        next((c.key for c in columns if c.type == "unit"), None),
        _level2_names(),
    )
    for level1 in ctx.tree:
        for level2 in level1.children:
            group = f"{level1.name}{SEP}{level2.name}{SEP}"
            for number, indicator in enumerate(level2.indicators, start=1):
                _check_row(ctx, plan, indicator, group, number)


def _check_row(ctx: Context, plan: _Columns, indicator: Indicator, group: str, number: int) -> None:
    extras = indicator.extras
    name = indicator.name.strip()

    def label() -> str:  # built only for a row with something to report
        return group + (name or f"第{number}行（未命名）")

    if plan.any_extra and not name and not indicator.value.strip() and not any(v.strip() for v in extras.values()):
        # (without extra columns, name.empty already says it)
        ctx.report("template.empty_row", Place("indicator", indicator.id, "name", label()),
                   "这一行三级指标什么都没有填写，打印出来是一行空格，请删除这一行。")
        return
    if name in plan.level2_names:
        ctx.report("template.level3_is_level2", Place("indicator", indicator.id, "name", label()),
                   f"三级指标“{name}”是指标体系中的二级指标名称，请填写具体的三级指标。")
    template = plan.template
    for column in plan.checked:
        text = extras.get(column.key, "").strip()
        if column.required and not text:
            found = ("template.cell_missing", f"“{column.label}”未填写（{template.name}要求填写）。")
        elif text and column.type == "enum" and text not in column.options:
            options = " / ".join(column.options)
            found = ("template.enum_invalid", f"“{column.label}”应为 {options} 之一，而不是“{text}”。")
        elif text and column.type == "number" and not _is_number(text):
            found = ("template.not_number", f"“{column.label}”应为数字，而不是“{text}”。")
        else:
            continue  # the usual case: nothing to say, no place built
        ctx.report(found[0], Place("indicator", indicator.id, column.key, f"{label()}{SEP}{column.label}"), found[1])
    kind = extras.get(plan.kind_key, "").strip() if plan.kind_key else ""
    unit = extras.get(plan.unit_key, "").strip() if plan.unit_key else ""
    if not kind and not unit:
        return
    parsed = indicator.parsed
    quantitative_text = kind == "定量" and parsed.kind is not ValueKind.NUMBER and indicator.value.strip()
    mismatch = unit and parsed.kind is ValueKind.NUMBER and parsed.unit and parsed.unit != unit
    if not (quantitative_text or (kind == "定性" and unit) or mismatch):
        return
    value_place = Place("indicator", indicator.id, "value", f"{label()}{SEP}指标值")
    if quantitative_text:
        ctx.report("template.quantitative_not_number", value_place,
                   f"指标值类型为“定量”，指标值“{indicator.value}”应为数字（可带比较符，如 ≥95）。")
    if kind == "定性" and unit:
        ctx.report("template.qualitative_with_unit", value_place,
                   f"指标值类型为“定性”，却填写了计量单位“{unit}”；定性指标一般不填计量单位。")
    if mismatch:
        ctx.report("template.unit_mismatch", value_place,
                   f"计量单位“{unit}”与指标值“{indicator.value}”中的单位“{parsed.unit}”不一致，请改为一致。")


def _is_number(text: str) -> bool:
    try:
        return Decimal(text.replace(",", "")).is_finite()
    except InvalidOperation:
        return False
