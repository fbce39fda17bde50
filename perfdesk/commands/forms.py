"""``forms``: the tables of a project file, numbered as ``--from N`` and ``--form N`` count them;
``self-eval``: a 绩效自评表 generated from one of them, added to the same file."""

from __future__ import annotations

import argparse
from pathlib import Path

from perfdesk.cli import command
from perfdesk.errors import PerfdeskError

_KIND_NAMES = {"department_overall": "部门整体", "project": "项目支出", "self_evaluation": "绩效自评"}


def _file_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.db", help="项目文件")


@command("forms", "列出项目文件中的各张表（序号、表种、表样、名称、三级指标数）", _file_argument)
def cmd_forms(args: argparse.Namespace) -> int:
    from perfdesk.commands.counts import indicators_text
    from perfdesk.store import repository_for

    project = repository_for(Path(args.file)).load()
    for number, form in enumerate(project.forms, start=1):
        kind = _KIND_NAMES.get(form.kind, form.kind)
        print(f"{number}\t{kind}\t{form.template}\t{form.display_name}\t{indicators_text(form)}")
    return 0


def _self_eval_arguments(parser: argparse.ArgumentParser) -> None:
    _file_argument(parser)
    parser.add_argument("--from", dest="source", metavar="N", type=int, required=True,
                        help="从第 N 张表（项目支出或部门整体绩效目标表，序号见 forms 命令）生成")
    parser.add_argument("--profile", default="", help="计分方案，如 central-2020（默认）、hubei")
    from perfdesk.commands.core import force_argument

    force_argument(parser)


class SelfEvalRefused(PerfdeskError):
    """The chosen form cannot be evaluated (exit 1)."""


class NoSuchForm(PerfdeskError):
    """``--from N`` names no form of the file: exit 2, as ``export-pdf --form N`` and ``validate --form N``."""

    exit_code = 2


@command("self-eval", "从一张绩效目标表生成绩效自评表，加入同一个项目文件", _self_eval_arguments)
def cmd_self_eval(args: argparse.Namespace) -> int:
    from perfdesk.domain import self_eval
    from perfdesk.domain.scoring import ProfileError, get_profile
    from perfdesk.store import repository_for
    from perfdesk.store.lock import held_for_writing

    path = Path(args.file)
    try:
        get_profile(args.profile)
    except ProfileError as exc:
        raise SelfEvalRefused(str(exc)) from None
    with held_for_writing(path, force=args.force):
        repository = repository_for(path)
        project = repository.load()
        count = len(project.forms)
        if not 1 <= args.source <= count:
            raise NoSuchForm(f"“{path.name}”只有 {count} 张表，没有第 {args.source} 张（序号见 forms 命令）")
        source = project.forms[args.source - 1]
        try:
            form = self_eval.generate(source, args.profile)
        except self_eval.SelfEvalError as exc:
            kind = _KIND_NAMES.get(source.kind, source.kind)
            raise SelfEvalRefused(f"第 {args.source} 张表（{kind}）：{exc}") from None
        project.forms.append(form)
        repository.save(project)
    rows = form.indicator_count()
    print(f"已生成第 {len(project.forms)} 张表：{form.display_name} 绩效自评表"
          f"（{rows} 个三级指标，来自第 {args.source} 张表）")
    return 0
