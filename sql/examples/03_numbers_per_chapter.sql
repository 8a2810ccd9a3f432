-- How many numbers each chapter of each report contains, and how many became statistics.
--
-- One row per document version and chapter (paragraphs outside any chapter have a NULL
-- chapter). numeric_mentions counts every number read in the chapter's paragraphs
-- (numbers in footnotes are not counted); numbers_in_statistics counts those of them a
-- statistic was read from (same paragraph and offset). A State named in a list after a
-- change is a statistic but not a printed number, so it is not counted.
--
-- Columns: symbol, language, chapter, chapter_title, paragraphs, numeric_mentions, numbers_in_statistics
-- Order: symbol, language, first paragraph of the chapter.
with mentions as (
    select
        m.document_id,
        m.paragraph_number,
        count(*) as n,
        count(*) filter (where exists (
            select 1 from statistics as s
            where s.document_id = m.document_id and s.paragraph_number = m.paragraph_number
                and s.char_start = m.char_start
        )) as in_statistics
    from numeric_mentions as m
    where m.paragraph_number is not null and m.footnote_marker is null
    group by m.document_id, m.paragraph_number
)
select
    p.symbol,
    p.language,
    p.chapter,
    any_value(p.chapter_title) as chapter_title,
    count(*) as paragraphs,
    cast(coalesce(sum(m.n), 0) as bigint) as numeric_mentions,
    cast(coalesce(sum(m.in_statistics), 0) as bigint) as numbers_in_statistics
from paragraph_text as p
left join mentions as m on m.document_id = p.document_id and m.paragraph_number = p.number
group by p.document_id, p.symbol, p.language, p.chapter
order by p.symbol, p.language, min(p.number);
