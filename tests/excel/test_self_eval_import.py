"""Issue 17 item 6: 绩效自评表 workbooks (the 一体化 export shape) imported as ``self_evaluation`` forms,
every filled cell placed or listed, typed scores kept and compared with the rules."""

from __future__ import annotations

import pytest
from mainrun import run_main
from openpyxl import load_workbook
from self_eval_workbooks import chizhou_workbook, clean_workbook

from perfdesk.domain import self_eval
from perfdesk.domain.validation import validate_form
from perfdesk.excel import import_xlsx

SCORE_RULES = {"self.score_differs", "self.outside_band", "self.score_out_of_range"}


def _rows(form):
    return {ind.name: (l1.name, l2.name, ind.value, dict(ind.extras)) for l1, l2, ind in form.iter_indicators()}


def _has(notes, *parts):
    return any(all(p in line for p in parts) for line in notes)


def test_the_chizhou_export_lands_field_by_field_with_its_defects_kept(tmp_path):
    result = import_xlsx(chizhou_workbook(tmp_path / "chizhou.xlsx"))
    (form,) = result.project.forms
    assert (form.kind, form.template, form.year) == ("self_evaluation", "mof-2020", 2022)
    assert form.fields == {
        "项目名称": "委托业务项目", "主管部门": "池州市贵池区棠溪镇人民政府", "实施单位": "棠溪镇财政所",
        "实际完成情况": "全年完成委托业务 50 个，运转正常。",
        "填报预算执行率": "0.00%", "填报预算得分": "0", "填报总分": "100",
    }
    # the 年度资金总额 row all 0 while 其中：本年财政拨款 holds the money: kept as typed, for 审核
    assert form.funds == {
        "total.initial": "0", "total.full_year": "0", "total.executed": "0", "total.weight": "10",
        "fiscal.initial": "90", "fiscal.full_year": "89.974", "fiscal.executed": "89.974",
    }
    assert [g.text for g in form.goals] == ["完成镇政府委托的各项业务，保障机构正常运转。"]
    assert [l1.name for l1 in form.tree] == ["产出指标", "效益指标", "满意度指标"]  # "(50分)" dropped
    assert [l2.name for l2 in form.tree[1].children] == ["社会效益指标", "经济效益指标"]  # the empty row's group
    assert form.tree[1].children[1].indicators == []
    rows = _rows(form)
    assert rows["业务完成合格率"] == ("产出指标", "质量指标", "≥100百分比", {"actual": "100", "weight": "10"})
    assert rows["委托业务数量"][2:] == ("≥50个", {"actual": "50", "weight": "20"})  # typed 20 = computed: not frozen
    assert rows["委托业务成本"][2:] == ("≤90万元", {"actual": "90", "weight": "10"})
    assert rows["服务群众能力"][3] == {"actual": "达成预期指标", "weight": "30", "score": "30"}  # 定性: typed kept
    assert rows["完成及时性"][3]["score"] == "10"
    assert form.people.preparer == "王某某" and form.people.phone == "0566-1234567"
    assert result.unplaced == []
    notes = result.notes
    assert _has(notes, "识别为项目支出绩效自评表", "委托业务项目", "三级指标 6 个")
    assert _has(notes, "填报总分 100，按规则计算 90.00")
    assert _has(notes, "填报执行率 0.00%，按规则计算 —")
    assert _has(notes, "1 行只有指标分类、没有三级指标")
    problems = {p.rule_id for p in validate_form(form)}
    assert "self.fund_sum" in problems and "self.budget_missing" in problems  # the all-0 total row


def test_a_clean_workbook_lands_field_by_field_and_its_typed_scores_agree(tmp_path):
    result = import_xlsx(clean_workbook(tmp_path / "clean.xlsx"))
    (form,) = result.project.forms
    assert form.year == 2024 and form.fields["填报总分"] == "98.5" and form.fields["填报预算执行率"] == "95.00%"
    assert form.funds["total.full_year"] == "100.00" and form.funds["carryover.executed"] == "19"
    assert "other.initial" not in form.funds
    assert [g.text for g in form.goals] == ["全年培训 1000 人次。", "培训合格率不低于 95%。"]
    rows = _rows(form)
    assert rows["培训人次"] == ("产出指标", "数量指标", "≥1000人次",
                            {"actual": "950人次", "weight": "20", "deviation": "报名人数不足，明年提前宣传"})
    assert rows["就业能力"][3]["actual"] == "达成年度指标：结业学员就业率 85%"
    scored = self_eval.score_form(form)
    assert scored.total.total == 98.5 and scored.budget is not None and scored.budget.score == 9.5
    assert result.unplaced == []
    assert _has(result.notes, "填报总分 98.5，与按规则计算的一致")
    assert not any(p.rule_id in SCORE_RULES for p in validate_form(form))
    assert not any("⚠" in line for line in result.notes)


