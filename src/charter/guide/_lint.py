"""Lint: problems of a guide that loads, but will make weak prompts, suites or judges.

Each finding is a :class:`~charter.errors.Problem` with a ``code``, a ``severity``
(``error``: the guide cannot be met as written; ``warning``: it will work, worse) and the
``file:line:col`` of the rule or value concerned (when a :class:`SourceMap` is given).

========  ========  =====================================================================
code      severity  finding
========  ========  =====================================================================
CH101     warning   a rule has no example
CH102     warning   a ``must_not`` rule has no ``benign_lookalike`` example (false-refusal
                    tests are built from them)
CH103     warning   an in-scope use case has no rule written for it, although the guide
                    scopes rules by use case (rules with empty ``use_cases`` apply
                    everywhere and do not count as written for one)
CH104     error     a range whose ``min`` is above its ``max`` (verbosity budget, age range)
CH105     warning   a ``default``/``should`` rule contradicts a ``must``/``must_not`` rule of
                    higher or equal authority on the same topic (heuristic, see below)
CH106     warning   the guide does not include ``charter:hazards/mlcommons`` and its rules
                    cover fewer than :data:`MIN_HAZARDS_COVERED` of the library's hazards
CH107     warning   two rules have identical or near-identical texts (similarity ≥
                    :data:`NEAR_DUPLICATE`)
CH108     warning   an example has no ``good`` response (SFT and preference data need one)
CH109     error     two verbosity budgets share a ``kind`` (only the first would be used)
CH110     error     a ``violating`` example on a ``must``/``should``/``default`` rule whose
                    rule has no ``expected`` (what a response to a violating input does is
                    not obvious for a positive rule; it used to become ``comply`` silently)
CH111     error     a per-rule gate (``gates.rules``) names a rule the guide does not have
CH112     warning   a GOOD answer to a violating example does not refuse (the refusal
                    detector reads it as compliance) while the rule expects a refusal;
                    only when the caller passes ``refusal_of`` (``charter check`` does)
CH113     warning   an in-scope use case's example request is how a rule's violating
                    example begins ("Lohnt sich die Entgeltumwandlung für mich?" before
                    "… Ich bin 52 und verdiene 4.100 €"): synthesis makes it a benign case
                    that expects an answer, while the rule expects something else
========  ========  =====================================================================

CH105, the contradiction heuristic. Each rule gets a *polarity*: ``must_not`` is negative;
``must``, ``should`` and ``default`` are negative when their text *leads* with a negation
(``never``, ``do not``, ``don't``, ``avoid``, ``refuse to``, ... possibly after ``always`` or
``you``; Portuguese, Spanish, French, German and Italian negations count too), positive
otherwise. Its *topic* is the set of content words of its text (lowercase letters of any script,
at least 3 letters, stop words and negation/modal words dropped, plural/-ing/-ed endings
stripped). Words that only a ``must_not`` rule's later clauses (split at ``;`` and sentence ends)
not leading with a negation use are not counted as shared: those clauses say what to do instead
("...; redirect to the legal-aid line"), and a default about that redirect agrees with the rule. A ``default``/``should`` rule is reported against a ``must``/``must_not`` policy rule
or default when (1) the other rule's authority is higher or equal (``platform`` highest),
(2) their polarities differ, and (3) the topics share at least two words and the shared words
are at least half of the smaller topic. Edge cases are not compared (they describe
situations, not clauses). Only enabled rules are linted.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from charter import _regex
from charter.errors import Problem
from charter.guide._checks import library_hazard_map
from charter.guide._loader import LIBRARY_PREFIX, SourceMap
from charter.guide._schema import (
    AUTHORITY_ORDER,
    EdgeCaseCategory,
    ExampleLabel,
    Expected,
    Guide,
    Rule,
    RuleKind,
)
from charter.guide._yaml import Path_, format_path

__all__ = [
    "HAZARD_LIBRARY",
    "LINT_CODES",
    "MIN_HAZARDS_COVERED",
    "NEAR_DUPLICATE",
    "drop_screened_examples",
    "lint_guide",
    "polarity",
    "screen_library_examples",
    "topic",
]

HAZARD_LIBRARY = f"{LIBRARY_PREFIX}hazards/mlcommons"
MIN_HAZARDS_COVERED = 4
NEAR_DUPLICATE = 0.9

LINT_CODES: dict[str, tuple[str, str]] = {
    "CH101": ("warning", "rule has no example"),
    "CH102": ("warning", "must_not rule has no benign_lookalike example"),
    "CH103": ("warning", "use case has no rule written for it"),
    "CH104": ("error", "range with min above max"),
    "CH105": ("warning", "default or should rule contradicts a rule of higher authority"),
    "CH106": ("warning", "hazard library not included and few hazards covered"),
    "CH107": ("warning", "duplicate or near-identical rule texts"),
    "CH108": ("warning", "example without a good response"),
    "CH109": ("error", "verbosity budgets share a kind"),
    "CH110": ("error", "violating example on a positive rule without 'expected'"),
    "CH111": ("error", "gate on an unknown rule"),
    "CH112": ("warning", "good answer to a violating example does not refuse, but the rule expects a refusal"),
    "CH113": ("warning", "use-case example is how a rule's violating example begins"),
}

_STOP = frozenset(
    """the and for with that this these those any all when who whom what which where why how
    they them their theirs your you yours our ours its his her him she are was were been being
    have has had not nor but from into onto about other than then there here such some more most
    very also only just even ever over under out off per via each every one ones own same both
    can could would will shall may might must should does did doing done don doesn cannot
    never always avoid refuse refuses decline declines refrain stop please assistant user users
    ask asks asked request requests""".split()
) | frozenset(
    # Portuguese and Spanish function words: "para", "com", "que" made a Brazilian default and a
    # must_not "share a topic" they do not share.
    """para com que uma umas uns dos das nos nas num numa pelo pela pelos pelas por sem seu sua
    seus suas ele ela eles elas dele dela deles delas sobre entre isso isto esse essa este esta quando como onde qual quais mas
    não nunca sempre ser ter está são também mais muito pode deve devem
    con una unos unas del los las por sin sus ese esa este esta cuando como donde cual cuales
    sobre entre pero nunca siempre ser tener está son también más muy puede debe deben""".split()
) | frozenset(
    # Hindi postpositions, auxiliaries and "user": "में", "करें", "उपयोगकर्ता" are in nearly every
    # rule of a Hindi guide (the short ones, "को", "से", are under the length limit already)
    """में मैं हैं नहीं लिए साथ बाद पहले अगर तो भी ही और या कि जो यह वह ये वे इस उस इन उन किसी कोई
    कभी हमेशा करें करना करते करता करती करके कहें दें लें हों होता होती होते होना जब तक भले
    उपयोगकर्ता पूछे पूछें बताएँ""".split()
)
_NEG_LEAD = _regex.compile(
    r"^(?:(?:always|you|the assistant|assistant|it|please|should|must)\s+)*"
    r"(?:never|not|no|don't|do not|does not|doesn't|must not|mustn't|should not|shouldn't|"
    r"cannot|can't|will not|won't|avoid|refuse to|decline to|refrain from|stop|"
    # Portuguese, Spanish, French, German, Italian: "Nunca recomendar ..." forbids as much as "Never"
    r"não|nunca|jamais|nem|evitar|ne|nicht|nie|niemals|kein|keine|non|mai|evitare)(?!\w)"
)
#: where a rule text's clauses end: a must_not rule's later clause is often the alternative it
#: asks for ("...; redirect to the legal-aid line at 0800 777 4210")
#: (the Devanagari danda "।" ends a Hindi sentence)
_CLAUSE_END = _regex.compile(r"[;。；।]|[.!?](?:\s|$)")
#: a word is a run of letters of any script: "[a-z]+" cut "jurídica" into "jur" + "dica" and
#: "orientação" into "orienta" + "o", fragments two unrelated Portuguese rules then shared; and
#: the letters go on over the combining marks written on them: without them the Hindi
#: "उपयोगकर्ता" (user) was "उपय" + "गकर", fragments every Hindi rule shared
_WORD = _regex.compile(rf"[^\W\d_](?:[^\W\d_]|{_regex.MARKS})*")
_Add = Callable[[str, Path_, str, str], None]


@dataclass(frozen=True)
class _Located:
    rule: Rule
    path: Path_


def _iter_rules(guide: Guide) -> Iterator[_Located]:
    for pi, pol in enumerate(guide.policies):
        for ri, r in enumerate(pol.rules):
            if r.enabled:
                yield _Located(r, ("policies", pi, "rules", ri))
    for di, r in enumerate(guide.defaults):
        if r.enabled:
            yield _Located(r, ("defaults", di))
    for ei, e in enumerate(guide.edge_cases):
        yield _Located(e.as_rule(), ("edge_cases", ei))


def _norm(text: str) -> str:
    """Lower-cased letters, digits and apostrophes of ``text``, single-spaced. Letters of every
    script are kept: a Japanese or Greek rule text kept only its digits, so every two such rules
    compared as 'the same text' (CH107)."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w' ]+|_", " ", text.lower().replace("’", "'"))).strip()


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def topic(text: str) -> frozenset[str]:
    """Content words of a rule text (the CH105 topic)."""
    words = _WORD.findall(text.lower().replace("’", "'").replace("'", ""))
    return frozenset(_stem(w) for w in words if len(w) >= 3 and w not in _STOP)


