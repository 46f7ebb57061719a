"""Declarative cues of the classifier: lemma phrases and regexes, ordered specific → generic.

A phrase is a sequence of words that are lemmatised when compiled (see `morph.compile_phrase`):
`a|b` gives alternatives at one position, `наставни*` matches any lemma with that prefix, `...`
allows up to three words in between. Regex cues (`regex=True`) match the normalised raw text and
serve for codes such as «Р-145» that are not words. docs/classification.md describes this file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    phrase: str
    weight: float = 1.0
    regex: bool = False
    act: bool = False  # the code of a cited act («Р-145»), not the text's own words


# Р-145 as schools cite it: «Р-145», «145-р», and «№ 145 от 25.12.2019» without the letter.
R145 = (
    r"(?<![\w-])[РP]\s?-?\s?145\b|\b145\s?-\s?р\b"
    r"|№\s?145\s+от\s+(?:25\.12\.2019|25\s+декабря\s+2019)"
)

# Pupils who mentor pupils, named by their grade: «Наставники-десятиклассники провели для
# пятиклассников…», «старшеклассники-наставники» (the «ученик – ученик» form).
GRADE_MENTORS = (
    r"(?i:наставни\w*[^\S\n]*-?[^\S\n]*(?:\w+классни|старшеклассни)\w*"
    r"|(?:\w+классни|старшеклассни)\w*[^\S\n]*-?[^\S\n]*наставни)"
)

# --- What a document declares itself to be: phrases at the start of a head line. -------------
# (phrase, type); types map to kinds in classify.py. Specific phrases come first.
TYPE_HEADERS: tuple[tuple[str, str], ...] = (
    ("методический рекомендация", "methodology"),
    ("методический материал", "methodology"),
    ("памятка", "methodology"),
    ("презентация", "methodology"),
    # A questionnaire is a tool of monitoring, not its results (labelling.md: «анкеты»),
    # unless the title names its results.
    ("итог|результат|анализ ... анкета", "monitoring"),
    ("анкета|опросник", "methodology"),
    ("методология", "external"),
    ("распоряжение", "external"),
    ("постановление", "external"),
    ("указ", "external"),
    ("федеральный закон", "external"),
    ("концепция", "external"),
    ("письмо", "external"),
    ("дорожный карта", "roadmap"),
    ("план мероприятие", "roadmap"),
    ("план реализация", "roadmap"),
    ("план внедрение", "roadmap"),
    ("план работа наставник*", "program"),
    ("план работа", "roadmap"),
    ("календарный план", "roadmap"),
    ("план", "roadmap"),
    ("база|реестр|список|перечень ... наставник*|наставлять", "mentor_base"),
    ("база данные", "mentor_base"),
    ("наставник и наставлять", "mentor_base"),
    ("аналитический|информационный справка", "monitoring"),
    ("справка", "monitoring"),
    ("отчет", "monitoring"),
    ("итог|результат мониторинг", "monitoring"),
    # «Результаты реализации персонализированных программ…», «Итоги программ наставничества»:
    # a report on programmes run, whose object, not type, is the programme.
    ("итог|результат реализация|выполнение", "monitoring"),
    ("итог|результат ... программа", "monitoring"),
    ("мониторинг", "monitoring"),
    # A course for mentors is not a mentorship programme (labelling.md, hard case 18).
    ("дополнительный профессиональный программа", "course"),
    ("персонализировать программа", "program"),
    ("индивидуальный план|программа", "program"),
    ("программа", "program"),
    ("рабочий программа", "program"),
    ("положение", "regulation"),
    ("порядок", "regulation"),
    # A municipal or regional «target model» text is read as its положение (labelling.md, 5).
    ("муниципальный|региональный целевой модель", "regulation"),
)

# The order's own heading («ПРИКАЗ», «П Р И К А З», «ПРИКАЗ № 41-од»), not «приказом директора».
ORDER_HEADER = re.compile(r"^\W*П\s?Р\s?И\s?К\s?А\s?З(?:\s*$|\s*(?:№|от\b|\d))", re.IGNORECASE)
ORDER_VERB = "приказывать|постановлять"

# Lines that open an approval stamp; a heading met just below one belongs to the stamp.
APPROVAL_MARK = re.compile(
    r"^\W*(?:УТВЕРЖД[ЕЁ]Н[ОАЫ]?|УТВЕРЖДАЮ|ПРИНЯТ[ОАЫ]?|СОГЛАСОВАН[ОАЫ]?|РАССМОТРЕН[ОАЫ]?)\b",
    re.IGNORECASE,
)
# A line of a table of contents («5. Мониторинг программы ........ 13») names a section, not
# the document.
CONTENTS_LINE = re.compile(r"(?:\.{4,}|…{2,}|\s{3,})\s*\d{1,3}\s*$")
# So does a numbered section's heading («5.1. Мониторинг и оценка качества…»), unless the
# clause names the document itself: «1.1. Положение о наставничестве (далее – Положение)».
SECTION_LINE = re.compile(r"^\W*\d{1,2}(?:\.\d{1,2})*\.\s")
SELF_NAMED = re.compile(r"\(\s*далее\s*[–—-]", re.IGNORECASE)
ANNEX_HEADER = re.compile(r"^\W*Приложени[ея]\b", re.IGNORECASE)

# Who issued the document, read from its letterhead and signature (issuer.py); specific first.
# Each level's phrases are tried on the header, then on the signature.
# A title that names a territory's own system is that territory's act, reposted by a school
# («Положение о муниципальной системе наставничества педагогических работников … округа»).
ISSUER_TITLE_LEVELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("municipal", ("муниципальный система|модель ... наставничество",)),
    ("regional", ("региональный система|модель ... наставничество",)),
)
ISSUER_LEVELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "methodological_centre",
        (
            "методический центр",
            "имц|иро|ипк|ипкро|иппкро|цнппм|ирот|кипк",
            "институт развитие образование",
            "институт ... повышение квалификация",
            "центр непрерывный повышение",
            "региональный модельный центр",
        ),
    ),
    (
        "federal",
        (
            "министерство просвещение российский федерация",
            "минпросвещение россия",
            "президент российский федерация",
            "правительство российский федерация",
            "российский федерация ... министерство",
        ),
    ),
    (
        "regional",
        (
            "министерство ... область|край|республика",
            "министерство образование|просвещение",
            "департамент ... область|край|республика",
            "правительство ... область|край|республика",
            "губернатор",
            "глава республика",
        ),
    ),
    (
        "municipal",
        (
            "управление|отдел|комитет|департамент ... образование",
            # «КОиН» (комитет образования и науки), «РОНО», «ГорУО»: the bodies' short names.
            "коин|коина|роно|гороно|руо|горуо|моуо",
            "администрация ... район|округ|город|г|муниципальный|поселение",
            "муниципальный ... район|округ ... администрация",
        ),
    ),
    (
        "other",
        (
            "профсоюз",
            "профсоюзный организация|комитет",
            "профессиональный союз",
            "университет",
            "редакция",
        ),
    ),
)
# Authors outside the school system that can head a letterhead above a school's name
# («Первичная профсоюзная организация МКОУ …»); «в новой редакции» is no editorial office.
ISSUER_OPENING_AUTHORS: tuple[str, ...] = (
    "профсоюз",
    "профсоюзный организация|комитет",
    "профессиональный союз",
    "университет",
)
# A publication's marks (a byline, a journal, a newspaper, a publishing site): without a body
# named in its letterhead, such a text is its authors' or its editors', not a school's act.
ISSUER_PUBLICATION: tuple[str, ...] = (
    "автор",
    "журнал",
    "issn",
    "doi",
    "научный статья",
    "газета",
    "редакция",
    "колонка",
    "публикация",
    "сообщать|сообщить",
    "пресс служба",
)
# An authority's letter or act opens with these even when its letterhead was cut.
ISSUER_AUTHORITY: tuple[str, ...] = ("уважаемый руководитель",)
ISSUER_SCHOOL: tuple[str, ...] = (
    "школа",
    "гимназия",
    "лицей",
    "общеобразовательный",
    "дошкольный",
    "детский сад",
    "колледж",
    "техникум",
    "сош|оош|мбоу|маоу|мкоу|мбдоу|мадоу|мкдоу|гбоу|гбпоу|гапоу",
    # Organisations of additional education for children: a Дом детского творчества, a
    # station of young naturalists, a sports school.
    "учреждение дополнительный образование",
    "дом|центр|дворец ... творчество",
    "ддт|цдт|цдо|дюсш|сюн|сют",
)

# --- Is the document about the mentorship system at all? ------------------------------------
# Phrases removed before judging: the Year of the Teacher and Mentor is not itself mentorship.
# Nor is the attestation category «педагог-наставник», a qualification a teacher applies for.
MASKED = re.compile(
    r"год\w*\s+педагог\w*\s+и\s+наставник\w*"
    r"|(?:категори|аттестаци)\w*[^.\n]{0,60}?педагог\w*[\s-]+наставник\w*»?",
    re.IGNORECASE,
)

# Any of these in the title makes the document about mentorship.
TITLE_TOPIC: tuple[str, ...] = ("наставни*", "цмн", "наставлять", "целевой модель")
# Support of young specialists is the classic frame of teachers' mentorship (labelling.md, 13):
# a положение on it is one; any other document on it must also speak of mentors.
YOUNG_SPECIALISTS_TITLE: tuple[str, ...] = ("молодой специалист|педагог|учитель",)

# System context in the body; a title without a topic needs enough of it.
CONTEXT: tuple[Cue, ...] = (
    Cue("целевой модель наставничество", 2.0),
    Cue("цмн", 2.0),
    Cue("система ... наставничество", 1.5),
    Cue("программа наставничество", 1.5),
    Cue("наставлять", 1.5),
    Cue("наставнический пара|группа", 1.5),
    Cue("форма наставничество", 1.0),
    Cue("ученик ученик", 1.0),
    Cue("учитель учитель", 1.0),
    # Mentors of young teachers: the classic frame of teachers' mentorship (labelling.md, 13).
    # A kindergarten's young teacher is its «молодой воспитатель» (heldout35).
    Cue("наставни* ... молодой специалист|педагог|учитель|коллега|воспитатель", 1.5),
    Cue("молодой специалист|педагог|учитель|воспитатель ... наставни*", 1.5),
    # The same frame told in one sentence of a news item, wider than a phrase's gap: «Педагоги-
    # наставники поделились опытом работы с молодыми специалистами».
    Cue(
        r"(?i:наставни\w*[^.!?\n]{0,80}?\bмолод\w+\s+(?:специалист|педагог|учител|коллег|"
        r"воспитател)|\bмолод\w+\s+(?:специалист|педагог|учител|воспитател)\w*[^.!?\n]{0,80}?"
        r"\bнаставни)",
        1.5,
        regex=True,
    ),
    # The personalised programme is the teachers' mentorship system's own instrument
    # (АЗ-1128/08), told beside mentors in one sentence: «семинар для педагогов-наставников о
    # персонализированных программах» (heldout35).
    Cue(
        r"(?i:наставни\w*[^.!?\n]{0,80}?\bперсонализированн\w+\s+программ"
        r"|\bперсонализированн\w+\s+программ\w*[^.!?\n]{0,80}?\bнаставни)",
        1.5,
        regex=True,
    ),
    # The target model named with mentorship in one sentence, not word to word: «семинар
    # «Наставничество педагогических работников: опыт внедрения целевой модели»» (heldout25).
    # Only a model that stands alone: «целевая модель цифровой образовательной среды» is another.
    Cue(
        r"(?i:наставни\w*[^.!?\n]{0,80}?\bцелев\w+\s+модел\w*(?=\s*[»\"”.,;:!?)\n]|\s*$))",
        2.0,
        regex=True,
    ),
    # A programme or a form named by the form's two roles is the model's own: «в рамках
    # программы «Ученик – ученик»» (heldout24), «в форме «ученик – ученик»» (heldout26).
    Cue(
        r"(?i:(?:программ|форм)\w*\s+[«\"]?\s*(?:ученик|учитель|педагог|студент|работодатель)\s*[–—-]\s*"
        r"(?:ученик|учитель|педагог|студент))",
        1.5,
        regex=True,
    ),
    Cue(GRADE_MENTORS, 1.0, regex=True),  # a form, as «ученик – ученик»: so is a volunteer squad
    # «Школа молодого учителя (педагога)» with mentors at work in it: a school's standing form
    # of young teachers' mentorship (without mentors, a course like any other).
    Cue(
        r"[Шш]кол\w*\s+молод\w+\s+(?:учител|педагог|специалист|воспитател)\w*"
        r"(?=[\s\S]{0,300}наставни)",
        1.5,
        regex=True,
    ),
    Cue("куратор", 0.5),
    Cue("наставничество", 0.5),
    Cue("наставник", 0.25),
    Cue(R145, 2.0, regex=True, act=True),
    Cue(r"\b3273\s?-\s?р\b", 2.0, regex=True, act=True),
    Cue(r"\b[АA][З3]\s?-\s?1128\b", 2.0, regex=True, act=True),
    Cue(r"\bМР\s?-\s?42/02\b", 2.0, regex=True, act=True),
)
SYSTEM_CUE_WEIGHT = 1.5  # a body-only positive needs at least one cue this strong
CONTEXT_THRESHOLD = 4.0  # body score for a document whose title names no topic
# A short text (a news item, a note) names the system once: a system cue among school words is
# enough there.
SHORT_TEXT_CHARS = 1500
SHORT_CONTEXT_THRESHOLD = 2.0
NOTE_CHARS = 300  # a note of a sentence or two: one system cue in its words is what it tells
CONTEXT_DENSE = 8.0  # body score that needs no check of the field the text speaks of
LOOKALIKE_OVERRIDE = 12.0  # body score that outweighs a look-alike title
NEWS_THRESHOLD = 3.0
CUE_COUNT_CAP = 3

# Short real texts (news, practices, excerpts) name the system less often than our own: the
# mentorship of a school is also recognised by the system noun repeated among school words,
# when school words outnumber those of other fields (production, sport, labour law).
SYSTEM_NOUN = "наставничество|наставлять|наставнический"
MENTOR_WORD = "наставни*|наставлять"
SCHOOL_FIELD = (
    "педагог*|учитель|школа|обучаться|обучающийся|ученик|образовательный|воспитатель"
    "|гимназия|лицей|учреждение|студент"
    # Pupils named by their grade: «пятиклассники», «старшеклассники».
    "|первоклассник|второклассник|третьеклассник|четвероклассник|пятиклассник|шестиклассник"
    "|семиклассник|восьмиклассник|девятиклассник|десятиклассник|одиннадцатиклассник"
    "|старшеклассник"
)
# Fields that use «наставник» in other senses: production and business, sport, labour law,
# olympiads, attestation categories («педагог-наставник»), youth movements, charity.
OTHER_FIELD = (
    "производство|предприятие|работодатель|спортивный|тренер|трудовой|минтруд|выплата|бизнес"
    "|компания|сотрудник|волонтер*|несовершеннолетний|олимпиада|призер|победитель"
    "|аттестация|квалификационный|движение|фонд|сирота|подросток"
)
SCHOOL_MENTOR_WORDS = 2  # mentions of наставни* at least
SCHOOL_MENTOR_SPACING = 400  # and one mention per this many characters at least
SCHOOL_FIELD_WORDS = 2  # school words at least, and more than other fields' words

# What a page named after mentorship may tell instead of the system: a pupils' volunteer squad
# or patronage of the younger («Шефство и наставничество», «отряд «Старшие – младшим»»), the
# coaching of pupils for olympiads.
SECTION_OTHER_SUBJECT: tuple[str, ...] = (
    "волонтер*|волонтерский|доброволец|добровольческий",
    "шефство|шефствовать|шефский",
    "тимуровец|тимуровский",
    "отряд",
    # Teachers who coach pupils for olympiads (heldout26): a coach, in the labelling's words.
    "олимпиада|олимпиадный|всош",
)
SECTION_TEXT_CHARS = 1500  # the page's opening, where it says what it is about

# Titles of other subjects that also use «наставник», «план», «мониторинг».
LOOKALIKE_TITLE: tuple[str, ...] = (
    "воспитание",
    "фгос",
    "школьный форма",
    "форма одежда",
    "внешний вид",
    "тьютор*",
    "волонтер*",
    "добровольч*",
    "ппк",
    "психолого педагогический консилиум",
    "всоко",
    "качество образование",
    "режим работа|занятие",
    "правило внутренний распорядок",
    "классный руководство",
    "аттестация",
    "питание",
    "антикоррупц*|коррупция",
    "профориентация",
)
# Titles that put «наставник» in another field: they outweigh the topic itself.
OTHER_FIELD_TITLE: tuple[str, ...] = (
    "производство|предприятие|бизнес",
    "премия",
    "спортивный|спорт|тренер",
)

# News titles whose «наставник» is a winner's coach: an olympiad, a contest, a competition.
NEWS_OTHER_FIELD_TITLE: tuple[str, ...] = (
    "олимпиада",
    "победитель|призер|призёр|лауреат",
    "соревнование|турнир|первенство|чемпионат",
    # A contest or an award («конкурс «Наставник молодого специалиста»» of a trade union) is
    # news of the contest unless its text speaks of the school's system.
    "конкурс",
    "профсоюз*|профком",
)

# A methodology of the target model adopted for a territory is its положение there
# (labelling.md, hard case 5); the federal methodology itself names no territory.
TERRITORY = "область|край|республика|район|округ|город|муниципальный|региональный"
# --- Orders: which kind of mentorship order, judged on the order's title. ------------------
ORDER_SUBTYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "order_pairs",
        (
            "наставнический пара|группа",
            "закрепление ... наставник*|наставлять",
            "назначение наставник",
            "закрепить ... наставник*",
        ),
    ),
    (
        "order_implementation",
        (
            "внедрение|введение|реализация|организация ... наставничество|цмн|модель",
            "внедрение|введение ... система",
        ),
    ),
    (
        "order_other",
        (
            "куратор",
            "мониторинг",
            "поощрение|стимулирование",
            "награждение",
            "утверждение ... дорожный карта|план|программа",
        ),
    ),
    # An order on the model or system itself, or approving its положение, sets it up
    # (docs/labelling.md, hard case 3); judged after the narrower subjects above.
    (
        "order_implementation",
        (
            "целевой модель ... наставничество",
            "система ... наставничество",
            "положение ... наставничество",
        ),
    ),
)

# --- Audience. ------------------------------------------------------------------------------
STUDENTS: tuple[Cue, ...] = (
    # Pupils by the participle that names them («обучающиеся», «учащихся»); the verb itself
    # («будет учиться на опыте коллег») is what a young teacher does too, and Р-145's own
    # title («…наставничества обучающихся для организаций…») is the cited act's.
    Cue(r"(?i)\b(?:обучающ|учащ)\w*ся\b(?!\s+для\s+организаци)", 1.0, regex=True),
    Cue(r"(?i)наставничеств\w*\s+обучающихся\s+для\s+организаци", 1.0, regex=True, act=True),
    Cue("школьник|воспитанник|студент", 0.5),
    Cue("ученик ученик", 2.0),
    Cue(GRADE_MENTORS, 2.0, regex=True),
    Cue("учитель ученик", 2.0),
    Cue("студент|работодатель ученик", 1.0),
    Cue(R145, 2.0, regex=True, act=True),
)
TEACHERS: tuple[Cue, ...] = (
    Cue("педагогический работник", 1.0),
    Cue("молодой специалист|педагог|учитель|воспитатель", 1.5),
    Cue("начинающий педагог|учитель", 1.0),
    Cue("учитель учитель", 2.0),
    Cue("педагог педагог", 2.0),
    Cue("персонализировать программа", 0.5),
    Cue("педагогический наставничество", 1.5),
    Cue("наставничество работник", 1.5),
    Cue(r"\b3273\s?-\s?р\b", 2.0, regex=True, act=True),
    Cue(r"\b[АA][З3]\s?-\s?1128\b", 2.0, regex=True, act=True),
)
# A link text that names whose mentorship it is («Программа наставничества педагогов»): read
# only for a file known by its link alone (in a document's own title and body the same words
# also stand beside pupils' mentorship).
LINK_TEACHERS: tuple[Cue, ...] = (
    Cue("наставничество педагог|учитель|воспитатель|преподаватель", 1.5),
)
# Whom a text speaks of when it names neither group's cues above: its plain words for staff
# and for children, counted only then («опытный наставник помогает молодому коллеге»).
TEACHER_WORDS = "педагог|учитель|воспитатель|преподаватель|коллега|работник|сотрудник"
STUDENT_WORDS = "ребенок|ученик|школьник|подросток|детский|дети"
PLAIN_WORDS_MIN = 2  # mentions of the group at least
PLAIN_WORDS_RATIO = 3.0  # and this many times the other group's
# Parents named as the audience or the participants of a news item.
PARENTS: tuple[str, ...] = (
    "родитель|родительский",
    "законный представитель",
)
# Parents as the topic of the teachers' work («мастер-класс по работе с родителями»): the news
# informs teachers, not parents.
PARENTS_AS_TOPIC: tuple[str, ...] = (
    "работа|взаимодействие|сотрудничество|общение|работать|взаимодействовать с родитель",
)
# Forms of mentorship named «наставник – наставляемый»: whose mentees a text concerns.
# The forms of mentorship (Р-145): who mentors whom. A college names its staff
# «преподаватель», «мастер производственного обучения»; its pupils «студент», «обучающийся».
STUDENT_FORMS: tuple[str, ...] = (
    "ученик ученик",
    "учитель ученик",
    "студент ученик",
    "работодатель ученик",
    "педагог студент",
    "преподаватель студент",
    "мастер студент",
    "работодатель студент",
    "студент студент",
    # «обучающийся – обучающийся», «педагог – обучающийся» (the participle's lemma).
    "обучаться обучаться",
    "педагог обучаться",
    "учитель обучаться",
)
TEACHER_FORMS: tuple[str, ...] = (
    "учитель учитель",
    "педагог педагог",
    "преподаватель преподаватель",
    "воспитатель воспитатель",
    "руководитель педагог",
    "педагог молодой специалист",
)
# Both groups named as the targets of one system.
BOTH: tuple[str, ...] = (
    "педагогический работник и обучаться",
    "обучаться и педагогический работник",
    "педагог и обучаться",
    "обучаться и педагог",
)
# In a kindergarten only staff can be mentees, whatever template it copied (labelling.md, 7).
PRESCHOOL = "дошкольный|мбдоу|мадоу|мкдоу|гбдоу|доу|детский сад"
PRESCHOOL_CHARS = 600
AUDIENCE_RATIO = 2.0  # one side wins when it scores this many times the other

# --- Fallbacks when the text declares no type. ---------------------------------------------
NEWS_URL = re.compile(r"news|novost|novosti|/\d{4}/\d{2}/\d{2}/|/\d{4}-\d{2}-\d{2}-", re.I)
NEWS_VERBS: tuple[str, ...] = (
    "состояться",
    "пройти",
    "провести|проводиться",
    "приглашать",
    "принять участие",
    "встреча",
    "мастер класс",
)
NEWS_MAX_CHARS = 4000
# Body genres (genres.py), read in a text's lead when it names no type.
PRACTICE_CUES: tuple[str, ...] = (
    "опыт работы|создание|реализация",
    "из опыт",
    "лучший практика",
    "практика наставничество",
    "кейс",
    "авторский",
    "аннотация",
    "автор",
    "ключевой слово",
    "статья",
    "молодой ученый",
    "населенный пункт",
    "журнал",
    "issn",
    "обобщение опыт",
    "на пример",
)
PRACTICE_MIN = 2
# A survey or an analysis of how the system works: results of monitoring, wherever published.
SURVEY_CUES: tuple[str, ...] = (
    "опрос|анкетирование|анкетировать",
    "анализ ... наставничество|система|внедрение|реализация",
    "оценка эффективность",
    "итог|результат мониторинг|исследование",
)
SURVEY_CHARS = 1600
NEWS_EVENTS: tuple[str, ...] = (
    "состояться",
    "пройти",
    "провести|проводиться",
    "стартовать",
    "отмечаться|отметить",
    "наградить|чествовать|поздравить",
    "подвести итог",
    "отмечать",
    "собраться",
    "круглый стол",
    "беседа|интервью",
    "встретиться|встреча",
    "принять участие|участвовать",
    "открытие|открыться",
    "семинар|форум|конференция|совещание|фестиваль",
    "стать призер|победитель|лауреат|финалист",
    "выйти в финал",
    "сегодня",
    "делегация",
)
NEWS_EVENTS_MIN = 2
# An event that took place («прошёл слёт», «состоялась встреча»): the subject of a news story.
# Not «провели опрос», where the survey is what was done.
HELD_EVENTS: tuple[str, ...] = ("состояться", "пройти", "стартовать", "собраться")
# Whom an order appoints in its operative part, whatever its title says: «О внедрении целевой
# модели наставничества» whose item 4 reads «Назначить куратором … старшего воспитателя».
# (role, the word that names it in an item that appoints).
APPOINTED_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("curator", re.compile(r"куратор", re.I)),
    ("coordinator", re.compile(r"координатор", re.I)),
    ("responsible", re.compile(r"ответственн\w*\s+(?:за|лиц)", re.I)),
)
APPOINTING = re.compile(r"\b(?:назнач|определ|возлож)", re.I)
OPERATIVE_START = re.compile(r"П\s?Р\s?И\s?К\s?А\s?З\s?Ы\s?В\s?А\s?Ю|ПОСТАНОВЛЯЮ", re.I)
# The items of an operative part: «1.», «2)», or sentences.
OPERATIVE_ITEM = re.compile(r"(?:^|\n)\s*\d{1,2}(?:\.\d{1,2})*[.)]\s|;\s|\.\s+(?=[А-ЯЁ])")
MENTOR_BASE_CUES: tuple[str, ...] = ("база|реестр наставник*", "включить в база")
INCENTIVE_CUES: tuple[str, ...] = (
    "благодарность|грамота ... наставник*",
    "благодарственный письмо",
    "наградной",
)
# An excerpt of an act names what it is: «настоящая программа», «(далее – Положение)»; a
# programme opens with its «Пояснительная записка».
PROGRAM_SELF: tuple[str, ...] = ("настоящий программа", "далее программа", "пояснительный записка")
REGULATION_SELF: tuple[str, ...] = ("настоящий положение", "далее положение")
ROADMAP_TABLE: tuple[str, ...] = ("срок", "ответственный", "мероприятие")
MENTOR_BASE_TABLE: tuple[str, ...] = ("фио", "наставник", "наставлять")

# A title continues over the next lines until one of these starts the body.
BODY_START = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*[.)]\s|[IVX]+\.|Общие\s+положения|В\s+соответствии|На\s+основании|В\s+целях"
    r"|Во\s+исполнение|Руководствуясь"
    r"|С\s+целью|ПРИКАЗЫВАЮ|Паспорт|Пояснительная|Настоящ|Цель|Содержание|№\s*п)",
    re.IGNORECASE,
)
ORDER_TITLE = re.compile(r"^\W*(?:О|Об|Обо)\s+\S", re.IGNORECASE)
