"""A 1280x720 JPEG thumbnail under 2 MB: a chosen frame of a scene's picture (without subtitles),
with the title in large outlined type."""

from __future__ import annotations

from pathlib import Path

import ffmpeg

from videos.render.visuals import VisualContext, wrap_lines

WIDTH, HEIGHT = 1280, 720
MAX_BYTES = 2 * 1024 * 1024


def thumbnail_command(picture, title: str, ctx: VisualContext, out_path: Path, quality: int = 3) -> list[str]:
    stream = (picture.filter("scale", WIDTH, HEIGHT, force_original_aspect_ratio="increase")
              .filter("crop", WIDTH, HEIGHT).filter("setsar", 1))
    font_size = 84
    lines = wrap_lines(title, font_size=font_size, width=WIDTH * 0.88)[:3]
    line_height = round(font_size * 1.2)
    top = HEIGHT - 60 - line_height * len(lines)
    for index, line in enumerate(lines):
        text_file = ctx.work_dir / f"thumbnail-line{index}.txt"
        text_file.write_text(line, encoding="utf-8")
        stream = stream.filter("drawtext", fontfile=str(ctx.font.path), textfile=str(text_file),
                               expansion="none", fontsize=font_size, fontcolor="white", borderw=5, bordercolor="black",
                               # A soft box behind each line keeps white type readable on any picture.
                               box=1, boxcolor="black@0.45", boxborderw=14,
                               x="(w-text_w)/2", y=str(top + index * line_height))
    return (ffmpeg.output(stream, str(out_path), vframes=1, f="image2", **{"q:v": quality})
            .global_args("-nostdin", "-hide_banner", "-loglevel", "error").overwrite_output().compile())
