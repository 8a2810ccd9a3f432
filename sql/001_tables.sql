-- Published tables. Column names equal the record field names in unreports/records.py.
-- This file is the one declaration of their columns: unreports/publish/tables.py reads
-- each table's Arrow schema and primary key from these CREATE TABLE statements, so keep
-- to its dialect (name TYPE [NOT NULL] [PRIMARY KEY], a PRIMARY KEY (...) clause; types
-- VARCHAR, INTEGER, BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP, DECIMAL(18,4), lists T[]).
-- Every column carries a comment: docs/data-dictionary.md is generated from them.

create table if not exists documents (
    document_id VARCHAR PRIMARY KEY,
    symbol VARCHAR,
    language VARCHAR,
    original_language VARCHAR,
    title VARCHAR,
    published_on DATE,
    job_number VARCHAR,
    distribution VARCHAR,
    reissue_note VARCHAR,
    page_count INTEGER,
    pages_declared INTEGER,
    text_source VARCHAR,
    source_sha256 VARCHAR,
    source_name VARCHAR,
    media_type VARCHAR,
    size_bytes BIGINT,
    warnings VARCHAR[]
);
comment on table documents is 'One row per published document (one language version of one UN report).';
comment on column documents.document_id is 'File-safe document key, e.g. s-2017-939-ar; every other table refers to it.';
comment on column documents.symbol is 'UN document symbol as printed in the masthead, e.g. S/2017/939; shared by all language versions.';
comment on column documents.language is 'ISO 639-1 code of this language version (ar, en, ...); und when it could not be read.';
comment on column documents.original_language is 'Language the report was written in, from the "Original:" line.';
comment on column documents.title is 'Report title from the masthead.';
comment on column documents.published_on is 'Date printed in the masthead.';
comment on column documents.job_number is 'UN job number from the footer, e.g. 17-20223 (A).';
comment on column documents.distribution is 'Distribution printed in the masthead, e.g. General.';
comment on column documents.reissue_note is 'Footnote saying the document was reissued for technical reasons, if any.';
comment on column documents.page_count is 'Number of pages read.';
comment on column documents.pages_declared is 'Number of pages the PDF''s page tree declares; NULL for OCR text files, which declare none. More than page_count means pages were lost to damage (a warning says so).';
comment on column documents.text_source is 'Where the text came from, that of most of its pages with text (each page''s is in pages.text_source): text_layer (a born-digital PDF''s text layer, taken as typeset), ocr_layer (the OCR text layer of a scanned PDF, e.g. made by Acrobat Capture) or ocr (an OCR text file, or image-only pages we OCR''d with tesseract). OCR-grade text is repaired: look-alike characters (8 read for S), paragraph numbers decoded, letter-spaced words joined.';
comment on column documents.source_sha256 is 'sha256 of the input file bytes.';
comment on column documents.source_name is 'File name as received.';
comment on column documents.media_type is 'application/pdf or text/plain (OCR text).';
comment on column documents.size_bytes is 'Size of the input file in bytes.';
comment on column documents.warnings is 'Problems met while reading the document that did not stop it.';

create table if not exists paragraphs (
    document_id VARCHAR NOT NULL,
    number INTEGER NOT NULL,
    number_source VARCHAR,
    chapter VARCHAR,
    section VARCHAR,
    text VARCHAR,
    text_as_read VARCHAR,
    page_start INTEGER,
    page_end INTEGER,
    char_start INTEGER,
    char_end INTEGER,
    number_as_printed VARCHAR,
    flags VARCHAR[],
    PRIMARY KEY (document_id, number)
);
comment on table paragraphs is 'Numbered paragraphs of the report body, in document order. Annex content (tables, notes, letters) is in annex_units, not here.';
comment on column paragraphs.document_id is 'Document the paragraph belongs to (documents.document_id).';
comment on column paragraphs.number is 'Paragraph number, unique within the document.';
comment on column paragraphs.number_source is 'printed (read as is), repaired (misread number corrected), inferred (no number printed where the document numbers its paragraphs) or unnumbered (the document prints no paragraph numbers, e.g. a letter: paragraphs found by layout and numbered 1..N in reading order, an ordinal that is no join key across language versions).';
comment on column paragraphs.chapter is 'Label of the enclosing chapter heading (I, أولا, ...); headings.label at level 1.';
comment on column paragraphs.section is 'Label of the enclosing lettered section (A, ألف, ...); headings.label at level 2.';
comment on column paragraphs.text is 'Normalised text: Arabic presentation forms folded to base letters (lam-alef ligatures become two letters), tatweel removed, runs of whitespace collapsed to one space. Digits stay in the script they were printed in (Arabic-Indic ١٢ in Arabic documents, ASCII 12 in English); harakat are kept. Offsets in other tables point into it.';
comment on column paragraphs.text_as_read is 'Text exactly as read from the page lines, joined.';
comment on column paragraphs.page_start is 'Page (1-based) where the paragraph starts.';
comment on column paragraphs.page_end is 'Page (1-based) where the paragraph ends.';
comment on column paragraphs.char_start is 'Start offset in the document body text (paragraph texts joined by a newline).';
comment on column paragraphs.char_end is 'End offset (exclusive) in the document body text.';
comment on column paragraphs.number_as_printed is 'The paragraph number token as printed, with its separator (12., ١٢ -); for a repaired number, the misread token. NULL when number_source is inferred or unnumbered (no number printed).';
comment on column paragraphs.flags is 'Reading doubts, e.g. start_missing.';

