"""The benchmark's baselines: one hand-written SQL statement per scenario (views.py)."""
