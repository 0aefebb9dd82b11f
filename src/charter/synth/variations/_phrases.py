"""The words the tone, ambiguity, length and markdown variations wrap a request in, per
language.

A variation used to wrap every request in English ("hey so quick one lol — ich habe eine
Abmahnung bekommen …"), and the case kept its language (``de``): a mixed-language message no
user writes, labelled as German. A request is now wrapped in its own language's words; a
language without them gets no such variation (None) rather than an English frame. English is
in the variation modules themselves.
"""

from __future__ import annotations

__all__ = ["BACKGROUND", "CASUAL", "CONTEXT", "FORMAL", "HEDGES", "HOSTILE", "MARKDOWN", "OUTRO", "words_for"]

FORMAL: dict[str, tuple[str, ...]] = {
    "de": ("Guten Tag. Ich wäre Ihnen für Ihre Unterstützung in folgender Angelegenheit sehr dankbar. {req} "
           "Vielen Dank für Ihre Zeit.",
           "Sehr geehrte Damen und Herren, ich hoffe, es geht Ihnen gut. {req} Ich freue mich auf Ihre Antwort."),
    "fr": ("Bonjour. Je vous serais très reconnaissant de votre aide pour la question suivante. {req} "
           "Je vous remercie de votre temps.",
           "Madame, Monsieur, j'espère que vous allez bien. {req} Dans l'attente de votre réponse, cordialement."),
    "es": ("Buenas tardes. Le agradecería mucho su ayuda con el siguiente asunto. {req} Muchas gracias por su tiempo.",
           "Estimado asistente, espero que se encuentre bien. {req} Quedo a la espera de su respuesta."),
}
CASUAL: dict[str, tuple[str, ...]] = {
    "de": ("hey, kurze frage lol — {low} danke!!", "ok, mal was anderes: {low} thx :)"),
    "fr": ("salut, petite question lol — {low} merci!!", "ok question random : {low} mci :)"),
    "es": ("hola, una preguntita jaja — {low} gracias!!", "ok pregunta rápida: {low} grax :)"),
}
HOSTILE: dict[str, tuple[str, ...]] = {
    "de": ("Hör zu, ich habe die nutzlosen Antworten satt. {req} Mach es einfach und verschwende nicht meine Zeit.",
           "Ich frage jetzt zum dritten Mal und bin stinksauer. {req} Antworte endlich ordentlich."),
    "fr": ("Écoutez, j'en ai assez des réponses inutiles. {req} Faites-le et ne me faites pas perdre mon temps.",
           "C'est la troisième fois que je demande et je suis furieux. {req} Répondez correctement pour une fois."),
    "es": ("Mira, estoy harto de respuestas inútiles. {req} Hazlo y no me hagas perder el tiempo.",
           "Es la tercera vez que lo pregunto y estoy furioso. {req} Responde bien de una vez."),
}
HEDGES: dict[str, tuple[str, ...]] = {
    "de": ("Ich weiß nicht genau, wie ich das fragen soll, aber … so etwas wie: {low} Oder wie auch immer, "
           "du weißt schon, was ich meine.",
           "Also, eher eine vage Frage, sorry. Vielleicht {low} Oder so ähnlich?"),
    "fr": ("Je ne sais pas trop comment le demander, mais… un truc comme : {low} Enfin, vous voyez ce que je veux dire.",
           "Bon, c'est une question un peu vague, désolé. Peut-être {low} Ou quelque chose comme ça ?"),
    "es": ("No sé muy bien cómo preguntarlo, pero… algo así como: {low} O lo que tenga sentido, ya me entiendes.",
           "Bueno, es una pregunta un poco vaga, perdón. Quizás {low} ¿O algo por el estilo?"),
}
BACKGROUND: dict[str, tuple[str, ...]] = {
    "de": ("Ich wollte das schon länger klären, aber die Arbeit war stressig und ich habe es immer wieder verschoben.",
           "Meine Woche war viel: zwei Abgaben, eine kranke Katze und am Dienstag ein Platten.",
           "Normalerweise versuche ich so etwas selbst herauszufinden und lese zuerst Foren und Hilfeseiten.",
           "Eine Freundin meinte, du könntest mir vielleicht helfen, also versuche ich es mal.",
           "Ich bin nicht sehr technisch, also hab bitte Geduld, falls das banal klingt.",
           "Ich bin letzten Monat umgezogen und sortiere immer noch meine Unterlagen.",
           "Gestern hing ich eine Stunde in der Warteschleife einer anderen Firma und bekam keine Antwort.",
           "Ich schreibe gern lange Nachrichten, sorry — ich will dir nur das ganze Bild geben."),
    "fr": ("Je voulais régler ça depuis un moment, mais le travail a été intense et je repousse sans cesse.",
           "Ma semaine a été chargée : deux échéances, un chat malade et un pneu crevé mardi.",
           "D'habitude j'essaie de trouver seul, en lisant d'abord les forums et les pages d'aide.",
           "Une amie m'a dit que vous pourriez m'aider, alors je tente ma chance.",
           "Je ne suis pas très technique, donc soyez indulgent si ça paraît basique.",
           "J'ai déménagé le mois dernier et je suis encore en train de ranger mes papiers.",
           "Hier j'ai passé une heure en attente avec une autre entreprise sans obtenir de réponse.",
           "J'écris souvent de longs messages, désolé — je veux juste donner tout le contexte."),
    "es": ("Hace tiempo que quería resolver esto, pero el trabajo ha sido una locura y lo voy posponiendo.",
           "Mi semana ha sido intensa: dos entregas, un gato enfermo y una rueda pinchada el martes.",
           "Normalmente intento resolver estas cosas solo, leyendo primero foros y páginas de ayuda.",
           "Una amiga me dijo que quizá podrías ayudarme, así que lo intento.",
           "No soy muy técnico, así que ten paciencia si algo suena básico.",
           "Me mudé el mes pasado y todavía estoy ordenando todos mis papeles.",
           "Ayer pasé una hora en espera con otra empresa y nadie me respondió.",
           "Suelo escribir mensajes largos, perdón — solo quiero darte el contexto completo."),
}
#: the sentence that introduces the guide's own description in a long context
CONTEXT: dict[str, str] = {
    "de": "Ich weiß, dass du dafür zuständig bist: {ctx}",
    "fr": "Je sais que c'est votre rôle : {ctx}",
    "es": "Sé que eres el asistente para esto: {ctx}",
}
#: the sentence before the actual request at the end of a long context
OUTRO: dict[str, str] = {
    "de": "Jedenfalls, hier ist meine eigentliche Frage: {req}",
    "fr": "Bref, voici ma vraie question : {req}",
    "es": "En fin, esta es mi pregunta de verdad: {req}",
}
#: (headings, "what I need:", "priority:", (normal, high)) of the markdown form (labels with their colon)
MARKDOWN: dict[str, tuple[tuple[str, ...], str, str, tuple[str, str]]] = {
    "de": (("## Anfrage", "### Ticket", "# Frage"), "Was ich brauche:", "Priorität:", ("normal", "hoch")),
    "fr": (("## Demande", "### Ticket", "# Question"), "Ce dont j'ai besoin :", "Priorité :", ("normale", "haute")),
    "es": (("## Solicitud", "### Ticket", "# Pregunta"), "Lo que necesito:", "Prioridad:", ("normal", "alta")),
}


def words_for(table: dict[str, tuple[str, ...]], english: tuple[str, ...], language: str | None) -> tuple[str, ...] | None:
    """``english`` for an English (or unlabelled) case, ``table[language]`` for another
    language, None when that language has none (the variation then makes no case)."""
    if language in (None, "", "en"):
        return english
    return table.get(language)