create table if not exists annex_units (
    document_id VARCHAR NOT NULL,
    annex VARCHAR,
    ordinal INTEGER NOT NULL,
    kind VARCHAR,
    text VARCHAR,
    text_as_read VARCHAR,
    page_start INTEGER,
    page_end INTEGER,
    PRIMARY KEY (document_id, ordinal)
);
comment on table annex_units is 'Content of the annexes after the report body (e.g. a troop-contributions table and its notes, a cost estimate), one row per table row, note or block of text, in reading order. Annexes carry no paragraph numbers of the body''s sequence, so units are not paragraphs.';
comment on column annex_units.document_id is 'Document the annex belongs to (documents.document_id).';
comment on column annex_units.annex is 'Annex label as printed: Annex, Annex I, المرفق, ... (the whole annex heading is headings.title of the level-0 heading with this label, part = annex).';
comment on column annex_units.ordinal is 'Position of the unit among all annex units of the document, 1-based, in reading order (over all annexes: Annex II continues after Annex I). Not a printed number.';
comment on column annex_units.kind is 'table_row (the cells of one printed table row, joined by " | " in reading order), note (a note under a table: its marker, then its text) or text (a block of running text).';
comment on column annex_units.text is 'Normalised text, as paragraphs.text (digits as printed).';
comment on column annex_units.text_as_read is 'Text exactly as read from the page lines (table cells joined by a space).';
comment on column annex_units.page_start is 'Page (1-based) where the unit starts.';
comment on column annex_units.page_end is 'Page (1-based) where the unit ends.';

create table if not exists headings (
    document_id VARCHAR NOT NULL,
    level INTEGER,
    label VARCHAR,
    title VARCHAR,
    "order" INTEGER NOT NULL,
    page INTEGER,
    before_paragraph INTEGER,
    part VARCHAR,
    PRIMARY KEY (document_id, "order")
);
comment on table headings is 'Chapter, section and sub-headings of each document.';
comment on column headings.document_id is 'Document the heading belongs to (documents.document_id).';
comment on column headings.level is '0 an annex heading (part = annex; its label, e.g. Annex I, names the annex_units.annex it opens) or the Summary marker, 1 chapter, 2 lettered section, 3 unnumbered subheading.';
comment on column headings.label is 'Printed label (I, أولا, A, ألف); NULL for unnumbered headings.';
comment on column headings.title is 'Heading text without its label.';
comment on column headings."order" is 'Position among the document''s headings (a reserved word: quote it as "order").';
comment on column headings.page is 'Page (1-based) of the heading.';
comment on column headings.before_paragraph is 'Number of the first paragraph after the heading; NULL if none follows, and for annex headings (part = annex), which precede annex_units.';
comment on column headings.part is 'front, body or annex.';

create table if not exists footnotes (
    document_id VARCHAR NOT NULL,
    marker VARCHAR NOT NULL,
    text VARCHAR,
    paragraph_number INTEGER,
    page INTEGER,
    PRIMARY KEY (document_id, marker)
);
comment on table footnotes is 'Footnotes, one row per marker and document.';
comment on column footnotes.document_id is 'Document the footnote belongs to (documents.document_id).';
comment on column footnotes.marker is 'Footnote marker as printed: 1, 2, *.';
comment on column footnotes.text is 'Footnote text.';
comment on column footnotes.paragraph_number is 'Paragraph whose text carries the marker; NULL if not found.';
comment on column footnotes.page is 'Page (1-based) the footnote is printed on.';

