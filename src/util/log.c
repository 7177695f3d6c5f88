#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "util/buf.h"

static int quiet;

void
log_set_quiet(int q)
{
	quiet = q;
}

static void
put_value(struct buf *b, const char *v)
{
	const unsigned char *p;

	buf_putc(b, '"');
	for (p = (const unsigned char *)v; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\x%02x", *p);
		else
			buf_putc(b, (char)*p);
	}
	buf_putc(b, '"');
}

void
log_event(const char *event, ...)
{
	struct buf	 b;
	va_list		 ap;
	const char	*k, *v;
	char		 ts[32];
	time_t		 t = time(NULL);
	struct tm	 tm;

	if (quiet)
		return;
	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_init(&b, 8192);
	buf_printf(&b, "ts=%s event=", ts);
	put_value(&b, event);
	va_start(ap, event);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		buf_printf(&b, " %s=", k);
		put_value(&b, v ? v : "");
	}
	va_end(ap);
	buf_putc(&b, '\n');
	fputs(buf_cstr(&b), stderr);
	buf_free(&b);
}
