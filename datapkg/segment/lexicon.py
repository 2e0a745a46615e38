"""The English the segmenter knows, and only here: word lists (honorifics, role and
organisation words, reporting verbs and their forms, pronouns, prepositions, kinship
words, nouns for works and sayings), thresholds, and the patterns built from them.
Every other module of the segmenter reads these; none spells a word itself.
"""

from __future__ import annotations

import re


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Characters that end a sentence, and the marks that may trail them ("end.”").
_SENTENCE_END = frozenset(".!?…")


_TRAILERS = frozenset("\"”’')]")


_OPEN_BRACKETS = frozenset("([{<")


_DASHES = frozenset("-–—")


_WORD_RE = re.compile(r"\S+")


_SEPARATOR_RE = re.compile(r"[*\-_=~#•·.+ ]{3,}")


_URL_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.-]+\.(?:org|com|net|info|uk|edu|gov)(?:/\S*)?")


_BOILER_START_RE = re.compile(
    r"(?:>\s|(?:read )?(?:the )?full story\s*:|read more\b|click here\b|more info\b|further info|"
    r"for (?:more|further) (?:info|information|details)\b|contact(?: us)?\s*:|tel\s*:|"
    r"phone\s*:|e-?mail\s*:|share this\b|print this\b|posted by\b|tags\s*:|"
    r"subscribe\b|sign up\b)",
    re.IGNORECASE,
)


_FORM_INVITE_RE = re.compile(r"\b(?:fill in|fill out|complete) the form\b", re.IGNORECASE)


_CLOCK_RE = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)


# A trailing bare attribution after a sentence: "... tested. V.I.Lenin".
_ATTRIBUTION_RE = re.compile(
    r"[.!?…][\"”’')]*\s*(?:[-–—]\s*)?"
    r"((?:[A-Z][\w’'.-]*)(?:\s+(?:(?:of|de|von|van|al|bin)\s+)?[A-Z][\w’'.-]*){0,3})$"
)


_NAME_LINE_RE = re.compile(r"(?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){1,3}")


# A capitalised run: "Robert Gates", "Times of India", "V.I.Lenin".
# Arabic names may have a lower-case particle: "Mustafa al-Khadimi" (a run that opens with
# one, "al-Sadr", is found from its capital and widened by `_particle_start`).
_CAP_TOKEN = r"[A-Z](?:[\w’'-]|\.(?=\w))*"


_PARTICLES = r"(?:al|el|ad|ar|as|ash|at|az|an|bin|ibn|abu)-"


_CAP_RUN = (
    _CAP_TOKEN
    + r"(?:[ \t]+(?:(?:of|de|du|van|von|al|bin|la|le)[ \t]+|"
    + _PARTICLES
    + r")?"
    + _CAP_TOKEN
    + r")*"
)


# Searched on its own, the run takes possessive repeats ("*+"): the same matches, as nothing
# follows to give words back to, without the regex engine keeping a way back for every
# word, which cost 170 bytes a character on one endless capitalised run.
_CAP_RUN_RE = re.compile(_CAP_RUN.replace(")*", ")*+"))


_PARTICLE_BEFORE_RE = re.compile(r"(?<![\w’'-])" + _PARTICLES + r"$")


_HONORIFICS = _wordset(
    "Mr Mrs Ms Miss Dr Sir Lord Lady Dame General Gen Col Colonel Captain Capt Major Maj "
    "Lt Lieutenant Sergeant Sgt Professor Prof Rev Father Sheikh Ayatollah Judge "
    "Admiral Commander Senator Sen Rep Congressman Congresswoman Councillor Councilor "
    "Councilman Councilwoman Mayor Alderman Inspector Detective Constable Sheriff Bishop "
    "Rabbi Imam Pastor"
)


_ROLE_WORDS = _wordset(
    "Secretary Minister President Prime Chancellor Ambassador Governor Chairman Chair "
    "Director Spokesman Spokeswoman Spokesperson Leader Chief Editor Deputy Vice Foreign "
    "Defence Defense State Home Shadow Interior Justice Home Affairs Conservative Labour "
    "Democratic Republican Democrat Republican Envoy Adviser Advisor"
)


