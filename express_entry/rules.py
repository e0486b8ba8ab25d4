"""Rulesets: every table of points, caps and charts, kept as dated data.

A ruleset is a folder ``express_entry/rulesets/<id>/`` holding ``ruleset.yaml``
(id, effective date, the ruleset it inherits from, description, notes) and one
YAML file per table.  A ruleset inherits every table it does not override, so a
new IRCC change is a new folder with only the changed tables.  ``index.yaml``
lists announced changes that are *not* modelled; an assessment on or after such
a date carries a plain warning.  See ``rulesets/README.md`` for the format.

Nothing is read at import time: the first call to :func:`ruleset_for` loads
the YAML files (once per process) and the result for each date is cached.
"""
from __future__ import annotations

import datetime as _dt
import os
from functools import lru_cache
from typing import Any, Callable, Dict, List, Optional

from .vocabulary import parse_iso_date

__all__ = ["Ruleset", "RulesetError", "Registry", "ruleset_for", "ruleset_by_id", "all_rulesets", "not_modelled",
           "earliest_date", "RULESETS_DIR"]

RULESETS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rulesets")


class RulesetError(Exception):
    """The ruleset data files are inconsistent (a packaging bug, not bad user input)."""


def _as_date(value: Any, where: str) -> _dt.date:
    day = parse_iso_date(value)
    if day is not None:
        return day
    raise RulesetError(f"{where}: expected an ISO date (YYYY-MM-DD), got {value!r}")


def _load_yaml(path: str) -> Any:
    import yaml  # lazy: keeps `import express_entry` cheap

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)


class _Table:
    """One table file: description, source, effective date and values, possibly in dated versions."""

    __slots__ = ("name", "ruleset_id", "description", "versions", "informational_effective")

    def __init__(self, name: str, ruleset_id: str, data: dict, path: str):
        if not isinstance(data, dict):
            raise RulesetError(f"{path}: a table file must be a mapping")
        self.name = name
        self.ruleset_id = ruleset_id
        self.description = str(data.get("description", "")).strip()
        self.informational_effective = None
        versions = []
        if "versions" in data:
            for i, v in enumerate(data["versions"] or []):
                where = f"{path}: versions[{i}]"
                if "values" not in v:
                    raise RulesetError(f"{where}: 'values' is required")
                versions.append((
                    _as_date(v.get("effective"), where + ".effective"),
                    v.get("source") or data.get("source"),
                    v["values"],
                    v.get("notes", data.get("notes")),
                ))
            versions.sort(key=lambda t: t[0])
        else:
            if "values" not in data:
                raise RulesetError(f"{path}: 'values' (or 'versions') is required")
            # A single-version table applies for the whole life of its ruleset; its `effective`
            # date is informational (reported by Ruleset.info) and not used to select it.
            eff = data.get("effective")
            self.informational_effective = _as_date(eff, path + ": effective") if eff is not None else None
            versions.append((_dt.date.min, data.get("source"), data["values"], data.get("notes")))
        for eff, src, _, _ in versions:
            if not src:
                raise RulesetError(f"{path}: every table (and version) needs its official 'source' URL")
        self.versions = versions

    def version_on(self, on: _dt.date):
        chosen = None
        for v in self.versions:
            if v[0] <= on:
                chosen = v
        return chosen  # None: no version in force yet on that date


