"""Each rule of FORM-SPEC §4 on small real-looking tables with one known defect.

Every case starts from a clean table (no problems at all), makes one mistake a
clerk makes, and checks that exactly that mistake is reported where the clerk
will look for it, with the right severity, and that nothing else is an error.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from perfdesk.domain.model import Form, Goal, Indicator, Level1, Level2, People, Task
from perfdesk.domain.validation import RULES, Severity, apply_fix, apply_op, validate_form

E, W, H = Severity.ERROR, Severity.WARNING, Severity.HINT
D = Decimal


def education_2023() -> Form:
    """A county education bureau's 2023 table (2015 framework), written correctly."""
    tree = [
        Level1("产出指标", [
            Level2("数量指标", [Indicator("资助学生人数", "≥1200人"), Indicator("教师培训人次", "=800人次")]),
            Level2("质量指标", [Indicator("资助资金发放准确率", "=100%"), Indicator("培训合格率", "≥95%"),
                              Indicator("校舍安全事故发生率", "≤1%")]),
            Level2("时效指标", [Indicator("资助资金发放及时率", "=100%"), Indicator("培训完成时间", "2023年11月30日")]),
            Level2("成本指标", [Indicator("生均资助标准", "≤2500元/人"), Indicator("教师培训成本", "≤48万元"),
                              Indicator("公用经费增长率", "≤5%")]),
        ]),
        Level1("效益指标", [
            Level2("社会效益指标", [Indicator("家庭经济困难学生资助情况", "应助尽助"),
                                Indicator("义务教育巩固率", "≥99%")]),
            Level2("可持续影响指标", [Indicator("教育公平水平", "持续提升")]),
        ]),
        Level1("满意度指标", [
            Level2("服务对象满意度指标", [Indicator("受助学生满意度", "≥90%"), Indicator("家长满意度", "≥90%")]),
        ]),
    ]
    return Form(
        year=2023,
        department="某县教育局",
        framework="2015",
        people=People(preparer="李明", phone="0996-2022111", fill_date="2022年12月20日"),
        tasks=[
            Task("人员经费", "保障在职教职工工资福利及社会保障缴费。", D("1200.50"), D("1200.50"), D("0")),
            Task("公用经费", "保障机关日常运转、办公及水电暖支出。", D("85.3"), D("80.3"), D("5")),
            Task("学生资助", "落实家庭经济困难学生资助政策。", D("300"), D("250"), D("50")),
        ],
        goals=[Goal("目标1：保障教育系统正常运转。"), Goal("目标2：落实学生资助政策，应助尽助。")],
        tree=tree,
    )


def labour_2021_framework() -> Form:
    """A 2024 table that follows the 2021 guideline: 成本指标 is an 一级."""
    return Form(
        year=2024,
        department="某市就业服务中心",
        framework="2021",
        tasks=[Task("就业服务", "开展招聘会和职业指导。", D("120"), D("120"), D("0"))],
        goals=[Goal("目标1：稳定就业形势。")],
        tree=[
            Level1("产出指标", [
                Level2("数量指标", [Indicator("举办招聘会场次", "≥12场")]),
                Level2("质量指标", [Indicator("求职登记信息准确率", "≥98%")]),
                Level2("时效指标", [Indicator("招聘会按期举办率", "=100%")]),
            ]),
            Level1("效益指标", [Level2("社会效益指标", [Indicator("城镇登记失业率", "≤4.5%")])]),
            Level1("成本指标", [Level2("经济成本指标", [Indicator("招聘会场地租赁费", "≤20万元")])]),
            Level1("满意度指标", [Level2("服务对象满意度指标", [Indicator("求职人员满意度", "≥90%")])]),
        ],
    )


def ind(form: Form, name: str) -> Indicator:
    return next(i for _, _, i in form.iter_indicators() if i.name == name)


def group(form: Form, level1: str, level2: str) -> Level2:
    node = form.level1(level1).child(level2)
    assert node is not None
    return node


def set_value(name: str, value: str) -> Callable[[Form], None]:
    def change(form: Form) -> None:
        ind(form, name).value = value
    return change


def rename(name: str, new: str) -> Callable[[Form], None]:
    def change(form: Form) -> None:
        ind(form, name).name = new
    return change


def do(*steps: Callable[[Form], None]) -> Callable[[Form], None]:
    def change(form: Form) -> None:
        for step in steps:
            step(form)
    return change


