-- 0081: the legal clocks of deviations that `orden import deviations`
-- brought in closed, met at their close. The import replayed each row's
-- report, which started its clocks (a personal-data category: 72 hours to
-- Datatilsynet), and its close, but nothing met the clocks: 8,196 of
-- 8,291 clocks of an import of 200,000 rows read as never met, on the
-- case page and in the yearly wheel's list of clocks not met, which they
-- filled with history. The import now meets them at the close as the
-- handler's legal_done does (deviation/import.c, imp_legal_met); this
-- mends what was imported before, the same way: done_at is the close
-- (a clock whose deadline passed before it reads as met late), with the
-- legal_done event the action makes (by the system: who imported is not
-- known here).
--
-- Only a clock not met of a deviation still closed as the import closed
-- it: its summary is the import's, in the language the import ran in
-- (po/: nb, nn, en). A case closed in Orden whose clock the handler never
-- met stays unmet: that is a clock missed, not history.
INSERT INTO deviation_events (tenant_id, deviation_id, at, actor_id, type,
    public, text)
    SELECT l.tenant_id, l.deviation_id, d.closed_at, NULL, 'legal_done', 0,
    l.authority FROM legal_deadlines l JOIN deviations d
    ON d.tenant_id = l.tenant_id AND d.id = l.deviation_id
    WHERE l.done_at IS NULL AND d.status = 'closed' AND d.closed_at > 0
    AND d.summary IN ('Lukket i det forrige systemet (importert).',
    'Lukka i det førre systemet (importert).',
    'Closed in the previous system (imported).')
    ORDER BY l.deviation_id, l.authority;
UPDATE legal_deadlines SET done_at = (SELECT d.closed_at FROM deviations d
    WHERE d.tenant_id = legal_deadlines.tenant_id
    AND d.id = legal_deadlines.deviation_id)
    WHERE done_at IS NULL AND EXISTS (SELECT 1 FROM deviations d
    WHERE d.tenant_id = legal_deadlines.tenant_id
    AND d.id = legal_deadlines.deviation_id AND d.status = 'closed'
    AND d.closed_at > 0
    AND d.summary IN ('Lukket i det forrige systemet (importert).',
    'Lukka i det førre systemet (importert).',
    'Closed in the previous system (imported).'));
