"""Kakehashi: parse the command line, open the database, pick the language, then run a verb or
start the window. Wiring only; the verbs' work lives in models/, documents/ and ui/."""

from __future__ import annotations

import time

_STARTED = time.perf_counter()  # before the heavy imports, for --smoke-test's start-up figure

import argparse  # noqa: E402
import gc  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from i18n import (  # noqa: E402
    LANGUAGES,
    _,
    language_from_environment,
    set_language,
    temporary_language,
)

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


def _common_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    # The same options before or after the verb; after it they must not reset what came before.
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", metavar="PATH", default=default,
                        help=_("database file or postgresql:// URL "
                               "(default: $KAKEHASHI_DB or the user data folder)"))
    parser.add_argument("--lang", choices=LANGUAGES, default=default,
                        help=_("language of the window and messages"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kakehashi", description=_("Kakehashi mission planner"))
    _common_options(parser, suppress=False)
    parser.add_argument("--smoke-test", action="store_true",
                        help=_("start the window, wait until it is painted, print the start-up ms"))
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    missions = verbs.add_parser("missions", help=_("list missions, one per line, code first"))
    _common_options(missions, suppress=True)
    backup = verbs.add_parser("backup", help=_("copy the database into its backups folder or FILE"))
    backup.add_argument("--out", metavar="FILE", help=_("where to write the backup"))
    _common_options(backup, suppress=True)
    check = verbs.add_parser("check", help=_("check the database file for damage"))
    _common_options(check, suppress=True)
    imports = verbs.add_parser("import-attendees", help=_("add or update attendees from a roster"))
    imports.add_argument("code", metavar="CODE", help=_("the mission's code"))
    imports.add_argument("file", metavar="FILE.xlsx", help=_("the roster workbook"))
    imports.add_argument("--dry-run", action="store_true",
                         help=_("check the file and count new and updated rows; write nothing"))
    imports.add_argument("--skip-errors", action="store_true",
                         help=_("leave out the rows with errors (listed) and import the rest"))
    imports.add_argument("--sheet", metavar="NAME",
                         help=_("the sheet to read (default: the active visible one)"))
    _common_options(imports, suppress=True)
    readiness = verbs.add_parser("readiness", help=_("list what is not ready, most urgent first"))
    readiness.add_argument("code", metavar="CODE", help=_("the mission's code"))
    readiness.add_argument("--today", metavar="YYYY-MM-DD", type=_iso_date,
                           help=_("check as of this day (default: today)"))
    _common_options(readiness, suppress=True)
    export = verbs.add_parser("export", help=_("write the mission's workbook (.xlsx) in --lang"))
    export.add_argument("code", metavar="CODE", help=_("the mission's code"))
    export.add_argument("--out", metavar="FILE.xlsx", required=True, help=_("the file to write"))
    export.add_argument("--person", metavar="EMAIL",
                        help=_("only this attendee's own itinerary, as a small workbook"))
    export.add_argument("--no-sensitive", action="store_true",
                        help=_("leave out passport numbers, dates of birth and visa types"))
    export.add_argument("--for", dest="receiver", metavar="KIND[=NAME]",
                        help=_("only this receiver's document (see the receivers verb); "
                               "default: organizers, the whole workbook"))
    export.add_argument("--unconfirmed", action="store_true",
                        help=_("a site's visitor list also lists invitees not yet confirmed"))
    _common_options(export, suppress=True)
    receivers = verbs.add_parser("receivers", help=_("list who gets a document: KIND, NAME, "
                                                     "what it holds"))
    receivers.add_argument("code", metavar="CODE", help=_("the mission's code"))
    _common_options(receivers, suppress=True)
    handout = verbs.add_parser("handout", help=_("write the travel pack (PDF) in --lang"))
    handout.add_argument("code", metavar="CODE", help=_("the mission's code"))
    handout.add_argument("--out", metavar="FILE.pdf", required=True, help=_("the file to write"))
    who = handout.add_mutually_exclusive_group()
    who.add_argument("--person", metavar="EMAIL", help=_("only this attendee's travel pack"))
    who.add_argument("--everyone", action="store_true",
                     help=_("every attendee's travel pack, one after another"))
    handout.add_argument("--paper", choices=("a4", "letter"),
                         help=_("paper size (default: by the receiver's country)"))
    _common_options(handout, suppress=True)
    calendar = verbs.add_parser("calendar", help=_("write the itinerary as a calendar (.ics)"))
    calendar.add_argument("code", metavar="CODE", help=_("the mission's code"))
    calendar.add_argument("--out", metavar="FILE.ics", required=True,
                          help=_("the file to write"))
    calendar.add_argument("--person", metavar="EMAIL", help=_("only this attendee's items"))
    _common_options(calendar, suppress=True)
    badges = verbs.add_parser("badges", help=_("write name badges or table cards (PDF)"))
    badges.add_argument("code", metavar="CODE", help=_("the mission's code"))
    badges.add_argument("--out", metavar="FILE.pdf", required=True, help=_("the file to write"))
    badges.add_argument("--layout", choices=("badge", "tent"), default="badge",
                        help=_("label sheets of badges, or table cards folded in half"))
    badges.add_argument("--paper", choices=("a4", "letter"),
                        help=_("paper size (default: by the mission's home country)"))
    _common_options(badges, suppress=True)
    save = verbs.add_parser("save-mission", help=_("write the mission as a mission file"))
    save.add_argument("code", metavar="CODE", help=_("the mission's code"))
    save.add_argument("--out", metavar="FILE.kakehashi", required=True, help=_("the file to write"))
    save.add_argument("--with-sensitive", action="store_true",
                      help=_("include passport numbers, dates of birth, passport expiry and visa "
                             "types (the file is then readable by its owner only)"))
    _common_options(save, suppress=True)
    opens = verbs.add_parser("open-mission", help=_("add or update a mission from a mission file"))
    opens.add_argument("file", metavar="FILE.kakehashi", help=_("the mission file"))
    opens.add_argument("--as", dest="new_code", metavar="NEWCODE",
                       help=_("the code to give the mission when its own is taken here"))
    opens.add_argument("--dry-run", action="store_true",
                       help=_("list what would change; write nothing"))
    _common_options(opens, suppress=True)
    _sync_parsers(verbs)
    return parser


def _sync_parsers(verbs) -> None:
    organizer = {"metavar": "NAME", "help": _("your name as the team sees it on each change "
                                              "(default: your login name)")}
    share = verbs.add_parser("share", help=_("put a mission on a PostgreSQL server for a team"))
    share.add_argument("code", metavar="CODE", help=_("the mission's code"))
    share.add_argument("--server", metavar="URL", required=True,
                       help=_("the server's postgresql:// URL"))
    share.add_argument("--organizer", **organizer)
    _common_options(share, suppress=True)
    join = verbs.add_parser("join", help=_("copy a shared mission from its server into the "
                                           "database file, to work on it offline"))
    join.add_argument("url", metavar="URL", help=_("the server's postgresql:// URL"))
    join.add_argument("code", metavar="CODE", help=_("the mission's code"))
    join.add_argument("--organizer", **organizer)
    _common_options(join, suppress=True)
    sync = verbs.add_parser("sync", help=_("send this computer's changes and receive the "
                                           "team's (every shared mission without CODE)"))
    sync.add_argument("code", metavar="CODE", nargs="?", help=_("the mission's code"))
    _common_options(sync, suppress=True)
    conflicts = verbs.add_parser("conflicts", help=_("list a shared mission's open conflicts, "
                                                     "one per line"))
    conflicts.add_argument("code", metavar="CODE", help=_("the mission's code"))
    _common_options(conflicts, suppress=True)
    team = verbs.add_parser("team", help=_("put a colleague's server role on a shared "
                                           "mission's team"))
    team.add_argument("code", metavar="CODE", help=_("the mission's code"))
    team.add_argument("role", metavar="ROLE", help=_("the colleague's PostgreSQL login role"))
    team.add_argument("--sensitive", action="store_true",
                      help=_("let them receive passport numbers, dates of birth and visa data"))
    _common_options(team, suppress=True)
    resolve = verbs.add_parser("resolve", help=_("settle a conflict"))
    resolve.add_argument("code", metavar="CODE", help=_("the mission's code"))
    resolve.add_argument("number", metavar="N", type=int, help=_("the conflict's number"))
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument("--take", metavar="mine|theirs|VALUE",
                        help=_("keep your value, the other one, or type a third"))
    choice.add_argument("--value", metavar="TEXT",
                        help=_("settle it with this value, as typed (even \"mine\" or "
                               "\"theirs\")"))
    _common_options(resolve, suppress=True)


def _iso_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(_("not a date: {text}").format(text=text)) from exc


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
        report = import_roster(db.engine, code=args.code, path=args.file, dry_run=args.dry_run,
                               skip_errors=args.skip_errors, sheet=args.sheet)
    except (RosterError, StorageError) as exc:
        return fail(exc.user_message())
    for line in filter(None, [report.sheet_line(), *report.note_lines()]):
        print(line)
    if report.error_rows:
        for line in report.error_lines():
            print(line, file=sys.stderr)
        n = len(report.error_rows)
        return fail(ngettext("{n} row has errors, so nothing was imported.",
                             "{n} rows have errors, so nothing was imported.", n).format(n=n))
    for line in [*report.left_out_lines(), *report.warning_lines()]:
        print(line)
    if args.skip_errors and not args.dry_run and not report.written:
        return fail(_("No row is free of errors, so nothing was imported."))
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


def run_receivers(db, args) -> int:
    from documents.workbook import ExportError
    from documents.workbook.for_receiver import previews

    try:
        found = previews(db.engine, code=args.code)
    except ExportError as exc:
        return fail(exc.user_message())
    for preview in found:
        print(f"{preview.receiver.kind}\t{preview.receiver.name}\t{preview.description}")
    return EXIT_OK


def run_export(db, args) -> int:
    from documents.workbook import ExportError, export_mission, export_person
    from i18n import current_language, ngettext

    if args.receiver and not args.person:
        return _export_for(db, args)
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


def _write_document(export, report, **options) -> int:
    """One document verb: `export(**options)` in the chosen language, its ExportError as a
    message (exit 1), else `report(result)` printed."""
    from documents.workbook import ExportError
    from i18n import current_language

    try:
        result = export(language=current_language(), **options)
    except ExportError as exc:
        return fail(exc.user_message())
    print(report(result))
    return EXIT_OK


def _pages(result) -> str:
    from i18n import ngettext

    return ngettext("{path}: {n} page written.", "{path}: {n} pages written.",
                    result.pages).format(path=result.path, n=result.pages)


def run_handout(db, args) -> int:
    from documents.handouts import export_handout

    return _write_document(export_handout, _pages, engine=db.engine, code=args.code,
                           path=args.out, email=args.person or "", everyone=args.everyone,
                           paper=args.paper)


def run_badges(db, args) -> int:
    from documents.handouts import export_badges

    return _write_document(export_badges, _pages, engine=db.engine, code=args.code,
                           path=args.out, layout=args.layout, paper=args.paper)


def run_calendar(db, args) -> int:
    from documents.calendar import export_calendar
    from i18n import ngettext

    return _write_document(
        export_calendar, lambda result: ngettext(
            "{path}: {n} event written.", "{path}: {n} events written.", result.events).format(
            path=result.path, n=result.events),
        engine=db.engine, code=args.code, path=args.out, email=args.person or "")


def _export_for(db, args) -> int:
    from documents.workbook import ExportError
    from documents.workbook.for_receiver import ReceiverNotFound, export_for
    from i18n import ngettext

    kind, _eq, name = args.receiver.partition("=")
    try:
        result = export_for(db.engine, code=args.code, kind=kind.strip().lower(),
                            name=name.strip(), path=args.out, language=args.lang,
                            unconfirmed=args.unconfirmed)
    except (ExportError, ReceiverNotFound) as exc:
        return fail(exc.user_message())
    for line in result.missing:
        print(line, file=sys.stderr)
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


def _organizer(args) -> str:
    import getpass

    return args.organizer or getpass.getuser()


def _password_note(url: str) -> None:
    from models.sync.wire import split_password

    if split_password(url)[1]:
        print(_("The password in the URL is not kept in the database file: later syncs sign in "
                "with the one in PGPASSWORD or the .pgpass file."))


def run_share(db, args) -> int:
    from models.sync import share_mission

    share_mission(db.engine, args.code, args.server, organizer=_organizer(args))
    print(_("Mission {code} is shared; your team can join it with: join URL {code}").format(
        code=args.code))
    _password_note(args.server)
    return EXIT_OK


def run_join(path: Path, args) -> int:
    from models.sync import join_mission

    join_mission(args.url, args.code, path, organizer=_organizer(args))
    print(_("Mission {code} joined into {path}.").format(code=args.code, path=path))
    _password_note(args.url)
    return EXIT_OK


def run_sync(db, args) -> int:
    from i18n import ngettext
    from models.sync import shared_codes, sync_mission

    codes = [args.code] if args.code else shared_codes(db.engine)
    if not codes:
        return fail(_("No mission in this database is shared."))
    for code in codes:
        report = sync_mission(db.engine, code)
        print(_("{code}: sent {sent}, received {received}; {conflicts}").format(
            code=code, sent=report.sent, received=report.received,
            conflicts=ngettext("{n} conflict open.", "{n} conflicts open.",
                               report.open_conflicts).format(n=report.open_conflicts)))
    return EXIT_OK       # conflicts are work for the user, not a failure of the sync


def _shown(value, whole_row: bool) -> str:
    if whole_row:
        return _("(deleted)") if value is None else _("(kept)")
    return _("(empty)") if value in (None, "") else str(value)


def run_conflicts(db, args) -> int:
    from models.sync import list_conflicts

    found = list_conflicts(db.engine, args.code)
    if not found:
        print(_("No open conflicts."))
    for c in found:
        whole = not c.field
        print("\t".join((f"{c.number}", c.row_label, c.field or _("(whole row)"),
                         _("base: {value}").format(value=_shown(c.base, whole)),
                         _("mine: {value}").format(value=_shown(c.mine, whole)),
                         _("theirs: {value}").format(value=_shown(c.theirs, whole)))))
    return EXIT_OK


def run_team(db, args) -> int:
    from models.sync import add_organizer

    add_organizer(db.engine, args.code, args.role, sensitive=args.sensitive)
    print(_("{role} is on the team of {code}.").format(role=args.role, code=args.code))
    return EXIT_OK


def run_resolve(db, args) -> int:
    from models.sync import resolve_conflict

    if args.value is not None:
        resolve_conflict(db.engine, args.code, args.number, args.value, typed=True)
    else:
        resolve_conflict(db.engine, args.code, args.number, args.take)
    print(_("Conflict {number} settled.").format(number=args.number))
    return EXIT_OK


# Verbs on an opened (upgraded) database.
DB_VERBS = {"missions": run_missions, "import-attendees": run_import_attendees,
            "readiness": run_readiness, "export": run_export, "handout": run_handout,
            "calendar": run_calendar, "badges": run_badges, "receivers": run_receivers,
            "save-mission": run_save_mission, "open-mission": run_open_mission,
            "share": run_share, "sync": run_sync, "conflicts": run_conflicts,
            "resolve": run_resolve, "team": run_team}
# Verbs that read the file as it is: not upgraded, not seeded, and a damaged page can't stop them.
FILE_VERBS = {"backup": run_backup, "check": run_check}


def _db_location(chosen: str) -> Path | str:
    """A file's path, or a server's postgresql:// URL as it is."""
    from models.store.server import is_server_url

    return chosen if is_server_url(chosen) else Path(chosen)


def main(argv: list[str] | None = None) -> int:
    from i18n.cli import language_in_argv, translate_argparse

    # The parser speaks the language asked for: its help, usage and errors (exit 2).
    translate_argparse()
    given = sys.argv[1:] if argv is None else argv
    with temporary_language(language_in_argv(given) or language_from_environment()):
        parser = build_parser()
        args = parser.parse_args(given)
        if args.db is not None and not args.db.strip():
            parser.error(_("--db needs a file name (it was empty)"))  # exits with 2
    from models.store import private_temp

    # Every temporary file of this run in a private folder, removed when it ends; what a
    # killed run left (there, or an export's beside its target) is removed now.
    private_temp.claim()
    try:
        return _run(args)
    finally:
        from models.store.backup_scrub import finish_pending

        finish_pending()   # a removal's scrub of the backups, if one still runs
        private_temp.release()


def _run(args) -> int:
    chosen_db = args.db or os.environ.get("KAKEHASHI_DB")
    db_path = _db_location(chosen_db) if chosen_db else None
    if args.verb is None:
        # The database and locale libraries before Qt: once PySide6 is loaded, its __feature__
        # import hook reads the source of every module imported after it, which costs about
        # 90 ms for SQLAlchemy, SQLModel and Babel here (bench/startup.py).
        import i18n.formatting  # noqa: F401
        import models.repository  # noqa: F401
        from ui.window.app import run_gui

        return run_gui(db_path=db_path, language=args.lang, smoke_test=args.smoke_test,
                       started=_STARTED)
    gc.enable()      # paused for the window's start-up only (run)
    set_language(args.lang or language_from_environment())
    from models.first_open import open_with_demo
    from models.store.errors import StorageError
    from models.store.paths import default_db_path

    try:
        if args.verb in FILE_VERBS:
            if isinstance(db_path, str):
                from models.store.errors import NotForServer

                raise NotForServer(args.verb)
            return FILE_VERBS[args.verb](db_path or default_db_path(), args)
        if args.verb == "join":    # the file is made from the shared mission alone: no demo
            return run_join(db_path or default_db_path(), args)
        db = open_with_demo(db_path or default_db_path())
    except StorageError as exc:
        return fail(exc.user_message())
    if db.notice:  # a read-only file with changes in its -wal: the verb reads a copy
        print(db.notice, file=sys.stderr)
    if db.damage:  # found by today's first backup; the verb still runs on what is readable
        from models.store.health import damage_summary

        print(damage_summary(db.path, db.damage), file=sys.stderr)
    try:
        return DB_VERBS[args.verb](db, args)
    except StorageError as exc:  # a damaged page or a failed write met while the verb ran
        return fail(exc.user_message())
    finally:
        db.dispose()


def guarded_main(argv: list[str] | None = None) -> int:
    """main, with any unexpected error as one translated line (its traceback, redacted, in
    the log file): a traceback could quote a passport number."""
    try:
        return main(argv)
    except (SystemExit, KeyboardInterrupt, BrokenPipeError):
        raise           # a reader gone away ends quietly (run), not as an unexpected error
    except Exception as exc:
        from ui.window.crash import report_unexpected

        return fail(report_unexpected(exc))


def run() -> None:
    """Entry point: exit without Python's module teardown once the work is done.

    By then every edit is committed and the settings are synced; tearing down Qt, SQLAlchemy
    and pydantic module by module takes about 0.2 s here and saves nothing for the user.
    """
    # What start-up makes lives as long as the process (modules, classes, Qt wrappers, the
    # window), and the cycle collector walked it again and again while it was made: 244
    # collections, 55 ms of the window's start at 2,000 attendees. Collections are off until
    # the window has painted and frozen what start-up made (ui.window.app.collect_when_idle),
    # or until a verb starts its work (_run).
    gc.disable()
    try:
        code = guarded_main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader has gone (`readiness CODE | head -1`): what it wanted was written; end
        # quietly, as other command-line tools do, with no traceback on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_OK
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
