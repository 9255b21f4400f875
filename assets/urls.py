from __future__ import annotations

from django.urls import path

from assets import views

urlpatterns = [
    path("library/", views.asset_library, name="asset_library"),
    path("library/<int:pk>/file/", views.asset_file, name="asset_file"),
]
