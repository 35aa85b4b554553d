"""The other ways through the kiosk, on the same stack as `kiosk journey`: an enterprise
closing its business, identified by its e-business licence's QR code; and a resident who
books a visit to the window instead of applying here."""

from __future__ import annotations

from PIL import Image

from demo.scenario import hub_record, journey_kiosk
from kiosk.codes import read_code
from tests.print_helpers import decode_qr


def test_an_enterprise_closes_by_its_licence_qr_code(tmp_path):
    with journey_kiosk(tmp_path) as walk:
        number = walk.enterprise()
        assert number.startswith("YJS-")
        held = hub_record(walk.hub, number, rated=False)
    # The applicant is the enterprise whose licence the camera read; its name came from
    # its business licence through data sharing, the representative's from the card.
    assert held["applicant"] == "enterprise"
    assert held["form_values"]["credit-code"] == "92330102MA2CL5XT7M"
    assert held["form_values"]["enterprise-name"] == "杭州市上城区和睦便民超市"
    assert held["form_values"]["representative-name"] == "林晓燕"
    # The licence photographed at the kiosk, as a PDF; the other paper at the window.
    assert held["uploaded"] == ["business-licence"]


def test_a_visit_to_the_window_is_booked_and_the_slip_printed(tmp_path):
    with journey_kiosk(tmp_path) as walk:
        booking = walk.appointment()
        assert booking["code"].startswith("YY")
        slips = [r for r in walk.printer_sim.receipts if r.path is not None]
        assert len(slips) == 1
        code = read_code(decode_qr(Image.open(slips[0].path)))
        assert code is not None and code.kind == "booking" and code.value == booking["code"]
