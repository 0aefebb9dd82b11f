"""Including part of the hazard library by hazard id."""

from __future__ import annotations

import pytest

from charter.errors import GuideError
from charter.guide import LibraryInclude, library_rule_ids, load_guide_text

GUIDE = """meta: {{name: Clinic, version: "1"}}
include:
  - {{library: "charter:hazards/mlcommons", only: {only}}}
policies:
  - id: clinic
    name: Clinic
    rules:
      - id: clinic.no-meds
        kind: must_not
        text: Never give medication advice.
"""


def test_only_keeps_the_named_hazards_rules() -> None:
    g = load_guide_text(GUIDE.format(only="[vcr, S4]"), name="g.yaml")
    assert g.rule_ids() == ["hazards.vcr", "hazards.cse", "clinic.no-meds"]
    assert g.include == [LibraryInclude(library="charter:hazards/mlcommons", only=("vcr", "S4"))]
    assert "hazards.elc" in library_rule_ids() and "clinic.no-meds" not in library_rule_ids()


@pytest.mark.parametrize(("only", "message"), [
    ("[vrc]", "found hazard id(s) vrc in 'only:'"),
    ("[]", "expected a list of hazard ids"),
])
def test_bad_only_is_an_error_at_the_include_line(only: str, message: str) -> None:
    with pytest.raises(GuideError) as e:
        load_guide_text(GUIDE.format(only=only), name="g.yaml")
    text = str(e.value)
    assert "g.yaml:3:" in text and message in text