create table if not exists citations (
    document_id VARCHAR NOT NULL,
    citation_index INTEGER NOT NULL,
    paragraph_number INTEGER,
    kind VARCHAR,
    symbol VARCHAR,
    as_printed VARCHAR,
    repaired BOOLEAN,
    char_start INTEGER,
    char_end INTEGER,
    PRIMARY KEY (document_id, citation_index)
);
comment on table citations is 'References to other UN documents and resolutions.';
comment on column citations.document_id is 'Citing document (documents.document_id).';
comment on column citations.citation_index is 'Row key: 1-based position within the document in a fixed order of the other columns; stable for identical input only, so join on content, not on it.';
comment on column citations.paragraph_number is 'Paragraph that holds the citation; NULL outside numbered paragraphs.';
comment on column citations.kind is 'document or resolution.';
comment on column citations.symbol is 'Cited symbol after repair, e.g. S/2017/403 or resolution 2331 (2016).';
comment on column citations.as_printed is 'Citation as read, e.g. 8/2017/403.';
comment on column citations.repaired is 'True when symbol differs from as_printed because a misreading was corrected.';
comment on column citations.char_start is 'Start offset in paragraphs.text.';
comment on column citations.char_end is 'End offset (exclusive) in paragraphs.text.';

create table if not exists statistics (
    document_id VARCHAR NOT NULL,
    statistic_key VARCHAR NOT NULL,
    indicator VARCHAR,
    value DECIMAL(18,4),
    qualifier VARCHAR,
    unit VARCHAR,
    subject VARCHAR,
    measure VARCHAR,
    paragraph_number INTEGER,
    quote VARCHAR,
    language VARCHAR,
    rule_id VARCHAR,
    confidence DOUBLE,
    instrument VARCHAR,
    actor VARCHAR,
    location VARCHAR,
    period_start DATE,
    period_end DATE,
    as_of DATE,
    as_of_as_printed VARCHAR,
    breakdown_of VARCHAR,
    cited_source VARCHAR,
    char_start INTEGER,
    char_end INTEGER,
    flags VARCHAR[],
    PRIMARY KEY (document_id, statistic_key)
);
comment on table statistics is 'Indicator values extracted from paragraphs, each with the quote it came from.';
comment on column statistics.document_id is 'Document the value was read from (documents.document_id).';
comment on column statistics.statistic_key is 'Key within the document: indicator:paragraph_number:char_start.';
comment on column statistics.indicator is 'Indicator name, e.g. ratified_parties.';
comment on column statistics.value is 'The number, exact to 4 decimal places.';
comment on column statistics.qualifier is 'exact, at_least, more_than, about, up_to or fewer_than (a named member is exact).';
comment on column statistics.unit is 'Unit of the indicator, from its registry file (States, children, persons); never NULL.';
comment on column statistics.subject is 'What is counted, from the rule: e.g. States parties, States that became parties, children, girls; a named member of a change is "<subject>: member".';
comment on column statistics.measure is 'level (a count as at a date, e.g. States parties as at 28 February 2030: see as_of) or change (what happened during a period, e.g. States that became parties, children used, hostages freed: see period_start and period_end). Set by the registry rule (rule_id). A member named in a list after a change (a State that became a party) is a change row of value 1 whose breakdown_of is that change.';
comment on column statistics.paragraph_number is 'Paragraph the value was read from (paragraphs.number).';
comment on column statistics.quote is 'Verbatim text supporting the value.';
comment on column statistics.language is 'Language of the quote (the rule set that matched).';
comment on column statistics.rule_id is 'Extraction rule that produced the value.';
comment on column statistics.confidence is 'How much can be held against the reading, from 0 to 1 (an ordering, not a calibrated probability). 1 multiplied by: context, 1 - 0.15 x (distance of the nearest trigger word from the number / its window: 150 characters before, 80 after), and 0.95 when only one of the rule''s trigger patterns is near; 0.9 for a named member (no printed number); per flag: as_of_invalid_date 0.8, conflicting_value 0.85, instrument_uncertain 0.6; ocr_low_confidence 0.7; text source ocr 0.8, ocr_layer 0.85, text_layer 1 (the least exact source among the pages of its paragraph, else documents.text_source). Rounded to 3 decimals.';
comment on column statistics.instrument is 'Treaty the value refers to, by its registry name (Organized Crime Convention, Trafficking in Persons Protocol); NULL when the sentence names none or the reading is doubtful (flag instrument_uncertain).';
comment on column statistics.actor is 'Who acted, by its registry name (e.g. Multinational Joint Task Force), when the sentence names one.';
comment on column statistics.location is 'Place the value refers to, as printed, when a rule reads one (e.g. a migration route); for a named member of a change, the member''s name as printed (a State that became a party).';
comment on column statistics.period_start is 'First day of the reporting period the value covers.';
comment on column statistics.period_end is 'Last day of the reporting period the value covers.';
comment on column statistics.as_of is 'Date a level holds at ("as at 1 June 2017"); for a named member, the date printed with it (when it became a party). NULL when none is printed or the printed date is impossible (flag as_of_invalid_date).';
comment on column statistics.as_of_as_printed is 'The as_of date as printed, also when it is impossible (as_of NULL).';
comment on column statistics.breakdown_of is 'statistic_key of the total this value is a part of (girls of all children; a named State of the States that became parties).';
comment on column statistics.cited_source is 'Source given for the value: a footnote marker ("footnote 2") or a UN symbol.';
comment on column statistics.char_start is 'Start offset of the value in paragraphs.text.';
comment on column statistics.char_end is 'End offset (exclusive) of the value in paragraphs.text.';
comment on column statistics.flags is 'Extraction doubts: as_of_invalid_date (the printed as-at date is impossible), instrument_uncertain (the later of two different counts for one instrument in a sentence; instrument set NULL), conflicting_value (another value for the same level: indicator, subject, instrument and as-at date, in the sentence or the document), ocr (read from OCR-grade text: an OCR text file, or a page whose pages.text_source is ocr or ocr_layer; every figure read by OCR carries it, Arabic ones included) or ocr_low_confidence (the OCR engine was unsure of the word holding the value: confidence below 60 of 100). Each lowers confidence (ocr through the text source factor).';

