"""The delegation workbook: every document organizers hand out, exported to one .xlsx file in
English or Japanese (see export.py), and one person's itinerary as a small workbook of its own."""

from documents.workbook.export import (
    ExportResult,
    default_file_name,
    export_mission,
    export_person,
)
from documents.workbook.save import ExportCancelled, ExportError

__all__ = ["ExportCancelled", "ExportError", "ExportResult", "default_file_name",
           "export_mission", "export_person"]
