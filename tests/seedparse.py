"""An independent reader of the seed text (a PDF's tab-separated extraction).

Used only by tests, to check the bundled sample against the published table.
"""

from __future__ import annotations

import re
from pathlib import Path

SEED = Path(__file__).parent / "fixtures" / "seed_000.txt"


def read_seed(path: Path = SEED) -> dict:
    lines = path.read_text(encoding="utf-8").splitlines()
    department = year = None
    tasks: list[tuple[str, str, str, str, str]] = []
    goals: list[str] = []
    indicators: list[tuple[str, str, str, str]] = []
    in_indicators = False
    level1 = "产出指标"
    for line in lines:
        fields = [f.strip() for f in line.split("\t")]
        cells = [f for f in fields if f]
        if not cells:
            continue
        if m := re.match(r"^[(（](\d{4})年", cells[0]):
            year = int(m.group(1))
        elif cells[0] == "部门（单位）名称":
            department = cells[1]
        elif cells[0] == "年度总体目标":
            goals = [g.strip() for g in re.split(r"目标\d+[:：]\s*", cells[1]) if g.strip()]
        elif cells == ["一级指标", "二级指标", "三级指标", "指标值"]:
            in_indicators = True
        elif in_indicators:
            if len(cells) == 4:
                level1 = cells[0]
                cells = cells[1:]
            if len(cells) == 3:
                indicators.append((level1, cells[0], cells[1], cells[2]))
        elif len(cells) == 5 and re.fullmatch(r"[\d.]+", cells[2]):
            name = "" if cells[0] == "年度主要任务" else cells[0]  # the block label, not a name
            tasks.append((name, cells[1], cells[2], cells[3], cells[4]))
    return {"department": department, "year": year, "tasks": tasks, "goals": goals, "indicators": indicators}
