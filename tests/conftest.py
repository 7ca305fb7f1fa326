"""Test setup: Qt offscreen, real SQLite files in temp folders (copied from templates made once a
session), English unless a test switches, every widget deleted after its test."""

from __future__ import annotations

import gc
import io
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

import i18n  # noqa: E402
from models.demo import seed_demo  # noqa: E402
from models.store.backup import backups_dir  # noqa: E402
from models.store.db import open_database  # noqa: E402
from tests import dialogs  # noqa: E402

SIDECARS = ("-wal", "-shm", "-journal")
RAM_DISK = Path("/dev/shm")


def pytest_configure(config):
    # Every commit is synced to disk (synchronous=FULL) and the suite commits thousands of
    # times; on a RAM disk a sync costs nothing. Temp folders go there when there is one,
    # unless TMPDIR or --basetemp chose another place. An xdist worker is always given a
    # --basetemp, so it takes the controller's choice (pytest_configure_node): it once kept
    # the disk, and each worker's PostgreSQL server copied a test's database in 0.3 s there
    # instead of 15 ms.
    worker = getattr(config, "workerinput", None)
    if worker is not None:
        ram = worker.get("kakehashi_ram_disk", False)
    else:
        ram = (config.option.basetemp is None and "TMPDIR" not in os.environ
               and RAM_DISK.is_dir() and os.access(RAM_DISK, os.W_OK))
    if ram:
        tempfile.tempdir = str(RAM_DISK)
    # The app's private temporary folder (models/store/private_temp.py), never the user's;
    # removed at the end when this session made it.
    if "KAKEHASHI_TEMP_DIR" not in os.environ:
        config._kakehashi_temp = tempfile.mkdtemp(prefix="kakehashi-temp-")
        os.environ["KAKEHASHI_TEMP_DIR"] = config._kakehashi_temp


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """(xdist, in the controller) Tell each worker whether temp folders go to the RAM disk."""
    node.workerinput["kakehashi_ram_disk"] = tempfile.tempdir == str(RAM_DISK)


def pytest_unconfigure(config):
    made = getattr(config, "_kakehashi_temp", None)
    if made is not None:
        shutil.rmtree(made, ignore_errors=True)
        if os.environ.get("KAKEHASHI_TEMP_DIR") == made:
            del os.environ["KAKEHASHI_TEMP_DIR"]


def pytest_collection_finish(session):
    # What collection imported (the app, Qt, SQLAlchemy, the test modules) lives as long as
    # this process: leave it out of Python's cycle collections, as the app leaves its start-up
    # objects (ui/window/app.freeze_startup_objects), and collect young objects less often.
    # Without it a full collection walked all of it every few tests.
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def pytest_collection_modifyitems(items):
    # The tests that take seconds first: each worker then ends on short ones, instead of one
    # worker still running a 20-second kill test while the other has nothing left to take.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    # A check that failed inside a dialog answer fails the test with its own message, even when
    # the test went on (the dialog was closed) and failed later for that reason.
    dialogs.start_test()
    try:
        return (yield)
    finally:
        failure = dialogs.first_failure()
        if failure is not None:
            raise failure


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def no_widgets_left():
    """Delete every top-level widget a test made: widgets closed but not deleted stay in
    QApplication.allWidgets(), and each later language switch or font change visits them all."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in app.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


@pytest.fixture(scope="session")
def db_templates(tmp_path_factory) -> dict[str, Path]:
    """A migrated empty file and a seeded demo file, made once per session: copying one costs
    a few ms, migrating and seeding about 0.1 s per test."""
    folder = tmp_path_factory.mktemp("templates")
    templates = {"empty": folder / "empty.db", "demo": folder / "demo.db"}
    for kind, path in templates.items():
        db = open_database(path)
        if kind == "demo":
            seed_demo(db.engine)
        db.dispose()  # the last connection closing checkpoints the WAL into the file
        assert not any(Path(f"{path}{s}").exists() for s in SIDECARS), "template not alone"
    return templates


def every_row(engine) -> dict[str, list[tuple]]:
    """Every row of every table of ours, in a stable order, on either engine: for "nothing
    changed"."""
    from sqlalchemy import select
    from sqlmodel import SQLModel

    from models.store.db import read_session

    with read_session(engine) as session:
        conn = session.connection()
        return {t.name: sorted(map(tuple, conn.execute(select(t)).all()), key=repr)
                for t in SQLModel.metadata.sorted_tables}


def copy_template(templates: dict[str, Path], kind: str, path: Path):
    """Open a copy of a template at `path` as a fresh open leaves it: upgraded, no backups yet
    (opening an existing file makes today's backup; a brand-new one has none)."""
    shutil.copy(templates[kind], path)  # the template is owner-only, and so is the copy
    # Today's backup is put there first, a copy of the same bytes: the open then finds it and
    # makes none itself (SQLite's backup and an integrity check: half of this fixture's time,
    # over a thousand times a run). Removed with the folder below, whatever the open did.
    folder = backups_dir(path)
    folder.mkdir(mode=0o700, exist_ok=True)
    shutil.copy(templates[kind], folder / f"{path.stem}-{datetime.now():%Y%m%d-%H%M%S}-daily.db")
    db = open_database(path)
    shutil.rmtree(folder, ignore_errors=True)
    return db