def setattr_(getter: Callable[[Form], object], attr: str, value: object) -> Callable[[Form], None]:
    return lambda form: setattr(getter(form), attr, value)


def task(n: int) -> Callable[[Form], Task]:
    return lambda form: form.tasks[n]


def test_the_clean_tables_have_no_problems_at_all():
    assert validate_form(education_2023()) == []
    assert validate_form(labour_2021_framework()) == []


# (id, change, rule, severity, label of the place, field, words the message must contain)
CASES = [
    # errors a reviewer rejects
    ("sum", setattr_(task(1), "total", D("88.3")), "money.sum_mismatch", E,
     "年度主要任务 第2行 总额", "total", ["88.30", "80.30", "5.00", "85.30"]),
    ("negative", do(setattr_(task(2), "other", D("-50")), setattr_(task(2), "total", D("200"))),
     "money.negative", E, "年度主要任务 第3行 其他资金", "other", ["-50.00", "负数"]),
    ("decimals", do(setattr_(task(0), "total", D("1200.5000001")), setattr_(task(0), "fiscal", D("1200.5000001"))),
     "money.too_many_decimals", E, "年度主要任务 第1行 总额", "total", ["7 位小数", "6 位"]),
    ("legacy-level2", setattr_(lambda f: group(f, "效益指标", "社会效益指标"), "name", "社会公众效益指标"),
     "tree.level2_not_allowed", E, "效益指标 › 社会公众效益指标", "name", ["社会效益指标", "可持续影响指标"]),
    ("level2-wrong-parent", setattr_(lambda f: group(f, "效益指标", "可持续影响指标"), "name", "时效指标"),
     "tree.level2_not_allowed", E, "效益指标 › 时效指标", "name", ["属于“产出指标”"]),
    ("2021-level2-in-2015", setattr_(lambda f: group(f, "产出指标", "成本指标"), "name", "经济成本指标"),
     "tree.level2_not_allowed", E, "产出指标 › 经济成本指标", "name", ["2021"]),
    ("level1-unknown", setattr_(lambda f: f.tree[1], "name", "效果指标"),
     "tree.level1_unknown", E, "效果指标", "name", ["产出指标、效益指标、满意度指标"]),
    ("name-empty", rename("培训合格率", ""), "name.empty", E, "产出指标 › 质量指标 › 第2行（未命名）", "name",
     ["没有名称"]),
    ("name-duplicate", rename("培训合格率", "资助资金发放准确率"), "name.duplicate_in_group", E,
     "产出指标 › 质量指标 › 资助资金发放准确率（第2行）", "name", ["第1行"]),
    ("leap-day", set_value("培训完成时间", "2023年2月29日"), "value.date_impossible", E,
     "产出指标 › 时效指标 › 培训完成时间", "value", ["2023年不是闰年", "2023年2月28日"]),
    ("month-13", set_value("培训完成时间", "2023年13月1日"), "value.date_impossible", E,
     "产出指标 › 时效指标 › 培训完成时间", "value", ["没有 13 月"]),
    ("percent-over", set_value("培训合格率", "≥105%"), "value.percent_range", E,
     "产出指标 › 质量指标 › 培训合格率", "value", ["105%", "0–100"]),
    ("cost-over-budget", set_value("教师培训成本", "≤4800万元"), "cost.cap_over_budget", E,
     "产出指标 › 成本指标 › 教师培训成本", "value", ["4800", "1585.80"]),
    ("cost-over-budget-yuan", set_value("教师培训成本", "≤20000000元"), "cost.cap_over_budget", E,
     "产出指标 › 成本指标 › 教师培训成本", "value", ["即 2000.00 万元"]),
    ("no-department", setattr_(lambda f: f, "department", "  "), "form.department_missing", E,
     "部门（单位）名称", "department", ["部门"]),
    ("no-year", setattr_(lambda f: f, "year", None), "form.year_missing", E, "年度", "year", ["年度"]),
    ("no-goals", setattr_(lambda f: f, "goals", [Goal(""), Goal(" ")]), "goals.missing", E,
     "年度总体目标", "goals", ["目标1"]),
    ("fill-date-impossible", setattr_(lambda f: f.people, "fill_date", "2022年2月30日"),
     "people.fill_date_impossible", E, "填报日期", "fill_date", ["2月只有28天"]),
    ("money-not-a-number", setattr_(task(0), "fiscal", D("NaN")), "money.not_a_number", E,
     "年度主要任务 第1行 财政拨款", "fiscal", ["不是有效的金额"]),
    ("money-words",
     lambda f: (setattr(f.tasks[1], "fiscal", None), setattr(f.tasks[1], "unparsed", {"fiscal": "约80万"})),
     "money.not_a_number", E, "年度主要任务 第2行 财政拨款", "fiscal", ["“约80万”不是金额", "未计入金额合计"]),
    # warnings
    ("year-typo", setattr_(lambda f: f, "year", 20023), "form.year_implausible", W, "年度", "year", ["20023"]),
    ("framework-unknown", setattr_(lambda f: f, "framework", "2019"), "form.framework_unknown", W,
     "指标体系", "framework", ["2019", "2015 或 2021"]),
    ("goal-repeated", lambda f: f.goals.append(Goal("目标1：保障教育系统正常运转。 ")), "goals.duplicate", W,
     "年度总体目标 目标3", "text", ["目标3"]),
    ("no-tasks", setattr_(lambda f: f, "tasks", []), "tasks.missing", W, "年度主要任务", "tasks", ["至少填写一行"]),
    ("blank-task-row", lambda f: f.tasks.append(Task()), "task.empty_row", W, "年度主要任务 第4行 任务名称", "name",
     ["空行"]),
    ("no-money", do(*(setattr_(task(2), k, None) for k in ("total", "fiscal", "other"))), "money.amount_missing", W,
     "年度主要任务 第3行 总额", "total", ["没有的填 0"]),
    ("level1-twice", lambda f: f.tree.append(Level1("效益指标", [Level2("经济效益指标", [Indicator("带动就业人数",
     "≥50人")])])), "tree.level1_duplicate", W, "效益指标", "name", ["不止一次"]),
    ("level2-twice", lambda f: f.level1("产出指标").children.append(Level2("数量指标", [Indicator("校舍维修面积",
     "≥3000平方米")])), "tree.level2_duplicate", W, "产出指标 › 数量指标", "name", ["合并"]),
    ("value-empty", set_value("培训合格率", " "), "value.empty", W, "产出指标 › 质量指标 › 培训合格率", "value",
     ["没有填写指标值"]),
    ("growth-over-100", do(rename("培训合格率", "培训人数增长率"), set_value("培训人数增长率", "≥120%")),
     "value.percent_range_change", W, "产出指标 › 质量指标 › 培训人数增长率", "value", ["120%", "增减幅度"]),
    ("duplicate-across", rename("义务教育巩固率", "培训合格率"), "name.duplicate_across_groups", W,
     "效益指标 › 社会效益指标 › 培训合格率", "name", ["产出指标 › 质量指标"]),
    ("doubled-word", rename("家长满意度", "家长满意度满意度"), "name.doubled_word", W,
     "满意度指标 › 服务对象满意度指标 › 家长满意度满意度", "name", ["“满意度”", "改为“家长满意度”"]),
    ("too-long", rename("培训合格率", "全县中小学教师寒暑假集中培训考核合格率统计"), "name.length_limit", W,
     "产出指标 › 质量指标 › 全县中小学教师寒暑假集中培训考核合格率统计", "name", ["21 个字", "超过 20"]),
    ("recommended-missing", setattr_(lambda f: group(f, "产出指标", "时效指标"), "indicators", []),
     "tree.recommended_missing", W, "产出指标", "name", ["时效指标", "及时率"]),
    ("empty-level1", do(setattr_(lambda f: group(f, "效益指标", "社会效益指标"), "indicators", []),
                        setattr_(lambda f: group(f, "效益指标", "可持续影响指标"), "indicators", [])),
     "tree.level1_empty", W, "效益指标", "name", ["没有任何三级指标"]),
    ("unrecognised", set_value("培训合格率", "90%-95%"), "value.unrecognised", W,
     "产出指标 › 质量指标 › 培训合格率", "value", ["≥90%"]),
    ("month-day-without-year", set_value("培训完成时间", "11月30日前"), "value.unrecognised", W,
     "产出指标 › 时效指标 › 培训完成时间", "value", ["2023年11月30日前"]),
    ("date-last-year", set_value("培训完成时间", "2022年11月30日"), "value.date_out_of_year", W,
     "产出指标 › 时效指标 › 培训完成时间", "value", ["早于本表年度 2023 年"]),
    ("date-far", set_value("培训完成时间", "2033年11月30日"), "value.date_out_of_year", W,
     "产出指标 › 时效指标 › 培训完成时间", "value", ["太远"]),
    ("year-in-text", set_value("教育公平水平", "达到2019年全省平均水平"), "value.year_mismatch", W,
     "效益指标 › 可持续影响指标 › 教育公平水平", "value", ["2019", "2023"]),
    ("no-unit", set_value("教师培训人次", "=800"), "value.no_unit", W,
     "产出指标 › 数量指标 › 教师培训人次", "value", ["计量单位"]),
    ("task-unnamed", setattr_(task(2), "name", ""), "task.name_empty", W, "年度主要任务 第3行 任务名称", "name",
     ["第3行"]),
    ("task-duplicate", setattr_(task(2), "name", "公用经费"), "task.name_duplicate", W,
     "年度主要任务 第3行 任务名称", "name", ["第2行"]),
    ("fill-date-far", setattr_(lambda f: f.people, "fill_date", "2019年12月20日"), "people.fill_date_far", W,
     "填报日期", "fill_date", ["2019"]),
    # hints
    ("ascii-comparator", set_value("培训合格率", ">=95%"), "value.comparator_spelling", H,
     "产出指标 › 质量指标 › 培训合格率", "value", ["“>=”", "≥95%"]),
    ("full-width", set_value("资助学生人数", "≥１，２００人"), "value.comparator_spelling", H,
     "产出指标 › 数量指标 › 资助学生人数", "value", ["≥1200人"]),
    ("percent-words", set_value("培训合格率", "95%以上"), "value.unit_wording", H,
     "产出指标 › 质量指标 › 培训合格率", "value", ["≥95%"]),
    ("quantity-text", set_value("资助学生人数", "应助尽助"), "quantity.not_number", H,
     "产出指标 › 数量指标 › 资助学生人数", "value", ["数字+单位"]),
    ("cost-not-money", set_value("教师培训成本", "≤3次"), "cost.not_money", H,
     "产出指标 › 成本指标 › 教师培训成本", "value", ["金额上限"]),
    ("cost-equals", set_value("教师培训成本", "=48万元"), "cost.direction", H,
     "产出指标 › 成本指标 › 教师培训成本", "value", ["≤48万元"]),
    ("satisfaction-equals", set_value("家长满意度", "=100%"), "satisfaction.not_percent_floor", H,
     "满意度指标 › 服务对象满意度指标 › 家长满意度", "value", ["≥90%"]),
    ("satisfaction-text", set_value("家长满意度", "较好"), "satisfaction.not_percent_floor", H,
     "满意度指标 › 服务对象满意度指标 › 家长满意度", "value", ["百分比"]),
    ("time-equals", set_value("培训完成时间", "=30天"), "time.direction", H,
     "产出指标 › 时效指标 › 培训完成时间", "value", ["≤30天"]),
    ("rate-capped", set_value("培训合格率", "≤95%"), "rate.direction", H,
     "产出指标 › 质量指标 › 培训合格率", "value", ["≥95%"]),
    ("date-next-year", set_value("培训完成时间", "2024年3月31日"), "value.date_next_year", H,
     "产出指标 › 时效指标 › 培训完成时间", "value", ["之后"]),
    ("name-spaces", rename("培训合格率", " 培训合格率 "), "name.spaces", H,
     "产出指标 › 质量指标 › 培训合格率", "name", ["空格"]),
    ("content-empty", setattr_(task(0), "content", ""), "task.content_empty", H,
     "年度主要任务 第1行 主要内容", "content", ["主要内容"]),
    ("department-spaces", setattr_(lambda f: f, "department", "某县教育局 "), "form.department_spaces", H,
     "部门（单位）名称", "department", ["空格"]),
    ("task-name-spaces", setattr_(task(0), "name", "人员经费　"), "task.name_spaces", H,
     "年度主要任务 第1行 任务名称", "name", ["空格"]),
    ("level2-spaces", setattr_(lambda f: group(f, "产出指标", "质量指标"), "name", "质量指标 "), "tree.name_spaces", H,
     "产出指标 › 质量指标", "name", ["空格"]),
    ("fill-date-text", setattr_(lambda f: f.people, "fill_date", "十二月"), "people.fill_date_unreadable", H,
     "填报日期", "fill_date", ["2022年1月10日"]),
    ("phone-name", setattr_(lambda f: f.people, "phone", "李明"), "people.phone_format", H, "联系电话", "phone",
     ["栏目"]),
    ("goal-blank-line", lambda f: f.goals.append(Goal("")), "goals.empty_line", H, "年度总体目标 目标3", "text",
     ["目标3"]),
    ("control-in-department", setattr_(lambda f: f, "department", "某县\x1b]0;x\x07教育局"), "text.control_chars", W,
     "部门（单位）名称", "department", ["U+001B", "U+0007"]),
    ("bidi-in-name", rename("培训合格率", "培训合格率\u202eexe.fdp"), "text.bidi_override", E,
     "产出指标 › 质量指标 › 培训合格率<U+202E>exe.fdp", "name", ["U+202E", "pdf.exe"]),
]


