"""The sandbox's data-sharing source and card registry: central/sandbox/dataset.toml, SAMPLE
DATA only."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from kiosk.contract import CardEvidence, LicenceRecord
from kiosk.ids import InvalidNumber, mask, validate_credit_code, validate_id_number

DATASET = Path(__file__).resolve().parent / "dataset.toml"
# SAMPLE reference photos for 人证比对, named by a person's `reference_photo` in the dataset.
PHOTOS = Path(__file__).resolve().parent / "photos"


@dataclass
class SandboxDataset:
    sample_data: bool = True
    people: dict[str, list[LicenceRecord]] = field(default_factory=dict)
    enterprises: dict[str, list[LicenceRecord]] = field(default_factory=dict)
    cards: dict[str, list[CardEvidence]] = field(default_factory=dict)  # by holder
    representatives: dict[str, frozenset[str]] = field(default_factory=dict)  # by enterprise
    photos: dict[str, bytes] = field(default_factory=dict)  # reference photos, by person

    def records(self, subject_type: str, number: str) -> list[LicenceRecord]:
        subjects = self.enterprises if subject_type == "enterprise" else self.people
        return list(subjects.get(number, []))

    def card_matches(self, card: CardEvidence) -> bool:
        return any(card == known for known in self.cards.get(card.holder_number, []))

    def reference_photo(self, number: str) -> bytes | None:
        return self.photos.get(number)

    def acts_for(self, enterprise_number: str, person_number: str) -> bool:
        return person_number in self.representatives.get(enterprise_number, frozenset())


def load_dataset(path: Path = DATASET) -> SandboxDataset:
    """Raise ValueError naming the subject (masked) and the problem if the file is wrong."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    if data.get("sample_data") is not True:
        # The file must say what it is; a dataset of real people does not belong here.
        raise ValueError(f"{path}: must declare sample_data = true")
    dataset = SandboxDataset()
    for section, validate, into in (
        ("people", validate_id_number, dataset.people),
        ("enterprises", validate_credit_code, dataset.enterprises),
    ):
        for entry in data.get(section, []):
            raw = str(entry.get("number", ""))
            try:
                number = validate(raw)
                into[number] = [LicenceRecord.model_validate(r) for r in entry.get("records", [])]
                if section == "people":
                    dataset.cards[number] = [
                        CardEvidence.model_validate({**c, "holder_number": number})
                        for c in entry.get("cards", [])
                    ]
                    if "reference_photo" in entry:
                        photo = PHOTOS / str(entry["reference_photo"])
                        if photo.parent != PHOTOS or not photo.is_file():
                            raise ValueError(f"{path}: people {mask(raw)}: no photo {photo.name}")
                        dataset.photos[number] = photo.read_bytes()
                else:
                    dataset.representatives[number] = frozenset(
                        validate_id_number(str(n)) for n in entry.get("representatives", [])
                    )
            except InvalidNumber as e:
                raise ValueError(f"{path}: {section} {mask(raw)}: {e}") from None
            except ValidationError as e:
                raise ValueError(f"{path}: {section} {mask(raw)}: {e.errors()[0]['msg']}") from None
    return dataset
