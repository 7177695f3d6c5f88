/* buf.h: one bounded, growable byte buffer (curl's dynbuf idea).
 *
 * Every buffer has a maximum size fixed at creation; an append that would
 * pass it fails, marks the buffer as failed (sticky) and changes nothing.
 * Callers may therefore chain appends and check once at the end with
 * buf_failed(). The contents are always NUL-terminated once anything was
 * appended; buf_cstr() never returns NULL.
 */
#ifndef ORDEN_BUF_H
#define ORDEN_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;	/* owned; NULL until the first append */
	size_t	 len;
	size_t	 cap;
	size_t	 max;	/* hard limit on len */
	int	 failed;	/* sticky: an append hit max or memory ran out */
};

#define BUF_MAX_DEFAULT (1024u * 1024u)

void	 buf_init(struct buf *, size_t max);
/* 0 on success, -1 on overflow/out of memory (buffer unchanged, marked failed). */
int	 buf_append(struct buf *, const void *, size_t);
int	 buf_puts(struct buf *, const char *);
int	 buf_putc(struct buf *, char);
int	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
int	 buf_failed(const struct buf *);
/* Borrowed; valid until the next append or buf_free. Never NULL. */
const char *buf_cstr(const struct buf *);
void	 buf_reset(struct buf *);	/* len = 0, keeps memory, clears failed */
/* Caller frees with free(); the buffer is left empty. Never NULL on success. */
char	*buf_detach(struct buf *);
void	 buf_free(struct buf *);

#endif
