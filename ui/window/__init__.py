"""The main window, app start, crash report, single instance and other programs' changes:
the only package that knows every feature, building each with a Context."""
