"""The Meetings tab: the 商談会 page (slots by tables, requests), the Protocol page
(interpreters, greetings, seating) and the Gifts page (手土産), each reading what it shows
when it is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from i18n import _
from ui.common import retranslate
from ui.common.context import Context
from ui.meetings.gifts_page import GiftsPage
from ui.meetings.matchmaking_page import MatchmakingPage
from ui.meetings.protocol_page import ProtocolPage


class MeetingsTab(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("meetingsTab")
        self.matchmaking = MatchmakingPage(ctx)
        self.protocol = ProtocolPage(ctx)
        self.gifts = GiftsPage(ctx)
        self.pages = QTabWidget(objectName="meetingPages")
        self.pages.addTab(self.matchmaking, "")
        self.pages.addTab(self.protocol, "")
        self.pages.addTab(self.gifts, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        retranslate.register(self)
        self.retranslate_ui()

    def set_editable(self, editable: bool) -> None:
        self.matchmaking.set_editable(editable)
        self.protocol.set_editable(editable)
        self.gifts.set_editable(editable)

    def retranslate_ui(self) -> None:
        self.pages.setTabText(0, _("B2B matchmaking"))
        self.pages.setTabText(1, _("Protocol and seating"))
        self.pages.setTabText(2, _("Gifts"))
