-- Analyst views over the published tables. Each view column carries a comment for the
-- data dictionary; views never change data, only join and rename.

create or replace view indicator_values as
select
    s.document_id,
    d.symbol,
    d.language,
    d.published_on,
    s.paragraph_number,
    s.statistic_key,
    s.indicator,
    s.measure,
    s.value,
    s.qualifier,
    s.unit,
    s.subject,
    s.instrument,
    s.actor,
    s.location,
    s.period_start,
    s.period_end,
    s.as_of,
    s.as_of_as_printed,
    s.breakdown_of,
    s.cited_source,
    s.confidence,
    s.flags,
    s.quote
from statistics as s
left join documents as d on d.document_id = s.document_id;
comment on view indicator_values is 'One row per statistic with the symbol, language and date of its document, what it measures (level or change) and what it is about (instrument, actor, location).';
comment on column indicator_values.document_id is 'Document the value was read from.';
comment on column indicator_values.symbol is 'UN document symbol, e.g. S/2017/939; the same for every language version.';
comment on column indicator_values.language is 'Language version of the document (ar, en, ...): tells versions of one symbol apart.';
comment on column indicator_values.published_on is 'Date printed in the document masthead.';
comment on column indicator_values.paragraph_number is 'Paragraph the value was read from.';
comment on column indicator_values.statistic_key is 'Key of the statistic within the document.';
comment on column indicator_values.indicator is 'Indicator name.';
comment on column indicator_values.measure is 'level (a count as at a date) or change (during a period); never add one to the other.';
comment on column indicator_values.value is 'The number, exact to 4 decimal places.';
comment on column indicator_values.qualifier is 'exact, at_least, more_than, about, up_to or fewer_than.';
comment on column indicator_values.unit is 'Unit of the indicator (States, children, persons).';
comment on column indicator_values.subject is 'What is counted.';
comment on column indicator_values.instrument is 'Treaty the value refers to (registry name); NULL when not named or uncertain.';
comment on column indicator_values.actor is 'Who acted (registry name), if named.';
comment on column indicator_values.location is 'Place the value refers to, or the name of a member of a change (a State that became a party).';
comment on column indicator_values.period_start is 'First day of the reporting period the value covers.';
comment on column indicator_values.period_end is 'Last day of the reporting period the value covers.';
comment on column indicator_values.as_of is 'Date a level holds at (for a named member: its date).';
comment on column indicator_values.as_of_as_printed is 'The as-at date as printed, also when impossible (as_of NULL).';
comment on column indicator_values.breakdown_of is 'statistic_key of the total this value is a part of.';
comment on column indicator_values.cited_source is 'Source given for the value (footnote or UN symbol).';
comment on column indicator_values.confidence is 'Evidence-based confidence from 0 to 1 (see statistics.confidence).';
comment on column indicator_values.flags is 'Extraction doubts (see statistics.flags).';
comment on column indicator_values.quote is 'Verbatim text supporting the value.';

-- A section label such as "A" repeats in every chapter, so a label alone does not find
-- the heading: the ASOF join takes the heading with that label nearest before the
-- paragraph (largest before_paragraph <= number).
create or replace view paragraph_text as
with chapters as (
    select document_id, label, title, before_paragraph
    from headings
    where level = 1 and label is not null and before_paragraph is not null
),
sections as (
    select document_id, label, title, before_paragraph
    from headings
    where level = 2 and label is not null and before_paragraph is not null
)
select
    p.document_id,
    d.symbol,
    d.language,
    p.number,
    p.chapter,
    c.title as chapter_title,
    p.section,
    s.title as section_title,
    p.text,
    p.page_start,
    p.page_end,
    p.flags
from paragraphs as p
left join documents as d on d.document_id = p.document_id
asof left join chapters as c
    on c.document_id = p.document_id and c.label = p.chapter and p.number >= c.before_paragraph
asof left join sections as s
    on s.document_id = p.document_id and s.label = p.section and p.number >= s.before_paragraph;
