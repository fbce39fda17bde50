"""绩效自评表 scoring at the sizes of issue 17: a 200-row self-evaluation rescored after one edit,
and every self-evaluation of a department's 200 projects scored at once."""

from __future__ import annotations

from collections.abc import Callable

from common import clear_domain_caches, timings

from perfdesk.domain import self_eval
from perfdesk.domain.model import Form, Indicator
from perfdesk.domain.project import new_project_form

_ACTUALS = [("≥{n}人次", "{m}人次"), ("≥95%", "97%"), ("优良", "达成年度指标"), ("≤500元/人次", "550元/人次"),
            ("=100%", "100%"), ("≤2026年10月31日", "2026年11月15日"), ("有效提升", "部分达成年度指标并具有一定效果")]


def project_with_rows(rows: int, seed: int = 0) -> Form:
    form = new_project_form(2026, "mof-2015-project")
    form.fields = {"项目名称": f"项目{seed}"}
    groups = [l2 for l1 in form.tree for l2 in l1.children]
    for i in range(rows):
        target, _ = _ACTUALS[i % len(_ACTUALS)]
        groups[i % len(groups)].indicators.append(Indicator(f"指标{i}", target.format(n=1000 + i)))
    return form


def filled_self_eval(rows: int, seed: int = 0) -> Form:
    form = self_eval.generate(project_with_rows(rows, seed))
    form.funds.update({"total.full_year": "120.00", "total.executed": "114.00"})
    for i, (_, _, row) in enumerate(form.iter_indicators()):
        _, actual = _ACTUALS[i % len(_ACTUALS)]
        extras = {**row.extras, "actual": actual.format(m=950 + i)}
        if i % len(_ACTUALS) in (2, 6):
            extras["score"] = "1.00"
        row.extras = extras
    return form


def scoring_rows(fast: int, absolute: Callable, say: Callable[[str], None]) -> list:
    say("self-evaluation scoring: 200 rows after an edit; 200 projects' self-evaluations")
    form = filled_self_eval(200)
    first = next(form.iter_indicators())[2]
    counter = iter(range(10**9))

    def edit_and_rescore() -> None:
        first.extras = {**first.extras, "actual": f"{900 + next(counter) % 100}人次"}
        self_eval.score_form(form)

    rows = [absolute("self-evaluation, 200 rows: rescore after one edit", timings(edit_and_rescore, fast * 3), 0.005)]
    forms = [filled_self_eval(40, seed) for seed in range(200)]
    rows.append(absolute("200 projects' self-evaluations (40 rows each): score all",
                         timings(lambda: [self_eval.score_form(f) for f in forms], fast, setup=clear_domain_caches),
                         0.200))
    return rows
