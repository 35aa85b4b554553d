"""A4 result documents through QtPrintSupport: rendered offscreen and saved as PDF (CUPS is
not needed for these)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

from drivers.printer.office import OfficePrintError, printers, render_pages, save_as_pdf


def _sample_pdf(pages: int = 2) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    painter.setFont(QFont("Noto Sans CJK SC", 24))
    for i in range(pages):
        if i:
            writer.newPage()
        painter.fillRect(QRectF(50, 50, 200, 100), 0)
        painter.drawText(60, 250, f"办理结果 第{i + 1}页")
    painter.end()
    buf.close()
    return bytes(data.data())


def _dark_fraction(image) -> float:
    img = image.convertToFormat(image.Format.Format_Grayscale8).scaled(100, 141)
    dark = sum(
        1
        for y in range(img.height())
        for x in range(img.width())
        if img.pixelColor(x, y).value() < 128
    )
    return dark / (img.width() * img.height())


def test_pages_render_offscreen(qapp):
    pages = render_pages(_sample_pdf(2), dpi=72)
    assert len(pages) == 2
    assert pages[0].width() == 595 and pages[0].height() == 842  # A4 in points
    assert 0.01 < _dark_fraction(pages[0]) < 0.5


def test_save_as_pdf_keeps_every_page(qapp, tmp_path):
    out = tmp_path / "result.pdf"
    assert save_as_pdf(_sample_pdf(3), out) == 3
    again = render_pages(out.read_bytes(), dpi=50)
    assert len(again) == 3
    assert _dark_fraction(again[1]) > 0.01


def test_not_a_pdf_is_said_plainly(qapp, tmp_path):
    with pytest.raises(OfficePrintError, match="not a PDF"):
        save_as_pdf(b"<html>", tmp_path / "x.pdf")
    with pytest.raises(OfficePrintError, match="cannot be read"):
        render_pages(b"%PDF-1.4 garbage")


@pytest.mark.skipif(shutil.which("lpstat") is not None, reason="CUPS is installed here")
def test_without_cups_there_are_no_printers(qapp):
    assert printers() == []
