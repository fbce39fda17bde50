"""Project tables for tests: an 88号 (中期 + 年度) one and a 一体化 (年度) one, fully filled."""

from __future__ import annotations

from perfdesk.domain.model import Form, Goal, Indicator
from perfdesk.domain.project import new_project_form

_YEAR_ROWS = {
    "数量指标": [("培训基层干部人次", "≥1200人次", True), ("举办培训班期数", "≥12期", False)],
    "质量指标": [("培训合格率", "≥95%", False)],
    "时效指标": [("培训完成时间", "2027年11月30日前", False)],
    "成本指标": [("人均培训成本", "≤800元", False)],
    "社会效益指标": [("基层干部履职能力", "明显提升", False)],
    "可持续影响指标": [("培训成果持续应用", "长期", False)],
    "服务对象满意度指标": [("参训学员满意度", "≥90%", True)],
}
_MID_ROWS = {
    "数量指标": [("培训基层干部人次", "≥3600人次", False)],
    "质量指标": [("培训合格率", "≥95%", False)],
    "成本指标": [("人均培训成本", "≤800元", False)],
    "社会效益指标": [("基层干部履职能力", "明显提升", False)],
    "服务对象满意度指标": [("参训学员满意度", "≥90%", False)],
}


def _fill(tree: list, rows: dict) -> None:
    for level1 in tree:
        for level2 in level1.children:
            for name, value, core in rows.get(level2.name, []):
                level2.indicators.append(Indicator(name, value, core=core))


def mof_project() -> Form:
    form = new_project_form(2027, "mof-2015-project")
    form.fields = {
        "项目名称": "基层干部能力提升培训",
        "主管部门及代码": "某县委组织部（101001）",
        "实施单位": "某县委党校",
        "项目属性": "延续项目",
        "项目期": "2026年—2028年",
    }
    form.funds = {"mid.total": "360.00", "mid.fiscal": "300.00", "mid.other": "60.00",
                  "year.total": "120.00", "year.fiscal": "100.00", "year.other": "20.00"}
    form.goals_mid = [Goal("三年内轮训全县基层干部3600人次"), Goal("建成县级干部培训课程库")]
    form.goals = [Goal("全年培训基层干部1200人次"), Goal("培训合格率不低于95%")]
    _fill(form.tree, _YEAR_ROWS)
    _fill(form.tree_mid, _MID_ROWS)
    return form


def yth_project() -> Form:
    form = new_project_form(2026, "yth-project")
    form.fields = {
        "项目名称": "城市公共文化设施运维",
        "主管部门": "219-某区文化和旅游局",
        "实施单位": "某区文化馆",
        "项目负责人及电话": "王某 021-12345678",
        "项目性质": "阶段性项目",
        "计划开始日期": "2024年1月1日",
        "计划完成日期": "2028年12月31日",
    }
    form.funds = {"project_total": "77132.58", "project_fiscal": "77132.58", "year.total": "22614.51",
                  "year.fiscal": "20000.00", "year.carryover": "2114.51", "year.other": "500.00"}
    form.goals_mid = [Goal("五年内完成全区公共文化设施提标改造")]
    form.goals = [Goal("完成12处设施日常运维"), Goal("设施完好率不低于98%")]
    _fill(form.tree, _YEAR_ROWS)
    return form
