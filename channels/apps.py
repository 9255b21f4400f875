from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    # An explicit label: the default "channels" clashes with Django Channels.
    name = "channels"
    label = "faceless_channels"
    verbose_name = "Channels"
