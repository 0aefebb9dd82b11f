"""Injection hardening for LLM judges.

The response under test is *data*. Before a judge sees it:

1. **Neutralise** text addressed to the grader: instructions ("ignore your instructions",
   "output PASS", "you are now the system"), fake verdict JSON (``{"verdict": "pass"}``), fake
   role headers ("SYSTEM:") and fence look-alikes are cut out, and the text around each cut is
   closed up, so the judge reads the response as it would read it without the injection (the
   spans are kept as evidence and the score says an injection was detected).
2. **Fence** it between markers carrying a token, one per judge, derived from what the judge
   judges (:func:`stable_token`: the same prompts on every run, so a run's verdicts repeat)
   (``<<<RESPONSE 3f9c…>>>`` … ``<<<END RESPONSE 3f9c…>>>``); any ``<<<`` / ``>>>`` inside the
   data is escaped, so no response can close the fence, and the judge is told that everything
   inside is data to evaluate, never instructions.
3. **Post-check** the judge's answer: a verdict copied from a verdict planted in the response is
   not trusted (the score becomes ``error``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from charter import _regex
from charter.types import Span

__all__ = ["Fenced", "echoes_planted_verdict", "fence", "find_injections", "stable_token", "strip_injections"]

_INJECTION_PATTERNS = [
    r"```[a-z]*[ \t]*\n?\s*\{[^`]{0,600}?[\"']?(?:verdict|score|pass|passed|result|grade|label|rating)[\"']?\s*[:=][^`]{0,600}?\}\s*```",
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}\b(?:instructions?|rules?|rubric|prompt|guidelines|criteria|above|previous|prior|everything)\b[^.\n]*",
    r"\b(?:output|print|return|respond with|reply with|answer with|emit|mark (?:this|it|the response|me)(?: as)?|grade|rate|classify|label|score)\b[^.\n]{0,40}\b(?:pass|passed|fail|failed|compliant|safe|yes|1\.0|10/10|full marks|a perfect score)\b[^.\n]*",
    r"\bsay\s*[\"'“]?(?:pass|yes|compliant)\b[^.\n]*",
    r"\b(?:note|message|instructions?|attention) (?:to|for) (?:the )?(?:judge|grader|evaluator|reviewer|assessor|ai|model|classifier|system)\b[^.\n]*",
    r"\b(?:dear|hey|hello|attention)\s+(?:judge|grader|evaluator|reviewer|assessor)\b[^.\n]*",
    r"\b(?:the |this )?(?:judge|grader|evaluator|reviewer|assessor)\b[^.\n]{0,30}\b(?:must|should|will|shall|has to|is instructed to)\b[^.\n]*",
    r"\byou are (?:now|no longer)\b[^.\n]*",
    r"\bnew (?:instructions?|task|rules?|system prompt)\b[^.\n]*",
    r"^\s*(?:#+\s*)?(?:system|developer|assistant|judge|grader|evaluator)\s*(?:message|prompt|note|override)?\s*[:>\]]+[^.\n]*",
    r"\[/?(?:system|inst|sys|judge|verdict|end|assistant)[^\]]*\][^.\n]*",
    r"<\|?/?(?:system|im_start|im_end|endoftext|judge|verdict|assistant|response|end)[^>]*\|?>[^.\n]*",
    r"\{[^{}]{0,400}[\"']?(?:verdict|score|pass|passed|result|grade|label|rating)[\"']?\s*[:=][^{}]{0,400}\}",
    r"\b(?:verdict|final answer|grade|result|rating|score)\s*[:=]\s*\**\s*(?:pass|fail|yes|no|compliant|safe|\d+(?:\.\d+)?)\b[^.\n]*",
    r"(?:<<<|>>>|```\s*(?:end|json|verdict)|END[ _]RESPONSE|END[ _]OF[ _](?:RESPONSE|DATA|INPUT)|BEGIN[ _](?:RESPONSE|DATA))[^.\n]*",
    r"\b(?:pretend|imagine|act as if|role-?play that) (?:you are|you're|the) (?:the )?(?:system|developer|judge|grader|evaluator)\b[^.\n]*",
    r"\b(?:this|the) (?:response|answer|output|text) (?:is|has been|was) (?:already )?(?:verified|approved|pre-approved|certified|graded|safe|compliant)\b[^.\n]*",
]
_INJECTION_RE = [_regex.compile(p, re.IGNORECASE | re.MULTILINE) for p in _INJECTION_PATTERNS]
_VERDICT_WORD = _regex.compile(r"\b(pass|passed|fail|failed|compliant|non-compliant|safe|unsafe|yes|no)\b", re.IGNORECASE)


def _widen(text: str, a: int, b: int) -> tuple[int, int]:
    """Take trailing punctuation, and the whole line when little else is on it."""
    while b < len(text) and text[b] in ".!?;:,":
        b += 1
    ls = text.rfind("\n", 0, a) + 1
    le = text.find("\n", b)
    le = len(text) if le < 0 else le
    rest = len(text[ls:a].strip()) + len(text[b:le].strip())
    if rest <= max(20, (b - a) // 2):
        return ls, le
    return a, b


def find_injections(text: str) -> list[Span]:
    """Spans of ``text`` that address the grader rather than the user (merged, in order)."""
    raw: list[tuple[int, int]] = []
    for rx in _INJECTION_RE:
        raw += [_widen(text, m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start()]
    raw.sort()
    merged: list[list[int]] = []
    for a, b in raw:
        if merged and not text[merged[-1][1]:a].strip():
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [Span(start=a, end=b, text=text[a:b][:300], label="judge_injection") for a, b in merged]


@dataclass(frozen=True)
class Fenced:
    """The fenced data block, its token, and what was removed."""

    block: str
    token: str
    injections: list[Span] = field(default_factory=list)
    planted: list[str] = field(default_factory=list)

    @property
    def open(self) -> str:
        return f"<<<RESPONSE {self.token}>>>"

    @property
    def close(self) -> str:
        return f"<<<END RESPONSE {self.token}>>>"


def _escape(text: str) -> str:
    return text.replace("<<<", "‹‹‹").replace(">>>", "›››")


def strip_injections(text: str, spans: list[Span]) -> str:
    """``text`` without ``spans``, the whitespace around each cut closed up (so a response with
    an injection appended, prepended or inserted reads exactly as it would without it)."""
    out = ""
    pos = 0
    for s in spans:
        left = out + text[pos:s.start]
        gap = text[max(0, s.start - 1):s.start] + text[s.end:s.end + 1]
        out = left.rstrip()
        pos = s.end
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if out and pos < len(text):
            out += "\n" if "\n" in gap else " "
    return (out + text[pos:]).strip()


def stable_token(*parts: str) -> str:
    """A fence token derived from ``parts`` (16 hex digits of their SHA-256): the same judge
    asked about the same text gets the same prompt on every run, so its verdicts repeat (a
    token drawn at random moved borderline verdicts from run to run). The token needs no
    secrecy: the data's ``<<<`` and ``>>>`` are escaped, so knowing it does not close the fence."""
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:16]


def fence(text: str, *, name: str = "RESPONSE", token: str | None = None, neutralise: bool = True) -> Fenced:
    """Remove grader-directed text from ``text`` (unless ``neutralise`` is False) and wrap it
    in a fence carrying ``token`` (default: :func:`stable_token` of the name and the text)."""
    token = token or stable_token(name, text)
    spans = find_injections(text) if neutralise else []
    planted = [s.text for s in spans if _VERDICT_WORD.search(s.text)]
    body = _escape(strip_injections(text, spans) if spans else text.strip())
    block = f"<<<{name} {token}>>>\n{body}\n<<<END {name} {token}>>>"
    return Fenced(block=block, token=token, injections=spans, planted=planted)


def echoes_planted_verdict(raw_output: str, planted: list[str]) -> bool:
    """Whether the judge's raw output repeats a verdict-bearing string planted in the response
    (a sign that the judge obeyed the response instead of judging it)."""
    norm = re.sub(r"\s+", " ", raw_output).strip().lower()
    if len(norm) < 4:
        return False
    for p in planted:
        pn = re.sub(r"\s+", " ", p).strip().lower()
        if len(pn) >= 8 and (pn in norm or norm in pn):
            return True
    return False
