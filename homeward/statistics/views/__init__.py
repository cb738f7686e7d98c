"""The statistics pages. Each module holds one group; `urls.py` names them here."""

from homeward.statistics.views.figures import own_figures
from homeward.statistics.views.returns import (
    return_detail,
    return_download,
    return_list,
    return_prepare,
    return_submit,
    return_template,
    return_upload,
    return_withdraw,
)
from homeward.statistics.views.years import (
    return_reopen,
    year_list,
    year_lock,
    year_remind,
    year_status,
    year_unlock,
)

__all__ = [
    "own_figures",
    "return_detail",
    "return_download",
    "return_list",
    "return_prepare",
    "return_reopen",
    "return_submit",
    "return_template",
    "return_upload",
    "return_withdraw",
    "year_list",
    "year_lock",
    "year_remind",
    "year_status",
    "year_unlock",
]
