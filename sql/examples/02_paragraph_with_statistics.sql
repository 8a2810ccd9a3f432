-- Every statistic read from one paragraph, next to the paragraph text.
--
-- Set the document symbol, language and paragraph number in `wanted`. One row per
-- statistic; a paragraph without statistics still gives one row with NULL indicator.
-- measure tells a level (as at as_of) from a change (during the period); a State named
-- in a list after a change is a row of its own with its name in location.
--
-- Columns: symbol, language, number, chapter_title, section_title, indicator, measure, value, qualifier, unit, subject, instrument, location, as_of, breakdown_of, quote, text
-- Order: position of the value in the paragraph.
with wanted as (
    select 'S/2030/512' as symbol, 'en' as language, 6 as number
)
select
    p.symbol,
    p.language,
    p.number,
    p.chapter_title,
    p.section_title,
    s.indicator,
    s.measure,
    s.value,
    s.qualifier,
    s.unit,
    s.subject,
    s.instrument,
    s.location,
    s.as_of,
    s.breakdown_of,
    s.quote,
    p.text
from paragraph_text as p
join wanted as w on w.symbol = p.symbol and w.language = p.language and w.number = p.number
left join statistics as s on s.document_id = p.document_id and s.paragraph_number = p.number
order by s.char_start nulls first, s.statistic_key;
