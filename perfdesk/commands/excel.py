"""``export-xlsx`` and ``import-xlsx``: the official table as an Excel workbook and back.

perfdesk.excel (and openpyxl) is imported inside the handlers, so other commands and
the GUI's start-up do not pay for it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from perfdesk.cli import command
from perfdesk.commands.core import force_argument


def _export_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.db", help="项目文件")
    parser.add_argument("out", metavar="OUT.xlsx", help="要写入的 Excel 工作簿（每张表一个工作表）")


@command("export-xlsx", "把项目导出为 Excel 工作簿（.xlsx），版式同纸质表，可再导入", _export_args)
def cmd_export_xlsx(args: argparse.Namespace) -> int:
    from perfdesk.commands.counts import indicators_in
    from perfdesk.excel import export_project_xlsx
    from perfdesk.store import open_project
    from perfdesk.textfile import refuse_same_file

    refuse_same_file(Path(args.file), Path(args.out))
    project = open_project(Path(args.file))
    export_project_xlsx(project, Path(args.out))
    indicators = sum(indicators_in(form) for form in project.forms)
    print(f"已导出：{args.out}（{len(project.forms)} 张表，{indicators} 个三级指标）")
    return 0


def _import_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "input", metavar="IN.xlsx", help="Excel 工作簿（.xlsx）：财政部门下发的模板或 perfdesk 导出的文件"
    )
    parser.add_argument("out", metavar="OUT.db", help="要写入的项目文件（另一个 perfdesk 正打开它时拒绝写入）")
    force_argument(parser)


@command("import-xlsx", "从 Excel 工作簿（.xlsx）导入绩效目标表，生成项目文件，并列出识别结果", _import_args)
def cmd_import_xlsx(args: argparse.Namespace) -> int:
    from perfdesk.commands.counts import indicators_in
    from perfdesk.excel import import_xlsx
    from perfdesk.excel.loading import MAX_COLUMNS, MAX_ROWS
    from perfdesk.store import save_project
    from perfdesk.store.lock import held_for_writing
    from perfdesk.textfile import refuse_same_file

    refuse_same_file(Path(args.input), Path(args.out))
    result = import_xlsx(Path(args.input))
    with held_for_writing(Path(args.out), force=args.force):
        save_project(result.project, Path(args.out))
    for line in result.notes:
        print(line)
    indicators = sum(indicators_in(form) for form in result.project.forms)
    print(f"已写入项目：{args.out}（{len(result.project.forms)} 张表，{indicators} 个三级指标）")
    if result.partial:
        import sys

        sheets = "、".join(f"“{title}”" for title in result.partial)
        print(f"错误：导入不完整：工作表{sheets}在第 {MAX_ROWS} 行或第 {MAX_COLUMNS} 列以外的内容没有读取，"
              "请删除多余内容或拆分后重新导入", file=sys.stderr)
        return 1
    return 0
