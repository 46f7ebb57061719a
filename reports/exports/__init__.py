"""Tables for Excel: the run as CSV and as a workbook."""