comment on view paragraph_text is 'Paragraphs with the titles of their chapter and section.';
comment on column paragraph_text.document_id is 'Document the paragraph belongs to.';
comment on column paragraph_text.symbol is 'UN document symbol.';
comment on column paragraph_text.language is 'Language version of the document.';
comment on column paragraph_text.number is 'Paragraph number.';
comment on column paragraph_text.chapter is 'Chapter label, e.g. I.';
comment on column paragraph_text.chapter_title is 'Title of the level-1 heading with that label preceding the paragraph.';
comment on column paragraph_text.section is 'Section label, e.g. A.';
comment on column paragraph_text.section_title is 'Title of the level-2 heading with that label preceding the paragraph.';
comment on column paragraph_text.text is 'Normalised paragraph text.';
comment on column paragraph_text.page_start is 'Page where the paragraph starts.';
comment on column paragraph_text.page_end is 'Page where the paragraph ends.';
comment on column paragraph_text.flags is 'Reading doubts.';

-- An annex label ("Annex I") names the level-0 heading that opens the annex; should one
-- label open two annexes, the first heading's title is taken (one row per unit).
create or replace view annex_text as
with annexes as (
    select document_id, label, arg_min(title, "order") as title
    from headings
    where part = 'annex' and level = 0 and label is not null
    group by document_id, label
)
select
    u.document_id,
    d.symbol,
    d.language,
    u.annex,
    a.title as annex_title,
    u.ordinal,
    u.kind,
    u.text,
    u.page_start,
    u.page_end
from annex_units as u
left join documents as d on d.document_id = u.document_id
left join annexes as a on a.document_id = u.document_id and a.label = u.annex;
comment on view annex_text is 'Annex units (table rows, notes, text) with the symbol and language of their document and the heading of their annex.';
comment on column annex_text.document_id is 'Document the annex belongs to.';
comment on column annex_text.symbol is 'UN document symbol.';
comment on column annex_text.language is 'Language version of the document.';
comment on column annex_text.annex is 'Annex label, e.g. Annex I.';
comment on column annex_text.annex_title is 'The annex heading as printed, label included (headings.title of the level-0 annex heading).';
comment on column annex_text.ordinal is 'Position among the document''s annex units (annex_units.ordinal).';
comment on column annex_text.kind is 'table_row, note or text.';
comment on column annex_text.text is 'Normalised text; a table row''s cells joined by " | ".';
comment on column annex_text.page_start is 'Page where the unit starts.';
comment on column annex_text.page_end is 'Page where the unit ends.';

create or replace view documents_overview as
select
    d.document_id,
    d.symbol,
    d.language,
    d.title,
    d.published_on,
    d.page_count,
    d.text_source,
    coalesce(p.paragraph_count, 0) as paragraph_count,
    coalesce(a.annex_unit_count, 0) as annex_unit_count,
    coalesce(f.footnote_count, 0) as footnote_count,
    coalesce(s.statistic_count, 0) as statistic_count
from documents as d
left join (select document_id, count(*) as paragraph_count from paragraphs group by document_id) as p
    on p.document_id = d.document_id
left join (select document_id, count(*) as annex_unit_count from annex_units group by document_id) as a
    on a.document_id = d.document_id
left join (select document_id, count(*) as footnote_count from footnotes group by document_id) as f
    on f.document_id = d.document_id
left join (select document_id, count(*) as statistic_count from statistics group by document_id) as s
    on s.document_id = d.document_id;
comment on view documents_overview is 'One row per document with counts of what was read from it.';
comment on column documents_overview.document_id is 'Document key.';
comment on column documents_overview.symbol is 'UN document symbol.';
comment on column documents_overview.language is 'Language version.';
comment on column documents_overview.title is 'Report title.';
comment on column documents_overview.published_on is 'Date printed in the masthead.';
comment on column documents_overview.page_count is 'Number of pages read.';
comment on column documents_overview.text_source is 'text_layer, ocr_layer or ocr (see documents.text_source).';
comment on column documents_overview.paragraph_count is 'Number of paragraphs published.';
comment on column documents_overview.annex_unit_count is 'Number of annex units published (annex_units).';
comment on column documents_overview.footnote_count is 'Number of footnotes published.';
comment on column documents_overview.statistic_count is 'Number of statistics published.';
