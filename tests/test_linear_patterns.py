"""Every pattern that reads document text runs in linear time (issue 11).

Each case of :mod:`eval.adversarial` builds its adversarial input here, at n and 4n, and runs it through
the public function that uses the pattern. Linear cost grows ~4×, quadratic ~16×: the test fails above
10× (best of 3, both sizes timed in the same run, so no absolute time limit).
"""

from __future__ import annotations

import pytest

from eval.adversarial import CASES, best_time

_GROWTH = 4
_MAX_RATIO = 10.0
_FLOOR = 0.02  # seconds: below this, timer noise decides the ratio, so the base size is raised


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cost_grows_linearly(case):
    n = case.issue_n // 4
    small = best_time(case, n)
    while small < _FLOOR and n < case.issue_n * 16:
        n *= 2
        small = best_time(case, n)
    large = best_time(case, n * _GROWTH)
    ratio = large / max(small, 1e-9)
    assert ratio < _MAX_RATIO, f"{case.name}: {small:.4f} s at n={n}, {large:.4f} s at n={n * _GROWTH} (×{ratio:.1f})"
