"""Reports written from a stored run: results.json, the analytic reference, letters, exports."""

from .model import Letterhead, ReportPaths
from .results import RunNotFoundError, build_results
from .writer import write_reports

__all__ = ["Letterhead", "ReportPaths", "RunNotFoundError", "build_results", "write_reports"]
