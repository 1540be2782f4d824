"""PDF reports for clinicians (DESIGN §7): one session, or one dyad's visits over time.

The only package besides the terminal UI that imports reportlab. Nothing is built at
import time; every figure comes from :mod:`observe.analysis`.
"""

from observe.reports.caseload_report import default_caseload_path, write_caseload_report
from observe.reports.document import ReportError
from observe.reports.paths import default_report_path
from observe.reports.reliability_report import write_reliability_report
from observe.reports.reliability_summary import write_reliability_summary_report
from observe.reports.session_report import write_session_report
from observe.reports.trend_report import write_trend_report

__all__ = [
    "ReportError",
    "default_caseload_path",
    "default_report_path",
    "write_caseload_report",
    "write_reliability_report",
    "write_reliability_summary_report",
    "write_session_report",
    "write_trend_report",
]
