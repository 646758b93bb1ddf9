"""Benchmarks that check the performance budgets: the `mentornet bench` commands.

The measuring code stays with what it measures (matching/bench.py, reports/bench.py); this module
only gathers the commands, so that neither module has to import the other.
"""
