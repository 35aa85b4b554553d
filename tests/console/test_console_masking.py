"""The console masks numbers in an application's form as the kiosk's screen does, and fails
closed: an answer whose field the catalog no longer has is masked when it looks like a
number that identifies someone."""

from __future__ import annotations

from central.console.pages import _number_masked


def test_an_unknown_fields_identifying_numbers_are_masked_and_the_rest_kept():
    assert _number_masked(None, "330106198001010012") == "3301**********0012"
    assert _number_masked(None, "33010619800101001X").startswith("3301*")
    assert _number_masked(None, "13800138000") == "1380***8000"
    assert _number_masked(None, "王小明") == "王小明"
    assert _number_masked(None, "2026-05-01") == "2026-05-01"
    assert _number_masked(None, 3) == 3
