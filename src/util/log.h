/* log.h: one line per event, key=value, to stderr.
 *
 * log_event("login_failed", "login", login, "addr", addr, NULL);
 * Values are quoted and escaped so that a value can never forge a field or
 * a line. Never pass secrets (passwords, tokens, receipt codes, content). */
#ifndef ORDEN_LOG_H
#define ORDEN_LOG_H

#include <stddef.h>

void	log_event(const char *event, ...) __attribute__((sentinel));
/* Quiet mode for tests and CLI tools that print their own output. */
void	log_set_quiet(int);

/* Client addresses in the access log (log_addr.c). NONE, the default,
 * writes none; HASHED a per-run keyed tag; FULL the address. */
enum log_addr_mode { LOG_ADDR_NONE, LOG_ADDR_HASHED, LOG_ADDR_FULL };
/* "none", "hashed" or "full" into *out: 0, or -1 for anything else. */
int	log_addr_mode_parse(const char *, enum log_addr_mode *);
void	log_set_addresses(enum log_addr_mode);
/* The text to log for addr: "-" unless may_log (a signed-in person's
 * request to a route a reporter's browser never loads) and the mode
 * allows it; else addr itself or its tag written into out. Needs
 * sodium_init() before the first HASHED call. */
const char *log_addr(const char *addr, int may_log, char *out, size_t outsz);

#endif
