"""Reports written from a stored run: results.json, the analytic reference, letters, exports.

Import what you need from its module (reports.writer.write_reports, reports.results.
build_results, reports.model.Letterhead): the package itself imports nothing, so a command
that needs one small piece (the formats, a letterhead) does not load every writer.
"""
