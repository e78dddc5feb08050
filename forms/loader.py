"""Load and check the procedure catalog: one YAML file per procedure plus ``_catalog.yaml``.

Every problem is reported as a ``CatalogError`` naming the file, the place in it (dotted
path and line) and the reason, so the person who edited the file can fix it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml
from pydantic import ValidationError

from forms.expr import Expression
from forms.schema import CatalogIndex, FieldDef, FieldGroup, FieldType, Procedure
from forms.textfold import fold, matches_all_words

BUILTIN_DIR = Path(__file__).parent / "procedures"
INDEX_NAME = "_catalog.yaml"
BUILTIN_OPTION_SOURCES = {"provinces"}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)     # libyaml when present: ~5x faster


@dataclass
class Problem:
    path: Path
    location: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.location or '(file)'}: {self.reason}"


class CatalogError(Exception):
    """The catalog has problems; ``problems`` lists each one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
        self.vi = "Danh mục thủ tục đang bị lỗi. Xin vui lòng liên hệ cán bộ hướng dẫn."
        self.en = "The procedure catalog has an error. Please ask the staff for help."


def _node_at(node: yaml.Node | None, loc: tuple) -> yaml.Node | None:
    """Follow a pydantic location through the YAML node tree, as far as it goes."""
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == key), None)
            if nxt is None:
                return node
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return node
    return node