create table if not exists numeric_mentions (
    document_id VARCHAR NOT NULL,
    mention_index INTEGER NOT NULL,
    paragraph_number INTEGER,
    footnote_marker VARCHAR,
    value DECIMAL(18,4),
    as_printed VARCHAR,
    kind VARCHAR,
    noun VARCHAR,
    qualifier VARCHAR,
    char_start INTEGER,
    char_end INTEGER,
    parent_value DECIMAL(18,4),
    flags VARCHAR[],
    PRIMARY KEY (document_id, mention_index)
);
comment on table numeric_mentions is 'Every number read in paragraphs and footnotes, whether or not it became a statistic. Numbers in annexes are not read here: they are in annex_units.text (a table row''s cells split on " | ").';
comment on column numeric_mentions.document_id is 'Document the number was read from (documents.document_id).';
comment on column numeric_mentions.mention_index is 'Row key: 1-based position within the document in a fixed order of the other columns; stable for identical input only.';
comment on column numeric_mentions.paragraph_number is 'Paragraph holding the number; NULL when it is in a footnote.';
comment on column numeric_mentions.footnote_marker is 'Footnote holding the number; NULL when it is in a paragraph.';
comment on column numeric_mentions.value is 'The number, exact to 4 decimal places.';
comment on column numeric_mentions.as_printed is 'The number as printed, e.g. 1,234 or ١٢.';
comment on column numeric_mentions.kind is 'count (an integer in digits), decimal (with a fraction), percent, year, date (the day in a printed date), ordinal (digits with an English ordinal suffix: 72nd), word (number words and Arabic duals), money (after a currency sign or before a currency noun), symbol (a resolution number) or reference (article 10, paragraph 5, target 8.7).';
comment on column numeric_mentions.noun is 'Noun the number counts, if found (the first word after it, two for compounds such as States parties); NULL for year, date, symbol and reference.';
comment on column numeric_mentions.qualifier is 'exact, at_least, more_than, about, up_to or fewer_than.';
comment on column numeric_mentions.char_start is 'Start offset in the paragraph or footnote text.';
comment on column numeric_mentions.char_end is 'End offset (exclusive) in the paragraph or footnote text.';
comment on column numeric_mentions.parent_value is 'For a breakdown in parentheses (22 girls of 249 children), the total it breaks down.';
comment on column numeric_mentions.flags is 'ocr: read from OCR-grade text (a page whose pages.text_source is ocr or ocr_layer, or an OCR text file); ocr_low_confidence: the OCR engine was unsure of the word holding the number (confidence below 60 of 100). Empty for born-digital text.';

