"""The colours of the messages beside a dialog's fields, the same in every dialog."""

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5300;"
NOTE_STYLE = "color: palette(placeholder-text);"