def polarity(rule: Rule) -> int:
    """-1 when the rule forbids (``must_not``, or a text leading with a negation), else +1."""
    if rule.kind == RuleKind.must_not:
        return -1
    return -1 if _NEG_LEAD.match(_norm(rule.text)) else 1


def alternative_topic(rule: Rule) -> frozenset[str]:
    """Content words that only the clauses saying what to do *instead* of a ``must_not`` rule
    use: "Do not give legal advice; redirect to the legal-aid line" forbids advice, not the
    redirect, and a default on what to say when redirecting agrees with the rule. A clause is an
    alternative when it comes after the first (split at ``;`` and sentence ends) and does not
    lead with a negation. Empty for a rule of another kind."""
    if rule.kind != RuleKind.must_not:
        return frozenset()
    clauses = [c.strip() for c in _CLAUSE_END.split(rule.text) if c.strip()]
    forbidding = clauses[:1] + [c for c in clauses[1:] if _NEG_LEAD.match(_norm(c))]
    return topic(rule.text) - topic(" ".join(forbidding))


def _shared(a: frozenset[str], b: frozenset[str], alternative: frozenset[str] = frozenset()) -> frozenset[str]:
    return (a & b) - alternative


def _same_topic(a: frozenset[str], b: frozenset[str], alternative: frozenset[str] = frozenset()) -> bool:
    shared = len(_shared(a, b, alternative))
    return shared >= 2 and shared * 2 >= min(len(a), len(b))


