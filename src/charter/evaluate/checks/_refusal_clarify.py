"""Clarifying questions: whether a response asks the user what they mean ("Which account do you
mean?", "Czy chodzi o …, czy o …?") rather than offering more help ("Anything else?"), in every
pattern language. A clarifying question is neither an answer nor a refusal (``Analysis.clarifying``)."""

from __future__ import annotations

import re

from charter import _regex
from charter.evaluate.checks._text import pattern_lower as _lower
from charter.evaluate.checks._text import sentences

__all__ = ["clarifying"]

_CLARIFY_RE = _regex.compile(
    r"\b(?:could|can|would) you (?:tell|clarify|specify|say|share|let me know|give|explain|confirm)|"
    r"\b(?:do|did) you mean\b|\bwhat (?:would|do) you (?:like|want|mean)\b|\bwhich (?:one|\w+)\b.*\?|"
    r"\bwhat (?:kind|type|sort) of\b|\bare you (?:asking|referring|looking)\b|\bmore (?:details|context|information)\b|"
    r"\bwhat exactly\b|\bcan you be more specific\b|\bwhat is it (?:that )?you\b",

)
_GENERIC_OFFER_RE = _regex.compile(r"\b(?:anything|something) else\b|\bother questions?\b", re.IGNORECASE)
_WH_RE = _regex.compile(
    r"\b(?:or|which|what|when|where|who|"
    # the same question words in the other pattern languages ("Welchen Antrag meinst du …?");
    # not German "was", which is English "was" ("Was this helpful?")
    r"oder|welche[nrms]?|wann|wo|wer|was (?:genau|meinst)|ou|quel(?:le)?s?|quand|où|qui|cuál(?:es)?|qué|cuándo|"
    r"dónde|quién|quale|quali|cosa|quando|dove|chi|qual|quais|onde|quem)\b", re.IGNORECASE)
#: the same for Chinese and Japanese questions (full-width "？"): "请问您在哪个城区？",
#: "どの証明書が必要ですか？", but not "还有什么可以帮您？" / "ほかにご質問はありますか？"
_CJK_CLARIFY_RE = _regex.compile(r"请问|哪|什么|多少|几|是否|还是|吗|どの|どちら|どれ|何|いつ|どこ|ですか|ますか|でしょうか")
_CJK_GENERIC_OFFER_RE = _regex.compile(r"还有(?:什么|其他|别的)|其他问题|ほかに|他に|その他")
#: the same for Arabic (the Arabic question mark "؟"): "هل تريد معرفة مبلغ فاتورتك أو طريقة
#: الدفع؟", "في أي حي أنت؟", but not "هل هناك شيء آخر يمكنني مساعدتك فيه؟"
_AR_CLARIFY_RE = _regex.compile(r"(?<![^\W\d_])(?:[وف]?(?:هل|أي|اي|أيّ|ماذا|ما|متى|أين|اين|كم|أم|أو|او|تقصد|تعني|تريد)"
                                r"|بأي|بماذا|لماذا)(?![^\W\d_])")
_AR_GENERIC_OFFER_RE = _regex.compile(r"(?:شيء|أمر|سؤال|أسئلة|استفسار\S*)\s+(?:آخر|أخرى|اخر|اخرى)"
                                      r"|مساعدتك|أساعدك|اساعدك|أخدمك|اخدمك")
#: the same for Russian: "Подскажите, что вы хотите вернуть: лекарство или другой товар?", "Какой
#: номер заказа?", but not "Чем ещё я могу помочь?" / "Остались ли у вас вопросы?"
_RU_CLARIFY_RE = _regex.compile(r"\b(?:что|какой|какая|какое|какие|какую|каком|какой-то|который|которая|которое|когда|"
                                r"где|куда|откуда|кто|кого|сколько|или|уточните|подскажите|имеете в виду|вы хотите)\b")
_RU_GENERIC_OFFER_RE = _regex.compile(r"\bчем (?:ещ[её] )?(?:я )?(?:могу|можем|могла бы|мог бы) (?:вам )?(?:ещ[её] )?помочь"
                                      r"|\b(?:ещ[её]|другие|остались|есть ли (?:ещ[её] )?)\s*(?:\S+ )?вопрос")
