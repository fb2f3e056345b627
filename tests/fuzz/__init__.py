"""Fuzz, load and soak support shared by the tests here, tests/test_soak_serve.py and bench/."""