def test_every_rule_in_the_catalogue_has_a_one_defect_table():
    # print.missing_glyph needs a print-font predicate: tests/domain/test_validation_print.py
    covered = {case[2] for case in CASES} | {"tree.empty", "name.spaces", "print.missing_glyph"}
    covered |= {r for r in RULES if r.startswith("template.")}  # tests/domain/test_validation_template.py
    covered |= {r for r in RULES if r.startswith("self.")}  # tests/domain/test_validation_self_eval.py
    covered |= {r for r in RULES if r.startswith(("project.", "funds."))}  # tests/domain/test_validation_project.py
    assert set(RULES) - covered == set()


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_one_defect_is_reported_where_it_is_and_nothing_else_is_an_error(case):
    _, change, rule, severity, label, field, words = case
    form = education_2023()
    change(form)
    problems = validate_form(form)
    matching = [p for p in problems if p.rule_id == rule]
    assert matching, f"{rule} not reported; got {[(p.rule_id, p.message) for p in problems]}"
    problem = matching[0]
    assert (problem.severity, problem.place.label, problem.place.field) == (severity, label, field)
    assert RULES[rule].severity is severity
    for word in words:
        assert word in problem.message, problem.message
    others = [p for p in problems if p.severity is E and p.rule_id != rule]
    assert others == [], [(p.rule_id, p.message) for p in others]



