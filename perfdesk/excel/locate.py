"""Recognising the table's labels by their text, whatever the template's spelling.

Real templates write ``部 门（单位）\\n名称``, ``部门(单位)名称：`` or ``*总额（万元）``;
``label_key`` folds all of those to one key, and the alias sets below list the
spellings seen for each role. Labels are looked up by text, never by address.
"""

from __future__ import annotations

import re

_BRACKETS = str.maketrans({"(": "（", ")": "）", "[": "（", "]": "）", "【": "（", "】": "）", "〔": "（", "〕": "）"})
_MARKS = "*＊★☆※"
_UNIT_SUFFIX = re.compile(r"（[^（）]*）$")
MAX_LABEL_CHARS = 24  # longer text is content, not a label


def label_key(text: str) -> str:
    """Whitespace removed, brackets made full width, marks and a trailing colon dropped."""
    key = "".join(text.split()).translate(_BRACKETS).strip(_MARKS)
    return key.rstrip(":：")


def _keys(*labels: str) -> frozenset[str]:
    return frozenset(label_key(label) for label in labels)


def _declared() -> dict[str, tuple[str, ...]]:
    """Every spelling the 部门整体 declarations give each role (all templates of the kind).

    The importer's vocabulary is the declarations' (``resources/forms``): a template that
    relabels a block (湖南: 年度总体绩效目标) or adds an alias is recognised with no code change.
    """
    from perfdesk.domain.forms import templates

    found: dict[str, list[str]] = {}

    def add(role: str, *spellings: str) -> None:
        found.setdefault(role, []).extend(spellings)

    for template in templates().values():
        if template.kind != "department_overall":
            continue
        for field in (*template.fields, *template.signature):
            add(field.key, *field.spellings)
        for block in template.blocks:
            add(f"block:{block.key}", block.label, *block.aliases)
            if block.total_row:
                add("sum_row", block.total_row)
            if block.group_label:
                add("budget", block.group_label)
            for column in block.columns:
                add(f"{block.key}:{column.key}", *column.spellings)
            for index, level in enumerate(block.levels, start=1):
                add(f"level{index}", level.label, *level.aliases)
    return {role: tuple(dict.fromkeys(spellings)) for role, spellings in found.items()}


_DECLARED = _declared()

DEPARTMENT = _keys(*_DECLARED["department"])
TASKS_BLOCK = _keys(*_DECLARED["block:tasks"])
TASK_NAME = _keys(*_DECLARED["tasks:name"])
TASK_CONTENT = _keys(*_DECLARED["tasks:content"])
# Spellings seen only in workbooks (the printed table never says them): kept here.
BUDGET = _keys(
    *_DECLARED["budget"], "预算金额", "预算资金", "资金预算", "预算数", "年度预算", "预算金额（元）"
)
TOTAL = _keys(*_DECLARED["tasks:total"])
FISCAL = _keys(*_DECLARED["tasks:fiscal"])
OTHER = _keys(*_DECLARED["tasks:other"])
SUM_ROW = _keys(*_DECLARED["sum_row"], "合计", "总计", "小计", "合计金额", "资金合计")
GOALS = _keys(*_DECLARED["block:goals"])
INDICATORS_BLOCK = _keys(*_DECLARED["block:indicators"])
LEVEL1 = _keys(*_DECLARED["level1"])
LEVEL2 = _keys(*_DECLARED["level2"])
LEVEL3 = _keys(*_DECLARED["level3"])
VALUE = _keys(*_DECLARED["indicators:value"])
# Every indicator column some template declares (湖南's 备注, 指标解释 …): a known heading.
DECLARED_COLUMNS = _keys(
    *(s for role, spellings in _DECLARED.items() if role.startswith("indicators:") for s in spellings)
)
# The 一体化 export splits a 指标值 into 计算符号 | 指标值 | 计量单位 (FORM-SPEC-WAVE2 §0.4).
UNIT = _keys("计量单位", "单位", "度量单位", "计量单位名称")
COMPARATOR = _keys(
    "运算符号", "比较符号", "比较符", "符号", "度量符号", "指标符号", "计算符号", "运算符", "计算符", "比较运算符",
    "指标值符号",
)
# Labels that say a sheet is another kind of table (refused by name, never read as this one).
PROJECT_SIGNS = _keys(
    "项目名称", "主管部门及代码", "主管部门", "实施单位", "项目实施单位", "项目属性", "项目期", "项目周期",
    "中期目标", "中期资金总额", "年度资金总额", "项目资金", "项目资金总额", "年度资金申请总额", "项目总目标",
    "中期指标", "项目负责人及电话", "计划开始日期", "计划完成日期", "项目性质", "项目起止时间", "项目负责人",
)
SELF_EVAL_SIGNS = _keys(
    "实际完成值", "全年实际值", "分值", "得分", "偏差原因分析及改进措施", "偏差原因", "全年执行数", "全年预算数",
    "执行率", "总分", "年初预算数", "实际完成情况", "自评得分", "预期目标",
)
# Blocks some provinces add that the 部门整体 table has no place for yet: recognised, so that
# their cells are reported by name instead of being taken for indicators.
DUTIES = _keys("部门（单位）职责", "部门职责", "单位职责", "部门职能概述", "主要职能", "部门（单位）职能")
FUNDS_COMPOSITION = _keys("部门总体资金情况", "收入构成", "支出构成", "占比", "资金构成", "部门整体资金情况")
REMARKS = _keys("备注", "说明", "填报说明", "填表说明")

