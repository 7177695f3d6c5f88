-- 0065: drop 0050's mail_outbox_deviation (issue 13). It served the
-- import's mail_forget, which dropped the e-mails of every row imported
-- closed; since a row imported closed makes no notices at all
-- (ctx->notify_quiet), no statement asks mail_outbox by deviation, and
-- every notification of a report still paid for writing the index.
DROP INDEX mail_outbox_deviation;
