"""Every write of child alerts: each runs in one transaction, takes the keyword-only
`membership` and records its audit event in that transaction."""

from homeward.alerts.actions.activation import Publication, record_activation, update_alert
from homeward.alerts.actions.assessment import assess, configure_criteria
from homeward.alerts.actions.ending import (
    end_alert,
    end_alerts_when_case_closes,
    end_alerts_when_child_found,
    end_expired_alerts,
)
from homeward.alerts.actions.relay import ask_relay

__all__ = [
    "Publication",
    "ask_relay",
    "assess",
    "configure_criteria",
    "end_alert",
    "end_alerts_when_case_closes",
    "end_alerts_when_child_found",
    "end_expired_alerts",
    "record_activation",
    "update_alert",
]
