from __future__ import annotations

from django.urls import path

from publishing import views

urlpatterns = [
    path("calendar/", views.calendar_page, name="calendar"),
    path("analytics/", views.analytics_page, name="analytics"),
    path("publications/<int:pk>/files/<str:name>", views.publication_file, name="publication_file"),
]
