from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unreports.text.numbers import NumberMatch, find_numbers

ARABIC_INDIC = str.maketrans("0123456789,.", "٠١٢٣٤٥٦٧٨٩٬٫")
EXTENDED = str.maketrans("0123456789,.", "۰۱۲۳۴۵۶۷۸۹٬٫")


def _numbers(text: str, language: str, **options: bool) -> list[NumberMatch]:
    found = find_numbers(text, language, **options)
    for number in found:
        assert text[number.start:number.end] == number.as_printed
    return found


def _one(text: str, language: str) -> NumberMatch:
    found = [n for n in _numbers(text, language) if n.kind not in ("year", "date")]
    assert len(found) == 1, found
    return found[0]


# --- digits, separators, scripts -------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "printed", "value", "kind"), [
    ("The office counted 13 entities.", "en", "13", "13", "count"),
    ("They registered 5,000 claims.", "en", "5,000", "5000", "count"),
    ("They registered 16 000 claims.", "en", "16 000", "16000", "count"),
    ("They registered 16\u2009000 claims.", "en", "16\u2009000", "16000", "count"),
    ("They registered 1\u202f250\u202f000 claims.", "en", "1\u202f250\u202f000", "1250000", "count"),
    ("A rate of 3.5 was noted.", "en", "3.5", "3.5", "decimal"),
    ("A share of 12.5 per cent was noted.", "en", "12.5 per cent", "12.5", "percent"),
    ("A share of 40% was noted.", "en", "40%", "40", "percent"),
    ("A share of 40 percent was noted.", "en", "40 percent", "40", "percent"),
    ("Some 2.5 million people moved.", "en", "2.5 million", "2500000", "count"),
    ("Fees of US$ 300 were paid.", "en", "US$ 300", "300", "money"),
    ("It was the 71st meeting.", "en", "71st", "71", "ordinal"),
    ("سجلت البعثة ١٢٬٣٤٥ حالة.", "ar", "١٢٬٣٤٥", "12345", "count"),
    ("سجلت البعثة ۱۲٬۳۴۵ حالة.", "ar", "۱۲٬۳۴۵", "12345", "count"),
    ("سجلت البعثة ٣٫٥ نقطة.", "ar", "٣٫٥", "3.5", "decimal"),
    ("بلغت النسبة ٢,٥ في المائة.", "ar", "٢,٥ في المائة", "2.5", "percent"),
    ("بلغت النسبة ٤٠٪ من المجموع.", "ar", "٤٠٪", "40", "percent"),
    ("بلغت النسبة ٤٠ في المئة من المجموع.", "ar", "٤٠ في المئة", "40", "percent"),
    ("تضرر منها ٣ ملايين شخص", "ar", "٣ ملايين", "3000000", "count"),
    ("تضرر منها ١٫٥ مليون شخص", "ar", "١٫٥ مليون", "1500000", "count"),
    ("قدمت ٥٠ مليون دولار", "ar", "٥٠ مليون", "50000000", "money"),
    ("عبر ٢٠ ٠٠٠ مهاجر الحدود", "ar", "٢٠ ٠٠٠", "20000", "count"),
])
def test_digit_numbers(text: str, language: str, printed: str, value: str, kind: str) -> None:
    number = _one(text, language)
    assert (number.as_printed, number.value, number.kind) == (printed, Decimal(value), kind)


def test_mixed_digit_scripts_in_one_text_and_offsets() -> None:
    text = "زار الفريق 12 موقعا و١٥ قرية و۱۸ مخيما."
    found = _numbers(text, "ar")
    assert [(n.as_printed, n.value, n.noun) for n in found] == [
        ("12", Decimal(12), "موقعا"), ("١٥", Decimal(15), "قرية"), ("۱۸", Decimal(18), "مخيما")]
    assert text[found[1].start - 1] == "و"  # the prefix stays outside the number


