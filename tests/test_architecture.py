"""The house rules that the code's imports must keep (ARCHITECTURE.md): the direction of imports
between rooms, and SQL only in models/ (tests/test_imports.py checks for import circles)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The features of the window, one package each (ui/__init__.py and README's picture name them).
FEATURES = ("missions", "attendees", "itinerary", "sites", "lodging", "meetings", "find", "files",
            "sharing")
ROOMS_OF_UI = frozenset({"window", "common", *FEATURES})
SOURCES = sorted(p for folder in ("ui", "models", "documents", "i18n")
                 for p in (ROOT / folder).rglob("*.py") if "versions" not in p.parts)


def module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The modules of ours that `path` imports, at module level or inside a function."""
    tree = ast.parse(path.read_text(), str(path))
    nodes = list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    ours = ("ui", "models", "documents", "i18n", "main")
    return {m for m in found if m.split(".")[0] in ours}


def room(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "ui" and len(parts) > 1:
        return "ui." + parts[1]
    return parts[0]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_run_the_way_of_the_house(path: Path):
    here = room(module_of(path))
    for target in imports(path):
        there = room(target)
        if here == "models":
            assert there in ("models", "i18n"), f"models/ imports {target}"
        elif here == "documents":
            assert there in ("documents", "models", "i18n"), f"documents/ imports {target}"
        elif here == "i18n":
            assert there == "i18n", f"i18n imports {target}"
        elif here == "ui.common":
            assert not there.startswith("ui.") or there == "ui.common", \
                f"ui/common imports the feature {target}"
        elif here.startswith("ui.") and here != "ui.window":
            # A feature reaches only common and itself; what two features share goes to common.
            assert not there.startswith("ui.") or there in (here, "ui.common"), \
                f"{module_of(path)} imports another feature's {target}"
        assert there != "main", f"{module_of(path)} imports main.py"


def test_models_never_import_qt():
    for path in (ROOT / "models").rglob("*.py"):
        assert "PySide6" not in path.read_text(), path


# Not even a type of SQLAlchemy's: the Engine a document is handed is models.store.db's name.
SQL = re.compile(r"\bsession\.(exec|execute|get|query|add|delete|merge)\(|(?<![.\w])select\(|"
                 r"(?<!def )(?<![.\w])text\(|PRAGMA|sqlite3|\bsqlalchemy\b|\bsqlmodel\b|"
                 r"\.execute\(")


@pytest.mark.parametrize("folder", ["ui", "documents"])
def test_no_sql_outside_models(folder: str):
    offenders = []
    for path in (ROOT / folder).rglob("*.py"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("#", 1)[0]
            if SQL.search(code) and not code.lstrip().startswith(('"', "'")):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def loose_in_ui(paths) -> list[str]:
    """The modules of ui/ (but its own __init__.py) outside window/, common/ and the features."""
    out = []
    for path in paths:
        parts = path.relative_to(ROOT / "ui").parts
        if parts != ("__init__.py",) and (len(parts) < 2 or parts[0] not in ROOMS_OF_UI):
            out.append(str(path.relative_to(ROOT)))
    return sorted(out)


def test_every_module_of_ui_is_in_the_window_common_or_a_feature():
    assert loose_in_ui((ROOT / "ui").rglob("*.py")) == []
    folders = {p.name for p in (ROOT / "ui").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == ROOMS_OF_UI
    for room in sorted(ROOMS_OF_UI):
        assert (ROOT / "ui" / room / "__init__.py").is_file(), f"ui/{room} is not a package"
    import ui
    assert all(feature in ui.__doc__ for feature in FEATURES)


def test_the_check_finds_what_it_looks_for(tmp_path):
    assert loose_in_ui([ROOT / "ui" / "stray.py", ROOT / "ui" / "other" / "x.py",
                        ROOT / "ui" / "attendees" / "attendees_tab.py"]) == [
        "ui/other/x.py", "ui/stray.py"]
    # The rules above would pass on an empty house; show they see a breach.
    bad = tmp_path / "bad.py"
    bad.write_text("from ui.attendees.attendees_tab import AttendeesTab\n"
                   "rows = session.exec(select(Person)).all()\n")
    assert "ui.attendees.attendees_tab" in imports(bad)
    assert SQL.search(bad.read_text().splitlines()[1])
