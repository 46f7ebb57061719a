"""`cmn-audit evaluate`: a stored run measured against a truth file (the demo's, or your own)."""
