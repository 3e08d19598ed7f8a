"""The words the drafting rules know: states and what stands for them, titles, connectives.

Connectives are written as lemmas (``привести к``, not «привело к»/«приведёт к»), so
that one entry covers every form the analyser reduces to it.
"""

from __future__ import annotations


from ..text import fold as fold  # the one fold: names are compared as words


def _folded(*names: str) -> frozenset[str]:
    return frozenset(fold(n) for n in names)


# ---------------------------------------------------------------------------------------
# Russian

RU_STATES = _folded(
    "Азербайджан", "Россия", "Армения", "Турция", "Украина", "Грузия", "Иран", "Индия",
    "Пакистан", "Израиль", "Китай", "США", "Франция", "Германия", "Великобритания",
    "Казахстан", "Белоруссия", "Беларусь", "Молдавия", "Молдова", "Узбекистан", "Киргизия",
    "Таджикистан", "Туркмения", "Туркменистан", "ОАЭ", "Сирия", "Ирак", "Саудовская Аравия",
    "Катар", "Египет", "Япония", "Польша", "Италия", "Испания", "Канада", "Бразилия",
    "Венгрия", "Сербия", "Румыния", "Болгария", "Греция", "Латвия", "Литва", "Эстония",
    "Финляндия", "Швеция", "Норвегия", "Афганистан", "КНДР", "Южная Корея", "Вьетнам",
    "Монголия", "Мексика", "Аргентина", "Австралия", "Швейцария", "Австрия", "Нидерланды",
    "Бельгия", "Чехия", "Словакия", "Португалия", "Ливан", "Иордания", "Ливия", "Алжир",
    "Марокко", "Тунис", "Судан", "Эфиопия", "Нигерия", "ЮАР", "Индонезия", "Малайзия",
    "Куба", "Никарагуа", "Венесуэла", "Чили", "Дания", "Ирландия", "Корея",
    # States of the past, named as the texts of their time name them.
    "СССР", "Югославия", "Чехословакия", "ГДР", "ФРГ", "Российская империя",
)
# Capitals and metonyms, folded, with the actor they stand for.
RU_METONYMS = {fold(k): v for k, v in {
    "Баку": "Азербайджан", "Москва": "Россия", "Кремль": "Россия", "РФ": "Россия",
    "Российская Федерация": "Россия", "Ереван": "Армения", "Анкара": "Турция",
    "Киев": "Украина", "Тбилиси": "Грузия", "Тегеран": "Иран", "Пекин": "Китай",
    "Вашингтон": "США", "Белый дом": "США", "Брюссель": "Европейский союз",
    "Евросоюз": "Европейский союз", "ЕС": "Европейский союз", "Лондон": "Великобритания",
    "Париж": "Франция", "Берлин": "Германия", "Минск": "Белоруссия", "Астана": "Казахстан",
    "Исламабад": "Пакистан", "Нью-Дели": "Индия", "Дели": "Индия", "Тель-Авив": "Израиль",
    "Иерусалим": "Израиль", "Кишинёв": "Молдавия", "Ташкент": "Узбекистан",
    "Гавана": "Куба", "Советский Союз": "СССР", "Союз ССР": "СССР", "Токио": "Япония",
}.items()}
# A capital that stood for another state in its time: «Москва» is the USSR in a text that
# names the USSR and not Russia.
RU_EARLIER = {fold("Россия"): "СССР", fold("Германия"): "ГДР"}
RU_ORGANIZATIONS = _folded("Европейский союз", "ООН", "ОБСЕ", "НАТО", "СНГ", "ОДКБ", "ЕАЭС",
                           "ШОС", "БРИКС")
RU_GROUPS = _folded("Запад")
# What the NER tags as a name but is no actor: common abbreviations.
RU_NOT_ACTORS = _folded("СМИ", "ВВП", "IT", "ИТ", "VPN", "НКО", "ЧП", "МИД")

# ---------------------------------------------------------------------------------------
# English

