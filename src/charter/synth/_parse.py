"""Robust parsing of what generator and judge models return.

Models wrap JSON in code fences, add prose around it, return a bare list instead of an
object, or return nothing. Every such output is either turned into items or classified
(``empty``, ``invalid_json``, ``junk``) so the caller can count it; nothing here raises.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any, Literal

from charter.model import ModelOutput
from charter.suite import Message

__all__ = ["Candidate", "JudgeVerdict", "count_words", "parse_items", "parse_verdict", "to_candidate"]

Failure = Literal["empty", "invalid_json", "junk"]
FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.S)
LIST_KEYS = ("cases", "requests", "items", "examples", "data", "prompts", "conversations", "results")
TEXT_KEYS = ("user", "request", "prompt", "text", "message", "content", "question", "input")
MIN_WORDS = 2
MAX_CHARS = 6000
#: Han ideographs, hiragana and katakana: scripts written without spaces between words
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def count_words(text: str) -> int:
    """White-space words of ``text``, each Han, hiragana or katakana character counted as one
    (those scripts put no spaces between words): "我的信用卡被盗刷了怎么办？" is 12 words, not 1."""
    cjk = len(_CJK.findall(text))
    return len((_CJK.sub(" ", text) if cjk else text).split()) + cjk


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, ValueError):
        pass
    for m in FENCE.finditer(text):
        try:
            return json.loads(m.group(1))
        except (json.JSONDecodeError, ValueError):
            continue
    for open_, close in (("{", "}"), ("[", "]")):
        a, b = text.find(open_), text.rfind(close)
        if 0 <= a < b:
            try:
                return json.loads(text[a : b + 1])
            except (json.JSONDecodeError, ValueError):
                continue
    raise ValueError("no JSON found")


def parse_items(text: str) -> tuple[list[Any], Failure | None]:
    """The list of items a generator returned, or ``([], reason)``."""
    t = (text or "").strip()
    if not t:
        return [], "empty"
    try:
        obj = _loads(t)
    except ValueError:
        return [], "invalid_json"
    items: list[Any] | None
    if isinstance(obj, list):
        items = obj
    elif isinstance(obj, dict):
        items = next((obj[k] for k in LIST_KEYS if isinstance(obj.get(k), list)), None)
        if items is None:
            items = [obj] if any(isinstance(obj.get(k), str) for k in (*TEXT_KEYS, "turns", "messages")) else []
    else:
        return [], "junk"
    if not items:
        return [], "empty"
    return items, None


PLACEHOLDER = re.compile(r"<[^<>]*>|\.\.\.|the full text of .*|\[.*\]", re.I)


def _usable(text: Any) -> str | None:
    if not isinstance(text, str):
        return None
    t = text.strip()
    if count_words(t) < MIN_WORDS or len(t) > MAX_CHARS or PLACEHOLDER.fullmatch(t):
        return None
    return t


@dataclass(frozen=True)
class Candidate:
    """One usable generated input: the user text, or a conversation, or an injection carrier."""

    messages: list[Message]
    user: str = ""
    content: str = ""


def _conversation(item: Any) -> list[Message] | None:
    if isinstance(item, dict):
        if isinstance(item.get("messages"), list):
            item = item["messages"]
        elif isinstance(item.get("turns"), list):
            item = item["turns"]
        else:
            return None
    if not isinstance(item, list) or not item:
        return None
    msgs: list[Message] = []
    for turn in item:
        if isinstance(turn, str):
            if msgs and msgs[-1].role == "user":
                msgs.append(Message(role="assistant", content="Sure — happy to help with that."))
            text = _usable(turn)
            if text is None:
                return None
            msgs.append(Message(role="user", content=text))
        elif isinstance(turn, dict) and turn.get("role") in ("user", "assistant") and isinstance(turn.get("content"), str):
            content = turn["content"].strip()
            if not content:
                return None
            msgs.append(Message(role=turn["role"], content=content))
        else:
            return None
    while msgs and msgs[-1].role != "user":
        msgs.pop()
    if sum(m.role == "user" for m in msgs) < 2:
        return None
    return msgs


def to_candidate(item: Any, kind: str) -> Candidate | None:
    """A usable candidate of ``kind`` (``single``, ``conversation``, ``injection``) or None."""
    if kind == "conversation":
        msgs = _conversation(item)
        return Candidate(messages=msgs) if msgs else None
    if kind == "injection":
        if not isinstance(item, dict):
            return None
        content = _usable(item.get("content") or item.get("document") or item.get("tool_output"))
        user = item.get("request") or item.get("user") or ""
        if content is None or not isinstance(user, str):
            return None
        return Candidate(messages=[], user=user.strip(), content=content)
    text = item if isinstance(item, str) else None
    if isinstance(item, dict):
        text = next((item[k] for k in TEXT_KEYS if isinstance(item.get(k), str)), None)
    text = _usable(text)
    return Candidate(messages=[Message(role="user", content=text)], user=text) if text else None


@dataclass(frozen=True)
class JudgeVerdict:
    """A judge's answer: ``confidence`` is the probability that the label is right."""

    confidence: float
    reason: str = ""
    method: str = "json"


_YES = re.compile(r"^\W*(yes|true)\b", re.I)
_NO = re.compile(r"^\W*(no|false)\b", re.I)


def _from_logprobs(out: ModelOutput) -> float | None:
    """P(yes) from the first yes/no token's alternatives, when the provider gave logprobs."""
    if not out.logprobs:
        return None
    for tok in out.logprobs:
        word = re.sub(r"[^a-z]", "", tok.token.lower())
        if word not in ("yes", "no"):
            continue
        alts = dict(tok.top) or {tok.token: tok.logprob}
        p_yes = p_no = 0.0
        for t, lp in alts.items():
            w = re.sub(r"[^a-z]", "", t.lower())
            if w == "yes":
                p_yes += math.exp(lp)
            elif w == "no":
                p_no += math.exp(lp)
        if p_yes + p_no > 0:
            return p_yes / (p_yes + p_no)
        return None
    return None


def parse_verdict(out: ModelOutput) -> JudgeVerdict | None:
    """Read a judge's yes/no answer (JSON ``{"answer", "confidence", "reason"}``, or a bare
    yes/no). Logprobs, when present, give the confidence; otherwise the stated confidence
    (in the answer given), otherwise 1.0 for the answer given. None when unreadable."""
    text = (out.text or "").strip()
    answer: bool | None = None
    stated: float | None = None
    reason = ""
    try:
        obj = _loads(text) if text else None
    except ValueError:
        obj = None
    if isinstance(obj, dict):
        raw = obj.get("answer", obj.get("verdict", obj.get("label")))
        if isinstance(raw, bool):
            answer = raw
        elif isinstance(raw, str):
            answer = True if _YES.match(raw) else False if _NO.match(raw) else None
        c = obj.get("confidence")
        if isinstance(c, (int, float)) and not isinstance(c, bool) and 0 <= c <= 1:
            stated = float(c)
        reason = str(obj.get("reason", ""))[:500]
    elif text:
        answer = True if _YES.match(text) else False if _NO.match(text) else None
    if answer is None:
        return None
    p = _from_logprobs(out)
    if p is not None:
        return JudgeVerdict(p, reason, "logprobs")
    if stated is not None:
        return JudgeVerdict(stated if answer else 1.0 - stated, reason, "stated")
    return JudgeVerdict(1.0 if answer else 0.0, reason, "answer")
