"""Kakehashi: parse the command line, open the database, pick the language, then run a verb or
start the window. Wiring only; the verbs' work lives in models/, documents/ and ui/."""

from __future__ import annotations

import time

_STARTED = time.perf_counter()  # before the heavy imports, for --smoke-test's start-up figure

import argparse  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from i18n import LANGUAGES, language_from_environment, set_language  # noqa: E402

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


def _common_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    # The same options before or after the verb; after it they must not reset what came before.
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", metavar="PATH", default=default,
                        help="database file or postgresql:// URL "
                             "(default: $KAKEHASHI_DB or the user data folder)")
    parser.add_argument("--lang", choices=LANGUAGES, default=default,
                        help="language of the window and messages")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kakehashi", description="Kakehashi mission planner")
    _common_options(parser, suppress=False)
    parser.add_argument("--smoke-test", action="store_true",
                        help="start the window, wait until it is painted, print the start-up ms")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    missions = verbs.add_parser("missions", help="list missions, one per line, code first")
    _common_options(missions, suppress=True)
    backup = verbs.add_parser("backup", help="copy the database into its backups folder or FILE")
    backup.add_argument("--out", metavar="FILE", help="where to write the backup")
    _common_options(backup, suppress=True)
    check = verbs.add_parser("check", help="check the database file for damage")
    _common_options(check, suppress=True)
    imports = verbs.add_parser("import-attendees", help="add or update attendees from a roster")
    imports.add_argument("code", metavar="CODE", help="the mission's code")
    imports.add_argument("file", metavar="FILE.xlsx", help="the roster workbook")
    imports.add_argument("--dry-run", action="store_true",
                         help="check the file and count new and updated rows; write nothing")
    _common_options(imports, suppress=True)
    readiness = verbs.add_parser("readiness", help="list what is not ready, most urgent first")
    readiness.add_argument("code", metavar="CODE", help="the mission's code")
    readiness.add_argument("--today", metavar="YYYY-MM-DD", type=_iso_date,
                           help="check as of this day (default: today)")
    _common_options(readiness, suppress=True)
    export = verbs.add_parser("export", help="write the mission's workbook (.xlsx) in --lang")
    export.add_argument("code", metavar="CODE", help="the mission's code")
    export.add_argument("--out", metavar="FILE.xlsx", required=True, help="the file to write")
    export.add_argument("--person", metavar="EMAIL",
                        help="only this attendee's own itinerary, as a small workbook")
    export.add_argument("--no-sensitive", action="store_true",
                        help="leave out passport numbers, dates of birth and visa types")
    _common_options(export, suppress=True)
    save = verbs.add_parser("save-mission", help="write the mission as a mission file")
    save.add_argument("code", metavar="CODE", help="the mission's code")
    save.add_argument("--out", metavar="FILE.kakehashi", required=True, help="the file to write")
    save.add_argument("--with-sensitive", action="store_true",
                      help="include passport numbers, dates of birth, passport expiry and visa "
                           "types (the file is then readable by its owner only)")
    _common_options(save, suppress=True)
    opens = verbs.add_parser("open-mission", help="add or update a mission from a mission file")
    opens.add_argument("file", metavar="FILE.kakehashi", help="the mission file")
    opens.add_argument("--as", dest="new_code", metavar="NEWCODE",
                       help="the code to give the mission when its own is taken here")
    opens.add_argument("--dry-run", action="store_true",
                       help="list what would change; write nothing")
    _common_options(opens, suppress=True)
    return parser


def _iso_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date: {text!r}") from exc


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_BAD_INPUT


def run_missions(db, _args) -> int:
    from i18n import pick
    from i18n.formatting import format_date
    from models import repository as repo
    from models.store.db import read_session

    with read_session(db.engine) as session:
        missions = repo.list_missions(session)
    for m in missions:
        title, _fallback = pick(m.title_en, m.title_ja)
        print(f"{m.code}\t{format_date(m.start_date, 'short_date')}\t"
              f"{format_date(m.end_date, 'short_date')}\t{title}")
    return EXIT_OK


def run_backup(path: Path, args) -> int:
    from datetime import datetime

    from models.store.backup import backup_now

    print(backup_now(path, out=args.out, now=datetime.now()))
    return EXIT_OK


def run_check(path: Path, _args) -> int:
    from i18n import _, ngettext
    from models.store.backup import check_database

    problems = check_database(path)
    for problem in problems:
        print(problem)
    if problems:
        from i18n.formatting import format_date
        from models.store.recovery import latest_good_backup

        good = latest_good_backup(path)
        if good is not None:
            print(_("The newest good backup is {path}, made {date} {time}. Start Kakehashi to "
                    "put it in place of the damaged file.").format(
                path=good.path, date=format_date(good.created.date()),
                time=good.created.strftime("%H:%M")), file=sys.stderr)
        return fail(ngettext("{path} is damaged: {n} problem found.",
                             "{path} is damaged: {n} problems found.",
                             len(problems)).format(path=path, n=len(problems)))
    print(_("{path} is healthy: no problems found.").format(path=path))
    return EXIT_OK


