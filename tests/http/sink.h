/* sink.h: a receiver the test starts on loopback (a Python script under
 * tests/http/: smtp_sink.py, webhook_sink.py) that writes each thing it
 * takes as a JSON file into a directory the test reads. */
#ifndef ORDEN_TEST_SINK_H
#define ORDEN_TEST_SINK_H

#include <jansson.h>
#include <stdint.h>
#include <sys/types.h>

struct sink {
	pid_t	pid;
	int	port;
	char	dir[300];	/* what it took, one .json file each */
};

/* Start script (python3, or $ORDEN_TEST_PYTHON) on port (0: a free one),
 * writing into <workdir>/<sub> (made the first time) and given the
 * NULL-ended extra arguments (may be NULL); waits until it listens. */
void	sink_start_script(struct sink *, const char *workdir, const char *sub,
	    const char *script, int port, const char *const *extra);
void	sink_stop(struct sink *);
/* What it took so far, oldest first (by file name), as a JSON array the
 * caller decrefs. */
json_t	*sink_records(const struct sink *);
/* 50 ms: the step of the suites' waits. */
void	sink_nap(void);
/* The text member name of a record m, which must be there (else the test
 * fails). Borrowed from m. */
const char *sink_field(json_t *m, const char *name);

struct srv;
/* Wait, a minute at most, until srv_db_int(s, sql, arg) reaches want: what
 * a sender marks in the database after a receiver took it. Fails the test
 * when it never does. */
void	srv_db_wait(struct srv *s, const char *sql, const char *arg,
	    int64_t want);
/* Once k (started with --stall) has taken a send and stalled, SIGKILL the
 * server s in the middle of it, and stop k: the crash a sender must
 * survive without losing the row. */
void	sink_kill_mid_send(struct sink *k, struct srv *s);
/* How many of what k took have a field name that makes the count sql
 * ($1 = the field's value) on s's database 1: the records that are the
 * one row sql names. */
size_t	sink_count_rows(const struct sink *k, struct srv *s, const char *name,
	    const char *sql);

#endif
