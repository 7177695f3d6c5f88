/* log.h: one line per event, key=value, to stderr.
 *
 * log_event("login_failed", "login", login, "addr", addr, NULL);
 * Values are quoted and escaped so that a value can never forge a field or
 * a line. Never pass secrets (passwords, tokens, receipt codes, content). */
#ifndef ORDEN_LOG_H
#define ORDEN_LOG_H

void	log_event(const char *event, ...) __attribute__((sentinel));
/* Quiet mode for tests and CLI tools that print their own output. */
void	log_set_quiet(int);

#endif
