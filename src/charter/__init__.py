"""Charter: one behavior guide in; system prompt, eval and red-team suites, training data,
judges, guards and a model card out — and a rule-by-rule measure of how far a model is from
the guide.

The public API re-exports each noun's package::

    import charter
    guide = charter.load_guide("examples/isp-support.yaml")
"""

from charter.errors import CharterError, GuideError, Problem
from charter.guide import Guide, Rule, load_guide, load_guide_text
from charter.model import GenerateConfig, Model, ModelOutput, get_model
from charter.suite import Case, Message, Suite, read_suite, write_suite

__version__ = "0.1.0"

__all__ = [
    "Case",
    "CharterError",
    "GenerateConfig",
    "Guide",
    "GuideError",
    "Message",
    "Model",
    "ModelOutput",
    "Problem",
    "Rule",
    "Suite",
    "__version__",
    "get_model",
    "load_guide",
    "load_guide_text",
    "read_suite",
    "write_suite",
]
