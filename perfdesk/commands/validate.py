"""``validate``: the reviewers' checks (审核) over a project file, for people and scripts.

Every form of the file is checked (a 部门整体 table and its project tables); in a file of
several forms each problem names its form (the department, or the 项目名称).
Exit code 0 when no form has an error (warnings and hints allowed), 1 when any
has, 2 when the file cannot be read or the form number does not exist.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfdesk.cli import command

if TYPE_CHECKING:
    from perfdesk.domain.model import Form
    from perfdesk.domain.validation import Problem, Severity


def _order() -> tuple[Severity, ...]:
    from perfdesk.domain.validation import Severity

    return (Severity.ERROR, Severity.WARNING, Severity.HINT)


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.db", help="项目文件")
    parser.add_argument("--json", action="store_true", help="输出 JSON 列表（供脚本使用）")
    parser.add_argument("--form", type=int, metavar="N", help="只审核第 N 张表（从 1 开始）")


def summary_line(problems: list[Problem]) -> str:
    from perfdesk.domain.validation import Severity

    counts = {severity: 0 for severity in _order()}
    for problem in problems:
        counts[problem.severity] += 1
    return (f"共 {counts[Severity.ERROR]} 个错误、{counts[Severity.WARNING]} 个警告、"
            f"{counts[Severity.HINT]} 个提示")


def form_name(form: Form) -> str:
    """What a clerk calls the form: the 项目名称 of a project table (and of a 自评表 made from one),
    else the department."""
    from perfdesk.domain.model import KIND_PROJECT

    if form.kind == KIND_PROJECT or "项目名称" in form.fields:
        return form.fields.get("项目名称", "").strip() or "（未填写项目名称）"
    return form.department.strip() or "（未填写单位）"


def _human(number: int, form: Form, problems: list[Problem], named: bool) -> list[str]:
    lines = [f"第{number}张表：{form.display_name} {form.kind_title}"]
    prefix = f"第{number}张表“{form_name(form)}” › " if named else ""
    if not problems:
        lines.append("  未发现问题。")
    for severity in _order():
        group = [p for p in problems if p.severity is severity]
        if not group:
            continue
        lines.append(f"{severity.value}（{len(group)}）")
        for index, problem in enumerate(group, start=1):
            lines.append(f"  {index}. 【{prefix}{problem.place.label}】{problem.message}")
            if problem.fix is not None:
                lines.append(f"     可一键修正：{problem.fix.label}")
    lines.append(summary_line(problems))
    return lines


def _record(number: int, form: Form, problem: Problem) -> dict[str, Any]:
    return {
        "form": number,
        "form_name": form_name(form),
        "rule_id": problem.rule_id,
        "severity": problem.severity.value,
        "place": problem.place.label,
        "field": problem.place.field,
        "message": problem.message,
        "fix": problem.fix.label if problem.fix is not None else None,
    }


def _stdout_is_unicode() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding.startswith("utf")


@command("validate", "审核项目中的绩效目标表，列出错误、警告和提示（有错误时退出码为 1）", _arguments)
def cmd_validate(args: argparse.Namespace) -> int:
    from perfdesk.domain.validation import ValidationSettings, has_errors, validate_form
    from perfdesk.report import printable_predicate
    from perfdesk.store import open_project

    project = open_project(Path(args.file))
    numbered = list(enumerate(project.forms, start=1))
    if args.form is not None:
        if not 1 <= args.form <= len(numbered):
            print(f"错误：项目中只有 {len(numbered)} 张表，没有第 {args.form} 张。", file=sys.stderr)
            return 2
        numbered = [numbered[args.form - 1]]
    # Characters the PDF cannot print are found with the default print font's chain.
    settings = ValidationSettings(printable=printable_predicate())
    results = [(number, form, validate_form(form, settings, project)) for number, form in numbered]
    if args.json:
        records = [_record(number, form, p) for number, form, problems in results for p in problems]
        # On a GBK console '›' cannot be printed; \u escapes keep the JSON exact.
        sys.stdout.write(json.dumps(records, ensure_ascii=not _stdout_is_unicode(), indent=2) + "\n")
    else:
        if not results:
            print("项目中没有表，无需审核。")
        named = len(project.forms) > 1
        for number, form, problems in results:
            print("\n".join(_human(number, form, problems, named)))
            print()
        if len(results) > 1:
            print(f"全部 {len(results)} 张表：{summary_line([p for _, _, ps in results for p in ps])}")
    return 1 if any(has_errors(problems) for _, _, problems in results) else 0