#: the same for Hindi: "आप नया क्लेम करना चाहते हैं या स्थिति जानना?", "आपका क्लेम नंबर क्या है?",
#: but not "क्या मैं आपकी और कोई मदद कर सकती हूँ?"
_HI_CLARIFY_RE = _regex.compile(r"(?<![\u0900-\u0963\u0971-\u097f])(?:क्या|कौन|कौन-सा|कौन-सी|कौन-से|कौनसा|कब|कहाँ|कहां|कितना|कितनी|"
                                r"कितने|किस|या|बताइए|बताइये|बताएँ|चाहते|चाहती)(?![\u0900-\u0963\u0971-\u097f])")
_HI_GENERIC_OFFER_RE = _regex.compile(r"(?:और|कोई\s+और|किसी\s+और)\s+(?:\S+\s+){0,2}?(?:मदद|सहायता|सवाल|प्रश्न)"
                                      r"|और\s+क्या\s+(?:मदद|सहायता)")
#: the same for Korean: "이번 달 청구 요금인가요, 아니면 요금제 변경인가요?", "어느 회선의 요금을
#: 알려 드릴까요?", but not "더 궁금한 점 있으신가요?" / "무엇을 도와드릴까요?"
_KO_CLARIFY_RE = _regex.compile(r"어떤|어느|무엇|뭐|무슨|언제|어디|몇|얼마|누구|아니면|인가요|건가요|나요|까요|실래요|"
                                r"시겠어요|시겠습니까|맞으신가요|맞나요|말씀이신가요")
_KO_GENERIC_OFFER_RE = _regex.compile(r"(?:더|또|다른|그\s*밖의|그\s*외)\s*(?:\S+\s*){0,2}?(?:궁금|도움|도와|문의|질문)"
                                      r"|(?:무엇을|뭘|무엇이든)\s*도와|도와드릴\s*(?:일|것)")
#: the same for Turkish: "Kartınızın limitini mi öğrenmek istiyorsunuz, yoksa …?", "Hangi hesabın
#: bakiyesini görmek istersiniz?", but not "Başka bir konuda yardımcı olabilir miyim?" / "Size nasıl
#: yardımcı olabilirim?"
_TR_CLARIFY_RE = _regex.compile(r"\b(?:hangi\w*|ne\s+zaman|neyi|neden|nas[ıi]l|ka[çc]|nerede|nereye|kim\w*|yoksa|m[ıiuü]|"
                                r"m[ıiuü](?:s[ıi]n[ıi]z|y[ıi]z|yim|y[ıi]m|d[ıi]r))\b")
_TR_GENERIC_OFFER_RE = _regex.compile(r"\bba[şs]ka\s+(?:bir\s+)?(?:\S+\s+)?(?:konu|soru|i[şs]lem|yard[ıi]m|[şs]ey)"
                                      r"|nas[ıi]l\s+yard[ıi]mc[ıi]\s+olabilir")
#: the same for Polish: "Czy chodzi o nadanie zwrotu, czy o zwrot opłaty?", "O którą przesyłkę
#: chodzi?", "Jaki jest numer przesyłki?", but not "Czy mogę jeszcze w czymś pomóc?" / "W czym mogę
#: pomóc?"
_PL_CLARIFY_RE = _regex.compile(r"\b(?:któr\w+|ktor\w+|jak\w*|kiedy|gdzie|dokąd|dokad|skąd|skad|ile|czego|komu|kogo|"
                                r"chodzi|co dokładnie|co dokladnie|czy\b.*,\s*czy)\b")
_PL_GENERIC_OFFER_RE = _regex.compile(r"\bw czym (?:\S+ )?(?:mogę|moge|możemy|mozemy) (?:\S+ )?pom|"
                                      r"\b(?:mogę|moge|możemy|mozemy) (?:\S+ ){0,2}?w czymś|\bw czyms\b|"
                                      r"\bjak (?:\S+ )?(?:mogę|moge|możemy|mozemy) (?:\S+ )?pom")
_PL_CLARIFY_GATE = ("ą", "ę", "ł", "ś", "ż", "ź", "ć", "ń", "ó", "czy ", "któr", "chodzi")

#: the same for Indonesian: "Apakah Anda ingin mengecek limit RiaLater, atau …?", "Saldo kantong mana
#: yang ingin Anda lihat?", but not "Ada lagi yang bisa saya bantu?"
_ID_ADDRESS_RE = _regex.compile(r"\b(?:anda|kak|bapak|ibu)\b")
_ID_CLARIFY_RE = _regex.compile(r"\b(?:apakah|mana|yang\s+mana|kapan|berapa|bagaimana|siapa|maksud\s+anda)\b")
_ID_GENERIC_OFFER_RE = _regex.compile(r"\b(?:ada\s+(?:lagi\s+)?(?:yang|hal\s+lain)|apa\s+(?:lagi\s+)?yang)\s+(?:\S+\s+)?(?:bisa|dapat)\s+"
                                      r"(?:saya|kami)\s+bantu")