_NOT_NAMES = _wordset(
    "The A An In On At Of For And But Or If As When While Since After Before Although "
    "Though This That These Those It Its He She They We I You His Her Their Our My Your "
    "Even Yet So Then Thus Only Also Now Here There What Which Who Why How Where "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April May June July August September October November December According "
    "Meanwhile However Indeed Instead Still Further Furthermore Moreover Against With "
    "From By To Into Under Over Between Among Through During Despite Without Within "
    "Both All Some Many Most Such Every Each No Not Nor Neither Either Yes Last Next "
    "Having Being Writing Speaking Asked Addressing Accusing Referring Following "
    "Afterwards Afterward Later Earlier Today Yesterday Tonight Tomorrow Finally Eventually "
    "Perhaps Suddenly Sometimes Often Once Recently Initially Nevertheless Besides Otherwise "
    "Certainly Clearly Obviously Unfortunately Fortunately Apparently Overall Again"
)


_ORG_WORDS = _wordset(
    "Times Mail Post Guardian Independent Telegraph Journal Herald Tribune News Press "
    "Party Army Ministry Council Committee University College Office Coalition Group "
    "Government Bank Forces Force Union Nations Agency Department Institute Centre Center "
    "Street Zone Mosque Brigade Regiment Council Congress Senate House Court Commission "
    "Day War Alliance Movement Front League Corporation Company Inc Ltd Review Magazine "
    "Channel Television Radio BBC CNN Network Organisation Organization Association"
)


# Reporting verbs. "state" only counts before "that"/":" since it is usually a noun.
_CUE_ALTS = (
    r"according to|in the words of|goes on|went on|go on|speaks thus|put it|"
    r"says|said|saying|say|tells|told|telling|tell|stated|states|stating|"
    r"state(?=\s+that\b|\s*:)|declares|declared|declaring|declare|"
    r"adds|added|adding|add(?=\s*:)|replies|replied|replying|reply(?=\s*:)|"
    r"observes|observed|observing|writes|wrote|writing|written|notes|noted|noting|"
    r"explains|explained|explaining|claims|claimed|claiming|claim|warns|warned|warning|warn|"
    r"argues|argued|arguing|asks|asked|asking|answered|answers|recalls|recalled|"
    r"remembers|remembered|admits|admitted|admitting|admit|concludes|concluded|"
    r"continues(?=\s*:|\s+[A-Z])|continued(?=\s*:|\s+[A-Z])|"
    r"describes|described|describing|reported|announces|announced|confirms|confirmed|"
    r"commented|comments|predicted|predicts|insists|insisted|urges|urged|cried|shouted|"
    r"suggests|suggested|acknowledges|acknowledged|stressed|stresses|conceded|concedes|"
    r"quipped|revealed|reveals|alleges|threatened|threatens|boasted|complained|complains|"
    r"demanded|demands|promised|vowed|wondered|thundered|proclaimed|proclaims|"
    r"maintained|maintains|pointed out|points out|opined|screamed|whispered|"
    r"insisting|acknowledging|assured|assures|assuring|demanding"
)


_CUE_RE = re.compile(r"(?<![\w’'-])(?:" + _CUE_ALTS + r")(?![\w’'-])", re.IGNORECASE)


# The same verbs as word sets: scanning words and looking them up is much faster than
# trying the whole alternation at every position of a long sentence.
_TOKEN_RE = re.compile(r"[A-Za-z]+(?:[’'-][A-Za-z]+)*")


_CUE_WORDS = _wordset(
    "says said saying say tells told telling tell stated states stating declares declared "
    "declaring declare adds added adding replies replied replying observes observed "
    "observing writes wrote writing written notes noted noting explains explained "
    "explaining claims claimed claiming claim warns warned warning warn argues argued "
    "arguing asks asked asking answered answers recalls recalled remembers remembered "
    "admits admitted admitting admit concludes concluded describes described describing "
    "reported announces announced confirms confirmed commented comments predicted predicts "
    "insists insisted urges urged cried shouted suggests suggested acknowledges "
    "acknowledged stressed stresses conceded concedes quipped revealed reveals alleges "
    "threatened threatens boasted complained complains demanded demands promised vowed "
    "wondered thundered proclaimed proclaims maintained maintains opined screamed whispered "
    "insisting acknowledging assured assures assuring demanding"
)


