"""Night Legs benchmarks. Run all of them with `.venv/bin/python -m bench`."""
