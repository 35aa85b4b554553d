"""A4 result documents (PDFs from the hub) printed on an office printer through CUPS, or saved
as a PDF.

The PDF goes to CUPS as it is, with `lp`: the hub's documents are text PDFs, and CUPS's own
PDF filters print their type at the printer's resolution, where rendering the pages here
would send pictures of them (slower, larger, and blurred on a 600 dpi laser). Saving keeps
the same bytes. Either way the document is opened with QtPdf first, so that a damaged PDF is
found here, in plain words, before anything reaches the printer.

Without `lp` (CUPS's client programs are not installed) each page is rendered by QtPdf and
painted into a QtPrintSupport QPrinter, which reaches any printer Qt knows. Blocking: call
from a worker thread for long documents.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

log = logging.getLogger(__name__)

MAX_DPI = 300  # more is slower and no sharper on an office laser
LP_TIMEOUT_SECONDS = 30  # lp only hands the job to the local CUPS daemon
JOB_TITLE = "办理结果"


class OfficePrintError(Exception):
    """The document cannot be printed or saved; str() says why in plain words."""


def printers() -> list[str]:
    """The printers CUPS offers (empty without CUPS)."""
    return [p.printerName() for p in QPrinterInfo.availablePrinters()]


def _load(pdf: bytes) -> QPdfDocument:
    if not pdf.startswith(b"%PDF"):
        raise OfficePrintError("the result document is not a PDF")
    # QPdfDocument loads a file synchronously (a device would load in the background). The
    # file is private to the kiosk's user and unlinked as soon as it is open: a personal
    # document is on disk, unencrypted, only for that moment.
    fd, name = tempfile.mkstemp(prefix="kiosk-result-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(pdf)
        doc = QPdfDocument()
        err = doc.load(name)
    finally:
        Path(name).unlink(missing_ok=True)
    if err != QPdfDocument.Error.None_ or doc.pageCount() == 0:
        raise OfficePrintError(f"the result document cannot be read ({err.name})")
    return doc


def _render(doc: QPdfDocument, page: int, dpi: int) -> QImage:
    """One page on white paper (QtPdf leaves the background transparent)."""
    pts = doc.pagePointSize(page)
    size = QSize(round(pts.width() * dpi / 72), round(pts.height() * dpi / 72))
    ink = doc.render(page, size)
    if ink.isNull():
        raise OfficePrintError(f"page {page + 1} of the result document cannot be drawn")
    paper = QImage(ink.size(), QImage.Format.Format_RGB32)
    paper.fill(0xFFFFFFFF)
    p = QPainter(paper)
    p.drawImage(0, 0, ink)
    p.end()
    return paper


def render_pages(pdf: bytes, dpi: int = 150) -> list[QImage]:
    """Every page as an image at `dpi` (for a preview, or a test)."""
    doc = _load(pdf)
    try:
        return [_render(doc, i, dpi) for i in range(doc.pageCount())]
    finally:
        doc.close()


def _paint(pdf: bytes, printer: QPrinter) -> int:
    doc = _load(pdf)
    painter = QPainter()
    try:
        first = doc.pagePointSize(0)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if first.width() > first.height()
            else QPageLayout.Orientation.Portrait
        )
        if not painter.begin(printer):
            raise OfficePrintError("the printer cannot be opened")
        dpi = min(printer.resolution(), MAX_DPI)
        for i in range(doc.pageCount()):
            if i:
                printer.newPage()
            pts = doc.pagePointSize(i)
            image = doc.render(
                i, QSize(round(pts.width() * dpi / 72), round(pts.height() * dpi / 72))
            )
            if image.isNull():
                raise OfficePrintError(f"page {i + 1} of the result document cannot be drawn")
            area = painter.viewport()
            # Fit the page into the printable area, keeping its proportions, centred.
            scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = area.x() + (area.width() - scaled.width()) // 2
            y = area.y() + (area.height() - scaled.height()) // 2
            painter.drawImage(QRect(x, y, scaled.width(), scaled.height()), image)
        return doc.pageCount()
    finally:
        if painter.isActive():
            painter.end()
        doc.close()


def pages(pdf: bytes) -> int:
    """How many pages the document has; OfficePrintError if it is no readable PDF."""
    doc = _load(pdf)
    try:
        return doc.pageCount()
    finally:
        doc.close()


def print_pdf(pdf: bytes, printer_name: str = "", copies: int = 1) -> int:
    """Print on the CUPS printer `printer_name` (the default printer when empty); the number
    of pages sent."""
    names = printers()
    if not names:
        raise OfficePrintError("no office printer is set up on this terminal (CUPS)")
    if printer_name and printer_name not in names:
        raise OfficePrintError(f"the printer {printer_name!r} is not set up on this terminal")
    if shutil.which("lp") is not None:
        count = pages(pdf)
        submit_to_cups(pdf, printer_name, copies)
        return count
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name:
        printer.setPrinterName(printer_name)
    printer.setCopyCount(max(1, copies))
    printer.setDocName(JOB_TITLE)
    return _paint(pdf, printer)


def submit_to_cups(pdf: bytes, printer_name: str = "", copies: int = 1) -> None:
    """Hand the PDF itself to CUPS with `lp`, on its standard input (no file of it here): on
    A4, scaled to the page if it is another size, turned if it is landscape."""
    command = ["lp", "-n", str(max(1, copies)), "-t", JOB_TITLE]
    command += ["-o", "media=A4", "-o", "fit-to-page"]
    if printer_name:
        command += ["-d", printer_name]
    command.append("-")
    try:
        done = subprocess.run(
            command, input=pdf, capture_output=True, timeout=LP_TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise OfficePrintError(f"the print system did not answer ({type(e).__name__})") from None
    if done.returncode != 0:
        # lp's own words name the printer and the reason, never the document's contents.
        reason = done.stderr.decode(errors="replace").strip().splitlines()[:1]
        log.warning("lp refused a result document: %s", reason[0] if reason else done.returncode)
        raise OfficePrintError("the printer did not take the document")


def save_as_pdf(pdf: bytes, path: Path) -> int:
    """Keep the document at `path` as the printer would get it: the same bytes, once QtPdf
    has read it; the number of pages. Written beside and renamed, so that nobody sees half a
    file."""
    count = pages(pdf)
    part = path.with_name(path.name + ".part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pdf)
    os.replace(part, path)
    return count