# A module marked `both_engines` runs each of its tests that takes empty_db or demo_db twice:
# on a SQLite file, then on a PostgreSQL database copied from the server's template (the one
# server of the session, see pg_server). A test there about the file itself says `file_only`.
ENGINES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc):
    node = metafunc.definition
    if (node.get_closest_marker("both_engines") and not node.get_closest_marker("file_only")
            and {"empty_db", "demo_db"} & set(metafunc.fixturenames)):
        metafunc.parametrize("engine_name", ENGINES, indirect=True)


@pytest.fixture
def engine_name(request) -> str:
    return getattr(request, "param", "sqlite")


@contextmanager
def _database(kind: str, request, tmp_path, db_templates, engine_name: str):
    if engine_name == "sqlite":
        db = copy_template(db_templates, kind, tmp_path / "kakehashi.db")
        yield db
        db.dispose()
        return
    server = request.getfixturevalue("pg_server")
    url = server.new_database(f"template_{kind}")
    db = open_database(url)
    yield db
    db.dispose()
    server.drop_database(url)


@pytest.fixture
def empty_db(request, tmp_path, db_templates, engine_name):
    with _database("empty", request, tmp_path, db_templates, engine_name) as db:
        yield db


@pytest.fixture
def demo_db(request, tmp_path, db_templates, engine_name):
    with _database("demo", request, tmp_path, db_templates, engine_name) as db:
        yield db


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def qt_language(qapp, settings):
    from i18n.qt import QtLanguage

    language = QtLanguage(qapp, settings)
    yield language
    # Back to English while Qt still listens, so the app font and translators are reset too
    # (the autouse `english` fixture runs after this one has closed).
    i18n.set_language("en")
    language.close()


@pytest.fixture
def window(qtbot, demo_db, settings, qt_language):
    from PySide6.QtCore import QCoreApplication, QEvent
    from shiboken6 import isValid

    from ui.window.main_window import MainWindow

    win = MainWindow(demo_db, settings)
    qtbot.addWidget(win)
    win.resize(1200, 700)
    win.show()
    qtbot.waitExposed(win)
    win.readiness.flush()        # the checks run just after the first paint; the tests read them
    yield win
    # pytest-qt has closed it (closeEvent saved its state and let go of the database); delete it
    # now, before the database and the language go, not at some later event loop.
    if isValid(win):
        win.close()
        win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run_main(*args: str, env: dict | None = None, tmp_path: Path | None = None):
    """Run main.py as a user would, in a child process; returns the CompletedProcess."""
    import subprocess

    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    full_env.pop("KAKEHASHI_DB", None)  # never the developer's own database
    full_env.update(env or {})
    if tmp_path is not None:
        full_env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
        full_env.setdefault("KAKEHASHI_LOG_DIR", str(tmp_path / "log"))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, env=full_env, timeout=120, cwd=ROOT)


@dataclass
class CliResult:
    """What a verb returned and printed, shaped like the CompletedProcess of run_main."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, env: dict | None = None) -> CliResult:
    """Run main.main(args) in this process, as run_main would in a child: a verb's exit code,
    output and messages need no new interpreter (argparse's usage errors exit with 2)."""
    import main

    out, err = io.StringIO(), io.StringIO()
    env = {"KAKEHASHI_DB": None, **(env or {})}  # never the developer's own database
    saved = {name: os.environ.get(name) for name in env}
    _set_env(env)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main.main(list(args))
            except SystemExit as exc:
                code = exc.code
    finally:
        _set_env(saved)
    return CliResult(code, out.getvalue(), err.getvalue())


def _set_env(values: dict[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def url(pg_server):
    """A new server database for the sync tests, with the app's schema (as an empty server
    database gets it from the first share, which test_sync checks), copied: migrating takes
    seconds."""
    made = pg_server.new_database("template_empty")
    yield made
    pg_server.drop_database(made)


def _sharing(demo_db, tmp_path, url, count: int):
    from tests.sync_helpers import laptops

    made = laptops(demo_db, tmp_path, url, count)
    yield made
    for db in made[1:]:
        db.dispose()


@pytest.fixture
def two(demo_db, tmp_path, url):
    """Two laptops sharing the demo mission on `url` (tests/sync_helpers.laptops)."""
    yield from _sharing(demo_db, tmp_path, url, 2)


@pytest.fixture
def three(demo_db, tmp_path, url):
    """Three laptops sharing it, for what a third sees of the other two's conflicts."""
    yield from _sharing(demo_db, tmp_path, url, 3)


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server these tests started (tests/postgres.py); skipped, saying how to
    install it, only on a machine without PostgreSQL's binaries."""
    from tests.postgres import INSTALL_HINT, Server, find_bin

    bin_dir = find_bin()
    if bin_dir is None:
        if os.environ.get("KAKEHASHI_REQUIRE_PG"):      # set by .ci/run
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    server = Server(bin_dir)
    server.start()
    try:
        for kind in ("empty", "demo"):    # migrated (and seeded) once, copied for each test
            server.admin(f'CREATE DATABASE "template_{kind}"')
            db = open_database(server.url(f"template_{kind}"))
            if kind == "demo":
                seed_demo(db.engine)
            db.dispose()
        yield server
    finally:
        server.stop()


@pytest.fixture(params=ENGINES)
def any_demo_db(request, tmp_path, db_templates):
    """The demo database on each engine: a SQLite file, then a PostgreSQL database."""
    with _database("demo", request, tmp_path, db_templates, request.param) as db:
        yield db