@pytest.mark.parametrize(("text", "printed"), [
    ("وتلقت اللجنة و١٧٧ رسالة", "١٧٧"),
    ("ارتفع العدد بـ ٢٠ حالة", "٢٠"),
    ("ارتفع العدد ب٢٠ حالة", "٢٠"),
    ("خصص المبلغ ل٣٠ أسرة", "٣٠"),
    ("ووصل عددهم فب٩ أسابيع", "٩"),
])
def test_arabic_prefixes_glued_to_digits(text: str, printed: str) -> None:
    number = _one(text, "ar")
    assert number.as_printed == printed


# --- things that are not counts -------------------------------------------------------

@pytest.mark.parametrize(("text", "language"), [
    ("See the report (S/2019/512).", "en"),
    ("As noted in A/HRC/40/61 and A/73/385.", "en"),
    ("The meeting record S/PV.8512 shows this.", "en"),
    ("Job number 19-04411 (E) printed below.", "en"),
    ("A joint letter A/74/100-S/2019/480 was sent.", "en"),
    ("Details at https://www.example.org/stats/report_2019.html today.", "en"),
    ("Write to data2019@example.org for details.", "en"),
    ("انظر الوثيقة (8/2018/112) للاطلاع.", "ar"),
    ("انظر ٨٨/73/211 للاطلاع.", "ar"),
    ("قرار الجمعية العامة ٧٣/١ المعتمد.", "ar"),
    ("مدرج في القائمة (QDi.401) منذ مدة.", "ar"),
    ("The COVID-19 pandemic spread.", "en"),
    ("Armed groups attacked.12 The Council met.", "en"),
    ("أشار التقرير إلى ذلك(٣) بوضوح.", "ar"),
    ("أشار التقرير إلى ذلك⁽٣⁾ بوضوح.", "ar"),
    ("أشار التقرير إلى ذلك)^(۳) بوضوح.", "ar"),
    ("كانت ك11انون الأول حاسمة.", "ar"),  # kashida artefact glued into a word
    ("وأشار مكتب1 إلى ذلك.", "ar"),  # digit glued to the end of a word
    ("Form A1 was filed.", "en"),
])
def test_not_counts(text: str, language: str) -> None:
    assert [n for n in _numbers(text, language) if n.kind in ("count", "word", "decimal", "percent")] == []


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Security Council resolution 2331 (2016) was adopted.", "en", [("2331", "symbol")]),
    ("resolutions 2388 (2017) and 2427 (2018)", "en", [("2388", "symbol"), ("2427", "symbol")]),
    ("عملا بقرار مجلس الأمن ٢٣٣١ (٢٠١٦)، قدم", "ar", [("٢٣٣١", "symbol")]),
    ("في القرار ٢٣٧٩ (٢٠١٧)، طلب", "ar", [("٢٣٧٩", "symbol")]),
    ("أشار إليه مجلس الأمن ٢٣٧٤ أيضا", "ar", [("٢٣٧٤", "symbol")]),
    ("under article 10 of the Convention", "en", [("10", "reference")]),
    ("وفقا للمادة ١٠ من الاتفاقية", "ar", [("١٠", "reference")]),
    ("paragraphs 12 and 15 of the report", "en", [("12", "reference"), ("15", "reference")]),
    ("target 8.7 of the Goals", "en", [("8.7", "reference")]),
    ("in paragraph 12, 15 States replied", "en", [("12", "reference"), ("15", "count")]),
])
def test_symbols_and_references(text: str, language: str, expected: list[tuple[str, str]]) -> None:
    assert [(n.as_printed, n.kind) for n in _numbers(text, language)] == expected


@pytest.mark.parametrize(("text", "language"), [
    ("12. The Council met again.", "en"),
    ("١٢ - واجتمع المجلس مجددا.", "ar"),
    ("١٢ – واجتمع المجلس مجددا.", "ar"),
    ("• ٤ - واجتمع المجلس مجددا.", "ar"),
    ("1V - واجتمع المجلس مجددا.", "ar"),  # OCR look-alike of an Arabic 17
    ("(٢) انظر التقرير السنوي.", "ar"),  # a footnote's own marker
    ("٢٠ وأفادت بعض الدول بذلك.", "ar"),  # paragraph number whose dash was lost
])
def test_leading_paragraph_numbers_are_skipped(text: str, language: str) -> None:
    assert _numbers(text, language) == []


