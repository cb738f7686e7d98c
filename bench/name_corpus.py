"""Invented children for the name-search quality benchmark (bench/name_search_quality.py): a
hotline's pool of many origins, targets registered as a hotline writes them, and the searches
for each target written by other conventions, with the child each should find.

Only common given and family names, combined at random: no real child.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from anyascii import anyascii

# --- Ukrainian: Cyrillic given name, its Russian form (Cyrillic); family names in Cyrillic ------

UKRAINIAN_GIVEN = [
    ("Олександр", "Александр"), ("Марія", "Мария"), ("Анастасія", "Анастасия"),
    ("Дмитро", "Дмитрий"), ("Микола", "Николай"), ("Олена", "Елена"), ("Іван", "Иван"),
    ("Юлія", "Юлия"), ("Сергій", "Сергей"), ("Андрій", "Андрей"), ("Олексій", "Алексей"),
    ("Євген", "Евгений"), ("Катерина", "Екатерина"), ("Ганна", "Анна"), ("Наталія", "Наталья"),
    ("Тетяна", "Татьяна"), ("Віктор", "Виктор"), ("Максим", "Максим"), ("Богдан", "Богдан"),
    ("Ірина", "Ирина"), ("Софія", "София"), ("Михайло", "Михаил"), ("Павло", "Павел"),
    ("Петро", "Пётр"), ("Василь", "Василий"), ("Олег", "Олег"), ("Ярослав", "Ярослав"),
    ("Вікторія", "Виктория"), ("Дарина", "Дарья"), ("Юрій", "Юрий"), ("Денис", "Денис"),
    ("Артем", "Артём"), ("Кирило", "Кирилл"), ("Назар", "Назар"), ("Єлизавета", "Елизавета"),
    ("Ольга", "Ольга"), ("Людмила", "Людмила"), ("Григорій", "Григорий"), ("Валерія", "Валерия"),
    ("Злата", "Злата"), ("Соломія", "Соломия"), ("Христина", "Кристина"), ("Тарас", "Тарас"),
    ("Ілля", "Илья"), ("Яна", "Яна"), ("Поліна", "Полина"), ("Данило", "Даниил"),
    ("Вероніка", "Вероника"), ("Ростислав", "Ростислав"), ("Устим", "Устин"),
]  # fmt: skip
UKRAINIAN_FAMILY = [
    "Левченко", "Дячук", "Коваленко", "Шевченко", "Бондаренко", "Ткаченко", "Кравченко",
    "Олійник", "Шевчук", "Поліщук", "Бойко", "Ковальчук", "Мельник", "Савченко", "Руденко",
    "Мороз", "Лисенко", "Петренко", "Клименко", "Марченко", "Захарченко", "Ющенко", "Гнатюк",
    "Кузьменко", "Павленко", "Гаврилюк", "Пономаренко", "Романюк", "Харченко", "Яковенко",
    "Зінченко", "Щербак", "Білоус", "Федорчук", "Гончаренко", "Тимошенко", "Григоренко",
    "Ярошенко", "Костенко", "Юрченко", "Симоненко", "Вакуленко", "Чорновол", "Жук",
    "Лук'яненко", "Литвиненко", "Хоменко", "Іваненко", "Семенюк", "Кириленко", "Нестеренко",
    "Демченко", "Сидоренко", "Гуменюк", "Приходько", "Панченко", "Антонюк", "Ничипорук",
    "Остапчук", "Євтушенко",
]  # fmt: skip

_VOWELS_CYR = set("аеєиіїоуюяь'")


def _romanise(
    text: str,
    table: dict[str, str],
    initial: dict[str, str],
    double_s: str = "",
    start_only: bool = False,
) -> str:
    """Letter by letter: `initial` at the start of the word (and after a vowel or apostrophe,
    unless `start_only`), `table` elsewhere; `double_s` for с between vowels."""
    out = []
    lower = text.lower()
    for i, char in enumerate(lower):
        before = lower[i - 1] if i else ""
        after = lower[i + 1] if i + 1 < len(lower) else ""
        if char in initial and (not before or (before in _VOWELS_CYR and not start_only)):
            piece = initial[char]
        elif char == "с" and double_s and before in _VOWELS_CYR and after in _VOWELS_CYR:
            piece = double_s
        else:
            piece = table.get(char, char)
        out.append(piece)
    word = "".join(out)
    return word[:1].upper() + word[1:] if text[:1].isupper() else word


_KMU = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "ё": "io",
}  # fmt: skip
_KMU_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_GERMAN = {
    **_KMU, "в": "w", "є": "je", "ж": "sch", "з": "s", "й": "j", "х": "ch", "ц": "z",
    "ч": "tsch", "ш": "sch", "щ": "schtsch", "ю": "ju", "я": "ja", "ї": "ji",
}  # fmt: skip
_GERMAN_INITIAL = {"є": "je", "ї": "ji", "й": "j", "ю": "ju", "я": "ja"}
_POLISH = {
    **_KMU, "в": "w", "ж": "ż", "й": "j", "л": "ł", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz",
    "щ": "szcz", "ю": "iu", "я": "ia", "ї": "ji",
}  # fmt: skip
_POLISH_INITIAL = {"є": "je", "ї": "ji", "й": "j", "ю": "ju", "я": "ja"}
_FRENCH = {
    **_KMU, "ж": "j", "й": "ï", "у": "ou", "ч": "tch", "ш": "ch", "щ": "chtch", "ю": "iou",
    "я": "ia", "ї": "ï", "х": "kh",
}  # fmt: skip
_FRENCH_INITIAL = {"є": "ie", "ї": "ï", "й": "i", "ю": "iou", "я": "ia"}
_RUSSIAN_STYLE = {
    **_KMU, "г": "g", "и": "i", "й": "y", "є": "ye", "ї": "yi", "ю": "yu", "я": "ya", "ё": "yo",
    "ы": "y", "э": "e",
}  # fmt: skip
_RUSSIAN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya", "е": "ye"}


def kmu(text: str) -> str:
    """Ukrainian passport romanisation (the 2010 national table)."""
    text = text.replace("зг", "з\x00").replace("Зг", "З\x00")  # зг is zgh, not zh
    table = {**_KMU, "\x00": "gh"}
    return " ".join(_romanise(w, table, _KMU_INITIAL, start_only=True) for w in text.split())


def _words(text: str, table: dict[str, str], initial: dict[str, str], double_s: str) -> str:
    return " ".join(_romanise(w, table, initial, double_s) for w in text.split())


ROMANISATIONS: dict[str, Callable[[str], str]] = {
    "German romanisation": lambda t: _words(t, _GERMAN, _GERMAN_INITIAL, "ss"),
    "Polish romanisation": lambda t: _words(t, _POLISH, _POLISH_INITIAL, "").replace("łi", "li"),
    "French romanisation": lambda t: _words(t, _FRENCH, _FRENCH_INITIAL, "ss"),
    "Russian-style romanisation": lambda t: _words(t, _RUSSIAN_STYLE, _RUSSIAN_INITIAL, ""),
}

# --- Arabic-origin names: Arabic script, the hotline's spelling, other Latin spellings ---------

ARABIC_GIVEN = [
    ("محمد", "Mohammed", ["Muhammad", "Mohamed", "Mohammad", "Muhammed"]),
    ("أحمد", "Ahmed", ["Ahmad", "Achmed"]),
    ("يوسف", "Youssef", ["Yusuf", "Yousef", "Yussef"]),
    ("عمر", "Omar", ["Umar", "Omer"]),
    ("علي", "Ali", ["Aly", "Alee"]),
    ("حسين", "Hussein", ["Husain", "Hussain", "Houssein"]),
    ("حسن", "Hassan", ["Hasan", "Hassane"]),
    ("خالد", "Khaled", ["Khalid", "Chaled"]),
    ("إبراهيم", "Ibrahim", ["Ebrahim", "Ibraheem"]),
    ("مصطفى", "Mustafa", ["Moustafa", "Mostafa"]),
    ("ياسين", "Yassine", ["Yasin", "Yacine", "Yaseen"]),
    ("كريم", "Karim", ["Kareem", "Kerim"]),
    ("سعيد", "Said", ["Saeed", "Saiid"]),
    ("طارق", "Tariq", ["Tarek", "Tarik"]),
    ("بلال", "Bilal", ["Belal", "Bilel"]),
    ("نبيل", "Nabil", ["Nabeel", "Nabile"]),
    ("عمران", "Imran", ["Omran", "Emran"]),
    ("سامي", "Sami", ["Samy", "Samih"]),
    ("فاطمة", "Fatima", ["Fatma", "Fatimah", "Fatemah"]),
    ("عائشة", "Aisha", ["Aicha", "Ayesha", "Aysha"]),
    ("مريم", "Maryam", ["Mariam", "Meryem"]),
    ("زينب", "Zainab", ["Zeinab", "Zaynab"]),
    ("نور", "Nour", ["Noor", "Nur"]),
    ("سارة", "Sara", ["Sarah", "Sarra"]),
    ("ليلى", "Layla", ["Leila", "Laila", "Leyla"]),
    ("أمينة", "Amina", ["Aminah", "Ameena"]),
    ("خديجة", "Khadija", ["Khadidja", "Khadeeja"]),
    ("ياسمين", "Yasmin", ["Yasmine", "Jasmin", "Yasmeen"]),
    ("سلمى", "Salma", ["Selma", "Salmah"]),
    ("هدى", "Huda", ["Houda", "Hoda"]),
    ("رانيا", "Rania", ["Raniya", "Ranya"]),
    ("حمزة", "Hamza", ["Hamzah", "Hamsa"]),
]
ARABIC_FAMILY = [
    ("الحسن", "Al-Hassan", ["El Hassan", "Alhassan", "al-Hasan"]),
    ("حداد", "Haddad", ["Hadad", "Hadded"]),
    ("خليل", "Khalil", ["Khaleel", "Halil"]),
    ("منصور", "Mansour", ["Mansur", "Mansoor"]),
    ("صالح", "Saleh", ["Salih", "Saleh"]),
    ("عثمان", "Othman", ["Osman", "Uthman", "Otman"]),
    ("ناصر", "Nasser", ["Nasir", "Naser"]),
    ("قاسم", "Kassem", ["Qasim", "Kasim", "Qassem"]),
    ("عبيد", "Obeid", ["Ubaid", "Obaid"]),
    ("شريف", "Sherif", ["Sharif", "Cherif"]),
    ("جابر", "Jaber", ["Jabir", "Djaber"]),
    ("درويش", "Darwish", ["Darwich", "Derwisch"]),
    ("زيدان", "Zidane", ["Zaydan", "Zeidan"]),
    ("سليمان", "Suleiman", ["Sulaiman", "Soliman", "Sleiman"]),
    ("الأحمد", "Al-Ahmad", ["Alahmad", "El Ahmed"]),
    ("العلي", "Al-Ali", ["Alali", "El Ali"]),
    ("حمدان", "Hamdan", ["Hamdane", "Hamdaan"]),
    ("رحمن", "Rahman", ["Rehman", "Rahmane"]),
    ("يوسفي", "Youssefi", ["Yousfi", "Yusufi"]),
    ("بكري", "Bakri", ["Bakry", "Bakiri"]),
    ("عطية", "Attia", ["Atiyah", "Atia"]),
    ("مراد", "Mourad", ["Murad", "Morad"]),
    ("سعدي", "Saadi", ["Sadi", "Saady"]),
    ("حبيب", "Habib", ["Habeeb", "Hbib"]),
    ("كمال", "Kamal", ["Kemal", "Kamel"]),
]

# --- Central European names with diacritics, and how a Cyrillic form writes them -------------

CENTRAL_GIVEN = [
    ("Łukasz", "Лукаш"), ("Małgorzata", "Малгожата"), ("Zofia", "Зофия"), ("Jiří", "Иржи"),
    ("Šárka", "Шарка"), ("Kateřina", "Катержина"), ("Tomáš", "Томаш"), ("Ádám", "Адам"),
    ("Réka", "Река"), ("Zsófia", "Жофия"), ("Balázs", "Балаж"), ("Gergő", "Гергё"),
    ("Jürgen", "Юрген"), ("Jörg", "Йорг"), ("Björn", "Бьёрн"), ("Günther", "Гюнтер"),
    ("Thijs", "Тийс"), ("Daan", "Даан"), ("Ľubomír", "Любомир"), ("Ondřej", "Ондржей"),
    ("Wojciech", "Войцех"), ("Agnieszka", "Агнешка"), ("Michał", "Михал"), ("Zoë", "Зое"),
    ("Noé", "Ноэ"), ("Jože", "Йоже"), ("Mátyás", "Матьяш"), ("Dóra", "Дора"),
    ("Lukáš", "Лукаш"), ("Anežka", "Анежка"),
]  # fmt: skip
CENTRAL_FAMILY = [
    ("Müller", "Мюллер"), ("Wójcik", "Вуйцик"), ("Dvořák", "Дворжак"), ("Nováková", "Новакова"),
    ("Černá", "Черна"), ("Szőke", "Сёке"), ("Tóth", "Тот"), ("Schäfer", "Шефер"),
    ("Wiśniewska", "Вишневска"), ("Dąbrowski", "Домбровски"), ("Procházka", "Прохазка"),
    ("Kovács", "Ковач"), ("Horváth", "Хорват"), ("Kovačević", "Ковачевич"), ("Jurić", "Юрич"),
    ("Babić", "Бабич"), ("Weiß", "Вайс"), ("Größer", "Грёссер"), ("Böhm", "Бём"),
    ("Kühn", "Кюн"), ("Łuczak", "Лучак"), ("Król", "Круль"), ("Zieliński", "Зелински"),
    ("Kučera", "Кучера"), ("Veselý", "Весели"), ("Szabó", "Сабо"), ("Fülöp", "Фюлёп"),
    ("Pokorný", "Покорни"), ("Šimek", "Шимек"), ("Lewandowska", "Левандовска"),
]  # fmt: skip

# --- other origins of the pool (as registered) -------------------------------------------------

OTHER_GIVEN = [
    "Lucas", "Emma", "Noah", "Louise", "Liam", "Olivia", "Arthur", "Mila", "Jules", "Elena",
    "Lotte", "Finn", "Sofie", "Milan", "Nora", "Victor", "Lina", "Adam", "Ella", "Louis", "Anna",
    "Hanna", "Jan", "Jana", "Marie", "Mario", "Maria", "Sem", "Lars", "Femke", "Sander", "Ines",
    "Luca", "Chloe", "Manon", "Hugo", "Camille", "Leon", "Paul", "Sophie", "Mia", "Ben", "Jonas",
    "Tim", "Lea", "Laura", "Felix", "Mehmet", "Emre", "Elif", "Zeynep", "Yusuf", "Ayse", "Burak",
    "Can", "Andrei", "Ioana", "Mihai", "Elena", "Alexandru", "Diana", "Giulia", "Marco",
    "Alessandro", "Sofia", "Lorenzo", "Chiara", "Pablo", "Lucia", "Diego", "Carmen", "Javier",
    "Ana", "Joao", "Rui", "Ines", "Tiago", "Besnik", "Arben", "Drita", "Elira", "Linh", "Minh",
    "Anh", "Thanh", "Wei", "Jing", "Li", "Hao", "Amir", "Reza", "Dariusz", "Kevin", "Dylan",
    "Jessica", "Ryan", "Amara", "Kwame", "Fatou", "Moussa", "Aminata", "Ibrahima", "Oumar", "Awa",
    "Nikola", "Milos", "Jovana", "Dragan", "Ivana", "Aleksandr", "Dmitriy", "Nikolay", "Yelena",
    "Tatyana", "Sergey", "Vladimir", "Ekaterina",
]  # fmt: skip
OTHER_FAMILY = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
    "DeSmet", "Dubois", "Lambert", "Dupont", "Martin", "Simon", "Laurent", "Leroy", "Hermans",
    "VanDamme", "DeVries", "Jansen", "DeJong", "Bakker", "Visser", "Smit", "Meijer", "Schmidt",
    "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch",
    "Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Popescu", "Ionescu", "Popa", "Rossi",
    "Russo", "Ferrari", "Esposito", "Bianchi", "Garcia", "Fernandez", "Lopez", "Martinez",
    "Rodriguez", "Silva", "Santos", "Ferreira", "Pereira", "Krasniqi", "Berisha", "Gashi",
    "Nguyen", "Tran", "Le", "Pham", "Wang", "Zhang", "Liu", "Chen", "Hosseini", "Ahmadi",
    "Diallo", "Traore", "Sow", "Kone", "Camara", "Mensah", "Petrovic", "Jovanovic", "Nikolic",
    "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Novak", "Kowalski", "Nowak",
    "Kaminski", "Horvat", "Nagy", "Szabo", "Varga", "Kiss",
]  # fmt: skip


# --- the benchmark's children and searches -----------------------------------------------------


@dataclass(frozen=True)
class Child:
    given: str
    family: str


@dataclass(frozen=True)
class Search:
    convention: str
    query: str
    target: int  # index in the pool
    partial: bool = False


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    letters: dict[str, str | int | None] = {"ł": "l", "Ł": "L", "ß": "ss", "đ": "d"}
    return plain.translate(str.maketrans(letters))


def german_style(text: str) -> str:
    """Umlauts as a German keyboard without them writes them (ü → ue), other accents dropped."""
    pairs: dict[str, str | int | None] = {"ä": "ae", "ö": "oe", "ü": "ue", "ő": "oe", "ű": "ue"}
    pairs.update({"Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
    return strip_diacritics(text.translate(str.maketrans(pairs)))


def typo(text: str, rng: random.Random) -> str:
    """One typing error in a word of four letters or more: a letter changed, dropped, added or
    two swapped."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    while True:
        i = rng.randrange(1, len(text) - 1)
        kind = rng.choice(["change", "drop", "add", "swap"])
        if kind == "change":
            result = text[:i] + rng.choice(letters) + text[i + 1 :]
        elif kind == "drop":
            result = text[:i] + text[i + 1 :]
        elif kind == "add":
            result = text[:i] + rng.choice(letters) + text[i:]
        else:
            result = text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
        if result.lower() != text.lower():
            return result


