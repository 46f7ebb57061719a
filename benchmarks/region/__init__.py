"""A synthetic region of N school sites on loopback, for measuring cmn-audit at scale."""
