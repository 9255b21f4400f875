from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "publishing"

    def ready(self) -> None:
        from publishing import checks  # noqa: F401  (registers the system checks)
