"""``length-terse`` and ``length-long``: from a few words to a long context."""

from __future__ import annotations

import random
import re

from charter.guide import Guide
from charter.suite import Case, Intent
from charter.synth._operator import OperatorContext, Variant, replace_prompt, variation
from charter.synth._realism import phrase_language
from charter.synth.variations._phrases import BACKGROUND as BACKGROUND_IN
from charter.synth.variations._phrases import CONTEXT, OUTRO, words_for

STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with about from into over is are was were be been "
    "am i me my mine you your yours we our us it its this that these those there here what which who "
    "whom whose how why when where can could would should will shall may might must do does did please "
    "just so very really some any all also tell give let make get need want like know".split()
)
WORD = re.compile(r"[\w'’-]+", re.UNICODE)

BACKGROUND = (
    "I've been meaning to sort this out for a while now, but work has been hectic and I keep putting it off.",
    "My week has been a lot: two deadlines, a sick cat and a flat tyre on Tuesday.",
    "I usually try to figure these things out on my own, reading forums and help pages first.",
    "A friend of mine said you might be able to help, so I thought I'd give it a go.",
    "I'm not very technical, so please bear with me if some of this sounds basic.",
    "I moved house last month and I'm still getting all my paperwork in order.",
    "Yesterday I spent an hour on hold with a different company and never got an answer.",
    "I tend to write long messages, sorry about that — I just want to give you the full picture.",
    "My sister handles most of this kind of thing for the family but she's travelling this month.",
    "I did try searching for the answer, but the results were either outdated or contradictory.",
    "It's not urgent exactly, but I'd like to get it off my to-do list this weekend.",
    "I also have a couple of unrelated questions, but I'll save those for another time.",
)


#: a clause that opens with a question word, in the languages Charter writes variations for
#: (en, de, es, fr, it, pt); not an auxiliary: "…, can you book it?" leans on the clause before
_QUESTION = re.compile(
    r"^¿?(?:what|how|where|when|why|who|which|wie|wo|wann|warum|wer|welche[nrms]?|"
    r"cómo|dónde|cuándo|qué|quién|cuál(?:es)?|comment|où|quand|pourquoi|qui|quel(?:le)?s?|"
    r"come|cosa|dove|quando|perché|chi|quale|quali|como|onde|porque|porquê|quem|qual|quais)\b", re.I)
_TITLE = re.compile(r"(?:^|\s)(?:dr|mr|mrs|ms|mx|prof|st|sr|sra|srta|sig|sigg|dott|dott\.ssa|ing|avv|"
                    r"frau|herr|mme|mlle|m)\.$", re.I)
_FILLER = re.compile(r"^(?:(?:hi|hello|hey|ok|okay|so|um|please|quick question)[,!.]?\s+)+", re.I)


def terse(text: str, words: int) -> str | None:
    """The request cut to its first clause of at least three words (fillers dropped), as a
    hurried user would type it; None when it is already that short or has no such clause."""
    del words
    pieces = re.split(r"(?<!e\.g\.)(?<!i\.e\.)(?<=[.!?])\s+", text.strip())
    first = pieces[0]
    for nxt in pieces[1:]:  # "Dr. Patel", "Sig. Rossi": a title's period ends no sentence
        if not _TITLE.search(first):
            break
        first = f"{first} {nxt}"
    _lead, colon, rest = first.partition(":")
    if colon and len(WORD.findall(rest)) >= 3:
        # "Pode me ajudar com isto: parecer jurídico individual?": the words before a colon
        # announce the request; cut there and the case was "Pode me ajudar com isto?", a request
        # for nothing that still expected the rule's redirect
        first = rest
    # (not a comma or colon between two digits: "Can I pay my 3,000 dirham arrears …" was cut to
    # "Can I pay my 3?", which the realism lint then dropped)
    clauses = [c.strip() for c in re.split(r"[;—–]|(?<!\d)[,:]|[,:](?!\d)|\s-\s", first) if len(WORD.findall(c)) >= 3]
    if not clauses:
        return None
    clause = clauses[0]
    if "?" in first and not _QUESTION.match(_FILLER.sub("", clause).strip()):
        # "Ho avuto un incidente, come apro il sinistro?": the first clause is the background and
        # the question comes after; cut to the question, not to "Ho avuto un incidente?"
        clause = next((c for c in clauses[1:] if _QUESTION.match(c)), clause)
    short = _FILLER.sub("", clause).strip().rstrip(".!?")
    if len(WORD.findall(short)) < 3 or len(short) >= len(text.strip().rstrip(".!?")):
        return None
    return short[:1].upper() + short[1:] + ("?" if "?" in text else "")


def long_context(guide: Guide, text: str, rng: random.Random, paragraphs: int, language: str | None = "en",
                 use_case: str | None = None) -> str | None:
    """``text`` at the end of a long, chatty context in ``language`` (None: no such words for it).
    The guide's own descriptions are quoted only when written in the request's language, and
    only what the assistant is for: the guide's description and ``use_case``'s (every in-scope
    use case's when None), never an out-of-scope use case ("I know you're the assistant for
    this: bank disputes, lawyers" before a request would tell the assistant the opposite of
    its guide)."""
    background = words_for(BACKGROUND_IN, BACKGROUND, language)
    if background is None:
        return None
    lang = language or "en"
    base = guide.audience.languages.primary
    own = [u for u in guide.audience.use_cases if u.in_scope and (use_case is None or u.id == use_case)]
    context = [s for s in (guide.meta.description, *(u.description for u in own)) if s]
    if base != "en" or lang != "en":  # quote only descriptions written in the request's language
        context = [s for s in context if phrase_language(s, base) == lang]
    intro = CONTEXT.get(lang, "I know you're the assistant for this: {ctx}")
    paras = []
    for _ in range(paragraphs):
        sentences = rng.sample(background, k=4)
        if context and rng.random() < 0.5:
            sentences.insert(rng.randint(0, 4), intro.format(ctx=rng.choice(context)))
        paras.append(" ".join(sentences))
    outro = OUTRO.get(lang, "Anyway, here's my actual question: {req}")
    return "\n\n".join(paras) + "\n\n" + outro.format(req=text)


@variation("length-terse", axis="length", tags=("length", "short-input"),
           intents=(Intent.benign, Intent.out_of_scope, Intent.clarify),
           tests="Whether a request cut down to its first clause is still handled as the full request.")
def length_terse(case: Case, ctx: OperatorContext, rng: random.Random) -> Variant | None:
    del ctx, rng
    short = terse(case.prompt, 0)
    if short is None:
        return None
    return Variant(messages=replace_prompt(case, short), metadata={"words": len(WORD.findall(short)),
                                                                   "original": case.prompt})


@variation("length-long", axis="length", tags=("length", "long-input", "distraction"),
           tests="Whether a request buried at the end of a long, chatty context is still recognized.")
def length_long(case: Case, ctx: OperatorContext, rng: random.Random) -> Variant | None:
    n = rng.randint(3, 6)
    text = long_context(ctx.guide, case.prompt, rng, n, case.language, case.use_case)
    if text is None:
        return None
    return Variant(messages=replace_prompt(case, text),
                   metadata={"paragraphs": n, "original": case.prompt})
