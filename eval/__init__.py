"""Measure tracuu: gold officer questions, public legal benchmarks (ALQAC) and speed.

Run ``python -m eval --help`` or ``tracuu eval --help`` / ``tracuu bench --help``; see eval/README.md.
"""

__all__: list[str] = []
