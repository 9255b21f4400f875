"""Designed scenes: what each layout costs to draw per frame, and a montage of one frame per layout.

    .venv/bin/python bench/design_frames.py                      # 1920x1080 and 1080x1920, 60 frames each
    .venv/bin/python bench/design_frames.py --montage docs/screenshots

Each layout is drawn from a line the chooser reads (so the montage shows what the chooser picks), in
the default look with classic captions, at full size. Draw times are per frame after the first (the
first also measures the text and paints the ground); the encoder's own cost is in render_bench.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faceless_site.settings")

from videos.render.designs import Canvas, choose, draw_frame, script_dates
from videos.render.plan import Style

LINES = [
    ("number", "For more than two thousand years, lighthouses have guided sailors home.", "en"),
    ("number: three", "The coast had 3 towers, 12 keepers and 40 km of rock to watch.", "en"),
    ("date: timeline", "Everything changed in 1822.", "en"),
    ("map", "The most famous tower stood at the entrance to the harbour of Alexandria.", "en"),
    ("name", "A French physicist named Augustin Fresnel designed a new kind of lens.", "en"),
    ("list", "Keepers trimmed the wicks, wound the clockwork, and polished the glass every morning.", "en"),
    ("quote", "He wrote: “The light must never go out, whatever the storm.”", "en"),
    ("title", "Behind every light stood a keeper.", "en"),
    ("number, French", "Les vagues dépassent souvent quinze mètres.", "fr"),
    ("map, Spanish", "El faro más antiguo que sigue en uso está en España.", "es"),
    ("date, German", "Am 4. Oktober 1957 startete Sputnik.", "de"),
    ("number: range, Spanish", "Duermen en albergues que cuestan entre diez y quince euros la noche.", "es"),
    ("map: city, Spanish", "Todas las rutas llevan a la catedral de Santiago de Compostela, en Galicia.", "es"),
    ("title, Japanese", "潮の満ち引きは月の引力によって起こります。", "ja"),
    ("map: a way, French", "Ses pilotes emportaient le courrier de Toulouse à Casablanca, puis jusqu'à Dakar.", "fr"),
    ("map: places lit, German", "Die Donau fließt durch Deutschland, Österreich, die Slowakei, Ungarn und Kroatien.",
     "de"),
]
DATES = script_dates(["It was built around 280 BC.", "Everything changed in 1822.", "It was automated in 1990."])
SIZES = {"16x9": (1920, 1080), "9x16": (1080, 1920)}


def draw(size: tuple[int, int], frames: int) -> list[tuple[str, Canvas, float]]:
    out = []
    style = Style(subtitle_style="classic")
    for label, line, language in LINES:
        design = choose(line, language=language, dates=DATES)
        canvas = Canvas(*size, style)
        span = 6.0
        draw_frame(canvas, design, seconds=0.0, span=span)
        started = time.perf_counter()
        for number in range(frames):
            draw_frame(canvas, design, seconds=1.0 + number / 30, span=span)
        per_frame = (time.perf_counter() - started) / max(1, frames) * 1000
        draw_frame(canvas, design, seconds=3.5, span=span)  # built up: counted, revealed, zoomed in
        out.append((f"{label} ({design.layout})", canvas, per_frame))
    return out


def montage(drawn: list[tuple[str, Canvas, float]], path: Path, columns: int, width: int) -> None:
    from PIL import Image, ImageDraw

    first = drawn[0][1]
    height = round(first.height * width / first.width)
    rows = (len(drawn) + columns - 1) // columns
    caption = 34
    sheet = Image.new("RGB", (columns * (width + 8) + 8, rows * (height + caption + 8) + 8), "white")
    pen = ImageDraw.Draw(sheet)
    for index, (label, canvas, _) in enumerate(drawn):
        buffer = canvas.surface.get_data().tobytes()
        image = Image.frombuffer("RGBX", (canvas.width, canvas.height), buffer, "raw", "BGRX", 0, 1).convert("RGB")
        x = 8 + (index % columns) * (width + 8)
        y = 8 + (index // columns) * (height + caption + 8)
        sheet.paste(image.resize((width, height), Image.LANCZOS), (x, y + caption))
        pen.text((x + 2, y + 8), label, fill="black")
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(path, optimize=True)
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=60, help="frames drawn per layout for the timing")
    parser.add_argument("--montage", type=Path, help="a folder for designs-16x9.png and designs-9x16.png")
    args = parser.parse_args()
    import django

    django.setup()
    for name, size in SIZES.items():
        drawn = draw(size, args.frames)
        print(f"\n{name} ({size[0]}x{size[1]}), ms per frame drawn:")
        for label, _, per_frame in drawn:
            print(f"  {label:<32} {per_frame:6.1f}")
        print(f"  {'median':<32} {statistics.median(p for _, _, p in drawn):6.1f}")
        if args.montage:
            montage(drawn, args.montage / f"designs-{name}.png", 4 if name == "16x9" else 6,
                    480 if name == "16x9" else 300)


if __name__ == "__main__":
    main()
