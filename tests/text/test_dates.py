from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unreports.text.dates import DateMatch, PeriodMatch, find_dates, find_periods, period_bounds


def _dates(text: str, language: str = "en") -> list[DateMatch]:
    found = find_dates(text, language)
    for item in found:
        assert text[item.start:item.end] == item.as_printed
    return found


def _periods(text: str, language: str = "en") -> list[PeriodMatch]:
    found = find_periods(text, language)
    for item in found:
        assert text[item.start_offset:item.end_offset] == item.as_printed
    return found


@pytest.mark.parametrize(("text", "printed", "value", "precision"), [
    ("The mission closed on 30 June 2019.", "30 June 2019", date(2019, 6, 30), "day"),
    ("It was signed on June 3, 2018 in Geneva.", "June 3, 2018", date(2018, 6, 3), "day"),
    ("Talks resumed in February 2020.", "February 2020", date(2020, 2, 1), "month"),
    ("The 2nd of March 2015 meeting", "2nd of March 2015", date(2015, 3, 2), "day"),
    ("Report dated 4 Sept. 2014", "4 Sept. 2014", date(2014, 9, 4), "day"),
    ("وصل الفريق في ٣ حزيران/يونيه ٢٠١٩ إلى المدينة", "٣ حزيران/يونيه ٢٠١٩", date(2019, 6, 3), "day"),
    ("وفي شباط/فبراير ٢٠٢٠ عقدت جلسة", "شباط/فبراير ٢٠٢٠", date(2020, 2, 1), "month"),
    ("بدأ ذلك في كانون الأول/ ديسمبر ٢٠١٤", "كانون الأول/ ديسمبر ٢٠١٤", date(2014, 12, 1), "month"),
    ("أنشئ في تشرين الثاني /نوفمبر ٢٠١٣", "تشرين الثاني /نوفمبر ٢٠١٣", date(2013, 11, 1), "month"),
    ("في ۹ نيسان/أبريل ۲۰۱۸ اجتمعوا", "۹ نيسان/أبريل ۲۰۱۸", date(2018, 4, 9), "day"),
    ("في 14 أيار/مايو 2016 اجتمعوا", "14 أيار/مايو 2016", date(2016, 5, 14), "day"),
    ("حتى ٥ آب/أغسطس ٢٠١٢ فقط", "٥ آب/أغسطس ٢٠١٢", date(2012, 8, 5), "day"),
    ("في ٢ أيلول/سبتمبر ٢٠١١", "٢ أيلول/سبتمبر ٢٠١١", date(2011, 9, 2), "day"),
    ("منذ آذار/مارس ٢٠١٠", "آذار/مارس ٢٠١٠", date(2010, 3, 1), "month"),
    ("في تموز/يوليه ٢٠٠٩", "تموز/يوليه ٢٠٠٩", date(2009, 7, 1), "month"),
    ("في كانون الثاني/يناير ٢٠٠٨", "كانون الثاني/يناير ٢٠٠٨", date(2008, 1, 1), "month"),
    ("في تشرين الأول/أكتوبر ٢٠٠٧", "تشرين الأول/أكتوبر ٢٠٠٧", date(2007, 10, 1), "month"),
    # Only one name of the pair.
    ("صدر في ١٠ يناير ٢٠٢١", "١٠ يناير ٢٠٢١", date(2021, 1, 10), "day"),
    ("صدر في ١٠ كانون الثاني ٢٠٢١", "١٠ كانون الثاني ٢٠٢١", date(2021, 1, 10), "day"),
    # Kashida digits inside a month name (justified Arabic).
    ("في ك11انون الأول/ديسمبر ٢٠١٥", "ك11انون الأول/ديسمبر ٢٠١٥", date(2015, 12, 1), "month"),
    # Tatweel and harakat do not matter.
    ("في ٧ تـمّوز/يوليه ٢٠١٧", "٧ تـمّوز/يوليه ٢٠١٧", date(2017, 7, 7), "day"),
])
def test_single_dates(text: str, printed: str, value: date, precision: str) -> None:
    found = _dates(text)
    assert [(d.as_printed, d.value, d.precision, d.valid) for d in found] == [
        (printed, value, precision, True)
    ]


