"""Benchmarks: `make bench` (or `python -m bench`) prints throughput, latency and memory figures."""