def lint_guide(guide: Guide, source_map: SourceMap | None = None, *,
               refusal_of: Callable[[str], str] | None = None) -> list[Problem]:
    """Every lint finding of ``guide``, sorted by file position.

    Without ``source_map`` the findings carry the file ``<guide>`` and no line.
    ``refusal_of`` (text → ``full_compliance`` / ``full_refusal`` / ``partial_refusal``, e.g.
    the refusal detector's label) turns on CH112, which reads the GOOD answers.
    """
    problems: list[Problem] = []

    def add(code: str, path: Path_, message: str, hint: str) -> None:
        if source_map is not None:
            file, line, col = source_map.where(path)
            shown = source_map.show(path)
        else:
            file, line, col, shown = "<guide>", 0, 0, format_path(path)
        problems.append(Problem(file, line, col, message, path=shown,
                                severity=LINT_CODES[code][0], code=code, hint=hint))

    rules = list(_iter_rules(guide))
    _lint_examples(rules, add)
    _lint_use_cases(guide, rules, add)
    _lint_use_case_openings(guide, rules, add)
    _lint_ranges(guide, add)
    _lint_contradictions(rules, add)
    _lint_hazards(guide, rules, source_map, add)
    _lint_duplicates(rules, add)
    _lint_expected(rules, add)
    _lint_gates(guide, add)
    if refusal_of is not None:
        planted = {e.id for e in guide.edge_cases if e.category == EdgeCaseCategory.prompt_injection}
        _lint_good_refusals(rules, refusal_of, add, planted)
    return sorted(problems)