def test_impossible_date_is_kept_as_printed() -> None:
    text = "وحتى ٣٦ تشرين الأول/أكتوبر ٢٠١٧، بلغ العدد"
    [found] = _dates(text, "ar")
    assert found.valid is False
    assert found.value is None
    assert (found.day, found.month, found.year) == (36, 10, 2017)
    assert found.as_printed == "٣٦ تشرين الأول/أكتوبر ٢٠١٧"


@pytest.mark.parametrize("text", [
    "It happened on 31 September 2016.",
    "It happened on 29 February 2019.",
    "It happened on 0 March 2019.",
])
def test_other_impossible_dates(text: str) -> None:
    [found] = _dates(text)
    assert not found.valid and found.value is None and found.day is not None


def test_leap_day_is_valid() -> None:
    [found] = _dates("on 29 February 2020")
    assert found.valid and found.value == date(2020, 2, 29)


@pytest.mark.parametrize("text", [
    "The team may return in 2016.",  # bare years are not dates outside periods
    "Member States may wish to act.",
    "He will march on.",
    "The figure was 2017 in total.",
    "قال الأب إن مارس العمل صعب",  # single month names need a day or a year
    "See S/2017/249 and 17-20223.",
])
def test_not_dates(text: str) -> None:
    assert _dates(text) == []


def test_days_listed_before_a_date() -> None:
    found = _dates("عقدت الجلسات في ٣ و ٤ شباط/فبراير ٢٠١٩ في جنيف", "ar")
    assert [(d.as_printed, d.value) for d in found] == [
        ("٣", date(2019, 2, 3)), ("٤ شباط/فبراير ٢٠١٩", date(2019, 2, 4))]


def test_yearless_date_outside_a_range_has_no_value() -> None:
    [found] = _dates("The office opened on 1 March.")
    assert found.year is None and found.value is None and found.valid


def test_arabic_pair_month_without_year() -> None:
    [found] = _dates("وفي تشرين الأول/أكتوبر قدمت المقررة تقريرها", "ar")
    assert (found.precision, found.month, found.year, found.value) == ("month", 10, None, None)


@pytest.mark.parametrize(("text", "kind", "printed", "bounds"), [
    ("Data cover the period from 1 January to 22 August 2017 only.", "range",
     "from 1 January to 22 August 2017", (date(2017, 1, 1), date(2017, 8, 22))),
    ("between January 2016 and March 2017, cases rose", "range",
     "between January 2016 and March 2017", (date(2016, 1, 1), date(2017, 3, 31))),
    ("from January 2016 to March 2017", "range", "from January 2016 to March 2017",
     (date(2016, 1, 1), date(2017, 3, 31))),
    ("from 2014 to 2016 the numbers fell", "range", "from 2014 to 2016",
     (date(2014, 1, 1), date(2016, 12, 31))),
    ("The 2018–2019 biennium", "range", "2018–2019", (date(2018, 1, 1), date(2019, 12, 31))),
    ("a workshop held 4–6 May 2015", "range", "4–6 May 2015", (date(2015, 5, 4), date(2015, 5, 6))),
    ("from 1 November to 12 February 2016", "range", "from 1 November to 12 February 2016",
     (date(2015, 11, 1), date(2016, 2, 12))),
    ("since 2016 the office", "since", "since 2016", (date(2016, 1, 1), None)),
    ("Since March 2019, talks", "since", "Since March 2019", (date(2019, 3, 1), None)),
    ("during 2016, nine cases", "during", "during 2016", (date(2016, 1, 1), date(2016, 12, 31))),
    ("In October 2012, two visits", "during", "In October 2012", (date(2012, 10, 1), date(2012, 10, 31))),
    ("until 30 April 2013", "until", "until 30 April 2013", (None, date(2013, 4, 30))),
    ("As at 31 October 2017, 150 States", "as_at", "As at 31 October 2017", (None, date(2017, 10, 31))),
    ("as of 1 May 2018", "as_at", "as of 1 May 2018", (None, date(2018, 5, 1))),
    ("وذلك في الفترة من ١ كانون الثاني/يناير إلى ٢٢ آب/أغسطس ٢٠١٧ وحدها", "range",
     "في الفترة من ١ كانون الثاني/يناير إلى ٢٢ آب/أغسطس ٢٠١٧", (date(2017, 1, 1), date(2017, 8, 22))),
    ("من ٣ آذار/مارس حتى ٩ نيسان/أبريل ٢٠١٨", "range", "من ٣ آذار/مارس حتى ٩ نيسان/أبريل ٢٠١٨",
     (date(2018, 3, 3), date(2018, 4, 9))),
    ("بين كانون الثاني/يناير ٢٠١٥ و حزيران/يونيه ٢٠١٦", "range",
     "بين كانون الثاني/يناير ٢٠١٥ و حزيران/يونيه ٢٠١٦", (date(2015, 1, 1), date(2016, 6, 30))),
    ("من عام ٢٠١٣ إلى عام ٢٠١٥", "range", "من عام ٢٠١٣ إلى عام ٢٠١٥", (date(2013, 1, 1), date(2015, 12, 31))),
    ("ومنذ عام ٢٠١٦ تشارك المنظمة", "since", "منذ عام ٢٠١٦", (date(2016, 1, 1), None)),
    ("منذ ٢٠١٦ تشارك المنظمة", "since", "منذ ٢٠١٦", (date(2016, 1, 1), None)),
    ("خلال عام ٢٠١٦ سجلت", "during", "خلال عام ٢٠١٦", (date(2016, 1, 1), date(2016, 12, 31))),
    ("طيلة عام ٢٠١٦ سجلت", "during", "طيلة عام ٢٠١٦", (date(2016, 1, 1), date(2016, 12, 31))),
    ("وفي أيار/مايو ٢٠١٧ نظمت", "during", "في أيار/مايو ٢٠١٧", (date(2017, 5, 1), date(2017, 5, 31))),
    ("وحتى ١٥ أيلول/سبتمبر ٢٠١٧ بلغ", "until", "حتى ١٥ أيلول/سبتمبر ٢٠١٧", (None, date(2017, 9, 15))),
    ("وحتى ٣٦ تشرين الأول/أكتوبر ٢٠١٧ بلغ", "until", "حتى ٣٦ تشرين الأول/أكتوبر ٢٠١٧", (None, None)),
])
def test_periods(text: str, kind: str, printed: str, bounds: tuple[date | None, date | None]) -> None:
    [period] = _periods(text)
    assert (period.kind, period.as_printed) == (kind, printed)
    assert period_bounds(period) == bounds


