-- 0035: a measure past its due date and not done is posted once to the
-- webhooks that hear measure.due (measure/tick.c); this is when. The
-- row's RLS policy is the measures table's own.
ALTER TABLE measures ADD COLUMN due_noticed_at BIGINT;
