"""The mission file (.kakehashi): one mission with its people, organizations, items, sites,
rooms and clearances by UUID, as a zip of a JSON document and its version, for other teams,
laptops and tools (the JSON Schema beside this module describes the document)."""

from documents.mission_file.container import MissionFileError, read_document, write_document
from documents.mission_file.missions import (
    OpenResult,
    SaveResult,
    change_lines,
    open_mission_file,
    plan_mission_file,
    save_mission_file,
)

__all__ = ["MissionFileError", "OpenResult", "SaveResult", "change_lines", "open_mission_file",
           "plan_mission_file", "read_document", "save_mission_file",
           "write_document"]
