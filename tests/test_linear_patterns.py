"""Every pattern that reads document text runs in linear time (issue 11).

Each case of :mod:`eval.adversarial` builds its adversarial input here, at n and 4n, and runs it through
the public function that uses the pattern. Linear cost grows ~4×, quadratic ~16×: the test fails above
10× (best of 3, both sizes timed in the same run, so no absolute time limit).
"""

from __future__ import annotations

import math

import pytest

from eval.adversarial import CASES, best_time

_GROWTH = 4
_MAX_RATIO = 10.0
_FLOOR = 0.02  # seconds: below this, timer noise decides the ratio, so the run is repeated until above it


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cost_grows_linearly(case):
    n = case.issue_n // 4
    small = best_time(case, n)
    loops = 1
    if small < _FLOOR:
        loops = min(1000, math.ceil(_FLOOR / max(small, 1e-6)))
        small = best_time(case, n, loops=loops)
    large = best_time(case, n * _GROWTH, loops=loops)
    ratio = large / max(small, 1e-9)
    assert ratio < _MAX_RATIO, (
        f"{case.name}: {small:.4f} s at n={n}, {large:.4f} s at n={n * _GROWTH}, {loops} runs each (×{ratio:.1f})"
    )
