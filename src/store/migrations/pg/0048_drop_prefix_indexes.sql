-- 0048: two indexes of deviations that are prefixes of longer ones
-- (issue 13). deviations_reporter (tenant_id, reporter_id) is the start of
-- deviations_reporter_reported (tenant_id, reporter_id, reported_at, id),
-- deviations_reported (tenant_id, reported_at) the start of
-- deviations_reported_id (tenant_id, reported_at, id, ...): every query
-- the short ones served, the long ones serve as well, and every report,
-- transfer and close paid for writing both.
DROP INDEX deviations_reporter;
DROP INDEX deviations_reported;