@pytest.mark.parametrize("name, value, level2", [
    ("信息中心网络系统故障率", "≤5%", "质量指标"),
    ("群众投诉率", "≤1%", "质量指标"),
    ("资金发放差错率", "<0.5%", "质量指标"),
    ("年度维护成本增长率", "≤10%", "成本指标"),
    ("临聘人员占比", "≤30%", "质量指标"),
    ("服务质量", "有效提升", "质量指标"),
    ("设备采购完成时间", "2023年12月底前", "时效指标"),
    ("问题整改完成时限", "≤30个工作日", "时效指标"),
    ("人均办公经费", "≤1.05万元/人", "成本指标"),
    ("营业收入增长率", "≥120%", "质量指标"),  # growth may pass 100%: a warning, never an error
])
def test_legitimate_real_values_are_not_errors_and_mostly_not_nagged(name, value, level2):
    form = education_2023()
    group(form, "产出指标", level2).indicators.append(Indicator(name, value))
    problems = validate_form(form)
    assert not [p for p in problems if p.severity is E]
    if name == "营业收入增长率":
        assert [p.rule_id for p in problems] == ["value.percent_range_change"]
    else:
        assert problems == []


def test_the_2021_framework_puts_cost_as_a_level1():
    form = labour_2021_framework()
    form.level1("产出指标").children.append(Level2("成本指标", [Indicator("场地租赁费", "≤20万元")]))
    errors = [p for p in validate_form(form) if p.severity is E]
    assert [(p.rule_id, p.place.label) for p in errors] == [("tree.level2_not_allowed", "产出指标 › 成本指标")]
    assert "2015" in errors[0].message
    as_2015 = labour_2021_framework()
    as_2015.framework = "2015"
    level1_errors = [p for p in validate_form(as_2015) if p.rule_id == "tree.level1_unknown"]
    assert [p.place.label for p in level1_errors] == ["成本指标"] and "2021" in level1_errors[0].message


