"""Files in and out: the Excel workbook, roster import, calendar files, printed handouts."""