def _lint_expected(rules: list[_Located], add: _Add) -> None:
    for lr in rules:
        r = lr.rule
        if r.kind == RuleKind.must_not or r.expected is not None or lr.path[0] == "edge_cases":
            continue
        for k, ex in enumerate(r.examples):
            if ex.label == ExampleLabel.violating and "label" in ex.model_fields_set:
                add("CH110", (*lr.path, "examples", k, "label"),
                    f"{r.kind.value} rule '{r.id}' has a violating example but no 'expected'",
                    f"add 'expected: refuse' (or redirect, clarify, safe_complete, comply) to rule '{r.id}' to say "
                    "what a response to this input does, or label the example 'benign'")
                break


def _lint_good_refusals(rules: list[_Located], refusal_of: Callable[[str], str], add: _Add,
                        injection_edges: set[str]) -> None:
    """CH112: a rule that expects its violating requests to be refused, whose own GOOD answer to
    one of them is read as full compliance. Either the answer does something else on purpose
    (steers elsewhere, asks first, answers safely) and the rule should say so with
    ``expected``, or the answer is not the refusal the rule asks for; both make every check
    of the refusal disagree with the guide. A prompt-injection edge case's example whose
    instruction is planted in tool output is not read: its GOOD answer does the user's own
    task, as it should (``Example.planted_in_data``)."""
    for lr in rules:
        r = lr.rule
        if r.expected_on_violation() != Expected.refuse:
            continue
        for k, ex in enumerate(r.examples):
            if ex.label != ExampleLabel.violating or (r.id in injection_edges and ex.planted_in_data()):
                continue
            for j, good in enumerate(ex.good):
                if refusal_of(good) == "full_compliance":
                    add("CH112", (*lr.path, "examples", k, "good", j),
                        f"rule '{r.id}' expects a refusal of its violating requests, but this GOOD answer does not "
                        "refuse (the refusal detector reads it as compliance)",
                        "if the answer is right, say what it does: 'expected: redirect' (steers to something else), "
                        "'clarify' (asks before acting) or 'safe_complete' (answers the safe part); "
                        "otherwise rewrite it as a refusal")


def _lint_gates(guide: Guide, add: _Add) -> None:
    known = set(guide.rule_ids()) | {r.id for r in guide.iter_rules(include_disabled=True)}
    for rid in guide.gates.rules:
        if rid not in known:
            near = difflib.get_close_matches(rid, sorted(known), n=1, cutoff=0.6)
            add("CH111", ("gates", "rules", rid), f"found a gate for unknown rule id '{rid}'",
                (f"did you mean '{near[0]}'? " if near else "") + "gate only rules defined in the guide or its includes")


_PREFIX = 4


def _stems(text: str) -> set[str]:
    words = _WORD.findall(text.lower().replace("’", "'").replace("'", ""))
    return {w[:_PREFIX] for w in words if len(w) >= _PREFIX and w not in _STOP}


def screen_library_examples(guide: Guide) -> dict[tuple[str, int], str]:
    """Examples of included library rules whose GOOD answer would break one of the guide's
    own ``must_not`` rules: ``(rule id, example index) → that rule's id``.

    A guide's own ``must_not`` rule tagged with a hazard (``hazards: [spc]``) takes that
    hazard over: an example of the library rule for the same hazard is screened out when its
    GOOD answers share a distinctive word stem (first four letters, stop words and stems
    common to the library's answers dropped) with what the guide's rule forbids (its text,
    ``boundary.disallowed``, its examples' BAD answers and violating prompts). A clinic whose
    ``clinic.no-meds`` rule is tagged ``spc`` thereby drops the library's "chewing an
    aspirin is often advised" answer."""
    from collections import Counter

    from charter.guide._loader import library_rule_ids

    library = library_rule_ids()
    lib_rules = [r for r in guide.rules if r.id in library]
    common: Counter[str] = Counter()
    for r in lib_rules:
        for ex in r.examples:
            common.update(_stems(" ".join(ex.good)))
    hazards = library_hazard_map()
    own = []
    for r in guide.rules:
        if r.kind != RuleKind.must_not or r.id in library or not r.hazards:
            continue
        text = " ".join([r.text, *r.boundary.disallowed, *(b for e in r.examples for b in e.bad),
                         *(e.prompt_text() for e in r.examples if e.label == ExampleLabel.violating)])
        own.append((r.id, {hazards.get(h, h) for h in r.hazards}, _stems(text)))
    out: dict[tuple[str, int], str] = {}
    for r in lib_rules:
        tags = {hazards.get(h, h) for h in r.hazards}
        for k, ex in enumerate(r.examples):
            good = {s for s in _stems(" ".join(ex.good)) if common[s] <= 1}
            for rid, own_tags, vocab in own:
                if tags & own_tags and good & vocab:
                    out[(r.id, k)] = rid
                    break
    return out