def test_range_start_takes_the_year_of_its_end() -> None:
    [period] = _periods("from 1 January to 22 August 2017")
    assert period.start is not None and period.end is not None
    assert period.start.as_printed == "1 January"
    assert (period.start.year, period.start.value) == (2017, date(2017, 1, 1))
    # find_dates gives the same filled year for the start
    first, _ = _dates("from 1 January to 22 August 2017")
    assert first.value == date(2017, 1, 1)


def test_during_has_the_same_date_at_both_ends() -> None:
    [period] = _periods("خلال عام ٢٠١٦")
    assert period.start == period.end
    assert period.start is not None and period.start.precision == "year"


@pytest.mark.parametrize("text", [
    "in the past 12 months, 40 cases",
    "over the last two years",
    "منذ منتصف عام ٢٠١٥",  # "since mid-2015": not read as since 1 January 2015
    "on 12 May 2017 the Council met",  # a point in time, not a period
    "He may come in May.",
])
def test_not_periods(text: str) -> None:
    assert _periods(text) == []


def test_period_offsets_with_mixed_scripts() -> None:
    text = "تقرير. في الفترة من 1 كانون الثاني/يناير إلى ٣١ آذار/مارس ۲۰۱۹ أفادت"
    [period] = _periods(text, "ar")
    assert period_bounds(period) == (date(2019, 1, 1), date(2019, 3, 31))


_ALPHABET = st.sampled_from(list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹ /-–,\n")
                            + ["\u0640", "\u064b", "ك", "ا", "و", "1"]
                            + [" 2016 ", " ٢٠١٧ ", " 31 ", " October ", " تشرين الأول/أكتوبر ", " آب/ أغسطس ",
                               " from ", " to ", " between ", " and ", " من ", " إلى ", " بين ", " و ",
                               " منذ عام ", " خلال عام ", " حتى ", " as at ", " since ", " during "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_offsets_hold_on_arbitrary_text(text: str) -> None:
    for found in _dates(text):
        assert found.valid or found.value is None
        if found.value is not None:
            assert (found.value.year, found.value.month) == (found.year, found.month)
    for period in _periods(text):
        assert period.kind in {"range", "since", "until", "during", "as_at"}
        low, high = period_bounds(period)
        if period.kind == "range" and low is not None and high is not None:
            assert period.start is not None and period.end is not None