_CUE_PAIRS = {
    "according": "to",
    # "goes on to say" / "He went on:", never "the dance will go on ‘until ...’".
    "goes": r"on(?=\s+to\b|\s*[:,.])",
    "went": r"on(?=\s+to\b|\s*[:,.])",
    "go": r"on(?=\s+to\b|\s*[:,.])",
    "speaks": "thus",
    "put": "it",
    "pointed": "out",
    "points": "out",
    "made": "clear",
    "makes": "clear",
    "make": "clear",
}


_CUE_PAIR_RES = {w: re.compile(r"\s+" + nxt + r"\b") for w, nxt in _CUE_PAIRS.items()}


# Verbs that name what someone calls a thing: they report words only with a subject and
# the quotation right after their object ("Delgado called the delay “a gift”"), never
# passive ("is still called the ‘bar’"), impersonal ("they call it") or "so-called".
_CALL_WORDS = _wordset("call calls called calling")


_NOT_CALLERS = _wordset("is was are were be been being not still also so they people you we")


# Verbs that characterise: "condemned the attacks as “terrorism”" (only with "as").
_AS_WORDS = _wordset(
    "condemn condemns condemned condemning dismiss dismisses dismissed dismissing "
    "denounce denounces denounced denouncing hail hails hailed hailing brand brands"
)


_AS_END_RE = re.compile(r"\bas\s*$")


# Verbs that are usually nouns or mean something else unless a colon or name follows.
_CUE_GUARDED = {
    "state": re.compile(r"\s+that\b|\s*:"),
    "reads": re.compile(r"\s*[:,]"),
    "read": re.compile(r"\s*:"),
    "add": re.compile(r"\s*:"),
    "reply": re.compile(r"\s*:"),
    "continues": re.compile(r"\s*:|\s+[A-Z]"),
    "continued": re.compile(r"\s*:|\s+[A-Z]"),
}


# A cue, optionally after a subject, right after a closing mark: ", Kerry declared".
_AFTER_RE = re.compile(
    r"[,.!?…;]?[ \t]*(?:\((?:[^()\n]{0,60})\)[ \t]*)?"
    r"(?:(?P<np>(?:[\w’'.-]+[ \t]+){1,5}?)(?:\w+ly[ \t]+)?(?P<cue1>" + _CUE_ALTS + r")"
    r"|(?P<cue2>" + _CUE_ALTS + r"))(?![\w’'-])"
)


_SCARE_BEFORE_RE = re.compile(
    r"(?:so-called|so called|self-styled|self-proclaimed|slogan(?:s)?(?: of)?|the term|the word|"
    r"the phrase|the label|known as|dubbed|named|called|branded|labelled|labeled|nicknamed|"
    r"termed|christened|as it were|the notion of|the idea of)\s*[:,]?\s*$",
    re.IGNORECASE,
)


_TITLE_BEFORE_RE = re.compile(
    r"(?:\bsee(?: also)?|\bentitled|\btitled|\bheadlined|\bheaded|\bthe (?:book|article|film|"
    r"song|novel|poem|play|essay|pamphlet|report|documentary|headline|editorial|column|"
    r"programme|program|album|series))\s*[:,]?\s*$",
    re.IGNORECASE,
)


_TITLE_AFTER_RE = re.compile(r"\s*,\s*(?:[A-Z]|\d{1,2}\s+[A-Z])")


_PRONOUNS = frozenset({"he", "she", "him", "her"})


_BARE_SUBJECTS = frozenset({"it", "they", "we", "i", "you", "who", "which", "that"})


_AUXILIARIES = _wordset(
    "was is has had have were been be also then once correctly rightly later "
    "recently reportedly then-and would will could may might once again has"
)


_NP_STARTERS = _wordset(
    "the a an one this that another some his her their its our two three several many "
    "most each every"
)


_SENTENCE_START_RE = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


_PREPOSITIONS = _wordset("by of in to for with on at from about into than")


_SUBORDINATORS = _wordset("as that which when while because since and but where who")


_ELISIONS = frozenset({"em", "tis", "twas", "n", "cause", "til", "till", "bout", "round"})


_PARTICLE_NAME_RE = re.compile(_PARTICLES + r"[A-Z]")


_ROLE_BEFORE_NAME = _wordset(
    "president minister secretary leader general senator chancellor ambassador spokesman "
    "spokeswoman commander candidate governor chairman envoy cleric colonel captain "
    "mr mrs ms dr"
)


