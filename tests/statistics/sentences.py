"""Hand-written test sentences per indicator, in words other than the samples.

Each case: language, sentence, and the expected (indicator, value, qualifier, subject)
tuples; an empty expectation is a negative case (nothing may be read).
"""

from __future__ import annotations

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
]