def test_the_2021_cost_level1_follows_cost_conventions():
    form = labour_2021_framework()
    ind(form, "招聘会场地租赁费").value = "≤2000万元"
    assert [p.rule_id for p in validate_form(form)] == ["cost.cap_over_budget"]


def test_sum_fix_fills_only_a_blank_cell():
    form = education_2023()
    form.tasks[1].other = None
    problem = next(p for p in validate_form(form) if p.rule_id == "money.sum_mismatch")
    assert problem.fix is not None and "5.00" in problem.fix.label
    apply_fix(form, problem.fix)
    assert form.tasks[1].other == D("5.0") and validate_form(form) == []
    typed = education_2023()
    typed.tasks[1].total = D("88.3")
    assert next(p for p in validate_form(typed) if p.rule_id == "money.sum_mismatch").fix is None


def test_total_left_blank_is_filled_from_its_parts():
    form = education_2023()
    form.tasks[0].total = None
    problem = next(p for p in validate_form(form) if p.rule_id == "money.sum_mismatch")
    apply_fix(form, problem.fix)
    assert form.tasks[0].total == D("1200.50") and validate_form(form) == []


def test_a_legacy_rename_that_would_collide_offers_no_fix():
    form = education_2023()
    form.level1("满意度指标").children.append(Level2("满意度指标", [Indicator("教师满意度", "≥90%")]))
    problem = next(p for p in validate_form(form) if p.rule_id == "tree.level2_not_allowed")
    assert problem.fix is None and "移到“服务对象满意度指标”下" in problem.message