EN_STATES = _folded(
    "Azerbaijan", "Russia", "Armenia", "Turkey", "Türkiye", "Ukraine", "Georgia", "Iran",
    "India", "Pakistan", "Israel", "China", "United States", "USA", "US", "France",
    "Germany", "United Kingdom", "UK", "Britain", "Kazakhstan", "Belarus", "Moldova",
    "Uzbekistan", "Japan", "Poland", "Italy", "Spain", "Canada", "Brazil", "Mexico",
    "Australia", "Switzerland", "Austria", "Netherlands", "Belgium", "Greece", "Egypt",
    "Syria", "Iraq", "Qatar", "Saudi Arabia", "Norway", "Sweden", "Finland", "Denmark",
    "Ireland", "Portugal", "Hungary", "Serbia", "Romania", "Bulgaria", "South Korea",
    "North Korea", "Vietnam", "Indonesia", "Nigeria", "South Africa", "Argentina",
    "Cuba", "Venezuela", "Chile", "Denmark", "Korea",
    "Soviet Union", "USSR", "Yugoslavia", "Czechoslovakia", "East Germany", "West Germany",
)
EN_METONYMS = {fold(k): v for k, v in {
    "Moscow": "Russia", "Kremlin": "Russia", "the Kremlin": "Russia", "Baku": "Azerbaijan",
    "Yerevan": "Armenia", "Ankara": "Turkey", "Kyiv": "Ukraine", "Kiev": "Ukraine",
    "Tbilisi": "Georgia", "Tehran": "Iran", "Beijing": "China", "Washington": "United States",
    "White House": "United States", "Brussels": "European Union", "EU": "European Union",
    "London": "United Kingdom", "Paris": "France", "Berlin": "Germany", "Tokyo": "Japan",
    "Ottawa": "Canada", "Delhi": "India", "New Delhi": "India", "Havana": "Cuba",
    "the Soviet Union": "Soviet Union", "Soviets": "Soviet Union", "the USSR": "Soviet Union",
    "USSR": "Soviet Union",
}.items()}
EN_EARLIER = {fold("Russia"): "Soviet Union"}
EN_ORGANIZATIONS = _folded("European Union", "United Nations", "UN", "NATO", "OSCE")
EN_GROUPS = _folded("West", "the West")
EN_NOT_ACTORS = _folded("I", "OK", "TV", "PDF", "CEO", "AM", "PM", "GDP")
EN_TITLES = frozenset({
    "Mayor", "President", "Prime", "Minister", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr",
    "Dr.", "Senator", "Governor", "Chief", "Judge", "Professor", "Councillor", "Councilor",
    "Chancellor", "King", "Queen", "General", "Colonel", "Captain", "Sir", "Lady", "Lord",
    "Deputy", "Secretary", "Director", "Engineer", "Inspector", "Officer", "Sheriff",
})
EN_FUNCTION_WORDS = frozenset({
    "The", "A", "An", "In", "On", "At", "By", "For", "From", "To", "Of", "And", "But", "Or",
    "After", "Before", "When", "While", "Since", "Until", "If", "As", "With", "Without",
    "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "His", "Her",
    "Their", "Our", "Some", "Others", "Many", "Most", "Few", "Both", "Each", "Every", "No",
    "Not", "So", "Yet", "Still", "Then", "Now", "There", "Here", "However", "Although",
    "Because", "Unlike", "According", "Later", "Earlier", "Meanwhile", "Also", "Even",
    "Only", "Last", "Next", "First", "Two", "Three", "One",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday",
})
EN_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "no", "vs", "e.g", "i.e", "etc",
                              "prof", "sen", "gov", "gen", "col", "capt", "jr", "sr"})
