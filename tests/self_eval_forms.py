"""A 绩效自评表 for tests: FORM-SPEC-WAVE2 §2.5's 某培训项目, generated from its project table."""

from __future__ import annotations

from perfdesk.domain import self_eval
from perfdesk.domain.model import Goal, Indicator, Project
from perfdesk.domain.project import new_project_form

# (二级, 三级, 年度指标值, 实际完成值, 分值, typed 得分)
WORKED = [
    ("数量指标", "培训人次", "≥1000人次", "950人次", "15", None),
    ("质量指标", "培训合格率", "≥95%", "97%", "10", None),
    ("质量指标", "培训质量", "优良", "达成年度指标", "10", "10.00"),
    ("时效指标", "培训完成时间", "≤2024年10月31日", "2024年11月15日", "5", None),
    ("成本指标", "人均培训成本", "≤500元/人次", "550元/人次", "10", None),
    ("社会效益指标", "参训人员技能提升", "有效提升", "部分达成年度指标并具有一定效果", "15", "11.00"),
    ("可持续影响指标", "培训长效机制", "建立", "达成年度指标", "15", "13.50"),
    ("服务对象满意度指标", "参训人员满意度", "≥90%", "92%", "10", None),
]


def training_project():
    form = new_project_form(2024, "mof-2015-project")
    form.fields = {"项目名称": "某培训项目", "主管部门及代码": "某县人社局（101）", "实施单位": "某县培训中心"}
    form.funds = {"year.total": "100.00", "year.fiscal": "100.00", "year.other": "0.00"}
    form.goals = [Goal("全年培训1000人次，培训合格率不低于95%"), Goal("建立培训长效机制")]
    groups = {l2.name: l2 for l1 in form.tree for l2 in l1.children}
    for level2, name, target, *_ in WORKED:
        groups[level2].indicators.append(Indicator(name, target))
    return Project([form])


def filled(project, reasons: bool = False):
    """The worked example typed in; with ``reasons`` also the 偏差原因 the rules ask for."""
    source = project.forms[0]
    form = self_eval.generate(source)
    project.forms.append(form)
    form.funds.update({"total.full_year": "120.00", "total.executed": "114.00",
                       "fiscal.initial": "100.00", "fiscal.full_year": "110.00", "fiscal.executed": "105.00",
                       "carryover.initial": "0.00", "carryover.full_year": "10.00", "carryover.executed": "9.00"})
    rows = {row.name: row for _, _, row in form.iter_indicators()}
    for _, name, _, actual, weight, typed in WORKED:
        extras = {**rows[name].extras, "actual": actual, "weight": weight}
        if typed:
            extras["score"] = typed
        rows[name].extras = extras
    if reasons:
        for _, name, *_ in WORKED:
            if name in REASONS:
                rows[name].extras = {**rows[name].extras, "deviation": REASONS[name]}
    return form


REASONS = {
    "培训人次": "部分学员因工作冲突未能参训，下年度增加晚间班次",
    "培训完成时间": "受场地检修影响延后半个月，下年度提前预订场地",
    "人均培训成本": "教材印制价格上涨，下年度改用电子教材",
    "参训人员技能提升": "部分课程实操不足，下年度增加实训课时",
    "培训长效机制": "制度已建立，配套考核办法尚在完善",
}


