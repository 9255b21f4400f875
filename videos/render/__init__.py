"""Rendering: a RenderPlan in, a probed H.264/AAC MP4 with thumbnail out (see engine.py)."""

from __future__ import annotations

from videos.render.engine import render_video
from videos.render.errors import DiskFull, RenderCancelled, RenderError
from videos.render.plan import FRAME_SIZES, Music, Output, RenderPlan, RenderResult, ScenePlan, Style, Visual

__all__ = ["FRAME_SIZES", "DiskFull", "Music", "Output", "RenderCancelled", "RenderError", "RenderPlan",
           "RenderResult", "ScenePlan", "Style", "Visual", "render_video"]
