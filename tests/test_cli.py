"""The command-line contract on a real file: the verbs in this process (main.main), and a child
process where the process itself matters (output and exit code through os._exit, start-up)."""

from __future__ import annotations

from tests.conftest import run_cli, run_main


def test_missions_lists_code_first_one_per_line(tmp_path):
    result = run_main("--db", str(tmp_path / "k.db"), "missions", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("HKD-ALB-2026\t")
    assert "Hokkaido-Albany Semiconductor Mission" in lines[0]


def test_options_are_accepted_after_the_verb_and_the_language_applies(tmp_path):
    result = run_cli("missions", "--db", str(tmp_path / "k.db"), "--lang", "ja")
    assert result.returncode == 0, result.stderr
    assert "2026/12/07" in result.stdout and "半導体" in result.stdout


def test_the_database_can_come_from_the_environment(tmp_path):
    path = tmp_path / "env.db"
    result = run_cli("missions", env={"KAKEHASHI_DB": str(path)})
    assert result.returncode == 0, result.stderr
    assert path.exists()


def test_a_missing_folder_is_a_clear_one_line_message_and_exit_1(tmp_path):
    result = run_cli("--db", "/nonexistent/dir/x.db", "missions")
    assert result.returncode == 1
    assert result.stderr.strip() == "The folder for the database does not exist: /nonexistent/dir"
    assert "Traceback" not in result.stderr
    result = run_cli("--lang", "ja", "--db", "/nonexistent/dir/x.db", "missions")
    assert result.returncode == 1 and "フォルダーが存在しません" in result.stderr


def test_a_file_that_is_not_a_database_exits_1_and_is_left_alone(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a database")
    result = run_main("--db", str(path), "missions", tmp_path=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "is not a Kakehashi database" in result.stderr
    assert path.read_text() == "not a database"


def test_wrong_usage_exits_2(tmp_path):
    assert run_cli("--lang", "xx", "missions").returncode == 2
    assert run_cli("no-such-verb").returncode == 2


def test_smoke_test_paints_the_window_and_prints_startup_ms(tmp_path):
    from PySide6.QtCore import QSettings

    result = run_main("--db", str(tmp_path / "k.db"), "--smoke-test", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.isdigit() and 0 < int(last) < 60_000
    assert result.stdout.split() == [last], "the start-up ms and nothing else"
    # Exit 0 means it was painted with a mission and attendees in the table (neither the
    # "not painted in time" nor the "without a mission" message); the log and the settings the
    # window saved on closing say which file and which mission it showed.
    assert "not painted" not in result.stderr and "without a mission" not in result.stderr
    log = (tmp_path / "log" / "kakehashi.log").read_text(encoding="utf-8")
    assert f"Opened {tmp_path / 'k.db'} (new file, demo mission added)" in log
    assert "(exit code 0)" in log.splitlines()[-1]
    saved = QSettings(str(tmp_path / "config" / "Kakehashi" / "Kakehashi.ini"),
                      QSettings.Format.IniFormat)
    assert saved.value("window/mission") == "HKD-ALB-2026"
    assert saved.value("window/geometry") is not None


def test_smoke_test_fails_on_a_bad_database(tmp_path):
    path = tmp_path / "bad.db"
    path.write_bytes(b"garbage" * 100)
    result = run_main("--db", str(path), "--smoke-test", tmp_path=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
