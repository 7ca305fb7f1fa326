"""The command line speaks the chosen language in its usage errors and help, and ends quietly
when its reader goes away (`readiness CODE | head -1`)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from i18n.cli import language_in_argv
from tests.conftest import ROOT, run_cli


@pytest.mark.parametrize("args, expected", [
    (["readiness", "--lang", "ja"], "次の引数が必要です: CODE"),
    (["--lang=ja", "bogus"], "無効な選択肢です: 'bogus'"),
    (["--lang", "ja", "readiness", "X", "--today", "2026-13-01"],
     "引数 --today: 日付ではありません: 2026-13-01"),
    (["--lang", "ja", "missions", "--nope"], "認識できない引数です: --nope"),
])
def test_usage_errors_are_in_japanese_under_lang_ja(args, expected):
    result = run_cli(*args)
    assert result.returncode == 2
    assert expected in result.stderr and "使い方: kakehashi" in result.stderr
    assert "エラー:" in result.stderr and "error:" not in result.stderr


def test_usage_errors_stay_english_without_it_and_follow_the_environment():
    result = run_cli("readiness", env={"LANG": "C", "LC_ALL": None, "LC_MESSAGES": None})
    assert result.returncode == 2 and "the following arguments are required: CODE" in result.stderr
    result = run_cli("readiness", env={"LANG": "ja_JP.UTF-8", "LC_ALL": None,
                                       "LC_MESSAGES": None})
    assert "次の引数が必要です: CODE" in result.stderr


def test_help_is_in_japanese(capsys):
    result = run_cli("--lang", "ja", "readiness", "--help")
    assert result.returncode == 0
    assert "位置引数:" in result.stdout and "ミッションのコード" in result.stdout
    assert "このヘルプを表示して終了する" in result.stdout


def test_the_language_is_read_from_argv_before_parsing():
    assert language_in_argv(["x", "--lang", "ja"]) == "ja"
    assert language_in_argv(["--lang=en", "x"]) == "en"
    assert language_in_argv(["--lang", "xx"]) is None and language_in_argv(["--lang"]) is None
    assert language_in_argv(["--", "--lang", "ja"]) is None


def _into_closed_pipe(*args: str, tmp_path) -> subprocess.CompletedProcess:
    """main.py with its output into a pipe whose reader has already gone, as `| head -1` is
    once head has its line."""
    read, write = os.pipe()
    os.close(read)
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("KAKEHASHI_DB", None)
    try:
        return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], stdout=write,
                              stderr=subprocess.PIPE, text=True, env=env, timeout=60, cwd=ROOT)
    finally:
        os.close(write)


@pytest.mark.slow
def test_readiness_into_head_ends_quietly(tmp_path):
    db = str(tmp_path / "k.db")
    result = _into_closed_pipe("--db", db, "readiness", "HKD-ALB-2026", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""                       # no BrokenPipeError traceback
    result = _into_closed_pipe("--db", db, "missions", tmp_path=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.slow
def test_a_real_pipe_into_head_prints_the_first_finding_only(tmp_path):
    db = str(tmp_path / "k.db")
    command = (f"{sys.executable} main.py --db {db} readiness HKD-ALB-2026 "
               f"--today 2026-11-27 | head -1")
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True,
                            text=True, cwd=ROOT, timeout=60,
                            env=dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "c")))
    assert result.stdout.startswith("Visitor list for Albany") and result.stdout.count("\n") == 1
    assert "Traceback" not in result.stderr and result.returncode == 0