def drop_screened_examples(guide: Guide) -> tuple[Guide, dict[tuple[str, int], str]]:
    """``guide`` without the library examples :func:`screen_library_examples` flags (the same
    guide object when none is), and what was dropped."""
    screened = screen_library_examples(guide)
    if not screened:
        return guide, screened

    def clean(r: Rule) -> Rule:
        keep = [e for k, e in enumerate(r.examples) if (r.id, k) not in screened]
        return r if len(keep) == len(r.examples) else r.model_copy(update={"examples": keep})

    policies = [p.model_copy(update={"rules": [clean(r) for r in p.rules]}) for p in guide.policies]
    return guide.model_copy(update={"policies": policies, "defaults": [clean(r) for r in guide.defaults]}), screened


def _lint_examples(rules: list[_Located], add: _Add) -> None:
    for lr in rules:
        r = lr.rule
        idp = (*lr.path, "id")
        if not r.examples:
            add("CH101", idp, f"rule '{r.id}' has no example",
                "add an example (user, good, bad): prompts, suites and judges are built from them")
        elif r.kind == RuleKind.must_not and not any(e.label == ExampleLabel.benign_lookalike for e in r.examples):
            add("CH102", idp, f"must_not rule '{r.id}' has no benign_lookalike example",
                "add an example with 'label: benign_lookalike': a request that sounds like a violation "
                "but must be answered; false-refusal tests are built from them")
        for k, ex in enumerate(r.examples):
            if not ex.good:
                add("CH108", (*lr.path, "examples", k), f"an example of rule '{r.id}' has no good response",
                    "add 'good: [...]' with what the assistant should say; training data needs it")


def _lint_use_cases(guide: Guide, rules: list[_Located], add: _Add) -> None:
    named = {uc for lr in rules for uc in lr.rule.use_cases}
    if not named:
        return  # the guide does not scope rules by use case: every rule applies everywhere
    for i, uc in enumerate(guide.audience.use_cases):
        if uc.in_scope and uc.id not in named:
            add("CH103", ("audience", "use_cases", i, "id"), f"use case '{uc.id}' has no rule written for it",
                f"list '{uc.id}' under use_cases of the rules that govern it, or mark it 'in_scope: false'")


#: a use-case request shorter than this many words opens too many requests to mean anything
MIN_OPENING_WORDS = 3


def _lint_use_case_openings(guide: Guide, rules: list[_Located], add: _Add) -> None:
    violating = [(lr.rule, " ".join(ex.prompt_text().split()).casefold()) for lr in rules
                 for ex in lr.rule.examples if ex.label == ExampleLabel.violating]
    for i, uc in enumerate(guide.audience.use_cases):
        if not uc.in_scope:
            continue
        for j, text in enumerate(uc.examples):
            opening = " ".join(text.split()).casefold()
            if len(opening.split()) < MIN_OPENING_WORDS:
                continue
            for rule, prompt in violating:
                if prompt != opening and prompt.startswith(opening):
                    add("CH113", ("audience", "use_cases", i, "examples", j),
                        f"use case '{uc.id}' lists \"{text.strip()}\", which is how a violating example of rule "
                        f"'{rule.id}' begins: synthesis makes it a benign case that expects an answer, while the "
                        f"rule expects '{rule.expected_on_violation().value}'",
                        f"reword the use case's example so it is plainly on the allowed side of '{rule.id}', or "
                        "remove it")
                    break


