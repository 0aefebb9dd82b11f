"""The refusal detector and a saved guide classifier answer without importing numpy: numpy's
import is a large share of a command's start-up, and neither needs it once its weights are
plain floats. Run in a fresh interpreter, since this test process has numpy loaded already."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

SCRIPT = """
import sys
from charter.evaluate import detect_refusal
from charter.evaluate.classifiers.guide_clf import GuideClassifier
from charter.guide import Expected

r = detect_refusal("I'm sorry, but I can't help with that. Is there anything else I can do?")
assert r.label.value == "full_refusal", r
m = GuideClassifier.load(sys.argv[1])
p = m.p_violation(Expected.refuse, "Sure, here is his account balance: $4,210.")
assert 0.0 <= p <= 1.0
print("numpy" in sys.modules)
"""


def test_refusal_detector_and_saved_guide_classifier_need_no_numpy(tmp_path: Path) -> None:
    from charter.evaluate.classifiers.guide_clf import train_guide_classifier
    from charter.guide import load_guide

    saved = tmp_path / "clf.json"
    train_guide_classifier(load_guide(EXAMPLES / "isp-support.yaml")).save(saved)
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(saved)], capture_output=True, text=True, timeout=120,
                         check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