PEOPLE = {
    name: _DECLARED[name]
    for name in ("filler_unit", "unit_head", "finance_head", "preparer", "phone", "fill_date")
}
NOTE_PREFIXES = ("注", "说明", "备注", "填报说明", "填表说明")

# "label：value" inside one cell, longest spellings first so 填报单位（盖章） beats 填报单位.
_PEOPLE_SPELLINGS = sorted(
    ((spelling, field) for field, spellings in PEOPLE.items() for spelling in spellings),
    key=lambda item: -len(item[0]),
)
_PEOPLE_FIELD = {spelling: field for spelling, field in _PEOPLE_SPELLINGS}
_PEOPLE_RE = re.compile(
    "("
    + "|".join(re.escape(s).replace("（", "[（(]").replace("）", "[）)]") for s, _ in _PEOPLE_SPELLINGS)
    + r")\s*(?:[（(]?签[字章名][）)]?)?\s*[:：]?"
)
_DATE_PLACEHOLDER = re.compile(r"^[\s_]*年[\s_]*月[\s_]*日[\s_]*$")


def is_label(text: str, aliases: frozenset[str]) -> bool:
    if not text or len(text) > MAX_LABEL_CHARS * 2:
        return False
    key = label_key(text)
    if len(key) > MAX_LABEL_CHARS:
        return False
    return key in aliases or _UNIT_SUFFIX.sub("", key) in aliases


def money_unit_of(text: str) -> str | None:
    """``万元`` / ``元`` when a label names its money unit, else ``None``."""
    key = label_key(text)
    if "万元" in key:
        return "万元"
    if re.search(r"（元）|单位[:：]?元$|单位[:：]?元[^/]", key):
        return "元"
    return None


def split_people(text: str) -> list[tuple[str, str, bool]]:
    """``(field, value, value_was_empty)`` for each people label found in a cell's text.

    ``填报单位（盖章）：巴州人社局   单位负责人：`` gives two entries; the value is the text
    up to the next label. A blank date placeholder (``年  月  日``) counts as empty.
    """
    found: list[tuple[str, str, bool]] = []
    matches = list(_PEOPLE_RE.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip()
        spelling = label_key(match.group(1))
        field = _PEOPLE_FIELD.get(spelling) or _PEOPLE_FIELD.get(spelling.replace("(", "（").replace(")", "）"))
        if field is None:
            continue
        if _DATE_PLACEHOLDER.match(value):
            value = ""
        found.append((field, value, value == ""))
    return found


_PEOPLE_LINE = re.compile(
    r"^\s*(?:"
    + "|".join(re.escape(s).replace("（", "[（(]").replace("）", "[）)]") for s, _ in _PEOPLE_SPELLINGS)
    + ")"
    r"\s*(?:[（(]?签[字章名][）)]?)?\s*(?:[:：]|$)"
)


def is_people_line(text: str) -> bool:
    """``填报人：…`` or a bare ``单位负责人`` — a signature line, not a 三级 such as ``联系电话畅通率``."""
    return _PEOPLE_LINE.match(text) is not None


def is_note(text: str) -> bool:
    key = "".join(text.split())
    return any(
        key.startswith(prefix) and len(key) > len(prefix) and key[len(prefix)] in ":：1１、.（("
        for prefix in NOTE_PREFIXES
    )


_YEAR_PATTERNS = (
    re.compile(r"[（(]\s*((?:19|20)\d{2})\s*年\s*度?\s*[)）]"),
    re.compile(r"((?:19|20)\d{2})\s*年度"),
    re.compile(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)"),
)


def find_year(text: str) -> int | None:
    """The budget year of a title line: ``（2022年）``, ``2022年度``, ``2022年部门…``."""
    for pattern in _YEAR_PATTERNS:
        match = pattern.search(text)
        if match:
            return int(match.group(1))
    return None


def year_in_sheet_title(title: str) -> int | None:
    match = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", title)
    return int(match.group(1)) if match else None