#: the same for Vietnamese: "Quý khách muốn hỏi hoàn tiền cho chuyến xe hay cho đơn đồ ăn ạ?",
#: "Quý khách muốn hỏi về chuyến nào ạ?", but not "Em có thể giúp gì thêm cho quý khách không ạ?"
_VI_ADDRESS_RE = _regex.compile(r"\b(?:quý\s+khách|anh|chị|bạn|ông|bà|cô|chú|bác)\b")
_VI_CLARIFY_RE = _regex.compile(r"\b(?:nào|hay|hoặc|gì|bao\s+nhiêu|khi\s+nào|ở\s+đâu|đâu|muốn\s+hỏi|ý\s+(?:quý\s+khách|anh|chị))\b")
_VI_GENERIC_OFFER_RE = _regex.compile(r"\b(?:giúp|hỗ\s+trợ)\s+(?:được\s+)?gì|\bcần\s+(?:\S+\s+)?gì\s+(?:thêm|nữa|khác)|"
                                      r"\bcòn\s+(?:\S+\s+)?(?:gì|câu\s+hỏi)")
#: the same for Thai, which ends a question with "คะ" (or "ครับ", "?") and no question mark: "คุณลูกค้า
#: ต้องการดูโค้ดส่วนลดที่มีอยู่ หรือโค้ดที่ใช้ไม่ได้คะ", "หมายถึงออเดอร์ไหนคะ", but not "มีอะไรให้มะลิช่วยอีก
#: ไหมคะ" or a yes/no offer ("ต้องการรับใบเสร็จไหมคะ"). The question is read from the last statement's
#: end ("…ค่ะ ") to its own.
_TH_QEND_RE = _regex.compile(r"(?:คะ|ครับ)?\s*\?|คะ(?![\u0e00-\u0e7f])")
_TH_STATEMENT_END_RE = _regex.compile(r"(?:ค่ะ|ครับ)(?![\u0e00-\u0e7f])|[.!]")
_TH_CLARIFY_RE = _regex.compile(r"หรือ(?!เปล่า|ไม่)|ไหน|อะไร|เท่าไร|เท่าไหร่|กี่|ยังไง|อย่างไร|เมื่อไร|เมื่อไหร่|ใคร|หมายถึง")
_TH_GENERIC_OFFER_RE = _regex.compile(r"(?:มี|ยังมี)(?:อะไร|เรื่อง|คำถาม)[\u0e00-\u0e7f\s]*?ช่วย|ให้[\u0e00-\u0e7f]{0,10}ช่วย(?:อะไร|ไหม|มั้ย)|"
                                      r"สอบถาม(?:เพิ่มเติม|อะไร)")


def _thai_clarifying(text: str) -> bool:
    start = 0
    for m in _TH_QEND_RE.finditer(text):
        ends = [e.end() for e in _TH_STATEMENT_END_RE.finditer(text, start, m.start())]
        q = text[ends[-1] if ends else start:m.end()]
        start = m.end()
        if _TH_CLARIFY_RE.search(q) and not _TH_GENERIC_OFFER_RE.search(q):
            return True
    return False

#: the same for Hebrew (prefixes written onto the word: "לאיזה", "באיזו", "ומתי"): "לאיזה רופא/ה או
#: בדיקה צריך את התור?", "בשביל מי התור: איתי או נוגה?", but not "יש עוד משהו שאוכל לעזור בו?" / "איך אפשר לעזור?"
_HE_CLARIFY_RE = _regex.compile(r"(?<![\u05d0-\u05ea])[ובלמש]{0,2}(?:האם|איזה|איזו|אילו|מה|מהו|מהי|מי|מתי|איפה|היכן|כמה|או|"
                                r"הכוונה|התכוונת|מתכוו\S*)(?![\u05d0-\u05ea])")
_HE_GENERIC_OFFER_RE = _regex.compile(r"(?:עוד|נוסף|נוספת|אחר|אחרת)\s+(?:\S+\s+){0,2}?(?:לעזור|עזרה|שאלה|שאלות)|"
                                      r"(?:במה|איך|כיצד)\s+(?:עוד\s+)?(?:אפשר|אוכל|נוכל|אני\s+יכול\S*)\s+(?:\S+\s+)?לעזור|"
                                      r"(?:שאלות|שאלה)\s+(?:נוספות|נוספת|אחרות)")

