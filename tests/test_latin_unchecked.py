"""A Latin name spelled from the kana and not yet checked against the passport is listed in the
readiness checks before a visitor list or a rooming list carrying it is due: in the models'
findings (English and Japanese wording), and in the window's readiness panel, which leads to
the person. Real demo database, real widgets offscreen."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

import i18n
from models import findings as F
from models.readiness import run_checks
from models.store.db import read_session, write_session
from tests.test_export import TODAY


def _mark(db, family: str, value: int = 1) -> None:
    with write_session(db.engine) as session:
        session.execute(text("UPDATE person SET latin_unconfirmed = :v WHERE family_name = :f"),
                        {"v": value, "f": family})


def _unchecked(db, today: date = TODAY) -> list:
    with read_session(db.engine) as session:
        return [f for f in run_checks(session, mission_id=1, today=today)
                if f.kind == F.LATIN_UNCHECKED]


def test_an_unchecked_name_is_listed_once_at_its_first_list(demo_db):
    assert _unchecked(demo_db) == []                    # the demo's names are all checked
    _mark(demo_db, "Kato")
    found = _unchecked(demo_db)
    assert len(found) == 1                              # once, not per list
    finding = found[0]
    # Her first list still to go: Albany's visitor list (she is "not sent" there), due 14 days
    # before the visit; the Sapporo rooming list on Dec 7 comes later.
    assert finding.params["list"][0] == "Site visit: Albany NanoTech Complex"
    assert finding.params["due"] == date(2026, 11, 26) and not finding.params["rooming"]
    assert finding.rank == F.RANK_DUE_SOON              # six days after Nov 20
    en = F.finding_text(finding)
    assert en == ("Emi Kato's passport name KATO EMI was spelled from the kana and is not "
                  "checked against the passport; the visitor list for “Site visit: Albany "
                  "NanoTech Complex” is due on Thu, Nov 26.")
    i18n.set_language("ja")
    try:
        ja = F.finding_text(finding)
    finally:
        i18n.set_language("en")
    assert ja.startswith("加藤 恵美：パスポート表記氏名 KATO EMI はフリガナから作成したもので")
    assert "見学者名簿の提出期限は11月26日" in ja
    # Checked against the passport: gone.
    _mark(demo_db, "Kato", 0)
    assert _unchecked(demo_db) == []


def test_a_rooming_list_counts_and_lists_already_gone_do_not(demo_db):
    # Takahashi is cleared for every visit already: what is left is the rooming lists.
    _mark(demo_db, "Takahashi")
    (finding,) = _unchecked(demo_db)
    assert finding.params["rooming"] and finding.params["due"] == date(2026, 12, 7)
    assert finding.rank == F.RANK_MISSING               # more than a week away
    assert "the rooming list for “Hotel: Sapporo Kitagate Hotel (1 night)” is due by" in \
        F.finding_text(finding)
    # Once the last stay has begun, nothing is due any more.
    assert _unchecked(demo_db, today=date(2026, 12, 13)) == []
    # A cancelled person is on no list.
    with write_session(demo_db.engine) as session:
        session.execute(text("UPDATE participant SET status = 'cancelled' WHERE person_id = "
                             "(SELECT id FROM person WHERE family_name = 'Takahashi')"))
    assert _unchecked(demo_db) == []


def test_the_readiness_panel_lists_it_and_leads_to_the_person(qtbot, window):
    from ui.common.events import ATTENDEES
    from ui.missions.readiness_links import targets

    before = window.readiness_panel.count()
    _mark(window.db, "Takahashi")
    window.events.announce(window.mission_id, ATTENDEES)
    window.readiness.flush()
    panel = window.readiness_panel
    assert panel.count() == before + 1
    row = next(i for i, f in enumerate(panel.findings) if f.kind == F.LATIN_UNCHECKED)
    assert "TAKAHASHI MASAYUKI was spelled from the kana" in panel.texts()[row]
    assert targets(panel.findings[row])[0].kind == "person"
