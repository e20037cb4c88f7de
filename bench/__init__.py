"""Benchmark of the headless API (``make bench``); results in docs/performance.md."""
