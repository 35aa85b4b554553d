"""A4 result documents: read by QtPdf, handed to CUPS as they are (`lp`, here a stand-in that
keeps what it is given), saved as PDF, or rendered offscreen (CUPS is not needed for
these)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

from drivers.printer import office
from drivers.printer.office import (
    OfficePrintError,
    print_pdf,
    printers,
    render_pages,
    save_as_pdf,
    submit_to_cups,
)


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
    pdf = _sample_pdf(3)
    assert save_as_pdf(pdf, out) == 3
    # The document as the printer gets it: the same bytes, its text still text.
    assert out.read_bytes() == pdf
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["result.pdf"]
    again = render_pages(out.read_bytes(), dpi=50)
    assert len(again) == 3
    assert _dark_fraction(again[1]) > 0.01


def _fake_lp(folder: Path, monkeypatch, status: int = 0) -> Path:
    """An `lp` first on the PATH that keeps its arguments and the job it is given."""
    folder.mkdir()
    script = folder / "lp"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{folder}/args"\n'
        f'cat > "{folder}/job.pdf"\n'
        f'[ {status} -eq 0 ] || {{ echo "lp: The printer or class does not exist." >&2; '
        f"exit {status}; }}\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder


def test_the_pdf_itself_goes_to_cups(qapp, tmp_path, monkeypatch):
    lp = _fake_lp(tmp_path / "bin", monkeypatch)
    monkeypatch.setattr(office, "printers", lambda: ["Office", "Other"])
    pdf = _sample_pdf(2)
    assert print_pdf(pdf, "Office", copies=2) == 2
    assert (lp / "job.pdf").read_bytes() == pdf  # not pictures of its pages
    args = (lp / "args").read_text().splitlines()
    assert args[args.index("-d") + 1] == "Office" and args[args.index("-n") + 1] == "2"
    assert "media=A4" in args and args[-1] == "-"


def test_a_refusal_by_cups_is_said_plainly(qapp, tmp_path, monkeypatch):
    _fake_lp(tmp_path / "bin", monkeypatch, status=1)
    with pytest.raises(OfficePrintError, match="did not take the document"):
        submit_to_cups(_sample_pdf(1), "Gone")


def test_a_damaged_pdf_never_reaches_cups(qapp, tmp_path, monkeypatch):
    lp = _fake_lp(tmp_path / "bin", monkeypatch)
    monkeypatch.setattr(office, "printers", lambda: ["Office"])
    with pytest.raises(OfficePrintError, match="cannot be read"):
        print_pdf(b"%PDF-1.4 garbage", "Office")
    assert not (lp / "job.pdf").exists()


def test_not_a_pdf_is_said_plainly(qapp, tmp_path):
    with pytest.raises(OfficePrintError, match="not a PDF"):
        save_as_pdf(b"<html>", tmp_path / "x.pdf")
    with pytest.raises(OfficePrintError, match="cannot be read"):
        render_pages(b"%PDF-1.4 garbage")


@pytest.mark.skipif(shutil.which("lpstat") is not None, reason="CUPS is installed here")
def test_without_cups_there_are_no_printers(qapp):
    assert printers() == []
