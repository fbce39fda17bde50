"""The CLI commands themselves; each is a thin call into store/domain services."""

from __future__ import annotations

import argparse
from pathlib import Path

from perfdesk.cli import command


def _summary(project) -> str:
    forms = len(project.forms)
    from perfdesk.commands.counts import indicators_in

    indicators = sum(indicators_in(f) for f in project.forms)
    return f"{forms} 张表，{indicators} 个三级指标"


def force_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="OUT.db 的锁已失效（打开它的程序已崩溃或在别的电脑上已关闭）时仍然写入")


def _out_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="OUT.db", help="要写入的项目文件（另一个 perfdesk 正打开它时拒绝写入）")
    force_argument(parser)


@command("sample", "写出内置示例项目（新疆巴州人社局 2022 年整体支出绩效目标表）", _out_db)
def cmd_sample(args: argparse.Namespace) -> int:
    from perfdesk.sample import sample_project
    from perfdesk.store import save_project
    from perfdesk.store.lock import held_for_writing

    project = sample_project()
    with held_for_writing(Path(args.out), force=args.force):
        save_project(project, Path(args.out))
    print(f"已写入示例项目：{args.out}（{_summary(project)}）")
    return 0


def _export_json_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.db", help="项目文件")
    parser.add_argument("out", metavar="OUT.json", help="要写入的 JSON 文件；写 - 表示输出到屏幕")


@command("export-json", "把项目导出为 JSON（无损，可用于比对和脚本）", _export_json_args)
def cmd_export_json(args: argparse.Namespace) -> int:
    import sys

    from perfdesk.domain import jsonform
    from perfdesk.store import open_project
    from perfdesk.textfile import refuse_same_file, write_text_atomic

    if args.out != "-":
        refuse_same_file(Path(args.file), Path(args.out))
    text = jsonform.dumps(open_project(Path(args.file)))
    if args.out == "-":
        sys.stdout.write(text)
    else:
        write_text_atomic(Path(args.out), text)
    return 0


def _import_json_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="IN.json", help="perfdesk 导出的 JSON 文件")
    _out_db(parser)


@command("import-json", "从 JSON 生成项目文件", _import_json_args)
def cmd_import_json(args: argparse.Namespace) -> int:
    from perfdesk.domain import jsonform
    from perfdesk.store import save_project
    from perfdesk.store.lock import held_for_writing
    from perfdesk.textfile import read_text, refuse_same_file

    refuse_same_file(Path(args.input), Path(args.out))
    project = jsonform.loads(read_text(Path(args.input)))
    with held_for_writing(Path(args.out), force=args.force):
        save_project(project, Path(args.out))
    print(f"已写入项目：{args.out}（{_summary(project)}）")
    return 0
