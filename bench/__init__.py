"""Night Legs benchmarks (issue 7). Run all of them with `.venv/bin/python -m bench`."""
