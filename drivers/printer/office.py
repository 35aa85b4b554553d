"""A4 result documents (PDFs from the hub) printed on an office printer through CUPS, or saved
as a PDF: each page rendered by QtPdf and painted into a QtPrintSupport QPrinter.

Rendering pages ourselves, rather than handing the PDF to CUPS, means one path for every
printer Qt knows and for "save as PDF", and a damaged PDF is found here, in plain words,
before anything reaches the printer. Blocking: call from a worker thread for long documents.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

MAX_DPI = 300  # more is slower and no sharper on an office laser


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


def print_pdf(pdf: bytes, printer_name: str = "", copies: int = 1) -> int:
    """Print on the CUPS printer `printer_name` (the default printer when empty); the number
    of pages sent."""
    names = printers()
    if not names:
        raise OfficePrintError("no office printer is set up on this terminal (CUPS)")
    if printer_name and printer_name not in names:
        raise OfficePrintError(f"the printer {printer_name!r} is not set up on this terminal")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name:
        printer.setPrinterName(printer_name)
    printer.setCopyCount(max(1, copies))
    printer.setDocName("办理结果")
    return _paint(pdf, printer)


def save_as_pdf(pdf: bytes, path: Path) -> int:
    """Save through the same rendering as printing (what the printer would get) as a PDF at
    `path`; the number of pages."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(MAX_DPI)
    printer.setOutputFileName(str(path))
    return _paint(pdf, printer)
