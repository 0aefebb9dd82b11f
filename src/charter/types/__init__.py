"""The shared vocabulary: plain typed records every layer above ``errors``/``registry`` may
import, and nothing else (no I/O, no Charter imports but this package).

* chat: :class:`Message`, :data:`Role`
* cases: :class:`Case`, :class:`Expected`, :class:`Intent`, :class:`Provenance`
* model output: :class:`ModelOutput`, :class:`Usage`, :class:`TokenLogprob`
* scoring: :class:`Score`, :class:`Verdict`, :class:`Response`, :class:`Span`, the
  :class:`Scorer` protocol and :data:`ScorerFamily`
* :func:`nfc`: the one Unicode form (NFC) messages, responses and guides are kept in

The noun packages re-export them where people look for them (``charter.suite.Case``,
``charter.model.ModelOutput``, ``charter.evaluate.Score``); both paths name the same class.
"""

from charter.types._case import Case, Expected, Intent, Provenance
from charter.types._chat import Message, Role
from charter.types._output import ModelOutput, TokenLogprob, Usage
from charter.types._score import Response, Score, Scorer, ScorerFamily, Span, Verdict
from charter.types._unicode import nfc

__all__ = [
    "Case",
    "Expected",
    "Intent",
    "Message",
    "ModelOutput",
    "Provenance",
    "Response",
    "Role",
    "Score",
    "Scorer",
    "ScorerFamily",
    "Span",
    "TokenLogprob",
    "Usage",
    "Verdict",
    "nfc",
]
