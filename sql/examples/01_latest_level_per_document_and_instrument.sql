-- Latest number of States parties per document version and treaty.
--
-- One row per document version (symbol and language) and instrument: the level of
-- `ratified_parties` (a count as at a date, not the States that became parties during
-- a period) with the latest as-at date; a level whose printed date is impossible comes
-- after the dated ones (as_of NULL, as_of_as_printed keeps what was printed). A level
-- whose instrument could not be read is its own row with a NULL instrument. Change the
-- indicator name to ask about another one.
--
-- Columns: symbol, language, instrument, value, qualifier, as_of, as_of_as_printed, confidence, paragraph_number, quote
-- Order: symbol, language, instrument.
select
    symbol,
    language,
    instrument,
    value,
    qualifier,
    as_of,
    as_of_as_printed,
    confidence,
    paragraph_number,
    quote
from indicator_values
where indicator = 'ratified_parties' and measure = 'level' and breakdown_of is null
qualify row_number() over (
    partition by document_id, instrument
    order by as_of desc nulls last, paragraph_number desc, statistic_key
) = 1
order by symbol, language, instrument nulls last;