def _dotted(loc: tuple) -> str:
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _read_yaml(path: Path) -> tuple[Any, yaml.Node | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
        loader = _Loader(text)
        try:
            node = loader.get_single_node()      # the node tree gives line numbers for errors
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        return None, None, [Problem(path, "", line, f"not valid YAML: {exc.problem}")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, None, [Problem(path, "", None, f"cannot read: {exc}")]
    return data, node, []


def _validate(model, path: Path, data: Any, node) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            target = _node_at(node, loc)
            line = target.start_mark.line + 1 if target is not None else None
            problems.append(Problem(path, _dotted(loc), line, err["msg"]))
        return None, problems


def iter_fields(fields: list[FieldDef], prefix: tuple) -> Iterator[tuple[tuple, FieldDef]]:
    for i, f in enumerate(fields):
        yield prefix + ("fields", i), f


def _check_procedure(proc: Procedure, path: Path, node, index: CatalogIndex) -> list[Problem]:
    problems: list[Problem] = []

    def report(loc: tuple, reason: str):
        target = _node_at(node, loc)
        problems.append(Problem(path, _dotted(loc), target.start_mark.line + 1 if target else None, reason))

    if proc.field not in {f.id for f in index.fields}:
        report(("field",), f"unknown field of procedures {proc.field!r}; declare it in {INDEX_NAME}")
    top: dict[str, FieldDef] = {}
    all_fields: list[tuple[tuple, FieldDef, dict[str, FieldDef] | None]] = []
    for pi, page in enumerate(proc.form.pages):
        for loc, f in iter_fields(page.fields, ("form", "pages", pi)):
            if f.id in top:
                report(loc + ("id",), f"field id {f.id!r} used twice in the form")
            top[f.id] = f
            all_fields.append((loc, f, None))
            if f.type is FieldType.REPEAT:
                row: dict[str, FieldDef] = {}
                for rloc, sub in iter_fields(f.fields, loc):
                    if sub.id in row:
                        report(rloc + ("id",), f"column id {sub.id!r} used twice in {f.id!r}")
                    if sub.type is FieldType.REPEAT:
                        report(rloc + ("type",), "a repeat group cannot hold another repeat group")
                    row[sub.id] = sub
                for rloc, sub in iter_fields(f.fields, loc):
                    all_fields.append((rloc, sub, row))
    known_lists = BUILTIN_OPTION_SOURCES | set(index.option_lists)
    for loc, f, row in all_fields:
        scope = set(top) | set(row or {})
        for attr in ("relevant", "constraint", "calculate", "required"):
            src = getattr(f, attr)
            if isinstance(src, str):
                missing = Expression(src).refs - scope
                if missing:
                    report(loc + (attr,), f"refers to unknown field(s) {sorted(missing)}")
        if f.options_from and f.options_from not in known_lists:
            report(loc + ("options_from",), f"unknown option list {f.options_from!r}")
        if f.parent:
            parent = (row or {}).get(f.parent) or top.get(f.parent)
            if parent is None or parent.type is not FieldType.PROVINCE:
                report(loc + ("parent",), f"{f.parent!r} is not a province field")
        if f.calculate and f.prefill:
            report(loc + ("prefill",), "a calculated field cannot also be prefilled")
    for pi, page in enumerate(proc.form.pages):
        if page.relevant and (missing := Expression(page.relevant).refs - set(top)):
            report(("form", "pages", pi, "relevant"), f"refers to unknown field(s) {sorted(missing)}")
    for fi, fee in enumerate(proc.fees):
        if fee.when and (missing := Expression(fee.when).refs - set(top)):
            report(("fees", fi, "when"), f"refers to unknown field(s) {sorted(missing)}")
    for pi, paper in enumerate(proc.papers):
        if isinstance(paper.required, str):
            missing = Expression(paper.required).refs - set(top)
            if missing:
                report(("papers", pi, "required"), f"refers to unknown field(s) {sorted(missing)}")
    return problems


@dataclass
class Catalog:
    """The loaded procedures, grouped by field, searchable without diacritics."""

    index: CatalogIndex
    procedures: dict[str, Procedure]
    paths: dict[str, Path] = field(default_factory=dict)
    _folded: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        names = {g.id: g for g in self.index.fields}
        for code, p in self.procedures.items():
            group = names.get(p.field)
            self._folded[code] = fold(" ".join([
                code, p.name.vi, p.name.en, p.summary.vi,
                group.name.vi if group else "", group.name.en if group else ""]))

    def get(self, code: str) -> Procedure:
        try:
            return self.procedures[code]
        except KeyError:
            raise KeyError(f"no procedure {code!r} in the catalog") from None

    def search(self, query: str) -> list[Procedure]:
        hits = [p for c, p in self.procedures.items() if matches_all_words(query, self._folded[c])]
        return sorted(hits, key=lambda p: fold(p.name.vi))

    def grouped(self, query: str = "") -> list[tuple[FieldGroup, list[Procedure]]]:
        hits = self.search(query) if query.strip() else list(self.procedures.values())
        out = []
        for group in sorted(self.index.fields, key=lambda g: (g.order, g.id)):
            procs = sorted((p for p in hits if p.field == group.id), key=lambda p: fold(p.name.vi))
            if procs:
                out.append((group, procs))
        return out

    def options(self, list_name: str):
        return self.index.option_lists[list_name]




def load_catalog(directory: Path | None = None) -> Catalog:
    """Load every ``*.yaml`` in ``directory`` (default: the shipped catalog)."""
    directory = Path(directory) if directory else BUILTIN_DIR
    problems: list[Problem] = []
    index_path = directory / INDEX_NAME
    if not index_path.is_file():
        raise CatalogError([Problem(index_path, "", None, "missing catalog index")])
    data, node, errs = _read_yaml(index_path)
    problems += errs
    index = None
    if not errs:
        index, errs = _validate(CatalogIndex, index_path, data, node)
        problems += errs
    if index is None:
        raise CatalogError(problems)
    procedures: dict[str, Procedure] = {}
    paths: dict[str, Path] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name == INDEX_NAME:
            continue
        data, node, errs = _read_yaml(path)
        if errs:
            problems += errs
            continue
        proc, errs = _validate(Procedure, path, data, node)
        if errs:
            problems += errs
            continue
        problems += _check_procedure(proc, path, node, index)
        if proc.code in procedures:
            problems.append(Problem(path, "code", _node_at(node, ("code",)).start_mark.line + 1,
                                    f"code {proc.code} already defined in {paths[proc.code].name}"))
        procedures[proc.code] = proc
        paths[proc.code] = path
    if problems:
        raise CatalogError(problems)
    return Catalog(index, procedures, paths)
