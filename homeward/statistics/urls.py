from django.urls import URLPattern

# one block per page group: figures (a hotline's own), returns, network report
urlpatterns: list[URLPattern] = []
