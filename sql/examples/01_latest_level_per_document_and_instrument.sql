-- Latest reported number of parties that ratified a treaty, per document.
--
-- One row per document version that reports the indicator `ratified_parties`: the value
-- with the latest date it holds at (as_of, else the end of its period, else the
-- publication date). Change the indicator name to ask about another one.
--
-- Columns: symbol, language, published_on, holds_on, value, qualifier, paragraph_number, quote
-- Order: symbol, language.
select
    symbol,
    language,
    published_on,
    coalesce(as_of, period_end, published_on) as holds_on,
    value,
    qualifier,
    paragraph_number,
    quote
from indicator_values
where indicator = 'ratified_parties'
qualify row_number() over (
    partition by document_id
    order by coalesce(as_of, period_end, published_on) desc nulls last, paragraph_number desc, statistic_key
) = 1
order by symbol, language;
