"""The CP-SAT roster engine: variables, model context, solve and diagnose."""

from planner.engine.solve import Progress, build_model, solve

__all__ = ["Progress", "build_model", "solve"]