_NAME_WORD_RE = re.compile(r"[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)*")


# Longer than any name with its role words ("Former US Secretary of Defense Robert M.
# Gates"); also what keeps a text of one endless capitalised run cheap.
_MAX_NAME_RUN_CHARS = 120


# Words that show the word before them is a clause's subject: "Osei said", "Dorsey had".
_VERBISH = _wordset(
    "is was has had have were are will would could can may might must should did does "
    "do also then stood went came got made took gave found thought knew left kept met ran "
    "sat saw spoke held brought began felt put set"
)


# Words after which a lone capitalised word is a person's name: "my uncle Teo", "named Tobias".
_KIN_WORDS = _wordset(
    "father mother dad mum mam mom son daughter brother sister uncle aunt nephew niece "
    "cousin grandfather grandmother grandad granddad grandpa grandma gran nan granny wife "
    "husband partner friend neighbour neighbor boss colleague named called"
)


# Kinship words used as names: "Dad used to say ...".
_KIN_NAMES = frozenset({"Dad", "Mum", "Mam", "Mom", "Grandad", "Grandpa", "Grandma", "Nan", "Gran"})


# Common nouns for things (documents, sayings, groups of words) rather than people.
_THING_WORDS = _wordset(
    "piece article report statement letter poll study survey leaflet release website sign "
    "poster footnote reply note document paper editorial column headline message memo "
    "email e-mail post tweet blog book plan text survey passage petition"
)


_INDEFINITES = _wordset(
    "one some someone somebody anyone anybody nobody another other others many several all"
)


_GENDERED_RE = re.compile(r"(?<![\w’'])(?:(he|his|him|himself)|(she|her|hers|herself))(?![\w’'])")


_GENDER_HONORIFICS = {"Mr": "he", "Mrs": "she", "Ms": "she", "Miss": "she", "Sir": "he"}


_SUBJECT_LEAD_RE = re.compile(
    r"(?:^|[.!?][\"”’]?\s+)(?:(?:But|And|When|Then|So)\s+|(?:[^\s.!?]+\s+){0,4}[^\s.!?]+,\s+)?$"
)


_MALE_KIN = _wordset("father dad uncle brother son husband grandfather grandad granddad grandpa")


_FEMALE_KIN = _wordset("mother mum mam mom aunt sister daughter wife grandmother grandma gran nan")


_KIN_NP_RE = re.compile(
    r"\b(?:[Mm]y|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Yy]our)\s+("
    + "|".join(sorted(_MALE_KIN | _FEMALE_KIN))
    + r")\b"
)


_SUBJECT_RE = re.compile(r"\s*(?:(?:the|The)\s+)?" + _CAP_RUN + r"(?=\s|$)")


_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})


# Adverbs and verbs of habit or aspect between a subject and its reporting verb:
# "he just says", "Dad used to say", "she went on to add".
_SUBJECT_FILLERS = _wordset(
    "just even never still often always sometimes simply merely once usually already "
    "to used going wanted wants tried began begins went goes on"
)


_NP_STOPS = _PREPOSITIONS | _SUBORDINATORS | _VERBISH | _CUE_WORDS | _wordset("who whom whose")


# Nouns for what someone said: "Ada’s rule was ..." is Ada's saying.
_SAYING_WORDS = _wordset(
    "rule motto words advice message answer reply response verdict slogan line comment "
    "saying mantra warning instruction question"
)


_DETERMINERS = _NP_STARTERS | _wordset("my your these those")


_OPENERS = _wordset("The A An This That These Those His Her Their Its Our My Your One")


_NP_PREPOSITIONS = _wordset("of for in at from with")


_APPOSED_NAME_RE = re.compile(
    r",\s+(?:(?:a|an|the)\s+[^,.;:]{0,40}?\s(?:called|named)\s+)?("
    + _CAP_RUN
    + r")(?=\s*(?:[,.;:!?]|$))"
)


# A full stop that ends a sentence, not "Mr." or an initial: "says Ms Orr. Thus ...".
_ABBREVIATION_END_RE = re.compile(
    r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bMrs)(?<!\bGen)(?<!\bCol)(?<!\bRev)"
    r"(?<!\b[A-Z])\.\s+(?=[A-Z])"
)


_CLOSER = {"‘": "’", "“": "”", '"': '"', "'": "'"}


