"""The static dashboard of a run: what its pages show, its trend charts, the pages written."""
