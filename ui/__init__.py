"""PySide6 widgets, table models and dialogs. Reads and writes through models.repository."""
