"""Forms for the video studio; the services do the validating that every entry point shares."""

from __future__ import annotations

from django import forms

from videos.models import NARRATION_MAX_CHARS, ON_SCREEN_TEXT_MAX_CHARS


class VideoCreateForm(forms.Form):
    topic = forms.CharField(required=False, max_length=300,
                            help_text="An idea or working title, e.g. “Why lighthouses are striped”.")
    source_text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 10}), label="Source text",
                                  help_text="Or paste notes or an article; the script is written from it.")
    run_pipeline = forms.BooleanField(required=False, initial=True, label="Run the whole pipeline now",
                                      help_text="Write, find footage, narrate and render; it stops for your review.")


class SceneForm(forms.Form):
    narration = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=NARRATION_MAX_CHARS)
    visual_query = forms.CharField(required=False, max_length=200, label="Footage search")
    on_screen_text = forms.CharField(required=False, max_length=ON_SCREEN_TEXT_MAX_CHARS, label="Words on screen")


class SceneDesignForm(forms.Form):
    design_layout = forms.ChoiceField(label="Layout", choices=[
        ("auto", "Automatic"), ("number", "Number"), ("date", "Date or timeline"), ("map", "Map"),
        ("name", "Name card"), ("list", "List"), ("title", "Title card"), ("quote", "Quote card")])
    design_text = forms.CharField(required=False, max_length=400, label="Words on the design",
                                  widget=forms.Textarea(attrs={"rows": 3}))


class RewriteForm(forms.Form):
    instruction = forms.CharField(required=False, max_length=500,
                                  help_text="Optional, e.g. “shorter” or “mention the 1957 launch”.")


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(required=False, label="Publish at",
                               widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                               help_text="Blank: the channel's next free publishing slot.")
