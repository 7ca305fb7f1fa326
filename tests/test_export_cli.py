"""`main.py export` as a user runs it (main.main in this process): exit codes, messages in the
language, the workbook written."""

from __future__ import annotations

import stat

from openpyxl import load_workbook

from tests.conftest import run_cli

CODE = "HKD-ALB-2026"


def _export(tmp_path, *args: str):
    return run_cli("--db", str(tmp_path / "k.db"), "export", CODE, *args)


def test_export_writes_the_workbook_and_exits_0(tmp_path):
    out = tmp_path / "HKD-ALB-2026-ja.xlsx"
    result = _export(tmp_path, "--out", str(out), "--lang", "ja")
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    wb = load_workbook(out)
    assert wb.sheetnames[2] == "行程" and len(wb.sheetnames) == 17


def test_no_sensitive_leaves_passport_numbers_out(tmp_path):
    out = tmp_path / "lean.xlsx"
    assert _export(tmp_path, "--out", str(out), "--no-sensitive").returncode == 0
    values = {c.value for ws in load_workbook(out) for r in ws.iter_rows() for c in r}
    assert "TK1234567" not in values and "Passport number" not in values


def test_one_persons_itinerary_from_the_command_line(tmp_path):
    out = tmp_path / "takahashi.xlsx"
    result = _export(tmp_path, "--person", "m.takahashi@jetro.example.jp", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert load_workbook(out).sheetnames == ["Itinerary", "Contacts"]
    result = _export(tmp_path, "--person", "nobody@example.com", "--out", str(out))
    assert result.returncode == 1 and "nobody@example.com" in result.stderr


def test_an_unknown_mission_exits_1_with_a_message_in_the_language(tmp_path):
    result = run_cli("--db", str(tmp_path / "k.db"), "export", "NOPE", "--out",
                     str(tmp_path / "x.xlsx"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == "No mission has the code NOPE."
    result = run_cli("--db", str(tmp_path / "k.db"), "--lang", "ja", "export", "NOPE",
                     "--out", str(tmp_path / "x.xlsx"))
    assert result.returncode == 1 and "コード NOPE のミッションはありません。" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_a_read_only_target_exits_1_naming_the_file_and_keeps_it(tmp_path):
    out = tmp_path / "old.xlsx"
    out.write_bytes(b"old")
    out.chmod(stat.S_IRUSR)
    try:
        result = _export(tmp_path, "--out", str(out))
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert str(out) in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert out.read_bytes() == b"old"
    finally:
        out.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_missing_folder_exits_1(tmp_path):
    result = _export(tmp_path, "--out", str(tmp_path / "no" / "x.xlsx"))
    assert result.returncode == 1 and "does not exist" in result.stderr


def test_wrong_usage_exits_2(tmp_path):
    assert run_cli("--db", str(tmp_path / "k.db"), "export", CODE).returncode == 2  # no --out
    assert run_cli("--db", str(tmp_path / "k.db"), "export", "--out",
                   "x.xlsx").returncode == 2                                        # no code
