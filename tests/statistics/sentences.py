"""Hand-written test sentences per indicator, in words other than the samples.

Each case: language, sentence, and the expected (indicator, value, qualifier, subject)
tuples; an empty expectation is a negative case (nothing may be read).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

D = Decimal
CASES: list[tuple[str, str, set[tuple[str, Decimal, str, str]]]] = [
    # ratified_parties
    ("en", "As of 1 June 2021, the Trafficking in Persons Protocol had 178 States parties.",
     {("ratified_parties", D(178), "exact", "States parties")}),
    ("en", ("By the end of the reporting period some 190 States were parties to the Convention against "
            "Transnational Organized Crime."),
     {("ratified_parties", D(190), "about", "States parties")}),
    ("en", "Three States became parties to the Protocol during the year.",
     {("ratified_parties", D(3), "exact", "States that became parties")}),
    ("en", "The Council held 12 meetings with States parties to discuss the matter.", set()),
    ("ar", "وحتى ١ حزيران/يونيه ٢٠٢١، بلغ عدد الدول الأطراف في البروتوكول ١٧٨ دولة.",
     {("ratified_parties", D(178), "exact", "States parties")}),
    ("ar", "وأصبحت ثلاث دول أطرافا في الاتفاقية خلال العام.",
     {("ratified_parties", D(3), "exact", "States that became parties")}),
    ("ar", "وعقدت اللجنة ١٢ اجتماعا مع ممثلي الدول الأطراف.", set()),
    # child_bombers
    ("en", ("The country task force documented 17 children, among them 11 girls, used as suicide bombers "
            "in 2022."),
     {("child_bombers", D(17), "exact", "children"), ("child_bombers", D(11), "exact", "girls")}),
    ("en", "More than 60 children were forced to carry explosives in suicide attacks last year.",
     {("child_bombers", D(60), "more_than", "children")}),
    ("en", "In 2022, 300 children were released from armed groups and reunited with their families.", set()),
    ("ar", "وتحققت الأمم المتحدة من استخدام ١٧ طفلا، من بينهم ١١ فتاة، في هجمات انتحارية في عام ٢٠٢٢.",
     {("child_bombers", D(17), "exact", "children"), ("child_bombers", D(11), "exact", "girls")}),
    ("ar", "واستخدم أكثر من ٦٠ طفلا لتنفيذ تفجيرات انتحارية خلال العام الماضي.",
     {("child_bombers", D(60), "more_than", "children")}),
    ("ar", "وأعيد ٣٠٠ طفل إلى أسرهم بعد إطلاق سراحهم من الجماعات المسلحة.", set()),
    # rescued_hostages
    ("en", "Security forces rescued at least 450 hostages between March and December 2020.",
     {("rescued_hostages", D(450), "at_least", "hostages freed")}),
    ("en", "Approximately 1,100 abductees were freed by the army in the north-east.",
     {("rescued_hostages", D(1100), "about", "hostages freed")}),
    ("en", "The armed group freed its grip on 3 towns after the offensive.", set()),
    ("ar", "وحررت القوات الحكومية ما لا يقل عن ٤٥٠ رهينة في الفترة من آذار/مارس إلى كانون الأول/ديسمبر ٢٠٢٠.",
     {("rescued_hostages", D(450), "at_least", "hostages freed")}),
    ("ar", "وأفرج عن نحو ١١٠٠ مختطف في الشمال الشرقي.",
     {("rescued_hostages", D(1100), "about", "hostages freed")}),
    ("ar", "وحررت القوات ٣ بلدات من سيطرة الجماعة.", set()),
    # surveyed_migrants
    ("en", "Researchers interviewed 2,400 migrants on the central Mediterranean route in 2019.",
     {("surveyed_migrants", D(2400), "exact", "persons surveyed")}),
    ("en", "A sample of 640 refugees was analysed in detail.",
     {("surveyed_migrants", D(640), "exact", "persons in an analysed sample")}),
    ("en", "The survey covered 14 countries of origin.", set()),
    ("ar", "وأجرى الباحثون مقابلات مع ٢٤٠٠ مهاجر على طريق وسط البحر الأبيض المتوسط في عام ٢٠١٩.",
     {("surveyed_migrants", D(2400), "exact", "persons surveyed")}),
    ("ar", "وشملت عينة التحليل ٦٤٠ لاجئا.",
     {("surveyed_migrants", D(640), "exact", "persons in an analysed sample")}),
    ("ar", "وشمل المسح ١٤ بلدا من بلدان المنشأ.", set()),
    # number words, duals, other qualifiers and tricky negatives
    ("en", "Fifteen children, including nine girls, were used in suicide bombings in the north-east.",
     {("child_bombers", D(15), "exact", "children"), ("child_bombers", D(9), "exact", "girls")}),
    ("en", "The Mission recorded 42 suicide attacks that killed more than 300 civilians.", set()),
    ("ar", "واستخدم خمسة عشر طفلا، من بينهم تسع فتيات، في تفجيرات انتحارية.",
     {("child_bombers", D(15), "exact", "children"), ("child_bombers", D(9), "exact", "girls")}),
    ("ar", "وسجلت البعثة ٤٢ هجوما انتحاريا أسفرت عن مقتل أكثر من ٣٠٠ مدني.", set()),
    ("en", "Over 2,000 hostages held by the group were liberated in the operation.",
     {("rescued_hostages", D(2000), "more_than", "hostages freed")}),
    ("ar", "وأفرجت الجماعة عن رهينتين في نيسان/أبريل ٢٠٢١.",
     {("rescued_hostages", D(2), "exact", "hostages freed")}),
    ("ar", "وأنقذت القوات ما يزيد على ٢٠٠٠ رهينة كانوا محتجزين لدى الجماعة.",
     {("rescued_hostages", D(2000), "more_than", "hostages freed")}),
    ("en", "The group still holds about 500 hostages, according to local sources.", set()),
    ("ar", "ولا تزال الجماعة تحتجز نحو ٥٠٠ رهينة.", set()),
    ("en", "Since 2018, the agency has interviewed some 5,000 migrants and refugees in transit countries.",
     {("surveyed_migrants", D(5000), "about", "persons surveyed")}),
    ("ar", "ومنذ عام ٢٠١٨، أجرت الوكالة مقابلات مع نحو ٥٠٠٠ مهاجر ولاجئ في بلدان العبور.",
     {("surveyed_migrants", D(5000), "about", "persons surveyed")}),
    ("en", "Two hundred States and organizations attended the survey launch.", set()),
    ("en", "As at 30 September 2019, 176 States were parties to the Protocol.",
     {("ratified_parties", D(176), "exact", "States parties")}),
    ("ar", "وفي ٣٠ أيلول/سبتمبر ٢٠١٩، كان عدد الدول الأطراف في البروتوكول ١٧٦ دولة.",
     {("ratified_parties", D(176), "exact", "States parties")}),
]

# Stock and flow of one indicator: (measure, value, instrument, as_of, member) per row read
# for ratified_parties. A level is a count as at a date; a change is what happened during
# a period; a State named in the list after a change is one row (value 1, member = its
# name) that breaks the change down.
LEVEL = "level"
CHANGE = "change"
CONVENTION = "Organized Crime Convention"
PROTOCOL = "Trafficking in Persons Protocol"
MEASURE_CASES: list[tuple[str, str, set[tuple[str, Decimal, str | None, date | None, str | None]]]] = [
    ("en", "As at 31 December 2024, 181 States were parties to the Protocol.",
     {(LEVEL, D(181), PROTOCOL, date(2024, 12, 31), None)}),
    ("en", "The Convention had 190 States parties as of 1 March 2023.",
     {(LEVEL, D(190), CONVENTION, date(2023, 3, 1), None)}),
    ("en", "As of 1 March 2023, there were 190 parties to the Convention and 178 parties to the Protocol.",
     {(LEVEL, D(190), CONVENTION, date(2023, 3, 1), None),
      (LEVEL, D(178), PROTOCOL, date(2023, 3, 1), None)}),
    ("en", ("In 2024, two States became parties to the Convention: Palau, on 2 April 2024, "
            "and Nauru, on 9 October 2024."),
     {(CHANGE, D(2), CONVENTION, None, None), (CHANGE, D(1), CONVENTION, date(2024, 4, 2), "Palau"),
      (CHANGE, D(1), CONVENTION, date(2024, 10, 9), "Nauru")}),
    ("en", "Four States acceded to the Protocol between January and June 2023.",
     {(CHANGE, D(4), PROTOCOL, None, None)}),
    ("ar", "وحتى ٣١ كانون الأول/ديسمبر ٢٠٢٤، كان عدد الدول الأطراف في البروتوكول ١٨١ دولة.",
     {(LEVEL, D(181), PROTOCOL, date(2024, 12, 31), None)}),
    ("ar", ("واعتبارا من ١ آذار/مارس ٢٠٢٣، بلغ عدد الدول الأطراف في الاتفاقية ١٩٠ دولة، "
            "وبلغ عدد الدول الأطراف في البروتوكول ١٧٨ دولة."),
     {(LEVEL, D(190), CONVENTION, date(2023, 3, 1), None),
      (LEVEL, D(178), PROTOCOL, date(2023, 3, 1), None)}),
    ("ar", ("وفي عام ٢٠٢٤، أصبحت دولتان طرفين في الاتفاقية، هما بالاو، في ٢ نيسان/أبريل ٢٠٢٤، "
            "وناورو، في ٩ تشرين الأول/أكتوبر ٢٠٢٤."),
     {(CHANGE, D(2), CONVENTION, None, None), (CHANGE, D(1), CONVENTION, date(2024, 4, 2), "بالاو"),
      (CHANGE, D(1), CONVENTION, date(2024, 10, 9), "ناورو")}),
    # The dates of a period after the count are not members' accession dates.
    ("ar", "وانضمت ثلاث دول إلى البروتوكول في الفترة من كانون الثاني/يناير إلى حزيران/يونيه ٢٠٢٣.",
     {(CHANGE, D(3), PROTOCOL, None, None)}),
]