class Ruleset:
    """The rules in force on one date.

    ``id``/``effective``/``description``/``notes`` describe the ruleset folder;
    ``on`` is the date it was resolved for; ``warnings`` are plain sentences
    (announced changes that this ruleset does not model, in force on ``on``), and
    ``not_modelled`` the same changes as data: ``{"id", "title", "effective"}`` each.
    ``cache`` is a per-instance dict in which engine modules keep tables they
    have precompiled for speed (so compile work happens once per ruleset/date).
    """

    def __init__(self, rid: str, effective: _dt.date, description: str, notes: List[str],
                 chain: List[str], tables: Dict[str, _Table], on: _dt.date, warnings: List[str],
                 cache: Optional[Dict[str, Any]] = None, not_modelled: Optional[List[Dict[str, str]]] = None):
        self.id = rid
        self.effective = effective
        self.effective_iso = effective.isoformat()
        self.description = description
        self.notes = notes
        self.chain = chain  # this id, then the ids it inherits from, nearest first
        self._tables = tables
        self.on = on
        self.warnings = warnings
        self.not_modelled = list(not_modelled or [])
        # Shared by every Ruleset object that resolves to the same table versions, so that
        # tables precompiled by engine modules are built once, not once per date.
        self.cache: Dict[str, Any] = {} if cache is None else cache

    def __repr__(self) -> str:
        return f"Ruleset({self.id!r}, on={self.on.isoformat()})"

    def compiled(self, name: str, build: Callable[["Ruleset"], Any]) -> Any:
        """``build(self)``: tables an engine module precompiles, built once per table versions (``cache``)."""
        c = self.cache.get(name)
        if c is None:
            c = self.cache[name] = build(self)
        return c

    def names(self) -> List[str]:
        return sorted(self._tables)

    def has(self, name: str) -> bool:
        t = self._tables.get(name)
        return t is not None and t.version_on(self.on) is not None

    def _version(self, name: str):
        t = self._tables.get(name)
        if t is None:
            raise KeyError(f"ruleset {self.id} has no table {name!r}; tables: {', '.join(self.names())}")
        v = t.version_on(self.on)
        if v is None:
            raise KeyError(f"table {name!r} of ruleset {self.id} has no version in force on {self.on.isoformat()}")
        return t, v

    def table(self, name: str) -> Any:
        """The values of table ``name`` (shared object: treat as read-only)."""
        return self._version(name)[1][2]

    def source(self, name: str) -> str:
        """The official source URL of table ``name``."""
        return self._version(name)[1][1]

    def info(self, name: str) -> dict:
        """Description, source, effective date, notes and defining ruleset of table ``name``."""
        t, v = self._version(name)
        eff = v[0] if v[0] != _dt.date.min else t.informational_effective
        return {"name": name, "description": t.description, "source": v[1],
                "effective": None if eff is None else eff.isoformat(),
                "notes": v[3], "defined_in": t.ruleset_id}


