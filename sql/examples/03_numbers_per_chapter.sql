-- How many numbers each chapter of each report contains, and how many became statistics.
--
-- One row per document version and chapter (paragraphs outside any chapter have a NULL
-- chapter). numeric_mentions counts every number read in the chapter's paragraphs
-- (numbers in footnotes are not counted).
--
-- Columns: symbol, language, chapter, chapter_title, paragraphs, numeric_mentions, statistics
-- Order: symbol, language, first paragraph of the chapter.
with mentions as (
    select document_id, paragraph_number, count(*) as n
    from numeric_mentions
    where paragraph_number is not null
    group by document_id, paragraph_number
),
stats as (
    select document_id, paragraph_number, count(*) as n
    from statistics
    where paragraph_number is not null
    group by document_id, paragraph_number
)
select
    p.symbol,
    p.language,
    p.chapter,
    any_value(p.chapter_title) as chapter_title,
    count(*) as paragraphs,
    cast(coalesce(sum(m.n), 0) as bigint) as numeric_mentions,
    cast(coalesce(sum(s.n), 0) as bigint) as statistics
from paragraph_text as p
left join mentions as m on m.document_id = p.document_id and m.paragraph_number = p.number
left join stats as s on s.document_id = p.document_id and s.paragraph_number = p.number
group by p.document_id, p.symbol, p.language, p.chapter
order by p.symbol, p.language, min(p.number);
