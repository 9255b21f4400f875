from __future__ import annotations

from django.urls import path

from channels import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("channels/new/", views.channel_new, name="channel_new"),
    path("channels/<slug:slug>/settings/", views.channel_settings, name="channel_settings"),
    path("channels/<slug:slug>/suggest-topics/", views.suggest_topics, name="suggest_topics"),
    path("channels/<slug:slug>/settings/youtube/disconnect/", views.youtube_disconnect, name="youtube_disconnect"),
    path("channels/<slug:slug>/settings/voice-preview/", views.voice_preview, name="voice_preview"),
    path("channels/<slug:slug>/settings/voice-sample.wav", views.voice_sample, name="voice_sample"),
    path("channels/<slug:slug>/settings/subtitle-preview/", views.subtitle_preview, name="subtitle_preview"),
]