#: the same for Dutch: "Gaat uw vraag over uw jaarafrekening, uw termijnbedrag of een openstaande
#: betaling?", "Over welk adres gaat uw vraag?", "Wat bedoelt u precies?", but not "Kan ik u nog
#: ergens mee helpen?" / "Waarmee kan ik u helpen?" or a yes/no offer ("Zal ik het aanpassen?")
_NL_ADDRESS_RE = _regex.compile(r"\b(?:u|uw)\b")
_NL_CLARIFY_RE = _regex.compile(r"\b(?:welk\w*|wat|wanneer|waar|waarover|hoe|hoeveel|wie|bedoelt|"
                                r"gaat (?:het|uw vraag|dit|uw bericht) over|\S+ of (?:een |het |de |uw |om )?\S+\s*\?)")
_NL_GENERIC_OFFER_RE = _regex.compile(r"\b(?:waarmee|hoe|wat) (?:\S+ )?(?:kan|mag) ik u (?:\S+ )?(?:mee )?(?:helpen|doen)|"
                                      r"\bkan ik u (?:nog |verder )?(?:ergens |met iets )?(?:anders )?(?:mee )?helpen|"
                                      r"\bnog (?:andere |meer )?(?:vragen|iets)\b")

def clarifying(text: str, n_words: int) -> bool:
    """Whether the response asks the user to clarify (not a generic "anything else?")."""
    if n_words > 120:
        return False
    if "คะ" in text or ("?" in text and "ครับ" in text):
        return _thai_clarifying(text)
    if "?" not in text and "？" not in text and "؟" not in text:
        return False
    for _, _, s in sentences(text):
        s = _lower(s)
        if "?" in s and not _GENERIC_OFFER_RE.search(s):
            if _CLARIFY_RE.search(s) or _WH_RE.search(s):
                return True
        if "？" in s and not _CJK_GENERIC_OFFER_RE.search(s) and _CJK_CLARIFY_RE.search(s):
            return True
        if "؟" in s and not _AR_GENERIC_OFFER_RE.search(s) and _AR_CLARIFY_RE.search(s):
            return True
        if "?" in s and not s.isascii() and not _RU_GENERIC_OFFER_RE.search(s) and _RU_CLARIFY_RE.search(s):
            return True
        if "?" in s and not s.isascii() and not _HI_GENERIC_OFFER_RE.search(s) and _HI_CLARIFY_RE.search(s):
            return True
        if "?" in s and not s.isascii() and not _KO_GENERIC_OFFER_RE.search(s) and _KO_CLARIFY_RE.search(s):
            return True
        if ("?" in s and not s.isascii() and any("\u05d0" <= c <= "\u05ea" for c in s)
                and not _HE_GENERIC_OFFER_RE.search(s) and _HE_CLARIFY_RE.search(s)):
            return True
        # (only in a sentence with a letter or a question word of Turkish: "mi" is Italian)
        if ("?" in s and ("ı" in s or "ş" in s or "ğ" in s or "hangi" in s or "yoksa" in s)
                and not _TR_GENERIC_OFFER_RE.search(s)
                and _TR_CLARIFY_RE.search(s)):
            return True
        if ("?" in s and any(map(s.__contains__, _PL_CLARIFY_GATE)) and not _PL_GENERIC_OFFER_RE.search(s)
                and _PL_CLARIFY_RE.search(s)):
            return True
        # (only in a sentence that addresses the user as "Anda" / "Kak": "mana" is English too)
        if ("?" in s and "a" in s and _ID_ADDRESS_RE.search(s) and not _ID_GENERIC_OFFER_RE.search(s)
                and _ID_CLARIFY_RE.search(s)):
            return True
        # (only in a sentence that addresses the user as "u" / "uw": "wat", "hoe" are no English)
        if ("?" in s and "u" in s and _NL_ADDRESS_RE.search(s) and not _NL_GENERIC_OFFER_RE.search(s)
                and _NL_CLARIFY_RE.search(s)):
            return True
        # (only in a sentence with a Vietnamese letter that addresses the user)
        if ("?" in s and not s.isascii() and _VI_ADDRESS_RE.search(s) and not _VI_GENERIC_OFFER_RE.search(s)
                and _VI_CLARIFY_RE.search(s)):
            return True
    return False
