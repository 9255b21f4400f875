"""The check behind the clock pass: a test that reads the calendar without the clock marker fails,
so `make test-clocks` (which reruns only marked tests at awkward moments) misses no date-dependent test."""

from __future__ import annotations

from pathlib import Path

pytest_plugins = ["pytester"]
ROOT = Path(__file__).resolve().parents[2]

INNER = '''
import pytest
from django.utils import timezone
from publishing.youtube.quota import quota_day


def test_reads_the_date_unmarked():
    assert timezone.localdate().year > 2000


def test_reads_the_pacific_quota_day_unmarked():
    assert quota_day()


@pytest.mark.clock
def test_reads_the_date_marked():
    assert timezone.localdate().year > 2000


def test_formats_a_stored_moment_unmarked():
    assert timezone.localtime(timezone.now()).tzinfo is not None


def test_reads_only_the_instant_unmarked():
    assert timezone.now()
'''


def test_a_calendar_read_without_the_clock_marker_fails_and_says_how_to_fix_it(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.delenv("FACELESS_TEST_CLOCK", raising=False)
    pytester.makeconftest((ROOT / "conftest.py").read_text())
    pytester.makeini("[pytest]\nDJANGO_SETTINGS_MODULE = faceless_site.settings\nmarkers =\n    clock: x\n"
                     "    real_clock: x\n")
    pytester.makepyfile(test_inner=INNER)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:xdist")
    result.assert_outcomes(passed=5, errors=2)
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_reads_the_date_unmarked*",
                                 "*mark it @pytest.mark.clock*"])
    assert "ERROR at teardown of test_reads_the_pacific_quota_day_unmarked" in result.stdout.str()
    assert "test_reads_the_date_marked" not in result.stdout.str()
