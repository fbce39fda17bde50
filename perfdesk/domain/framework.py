"""Indicator frameworks (which 一级/二级 exist), loaded from ``resources/frameworks``.

Frameworks are data, not code branches: a province's variant is a new JSON file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from perfdesk.paths import resources_dir

DEFAULT_FRAMEWORK = "2015"


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    level1: tuple[tuple[str, tuple[str, ...]], ...]
    recommended_level2: tuple[str, ...]
    # (old 一级, old 二级) -> (new 一级, new 二级): where a group of another framework lives here
    moved_level2: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = ()

    @property
    def level1_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.level1)

    def level2_names(self, level1: str) -> tuple[str, ...]:
        for name, children in self.level1:
            if name == level1:
                return children
        return ()

    def allows(self, level1: str, level2: str) -> bool:
        return level2 in self.level2_names(level1)

    def moved_to(self, level1: str, level2: str) -> tuple[str, str] | None:
        """Where this framework puts the 三级 of another framework's ``level1 › level2``."""
        return next((new for old, new in self.moved_level2 if old == (level1, level2)), None)

    def parent_of(self, level2: str) -> str | None:
        for name, children in self.level1:
            if level2 in children:
                return name
        return None


def _frameworks_dir() -> Path:
    return resources_dir() / "frameworks"


@cache
def all_frameworks() -> dict[str, Framework]:
    found: dict[str, Framework] = {}
    for path in sorted(_frameworks_dir().glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "level1" not in data or "id" not in data:
            continue  # e.g. legacy_names.json
        found[data["id"]] = Framework(
            id=data["id"],
            name=data["name"],
            level1=tuple((g["name"], tuple(g["level2"])) for g in data["level1"]),
            recommended_level2=tuple(data.get("recommended_level2", ())),
            moved_level2=tuple((tuple(m["from"]), tuple(m["to"])) for m in data.get("moved_level2", ())),
        )
    return found


def get_framework(framework_id: str) -> Framework | None:
    return all_frameworks().get(framework_id)


@cache
def legacy_names() -> dict[str, dict[str, str]]:
    data = json.loads((_frameworks_dir() / "legacy_names.json").read_text(encoding="utf-8"))
    return {"level1": dict(data.get("level1", {})), "level2": dict(data.get("level2", {}))}


def map_legacy_level2(level1: str, level2: str, framework: Framework) -> str:
    """The framework's name for a legacy 二级 label, or the label unchanged."""
    if framework.allows(level1, level2):
        return level2
    mapped = legacy_names()["level2"].get(level2)
    if mapped and framework.allows(level1, mapped):
        return mapped
    return level2
