-- 0024: an account whose password someone else reset receives no
-- whistleblowing case keys until the chief safety representative confirms
-- (the administrator who set the one-time password could otherwise sign
-- in as the handler, make a new key and be sealed every case after).
--  - people.wb_hold_by: who reset it (a person id; 0: the operator's
--    command line). NULL: no hold.
--  - people.wb_hold_at: when.
ALTER TABLE people ADD COLUMN wb_hold_by INTEGER;
ALTER TABLE people ADD COLUMN wb_hold_at INTEGER;
