"""The network's annual report: the hotlines' submitted returns aggregated per country, passed
through disclosure control, with headline figures, trends, charts and tables; as a page, a PDF
and the exports (docs/statistics.md, "The network report").

Public: `network_report(year)`, `hotline_report(year, organisation)`, `NoReturns`, `Report`,
and `render.pdf(report)`, `render.context(report)`.
"""

from homeward.statistics.report.build import NoReturns, Report, hotline_report, network_report

__all__ = ["NoReturns", "Report", "hotline_report", "network_report"]
