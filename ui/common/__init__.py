"""What several features share: the Context, change events, undo base, view refresh,
retranslation, table model and view, dialog bases and fields."""
