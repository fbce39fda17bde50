"""Reading kind and template declarations from JSON, checking them, applying overlays.

Every file is checked on load, strictly: an unknown key, a wrong type, a duplicate
column or a column of an unknown type is refused with one Chinese line naming the
file and the place, so a province template with a typo never reaches a clerk's paper
half-applied. Templates are looked for in ``resources/forms/templates`` and, after
it, in each folder of ``PERFDESK_TEMPLATES_DIR`` (``os.pathsep``-separated): a site
can add its province's variant without a new release.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

from perfdesk.domain.forms.declaration import (
    BLOCK_TYPES,
    ORIENTATIONS,
    TYPES,
    Block,
    Column,
    Level,
    Side,
    Template,
)
from perfdesk.errors import PerfdeskError

BUILTIN_FIELDS = frozenset({"department", "year"})
FUND_KEYS = frozenset(
    {"mid.total", "mid.fiscal", "mid.other", "year.total", "year.fiscal", "year.other", "year.carryover",
     "project_total", "project_fiscal", "total.weight"}
    # a self-evaluation's 预算执行 cells: 资金来源 row × 年初预算数 / 全年预算数 / 全年执行数
    | {f"{row}.{column}" for row in ("total", "fiscal", "carryover", "other")
       for column in ("initial", "full_year", "executed")}
)
HORIZON_KEYS = frozenset({"mid", "year"})
BUILTIN_SIGNATURE = frozenset({"filler_unit", "unit_head", "finance_head", "preparer", "phone", "fill_date"})
BUILTIN_COLUMNS = {
    "money_table": frozenset({"name", "content", "total", "fiscal", "other"}),
    "indicator_grid": frozenset({"value"}),
    "goal_list": frozenset(),
    "funds": FUND_KEYS,
}

_KIND_KEYS = frozenset(
    {"id", "title", "subtitle", "aliases", "fields", "blocks", "signature", "print", "behaviour"}
)
_TEMPLATE_KEYS = frozenset(
    {
        "id", "kind", "name", "default", "title", "subtitle", "aliases", "relabel", "add_fields",
        "remove_fields", "remove_blocks", "indicator_columns", "level_widths", "print", "fields", "blocks",
    }
)
_COLUMN_KEYS = frozenset({"key", "label", "type", "required", "width", "options", "aliases", "printed"})
_BLOCK_KEYS = frozenset(
    {"key", "type", "label", "aliases", "columns", "levels", "numbering", "group_label", "total_row", "sides"}
)
_SIDE_KEYS = frozenset({"key", "label"})
_LEVEL_KEYS = frozenset({"label", "width", "aliases"})
_PRINT_KEYS = frozenset({"orientation"})
_MARKS = "*＊★☆※"


class DeclarationError(PerfdeskError):
    """A kind or template file that cannot be used; the message names file and place."""


def clean_label(label: str) -> str:
    """A printed label as a key: no whitespace, no ``*``, no trailing colon."""
    return "".join(label.split()).strip(_MARKS).rstrip(":：")


class _Reader:
    """Typed access to one JSON object, with the file and path for messages."""

    def __init__(self, data: object, source: str, where: str, allowed: frozenset[str]) -> None:
        self.source = source
        self.where = where
        if not isinstance(data, dict):
            self.fail("应为对象（{…}）")
        unknown = sorted(set(data) - allowed)
        if unknown:
            self.fail(f"有无法识别的键“{unknown[0]}”")
        self.data: dict[str, Any] = data

    def fail(self, problem: str) -> NoReturn:
        place = f"的 {self.where} " if self.where else ""
        raise DeclarationError(f"表样定义文件 {self.source}{place}{problem}")

    def _get(self, key: str, kind: type | tuple[type, ...], label: str, default: object) -> Any:
        if key not in self.data:
            if default is _REQUIRED:
                self.fail(f"缺少“{key}”")
            return default
        value = self.data[key]
        if isinstance(value, bool) and kind is not bool:
            self.fail(f"的“{key}”应为{label}")
        if not isinstance(value, kind):
            self.fail(f"的“{key}”应为{label}")
        return value

    def text(self, key: str, default: object = None) -> str:
        value = self._get(key, str, "文字", _REQUIRED if default is None else default)
        return value

    def nonempty(self, key: str) -> str:
        value = self.text(key)
        if not value.strip():
            self.fail(f"的“{key}”不能为空")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        return self._get(key, bool, "true 或 false", default)

    def number(self, key: str, default: float = 0.0) -> float:
        value = self._get(key, (int, float), "数字", default)
        if not 0 <= value <= 1:
            self.fail(f"的“{key}”应在 0 到 1 之间")
        return float(value)

    def texts(self, key: str) -> tuple[str, ...]:
        values = self._get(key, list, "文字列表", [])
        if not all(isinstance(v, str) and v.strip() for v in values):
            self.fail(f"的“{key}”应为非空文字的列表")
        return tuple(values)

    def objects(self, key: str, required: bool = False) -> list[object]:
        return self._get(key, list, "列表", _REQUIRED if required else [])

    def mapping(self, key: str) -> dict[str, Any]:
        return self._get(key, dict, "对象（{…}）", {})


_REQUIRED = object()


def _column(data: object, source: str, where: str, builtins: frozenset[str]) -> Column:
    reader = _Reader(data, source, where, _COLUMN_KEYS)
    label = reader.nonempty("label")
    key = reader.text("key", clean_label(label))
    if not key.strip():
        reader.fail("的“key”不能为空")
    type_ = reader.text("type", "text")
    if type_ not in TYPES:
        reader.fail(f"的类型“{type_}”不是 {'、'.join(sorted(TYPES))} 之一")
    options = reader.texts("options")
    if type_ == "enum" and not options:
        reader.fail("是下拉选项（enum），应给出“options”")
    return Column(
        key=key,
        label=label,
        type=type_,
        required=reader.flag("required"),
        width=reader.number("width"),
        options=options,
        aliases=reader.texts("aliases"),
        printed=reader.flag("printed", True),
        builtin=key in builtins,
    )


def _columns(items: list[object], source: str, where: str, builtins: frozenset[str]) -> tuple[Column, ...]:
    columns = tuple(_column(item, source, f"{where}第{i + 1}项", builtins) for i, item in enumerate(items))
    seen: set[str] = set()
    for column in columns:
        if column.key in seen:
            raise DeclarationError(f"表样定义文件 {source} 的 {where}有重复的列“{column.key}”")
        seen.add(column.key)
    return columns


def _block(data: object, source: str, index: int) -> Block:
    where = f"blocks 第{index + 1}项"
    reader = _Reader(data, source, where, _BLOCK_KEYS)
    type_ = reader.nonempty("type")
    if type_ not in BLOCK_TYPES:
        reader.fail(f"的类型“{type_}”不是 {'、'.join(sorted(BLOCK_TYPES))} 之一")
    columns = _columns(reader.objects("columns"), source, f"{where}的 columns ", BUILTIN_COLUMNS[type_])
    levels = tuple(
        Level(
            label=(lr := _Reader(item, source, f"{where}的 levels 第{i + 1}项", _LEVEL_KEYS)).nonempty("label"),
            width=lr.number("width"),
            aliases=lr.texts("aliases"),
        )
        for i, item in enumerate(reader.objects("levels"))
    )
    sides = tuple(
        Side(key=(sr := _Reader(item, source, f"{where}的 sides 第{i + 1}项", _SIDE_KEYS)).nonempty("key"),
             label=sr.nonempty("label"))
        for i, item in enumerate(reader.objects("sides"))
    )
    if any(side.key not in HORIZON_KEYS for side in sides) or len({s.key for s in sides}) != len(sides):
        reader.fail("的 sides 应为 mid（中期）与 year（年度），各至多一次")
    if sides and type_ not in ("goal_list", "indicator_grid"):
        reader.fail("只有目标列表和指标表可以分中期、年度两栏（sides）")
    if type_ == "funds":
        unknown = [c.key for c in columns if c.key not in FUND_KEYS]
        if unknown:
            reader.fail(f"的资金栏“{unknown[0]}”不是 {'、'.join(sorted(FUND_KEYS))} 之一")
    if type_ == "indicator_grid":
        if len(levels) != 3:
            reader.fail("应有三个指标级次（一级、二级、三级）")
        if not any(c.key == "value" for c in columns):
            reader.fail("缺少指标值列（key 为 value）")
    return Block(
        key=reader.nonempty("key"),
        type=type_,
        label=reader.nonempty("label"),
        aliases=reader.texts("aliases"),
        columns=columns,
        levels=levels,
        numbering=reader.text("numbering", ""),
        group_label=reader.text("group_label", ""),
        total_row=reader.text("total_row", ""),
        sides=sides,
    )


def _orientation(reader: _Reader, default: str) -> str:
    printing = _Reader(reader.mapping("print"), reader.source, "print", _PRINT_KEYS)
    orientation = printing.text("orientation", default)
    if orientation not in ORIENTATIONS:
        printing.fail(f"的“orientation”应为 portrait 或 landscape，而不是“{orientation}”")
    return orientation


def parse_kind(data: object, source: str) -> Template:
    """A kind declaration as the template it is when no overlay applies."""
    reader = _Reader(data, source, "", _KIND_KEYS)
    blocks = tuple(_block(item, source, i) for i, item in enumerate(reader.objects("blocks", required=True)))
    keys = [b.key for b in blocks]
    if len(set(keys)) != len(keys):
        reader.fail("的 blocks 有重复的 key")
    return Template(
        id=reader.nonempty("id"),
        kind=reader.nonempty("id"),
        name=reader.text("title"),
        title=reader.nonempty("title"),
        subtitle=reader.text("subtitle", ""),
        fields=_columns(reader.objects("fields"), source, "fields ", BUILTIN_FIELDS),
        blocks=blocks,
        signature=_columns(reader.objects("signature"), source, "signature ", BUILTIN_SIGNATURE),
        orientation=_orientation(reader, "portrait"),
        behaviour=reader.text("behaviour", ""),
        aliases=reader.texts("aliases"),
        source=source,
    )


def apply_template(kind: Template, data: object, source: str) -> Template:
    """The kind with a template's overlay applied (labels, fields, blocks, columns, print)."""
    reader = _Reader(data, source, "", _TEMPLATE_KEYS)
    relabel = reader.mapping("relabel")
    for key, label in relabel.items():
        if not isinstance(label, str) or not label.strip():
            reader.fail(f"的 relabel“{key}”应为非空文字")
    base_fields = kind.fields
    if "fields" in reader.data:  # a variant with its own header (the 一体化 project table)
        base_fields = _columns(reader.objects("fields"), source, "fields ", BUILTIN_FIELDS)
    fields = _kept(reader, "remove_fields", base_fields, f"{kind.id} 的表头字段")
    fields += _columns(reader.objects("add_fields"), source, "add_fields ", BUILTIN_FIELDS)
    replaced = {b.key: b for b in (_block(item, source, i) for i, item in enumerate(reader.objects("blocks")))}
    unknown_blocks = set(replaced) - {b.key for b in kind.blocks}
    if unknown_blocks:
        reader.fail(f"的 blocks 中“{sorted(unknown_blocks)[0]}”不是 {kind.id} 的区块")
    blocks = _kept(reader, "remove_blocks", tuple(replaced.get(b.key, b) for b in kind.blocks), f"{kind.id} 的区块")
    columns = reader.objects("indicator_columns")
    widths = reader.objects("level_widths")
    resolved: list[Block] = []
    for block in blocks:
        if block.type == "indicator_grid" and columns:
            new_columns = _columns(columns, source, "indicator_columns ", BUILTIN_COLUMNS["indicator_grid"])
            if not any(c.key == "value" for c in new_columns):
                reader.fail("的 indicator_columns 缺少指标值列（key 为 value）")
            block = replace(block, columns=new_columns)
        if block.type == "indicator_grid" and widths:
            numbers = [float(w) for w in widths if isinstance(w, (int, float)) and not isinstance(w, bool)]
            if len(widths) != 3 or len(numbers) != 3:
                reader.fail("的 level_widths 应为三个数字")
            block = replace(block, levels=tuple(replace(lv, width=w) for lv, w in zip(block.levels, numbers)))
        if block.key in relabel:
            block = replace(block, label=relabel[block.key], aliases=(*block.aliases, block.label))
        block = replace(
            block,
            columns=tuple(_relabelled(c, relabel) for c in block.columns),
        )
        resolved.append(block)
    known = {f.key for f in fields} | {b.key for b in blocks} | {c.key for b in blocks for c in b.columns}
    known |= {s.key for s in kind.signature}
    unknown = set(relabel) - known
    if unknown:
        reader.fail(f"的 relabel 中“{sorted(unknown)[0]}”不是表头字段、区块或列")
    template_id = reader.nonempty("id")
    return Template(
        id=template_id,
        kind=kind.kind,
        name=reader.text("name", template_id),
        title=reader.text("title", kind.title),
        subtitle=reader.text("subtitle", kind.subtitle),
        fields=tuple(_relabelled(f, relabel) for f in fields),
        blocks=tuple(resolved),
        signature=tuple(_relabelled(s, relabel) for s in kind.signature),
        orientation=_orientation(reader, kind.orientation),
        behaviour=kind.behaviour,
        default=reader.flag("default"),
        aliases=(*kind.aliases, *reader.texts("aliases")),
        source=f"{kind.source} + {source}",
    )


