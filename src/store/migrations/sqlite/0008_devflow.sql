-- 0008: the deviation workflow's missing pieces (issue 11).
--  - deviation_settings.top_route: who handles a deviation about the
--    chief executive (there is no leader above): mayor | quality | hr_head.
--  - deviations.handler_role: set when such a deviation was routed to that
--    role instead of a unit's leader (NULL: the handler unit's leaders).
--  - measures.done_note: what the measure owner wrote when marking it done.
--  - units.kind: school | kindergarten | health_care | other (NULL: not
--    said); the legal clocks of a category may depend on it.
--  - categories.legal_kinds: the unit kinds (comma separated) where the
--    category's legal clock applies; NULL: every kind.
ALTER TABLE deviation_settings ADD COLUMN top_route TEXT NOT NULL DEFAULT 'mayor';
ALTER TABLE deviations ADD COLUMN handler_role TEXT;
ALTER TABLE measures ADD COLUMN done_note TEXT;
ALTER TABLE units ADD COLUMN kind TEXT;
ALTER TABLE categories ADD COLUMN legal_kinds TEXT;
-- Statens helsetilsyn's clock belongs to health and care services.
UPDATE categories SET legal_kinds = 'health_care' WHERE legal = 'helsetilsyn';
