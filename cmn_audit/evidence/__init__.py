"""`cmn-audit evidence`: a run's WARC archive read back, one school's copies listed and exported."""