def test_leading_paragraph_number_kept_when_asked() -> None:
    found = _numbers("12. The Council met again.", "en", skip_leading_paragraph_number=False)
    assert [n.as_printed for n in found] == ["12"]


def test_run_together_paragraphs() -> None:
    found = _numbers("انتهت الفقرة. ٧٤ - وتبدأ فقرة تذكر ٣ دول.", "ar")
    assert [n.as_printed for n in found] == ["٣"]


# --- years and dates --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "kinds"), [
    ("In 2016, the office grew.", "en", ["year"]),
    ("The 2016 report was late.", "en", ["year"]),
    ("It was adopted on 31 October 2017.", "en", ["date", "year"]),
    ("Of them, 2000 people were surveyed.", "en", ["count"]),
    ("more than 2000 people were surveyed", "en", ["count"]),
    ("between 2015 and 2017", "en", ["year", "year"]),
    ("في عام ٢٠١٦ وحده", "ar", ["year"]),
    ("منذ ٢٠١٦ و٢٠١٧", "ar", ["year", "year"]),
    ("شملت أكثر من ٢٠٠٠ شخص", "ar", ["count"]),
    ("شملت ما يزيد على ١٩٥٠ شخصا", "ar", ["count"]),
    ("وحتى ٢٠١٨ لم يتغير شيء", "ar", ["year"]),
    ("في ٨ أيار/مايو ٢٠١٧ أحاطت", "ar", ["date", "year"]),
    ("نسخة عام ٢٠٢٠ فصلا كاملا", "ar", ["year"]),
])
def test_years(text: str, language: str, kinds: list[str]) -> None:
    assert [n.kind for n in _numbers(text, language)] == kinds


def test_year_has_no_qualifier_or_noun() -> None:
    [year] = _numbers("وحتى ٢٠١٨ لم يتغير شيء", "ar")
    assert (year.value, year.qualifier, year.noun) == (Decimal(2018), "exact", None)


# --- words -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "printed", "value"), [
    ("Officials met five times.", "five", 5),
    ("Officials met twenty-five families.", "twenty-five", 25),
    ("Officials met two hundred families.", "two hundred", 200),
    ("Officials met two hundred and forty families.", "two hundred and forty", 240),
    ("Officials met a dozen families.", "a dozen", 12),
    ("Officials met a thousand families.", "a thousand", 1000),
    ("Officials met three million families.", "three million", 3_000_000),
    ("Officials met nineteen families.", "nineteen", 19),
    ("Officials met ninety families.", "ninety", 90),
])
def test_english_words(text: str, printed: str, value: int) -> None:
    number = _one(text, "en")
    assert (number.as_printed, number.value, number.kind, number.noun) == (printed, Decimal(value), "word",
                                                                         number.noun)
    assert number.noun is not None


@pytest.mark.parametrize("text", [
    "No one came.", "They helped one another.", "in the twenty-first century", "Someone often left.",
    "a one-third share",
])
def test_english_words_not_numbers(text: str) -> None:
    assert _numbers(text, "en") == []


