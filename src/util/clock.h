/* clock.h: the one source of "now". Time is injected so that deadlines,
 * session timeouts and throttling windows are testable without sleeping:
 * ORDEN_CLOCK_OFFSET (seconds, may be negative) shifts the clock, in a
 * test build only (util/testbuild.h; cli_setup_env reads it). */
#ifndef ORDEN_CLOCK_H
#define ORDEN_CLOCK_H

#include <stdint.h>

int64_t	clock_now(void);		/* seconds since the epoch, UTC */
void	clock_set_offset(int64_t);
/* Milliseconds of CLOCK_MONOTONIC: for ages and intervals inside one
 * process (never shifted by the offset, never stepped by NTP). */
int64_t	clock_mono_ms(void);
/* RFC 3339 UTC ("2026-11-23T14:08:19Z") into out (>= 21 bytes). */
void	clock_format(int64_t t, char *out, unsigned long outsz);

#endif
