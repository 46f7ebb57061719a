"""cmn-audit: audits school sites for the mentorship (ЦМН) section; CLI, config and store."""