@pytest.mark.parametrize(("text", "printed", "value"), [
    ("زار الفريق خمس دول", "خمس", 5),
    ("زار الفريق ثلاثة مواقع", "ثلاثة", 3),
    ("زار الفريق عشرة مواقع", "عشرة", 10),
    ("زار الفريق أحد عشر موقعا", "أحد عشر", 11),
    ("زار الفريق اثني عشر موقعا", "اثني عشر", 12),
    ("زار الفريق خمسة عشر موقعا", "خمسة عشر", 15),
    ("زار الفريق عشرين موقعا", "عشرين", 20),
    ("زار الفريق خمسة وعشرين موقعا", "خمسة وعشرين", 25),
    ("زار الفريق مائة موقع", "مائة", 100),
    ("زار الفريق مئة موقع", "مئة", 100),
    ("زار الفريق ثلاثمائة موقع", "ثلاثمائة", 300),
    ("زار الفريق مائتين وخمسين موقعا", "مائتين وخمسين", 250),
    ("زار الفريق ألف موقع", "ألف", 1000),
    ("زار الفريق ثلاثة آلاف موقع", "ثلاثة آلاف", 3000),
    ("زار الفريق مليون شخص", "مليون", 1_000_000),
    ("زار الفريق ثلاثة ملايين شخص", "ثلاثة ملايين", 3_000_000),
    ("زار الفريق وثلاثة مواقع", "ثلاثة", 3),
    ("زار الفريق بثلاثة مواقع", "ثلاثة", 3),
    ("زار الفريق واحدة فقط", "واحدة", 1),
    ("زار الفريق اثنتين منها", "اثنتين", 2),
])
def test_arabic_words(text: str, printed: str, value: int) -> None:
    number = _one(text, "ar")
    assert (number.as_printed, number.value, number.kind) == (printed, Decimal(value), "word")


@pytest.mark.parametrize(("text", "printed", "singular"), [
    ("أصبحت دولتان طرفين", "دولتان", "دولة"),
    ("صدقت دولتين أخريين", "دولتين", "دولة"),
    ("قتل طفلان في الهجوم", "طفلان", "طفل"),
    ("أنجز مشروعان", "مشروعان", "مشروع"),
    ("أبلغت منظمتان عن ذلك", "منظمتان", "منظمة"),
    ("سجلت حالتان", "حالتان", "حالة"),
    ("أصيبت امرأتان", "امرأتان", "امرأة"),
    ("نجت فتاتان", "فتاتان", "فتاة"),
    ("اعتقل شخصان", "شخصان", "شخص"),
    ("اجتمع مرتين", "مرتين", "مرة"),
    ("وقعت بين بلدين", "بلدين", "بلد"),
    ("أصبحت دولتان اثنتان طرفين", "دولتان اثنتان", "دولة"),
])
def test_arabic_duals(text: str, printed: str, singular: str) -> None:
    number = _one(text, "ar")
    assert (number.as_printed, number.value, number.kind, number.noun) == (
        printed, Decimal(2), "word", singular)


@pytest.mark.parametrize("text", [
    "ألف - مقدمة التقرير",  # section label A
    "يوم الاثنين الماضي",  # Monday
    "قامت البلدان الأعضاء",  # plural "countries", not a dual
    "عمل المدعين العامين",  # "public", not two years
    "في القرن الحادي والعشرين",  # ordinal
    "في القرن التاسع عشر",  # ordinal
    "آلاف الأشخاص فروا",  # "thousands of", no number
    "في آن واحد",  # "at the same time"
    "لست متأكدا",  # "I am not", not "for six"
])
def test_arabic_words_not_numbers(text: str) -> None:
    assert _numbers(text, "ar") == []


# --- qualifiers -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "qualifier", "qualifier_text"), [
    ("at least 40 villages", "at_least", "at least"),
    ("no fewer than 40 villages", "at_least", "no fewer than"),
    ("more than 40 villages", "more_than", "more than"),
    ("over 40 villages", "more_than", "over"),
    ("in excess of 40 villages", "more_than", "in excess of"),
    ("some 40 villages", "about", "some"),
    ("about 40 villages", "about", "about"),
    ("approximately 40 villages", "about", "approximately"),
    ("around 40 villages", "about", "around"),
    ("nearly 40 villages", "about", "nearly"),
    ("almost 40 villages", "about", "almost"),
    ("up to 40 villages", "up_to", "up to"),
    ("no more than 40 villages", "up_to", "no more than"),
    ("fewer than 40 villages", "fewer_than", "fewer than"),
    ("less than 40 villages", "fewer_than", "less than"),
    ("under 40 villages", "fewer_than", "under"),
    ("40 villages or more", "at_least", "or more"),
    ("At least twelve villages", "at_least", "At least"),
    ("40 villages", "exact", None),
])
def test_english_qualifiers(text: str, qualifier: str, qualifier_text: str | None) -> None:
    number = _one(text, "en")
    assert (number.qualifier, number.qualifier_text) == (qualifier, qualifier_text)


