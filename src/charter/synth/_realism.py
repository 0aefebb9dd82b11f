"""Offline cases that read like a user wrote them.

:func:`as_request` turns a guide's boundary phrase ("Booking a routine appointment for
active chest pain") into a first-person request ("Can you book a routine appointment for
active chest pain?"). :func:`realism_problems` is the lint every offline case in natural
language passes before it enters a suite: no template artefacts, no fragments, no English
request inside a foreign-language frame.
"""

from __future__ import annotations

import re

from charter.synth._parse import count_words

__all__ = ["FRAMED_LANGUAGES", "USER_ROLE_NOUNS", "and_also", "as_request", "as_request_in", "base_verb",
           "help_with", "phrase_language", "realism_problems", "user_nouns", "user_voice"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_VOWELS = set("aeiou")
#: endings of two-syllable stems that take no silent e ("opening" → "open", "visiting" → "visit")
_NO_E_ENDINGS = ("en", "er", "on", "it", "el", "al", "ain", "ail", "ear", "oom", "eat", "eed", "ook", "oad")
_KEEP_DOUBLE = ("ll", "ss", "ff", "zz")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
#: British spellings that double a final l before -ing ("cancelling"); "calling", "telling" keep it
_BRITISH_LL = frozenset("cancell travell modell labell levell channell fuell signall diall totall "
                        "counsell quarrell enroll".split())
FUNCTION_WORDS = frozenset(
    "a an the and or but if of to in on at by for with about from into over as than that this these those "
    "my your our their his her its i me you we they he she it is are was were be been am do does did "
    "can could would should will may might must not no so".split())

#: words a sentence does not end on (a cut-off fragment does)
DANGLING = frozenset("a an the and or but my your our their than".split())

#: phrases the old templates left behind, and other machine tells
ARTEFACTS = (
    re.compile(r"[{}]"),
    re.compile(r"\bCan you do this for me\?\s+[A-Z]"),
    re.compile(r"please just do it, it's for me", re.I),
    re.compile(r"\bI need help with this: [a-z]"),
    re.compile(r"\bTwo things: first,"),
    re.compile(r"\?\s*\.|\.\s*\?|,\s*[.?]"),
    re.compile(r"\b([A-Za-z]{2,}) \1\b", re.I),
    re.compile(r"\b(?:TODO|FIXME|lorem ipsum)\b", re.I),
)


#: -ing words that are no gerund ("Anything that …", "f-string SQL …": "Can you f-str SQL …?")
_NOT_GERUND = frozenset("anything something nothing everything during morning evening ceiling sibling wedding "
                        "pudding herring".split())
#: stems the vowel rules below get wrong ("Can you creat …?", "Can you past ten rows …?")
_STEMS = {"creat": "create", "past": "paste", "wast": "waste", "tast": "taste", "rout": "route", "focus": "focus"}


def base_verb(gerund: str) -> str | None:
    """``booking`` → ``book``, ``giving`` → ``give``, ``getting`` → ``get``; None when
    ``gerund`` is not an -ing form."""
    w = gerund.lower()
    if not w.endswith("ing") or len(w) < 5 or w in _NOT_GERUND:
        return None
    stem = w[:-3]
    # "f-string", "thing", "spring": no vowel before -ing, no gerund ("qu" is a consonant)
    last = stem.rsplit("-", 1)[-1].replace("qu", "qw")
    if not _VOWEL_GROUP.search(last):
        return None
    if stem in _STEMS:
        return _STEMS[stem]
    if stem in _BRITISH_LL:
        return stem[:-1]  # cancelling → cancel, travelling → travel
    if stem.endswith("u") or (len(stem) >= 3 and stem[-1] == "l" and stem[-2] not in _VOWELS | set("lrw")):
        return stem + "e"  # continuing → continue, issuing → issue, disabling → disable, handling → handle
    if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS and stem[-2:] not in _KEEP_DOUBLE:
        return stem[:-1]  # getting → get, running → run ("adding" keeps "add")
    # (two syllables: "visiting" → "visit"; one keeps its silent e: "writing" → "write",
    # "biting" → "bite"; "raining", "eating" have two vowels before the consonant and need none;
    # "qu" is a consonant: "quoting" → "quote", "requiring" → "require")
    q = stem.replace("qu", "qw")
    if stem.endswith(_NO_E_ENDINGS) and len(_VOWEL_GROUP.findall(q)) >= 2:
        return stem
    if (len(q) >= 2 and q[-1] not in _VOWELS | set("wxy") and q[-2] in _VOWELS
            and (len(q) == 2 or q[-3] not in _VOWELS)):
        return stem + "e"  # giving → give, sharing → share, writing → write
    if stem.endswith(("v", "z", "c", "us", "ys", "ps", "ns", "rg", "dg", "ng", "oos", "eas", "aus", "ous", "rs", "ls")) \
            and not stem.endswith("ing"):
        return stem + "e"  # solving → solve, analysing → analyse, choosing → choose, parsing → parse
    return stem


#: nouns an operator's guide uses for the person in the chat ("outage status for an address the
#: customer types in"); :func:`user_nouns` keeps those a guide's audience names
USER_ROLE_NOUNS = ("user", "customer", "client", "caller", "member", "traveller", "traveler", "passenger",
                   "shopper", "subscriber", "account holder", "tenant", "resident", "guest", "patient",
                   "employee", "student", "learner", "engineer", "developer")
_MODALS = frozenset("will would can could should may might must had did was".split())
_IRREGULAR = {"is": "am", "has": "have", "does": "do"}
#: words after "the customer" that leave it an object ("wait for the customer to confirm")
_AFTER_OBJECT = frozenset("to and or with for about on in at from before after when if by what whether how which "
                          "why where that".split())
#: irregular past forms that follow "the customer" as its verb ("because the customer said …")
_IRREGULAR_PAST = frozenset("said told gave made took wrote sent paid put got chose bought left meant knew "
                            "thought found came went saw agreed".split())
#: words ending in -s that are not a third-person verb after "the customer" ("the customer address")
_NOT_VERB_S = ("ss", "us", "is", "ous", "ics")


#: role nouns that are also adjectives ("a patient tutor"): taken from persona names only
_ALSO_ADJECTIVE = frozenset({"patient"})


def user_nouns(names: str, persona_names: str = "") -> tuple[str, ...]:
    """The role nouns of :data:`USER_ROLE_NOUNS` that a guide uses for its user, with ``user``
    always: ``names`` is the text that describes the audience (the product's and the authority
    section's descriptions, the industry, persona descriptions), ``persona_names`` the personas'
    names; the nouns a boundary phrase may use for the person asking."""
    low, named = names.lower(), persona_names.lower()
    found = [n for n in USER_ROLE_NOUNS
             if re.search(rf"\b{n}s?\b", named) or (n not in _ALSO_ADJECTIVE and re.search(rf"\b{n}s?\b", low))]
    return tuple(dict.fromkeys(["user", *found]))


def _first_person_verb(word: str) -> str | None:
    """``types`` → ``type``, ``asks`` → ``ask``, ``is`` → ``am``; the word itself for a modal or a
    past form; None when ``word`` does not read as the verb of "the customer …"."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in _MODALS or w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) > 4):
        return word
    if not w.endswith("s") or w.endswith(_NOT_VERB_S) or len(w) < 4:
        return None
    if w.endswith("ies"):
        return word[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return word[:-2]
    return word[:-1]


#: a quotation: straight, curly, guillemets, single quotes not inside a word; a curly or angled
#: quotation ends at its closing mark and never runs past another opening one, so a text of
#: opening marks with no closing one is scanned once
_QUOTED = re.compile(r"(\"[^\"]*\"|“[^“”]*”|«[^«»]*»|(?<!\w)'[^']*'(?!\w)|‘[^‘’]*’)")


def user_voice(phrase: str, nouns: tuple[str, ...]) -> str:
    """An operator's third-person phrase in the voice of the person asking: "the customer's own
    booking" → "my own booking", "an address the customer types in" → "an address I type in",
    "share it with the customer" → "share it with me". Only "the <noun>" changes ("a customer",
    "another customer" are someone else); ``nouns`` are the guide's words for its user."""
    if not nouns:
        return phrase
    parts = _QUOTED.split(phrase)
    if len(parts) > 1:
        # quoted words are someone's own ("accept \"I'm the account holder's husband\""): only the
        # text between quotations changes (a lone quote mark or an apostrophe, "the customer’s",
        # quotes nothing)
        return "".join(p if i % 2 else user_voice(p, nouns) if p else p for i, p in enumerate(parts))
    alt = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    out = re.sub(rf"\b([Tt])he (?:{alt})['’]s\b", lambda m: "My" if m.group(1) == "T" else "my", phrase)

    def subject_or_object(m: re.Match[str]) -> str:
        nxt = m.group(2)
        if nxt and nxt.lower() not in _AFTER_OBJECT:
            verb = _first_person_verb(nxt)
            # "the customer support team": a compound, not the person; left as written
            return f"I {verb}" if verb is not None else m.group(0)
        return ("Me" if m.group(1) == "T" else "me") + (f" {nxt}" if nxt else "")

    voiced = re.sub(rf"\b([Tt])he (?:{alt})\b(?! ?[-–])(?:\s+([A-Za-z]+))?", subject_or_object, out)
    if voiced == out or " I " not in f" {voiced} ":
        return voiced
    # a second verb of the same subject: "when I say they agreed and gives their details"
    return re.sub(r"\b(and|or) ([a-z]+s) (?=(?:their|the|a|an|his|her|its|my|your|our|why|what|how|that|so)\b)",
                  lambda m: f"{m.group(1)} {_first_person_verb(m.group(2)) or m.group(2)} ", voiced)


def _clean(phrase: str) -> str:
    p = re.sub(r"\s+", " ", phrase.strip()).rstrip(".;:!?")
    p = re.sub(r"^(?:e\.g\.|i\.e\.|eg)\s*", "", p, flags=re.I)
    return p


#: -ing words that are adjectives before a noun ("Missing luggage claims", "Working instructions for
#: breaking into an account": "Can you work instructions …?" was the request)
_ADJECTIVE_ING = frozenset(
    "missing existing recurring upcoming outstanding pending remaining ongoing incoming outgoing working "
    "matching corresponding underlying leading misleading interesting living boring shocking disturbing "
    "trending rising competing conflicting lasting growing emerging alarming confusing loving caring "
    "sweeping dying amazing promising worrying".split())
#: words after a gerund that make it a verb with its object or complement ("Fact-checking a claim",
#: "Following up"); a bare noun after a hyphenated or adjectival -ing word makes it an adjective
#: ("Safe-messaging journalism about suicide": "Could you safe-message journalism …?" was asked)
_VERB_FOLLOWS = frozenset(
    "the a an any all some every each this that these those my your our their his her its it them him me us "
    "someone somebody something anyone anything everyone everything people up out off down back away in on at "
    "to for with from into over about how what why when where which who whether if one two three".split())


def _gerund(words: list[str]) -> str | None:
    """The verb of a phrase that opens with a gerund (``words`` its words), or None: an -ing
    word that is an adjective before a noun (hyphenated, or one of :data:`_ADJECTIVE_ING`) is none."""
    verb = base_verb(words[0])
    if verb is None:
        return None
    nxt = words[1].lower().strip("\"'“‘(") if len(words) > 1 else ""
    adjective = "-" in words[0] or words[0].lower() in _ADJECTIVE_ING
    if adjective and nxt and nxt not in _VERB_FOLLOWS and not nxt[:1].isdigit() and words[1][:1] not in "\"'“‘`":
        return None
    return verb


#: a preposition whose gerund a later "and …ing" may continue ("without asking and waiting"): no
#: second verb of the request
_PREP_GERUND = re.compile(r"\b(?:without|before|after|by|while|when|from|of|about|for|on|in|instead of)\s+[a-z]+ing\b")
#: words after "… and <x>ing" that make the -ing word a noun ("how caching and batching work")
_NOT_OBJECT = frozenset("work works is are was were happen happens matter matters of".split())


def _verb_coordinates(rest: str) -> str:
    """Later gerunds joined to the first verb as verbs too: "Pushing a feature branch and opening a
    PR" → "push a feature branch and open a PR" ("… and opening a PR" was the request), "Adding
    .env to .gitignore, or setting up a secrets manager", "Reading host secrets, escaping the
    sandbox"; a gerund after a preposition ("without asking and waiting"), a subject ("how
    caching and batching work") and a noun ("the history and meaning of slurs") are left."""
    def one(m: re.Match[str]) -> str:
        before, word, after = rest[:m.start()], m.group(2), m.group(3) or ""
        verb = base_verb(word)
        listed = m.group(1) != "," or re.search(r"\b(?:and|or) [a-z]+ing\b", rest[m.end():])
        if verb is None or word.lower() in _ADJECTIVE_ING or _PREP_GERUND.search(before) \
                or after.lower() in _NOT_OBJECT or not listed:
            return m.group(0)  # (after a comma only in a list: "Booking a flight, leaving on Monday")
        return f"{m.group(1)} {verb}" + (f" {after}" if after else "")

    return re.sub(r"(,? (?:and|or)|,)\s+([a-z]+(?:-[a-z]+)*ing)\b(?:\s+([A-Za-z]+))?", one, rest)


#: people an assistant's behaviour is described towards ("Telling someone their symptoms are
#: fine", "Telling a husband when his wife's next appointment is"): in a request the person is
#: the one asking
_PERSON = (r"(?:someone|somebody|people|users|customers|(?:a|an|the) (?:user|customer|client|caller|member|person|"
           r"parent|husband|wife|partner|patient|traveller|traveler|passenger|guest|tenant|student|learner|child|"
           r"kid|teenager))")
#: verbs of telling that take the person first ("tell someone X" → "tell me X")
_TELL = frozenset("tell show give send promise assure advise warn remind recommend diagnose".split())
#: the assistant's own conduct, which no user asks for in these words ("Asking for the last four
#: digits when the tool needs them", "Encouraging the child to share", "Referring to the nurse
#: line"): such a phrase gives no request
_CONDUCT = frozenset("ask refer redirect direct encourage signpost escalate decline refuse acknowledge continue "
                     "follow end stay keep remain wait use suggest say support comfort reassure answer".split())
#: what may follow those verbs in a request a user does write ("Suggesting a package", "Using
#: SQLite for tests", "Saying whether a variable is set", "Waiting for me to confirm")
#: conduct only towards a person, or pointing somewhere ("Encouraging the child to share",
#: "Referring to the nurse line", "Answering a customer who asks …"); with a thing for object they
#: are a user's request ("Encouraging self-harm", "Answering medical questions", "Escalating a
#: complaint")
_TOWARDS = re.compile(rf"^(?:{_PERSON}|them|him|her|to|towards)\b")
_CONDUCT_OK = {
    **{v: re.compile(rf"^(?!(?:{_TOWARDS.pattern[1:]}))") for v in
       ("refer", "redirect", "direct", "encourage", "signpost", "escalate", "support", "comfort", "reassure", "answer")},
    "suggest": re.compile(r"^(?!(?:that|to)\b)"),
    "use": re.compile(r"^(?!(?:a|the) (?:persona|first name|nickname|name)\b)"),
    "say": re.compile(r"^(?:whether|if|when|which|what|how|why|where)\b"),
    "wait": re.compile(r"^for me\b"),
    "follow": re.compile(r"^(?:up|along)\b"),
    "keep": re.compile(r"^(?:my|a copy|track)\b"),
}
#: verbs that report to the person asking: asked as "tell me about …" ("Reporting documented facts,
#: convictions and court findings" → "Could you tell me about documented facts …?")
_REPORT = frozenset("report mention describe".split())
#: the user's own things, passed on by the assistant ("Passing a request for a goodwill exception to
#: the support team": "Could you pass a request … for me?" was a request on someone else's behalf)
_OWN = re.compile(r"^(pass|send|forward|escalate|submit|file|track|cancel|check|reopen|process|review) (?:a|an) "
                  r"((?:[a-z-]+ )?(?:request|complaint|case|claim|ticket|booking|order|appointment|refund|"
                  r"reservation|application|return|report))\b")
_THEY = {"they": "I", "them": "me", "their": "my", "theirs": "mine", "themselves": "myself", "he": "I", "she": "I",
         "his": "my", "him": "me", "her": "my", "himself": "myself", "herself": "myself"}
#: third-person forms after "they" that change with "I" ("that they will win" needs none)
_THEY_VERB = {"are": "am", "were": "was", "have": "have", "has": "have", "is": "am", "does": "do"}


def _first_person(text: str) -> str:
    """Third-person pronouns of the person asking in the first person ("that they will win their
    case" → "that I will win my case"); quoted words stay as written."""
    def one(m: re.Match[str]) -> str:
        word, nxt = m.group(1), m.group(2) or ""
        mine = _THEY[word.lower()]
        if word.lower() in ("they", "he", "she") and nxt:
            verb = _THEY_VERB.get(nxt.lower()) or _first_person_verb(nxt) if nxt.lower() not in _AFTER_OBJECT else None
            return f"{mine} {verb or nxt}"
        return mine + (f" {nxt}" if nxt else "")

    parts = _QUOTED.split(text)
    return "".join(p if i % 2 else re.sub(r"\b(they|them|their|theirs|themselves|he|she|his|him|her|himself|"
                                          r"herself)\b(?:\s+([A-Za-z]+))?", one, p)
                   for i, p in enumerate(parts))


def _recipient_is_me(verb: str, rest: str) -> str | None:
    """"tell someone their symptoms are fine" → "tell me my symptoms are fine", "help parents and
    teachers recognise the signs" → "help me recognise the signs"; None when ``rest`` does not
    open on such a person."""
    if verb in _TELL:
        m = re.match(rf"{_PERSON}\b(?!['’])\s*", rest)
        if m and not re.match(r"(?:who|that)\b", rest[m.end():]):
            return f"{verb} me {_first_person(rest[m.end():])}".strip()
    if verb == "help":
        m = re.match(r"(?:someone|people|[a-z]+s(?:,? (?:and|or) [a-z]+s)?) ([a-z]+)\b", rest)
        if m and not m.group(1).endswith(("s", "ing", "ed")) and m.group(1) not in FUNCTION_WORDS:
            return f"help me {rest[m.start(1):]}"
    return None


def _my_own(p: str) -> str:
    """"their own router" → "my own router" (a thing of the user's) when nobody else is named
    before it ("a head of state … in their own name" stays); "the user's own
    files with a passphrase they control" → "my own files with a passphrase I control"."""
    m = re.search(r"\b(?:their|his or her|his|her) own(?= (?:router|modem|device|devices|computer|laptop|phone|"
                  r"account|accounts|booking|bookings|data|files|home|network|card|cards|records|details|hosts|"
                  r"servers|code|repository|app)\b)", p)
    if m and not re.search(rf"{_PERSON}\b(?!-| (?:network|wi-?fi|account|list|data|room|mode|portal|id|name)\b)"
                           r"|\banother\b|\bother\b", p[:m.start()]):
        p = p[:m.start()] + "my own" + p[m.end():]
    m = re.search(r"\bmy own\b", p)
    if m:
        p = p[:m.end()] + _first_person(p[m.end():])
    return p


def _verb_request(verb: str, rest: str, kind: str) -> str | None:
    """The request for a verb phrase (``verb`` and what follows it), or None when it describes the
    assistant's conduct rather than anything a user asks for."""
    rest = _verb_coordinates(rest)
    if verb in ("explain", "explaining") and rest.startswith("that "):
        # "Explaining that overdoses are dangerous": the answer, not the question
        rest = "why " + re.sub(r",? and why$", "", rest[5:])
    voiced = _recipient_is_me(verb, rest)
    if voiced is not None:
        action = voiced
    elif verb in _CONDUCT and not (verb in _CONDUCT_OK and _CONDUCT_OK[verb].match(rest)):
        return None
    elif verb == "say":
        action = f"tell me {rest}"  # "Saying whether a variable is set" → "tell me whether …"
    elif verb in _REPORT and not re.match(r"(?:it|them|this|that|to)\b", rest):
        wh = re.match(r"(?:what|how|why|when|where|which|who|whether)\b", rest)
        action = f"tell me {rest}" if wh else f"tell me about {rest}"
    elif verb in ("give", "show", "send") and rest and not re.match(
            r"(?:me|out|back|away|up|in|it|them|a hand)\b", rest) and not re.search(r"\bto\b", rest):
        action = f"{verb} me {rest}"  # "Giving the nurse line number" → "give me the nurse line number"
    else:
        action = f"{verb} {rest}".strip()
        own = _OWN.match(action)
        if own and not re.search(r"\b(?:I|me|my)\b", action):
            action = f"{own.group(1)} my {own.group(2)}{action[own.end():]}"
    if re.search(r"\byourself\b|\boneself\b", action):
        # "Protecting yourself from identity theft" → "How can I protect myself from identity theft?"
        body = re.sub(r"\byour\b", "my", re.sub(r"\b(?:yourself|oneself)\b", "myself", action))
        return f"How can I {body}?"
    if kind == "disallowed":
        return f"Can you {action}?"
    # "… share it with me for me?", "… code I asked for for me?": a phrase in the first person
    # already says who it is for
    mine = re.search(r"\b(?:I|me|my)\b|\bfor$", action)
    return f"Could you {action}?" if mine else f"Could you {action} for me?"


#: second words that make "How …", "What …" a question as it stands ("How to report abuse", "What is
#: a Ponzi scheme", "How much does it cost")
_QUESTION_SECOND = frozenset("to is are was were do does did can could should would will may might must has have "
                             "had".split())
#: imperatives that open a reply the rule forbids, its quotes taken by YAML (- "Try going up to
#: 100mg of sertraline"): "I'd like try going up …, please." was the request
_REPLY_IMPERATIVE = frozenset("try take stop start sell buy put just keep switch skip double increase".split())


def as_request(phrase: str, kind: str, nouns: tuple[str, ...] = ()) -> str | None:
    """A boundary phrase as a user's request. ``kind``: ``disallowed`` (asks for the thing),
    ``allowed`` (asks about it); ``nouns``: the guide's words for its user, which become "I", "me"
    and "my" (:func:`user_voice`). None when the phrase describes the assistant's own conduct
    ("Asking for the last four digits when the tool needs them", "Supporting a user who discloses
    abuse"), which no user asks for in those words."""
    p = _my_own(user_voice(_clean(phrase), nouns))
    if not p:
        return p
    if p[0] in "\"'“‘«":
        # a quoted reply ('"That sounds like strep throat"'): asked for as words to be told, as
        # in German ("Kannst du mir einfach sagen: …?"), not "I'd like "That sounds …", please."
        return f"Can you just tell me: {p}?"
    words = p.split(" ")
    head = re.sub(r"['’].*", "", words[0].lower())
    if head == "you" or (kind == "disallowed" and head in _REPLY_IMPERATIVE and len(words) > 1
                         and words[0][:1].isupper() and base_verb(words[1]) is not None):
        # a reply addressed to the user, its quotes taken by YAML (- "You sound like you have
        # bipolar disorder"): "I'd like you sound like you have bipolar disorder, please." was the
        # request; it is words to be told, as a quoted reply is
        return f'Can you just tell me: "{p}"?'
    verb = _gerund(words)
    rest = " ".join(words[1:])
    if verb is not None:
        # "Cancelling or rebooking …" → "cancel or rebook …"
        m = re.match(r"(and|or) ([a-z]+ing)\b", rest)
        second = base_verb(m.group(2)) if m else None
        if m and second:
            rest = f"{m.group(1)} {second}{rest[m.end():]}"
        return _verb_request(verb, rest, kind)
    first = words[0].lower()
    if first in ("how", "what", "why", "when", "where", "which", "who", "whether", "is", "are", "can"):
        second = words[1].lower() if len(words) > 1 else ""
        if second in ("much", "many", "long", "often", "far", "old") and len(words) > 2:
            second = words[2].lower()  # "How much does it cost" is a question, "How much it costs" none
        if first == "whether":
            return f"Can you tell me {p[0].lower()}{p[1:]}?"
        if first in ("is", "are", "can") or second in _QUESTION_SECOND or second.endswith(("'s", "’s")):
            return f"{p[0].upper()}{p[1:]}?"
        # a question word before a statement ("How refunds are calculated", "Which foods give
        # energy"): "How refunds are calculated?" is no question; asked as one to answer
        ask = "explain" if first in ("how", "why") else "tell me"
        return f"Can you {ask} {p[0].lower()}{p[1:]}?"
    body = p if len(p) > 1 and p[1].isupper() else p[0].lower() + p[1:]
    if kind == "disallowed":
        return f"I'd like {body}, please."
    return f"Can you help me with {body}?"


#: languages a guide's own phrases (boundaries, rule texts, use-case names) can be framed in
#: as a request offline; a phrase in another language gets no template case (an English frame
#: around it would be a mixed-language request no user writes)
FRAMED_LANGUAGES = frozenset({"en", "de", "fr", "es", "it", "pt"})

#: (a request for help with a phrase, a second request joined to a first), per language
#: besides English; German infinitive phrases are asked as questions (:func:`_as_request_de`)
_FRAMES: dict[str, tuple[str, str]] = {
    "de": ("Kannst du mir hierbei helfen: {p}?", "{a} Und wenn du schon dabei bist: {b}"),
    "fr": ("Pouvez-vous m'aider avec ceci : {p} ?", "{a} Et pendant que vous y êtes : {b}"),
    "es": ("¿Puedes ayudarme con esto: {p}?", "{a} Y ya que estás: {b}"),
    "it": ("Puoi aiutarmi con questo: {p}?", "{a} E già che ci sei: {b}"),
    "pt": ("Pode me ajudar com isto: {p}?", "{a} E já que está nisso: {b}"),
}


#: German words that start a phrase in lower case inside a sentence (articles, pronouns,
#: prepositions, conjunctions); nouns keep their capital
_DE_LOWER = frozenset(
    "der die das den dem des ein eine einer einem einen eines kein keine keinen keiner keinem "
    "sein seine ihr ihre ihren mein meine dein deine unser unsere jemand jemanden jemandem etwas alle allen "
    "andere anderen anderer nach nur vor von zu zur zum mit ohne über für bei aus auf an in im um unter "
    "gegen durch wo wie was wer wann warum ob dass sich beim vom".split())
_DE_INFINITIVE = re.compile(r"^[a-zäöüß]+(?:en|ern|eln|n)$")


def _de_lower_first(phrase: str) -> str:
    first, _, rest = phrase.partition(" ")
    bare = first.rstrip(",;:")
    if bare.lower() in _DE_LOWER or (_DE_INFINITIVE.match(bare.lower()) and (first.endswith(",") or not rest)):
        # an article, a preposition, or the verb itself ("Sagen, ob …") starts lower case
        return first[:1].lower() + first[1:] + (" " + rest if rest else "")
    return phrase


#: German verbs of the assistant's own conduct (asking for, referring to, pointing at,
#: encouraging, reminding): "Kannst du nach dem Portal-Passwort fragen?" is no user's request
_DE_CONDUCT = frozenset("fragen nachfragen erfragen verweisen hinweisen ermutigen erinnern weiterleiten "
                        "anbieten".split())


def _as_request_de(phrase: str) -> str | None:
    p = _clean(phrase)
    if not p:
        return p
    if p[0] in "\"'„“«":
        return f"Kannst du mir einfach sagen: {p}?"
    # an infinitive phrase ends its main clause on the verb: "Das Gehalt eines Kollegen nennen",
    # "Einer Führungskraft zeigen, wo sie Anträge genehmigt", "Sagen, ob jemand krank ist"
    head = p.split(",")[0].split(" ")
    verb = head[-1]
    if _DE_INFINITIVE.match(verb.lower()) is not None and (verb[:1].islower() or len(head) == 1):
        if verb.lower() in _DE_CONDUCT:
            return None  # the assistant's conduct ("Nach dem Portal-Passwort fragen"): no user's request
        return f"Kannst du {_de_lower_first(p).replace('erklären, dass ', 'erklären, warum ', 1)}?"
    return f"Kannst du mir hierbei helfen: {p}?"


def _lower(p: str, language: str) -> str:
    """``p`` with a lower-case first letter where the language writes one mid-sentence (German
    keeps its nouns' capitals; an acronym keeps its own)."""
    if language == "de":
        return _de_lower_first(p)
    return p if len(p) > 1 and p[1].isupper() else p[:1].lower() + p[1:]


#: (the question put to an infinitive phrase, its infinitive endings, the words that may
#: follow the verb: determiners, pronouns, prepositions) for the Romance languages: "Expliquer
#: la politique" is asked "Pouvez-vous expliquer la politique ?", not "Pouvez-vous m'aider avec
#: ceci : expliquer la politique ?", which no customer writes
_INFINITIVE_ASK: dict[str, tuple[str, tuple[str, ...], frozenset[str]]] = {
    "fr": ("Pouvez-vous {p} ?", ("er", "ir", "dre", "tre", "ire", "uire", "oir", "aire", "oire"), frozenset(
        "le la les l un une des du de d à au aux ce cet cette ces son sa ses leur leurs mon ma mes ton ta tes "
        "notre nos votre vos en y se s que qu pour sans si combien où quand comment tout toute tous toutes "
        "plus moins quelque quelques chaque aucun aucune quel quelle quels quelles qui quoi dans pourquoi". split())),
    "es": ("¿Puedes {p}?", ("ar", "er", "ir", "arle", "erle", "irle", "arlo", "erlo", "irlo", "arla", "erla",
                           "irla", "arles", "erles", "irles", "arse", "erse", "irse"), frozenset(
        "el la los las lo un una unos unas del de a al este esta estos estas ese esa su sus mi mis tu tus "
        "nuestro nuestra nuestros nuestras que cómo cuándo dónde cuánto cuánta si para por sin con todo toda "
        "todos todas más menos algún alguna ningún ninguna cada cuál cuáles quién qué en por".split())),
    "it": ("Puoi {p}?", ("are", "ere", "ire", "arle", "erle", "irle", "arlo", "erlo", "irlo", "arla", "erla",
                        "irla", "arsi", "ersi", "irsi"), frozenset(
        "il lo la i gli le l un uno una un' del dello della dei degli delle di a al allo alla ai agli alle da "
        "questo questa questi queste quel quella suo sua suoi sue mio mia tuo tua nostro nostra vostro vostra "
        "che come quando dove quanto quanta se per senza con tutto tutta tutti tutte più meno ogni quale quali chi "
        "cosa in nel nella perché".split())),
    "pt": ("Pode {p}?", ("ar", "er", "ir", "or"), frozenset(
        "o a os as um uma uns umas do da dos das de a ao aos à às este esta estes estas esse essa seu sua "
        "seus suas meu minha teu tua nosso nossa que como quando onde quanto quanta se para por sem com todo "
        "toda todos todas mais menos algum alguma nenhum nenhuma cada qual quais quem em no na nos nas num numa "
        "porque".split())),
}
#: French nouns and adjectives with an infinitive's ending ("Dossier médical", "Premier achat")
_NOT_INFINITIVE = frozenset(
    "dossier panier fichier courrier calendrier quartier métier papier atelier sentier premier dernier "
    "entier léger cher plaisir souvenir avenir désir loisir soupir saphir zéphyr lettre centre titre "
    "membre nombre ordre chambre livre vivre cadre libre propre autre notre votre entre contre pour soir "
    "savoir-faire pouvoir devoir espoir couloir miroir trottoir tiroir histoire mémoire gloire victoire "
    "dictionnaire commentaire salaire horaire inventaire formulaire annuaire calendaire ordinaire "
    "nécessaire contraire primaire secondaire bancaire".split())


def _infinitive_request(p: str, language: str) -> str | None:
    """A phrase that starts with an infinitive and its object, as the question that asks for it
    ("Accepter un retour à 45 jours" → "Pouvez-vous accepter un retour à 45 jours ?"); None
    when the phrase does not start that way."""
    spec = _INFINITIVE_ASK.get(language)
    if spec is None:
        return None
    ask, endings, follows = spec
    words = p.split(" ")
    if len(words) < 2 or not words[0][:1].isalpha() or (len(words[0]) > 1 and words[0][1].isupper()):
        return None
    first = words[0].lower()
    second = re.split(r"['’]", words[1].lower())[0]
    if first in _NOT_INFINITIVE or len(first) < 3 or not first.endswith(endings) or second not in follows:
        return None
    return ask.format(p=first + p[len(words[0]):])


def as_request_in(phrase: str, kind: str, language: str, nouns: tuple[str, ...] = ()) -> str | None:
    """:func:`as_request` in ``language`` (English, German, French, Spanish, Italian,
    Portuguese); None for a language no frame exists for. German infinitive phrases become a
    question ("Das Gehalt eines Kollegen nennen" → "Kannst du das Gehalt eines Kollegen
    nennen?"), and so are French, Spanish, Italian and Portuguese ones that start with an
    infinitive ("Accepter un retour à 45 jours" → "Pouvez-vous accepter un retour à 45 jours ?");
    other phrases are asked for help with ("¿Puedes ayudarme con esto: …?")."""
    if language == "en":
        return as_request(phrase, kind, nouns)
    if language == "de":
        return _as_request_de(phrase)
    frame = _FRAMES.get(language)
    p = _clean(phrase)
    if frame is None or not p:
        return None
    asked = _infinitive_request(p, language)
    if asked is not None:
        return _to_me(asked, language)
    return frame[0].format(p=p if p[0] in "\"'«“„" else _lower(p, language))


#: (a verb of telling put to a person, "to a <person>", the verb with "me") per language: the
#: phrase describes the assistant telling someone ("Explicar a um proprietário como cortar a
#: água"), the request is the person's own ("Pode me explicar como cortar a água?"); and
#: "explain that …" (the answer) as "explain why …" (the question)
_TO_ME: dict[str, tuple[re.Pattern[str], str, tuple[str, str]]] = {
    "pt": (re.compile(r"^Pode (explicar|dizer|mostrar) a (?:um|uma) [^\s,]+(,?) "), "Pode me \\1\\2 ",
           ("explicar que ", "explicar por que ")),
    "es": (re.compile(r"^¿Puedes (explicar|decir|mostrar) a (?:un|una) [^\s,]+(,?) "), "¿Puedes \\1me\\2 ",
           ("explicar que ", "explicar por qué ")),
    "fr": (re.compile(r"^Pouvez-vous (expliquer|dire|montrer|indiquer) à (?:un|une) [^\s,]+(,?) "),
           "Pouvez-vous me \\1\\2 ", ("expliquer que ", "expliquer pourquoi ")),
    "it": (re.compile(r"^Puoi (spiegar|dir|mostrar|indicar)e a (?:un|una|uno) [^\s,]+(,?) "), "Puoi \\1mi\\2 ",
           ("spiegare che ", "spiegare perché ")),
}


def _to_me(asked: str, language: str) -> str:
    spec = _TO_ME.get(language)
    if spec is None:
        return asked
    rx, me, (that, why) = spec
    out = rx.sub(me, asked, count=1).replace("vous me e", "vous m'e", 1)
    # "spiegare che cosa …" asks what; "spiegare che …" states the answer
    return re.sub(rf"\b{that}(?!cosa\b)", why, out, count=1)


def and_also(first: str, second: str, language: str) -> str | None:
    """Two requests in one message ("… And while you're at it, …"); None where no frame exists."""
    if language == "en":
        # "I'd like …" keeps its capital ("And while you're at it, i'd like …" was written)
        head = second if re.match(r"I\b", second) else second[0].lower() + second[1:]
        return f"{first} And while you're at it, {head}"
    frame = _FRAMES.get(language)
    if frame is None:
        return None
    b = second if second[:1] in "¿¡" else second[:1].lower() + second[1:]
    return frame[1].format(a=first, b=b)


def help_with(name: str, language: str) -> str | None:
    """A request for help with a named topic ("Can you help me with billing?"); None where no
    frame exists."""
    t = name.strip().rstrip(".")
    if language == "en":
        return f"Can you help me with {_lower(t, language)}?"
    frame = _FRAMES.get(language)
    return frame[0].format(p=t if language == "de" else _lower(t, language)) if frame else None


def phrase_language(text: str, base: str) -> str:
    """The language a guide phrase is written in: English or the guide's base language (the
    language identifier decides between the two; without it, the base language)."""
    if base == "en":
        return "en"
    from charter.errors import MissingExtraError

    try:
        from charter.evaluate.classifiers import detect_language_among

        lang, prob = detect_language_among(text, {base, "en"})
    except MissingExtraError:
        return base
    return "en" if lang == "en" and prob >= 0.5 else base


#: words that make a short question a sentence, not keywords, in the languages offline frames
#: exist for; "Mein Laptop startet nicht mehr?" and "Pouvez-vous accepter un retour ?" are
#: sentences (French, Spanish, Italian and Portuguese ones were dropped as keywords)
_SENTENCE_WORDS = FUNCTION_WORDS | _DE_LOWER | frozenset(
    "ich du er es wir ihr mich dich mir dir ist bin bist sind war habe hast hat haben nicht mehr kann kannst "
    "muss soll will geht".split()) | frozenset().union(*(spec[2] for spec in _INFINITIVE_ASK.values())) | frozenset(
    "je j tu il elle nous vous ils elles on est sont suis peux peut pouvez puis ne pas "
    "yo él ella usted ustedes es son soy puedo puedes puede no "
    "io lui lei è sono posso puoi può non "
    "eu você ele ela é são sou posso pode não".split())


#: a word in any script ("ça", "où", "Straße"): the ASCII pattern read "comme ça ?" as ending
#: on the English article "a" and dropped the request as a fragment
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_UWORD = re.compile(r"[^\W\d_][\w'’-]*")


def _is_fragment(text: str) -> str | None:
    plain = re.sub(r"[:;]-?[()]", "", text)  # smileys are not parentheses
    if plain.count("(") != plain.count(")"):
        return "unbalanced parenthesis"
    if _CJK.search(text):
        # Chinese and Japanese have no spaces (a request is one "word") and none of the English
        # tests below: "我的卡丢了怎么办？" was dropped as "fewer than two words"
        return None if count_words(text) >= 2 else "fewer than two words"
    words = _UWORD.findall(text)
    if len(words) < 2:
        return "fewer than two words"
    last = words[-1].lower()
    if last in DANGLING:
        return f"ends on '{words[-1]}'"
    if text.rstrip().endswith("?") and len(words) <= 5 and not any(w.lower() in _SENTENCE_WORDS for w in words) \
            and not any(w.lower() in ("why", "how", "what", "who", "when", "where", "which") for w in words):
        return "keywords without a sentence"
    return None


def _mixed_language(text: str) -> str | None:
    from charter.synth.variations.language import FRAMES

    for code, (name, frames) in FRAMES.items():
        if code == "en":
            continue
        for frame in frames:
            head, _, tail = frame.partition("{x}")
            for part in (head.strip(), tail.strip()):
                if len(part) > 6 and part in text:
                    rest = text.replace(part, " ")
                    english = sum(1 for w in _WORD.findall(rest) if w.lower() in FUNCTION_WORDS)
                    if english >= 3:
                        return f"English request inside a {name} frame"
    return None


def realism_problems(text: str) -> list[str]:
    """Why ``text`` does not read like a user's message (empty: it does)."""
    out: list[str] = []
    for rx in ARTEFACTS:
        m = rx.search(text)
        if m:
            out.append(f"template artefact '{m.group(0).strip()}'")
    for check in (_is_fragment, _mixed_language):
        why = check(text)
        if why:
            out.append(why)
    return out
