"""A refusal of the sync (models.sync.NotAllowed) is worded in the language in force when it is
shown, not where it was raised: the sync runs on the server thread, whose `_()` speaks whatever
language the GUI thread has in force at that moment (a document's, while one is written)."""

from __future__ import annotations

import psycopg
import pytest

import i18n
from models.sync import NotAllowed
from models.sync.conflicts import typed_value
from models.sync.wire import sync_error


def test_a_refusal_raised_while_japanese_is_in_force_is_shown_in_the_windows_language():
    with i18n.temporary_language("ja"):      # a Japanese document being written meanwhile
        role = sync_error(psycopg.errors.InsufficientPrivilege("permission denied"), "server")
        with pytest.raises(NotAllowed) as typed:
            typed_value("people", "date_of_birth", "1964-05-81")
    assert isinstance(role, NotAllowed)
    assert role.user_message() == "Not allowed: your server role is not on this mission's team"
    assert typed.value.user_message() == ("Not allowed: what was typed is not a value for "
                                          "date_of_birth")     # not the birth date typed
    i18n.set_language("ja")
    assert role.user_message() == ("実行できません："
                                   "サーバーのロールがこのミッションのチームに含まれていません")
    assert typed.value.user_message() == ("実行できません："
                                          "入力された値は date_of_birth の値として使えません")
