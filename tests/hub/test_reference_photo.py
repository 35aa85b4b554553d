"""人证比对's reference photo from data sharing, over HTTP against the running hub: given for a
sample person with their own current card, refused without it, 404 for someone without one,
recorded like a look-up for its one purpose, and marked as sample data."""

from __future__ import annotations

import cv2
import numpy as np
from sqlalchemy import select

from central.tables import ConsentRecord
from kiosk.contract import MAX_REFERENCE_PHOTO_BYTES
from tests.hub.data import FATHER, MOTHER, card_of, error_of

PATH = "/sharing/reference-photo"


def _body(number: str, **changes) -> dict:
    body = {
        "number": number,
        "consent": {"given": True, "method": "card_present", "text_version": "2026.1"},
        "card": card_of(number),
    }
    return {**body, **changes}


def test_a_sample_person_s_reference_photo_is_given_as_sample_data(kiosk, hub_unsealed):
    answer = kiosk.post(PATH, json=_body(MOTHER))
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"] == "image/jpeg"
    assert answer.headers["X-Sample-Data"] == "true"
    assert answer.headers["Cache-Control"] == "no-store"
    assert 0 < len(answer.content) <= MAX_REFERENCE_PHOTO_BYTES
    image = cv2.imdecode(np.frombuffer(answer.content, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None and min(image.shape[:2]) > 150
    with hub_unsealed.engine.connect() as c:
        rows = c.execute(
            select(ConsentRecord.action, ConsentRecord.purpose, ConsentRecord.records_found).where(
                ConsentRecord.kiosk_id == kiosk.name
            )
        ).all()
    assert [tuple(r) for r in rows] == [("reference_photo", "face_verification", 1)]


def test_without_the_persons_own_valid_card_nothing_is_given(kiosk):
    body = _body(MOTHER)
    del body["card"]
    assert error_of(kiosk.post(PATH, json=body))[:2] == (422, "invalid_request")
    # The father's genuine card with the mother's number: not her card.
    status, code, _ = error_of(kiosk.post(PATH, json=_body(MOTHER, card=card_of(FATHER))))
    assert (status, code) == (422, "invalid_request")
    # A made-up card: refused by the card registry, as a look-up is.
    made_up = {**card_of(MOTHER), "issuer": "北京市公安局朝阳分局"}
    status, code, _ = error_of(kiosk.post(PATH, json=_body(MOTHER, card=made_up)))
    assert (status, code) == (403, "card_not_verified")
    # No consent: nothing either.
    body = _body(MOTHER)
    body["consent"]["given"] = False
    assert error_of(kiosk.post(PATH, json=body))[:2] == (422, "invalid_request")
    # A person only: an enterprise has no face.
    status, code, _ = error_of(kiosk.post(PATH, json=_body(MOTHER, subject_type="enterprise")))
    assert (status, code) == (422, "invalid_request")


def test_someone_without_a_reference_photo_gets_404(kiosk):
    status, code, message = error_of(kiosk.post(PATH, json=_body(FATHER)))
    assert (status, code) == (404, "no_reference_photo") and "liveness only" in message
