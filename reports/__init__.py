"""Reports written from a stored run: results.json, the analytic reference, letters, exports."""
