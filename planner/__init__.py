"""Workforce staffing and training planner: CSV scenarios in, checked rosters out."""

__version__ = "0.1.0"