def _kept(reader: _Reader, key: str, items: tuple[Any, ...], what: str) -> list[Any]:
    """``items`` without those the template's ``key`` list removes (each must be one of them)."""
    removed = set(reader.texts(key))
    unknown = removed - {item.key for item in items}
    if unknown:
        reader.fail(f"的 {key} 中“{sorted(unknown)[0]}”不是 {what}")
    return [item for item in items if item.key not in removed]


def _relabelled(column: Column, relabel: dict[str, str]) -> Column:
    if column.key not in relabel:
        return column
    return replace(column, label=relabel[column.key], aliases=(*column.aliases, column.label))


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        where = f"第 {err.lineno} 行第 {err.colno} 列附近"
        raise DeclarationError(f"表样定义文件 {path.name} 不是有效的 JSON（{where}）") from None
    except UnicodeDecodeError:
        raise DeclarationError(f"表样定义文件 {path.name} 不是 UTF-8 编码的文字") from None
    except OSError:
        raise DeclarationError(f"表样定义文件 {path.name} 无法读取（文件不存在或没有读取权限）") from None


def template_dirs(resources: Path) -> list[Path]:
    dirs = [resources / "forms" / "templates"]
    extra = os.environ.get("PERFDESK_TEMPLATES_DIR", "")
    dirs += [Path(part) for part in extra.split(os.pathsep) if part]
    return dirs


