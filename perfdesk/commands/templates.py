"""``templates``: the form kinds and province templates perfdesk knows, with their columns."""

from __future__ import annotations

import argparse

from perfdesk.cli import command

_KIND_NAMES = {"department_overall": "部门整体", "project": "项目支出", "self_evaluation": "绩效自评"}
_ORIENTATION = {"portrait": "A4 纵向", "landscape": "A4 横向"}


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    del parser


@command("templates", "列出表种和各地模板（编号、标题、表头字段和指标列）", _no_arguments)
def cmd_templates(args: argparse.Namespace) -> int:
    del args
    from perfdesk.domain.forms import templates

    for template in sorted(templates().values(), key=lambda t: (t.kind, not t.default, t.id)):
        kind = _KIND_NAMES.get(template.kind, template.kind)
        default = "（默认）" if template.default else ""
        print(f"{template.id}\t{kind}{default}\t{template.title}\t{template.name}")
        fields = "、".join(f.label + ("*" if f.required else "") for f in template.fields if f.printed)
        blocks = "、".join(b.label for b in template.blocks)
        levels = [lv.label for b in template.blocks for lv in b.levels]
        printed = [c for c in template.indicator_columns if c.printed]
        columns = "、".join(levels + [c.label + ("*" if c.required else "") for c in printed])
        grid = template.block("indicators")
        if grid is not None and len(grid.sides) > 1:
            columns += "（" + "、".join(side.label for side in grid.sides) + "两栏）"
        print(f"    表头：{fields}")
        print(f"    区块：{blocks}")
        print(f"    指标列：{columns}")
        print(f"    打印：{_ORIENTATION[template.orientation]}")
    print("（带 * 的为必填）")
    return 0