@pytest.mark.parametrize(
    ("scores", "rule", "row"),
    [
        ({"培训人次": 20}, "self.score_differs", "培训人次"),  # the rules give 19.00
        ({"培训合格率": 18}, "self.score_out_of_range", "培训合格率"),  # above its 分值 15
        ({"就业能力": 12}, "self.outside_band", "就业能力"),  # 达成年度指标 is 24–30 of 30
    ],
)
def test_a_typed_score_that_disagrees_is_kept_and_reported_by_audit(tmp_path, scores, rule, row):
    result = import_xlsx(clean_workbook(tmp_path / "bad.xlsx", scores, total=99.5))
    (form,) = result.project.forms
    typed = next(i for _, _, i in form.iter_indicators() if i.name == row)
    assert typed.extras["score"] == str(scores[row])
    found = [p for p in validate_form(form) if p.rule_id in SCORE_RULES]
    assert {p.rule_id for p in found} == {rule} and all(row in p.place.label for p in found)
    assert _has(result.notes, f"“{row}”填报得分 {scores[row]}，按规则计算")
    computed = self_eval.score_form(form).total.total  # a 定性 row counts its typed score
    assert computed != 99.5 and _has(result.notes, f"填报总分 99.5，按规则计算 {computed}")


def test_import_xlsx_on_the_command_line_prints_what_it_found(tmp_path):
    source = chizhou_workbook(tmp_path / "chizhou.xlsx")
    db = tmp_path / "se.db"
    result = run_main("import-xlsx", str(source), str(db), text=True)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "识别为项目支出绩效自评表" in out and "委托业务项目" in out
    assert "填报总分 100，按规则计算 90.00" in out and "已写入项目" in out
    listed = run_main("forms", str(db), text=True)
    assert listed.returncode == 0 and "委托业务项目" in listed.stdout


def test_a_department_self_evaluation_is_read_as_the_department_variant(tmp_path):
    path = clean_workbook(tmp_path / "dept.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    ws["A1"] = "部门（单位）整体支出绩效自评表"
    ws["A3"] = "部门（单位）名称"
    ws["B3"] = "某县人力资源和社会保障局"
    ws.unmerge_cells("B4:E4")
    ws.unmerge_cells("G4:I4")
    for ref in ("A4", "B4", "F4", "G4"):
        ws[ref] = None
    ws["A5"] = "预算执行情况（万元）"
    wb.save(path)
    result = import_xlsx(path)
    (form,) = result.project.forms
    assert (form.template, form.department) == ("dept-self-eval", "某县人力资源和社会保障局")
    assert "项目名称" not in form.fields and form.funds["total.executed"] == "95.00"
    assert result.unplaced == []


def test_a_cell_with_no_place_is_listed_never_dropped(tmp_path):
    path = clean_workbook(tmp_path / "extra.xlsx")
    wb = load_workbook(path)
    wb.active["H7"] = 0.95  # a sub-row 执行率: the table has no place for it
    wb.save(path)
    result = import_xlsx(path)
    assert ("自评表", "H7", "0.95") in result.unplaced


def test_an_amount_given_by_a_formula_is_read_from_its_saved_result(tmp_path):
    import io
    import re
    import zipfile

    path = clean_workbook(tmp_path / "sum.xlsx")
    wb = load_workbook(path)
    wb.active["F6"] = "=F7+F8+F9"  # 年度资金总额 全年执行数 as a formula
    wb.save(path)
    source, buffer = zipfile.ZipFile(path), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:  # as Excel saves it: with the result
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rb"(<f>F7\+F8\+F9</f>)<v\s*/>", rb"\g<1><v>95</v>", data)
                assert count == 1
            target.writestr(item, data)
    path.write_bytes(buffer.getvalue())
    (form,) = import_xlsx(path).project.forms
    assert form.funds["total.executed"] == "95.00"  # as its 0.00 format shows it
