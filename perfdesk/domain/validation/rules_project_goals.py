"""A project table's goals (FORM-SPEC-WAVE2 §1.4): 年度目标 present (T1), each side without
empty or repeated lines, and each 年度目标 backed by an indicator (T16).

T16 is a rough keyword test, said so in its message: a goal is taken as supported when two
consecutive Chinese characters of it (other than words every goal uses, 完成, 提高 …) appear in
some 年度 三级 name. It can miss a goal worded differently from its indicators, so it warns.
"""

from __future__ import annotations

import re

from perfdesk.domain.forms import template_of
from perfdesk.domain.validation.context import Context, goal_block
from perfdesk.domain.validation.problems import Place

_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
# Words any goal may use; sharing one of them with an indicator says nothing about support.
_COMMON_WORDS = (
    "目标", "完成", "全年", "年度", "本年", "当年", "提高", "提升", "确保", "保障", "推进", "开展", "实现", "达到",
    "不低于", "不少于", "以上", "进一步", "加强", "工作", "项目", "有效", "全面", "做好", "持续", "改善", "建设",
    "管理", "服务", "情况", "水平", "能力", "及时", "按时", "资金", "指标", "其中", "通过", "进行", "组织",
)
_COMMON = frozenset(w[i:i + 2] for w in _COMMON_WORDS for i in range(len(w) - 1))


def _keywords(text: str) -> set[str]:
    found = {run[i:i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1)}
    return found - _COMMON


def check_project_goals(ctx: Context) -> None:
    block = template_of(ctx.form).block("goals")
    for horizon in (block.horizons if block is not None else ("year",)):
        goals = ctx.form.side_goals(horizon)
        caption = ctx.goals_caption(horizon)
        if not any(goal.text.strip() for goal in goals):
            place = Place("form", None, goal_block(horizon), caption)
            if horizon == "year":
                ctx.report("project.goals_missing", place,
                           f"未填写{caption}，请每行写一个本年度要达到的目标（打印时自动编为目标1、目标2……）。")
            else:
                ctx.report("project.mid_goals_missing", place,
                           f"未填写{caption}，请写明整个项目期要达到的目标。")
            continue
        seen: set[str] = set()
        for number, goal in enumerate(goals, start=1):
            place = Place("goal", goal.id, "text", ctx.goal_label(goal, number))
            text = "".join(goal.text.split())
            if not text:
                ctx.report("goals.empty_line", place,
                           f"{caption}的目标{number} 是空的，打印出来会多一个空目标，请填写或删除这一条。")
            elif text in seen:
                ctx.report("goals.duplicate", place,
                           f"{caption}的目标{number} 与前面的目标内容相同，请删除重复的一条。")
            seen.add(text)
    _check_support(ctx)


def _check_support(ctx: Context) -> None:
    names = [indicator.name for _, _, indicator in ctx.form.iter_indicators("year") if indicator.name.strip()]
    if not names:
        return  # an empty 年度 side is reported by the tree rules
    caption = ctx.goals_caption("year")
    indicator_words = set().union(*(_keywords(name) for name in names))
    for number, goal in enumerate(ctx.form.goals, start=1):
        words = _keywords(goal.text)
        if not words or words & indicator_words:
            continue
        ctx.report("project.goal_unsupported", Place("goal", goal.id, "text", ctx.goal_label(goal, number)),
                   f"{caption}的目标{number}“{goal.text.strip()}”在年度指标的三级指标名称中找不到相关的词"
                   "（按关键词粗略判断），可能没有指标支撑；请补充衡量这一目标的三级指标，或确认已有指标与之对应。")
