"""The one form: what is prefilled from the card and data sharing, what is asked, and the
checks on what the resident types."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.idreader.samples import sample
from kiosk import form
from kiosk.application import Application, Step
from kiosk.catalog.load import load_catalog
from kiosk.catalog.model import FieldKind, FormField
from kiosk.contract import LicenceRecord

TODAY = date(2026, 11, 25)
# What the birth form asks of the sample mother once sharing has answered: the card gives the
# applicant; sharing the spouse and the household's address.
BIRTH_ASKED = {"relation", "child-name", "child-sex", "child-birth-date", "birth-place", "phone"}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _records() -> list[LicenceRecord]:
    from central.sandbox.dataset import load_dataset

    return load_dataset().records("person", "330106199403120623")


def test_birth_asks_only_what_nobody_knows(catalog):
    o = catalog.onething("birth")
    app = Application(o, o.situation("newborn"), sample(1))
    app.learn(_records(), "consent-1")
    asked = {f.id for f in app.asked()}
    assert asked == BIRTH_ASKED
    assert app.known["applicant-name"].source is form.Source.CARD
    assert app.known["spouse-name"] == form.Known("陈志远", form.Source.SHARED, "结婚证")
    assert app.known["household-address"].record_name == "居民户口簿"
    # Every shared material is provided, referenced with the consent of the look-up.
    assert {m: s.consent_id for m, s in app.shared.items()} == {
        "parents-id-cards": "consent-1",
        "household-register": "consent-1",
        "marriage-certificate": "consent-1",
    }
    assert app.steps() == [Step.FORM, Step.PHOTO, Step.SIGN, Step.REVIEW]
    assert app.post_address().startswith("浙江省杭州市西湖区文三路478号3幢")


def test_without_data_sharing_the_form_asks_more_and_materials_are_checked(catalog):
    o = catalog.onething("birth")
    app = Application(o, o.situation("newborn"), sample(1))
    app.refill()
    asked = {f.id for f in app.asked()}
    assert {"spouse-name", "household-address"} <= asked
    assert "applicant-name" not in asked  # the card is still read


def test_problems_name_each_wrong_answer(catalog):
    o = catalog.onething("birth")
    app = Application(o, o.situation("newborn"), sample(1))
    app.learn(_records(), "c")
    app.typed.update({"relation": "姐姐", "child-birth-date": "2027-01-01", "phone": "12345"})
    problems = app.problems(TODAY)
    assert problems["relation"] is form.Problem.NOT_AN_OPTION
    assert problems["child-birth-date"] is form.Problem.DATE_IN_FUTURE
    assert problems["phone"] is form.Problem.BAD_PHONE
    assert problems["child-name"] is form.Problem.REQUIRED
    app.typed.update(
        {
            "relation": "母亲",
            "child-name": "陈小满",
            "child-sex": "女",
            "child-birth-date": "2026-11-18",
            "birth-place": "杭州市妇产科医院",
            "phone": "138 0013 8000",
        }
    )
    assert app.problems(TODAY) == {}
    answers = app.answers()
    assert answers["spouse-name"] == "陈志远" and answers["child-name"] == "陈小满"


def test_the_submission_references_shared_materials_and_carries_the_signature(catalog):
    o = catalog.onething("birth")
    app = Application(o, o.situation("newborn"), sample(1))
    app.learn(_records(), "consent-1")
    app.photo = b"\xff\xd8\xffphoto"
    app.signature = b"\x89PNG\r\n\x1a\nsig"
    submit = app.to_submit("自助终端 01", "self-service", "L-k1-20261125-0001")
    assert {s.material_id for s in submit.shared} == {
        "parents-id-cards",
        "household-register",
        "marriage-certificate",
    }
    # Shared materials are referenced, never uploaded; the photo and signature are.
    assert {m.material_id for m in submit.materials} == {"photo", "signature"}
    assert submit.local_number == "L-k1-20261125-0001"
    assert submit.applicant.number == "330106199403120623"
    assert submit.face_check is None  # no check made with the photo: none sent


def test_the_face_check_goes_with_the_submission_and_is_wiped(catalog):
    from kiosk.contract import FaceBand, FaceCheck

    o = catalog.onething("birth")
    app = Application(o, o.situation("newborn"), sample(1))
    app.photo = b"\xff\xd8\xffphoto"
    app.face_check = FaceCheck(band=FaceBand.NO_REFERENCE, liveness=True)
    submit = app.to_submit("自助终端 01", "self-service", "")
    assert submit.model_dump(mode="json")["face_check"] == {
        "band": "no_reference",
        "liveness": True,
        "sample_reference": False,
    }
    app.wipe()
    assert app.face_check is None


def test_wiping_an_application_drops_every_personal_value(catalog):
    o = catalog.onething("birth")
    app = Application(o, o.situation("newborn"), sample(1))
    app.learn(_records(), "c")
    app.typed["child-name"] = "陈小满"
    app.photo = app.signature = b"x"
    app.wipe()
    assert not app.known and not app.typed and not app.shared
    assert app.photo == app.signature == b""
    assert "陈" not in repr(app) and "330106" not in repr(app)


def test_enterprise_closure_is_identified_by_the_credit_code(catalog):
    o = catalog.onething("company-deregistration")
    from kiosk.catalog.model import Audience

    app = Application(o, o.situation("individual"), sample(1), audience=Audience.ENTERPRISE)
    assert app.steps()[0] is Step.ENTERPRISE
    app.credit_code = "92330102MA2CL5XT7M"
    app.refill()
    assert app.known["credit-code"].value == "92330102MA2CL5XT7M"


_FIELD = FormField(id="f", label="字段")


@given(st.text(max_size=80))
def test_check_never_raises_and_required_means_something_typed(value):
    for kind in FieldKind:
        f = _FIELD.model_copy(update={"kind": kind, "options": ("是", "否")})
        problem = form.check(f, value, TODAY)
        if not value.strip():
            assert problem is form.Problem.REQUIRED


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)))
def test_dates_are_checked_against_today(day):
    f = _FIELD.model_copy(update={"kind": FieldKind.DATE})
    problem = form.check(f, day.isoformat(), TODAY)
    assert (problem is form.Problem.DATE_IN_FUTURE) == (day > TODAY)
    assert problem in (None, form.Problem.DATE_IN_FUTURE)


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        (FieldKind.PHONE, "13800138000", "1380013800"),
        (FieldKind.PHONE, "0571-87654321", "0571-876"),
        (FieldKind.ID_NUMBER, "11010519491231002X", "110105194912310021"),
        (FieldKind.CREDIT_CODE, "913301063157284697", "913301063157284690"),
        (FieldKind.NUMBER, "3.5", "三"),
    ],
)
def test_kinds_accept_the_right_shape(kind, good, bad):
    f = _FIELD.model_copy(update={"kind": kind})
    assert form.check(f, good, TODAY) is None
    assert form.check(f, bad, TODAY) is not None


def test_another_enterprise_forgets_what_sharing_said_of_the_first(catalog):
    from kiosk.catalog.model import Audience
    from kiosk.contract import LicenceRecord

    o = catalog.onething("company-deregistration")
    app = Application(o, o.situation("individual"), sample(1), audience=Audience.ENTERPRISE)
    app.credit_code = "913301063157284697"
    licence = LicenceRecord(
        kind="business_licence", name="营业执照", issuer="x", fields={"name": "甲公司"}
    )
    app.learn([licence], "consent-A")
    assert app.known["enterprise-name"].value == "甲公司"
    app.change_enterprise("92330102MA2CL5XT7M")
    assert "enterprise-name" not in app.known and not app.shared and not app.enterprise_name
    assert app.known["credit-code"].value == "92330102MA2CL5XT7M"