EN_ORGANIZATION_WORDS = frozenset({
    "Council", "Association", "Ministry", "Agency", "Union", "Organization", "Organisation",
    "Committee", "Party", "Company", "Corporation", "Inc", "Ltd", "News", "Bank", "University",
    "School", "Court", "Parliament", "Department", "Office", "Board", "Authority",
    "Commission", "Service", "Club", "Society", "Fund", "Trust", "Times", "Post", "Herald",
    "Institute", "Foundation", "Federation", "Chamber", "Assembly", "Police", "Army",
    "Museum", "Library", "Hospital", "Theatre", "Theater", "Network", "Force", "Forces",
    "Navy", "Guard",
})
# Words of places and peoples: a capitalised run with one of them names no person
# ("West Berlin", "Berlin Airlift", "West German").
EN_NOT_IN_NAMES = frozenset({"West", "East", "North", "South", "Western", "Eastern",
                             "Northern", "Southern", "Central", "New", "Old", "Great",
                             "German", "British", "American", "Soviet", "French", "Russian",
                             "Deutsche", "War", "World", "Airlift", "Mark", "Street", "River",
                             "Bay", "Island", "Airport", "Bridge"})
# The endings of English adjectives that describe people («local traders», «Russian officials»).
EN_ADJECTIVE_ENDINGS = ("al", "ian", "ish", "ese", "ic", "ive", "ent", "ern", "ant", "ary",
                        "less", "ful", "ous")
EN_PEOPLE = frozenset({
    "residents", "engineers", "officials", "commentators", "workers", "farmers", "citizens",
    "protesters", "politicians", "diplomats", "journalists", "peacekeepers", "soldiers",
    "voters", "students", "teachers", "owners", "shop owners", "shopkeepers", "experts",
    "critics", "supporters", "drivers", "commuters", "parents", "volunteers", "inspectors",
    "councillors", "councilors", "lawmakers", "activists", "analysts", "traders",
})
EN_DETERMINERS = frozenset({"the", "a", "an", "some", "many", "most", "few", "several", "all",
                            "both", "other", "these", "those", "their", "our", "its", "his",
                            "her", "and", "of", "to", "that", "which", "who", "by", "for",
                            "with", "from", "in", "on", "at", "as", "two", "three"})


NOT_AN_ACTOR = ("", "")


def classify(name: str, language: str) -> "tuple[str, str] | None":
    """What the lexicons know of a name: (kind, the actor it stands for), or
    :data:`NOT_AN_ACTOR`, or ``None`` for a name they do not know."""
    folded = fold(name)
    ru = language == "ru"
    if folded in (RU_NOT_ACTORS if ru else EN_NOT_ACTORS):
        return NOT_AN_ACTOR
    state = (RU_METONYMS if ru else EN_METONYMS).get(folded)
    if state is not None:
        return kind_of(state, language), state
    if folded in (RU_GROUPS if ru else EN_GROUPS):
        return "group", name
    if folded in (RU_STATES if ru else EN_STATES):
        return "state", name
    return None


def kind_of(actor: str, language: str) -> str:
    """A state, unless what it names is an organization (the EU) or a group (the West)."""
    folded = fold(actor)
    organizations = RU_ORGANIZATIONS if language == "ru" else EN_ORGANIZATIONS
    groups = RU_GROUPS if language == "ru" else EN_GROUPS
    if folded in organizations:
        return "organization"
    if folded in groups:
        return "group"
    return "state"


# ---------------------------------------------------------------------------------------
# Connectives, as lemma sequences: how cause and effect stand around them.
#   forward   cause MARKER effect           («X привело к Y», "X led to Y")
#   backward  effect MARKER cause           («Y из-за X», "Y because of X")
#   previous  at a sentence's start: the previous sentence is the cause («Поэтому Y»)