def _typo_search(given: str, family: str, target: int, rng: random.Random) -> Search:
    if rng.random() < 0.5 and len(given) >= 4:
        return Search("one typo", f"{typo(given, rng)} {family}", target)
    return Search("one typo", f"{given} {typo(family, rng)}", target)


def build(
    pool_size: int = 20_000, targets_per_origin: int = 60, seed: int = 12
) -> tuple[list[Child], list[Search]]:
    """The pool (targets first) and the searches; the same for the same arguments."""
    rng = random.Random(seed)
    pool: list[Child] = []
    searches: list[Search] = []
    taken: set[tuple[str, str]] = set()

    def target(child: Child) -> int | None:
        """The new target's place in the pool; None when a target has that name already."""
        key = (anyascii(child.given).lower(), anyascii(child.family).lower())
        if key in taken:
            return None
        taken.add(key)
        pool.append(child)
        return len(pool) - 1

    for _n in range(targets_per_origin):  # Ukrainian, as in the passport
        i = None
        while i is None:
            given, russian = rng.choice(UKRAINIAN_GIVEN)
            family = rng.choice(UKRAINIAN_FAMILY)
            child = Child(kmu(given), kmu(family))
            i = target(child)
        searches.append(Search("original script (Cyrillic)", f"{given} {family}", i))
        for convention, romanise in ROMANISATIONS.items():
            searches.append(Search(convention, romanise(f"{given} {family}"), i))
        russian_given = ROMANISATIONS["Russian-style romanisation"](russian)
        searches.append(
            Search("Russian form of the given name", f"{russian_given} {child.family}", i)
        )
        searches.append(_typo_search(child.given, child.family, i, rng))
        searches.append(Search("swapped order", f"{child.family} {child.given}", i))
        other = rng.choice([g for g, _r in UKRAINIAN_GIVEN if kmu(g) != child.given])
        searches.append(Search("partial", f"{kmu(other)} {child.family}", i, partial=True))

    for _n in range(targets_per_origin):  # Arabic-origin, one Latin spelling
        i = None
        while i is None:
            arabic_given, arabic_family = rng.choice(ARABIC_GIVEN), rng.choice(ARABIC_FAMILY)
            child = Child(arabic_given[1], arabic_family[1])
            i = target(child)
        searches.append(
            Search("original script (Arabic)", f"{arabic_given[0]} {arabic_family[0]}", i)
        )
        other_given = rng.choice([arabic_given[1], *arabic_given[2]])
        other_family = (
            rng.choice(arabic_family[2])
            if other_given == arabic_given[1]
            else rng.choice([arabic_family[1], *arabic_family[2]])
        )
        searches.append(Search("other Latin spelling (Arabic)", f"{other_given} {other_family}", i))
        searches.append(_typo_search(child.given, child.family, i, rng))
        searches.append(Search("swapped order", f"{child.family} {child.given}", i))
        other = rng.choice([g[1] for g in ARABIC_GIVEN if g[1] != child.given])
        searches.append(Search("partial", f"{other} {child.family}", i, partial=True))

    for _n in range(targets_per_origin):  # Central European, with diacritics
        i = None
        while i is None:
            central_given, central_family = rng.choice(CENTRAL_GIVEN), rng.choice(CENTRAL_FAMILY)
            child = Child(central_given[0], central_family[0])
            i = target(child)
        name = f"{child.given} {child.family}"
        searches.append(Search("diacritics dropped", strip_diacritics(name), i))
        if german_style(name) != strip_diacritics(name):
            searches.append(Search("German umlauts (ue, oe)", german_style(name), i))
        searches.append(
            Search("Cyrillic transcription", f"{central_given[1]} {central_family[1]}", i)
        )
        searches.append(_typo_search(child.given, child.family, i, rng))
        searches.append(Search("swapped order", f"{child.family} {child.given}", i))
        other = rng.choice([g for g, _c in CENTRAL_GIVEN if g != child.given])
        searches.append(Search("partial", f"{other} {child.family}", i, partial=True))

    # the rest of the pool: the same origins as registered (Ukrainian also Russian-style,
    # Arabic in any spelling) and many others, as a Belgian hotline's children are
    origins = ["ukrainian", "arabic", "central", "other", "other", "other", "other"]
    while len(pool) < pool_size:
        origin = rng.choice(origins)
        if origin == "ukrainian":
            given, russian = rng.choice(UKRAINIAN_GIVEN)
            family = rng.choice(UKRAINIAN_FAMILY)
            if rng.random() < 0.2:
                romanise = ROMANISATIONS["Russian-style romanisation"]
                child = Child(romanise(russian), romanise(family))
            else:
                child = Child(kmu(given), kmu(family))
        elif origin == "arabic":
            g, f = rng.choice(ARABIC_GIVEN), rng.choice(ARABIC_FAMILY)
            child = Child(rng.choice([g[1], *g[2]]), rng.choice([f[1], *f[2]]))
        elif origin == "central":
            child = Child(rng.choice(CENTRAL_GIVEN)[0], rng.choice(CENTRAL_FAMILY)[0])
        else:
            family = rng.choice(OTHER_FAMILY)
            for particle in ("De", "Van"):
                if family.startswith(particle) and family != particle:
                    family = f"{particle} {family[len(particle) :]}"
            child = Child(rng.choice(OTHER_GIVEN), family)
        if (anyascii(child.given).lower(), anyascii(child.family).lower()) in taken:
            continue  # a target's name stays the target's alone
        pool.append(child)
    order = list(range(len(pool)))  # targets anywhere in the pool, not all the oldest children
    rng.shuffle(order)
    place = {old: new for new, old in enumerate(order)}
    searches = [replace(s, target=place[s.target]) for s in searches]
    return [pool[old] for old in order], searches
