"""Publicity appeals: consent, the published content, the sites that embed the widget, and
takedowns."""
