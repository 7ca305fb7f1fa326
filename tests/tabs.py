"""Tabs fill when first shown: the tests of one tab start on it, as a user would."""

from __future__ import annotations

import pytest


def on_tab(name: str):
    """A `window` fixture for a test module, with the window's `name` tab shown."""

    @pytest.fixture
    def window(window):
        window.tabs.setCurrentWidget(getattr(window, name))
        return window

    return window
