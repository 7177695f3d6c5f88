-- 0074: a legal clock whose notice was sent is marked (notified_at), in
-- the same transaction as the notice (deviation/tick.c). Before, the tick
-- selected every open deviation with a clock run out and not met, and
-- looked the notice up again for each, every minute: after ten years of
-- history the clocks that ran out long ago and were never met were read
-- again by every tick. Now it asks, of each open deviation, for an
-- unmarked clock on the partial index below, which holds only the clocks
-- not yet told of nor met. (Keyed by deviation, not by time: the clocks of
-- closed deviations are never told of, so an index of all unmarked
-- clocks by time would grow with the history, 8,196 of 8,291 clocks after
-- an import of 200,000 rows.)
-- Existing clocks whose notice exists (the tick's old mark: a "legal"
-- notification of the deviation whose text starts "<authority>:") are
-- marked here, at the time of their first notice.
ALTER TABLE legal_deadlines ADD COLUMN notified_at BIGINT;
UPDATE legal_deadlines SET notified_at = (SELECT min(n.created_at)
    FROM notifications n WHERE n.tenant_id = legal_deadlines.tenant_id
    AND n.deviation_id = legal_deadlines.deviation_id AND n.kind = 'legal'
    AND n.text LIKE legal_deadlines.authority || ':%');
CREATE INDEX legal_deadlines_unnotified ON legal_deadlines(tenant_id,
    deviation_id, due_at) WHERE notified_at IS NULL AND done_at IS NULL;