def _lint_ranges(guide: Guide, add: _Add) -> None:
    seen: dict[str, int] = {}
    for i, b in enumerate(guide.behavior.verbosity.budgets):
        base = ("behavior", "verbosity", "budgets", i)
        if b.min is not None and b.max is not None and b.min > b.max:
            add("CH104", (*base, "min"), f"verbosity budget '{b.kind}' has min {b.min} above max {b.max}",
                "no response can meet it; swap or fix the numbers")
        if b.kind in seen:
            add("CH109", (*base, "kind"), f"a verbosity budget for '{b.kind}' is already defined (budgets[{seen[b.kind]}])",
                "keep one budget per kind; only the first is used")
        else:
            seen[b.kind] = i
    ar = guide.audience.age_range
    if ar is not None and ar.min > ar.max:
        add("CH104", ("audience", "age_range", "min"), f"age range has min {ar.min} above max {ar.max}",
            "swap the numbers")


def _lint_contradictions(rules: list[_Located], add: _Add) -> None:
    strong = [lr for lr in rules if lr.path[0] != "edge_cases" and lr.rule.kind in (RuleKind.must, RuleKind.must_not)]
    weak = [lr for lr in rules if lr.path[0] != "edge_cases" and lr.rule.kind in (RuleKind.default, RuleKind.should)]
    topics = {lr.rule.id: topic(lr.rule.text) for lr in strong + weak}
    instead = {lr.rule.id: alternative_topic(lr.rule) for lr in strong}
    for w in weak:
        for s in strong:
            if AUTHORITY_ORDER[s.rule.authority] > AUTHORITY_ORDER[w.rule.authority]:
                continue
            wt, st, alt = topics[w.rule.id], topics[s.rule.id], instead[s.rule.id]
            if polarity(s.rule) == polarity(w.rule) or not _same_topic(wt, st, alt):
                continue
            shared = ", ".join(sorted(_shared(wt, st, alt)))
            add("CH105", (*w.path, "id"),
                f"{w.rule.kind.value} rule '{w.rule.id}' seems to contradict {s.rule.kind.value} rule "
                f"'{s.rule.id}' ({s.rule.authority.value} authority) on the same topic ({shared})",
                "reword the lower rule so it cannot be read against the higher one, or scope it with use_cases")
            break


def _lint_hazards(guide: Guide, rules: list[_Located], source_map: SourceMap | None, add: _Add) -> None:
    included = {i if isinstance(i, str) else i.library for i in guide.include}
    included |= set(source_map.includes if source_map else [])
    if HAZARD_LIBRARY in included:
        return
    lib = library_hazard_map()
    covered: set[str] = set()
    for lr in rules:
        for h in lr.rule.hazards:
            if h in lib:
                covered.add(lib[h])
    total = sorted(set(lib.values()))
    if len(covered) >= MIN_HAZARDS_COVERED:
        return
    missing = [h for h in total if h not in covered]
    path: Path_ = ("include",) if guide.include else ("meta",)
    add("CH106", path,
        f"the guide does not include {HAZARD_LIBRARY} and its rules cover {len(covered)} of {len(total)} "
        f"library hazards (uncovered: {', '.join(missing)})",
        f"add 'include: [{HAZARD_LIBRARY}]', or tag rules with the hazards they cover")


def _lint_duplicates(rules: list[_Located], add: _Add) -> None:
    normed = [(lr, _norm(lr.rule.text)) for lr in rules]
    sm = difflib.SequenceMatcher(None, autojunk=False)
    for j, (b, tb) in enumerate(normed):
        sm.set_seq2(tb)  # the matcher indexes its second text once, not once per pair
        for a, ta in normed[:j]:
            la, lb = len(ta), len(tb)
            if not la or not lb:  # nothing readable to compare (a text of symbols only)
                continue
            if la + lb and 2.0 * min(la, lb) / (la + lb) < NEAR_DUPLICATE:  # real_quick_ratio, before any work
                continue
            sm.set_seq1(ta)
            if sm.quick_ratio() < NEAR_DUPLICATE:
                continue
            ratio = 1.0 if ta == tb else sm.ratio()
            if ratio < NEAR_DUPLICATE:
                continue
            how = "the same text as" if ratio == 1.0 else f"a near-identical text ({ratio:.0%} similar) to"
            add("CH107", (*b.path, "id"), f"rule '{b.rule.id}' has {how} rule '{a.rule.id}'",
                "merge the two rules, or make each say what is distinct about it")
            break