def run_import_attendees(db, args) -> int:
    from documents.roster.apply import import_roster
    from documents.roster.reader import RosterError
    from i18n import _, ngettext
    from models.store.errors import StorageError

    try:
        report = import_roster(db.engine, code=args.code, path=args.file, dry_run=args.dry_run)
    except (RosterError, StorageError) as exc:
        return fail(exc.user_message())
    if report.error_rows:
        for line in report.error_lines():
            print(line, file=sys.stderr)
        n = len(report.error_rows)
        return fail(ngettext("{n} row has errors, so nothing was imported.",
                             "{n} rows have errors, so nothing was imported.", n).format(n=n))
    for line in report.warning_lines():
        print(line)
    print(report.summary())
    if args.dry_run:
        print(_("Dry run: nothing was written."))
    return EXIT_OK


def run_readiness(db, args) -> int:
    from datetime import date

    from i18n import _
    from models import repository as repo
    from models.readiness import count_text, finding_text, run_checks
    from models.store.db import read_session

    with read_session(db.engine) as session:
        mission = repo.find_mission_by_code(session, code=args.code)
        if mission is None:
            return fail(_("No mission has the code {code}.").format(code=args.code))
        findings = run_checks(session, mission_id=mission.id, today=args.today or date.today())
    for finding in findings:
        print(finding_text(finding))
    print(count_text(len(findings)))
    return EXIT_OK


def run_export(db, args) -> int:
    from documents.workbook import ExportError, export_mission, export_person
    from i18n import current_language, ngettext

    try:
        if args.person:
            result = export_person(db.engine, code=args.code, email=args.person, path=args.out,
                                   language=current_language())
        else:
            result = export_mission(db.engine, code=args.code, path=args.out,
                                    language=current_language(), sensitive=not args.no_sensitive)
    except ExportError as exc:
        return fail(exc.user_message())
    n = len(result.sheets)
    print(ngettext("{path}: {n} sheet written.", "{path}: {n} sheets written.", n).format(
        path=result.path, n=n))
    return EXIT_OK


def run_save_mission(db, args) -> int:
    from documents.mission_file import MissionFileError, save_mission_file
    from documents.workbook import ExportError
    from i18n import _

    try:
        result = save_mission_file(db.engine, code=args.code, path=args.out,
                                   sensitive=args.with_sensitive)
    except (MissionFileError, ExportError) as exc:
        return fail(exc.user_message())
    print(_("{path}: mission saved ({people} people, {items} items).").format(
        path=result.path, people=result.counts.get("people", 0),
        items=result.counts.get("items", 0)))
    return EXIT_OK


def run_open_mission(db, args) -> int:
    from documents.mission_file import MissionFileError, open_mission_file
    from i18n import _
    from models.store.errors import StorageError

    try:
        result = open_mission_file(db.engine, path=args.file, new_code=args.new_code,
                                   dry_run=args.dry_run)
    except (MissionFileError, StorageError) as exc:
        return fail(exc.user_message())
    for line in result.lines or [_("Nothing to change: the mission is as in the file.")]:
        print(line)
    if args.dry_run:
        print(_("Dry run: nothing was written."))
    else:
        print(_("Mission {code} opened from {path}.").format(code=result.plan.code,
                                                            path=args.file))
    return EXIT_OK


# Verbs on an opened (upgraded) database.
DB_VERBS = {"missions": run_missions, "import-attendees": run_import_attendees,
            "readiness": run_readiness, "export": run_export,
            "save-mission": run_save_mission, "open-mission": run_open_mission}
# Verbs that read the file as it is: not upgraded, not seeded, and a damaged page can't stop them.
FILE_VERBS = {"backup": run_backup, "check": run_check}


def _db_location(chosen: str) -> Path | str:
    """A file's path, or a server's postgresql:// URL as it is."""
    from models.store.server import is_server_url

    return chosen if is_server_url(chosen) else Path(chosen)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    chosen_db = args.db or os.environ.get("KAKEHASHI_DB")
    db_path = _db_location(chosen_db) if chosen_db else None
    if args.verb is None and isinstance(db_path, str):
        from i18n import _

        set_language(args.lang or language_from_environment())
        return fail(_("The window opens a database file; a server database (postgresql://) "
                      "works with the command-line verbs in this version."))
    if args.verb is None:
        # The database and locale libraries before Qt: once PySide6 is loaded, its __feature__
        # import hook reads the source of every module imported after it, which costs about
        # 90 ms for SQLAlchemy, SQLModel and Babel here (bench/startup.py).
        import i18n.formatting  # noqa: F401
        import models.repository  # noqa: F401
        from ui.window.app import run_gui

        return run_gui(db_path=db_path, language=args.lang, smoke_test=args.smoke_test,
                       started=_STARTED)
    set_language(args.lang or language_from_environment())
    from models.demo import open_with_demo
    from models.store.errors import StorageError
    from models.store.paths import default_db_path

    try:
        if args.verb in FILE_VERBS:
            if isinstance(db_path, str):
                from models.store.errors import NotForServer

                raise NotForServer(args.verb)
            return FILE_VERBS[args.verb](db_path or default_db_path(), args)
        db = open_with_demo(db_path or default_db_path())
    except StorageError as exc:
        return fail(exc.user_message())
    if db.damage:  # found by today's first backup; the verb still runs on what is readable
        from models.store.health import damage_summary

        print(damage_summary(db.path, db.damage), file=sys.stderr)
    try:
        return DB_VERBS[args.verb](db, args)
    finally:
        db.dispose()


def run() -> None:
    """Entry point: exit without Python's module teardown once the work is done.

    By then every edit is committed and the settings are synced; tearing down Qt, SQLAlchemy
    and pydantic module by module takes about 0.2 s here and saves nothing for the user.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
