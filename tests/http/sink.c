/* sink.c: start, read and stop the suites' loopback receivers (sink.h).
 * The mail and webhook suites each wrote these once; one copy here. */
#include "sink.h"
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WAIT_ROUNDS	1200	/* 50 ms each: a minute at most */
#define ARGS_MAX	16
#define RECORDS_MAX	512

void
sink_nap(void)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

const char *
sink_field(json_t *m, const char *name)
{
	const char *s = json_string_value(json_object_get(m, name));

	assert_non_null(s);
	return s;
}

void
srv_db_wait(struct srv *s, const char *sql, const char *arg, int64_t want)
{
	int i;

	for (i = 0; i < WAIT_ROUNDS; i++) {
		if (srv_db_int(s, sql, arg) >= want)
			return;
		sink_nap();
	}
	fail_msg("waited in vain for %s to reach %lld", sql, (long long)want);
}

void
sink_kill_mid_send(struct sink *k, struct srv *s)
{
	char	stalled[400];
	int	i, st;

	snprintf(stalled, sizeof(stalled), "%s/stalled", k->dir);
	for (i = 0; i < WAIT_ROUNDS && access(stalled, F_OK) != 0; i++)
		sink_nap();
	assert_int_equal(access(stalled, F_OK), 0);
	assert_int_equal(kill(s->pid, SIGKILL), 0);
	assert_int_equal(waitpid(s->pid, &st, 0), s->pid);
	s->pid = 0;
	sink_stop(k);
	unlink(stalled);
}

size_t
sink_count_rows(const struct sink *k, struct srv *s, const char *name,
    const char *sql)
{
	json_t	*a, *m;
	size_t	 i, n = 0;

	a = sink_records(k);
	json_array_foreach(a, i, m)
		if (srv_db_int(s, sql, sink_field(m, name)) == 1)
			n++;
	json_decref(a);
	return n;
}

static const char *
python(void)
{
	const char *p = getenv("ORDEN_TEST_PYTHON");

	return p != NULL && *p != '\0' ? p : "/usr/bin/python3";
}

void
sink_start_script(struct sink *k, const char *workdir, const char *sub,
    const char *script, int port, const char *const *extra)
{
	const char	*argv[ARGS_MAX];
	char		 pfile[400], pstr[16];
	FILE		*f;
	size_t		 n = 0;
	int		 i;

	if (k->dir[0] == '\0') {
		snprintf(k->dir, sizeof(k->dir), "%s/%s", workdir, sub);
		assert_int_equal(mkdir(k->dir, 0700), 0);
	}
	snprintf(pfile, sizeof(pfile), "%s/%s.port", workdir, sub);
	unlink(pfile);
	snprintf(pstr, sizeof(pstr), "%d", port);
	argv[n++] = python();
	argv[n++] = script;
	argv[n++] = "--dir";
	argv[n++] = k->dir;
	argv[n++] = "--port-file";
	argv[n++] = pfile;
	argv[n++] = "--port";
	argv[n++] = pstr;
	while (extra != NULL && *extra != NULL && n < ARGS_MAX - 1)
		argv[n++] = *extra++;
	argv[n] = NULL;
	k->pid = fork();
	assert_true(k->pid >= 0);
	if (k->pid == 0) {
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	k->port = 0;
	for (i = 0; i < WAIT_ROUNDS && k->port == 0; i++) {
		if ((f = fopen(pfile, "r")) != NULL) {
			if (fscanf(f, "%d", &k->port) != 1)
				k->port = 0;
			fclose(f);
		}
		if (k->port == 0)
			sink_nap();
	}
	if (k->port == 0)
		fail_msg("%s did not start (%s)", script, argv[0]);
}

void
sink_stop(struct sink *k)
{
	if (k->pid > 0) {
		kill(k->pid, SIGTERM);
		waitpid(k->pid, NULL, 0);
		k->pid = 0;
	}
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

json_t *
sink_records(const struct sink *k)
{
	DIR		*d;
	struct dirent	*e;
	char		*names[RECORDS_MAX], path[700];
	size_t		 n = 0, i;
	json_t		*a = json_array(), *m;

	assert_non_null(d = opendir(k->dir));
	while ((e = readdir(d)) != NULL && n < RECORDS_MAX)
		if (e->d_name[0] != '.' && strstr(e->d_name, ".json") != NULL)
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_name);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", k->dir, names[i]);
		assert_non_null(m = json_load_file(path, 0, NULL));
		json_array_append_new(a, m);
		free(names[i]);
	}
	return a;
}
