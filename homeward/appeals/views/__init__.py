"""The appeals pages: public (views.public, views.register) and the hotline's (views.staff,
views.settings)."""
