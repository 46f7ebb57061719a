"""An audit run: crawl (audit.py, crawl_process.py, staging.py), read and understand (facts.py),
save whole or not at all (commit.py), write the reports (outputs.py); a replay of an archive and
a rescore by another profile save through the same commit; the workspace lock (lock.py)."""
