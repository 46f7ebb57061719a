"""Speed and memory benchmarks (`make bench`); never part of `make test`."""
