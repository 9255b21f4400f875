"""social-auth's URLs with its begin and complete views behind publishing.social's checks: Google is
set up on this server, and only a channel's owner connects its YouTube account."""

from __future__ import annotations

from django.urls import path
from social_django import views as social_views
from social_django.urls import extra

from publishing import social

app_name = "social"

urlpatterns = [
    path(f"login/<str:backend>{extra}", social.begin, name="begin"),
    path(f"complete/<str:backend>{extra}", social.complete, name="complete"),
    path(f"disconnect/<str:backend>{extra}", social_views.disconnect, name="disconnect"),
    path(f"disconnect/<str:backend>/<int:association_id>{extra}", social_views.disconnect,
         name="disconnect_individual"),
]
