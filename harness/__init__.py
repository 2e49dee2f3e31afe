"""Real processes for the fault tests and the benchmarks: servers, FactDesk, clients."""
