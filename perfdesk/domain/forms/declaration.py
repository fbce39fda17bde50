"""What a form kind and its province templates declare: fields, blocks, columns, print.

A *kind* (``resources/forms/kinds/*.json``) declares one table's shape: its title, header
fields, ordered blocks (a money table, a goal list, an indicator grid) and the columns of
each, with printed labels, types, widths, required flags and the spellings an importer
should accept. A *template* (``resources/forms/templates/*.json``) overlays a kind with a
province's or a system's variant. Both are data; these classes are the resolved result
that every layer (审核, GUI, PDF, Excel, JSON, store) reads.

Keys: built-in fields and columns have English keys (``department``, ``value``, ``total``);
a column or field a template adds is keyed by its printed label without ``*`` and ``：``,
so the clerk's own words are the JSON contract (``indicators[].extras``, ``fields``).
"""

from __future__ import annotations

from dataclasses import dataclass

# Column and field types, each with generic 审核 rules (required, enum, number, …).
TYPES = frozenset(
    {"text", "longtext", "enum", "number", "unit", "money", "target_value", "year", "date", "period"}
)
# ``funds``: a project table's 项目资金 cells, one column per cell, keyed ``mid.total`` … (``Form.funds``).
BLOCK_TYPES = frozenset({"money_table", "goal_list", "indicator_grid", "funds"})
ORIENTATIONS = frozenset({"portrait", "landscape"})


@dataclass(frozen=True)
class Column:
    """A field of the header or a column of a block."""

    key: str
    label: str
    type: str = "text"
    required: bool = False
    width: float = 0.0  # share of the block's width when printed (0: not declared)
    options: tuple[str, ...] = ()  # for ``enum``
    aliases: tuple[str, ...] = ()  # other spellings an importer accepts
    printed: bool = True
    builtin: bool = False  # stored in a model attribute, not in ``extras``/``fields``

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Level:
    """One of the 一级/二级/三级 columns of an indicator grid."""

    label: str
    width: float = 0.0
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Side:
    """One side of a two-sided block of a project table: ``mid`` (中期) or ``year`` (年度).

    ``label`` is printed over the side (``中期目标（{start}年—{end}年）``, ``年度指标``); ``{start}``
    and ``{end}`` are the 项目期's years."""

    key: str
    label: str


@dataclass(frozen=True)
class Block:
    key: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    columns: tuple[Column, ...] = ()
    levels: tuple[Level, ...] = ()  # indicator grids only
    numbering: str = ""  # goal lists: "目标{n}：" -> 目标1：…
    group_label: str = ""  # money tables: the label over the amount columns
    total_row: str = ""  # money tables: the closing sum row's label
    sides: tuple[Side, ...] = ()  # goal lists and indicator grids of project tables; () = 年度 only

    @property
    def horizons(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sides) or ("year",)

    def side(self, key: str) -> Side | None:
        return next((s for s in self.sides if s.key == key), None)

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    @property
    def extra_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.builtin)


@dataclass(frozen=True)
class Template:
    """A kind as a province prints it: what a form records and every layer reads."""

    id: str
    kind: str
    name: str
    title: str
    subtitle: str
    fields: tuple[Column, ...]
    blocks: tuple[Block, ...]
    signature: tuple[Column, ...]
    orientation: str = "portrait"
    behaviour: str = ""
    default: bool = False
    aliases: tuple[str, ...] = ()  # other titles of the same table
    source: str = ""  # the file(s) it came from, for messages

    def block(self, key: str) -> Block | None:
        return next((b for b in self.blocks if b.key == key), None)

    def has_block(self, key: str) -> bool:
        return self.block(key) is not None

    @property
    def indicator_columns(self) -> tuple[Column, ...]:
        grid = next((b for b in self.blocks if b.type == "indicator_grid"), None)
        return grid.columns if grid else ()

    @property
    def extra_indicator_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.indicator_columns if not c.builtin)

    @property
    def extra_fields(self) -> tuple[Column, ...]:
        return tuple(f for f in self.fields if not f.builtin)

    def field(self, key: str) -> Column | None:
        return next((f for f in (*self.fields, *self.signature) if f.key == key), None)

    def numbered_goals(self, texts: list[str]) -> list[str]:
        """The goals as printed (``目标1：…``): numbered once, in ``domain.goals``."""
        from perfdesk.domain.goals import DEFAULT_PATTERN, numbered_goals

        goals = self.block("goals")
        return numbered_goals(texts, goals.numbering if goals and goals.numbering else DEFAULT_PATTERN)

    def heading(self, year: int | None) -> tuple[str, str]:
        """The title and the line under it (``（2022年）``; blanks to write the year in by hand)."""
        return self.title, self.subtitle.replace("{year}", str(year) if year else "　　　　")

