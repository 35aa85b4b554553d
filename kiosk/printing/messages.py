"""What the resident is told about a print, as message codes the UI translates; the Chinese
and English wording here is the reference for its translation files."""

from __future__ import annotations

from typing import Final

# Job states and failures a resident may see. A failure code is also the printer status
# that caused it (drivers.printer.status.PrinterStatus values).
QUEUED: Final = "queued"
PRINTING: Final = "printing"
DONE: Final = "done"
PAPER_OUT: Final = "paper_out"
PAPER_LOW: Final = "paper_low"
COVER_OPEN: Final = "cover_open"
OFFLINE: Final = "offline"
ERROR: Final = "error"
EXPIRED: Final = "expired"
# The whole receipt went to the printer and it could not say whether it printed it: it is
# never printed again by itself (a second copy is a privacy incident); she looks and decides.
MAY_HAVE_PRINTED: Final = "may_have_printed"
# It failed for certain too many times in a row to try again by itself.
NOT_PRINTED: Final = "not_printed"
NOTHING_TO_REPRINT: Final = "nothing_to_reprint"
NO_PRINTER: Final = "no_printer"

WORDING: Final[dict[str, tuple[str, str]]] = {
    QUEUED: ("正在准备打印，请稍候", "Getting your slip ready to print, please wait."),
    PRINTING: ("正在打印，请稍候", "Printing, please wait."),
    DONE: ("打印完成，请取走凭条", "Printed. Please take your slip."),
    PAPER_OUT: (
        "打印纸用完了，请联系工作人员；也可以稍后扫描二维码查看受理结果",
        "The printer has run out of paper. Please ask a member of staff; you can also scan "
        "the QR code later to see the result.",
    ),
    PAPER_LOW: (
        "打印纸即将用完，凭条仍可打印",
        "The paper is running low; your slip will still print.",
    ),
    COVER_OPEN: (
        "打印机盖没有关好，请联系工作人员；关好后会自动打印",
        "The printer cover is open. Please ask a member of staff; it will print once the "
        "cover is closed.",
    ),
    OFFLINE: (
        "打印机暂时无法连接，恢复后会自动打印；您也可以扫描屏幕上的二维码查看办理进度",
        "The printer cannot be reached just now; your slip will print when it is back. You "
        "can also scan the QR code on the screen to follow your application.",
    ),
    ERROR: (
        "打印机出现故障，请联系工作人员；也可以稍后扫描二维码查看受理结果",
        "The printer has a fault. Please ask a member of staff; you can also scan the QR "
        "code later to see the result.",
    ),
    EXPIRED: (
        "凭条未能打印，请到窗口请工作人员补打",
        "Your slip could not be printed. Please ask at the service window for a copy.",
    ),
    MAY_HAVE_PRINTED: (
        "收据可能已打印，请查看出纸口；没有的话点重新打印",
        "Your receipt may have printed: please check the paper slot. If it did not, tap "
        "Print again.",
    ),
    NOT_PRINTED: (
        "凭条没能打印出来，请联系工作人员；也可以点重新打印再试一次",
        "Your slip could not be printed. Please ask a member of staff, or tap Print again to "
        "try once more.",
    ),
    NOTHING_TO_REPRINT: ("没有可以重新打印的凭条", "There is no slip to print again."),
    NO_PRINTER: (
        "本终端没有打印机，请扫描屏幕上的二维码保存结果",
        "This terminal has no printer. Please scan the QR code on the screen to keep the result.",
    ),
}


def words(code: str, language: str = "zh_CN") -> str:
    zh, en = WORDING.get(code, WORDING[ERROR])
    return en if language == "en" else zh