RU_CAUSAL = (
    ("forward", ("привести", "к")), ("forward", ("вызвать",)), ("forward", ("стать", "причина")),
    ("forward", ("повлечь",)), ("forward", ("спровоцировать",)), ("forward", ("породить",)),
    ("forward", ("обусловить",)), ("forward", ("вынудить",)), ("forward", ("углубить",)),
    ("forward", ("обострить",)), ("forward", ("ослабить",)), ("forward", ("ослаблять",)),
    ("forward", ("обернуться",)), ("forward", ("заставить",)), ("forward", ("подтолкнуть",)),
    ("backward", ("из-за",)), ("backward", ("потому", "что")), ("backward", ("так", "как")),
    ("backward", ("вследствие",)), ("backward", ("благодаря",)), ("backward", ("в", "ответ", "на")),
    ("backward", ("в", "результат")), ("backward", ("поскольку",)), ("backward", ("ибо",)),
    ("previous", ("поэтому",)), ("previous", ("в", "результат", "это")),
    ("previous", ("вследствие", "это")), ("previous", ("из-за", "это")),
    ("previous", ("следовательно",)), ("previous", ("в", "ответ")),
)
EN_CAUSAL = (
    ("forward", ("led", "to")), ("forward", ("lead", "to")), ("forward", ("leads", "to")),
    ("forward", ("caused",)), ("forward", ("causes",)), ("forward", ("resulted", "in")),
    ("forward", ("triggered",)), ("forward", ("prompted",)), ("forward", ("forced",)),
    ("forward", ("pushed",)), ("forward", ("made",)),
    ("backward", ("because", "of")), ("backward", ("because",)), ("backward", ("due", "to")),
    ("backward", ("as", "a", "result", "of")), ("backward", ("thanks", "to")),
    ("backward", ("in", "response", "to")),
    ("previous", ("as", "a", "result")), ("previous", ("therefore",)),
    ("previous", ("consequently",)), ("previous", ("so",)), ("previous", ("in", "response")),
)
# Who says so: a reading held by someone.
RU_ATTRIBUTION = (
    ("по", "мнение"), ("по", "слово"), ("по", "оценка"), ("с", "точка", "зрение"),
    ("считать",), ("полагать",), ("думать",), ("утверждать",), ("заявить",), ("заявлять",), ("отметить",),
    ("назвать",), ("настаивать",), ("уверять",), ("уверенный",), ("признать",),
    ("не", "исключать"), ("говорить",), ("казаться",),
)
EN_ATTRIBUTION = (
    ("according", "to"), ("said",), ("says",), ("say",), ("argued",), ("argues",), ("argue",),
    ("claimed",), ("claims",), ("believe",), ("believes",), ("believed",), ("thought",),
    ("called",), ("insisted",),
    ("warned",), ("noted",), ("think",), ("thinks",), ("disagreed",), ("criticised",),
    ("criticized",),
)
# A reading, not a happening: a sentence with one of these is a dispute's candidate, never
# an event's («по мнению историков, …», "some historians argue …").
RU_OPINION = (
    ("по", "мнение"), ("с", "точка", "зрение"), ("по", "оценка"), ("считать",), ("полагать",),
    ("думать",), ("уверенный",), ("убеждённый",), ("убеждать",), ("спорить",),
)
EN_OPINION = (
    ("according", "to"), ("argue",), ("argues",), ("argued",), ("believe",), ("believes",),
    ("believed",), ("think",), ("thinks",), ("in", "the", "view", "of"), ("claim",),
    ("claims",), ("claimed",), ("disagree",), ("disagreed",), ("contend",), ("contends",),
)
# Markers after which the holder of a reading is named («по мнению генералов»); after the
# others, the holder is named before the verb («генералы считали»).
RU_HOLDER_AFTER = frozenset({("по", "мнение"), ("с", "точка", "зрение"), ("по", "оценка"),
                             ("по", "слово")})
EN_HOLDER_AFTER = frozenset({("according", "to"), ("in", "the", "view", "of")})
# Two readings set against each other.
RU_CONTRAST = (("однако",), ("но",), ("в", "то", "время", "как"), ("напротив",),
               ("тогда", "как"), ("между", "тем"), ("другой",))
EN_CONTRAST = (("however",), ("but",), ("while",), ("whereas",), ("others",),
               ("on", "the", "other", "hand"), ("instead",))
# «Одни … другие»: the first half of a pair of readings.
RU_SOME = (("одни",), ("кто-то",), ("некоторые",))  # matched as written: «один» is too common
EN_SOME = (("some",), ("some", "people"))
# Words that point back to what the previous sentence told («этот случай» → that event).
RU_ANAPHORA = frozenset({"этот", "это", "эти", "такой", "тот", "данный"})
EN_ANAPHORA = frozenset({"this", "these", "that", "such", "it"})
