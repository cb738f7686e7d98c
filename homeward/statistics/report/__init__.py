"""The network's annual report: the hotlines' submitted returns aggregated per country, passed
through disclosure control, with headline figures, trends, charts and tables; as a page, a PDF
and the exports (docs/statistics.md, "The network report").

Public: `network_report(year)`, `hotline_report(year, organisation)`, `network_summary(year)`
(headlines and trends only), `NoReturns`, `Report`, `panel.network_panel()` (the dashboard),
and `render.pdf(report)`, `render.context(report)`.
"""

from homeward.statistics.report.build import (
    NoReturns,
    Report,
    hotline_report,
    network_report,
    network_summary,
)

__all__ = ["NoReturns", "Report", "hotline_report", "network_report", "network_summary"]