create table if not exists pages (
    document_id VARCHAR NOT NULL,
    page INTEGER NOT NULL,
    text_source VARCHAR,
    glyph_count INTEGER,
    image_coverage DOUBLE,
    ocr_confidence DOUBLE,
    ocr_language VARCHAR,
    PRIMARY KEY (document_id, page)
);
comment on table pages is 'Where each page''s text came from (PDFs; one row per page read). Figures read from pages whose text_source is ocr or ocr_layer carry the flag ocr.';
comment on column pages.document_id is 'Document the page belongs to (documents.document_id).';
comment on column pages.page is '1-based page number in the PDF.';
comment on column pages.text_source is 'text_layer (born-digital text), ocr_layer (text an OCR program put on a scan: the PDF names an OCR program such as Acrobat Capture as its creator or producer, or the text lies over a page-size image), ocr (an image-only page we OCR''d with tesseract), image_only (an image-only page not read: OCR engine missing or the page failed; a warning says why) or empty (no text and no page-size image).';
comment on column pages.glyph_count is 'Glyphs with text in the PDF''s own text layer (0 for a scan).';
comment on column pages.image_coverage is 'Share of the page (0 to 1) covered by its largest image; NULL when it could not be measured.';
comment on column pages.ocr_confidence is 'For pages we OCR''d: mean word confidence of tesseract, 0 to 100; NULL otherwise.';
comment on column pages.ocr_language is 'For pages we OCR''d: tesseract language data used (eng, ara, fra, ...), from the file name''s language suffix or the text; NULL otherwise.';

create table if not exists rejected_documents (
    source_name VARCHAR,
    source_sha256 VARCHAR PRIMARY KEY,
    reason VARCHAR,
    detail VARCHAR,
    rejected_at TIMESTAMP
);
comment on table rejected_documents is 'Input files that were not published, one row per file content (latest rejection).';
comment on column rejected_documents.source_name is 'File name as received.';
comment on column rejected_documents.source_sha256 is 'sha256 of the file bytes.';
comment on column rejected_documents.reason is 'Short stable reason: encrypted, not a PDF, limit: time, ...';
comment on column rejected_documents.detail is 'Free-text detail of the reason.';
comment on column rejected_documents.rejected_at is 'When the file was rejected (UTC).';

create table if not exists ignored_inputs (
    source_name VARCHAR PRIMARY KEY,
    reason VARCHAR,
    detail VARCHAR
);
comment on table ignored_inputs is 'Inbox entries that are not inputs and were never read: links (never followed), hidden files, folders, other suffixes, devices. One row per entry name in the latest run.';
comment on column ignored_inputs.source_name is 'The entry''s name in the inbox.';
comment on column ignored_inputs.reason is 'Short stable reason: link: not read, hidden file, folder, unsupported suffix, not a regular file.';
comment on column ignored_inputs.detail is 'What was found, e.g. where a link points or the suffix; never the content of a link''s target.';

create table if not exists snapshot (
    snapshot_id VARCHAR PRIMARY KEY,
    created_at TIMESTAMP,
    code_version VARCHAR,
    git_commit VARCHAR
);
comment on table snapshot is 'The one snapshot this database file belongs to (DuckDB only; manifest.json has the same for Parquet).';
comment on column snapshot.snapshot_id is 'Snapshot id: UTC creation time and a short content hash, sortable by time.';
comment on column snapshot.created_at is 'When the snapshot was built (UTC).';
comment on column snapshot.code_version is 'Pipeline version that built it: package version + digest of the domain code : indicator-registry digest : table-schema digest (documents processed under another version are processed again).';
comment on column snapshot.git_commit is 'Git commit (12 hex digits) of the checkout the pipeline ran from; NULL when installed from a wheel. code_version also covers uncommitted changes; this column does not.';
