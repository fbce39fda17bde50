"""The lossless JSON text form of a project (for diffs and scripts).

``dumps(loads(text)) == text`` for anything ``dumps`` wrote. Ids are not written:
they are regenerated on load. Derived data (``totals``, ``parsed``, canonical
``value``) is written for readers and ignored on load.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from perfdesk.domain.model import (
    FORM_KINDS,
    HORIZONS,
    KIND_PROJECT,
    KIND_SELF_EVALUATION,
    TASK_AMOUNTS,
    Form,
    Goal,
    Indicator,
    Level1,
    Level2,
    People,
    Project,
    Task,
)
from perfdesk.domain.money import read_amount, to_text
from perfdesk.domain.values import TargetValue, ValueKind
from perfdesk.errors import FileReadError

FORMAT_NAME = "perfdesk"
FORMAT_VERSION = 1
MAX_YEAR = 9999


def _parsed_dict(value: TargetValue) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": value.kind.value}
    if value.kind is ValueKind.NUMBER:
        out.update(comparator=value.comparator, number=format(value.number, "f"), unit=value.unit)
    elif value.kind is ValueKind.DATE:
        date = f"{value.year:04d}-{value.month:02d}"
        if value.day is not None:
            date += f"-{value.day:02d}"
        out.update(comparator=value.comparator, date=date, exists=value.date_exists, suffix=value.suffix)
    elif value.kind is ValueKind.TEXT and value.unrecognised:
        out["unrecognised"] = True
    return out


def declared_order(values: dict[str, str], declared: list[str]) -> dict[str, str]:
    """Extra columns or fields in the template's order, then any others by name: the same text
    whichever file (JSON, .db, xlsx) they came through."""
    rank = {key: index for index, key in enumerate(declared)}
    return dict(sorted(values.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))


def _declared_keys(form: Form) -> tuple[list[str], list[str]]:
    from perfdesk.domain.forms import get_template

    template = get_template(form.template)
    if template is None:
        return [], []
    return [c.key for c in template.extra_indicator_columns], [f.key for f in template.extra_fields]


def indicator_dict(
    level1: Level1, level2: Level2, ind: Indicator, columns: list[str], horizon: str | None = None
) -> dict[str, Any]:
    parsed = ind.parsed
    out: dict[str, Any] = {"horizon": horizon} if horizon else {}
    out |= {
        "level1": level1.name,
        "level2": level2.name,
        "name": ind.name,
        "value": parsed.canonical,
    }
    if ind.value != parsed.canonical:
        out["typed"] = ind.value
    out["parsed"] = _parsed_dict(parsed)
    if ind.extras:
        out["extras"] = declared_order(ind.extras, columns)
    if ind.core:
        out["core"] = True
    return out


def form_to_dict(form: Form, project: Project | None = None) -> dict[str, Any]:
    """One form; ``project`` (the file it is in) lets a self-evaluation name its target table."""
    total, fiscal, other = form.sums()
    header: dict[str, Any] = {
        "kind": form.kind,
        "template": form.template,
        "year": form.year,
        "department": form.department,
        "framework": form.framework,
        "people": {name: getattr(form.people, name) for name in People.field_names()},
    }
    columns, fields = _declared_keys(form)
    if form.fields:
        header["fields"] = declared_order(form.fields, fields)
    if form.kind == KIND_PROJECT:
        from perfdesk.domain.jsonproject import project_to_dict as project_form_to_dict

        return project_form_to_dict(form, header, columns)
    if form.kind == KIND_SELF_EVALUATION:
        from perfdesk.domain import jsonself

        parts = jsonself.parts_to_dict(form, project)
        tasks = {"tasks": _tasks_list(form)} if form.tasks else {}
        return {**header, **{k: parts[k] for k in ("profile", "reverse_mode", "source_form", "funds")}, **tasks,
                **{k: v for k, v in parts.items() if k not in ("profile", "reverse_mode", "source_form", "funds")}}
    return {
        **header,
        "tasks": _tasks_list(form),
        "totals": {"total": to_text(total), "fiscal": to_text(fiscal), "other": to_text(other)},
        "goals": [g.text for g in form.goals],
        "groups": [{"level1": l1.name, "level2": [l2.name for l2 in l1.children]} for l1 in form.tree],
        "indicators": [indicator_dict(l1, l2, ind, columns) for l1, l2, ind in form.iter_indicators()],
    }


def _tasks_list(form: Form) -> list[dict[str, Any]]:
    return [
        {
            "name": t.name,
            "content": t.content,
            **{key: t.unparsed.get(key, to_text(getattr(t, key))) for key in TASK_AMOUNTS},
            # said only when the amounts alone would suggest otherwise (see Task.total_typed)
            **({"total_typed": t.total_typed} if t.total_typed != t.total_looks_typed() else {}),
        }
        for t in form.tasks
    ]


def project_to_dict(project: Project) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "forms": [form_to_dict(f, project) for f in project.forms],
    }


def dumps(project: Project) -> str:
    return json.dumps(project_to_dict(project), ensure_ascii=False, indent=2) + "\n"


# --- loading -----------------------------------------------------------------


class _Reader:
    """Walks the parsed JSON, naming the place of anything wrong in Chinese."""

    def fail(self, where: str, what: str) -> FileReadError:
        return FileReadError(f"JSON 文件有误：{where}{what}")

    def text(self, obj: dict[str, Any], key: str, where: str, default: str = "") -> str:
        value = obj.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(where, f"的“{key}”应为文字，实际是 {clip(_shown(value))}")
        return value

    def amount(self, obj: dict[str, Any], key: str, where: str) -> tuple[Decimal | None, str | None]:
        """A number, or text; text that is not a number is kept as typed (``Task.unparsed``)."""
        value = obj.get(key)
        if value is None:
            return None, None
        if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
            raise self.fail(where, f"的“{key}”不是金额")
        return read_amount(str(value))

    def flag(self, obj: dict[str, Any], key: str, where: str) -> bool | None:
        value = obj.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.fail(where, f"的“{key}”应为 true 或 false")
        return value

    def items(self, obj: dict[str, Any], key: str, where: str) -> list[Any]:
        value = obj.get(key, [])
        if not isinstance(value, list):
            raise self.fail(where, f"的“{key}”应为列表")
        return value

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "应为对象（{…}）")
        return value


def _form_from_dict(r: _Reader, data: dict[str, Any], where: str, pending: dict | None = None) -> Form:
    kind = r.text(data, "kind", where, default="department_overall")
    if kind not in FORM_KINDS:
        known = "、".join(f"{key}（{title}）" for key, title in FORM_KINDS.items())
        raise r.fail(where, f"的表类型“{kind}”不认识（应为 {known}）")
    year = data.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise r.fail(where, f"的“year”应为整数年份，实际是 {clip(repr(year))}")
    if year is not None and not 0 <= year <= MAX_YEAR:
        raise r.fail(where, f"的“year”应为年份，实际是超出范围的数（{describe_number(year)}）")
    form = Form(
        kind=kind,
        year=year,
        department=r.text(data, "department", where),
        framework=r.text(data, "framework", where, default="2015"),
    )
    people = r.obj(data.get("people", {}), f"{where}“people”")
    form.people = People(**{n: r.text(people, n, f"{where}“people”") for n in People.field_names()})
    form.template = _template(r, data, kind, where)
    fields = r.obj(data.get("fields", {}), f"{where}“fields”")
    if not all(isinstance(v, str) for v in fields.values()):
        raise r.fail(f"{where}“fields”", "的取值应为文字")
    form.fields = dict(fields)
    for i, item in enumerate(r.items(data, "tasks", where), start=1):
        place = f"{where}任务第{i}行"
        item = r.obj(item, place)
        amounts = {k: r.amount(item, k, place) for k in TASK_AMOUNTS}
        form.tasks.append(
            Task(
                name=r.text(item, "name", place),
                content=r.text(item, "content", place),
                **{k: amount for k, (amount, _) in amounts.items()},  # type: ignore[arg-type]  # TASK_AMOUNTS
                unparsed={k: text for k, (_, text) in amounts.items() if text is not None},
                total_typed=r.flag(item, "total_typed", place),
            )
        )
    rows: dict[str, int] = {}  # a self-evaluation's row id -> its source_row position
    if kind == KIND_PROJECT:
        from perfdesk.domain.jsonproject import parts_from_dict

        parts_from_dict(r, data, form, where)
    elif kind == KIND_SELF_EVALUATION:
        from perfdesk.domain import jsonself

        number = jsonself.header_from_dict(r, data, form, where)
        if pending is not None:
            pending[form.id] = (number, rows)
    else:
        goal_texts(r, r.items(data, "goals", where), form.goals, where, "")
    for i, group in enumerate(r.items(data, "groups", where), start=1):
        place = f"{where}指标分组第{i}项"
        group = r.obj(group, place)
        tree = form.side(_horizon(r, group, kind, place))
        name1 = r.text(group, "level1", place)
        node1 = next((l1 for l1 in tree if l1.name == name1), None) or Level1(name1)
        if node1 not in tree:
            tree.append(node1)
        for name2 in r.items(group, "level2", place):
            if not isinstance(name2, str):
                raise r.fail(place, "的二级指标名应为文字")
            if node1.child(name2) is None:
                node1.children.append(Level2(name2))
    for i, item in enumerate(r.items(data, "indicators", where), start=1):
        place = f"{where}指标第{i}项"
        item = r.obj(item, place)
        typed = item.get("typed")
        value = typed if isinstance(typed, str) else r.text(item, "value", place)
        extras = r.obj(item.get("extras", {}), place)
        if not all(isinstance(v, str) for v in extras.values()):
            raise r.fail(place, "的“extras”取值应为文字")
        horizon = _horizon(r, item, kind, place)
        group = form.ensure_group(r.text(item, "level1", place), r.text(item, "level2", place), horizon)
        indicator = Indicator(r.text(item, "name", place), value, dict(extras))
        indicator.core = bool(r.flag(item, "core", place))
        if kind == KIND_SELF_EVALUATION:
            from perfdesk.domain import jsonself

            position = jsonself.row_from_dict(r, item, indicator, place)
            if position is not None:
                rows[indicator.id] = position
        group.indicators.append(indicator)
    return form


def _horizon(r: _Reader, item: dict[str, Any], kind: str, place: str) -> str:
    horizon = r.text(item, "horizon", place, default="year")
    if horizon not in HORIZONS:
        raise r.fail(place, f"的“horizon”应为 \"mid\"（中期）或 \"year\"（年度），实际是 {clip(_shown(horizon))}")
    if horizon == "mid" and kind != KIND_PROJECT:
        raise r.fail(place, "是中期指标（\"horizon\": \"mid\"），只有项目支出绩效目标表有中期指标")
    return horizon


def goal_texts(r: _Reader, items: list[Any], goals: list[Goal], where: str, side: str) -> None:
    for i, goal in enumerate(items, start=1):
        if not isinstance(goal, str):
            raise r.fail(where, f"的{side}目标{i}应为文字")
        goals.append(Goal(goal))


def _template(r: _Reader, data: dict[str, Any], kind: str, where: str) -> str:
    """The form's province template: named in the file, else the kind's default; it must exist here."""
    from perfdesk.domain.forms import default_template, get_template, templates

    name = r.text(data, "template", where)
    if not name:
        default = default_template(kind)
        return default.id if default else ""
    template = get_template(name)
    if template is None or template.kind != kind:
        known = "、".join(t.id for t in templates().values() if t.kind == kind)
        raise r.fail(where, f"的表样“{name}”不认识（本程序有：{known}）")
    return template.id


def project_from_dict(data: Any) -> Project:
    r = _Reader()
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise FileReadError("不是 perfdesk 导出的 JSON 文件（缺少 \"format\": \"perfdesk\"）")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise FileReadError("JSON 文件缺少有效的版本号（\"version\"）")
    if version > FORMAT_VERSION:
        raise FileReadError(
            f"这个 JSON 文件由更新版本的 perfdesk 导出（格式版本 {describe_number(version)}，"
            f"本程序支持到 {FORMAT_VERSION}），请升级 perfdesk 后再导入"
        )
    if version < 1:
        raise FileReadError(f"JSON 文件的版本号（\"version\"）无效：{describe_number(version)}")
    forms = r.items(data, "forms", "文件顶层")
    project = Project()
    pending: dict[str, tuple[int | None, dict[str, int]]] = {}
    for i, item in enumerate(forms, start=1):
        where = f"第{i}张表"
        project.forms.append(_form_from_dict(r, r.obj(item, where), where, pending))
    if pending:
        from perfdesk.domain import jsonself

        jsonself.links_from_dict(project, pending)
    return project


# json's messages, which are English, by their beginning.
_JSON_ERRORS = (
    ("Expecting value", "缺少值或多了逗号"),
    ("Expecting ',' delimiter", "缺少逗号"),
    ("Expecting ':' delimiter", "缺少冒号"),
    ("Expecting property name", "键名要用英文双引号括起来，或多了逗号"),
    ("Unterminated string", "字符串缺少结尾的双引号"),
    ("Invalid control character", "字符串中有换行等控制字符"),
    ("Invalid \\escape", "反斜杠转义写法无效"),
    ("Extra data", "内容结束后还有多余的文字"),
)


def loads(text: str) -> Project:
    if not text.strip():
        raise FileReadError("JSON 文件是空的，没有可导入的内容。")
    data = parse_json(text)
    return project_from_dict(data)


def parse_json(text: str) -> Any:
    """``json.loads`` (floats as Decimal) whose every failure is a FileReadError in Chinese."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        reason = next((zh for en, zh in _JSON_ERRORS if exc.msg.startswith(en)), "写法不符合 JSON 格式")
        raise FileReadError(f"JSON 格式错误：第 {exc.lineno} 行第 {exc.colno} 列附近，{reason}。") from None
    except RecursionError:
        raise FileReadError("JSON 文件嵌套层数过深（[ 或 { 套了成千上万层），不是 perfdesk 导出的文件。") from None
    except ValueError:  # an integer of more than 4,300 digits
        raise FileReadError("JSON 文件中有位数过多的数字（超过 4000 位），不是 perfdesk 导出的文件。") from None
    check_strings(data)
    return data


def check_strings(data: Any) -> None:
    """Refuse lone surrogates (``"\\ud800"``): no file or database can store them."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            strings = [item]
        elif isinstance(item, dict):
            strings = list(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
            continue
        else:
            continue
        for text in strings:
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise FileReadError(
                    f"JSON 文件中的文字“{clip(text.encode('utf-8', 'replace').decode('utf-8'))}”含有无效的字符"
                    "（单独的代理项 \\ud800–\\udfff），无法导入。"
                ) from None


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "对象" if isinstance(value, dict) else "列表"
    if isinstance(value, int) and not isinstance(value, bool):
        return describe_number(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text)} 个字符）"


def describe_number(value: int) -> str:
    """An integer for a message: whole when short, else its length (str() of 4,300+ digits raises)."""
    if abs(value) < 10**30:
        return str(value)
    return f"约 {value.bit_length() * 30103 // 100000 + 1} 位的数"