def load_all(resources: Path, extra_dirs: Iterable[Path] = ()) -> dict[str, Template]:
    """Every kind (as its bare template) and every template, by id; checked."""
    kinds: dict[str, Template] = {}
    for path in sorted((resources / "forms" / "kinds").glob("*.json")):
        kind = parse_kind(_read_json(path), path.name)
        if kind.id in kinds:
            raise DeclarationError(f"表样定义文件 {path.name} 的表种“{kind.id}”已在别的文件中定义")
        kinds[kind.id] = kind
    templates: dict[str, Template] = {}
    for folder in [*template_dirs(resources), *extra_dirs]:
        for path in sorted(folder.glob("*.json")):
            data = _read_json(path)
            kind_id = data.get("kind") if isinstance(data, dict) else None
            if not isinstance(kind_id, str) or kind_id not in kinds:
                raise DeclarationError(
                    f"表样定义文件 {path.name} 的“kind”应为 {'、'.join(sorted(kinds))} 之一"
                )
            template = apply_template(kinds[kind_id], data, path.name)
            if template.id in templates or template.id in kinds:
                raise DeclarationError(f"表样定义文件 {path.name} 的模板编号“{template.id}”重复")
            templates[template.id] = template
    for kind_id in kinds:
        defaults = [t for t in templates.values() if t.kind == kind_id and t.default]
        if len(defaults) > 1:
            named = "、".join(f"{t.id}（{t.source.rsplit(' + ', 1)[-1]}）" for t in defaults)
            raise DeclarationError(f"表种“{kind_id}”有多个默认模板：{named}")
    return templates
