"""The main window's tabs: the Overview, built with the window, and the others, built when
first shown or asked for (pages.py), so start-up imports and builds none of them. The menus
and the toolbar show the Attendees and Itinerary tabs' actions from the start: those are made
first (menu_actions.py of each) and a trigger builds the tab it needs.

A mixin of MainWindow (it reads the window's ctx); the properties are the names the rest of
the window and the tests use."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.attendees.menu_actions import AttendeeMenu
from ui.common.context import Context
from ui.common.layout_memory import restore_layout
from ui.files.actions import run_export, run_handouts
from ui.itinerary.menu_actions import ItineraryMenu
from ui.missions.overview_tab import OverviewTab
from ui.window.pages import PageTabs


class WindowTabs:
    def _add_tabs(self, ctx: Context) -> None:
        self.tabs = PageTabs(objectName="tabs")
        self.overview = OverviewTab(ctx)
        self.readiness_panel, self.readiness = self.overview.readiness_panel, \
            self.overview.readiness
        self.tabs.add_page(self.overview)
        # The other tabs are built when first shown or asked for: start-up imports none of
        # them. The menus and the toolbar show two tabs' actions from the start.
        self._editable = False
        self.attendee_menu_actions = AttendeeMenu(ctx, self, lambda: self.attendees,
                                                  lambda: self.attendee_actions)
        self.itinerary_menu_actions = ItineraryMenu(self, lambda: self.itinerary)
        self._attendees = self.tabs.add_lazy(self._build_attendees)
        self._itinerary = self.tabs.add_lazy(self._build_itinerary)
        self._sites = self.tabs.add_lazy(self._build_sites)
        self._lodging = self.tabs.add_lazy(self._build_lodging)
        self._meetings = self.tabs.add_lazy(self._build_meetings)

    def _build_attendees(self, parent: QWidget) -> QWidget:
        from ui.attendees.actions import AttendeeActions
        from ui.attendees.attendees_tab import AttendeesTab

        tab = AttendeesTab(self.ctx, self.attendee_menu_actions, parent)
        self._attendee_actions = AttendeeActions(self.ctx, tab)
        tab.export_requested.connect(lambda pid: run_export(self.ctx, pid))
        tab.handout_requested.connect(lambda pid: run_handouts(self.ctx, pid))
        return self._made(tab)

    def _build_itinerary(self, parent: QWidget) -> QWidget:
        from ui.itinerary.actions import ItemActions
        from ui.itinerary.itinerary_tab import ItineraryTab

        # day list, timeline, each person's items
        tab = ItineraryTab(self.ctx, self.itinerary_menu_actions, parent)
        self._item_actions = ItemActions(self.ctx, tab)
        return self._made(tab)

    def _build_sites(self, parent: QWidget) -> QWidget:
        from ui.sites.actions import SiteActions
        from ui.sites.sites_tab import SitesTab

        tab = SitesTab(self.ctx, parent)
        self.site_actions = SiteActions(self.ctx, tab)
        return self._made(tab)

    def _build_lodging(self, parent: QWidget) -> QWidget:
        from ui.lodging.actions import RoomActions
        from ui.lodging.lodging_tab import LodgingTab

        tab = LodgingTab(self.ctx, parent)
        self.room_actions = RoomActions(self.ctx, tab)
        tab.add_stay_requested.connect(lambda: self.item_actions.add("hotel"))
        return self._made(tab)

    def _build_meetings(self, parent: QWidget) -> QWidget:
        from ui.meetings.actions import MeetingActions
        from ui.meetings.meetings_tab import MeetingsTab

        tab = MeetingsTab(self.ctx, parent)           # 商談会, interpreters, greetings, seating
        self.meeting_actions = MeetingActions(self.ctx, tab)
        return self._made(tab)

    def _made(self, tab: QWidget) -> QWidget:
        tab.set_editable(self._editable)
        restore_layout(self.ctx.settings, tab)     # its dividers and columns as last left
        return tab

    @property
    def attendees(self):
        return self._attendees.built()

    @property
    def attendee_actions(self):
        self._attendees.built()
        return self._attendee_actions

    @property
    def itinerary(self):
        return self._itinerary.built()

    @property
    def item_actions(self):
        self._itinerary.built()
        return self._item_actions

    @property
    def sites_tab(self):
        return self._sites.built()

    @property
    def lodging_tab(self):
        return self._lodging.built()

    @property
    def meetings_tab(self):
        return self._meetings.built()

    def _built_pages(self) -> list[QWidget]:
        # the pages that can be edited: the lazy tabs' once built
        lazy = (self._attendees, self._itinerary, self._sites, self._lodging, self._meetings)
        return [h.page for h in lazy if h.page is not None]