@pytest.mark.parametrize(("text", "qualifier", "qualifier_text"), [
    ("ما لا يقل عن ٤٠ قرية", "at_least", "ما لا يقل عن"),
    ("لا يقل عن ٤٠ قرية", "at_least", "لا يقل عن"),
    ("أكثر من ٤٠ قرية", "more_than", "أكثر من"),
    ("وأكثر من ٤٠ قرية", "more_than", "أكثر من"),
    ("ما يزيد على ٤٠ قرية", "more_than", "ما يزيد على"),
    ("ما يزيد عن ٤٠ قرية", "more_than", "ما يزيد عن"),
    ("يزيد على ٤٠ قرية", "more_than", "يزيد على"),
    ("ما يربو على ٤٠ قرية", "more_than", "ما يربو على"),
    ("أزيد من ٤٠ قرية", "more_than", "أزيد من"),
    ("نحو ٤٠ قرية", "about", "نحو"),
    ("بنحو ٤٠ قرية", "about", "نحو"),
    ("حوالي ٤٠ قرية", "about", "حوالي"),
    ("قرابة ٤٠ قرية", "about", "قرابة"),
    ("زهاء ٤٠ قرية", "about", "زهاء"),
    ("ما يقارب ٤٠ قرية", "about", "ما يقارب"),
    ("رصدت ٤٠ قرية تقريبا", "about", "تقريبا"),
    ("رصدت ٤٠ قرية تقريباً", "about", "تقريباً"),
    ("حتى ٤٠ قرية", "up_to", "حتى"),
    ("ما لا يزيد على ٤٠ قرية", "up_to", "ما لا يزيد على"),
    ("أقل من ٤٠ قرية", "fewer_than", "أقل من"),
    ("رصدت ٤٠ قرية على الأقل", "at_least", "على الأقل"),
    ("أكثر من عشرين قرية", "more_than", "أكثر من"),
    ("رصدت ٤٠ قرية", "exact", None),
])
def test_arabic_qualifiers(text: str, qualifier: str, qualifier_text: str | None) -> None:
    number = _one(text, "ar")
    assert (number.qualifier, number.qualifier_text) == (qualifier, qualifier_text)


def test_until_before_a_date_is_not_up_to() -> None:
    found = _numbers("وحتى ١٢ آذار/مارس ٢٠١٨ سجلت ٥ حالات", "ar")
    assert [(n.kind, n.qualifier) for n in found] == [
        ("date", "exact"), ("year", "exact"), ("count", "exact")]


# --- nouns ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "noun"), [
    ("By then, 180 States parties had joined.", "en", "States parties"),
    ("Around 30 Member States replied.", "en", "Member States"),
    ("The team met 300 women and children.", "en", "women and children"),
    ("The team met 30 survivors.", "en", "survivors"),
    ("40 per cent of the victims", "en", None),
    ("The team met 30 of them.", "en", None),
    ("انضمت ١٨٠ دولة طرفا", "ar", "دولة طرفا"),
    ("انضمت ١٨٠ دولة", "ar", "دولة"),
    ("تتألف من ١٣ كياناً", "ar", "كياناً"),
    ("تضم ٢٠ مليون شخص", "ar", "شخص"),
    ("وصل ٣٠ من الأطفال", "ar", None),
])
def test_nouns(text: str, language: str, noun: str | None) -> None:
    number = _one(text, language)
    assert number.noun == noun


