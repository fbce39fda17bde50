"""The bundled sample is the published seed table, verbatim (flaws included)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from seedparse import read_seed

from perfdesk.domain.values import parse_value
from perfdesk.sample import sample_project


def test_sample_matches_the_seed_table():
    seed = read_seed()
    form = sample_project().forms[0]
    assert form.department == seed["department"] == "新疆巴州人力资源和社会保障局"
    assert form.year == seed["year"] == 2022
    assert [(t.name, t.content, t.total, t.fiscal, t.other) for t in form.tasks] == [
        (n, c, Decimal(a), Decimal(b), Decimal(o)) for n, c, a, b, o in seed["tasks"]
    ]
    assert form.sums() == (Decimal("2738.67"), Decimal("2738.67"), Decimal("0"))
    assert [g.text for g in form.goals] == seed["goals"] and len(seed["goals"]) == 9
    ours = [(l1.name, l2.name, ind.name, ind.parsed.canonical) for l1, l2, ind in form.iter_indicators()]
    theirs = [(l1, l2, name, parse_value(value).canonical) for l1, l2, name, value in seed["indicators"]]
    assert ours == theirs and len(ours) == 70
    assert Counter(l2 for _, l2, _, _ in ours) == {
        "数量指标": 20, "质量指标": 13, "时效指标": 13, "成本指标": 14,
        "经济效益指标": 1, "社会效益指标": 2, "可持续影响指标": 2, "满意度指标": 5,
    }


def test_sample_keeps_the_published_flaws():
    form = sample_project().forms[0]
    names = {ind.name: ind for _, _, ind in form.iter_indicators()}
    assert not names["设备采购完成时间"].parsed.date_exists  # 2022年11月31日
    assert "政府采购成本成本" in names
    assert form.level1("满意度指标").children[0].name == "满意度指标"  # not in the framework
