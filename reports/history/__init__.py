"""A run among its municipality's runs: headline figures, follow-up of letters, collapse."""
