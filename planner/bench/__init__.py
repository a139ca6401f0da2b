"""External benchmarks: instance loaders, independent evaluators and the runner behind
`planner bench` (see docs/BENCHMARKS.md)."""