class _Registry:
    def __init__(self, root: str):
        self.root = root
        index_path = os.path.join(root, "index.yaml")
        index = _load_yaml(index_path) if os.path.exists(index_path) else {}
        index = index or {}
        self.not_modelled = []
        for i, item in enumerate(index.get("not_modelled") or []):
            where = f"{index_path}: not_modelled[{i}]"
            self.not_modelled.append((_as_date(item.get("effective"), where), item))
        self.defs: Dict[str, dict] = {}
        for entry in sorted(os.listdir(root)):
            path = os.path.join(root, entry, "ruleset.yaml")
            if not os.path.isfile(path):
                continue
            meta = _load_yaml(path) or {}
            rid = str(meta.get("id", ""))
            if rid != entry:
                raise RulesetError(f"{path}: id {rid!r} must equal the folder name {entry!r}")
            tables = {}
            for fname in sorted(os.listdir(os.path.join(root, entry))):
                if fname == "ruleset.yaml" or not fname.endswith((".yaml", ".yml")):
                    continue
                tname = fname.rsplit(".", 1)[0]
                tables[tname] = _Table(tname, rid, _load_yaml(os.path.join(root, entry, fname)),
                                       os.path.join(root, entry, fname))
            self.defs[rid] = {
                "id": rid,
                "effective": _as_date(meta.get("effective"), path + ": effective"),
                "inherits": meta.get("inherits"),
                "description": str(meta.get("description", "")).strip(),
                "notes": list(meta.get("notes") or []),
                "tables": tables,
            }
        if not self.defs:
            raise RulesetError(f"no rulesets found under {root}")
        for rid, d in self.defs.items():
            parent = d["inherits"]
            if parent is not None and str(parent) not in self.defs:
                raise RulesetError(f"ruleset {rid} inherits unknown ruleset {parent!r}")
        self.order = sorted(self.defs.values(), key=lambda d: d["effective"])
        self.caches: Dict[tuple, Dict[str, Any]] = {}

    def ruleset_for(self, on: _dt.date) -> Ruleset:
        chosen = None
        for d in self.order:
            if d["effective"] <= on:
                chosen = d
        if chosen is None:
            raise ValueError(f"no ruleset covers {on.isoformat()}; the earliest modelled ruleset starts "
                             f"{self.order[0]['effective'].isoformat()}")
        return self.resolve(chosen, on)

    def chain(self, rid: str) -> List[dict]:
        out, seen = [], set()
        cur: Optional[str] = rid
        while cur is not None:
            if cur in seen:
                raise RulesetError(f"inheritance loop at ruleset {cur}")
            seen.add(cur)
            d = self.defs[cur]
            out.append(d)
            cur = None if d["inherits"] is None else str(d["inherits"])
        return out

    def resolve(self, d: dict, on: _dt.date) -> Ruleset:
        chain = self.chain(d["id"])
        tables: Dict[str, _Table] = {}
        for link in reversed(chain):  # oldest first; nearer rulesets override
            tables.update(link["tables"])
        warnings, not_modelled = [], []
        for eff, item in self.not_modelled:
            if eff <= on and d["effective"] < eff:
                text = str(item.get("warning", "")).strip()
                warnings.append(text.format(ruleset=d["id"], effective=eff.isoformat()))
                not_modelled.append({"id": str(item.get("id")), "title": str(item.get("title")),
                                     "effective": eff.isoformat()})
        signature = (d["id"],) + tuple(sorted((name, id(t.version_on(on))) for name, t in tables.items()))
        cache = self.caches.setdefault(signature, {})
        return Ruleset(d["id"], d["effective"], d["description"], d["notes"],
                       [c["id"] for c in chain], tables, on, warnings, cache, not_modelled)


Registry = _Registry  # Registry(path): the rulesets of another folder (tests, tools checking new data)
_REGISTRY: Optional[_Registry] = None


def _registry() -> _Registry:
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = _Registry(RULESETS_DIR)
    return _REGISTRY


def step_list(table: dict, upto: int) -> list:
    """A step table ({first value of a row: value}, see rulesets/README.md) as a list indexed 0..upto:
    entry i is the value of the row with the largest key <= i (None below the first key)."""
    keys = sorted(int(k) for k in table)
    by_int = {int(k): v for k, v in table.items()}
    out, current = [], None
    for i in range(upto + 1):
        if i in by_int:
            current = by_int[i]
        out.append(current)
    if keys and keys[-1] > upto:
        raise ValueError(f"step table key {keys[-1]} is past {upto}")
    return out


def earliest_date() -> _dt.date:
    """The first date for which a ruleset exists."""
    return _registry().order[0]["effective"]


@lru_cache(maxsize=4096)
def ruleset_for(on: _dt.date) -> Ruleset:
    """The ruleset in force on ``on`` (the latest whose effective date is on or before it).

    Raises ValueError for a date before the earliest modelled ruleset.
    """
    if isinstance(on, _dt.datetime):
        on = on.date()
    return _registry().ruleset_for(on)


def ruleset_by_id(rid: str, on: Optional[_dt.date] = None) -> Ruleset:
    """A ruleset by its id (resolved on ``on``, default: its own effective date)."""
    reg = _registry()
    if rid not in reg.defs:
        raise KeyError(f"unknown ruleset {rid!r}; known: {', '.join(sorted(reg.defs))}")
    d = reg.defs[rid]
    return reg.resolve(d, on or d["effective"])


def all_rulesets() -> List[dict]:
    """id, effective date and description of every ruleset, oldest first."""
    return [{"id": d["id"], "effective": d["effective"].isoformat(), "inherits": d["inherits"],
             "description": d["description"]} for d in _registry().order]


def not_modelled() -> List[dict]:
    """Announced changes that no ruleset models (from rulesets/index.yaml)."""
    return [dict(item, effective=eff.isoformat()) for eff, item in _registry().not_modelled]
