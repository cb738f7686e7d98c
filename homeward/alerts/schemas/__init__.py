"""The API's shapes for child alerts: assessments and criteria (`assessments`), alerts and
their CAP messages (`alerts`)."""
