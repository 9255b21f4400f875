"""`manage.py make_video` shows its job's progress as one bar on a terminal and as a few plain lines
elsewhere (a log file, CI), instead of a line for every percent."""

from __future__ import annotations

import io

import pytest

from videos.management.commands.make_video import JobProgress

STAGES = ["Writing the script", "Finding footage", "Narrating", "Rendering"]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(stream) -> str:
    progress = JobProgress(stream)
    for percent in range(101):
        progress.update(percent, STAGES[min(percent // 26, 3)])
        progress.update(percent, STAGES[min(percent // 26, 3)])  # polled twice, nothing new
    progress.close()
    return stream.getvalue()


def test_plain_lines_when_not_a_terminal_only_at_each_stage_and_tenth():
    output = _run(io.StringIO())
    lines = output.split("\n")[:-1]
    assert len(lines) <= 11 + len(STAGES), lines
    assert lines[0] == "    0%  Writing the script" and lines[-1] == "  100%  Rendering"
    assert next(line for line in lines if "Finding footage" in line) == "   26%  Finding footage"
    assert "\r" not in output and "\x1b" not in output


def test_one_bar_redrawn_in_place_on_a_terminal():
    output = _run(Terminal())
    assert output.count("\n") <= 1  # the bar is redrawn with carriage returns, ended once
    assert "\r" in output and "100%" in output and "Rendering" in output
    assert "  50%  " not in output  # no plain line per percent


def test_a_percent_out_of_range_is_clamped():
    stream = io.StringIO()
    progress = JobProgress(stream)
    progress.update(140, "Rendering")
    progress.update(-5, "Rendering")
    assert stream.getvalue().splitlines() == ["  100%  Rendering"]


@pytest.mark.django_db
def test_the_command_follows_a_job_to_its_end_with_the_reporter():
    from django.core.management.base import OutputWrapper

    from tests.factories import make_video
    from videos.management.commands.make_video import Command
    from videos.models import Job

    video = make_video()
    job = Job.objects.create(kind="pipeline", video=video, channel=video.channel, step_key="pipeline",
                             state="succeeded", percent=100, stage="Rendered")
    stream = io.StringIO()
    command = Command(stderr=stream)
    assert isinstance(command.stderr, OutputWrapper)
    assert command._follow(job, 0).state == "succeeded"
    assert stream.getvalue() == "  100%  Rendered\n"
