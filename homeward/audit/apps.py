from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "homeward.audit"
    label = "audit"
    verbose_name = "Audit trail"
