"""What a one-thing requires of an application, checked at the hub against the published
catalog: the contract only knows shapes, the catalog knows what each situation asks for.

- Uploads are of the situation's materials, or the captures its single items take (the
  photo, the signature); a capture the items need is there, of the right type.
- The one form: no field the one-thing does not have; every required field answered; each
  answer of its kind (a date, a phone number, one of the options, a valid ID number...),
  by the same rules the kiosk applies (kiosk.form.check); names as names (kiosk.text).
- Delivery by post has a postal address.

Paper materials the resident hands in at a window later (kiosk: "hand in later") and shared
materials the departments check between themselves are not in the request, so they cannot
be demanded here; everything the request does carry is.
"""

from __future__ import annotations

from datetime import date

from central.errors import ApiError
from kiosk.application import FINGERPRINT_MATERIAL, PHOTO_MATERIAL, SIGNATURE_MATERIAL
from kiosk.catalog.model import Capture, FormField, OneThing, Situation
from kiosk.contract import ApplicationSubmit
from kiosk.form import Problem, check
from kiosk.text import clean_name

# The upload each capture becomes, and the types it may have.
CAPTURE_UPLOADS: dict[Capture, tuple[str, tuple[str, ...]]] = {
    Capture.PHOTO: (PHOTO_MATERIAL, ("image/jpeg", "image/png")),
    Capture.SIGNATURE: (SIGNATURE_MATERIAL, ("image/png",)),
}

_PROBLEMS = {
    Problem.TOO_LONG: "is longer than the form allows ({max_length} characters)",
    Problem.NOT_A_NUMBER: "is not a number",
    Problem.NOT_A_DATE: "is not a date (YYYY-MM-DD)",
    Problem.DATE_IN_FUTURE: "is a date in the future",
    Problem.NOT_AN_OPTION: "is not one of the options: {options}",
    Problem.BAD_PHONE: "is not a phone number (11 digits for a mobile, or an area code and number)",
    Problem.BAD_ID_NUMBER: "is not a valid resident ID number",
    Problem.BAD_CREDIT_CODE: "is not a valid unified social credit code",
}


def check_application(
    body: ApplicationSubmit, onething: OneThing, situation: Situation, today: date
) -> dict[str, str]:
    """The form as it is to be stored (names in NFC), or ApiError 422 saying what is missing
    or wrong, in words."""
    _check_uploads(body, onething, situation)
    form = _check_form(body.form, onething, today)
    if body.delivery.method == "post" and not body.delivery.address.strip():
        raise ApiError(
            422,
            "missing_address",
            "delivery.address: the result is to go by post, but the postal address is empty; "
            "give the address, or choose pickup",
        )
    return form


def _captures(onething: OneThing, situation: Situation) -> set[Capture]:
    return {c for i in situation.items for c in onething.item(i).captures}


def _check_uploads(body: ApplicationSubmit, onething: OneThing, situation: Situation) -> None:
    captures = _captures(onething, situation)
    allowed = set(situation.materials)
    allowed |= {CAPTURE_UPLOADS[c][0] for c in captures if c in CAPTURE_UPLOADS}
    if Capture.FINGERPRINT in captures:
        # Not demanded (a kiosk without a sensor sends the applicant to a window for it), but
        # when it comes it is the image the sensor took, as a PNG.
        allowed.add(FINGERPRINT_MATERIAL)
        for n, upload in enumerate(body.materials):
            if upload.material_id == FINGERPRINT_MATERIAL and upload.content_type != "image/png":
                raise ApiError(
                    422,
                    "missing_material",
                    f"materials.{n}: the fingerprint '{FINGERPRINT_MATERIAL}' is "
                    f"{upload.content_type}; it is image/png",
                )
    if body.commitments:
        allowed.add(SIGNATURE_MATERIAL)  # what a written commitment is signed with
    for n, upload in enumerate(body.materials):
        if upload.material_id not in allowed:
            raise ApiError(
                422,
                "unknown_material",
                f"materials.{n}.material_id: '{upload.material_id}' is not a material of "
                f"'{onething.name}' ({situation.name}); it takes: {', '.join(sorted(allowed))}",
            )
    for capture in sorted(captures & CAPTURE_UPLOADS.keys()):
        material_id, types = CAPTURE_UPLOADS[capture]
        uploads = [m for m in body.materials if m.material_id == material_id]
        if not uploads:
            raise ApiError(
                422,
                "missing_material",
                f"materials: '{onething.name}' needs the applicant's {capture.value}, taken at "
                f"the terminal, uploaded as '{material_id}' ({' or '.join(types)})",
            )
        for upload in uploads:
            if upload.content_type not in types:
                raise ApiError(
                    422,
                    "missing_material",
                    f"materials: the {capture.value} '{material_id}' is {upload.content_type}; "
                    f"it is {' or '.join(types)}",
                )


def _check_form(form: dict[str, str], onething: OneThing, today: date) -> dict[str, str]:
    fields = {f.id: f for f in onething.form}
    unknown = sorted(set(form) - fields.keys())
    if unknown:
        raise ApiError(
            422,
            "unknown_field",
            f"form.{unknown[0]}: the form of '{onething.name}' has no such field"
            + (f" (nor {', '.join(unknown[1:])})" if len(unknown) > 1 else "")
            + "; refresh the kiosk's catalog",
        )
    missing = [f for f in onething.form if f.required and not form.get(f.id, "").strip()]
    if missing:
        raise ApiError(
            422,
            "missing_field",
            f"form: '{onething.name}' needs "
            + ", ".join(f"{f.label} ({f.id})" for f in missing)
            + ", which the application does not answer",
        )
    out = {}
    for key, value in form.items():
        f = fields[key]
        out[key] = _checked(f, value, today)
    return out


def _checked(f: FormField, value: str, today: date) -> str:
    if f.personal == "name" and value.strip():
        try:
            value = clean_name(value)
        except ValueError as e:
            raise ApiError(422, "invalid_field", f"form.{f.id}: {f.label} {e}") from None
    problem = check(f, value, today)
    if problem is not None and problem is not Problem.REQUIRED:
        words = _PROBLEMS[problem].format(max_length=f.max_length, options=", ".join(f.options))
        raise ApiError(422, "invalid_field", f"form.{f.id}: {f.label} {words}")
    return value