def test_full_arabic_paragraph() -> None:
    text = ("٣١ - وأفادت المنظمة بأنها قابلت أكثر من ٢٠٠٠ شخص على طرق الهجرة في الفترة من "
            "١ كانون الثاني/يناير إلى ٣٠ حزيران/يونيه ٢٠١٨ (انظر S/2018/700)، منهم ٤٥٠ طفلا و ١٢ امرأة.")
    found = _numbers(text, "ar")
    assert [(n.as_printed, n.kind, n.qualifier, n.noun) for n in found] == [
        ("٢٠٠٠", "count", "more_than", "شخص"),
        ("١", "date", "exact", None),
        ("٣٠", "date", "exact", None),
        ("٢٠١٨", "year", "exact", None),
        ("٤٥٠", "count", "exact", "طفلا"),
        ("١٢", "count", "exact", "امرأة"),
    ]


def test_full_english_paragraph() -> None:
    text = ("14. As at 30 September 2018, 175 States were parties to the Protocol; at least "
            "twelve more had signed it (see A/73/200). Some 3,400 victims, 55 per cent of them "
            "girls, were identified in 2017.")
    found = _numbers(text, "en")
    assert [(n.as_printed, n.value, n.kind, n.qualifier, n.noun) for n in found] == [
        ("30", Decimal(30), "date", "exact", None),
        ("2018", Decimal(2018), "year", "exact", None),
        ("175", Decimal(175), "count", "exact", "States"),
        ("twelve", Decimal(12), "word", "at_least", None),
        ("3,400", Decimal(3400), "count", "about", "victims"),
        ("55 per cent", Decimal(55), "percent", "exact", None),
        ("2017", Decimal(2017), "year", "exact", None),
    ]


def test_text_with_diacritics_tatweel_and_presentation_forms() -> None:
    text = "وأفـاد بأن ١٥ شخصاً قُتِلوا و\ufedb\ufe8e\ufee5 ٣ منهم أطفالا"
    found = _numbers(text, "ar")
    assert [(n.as_printed, n.noun) for n in found] == [("١٥", "شخصاً"), ("٣", None)]


def test_empty_and_digitless_text() -> None:
    assert find_numbers("", "en") == []
    assert find_numbers("لا أرقام هنا", "ar") == []


# --- property: any integer, any script, any separator --------------------------------------

@settings(max_examples=300, deadline=None)
@given(
    value=st.integers(min_value=0, max_value=10**9),
    separator=st.sampled_from([",", " ", "\u2009", "\u202f", "\u00a0", "٬"]),
    script=st.sampled_from(["ascii", "arabic", "extended"]),
    language=st.sampled_from(["en", "ar"]),
)
def test_any_formatted_integer_is_read(value: int, separator: str, script: str, language: str) -> None:
    printed = f"{value:,}".replace(",", separator)
    if script == "arabic":
        printed = printed.translate(ARABIC_INDIC)
    elif script == "extended":
        printed = printed.translate(EXTENDED)
    text = f"The total was {printed} cases." if language == "en" else f"بلغ المجموع {printed} حالة."
    found = _numbers(text, language)
    assert [n.value for n in found] == [Decimal(value)]
    assert found[0].as_printed == printed


_ALPHABET = st.sampled_from(list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫,./-() %٪\n")
                            + ["\u0640", "\u064b", "\u2009", "\ufefb", "⁽", "⁾", "^"]
                            + ["ك", "ا", "ن", "و", "ب", "ل", "ة", "أ", "S", "A", "a", "e", "x"]
                            + [" more than ", " نحو ", " عام ", " per cent ", " دولة ", " States ",
                               " October ", " تشرين الأول/أكتوبر ", " resolution ", " قرار ", " twenty-",
                               " خمسة ", " آلاف ", " million ", " دولتان ", " ألف "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join), st.sampled_from(["en", "ar"]))
def test_offsets_hold_on_arbitrary_text(text: str, language: str) -> None:
    found = _numbers(text, language)
    assert all(a.end <= b.start for a, b in pairwise(found))
    assert all(n.kind in {"count", "year", "percent", "decimal", "ordinal", "word", "date", "money", "symbol",
                          "reference"} for n in found)
    assert all(
        n.qualifier in {"exact", "at_least", "more_than", "about", "up_to", "fewer_than"} for n in found
    )
