"""``export-pdf``: print a form of a project file to PDF, headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from perfdesk.cli import command
from perfdesk.errors import FileReadError, FileWriteError, PerfdeskError


def _export_pdf_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.db", help="项目文件")
    parser.add_argument("out", metavar="OUT.pdf", nargs="?",
                        help="要写入的 PDF 文件（已存在时覆盖；用 --each 时不写）")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--form", type=int, metavar="N",
                       help="只导出第 N 张表（从 1 开始，即 validate 列出的“第N张表”）")
    which.add_argument("--all", action="store_true", help="所有表导出到一个 PDF，每张表从新的一页开始")
    which.add_argument("--each", metavar="DIR",
                       help="每张表导出为 DIR 中的一个 PDF，以项目名称（部门整体表以单位名称，"
                            "自评表再加“ 绩效自评表”）命名")
    parser.add_argument("--landscape", action="store_true", help="横向打印（默认纵向）")
    parser.add_argument("--a3", action="store_true", help="用 A3 纸（默认 A4）")
    parser.add_argument("--font", metavar="FONT.ttf", help="改用指定的 TrueType 字体（.ttf/.ttc），须能嵌入 PDF")
    parser.add_argument("--no-signature", action="store_true", help="不打印表下的签字盖章栏")


@command("export-pdf", "把表导出为可打印的 PDF（A4 纵向，字体嵌入；文件有多张表时全部导出）", _export_pdf_args)
def cmd_export_pdf(args: argparse.Namespace) -> int:
    from perfdesk.report import PdfOptions
    from perfdesk.store import open_project

    if args.each is None and args.out is None:
        raise PerfdeskError("缺少输出文件 OUT.pdf（或用 --each DIR 每张表导出一个 PDF）")
    if args.each is not None and args.out is not None:
        raise PerfdeskError(f"用 --each 时不要再写输出文件“{args.out}”：文件名取自各表的项目名称")
    source = Path(args.file)
    if args.out is not None:
        from perfdesk.textfile import refuse_same_file

        refuse_same_file(source, Path(args.out))
    project = open_project(source)
    if not project.forms:
        raise FileReadError(f"“{source.name}”中没有表，无法导出")
    if args.form is not None and not 1 <= args.form <= len(project.forms):
        raise FileReadError(f"“{source.name}”中只有 {len(project.forms)} 张表，没有第 {args.form} 张")
    options = PdfOptions(
        page_size="A3" if args.a3 else "A4",
        landscape=args.landscape,
        font_path=args.font,
        signature_block=not args.no_signature,
    )
    numbered = list(enumerate(project.forms, start=1))
    if args.form is not None:
        numbered = [numbered[args.form - 1]]
    if args.each is not None:
        _export_each(source, numbered, Path(args.each), options)
    elif len(numbered) == 1:
        _export_one(numbered[0][1], args.out, options)
    else:
        _export_all(numbered, Path(args.out), options, asked=args.all)
    many = len(numbered) > 1
    for number, form in numbered:
        prefix = f"第{number}张表“{form.display_name}”：" if many else ""
        _warn_unprintable(form, args.font, prefix)
        _warn_unknown_template(form, prefix)
    return 0


def _export_one(form, out: str, options) -> None:  # noqa: ANN001
    from perfdesk.report import render_form_pdf

    pages = render_form_pdf(form, Path(out), options)
    print(f"已导出 PDF：{out}（{form.display_name}，共 {pages} 页）")


def _export_all(numbered: list, out: Path, options, asked: bool) -> None:  # noqa: ANN001
    from perfdesk.report import render_forms_pdf

    counts = render_forms_pdf([form for _, form in numbered], out, options)
    print(f"已导出 PDF：{out}（{len(numbered)} 张表，共 {sum(counts)} 页，每张表从新的一页开始）")
    for (number, form), pages in zip(numbered, counts):
        print(f"  第{number}张表：{form.display_name} {form.kind_title}，{pages} 页")
    if not asked:
        print("文件中有多张表，已全部导出；只导出一张请加 --form N，每张表一个文件请用 --each DIR")


def _export_each(source: Path, numbered: list, folder: Path, options) -> None:  # noqa: ANN001
    from perfdesk.oserrors import describe_os_error
    from perfdesk.report import render_form_pdf
    from perfdesk.report.filenames import pdf_file_names
    from perfdesk.textfile import refuse_same_file

    if folder.exists() and not folder.is_dir():
        raise FileWriteError(f"无法保存到“{folder}”：它不是文件夹。")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileWriteError(describe_os_error(exc, folder)) from None
    for (number, form), name in zip(numbered, pdf_file_names([form for _, form in numbered])):
        out = folder / name
        refuse_same_file(source, out)
        pages = render_form_pdf(form, out, options)
        print(f"已导出 PDF：{out}（第{number}张表：{form.display_name}，共 {pages} 页）")


def _warn_unknown_template(form, prefix: str = "") -> None:  # noqa: ANN001
    from perfdesk.domain.forms import template_of

    template = template_of(form)
    if template.id != form.template:
        print(f"警告：{prefix}表样“{form.template}”在本机没有定义，已按“{template.name}”打印", file=sys.stderr)


def _texts(form) -> Iterator[str]:  # noqa: ANN001
    yield form.department
    yield from form.fields.values()
    yield from vars(form.people).values()
    for task in form.tasks:
        yield task.name
        yield task.content
        yield from task.unparsed.values()
    yield from form.funds.values()
    for goal in (*form.goals_mid, *form.goals):
        yield goal.text
    for level1 in (*form.tree_mid, *form.tree):
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


def _warn_unprintable(form, font_path: str | None, prefix: str = "") -> None:  # noqa: ANN001
    """One stderr line per cell with characters no font could print (they are blank on paper)."""
    if _all_gbk(form):
        return
    from perfdesk.domain.validation.rules_print import describe, unprintable_cells
    from perfdesk.report import printable_predicate

    for place, chars in unprintable_cells(form, printable_predicate(font_path)):
        print(f"警告：{prefix}【{place.label}】中的 {describe(chars)} 没有可用的打印字体，在 PDF 中是空白",
              file=sys.stderr)