def test_fixes_undo_to_the_exact_old_values():
    form = education_2023()
    ind(form, "培训合格率").value = ">= 95 ％"
    form.department = " 某县教育局 "
    for problem in validate_form(form):
        assert problem.fix is not None
        undo = apply_fix(form, problem.fix)
        apply_op(form, undo)
    assert ind(form, "培训合格率").value == ">= 95 ％" and form.department == " 某县教育局 "


def test_problems_come_errors_first_then_in_printed_order():
    form = education_2023()
    form.department = ""
    ind(form, "家长满意度").value = "=100%"  # hint, last in print
    ind(form, "培训合格率").value = "≥105%"  # error in the middle
    form.tasks[2].name = ""  # warning near the top
    ind(form, "资助学生人数").value = "≥1200"  # warning before the error's row
    problems = validate_form(form)
    assert [(p.severity, p.rule_id) for p in problems] == [
        (E, "form.department_missing"),
        (E, "value.percent_range"),
        (W, "task.name_empty"),
        (W, "value.no_unit"),
        (H, "satisfaction.not_percent_floor"),
    ]
    assert Severity.ERROR > Severity.WARNING > Severity.HINT
    assert sorted([H, E, W], reverse=True) == [E, W, H]


def test_the_same_text_in_different_rows_is_judged_by_each_row():
    """Findings are worked out once per distinct text; the row's name, 二级 and id still count."""
    form = education_2023()
    # A percentage over 100: an error for a rate, only a warning for a growth figure.
    ind(form, "培训合格率").value = "≥120%"
    ind(form, "义务教育巩固率").value = "≥120%"
    ind(form, "义务教育巩固率").name = "义务教育巩固率增长"
    # The same capped rate: wrong direction for a pass rate, right for an accident rate.
    ind(form, "资助资金发放准确率").value = "≤3%"
    ind(form, "校舍安全事故发生率").value = "≤3%"
    # The same text is a fine quantity and an odd cost.
    ind(form, "资助学生人数").value = "≥1200人"
    ind(form, "教师培训成本").value = "≥1200人"
    # One mis-spelled text in two rows: each fix edits its own row.
    ind(form, "受助学生满意度").value = ">=90%"
    ind(form, "家长满意度").value = ">=90%"
    found = {(p.rule_id, p.place.label.split(" › ")[-1]) for p in validate_form(form)}
    assert ("value.percent_range", "培训合格率") in found
    assert ("value.percent_range_change", "义务教育巩固率增长") in found
    assert ("value.percent_range", "义务教育巩固率增长") not in found
    assert ("rate.direction", "资助资金发放准确率") in found
    assert not any(rule == "rate.direction" and name == "校舍安全事故发生率" for rule, name in found)
    assert not any(name == "资助学生人数" for _, name in found)
    assert ("cost.not_money", "教师培训成本") in found
    fixes = [p.fix for p in validate_form(form) if p.rule_id == "value.comparator_spelling"]
    assert sorted(fix.edits[0].ref_id for fix in fixes) == sorted(
        [ind(form, "受助学生满意度").id, ind(form, "家长满意度").id])
    assert all(fix.edits[0].value == "≥90%" for fix in fixes)


