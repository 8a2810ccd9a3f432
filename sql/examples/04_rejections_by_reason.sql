-- Why input files were not published.
--
-- One row per rejection reason with the number of distinct files and the latest one.
--
-- Columns: reason, files, latest_rejected_at, latest_source_name
-- Order: most files first.
select
    reason,
    count(*) as files,
    max(rejected_at) as latest_rejected_at,
    arg_max(source_name, rejected_at) as latest_source_name
from rejected_documents
group by reason
order by files desc, reason;
