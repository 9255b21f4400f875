"""What a scene card shows of its design: `{% with design=scene|scene_design %}`."""

from __future__ import annotations

from django import template

from videos.render.designs import layout, layout_choices, summary
from videos.render.designs.chooser import TEXT_HELP
from videos.selectors import scene_design as design_of

register = template.Library()


@register.filter
def scene_design(scene) -> dict:
    design = design_of(scene)
    words = summary(design)
    label = " then ".join(layout(part.layout).label for part in design.parts) if design.parts \
        else layout(design.layout).label
    return {"layout": design.layout, "label": label, "words": words,
            "chosen": (scene.design_layout or "auto") != "auto" or bool(scene.design_text.strip()),
            "choices": [("auto", "Automatic (from the narration)"), *layout_choices()],
            "help": TEXT_HELP, "key": design.fingerprint()[:10], "placeholder": "\n".join(words)}
