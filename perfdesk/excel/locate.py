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


DEPARTMENT = _keys(
    "部门（单位）名称", "部门名称", "单位名称", "预算部门名称", "预算单位名称", "部门（单位）", "预算部门", "预算单位"
)
TASKS_BLOCK = _keys("年度主要任务", "主要任务", "年度重点任务")
TASK_NAME = _keys("任务名称", "任务", "主要任务名称")
TASK_CONTENT = _keys("主要内容", "任务内容", "主要工作内容", "内容")
BUDGET = _keys("预算金额", "预算资金", "资金预算", "预算数", "年度预算", "预算金额（万元）", "预算金额（元）")
TOTAL = _keys("总额", "资金总额", "预算总额", "合计", "小计", "总计")
FISCAL = _keys("财政拨款", "财政资金", "财政拨款资金", "一般公共预算", "财政性资金")
OTHER = _keys("其他资金", "其他资金来源", "其他", "非财政拨款", "非财政资金")
SUM_ROW = _keys("金额合计", "合计", "总计", "小计", "合计金额", "资金合计")
GOALS = _keys("年度总体目标", "总体目标", "年度目标", "整体目标", "年度绩效目标", "部门整体绩效目标", "绩效目标")
INDICATORS_BLOCK = _keys("年度绩效指标", "绩效指标", "年度指标")
LEVEL1 = _keys("一级指标", "一级")
LEVEL2 = _keys("二级指标", "二级")
LEVEL3 = _keys("三级指标", "三级", "三级指标名称", "指标名称", "指标内容")
VALUE = _keys("指标值", "目标值", "年度指标值", "绩效指标值", "指标值（目标值）", "年度目标值", "绩效目标值")
UNIT = _keys("计量单位", "单位", "度量单位")
COMPARATOR = _keys("运算符号", "比较符号", "比较符", "符号", "度量符号", "指标符号")

PEOPLE = {
    "filler_unit": ("填报单位（盖章）", "填报单位", "单位（盖章）"),
    "unit_head": ("单位负责人", "部门负责人"),
    "finance_head": ("财务负责人",),
    "preparer": ("填报人", "经办人", "填表人"),
    "phone": ("联系电话", "电话"),
    "fill_date": ("填报日期", "填表日期"),
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