@pytest.mark.parametrize(("name", "word"), [
    ("政府采购成本成本", "成本"), ("家长满意度满意度", "满意度"), ("准确率率", "率"), ("培训费费用", "费"),
    ("第1期成本成本2", "成本"), ("人人参保率", None), ("培训成本2成本", None), ("12121212人", None),
    ("保障在职人员数量", None), ("", None),
])
def test_doubled_words_are_found_whatever_surrounds_them(name, word):
    from perfdesk.domain.validation.rules_names import doubled_word

    assert doubled_word(name) == word


@pytest.mark.parametrize(("a", "b"), [
    ("保障人数", "保障 人数"), ("保障人数", "保障\u3000人数"), ("保障人数", " 保障人数\t"), ("１２号楼", "12号楼"),
])
def test_names_that_differ_only_in_width_or_spaces_are_duplicates(a, b):
    from perfdesk.domain.validation.rules_names import name_key

    assert name_key(a) == name_key(b)
    assert name_key("保障人数") != name_key("保障人员")


@pytest.mark.parametrize(("typed", "fixed"), [
    ("不低于95%", "≥95%"), ("大于等于 95 ％", "≥95%"), ("不超过24小时", "≤24小时"), ("至少800人次", "≥800人次"),
    ("不晚于2023年11月30日", "≤2023年11月30日"), ("低于1%", "<1%"),
])
def test_a_comparator_written_in_words_is_understood_and_offered_as_a_fix(typed, fixed):
    form = education_2023()
    ind(form, "培训合格率").value = typed
    problems = [p for p in validate_form(form) if p.place.label.endswith("培训合格率")]
    assert [p.rule_id for p in problems] == ["value.unit_wording"]
    assert problems[0].severity is H and problems[0].fix is not None
    assert problems[0].fix.edits[0].value == fixed and ind(form, "培训合格率").value == typed  # kept as typed
    apply_fix(form, problems[0].fix)
    assert not [p for p in validate_form(form)
                if p.place.label.endswith("培训合格率") and p.rule_id.startswith("value.")]


@pytest.mark.parametrize("typed", ["不低于良好", "高于上年水平", "不低于90%以上"])
def test_words_without_a_plain_amount_are_not_guessed(typed):
    form = education_2023()
    ind(form, "培训合格率").value = typed
    rules = {p.rule_id for p in validate_form(form) if p.place.label.endswith("培训合格率")}
    assert "value.unit_wording" not in rules


def test_a_name_from_the_other_framework_says_which_framework_to_switch_to():
    form = education_2023()  # 2015 framework
    form.tree.append(Level1("成本指标", [Level2("经济成本指标", [Indicator("培训成本", "≤48万元")])]))
    messages = {p.place.label: p.message for p in validate_form(form) if p.rule_id.startswith("tree.")}
    assert "请把表的指标体系改为 2021" in messages["成本指标"] and "一级指标" in messages["成本指标"]
    form = labour_2021_framework()
    form.tree[0].children.append(Level2("成本指标", [Indicator("培训成本", "≤48万元")]))
    level2 = [p.message for p in validate_form(form)
              if p.rule_id == "tree.level2_not_allowed" and "“成本指标”" in p.message]
    assert level2 and "二级指标；如果本表按该体系填报，请把表的指标体系改为 2015" in level2[0]


def test_a_fix_chosen_before_words_were_typed_replaces_the_words_and_undoes_back():
    """The fix list can be a moment old: 把其他资金填为 5.00 chosen after the clerk typed 待定 there
    must leave one value in the cell, not words on screen and a hidden 5 in the sums."""
    form = education_2023()
    form.tasks[1].other = None
    problem = next(p for p in validate_form(form) if p.rule_id == "money.sum_mismatch")
    form.tasks[1].unparsed = {"other": "待定"}  # typed after that validation
    undo = apply_fix(form, problem.fix)
    assert (form.tasks[1].other, form.tasks[1].unparsed) == (D("5.0"), {})
    assert validate_form(form) == []
    apply_op(form, undo)
    assert (form.tasks[1].other, form.tasks[1].unparsed) == (None, {"other": "待定"})
