-- 0066: what kind of report an e-mail is about (issue 13, w15-mail).
-- The mail is composed at send time from the notification's kind alone,
-- so a leader told of a new improvement proposal read "Et avvik venter
-- på deg". The report's kind travels with the row: 'deviation' or
-- 'improvement' for a notice about one, NULL for the rest (the yearly
-- wheel, documents, whistleblowing, a password reset). Still no text:
-- the kind of report is no more than the subject already says.
ALTER TABLE mail_outbox ADD COLUMN report_kind TEXT
    CHECK (report_kind IN ('deviation', 'improvement'));
