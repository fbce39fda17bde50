"""How many 三级指标 a table holds, as the CLI summaries print it: both sides of a project table."""

from __future__ import annotations

from perfdesk.domain.model import Form


def _side(form: Form, horizon: str) -> int:
    return sum(1 for _ in form.iter_indicators(horizon))


def indicators_in(form: Form) -> int:
    """Every 三级指标 of the table: the 年度 side plus, on a project table, the 中期 side."""
    return _side(form, "year") + _side(form, "mid")


def indicators_text(form: Form) -> str:
    """``500 个三级指标（中期 250、年度 250）`` when the table has a 中期 side in use, else ``N 个三级指标``."""
    mid, year = _side(form, "mid"), _side(form, "year")
    if not mid:
        return f"{year} 个三级指标"
    return f"{mid + year} 个三级指标（中期 {mid}、年度 {year}）"