_NP_AFTER_RE = re.compile(
    r"\s*((?:[\w’'.-]+[ \t]*){1,6}?)(?=[,:;.!?()“\"‘]|[-–—]\s|$|(?<=\s)(?:who|with|in)\b)"
)


# After "according to" a phrase may run on: "one soldier with the 69th Regiment who ...".
_WIDE_NP_AFTER_RE = re.compile(
    r"\s*((?:[\w’'.-]+[ \t]*){1,8}?)(?=[,:;.!?()“\"‘]|[-–—]\s|$|(?<=\s)(?:who|in)\b)"
)


_CONTRACTION_RE = re.compile(r"[’'](?:d|ll|s|ve|re|m)$", re.IGNORECASE)


_FIRST_PERSON = frozenset({"i", "we", "you"})


_ADJACENT_RE = re.compile(r"\s*(?:that\s*|[:,]\s*)?")


_PERSON_NOUNS = _wordset(
    "official officials spokesman spokeswoman spokesperson source sources aide aides adviser "
    "advisers officer officers man woman men women critic critics expert experts analyst "
    "analysts lawyer lawyers witness witnesses resident residents worker workers member members"
)


_IMPERSONAL = _wordset("people you one we everyone everybody someone somebody nobody")


_PASSIVE_MARKERS = _wordset("was were is are been being be when if once after")


_BARE_DETERMINER_RE = re.compile(r"\s+(?:a|an|the|some|this|his|her|their|its|our|my)\s+")


_PARENTHETICAL_RE = re.compile(r",\s*(?:[\w’'-]+\s+){1,3}$")


_THAT_RE = re.compile(r"\bthat\b")


# A reported clause without "that": a subject pronoun and a verb ("says he is ...").
_COMPLEMENT_RE = re.compile(
    r"\s*(?:he|she|they|it|we|i)\s+(?:is|was|are|were|has|had|have|will|would|could|can|"
    r"should|must|might|may|did|does|do)\b"
)


_ASIDE_RE = re.compile(r"\s*,[^,.;:!?]{1,40},\s*")  # "It reads, in red capitals, “...”"


_INTRODUCES_RE = re.compile(r"\s*(?::|that\b)")


_COPULA_END_RE = re.compile(r"\b(?:was|is|were|are|remains|remained)\s*$")


_DASH_NAME_RE = re.compile(r"[—–-]+\s*(" + _CAP_RUN + r")")


_CITATION_RE = re.compile(r"[.,;]?\s*\((?:[Ss]ee\s+)?(" + _CAP_RUN + r")[,.]")


_WORDS_OF_RE = re.compile(
    r"[.,;]?\s*(?:These|Those|They|Such) (?:are|were) (?:the )?(?:very )?words of\s+"
)


# Nouns for works, which the title follows or precedes ("her collection “Low Water”",
# "“Undertow,” a story collection", "A 1998 study by the Unit, ‘After Coal’").
_WORKS = (
    r"(?:book|novel|collection|anthology|memoir|song|album|single|track|hymn|anthem|film|movie|"
    r"play|musical|opera|poem|essay|article|report|study|paper|pamphlet|leaflet|exhibition|"
    r"show|series|programme|program|documentary|headline|editorial|column|painting|lecture)s?"
)


_WORK_BEFORE_RE = re.compile(
    r"\b" + _WORKS + r"(?:\s+(?:by|from)\s+[^,;:.“”\"‘’]{1,60})?\s*[:,]?\s*$", re.IGNORECASE
)


_WORK_AFTER_RE = re.compile(
    r"[,.]?\s*,?\s*(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}" + _WORKS + r"\b"
)


_PUBLISHER_AFTER_RE = re.compile(r"\s*\([A-Z][^()]{0,60}?,[^()]*\d")  # "(Harrow & Finch, 384 pages"


_THE_BEFORE_RE = re.compile(r"\bthe\s+$", re.IGNORECASE)


_TITLE_WORD_RE = re.compile(r"[\w’'-]+")


_POSSESSIVE_BEFORE_RE = re.compile(r"[A-Z]\w*(?:’s|'s|’|')\s+(?:\w+\s+)?$")


_SMALL_WORDS = _wordset("a an and the of in on at to for or by with & from")


_INNER_SENTENCE_END_RE = re.compile(r"[.!?]\s+[A-Z“\"‘]")
