-- 0050: the unsent e-mails of one deviation by an index (issue 13).
-- `orden import deviations` drops the notifications of every closed row
-- it imports (mail_forget: tenant and deviation, not yet sent). Without
-- an index that statement read every unsent e-mail of the installation
-- through mail_outbox_due, and the e-mails of the open rows imported
-- before it made that list grow with the file: 125,000 rows of a ten-year
-- history took 12 minutes, and the rest slower still. Partial: only
-- unsent rows are ever asked for this way, and sent ones stay many.
CREATE INDEX mail_outbox_deviation ON mail_outbox(tenant_id, deviation_id)
    WHERE sent_at IS NULL;
