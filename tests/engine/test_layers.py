"""The layers of docs/architecture.md ("Layers and what may import what"): every import of the project's
packages, function-level ones included, read from the source (ast), against the arrows the page allows."""
import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PACKAGES = ("express_entry", "understanding", "common", "actions", "connectors")
# What each package may import of the project's packages and of Rasa (anything else: the standard library and
# third-party libraries). ``rasa``: the Rasa server's package; ``rasa_sdk``: the action server's.
ALLOWED = {
    "express_entry": {"express_entry"},
    "understanding": {"understanding", "express_entry"},
    "common": {"common"},
    "actions": {"actions", "understanding", "express_entry", "common", "rasa_sdk"},
    "connectors": {"connectors", "understanding", "express_entry", "common", "rasa"},
}
# The one module of a package allowed one more import: the NLU component is the only Rasa import of understanding.
EXCEPTIONS = {"understanding/component.py": {"rasa"}}
WATCHED = set(PACKAGES) | {"rasa", "rasa_sdk"}


def imports(path: pathlib.Path):
    """(line, top-level package) of every absolute import in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def forbidden_arrows():
    out = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            allowed = ALLOWED[package] | EXCEPTIONS.get(rel, set())
            out += [f"{rel}:{line} imports {top}" for line, top in imports(path)
                    if top in WATCHED and top not in allowed]
    return out


def test_no_package_imports_a_layer_it_may_not():
    assert forbidden_arrows() == []


def test_the_walk_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from connectors import chart\n    import rasa.core\n")
    assert list(imports(module)) == [(2, "connectors"), (3, "rasa")]


@pytest.mark.parametrize("package", PACKAGES)
def test_every_package_is_on_the_architecture_page(package):
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert f"`{package}/`" in page


def test_callers_read_understanding_from_understanding_not_through_actions_parsing():
    """actions/parsing.py re-exports nothing: every ``parsing.<name>`` used anywhere is defined in parsing.py."""
    tree = ast.parse((ROOT / "actions" / "parsing.py").read_text(encoding="utf-8"))
    own = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    own |= {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    used = []
    for path in sorted(p for d in ("actions", "tests", "scripts") for p in (ROOT / d).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "parsing" \
                    and node.attr not in own:
                used.append(f"{path.relative_to(ROOT)}:{node.lineno} parsing.{node.attr}")
    assert used == []
