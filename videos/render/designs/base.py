"""What every designed-scene layout shares: the design (what a scene shows, as plain frozen values)
and the small Protocol each layout module implements.

A layout draws one frame at a time on a `Canvas` (canvas.py): the moment is the time into the scene,
so a piece of a scene cut anywhere draws exactly the frames a whole render would (the render cache
relies on it). It also says from when its frame no longer changes (`still_from`): most designs build
up in a second or two and then hold, and the renderer does not draw or convert those frames again.
Layouts draw with the channel's look and keep clear of the captions through the canvas's safe area.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from videos.render.designs.canvas import Canvas

# Bump when a change to any layout changes the frames it draws for the same design: every cached
# piece that shows a design is then drawn and encoded again.
DESIGNS_VERSION = "24"  # 2: a list's heading stands large until its first item; 3: a number's unit comes with it;
# 4: the parts of a sequence slide in over each other (no dissolve); 5: a number under ten does not count up;
# 6: over a background loop, words are outlined; 7: numbers with no words beside them stand centred;
# 8: several numbers in portrait stand as one stack in the middle of the space above the captions;
# 9: a map's name comes with the map; 10: a map into a map dissolves, its land lit from the start;
# 11: a map's name leaves past its span (handed over to the next map's in a sequence's dissolve);
# 12: a city's country is outlined and named under it; 13: a country's own map without the outline;
# 14: a list's heading takes two lines before it shrinks; 15: several numbers in portrait stand larger;
# 16: a Japanese unit follows its number without a space; 17: a timeline's end labels stay in the frame;
# 18: side by side, a number's words come with it; 19: in a tall frame, a word unit goes under its number;
# 20: land across the date line from a map's place is drawn beside it, Russia and Fiji without a band across
# the world (a route's map came with it); 21: land filled with fast antialiasing; 22: each end of a range
# counts up to its own value ("5 000–15 000" counted both ends to 15 000), and side by side a short unit
# with no words goes after the bar ("55.000 lire" stood before a bare bar); Australia's land is drawn (the
# Ashmore and Cartier Islands, under the same number, had replaced it); a crowded timeline's labels take
# turns above and below its line; 23: over a Shorts loop, small words are outlined
# twice as thickly for their size (a 2 px outline let a bright loop through "through Mongolia");
# 24: a map's heading of several words wraps to two lines (three in portrait) instead of shrinking to one;
# a country of a few islands is ringed (Samoa's map was a frame of sea)


@dataclass(frozen=True)
class Stat:
    """One number of a stat layout, counted up to `value`."""

    value: float
    text: str  # the number as it is finally shown ("1,000,000", "64", "90")
    unit: str = ""  # "%", "km/h", "metres"
    label: str = ""  # a few words of context
    prefix: str = ""  # "more than", "nearly": shown small above the number


@dataclass(frozen=True)
class Place:
    name: str
    lon: float
    lat: float
    kind: str  # "city", "country" or "sea"
    country: str = ""  # ISO 3166 numeric code of the country to shade ("" for none)
    span: float = 12.0  # degrees of longitude the closest view shows


@dataclass(frozen=True)
class Design:
    """What a designed scene shows. `layout` names the module that draws it; the other fields are
    its content (each layout reads the ones it needs)."""

    layout: str  # number, date, map, name, list, title, quote
    headline: str = ""  # the title phrase, the quote, the name, the date, the place's name
    detail: str = ""  # a line under it: role and dates, context, who said it
    items: tuple[str, ...] = ()  # list items; timeline dates
    stats: tuple[Stat, ...] = ()
    place: Place | None = None
    highlight: int = -1  # the timeline date this scene is about
    reveal: tuple[float, ...] = ()  # seconds into the scene at which each item appears
    chosen: str = "auto"  # "auto", or "override" when a person chose the layout or the words
    # A scene of several sentences shows one design per telling sentence, in turn ("sequence"):
    # each part from its start (seconds into the scene, when its sentence is spoken).
    parts: tuple[Design, ...] = ()
    starts: tuple[float, ...] = ()
    # Seconds into the scene at which its picture starts to leave, when that is before its span's end:
    # the renderer sets it on the last frames of a map dissolving into the next scene's map, where the
    # first map's name leaves so that the next one's takes its place (as inside a sequence). 0: never.
    leaves: float = 0.0
    # A map of several places, in order (`place` is the first), framed together. With `way`, the way from
    # the first to the last is drawn ("from Lisbon to Rio de Janeiro", "the canal between the
    # Mediterranean and the Red Sea"); without, each is lit in turn from its `reveal` time ("ten
    # countries: Germany, Austria, Slovakia, ..."). Empty: one place.
    places: tuple[Place, ...] = ()
    way: bool = False

    def as_dict(self) -> dict:
        data = dataclasses.asdict(self)
        _unset_new(data)  # a design's fingerprint (and cached pieces) as before the fields came
        return data

    def fingerprint(self) -> str:
        """Everything that determines its frames, for the render cache's keys."""
        text = json.dumps(self.as_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(f"{DESIGNS_VERSION}\n{text}".encode()).hexdigest()[:24]

    @classmethod
    def from_dict(cls, data: dict) -> Design:
        data = dict(data)
        data["stats"] = tuple(Stat(**s) for s in data.get("stats") or ())
        data["place"] = Place(**data["place"]) if data.get("place") else None
        data["items"] = tuple(data.get("items") or ())
        data["reveal"] = tuple(data.get("reveal") or ())
        data["parts"] = tuple(cls.from_dict(part) for part in data.get("parts") or ())
        data["starts"] = tuple(data.get("starts") or ())
        data["places"] = tuple(Place(**p) for p in data.get("places") or ())
        return cls(**data)


def _unset_new(data: dict) -> None:
    for field in ("leaves", "places", "way"):
        if not data.get(field):
            data.pop(field, None)
    for part in data.get("parts") or ():
        _unset_new(part)


class Layout(Protocol):
    """One module per layout (number.py, date.py, ...), each with a `LAYOUT` of this shape."""

    name: str  # what Scene.design_layout stores
    label: str  # what the studio shows
    push_in: float  # how much the frame grows over the scene, about the words' centre (0: none)

    def draw(self, canvas: Canvas, design: Design, seconds: float, span: float) -> None:
        """Draw the frame `seconds` into a scene shown for `span` seconds (the background is
        already painted)."""

    def still_from(self, canvas: Canvas, design: Design, span: float) -> float:
        """The moment from which every frame `draw` makes is the same (its animations over), or
        `math.inf` if it moves to the end. The renderer draws that frame once and lets ffmpeg hold
        it; a test draws every layout later on and checks nothing changes."""
