from __future__ import annotations

from django.urls import path

from videos import views

urlpatterns = [
    path("channels/<slug:slug>/videos/new/", views.video_new, name="video_new"),
    path("videos/<int:pk>/", views.video_studio, name="video_studio"),
    path("videos/<int:pk>/run/<str:kind>/", views.video_run, name="video_run"),
    path("videos/<int:pk>/update/", views.video_update, name="video_update"),
    path("videos/<int:pk>/draft/", views.video_draft, name="video_draft"),
    path("videos/<int:pk>/approve/", views.video_approve, name="video_approve"),
    path("videos/<int:pk>/schedule/", views.video_schedule, name="video_schedule"),
    path("videos/<int:pk>/unschedule/", views.video_unschedule, name="video_unschedule"),
    path("videos/<int:pk>/publish/", views.video_publish, name="video_publish"),
    path("videos/<int:pk>/renders/<int:render_pk>/<str:what>/", views.render_file, name="render_file"),
    path("videos/<int:pk>/thumbnail/", views.video_thumbnail, name="video_thumbnail"),
    path("scripts/<int:pk>/<str:action>/", views.script_action, name="script_action"),
    path("scenes/<int:pk>/", views.scene_save, name="scene_save"),
    path("scenes/<int:pk>/rewrite/", views.scene_rewrite, name="scene_rewrite"),
    path("scenes/<int:pk>/swap/", views.scene_swap, name="scene_swap"),
    path("scenes/<int:pk>/upload/", views.scene_upload, name="scene_upload"),
    path("scenes/<int:pk>/library/", views.scene_library, name="scene_library"),
    path("scenes/<int:pk>/narration/", views.scene_narration, name="scene_narration"),
    path("scenes/<int:pk>/design/", views.scene_design, name="scene_design"),
    path("scenes/<int:pk>/design.png", views.scene_design_preview, name="scene_design_preview"),
    path("jobs/", views.jobs_page, name="jobs"),
    path("jobs/<int:pk>/", views.job_progress, name="job_progress"),
    path("jobs/<int:pk>/retry/", views.job_retry, name="job_retry"),
    path("jobs/<int:pk>/cancel/", views.job_cancel, name="job_cancel"),
]
