-- 0076: the owner of a measure is reminded once before its due date
-- (measure/tick.c); this is when. The index holds the open measures not
-- yet reminded, by due date, so the tick reads only those due soon. The
-- row's RLS policy is the measures table's own.
ALTER TABLE measures ADD COLUMN remind_noticed_at BIGINT;
CREATE INDEX measures_remind ON measures(tenant_id, due_at)
    WHERE status <> 'done' AND remind_noticed_at IS NULL AND due_at IS NOT NULL;
