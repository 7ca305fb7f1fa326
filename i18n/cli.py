"""The command line in the chosen language: the language read from argv before the parser is
built, and argparse's own messages (usage, errors) through our catalog."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from i18n import LANGUAGES, N_, _, ngettext

# argparse's messages that a user of the command line sees (Python 3.11's wording), marked here
# so that they are extracted into our catalog and given Japanese.
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"), N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("expected one argument"),
    N_("expected at most one argument"), N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"), N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("can't open '%(filename)s': %(error)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def expected_arguments(n: int) -> str:
    """argparse's one plural message, written out so that it is extracted with its plural."""
    return ngettext("expected %s argument", "expected %s arguments", n)


def language_in_argv(argv: Sequence[str]) -> str | None:
    """The --lang given on the command line ("--lang ja" or "--lang=ja"), None when none or an
    unknown one is (argparse then says so, in the default language)."""
    found = None
    for n, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and n + 1 < len(argv):
            found = argv[n + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found if found in LANGUAGES else None


def _gettext(message: str | None) -> str | None:
    return _(message) if message else message     # argparse passes None for no description


def translate_argparse() -> None:
    """Route argparse's messages through our catalog, in whatever language is current when
    they are formatted (argparse looks up its module's `_` and `ngettext` at each call)."""
    argparse._ = _gettext
    argparse.ngettext = ngettext
