"""Demand: workload to heads, the service a roster delivers, and levers on demand.

- `erlang`: Erlang B, C and A, vectorised and stable for hundreds of agents.
- `staffing`: volume + AHT -> agents for a service target under a maximum occupancy, then
  shrinkage; workload hours -> heads; `convert_demand` (used when a scenario is built) and
  `conversion_frame` (the manager's table, `staffing.csv`).
- `service`: the service level, ASA, occupancy and abandonment a roster gives, per row and
  weighted by volume (`coverage.csv`, `summary.json`).
- `pricing`: flat or service-aware shortfall prices, shared by the model and the checker.
- `levers`: demand levers as scenario transforms and `compare(scenario, variants, settings)`.
- `sample`: the queue-work version of the contact-centre sample (`planner demo --size queue`).

See docs/DEMAND.md.
"""
