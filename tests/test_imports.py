"""The shape of the imports: no two of our modules import each other (directly or round a longer
circle) at module level, and no module takes another's private `_name`."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

PACKAGES = ("models", "documents", "i18n", "ui")
DATABASE_LIBRARIES = {"sqlalchemy", "sqlmodel", "sqlite3"}


def _modules() -> dict[str, ast.Module]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if "migrations" in parts:
                continue                   # Alembic loads those scripts itself
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def _imports(modules: dict[str, ast.Module]) -> tuple[dict[str, set[str]], list[str]]:
    """Module -> the modules of ours it imports at module level; and the private names taken."""
    graph, private = {}, []
    for name, tree in modules.items():
        deps = set()
        for node in tree.body:         # top-level statements only: imports inside functions wait
            if isinstance(node, ast.Import):
                targets = [(alias.name, None) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [(node.module, alias.name) for alias in node.names]
            else:
                continue
            for module, attr in targets:
                if attr and f"{module}.{attr}" in modules:
                    module = f"{module}.{attr}"               # `from models import repository`
                elif attr and attr.startswith("_") and attr != "_" and module in modules:
                    private.append(f"{name} takes {module}.{attr}")
                while module not in modules and "." in module:
                    module = module.rsplit(".", 1)[0]
                if module in modules and module != name:
                    deps.add(module)
        graph[name] = deps
    return graph, private


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    circles, done = [], set()

    def visit(module: str, path: list[str]) -> None:
        for dep in sorted(graph[module]):
            if dep in path:
                circles.append(path[path.index(dep):] + [dep])
            elif dep not in done:
                visit(dep, path + [dep])
        done.add(module)

    for module in sorted(graph):
        if module not in done:
            visit(module, [module])
    return circles


def test_no_module_level_import_circle_and_no_private_name_taken():
    graph, private = _imports(_modules())
    assert "models.store.backup" in graph["models.store.db"]        # the graph is real
    assert _circles(graph) == []
    assert private == []


def test_the_circle_check_sees_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_documents_query_nothing_themselves_but_call_models():
    """No select(), session.exec or SQL in documents/: the engine passes through, no more."""
    taken = []
    for name, tree in _modules().items():
        if not name.startswith("documents"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            taken += [f"{name}: {n}" for n in names if n.split(".")[0] in DATABASE_LIBRARIES
                      and n != "sqlalchemy.engine.Engine"]
    assert taken == []
