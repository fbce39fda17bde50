"""``export-pdf``: print a form of a project file to PDF, headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from perfdesk.cli import command
from perfdesk.errors import FileReadError


def _export_pdf_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.db", help="项目文件")
    parser.add_argument("out", metavar="OUT.pdf", help="要写入的 PDF 文件（已存在时覆盖）")
    parser.add_argument("--form", type=int, default=1, metavar="N", help="导出第 N 张表（从 1 开始，默认 1）")
    parser.add_argument("--landscape", action="store_true", help="横向打印（默认纵向）")
    parser.add_argument("--a3", action="store_true", help="用 A3 纸（默认 A4）")
    parser.add_argument("--font", metavar="FONT.ttf", help="改用指定的 TrueType 字体（.ttf/.ttc），须能嵌入 PDF")
    parser.add_argument("--no-signature", action="store_true", help="不打印表下的签字盖章栏")


@command("export-pdf", "把一张表导出为可打印的 PDF（A4 纵向，字体嵌入）", _export_pdf_args)
def cmd_export_pdf(args: argparse.Namespace) -> int:
    from perfdesk.report import PdfOptions, render_form_pdf
    from perfdesk.store import open_project
    from perfdesk.textfile import refuse_same_file

    refuse_same_file(Path(args.file), Path(args.out))
    project = open_project(Path(args.file))
    if not project.forms:
        raise FileReadError(f"“{Path(args.file).name}”中没有表，无法导出")
    if not 1 <= args.form <= len(project.forms):
        raise FileReadError(f"“{Path(args.file).name}”中只有 {len(project.forms)} 张表，没有第 {args.form} 张")
    form = project.forms[args.form - 1]
    options = PdfOptions(
        page_size="A3" if args.a3 else "A4",
        landscape=args.landscape,
        font_path=args.font,
        signature_block=not args.no_signature,
    )
    pages = render_form_pdf(form, Path(args.out), options)
    print(f"已导出 PDF：{args.out}（{form.display_name}，共 {pages} 页）")
    _warn_unprintable(form, args.font)
    _warn_unknown_template(form)
    return 0


def _warn_unknown_template(form) -> None:  # noqa: ANN001
    from perfdesk.domain.forms import template_of

    template = template_of(form)
    if template.id != form.template:
        print(f"警告：表样“{form.template}”在本机没有定义，已按“{template.name}”打印", file=sys.stderr)


def _texts(form) -> Iterator[str]:  # noqa: ANN001
    yield form.department
    yield from form.fields.values()
    yield from vars(form.people).values()
    for task in form.tasks:
        yield task.name
        yield task.content
        yield from task.unparsed.values()
    for goal in form.goals:
        yield goal.text
    for level1 in form.tree:
        yield level1.name
        for level2 in level1.children:
            yield level2.name
            for indicator in level2.indicators:
                yield indicator.name
                yield indicator.value
                yield from indicator.extras.values()


def _all_gbk(form) -> bool:  # noqa: ANN001
    """Every text is GBK, which the bundled fonts cover whole: nothing to look up (nor to import)."""
    try:
        for text in _texts(form):
            text.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def _warn_unprintable(form, font_path: str | None) -> None:
    """One stderr line per cell with characters no font could print (they are blank on paper)."""
    if _all_gbk(form):
        return
    from perfdesk.domain.validation.rules_print import describe, unprintable_cells
    from perfdesk.report import printable_predicate

    for place, chars in unprintable_cells(form, printable_predicate(font_path)):
        print(f"警告：【{place.label}】中的 {describe(chars)} 没有可用的打印字体，在 PDF 中是空白", file=sys.stderr)
