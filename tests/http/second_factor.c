/* second_factor.c: the harness's authenticator app. Admins and everyone
 * who can handle whistleblowing cases must pass a second factor at login
 * (totp/), so a suite that signs in as one of them goes through
 * /login/2fa like a person with a phone would: the first time it reads the
 * enrolment key off the page and keeps the recovery codes shown after;
 * later it computes the code with liboath, as the app does.
 *
 * A code is good once per 30-second step (the server keeps the newest
 * step used), and a suite may sign in as the same person many times in a
 * second: the harness uses the steps the server accepts (one either side
 * of now), then recovery codes, and when those are gone has the operator
 * reset the factor (`orden totp reset`) and enrols again. No waiting. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <liboath/oath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STEP		30
#define NREC		10
#define NKEYS		64

struct key {
	char	db[300];
	char	host[128];
	char	login[64];
	char	secret[32];
	size_t	secret_len;
	int64_t	last_step;
	char	rec[NREC][32];
	int	nrec;
};

static struct key	keys[NKEYS];
static int		nkeys;

static struct key *
key_find(const struct client *c, const char *login, int make)
{
	const char	*host = c->host != NULL ? c->host : "";
	int		 i;

	for (i = 0; i < nkeys; i++)
		if (strcmp(keys[i].db, c->srv->db) == 0 &&
		    strcmp(keys[i].host, host) == 0 &&
		    strcmp(keys[i].login, login) == 0)
			return &keys[i];
	if (!make)
		return NULL;
	/* Oldest slot reused: suites use few people. */
	i = nkeys < NKEYS ? nkeys++ : 0;
	memset(&keys[i], 0, sizeof(keys[i]));
	snprintf(keys[i].db, sizeof(keys[i].db), "%s", c->srv->db);
	snprintf(keys[i].host, sizeof(keys[i].host), "%s", host);
	snprintf(keys[i].login, sizeof(keys[i].login), "%s", login);
	return &keys[i];
}

/* The text between after and the next end in s, into out; 0 or -1. */
static int
between(const char *s, const char *after, const char *end, char *out,
    size_t outsz)
{
	const char	*p, *q;

	if ((p = strstr(s, after)) == NULL)
		return -1;
	p += strlen(after);
	if ((q = strstr(p, end)) == NULL || (size_t)(q - p) >= outsz)
		return -1;
	memcpy(out, p, (size_t)(q - p));
	out[q - p] = '\0';
	return 0;
}

static int64_t
server_now(const struct client *c)
{
	return (int64_t)time(NULL) + c->srv->clock_offset;
}

/* The code to send for k: a six-digit code of a step the server has not
 * seen, else a recovery code; "" when neither is left. */
static void
next_code(struct key *k, int64_t now, char *out, size_t outsz)
{
	int64_t	step = now / STEP - 1;

	out[0] = '\0';
	if (step <= k->last_step)
		step = k->last_step + 1;
	if (step <= now / STEP + 1) {
		if (oath_totp_generate2(k->secret, k->secret_len,
		    (time_t)(step * STEP), STEP, 0, 6, 0, out) != OATH_OK)
			fail_msg("oath_totp_generate2 failed");
		k->last_step = step;
		return;
	}
	if (k->nrec > 0)
		snprintf(out, outsz, "%s", k->rec[--k->nrec]);
}

/* Read the enrolment key off the page into k. */
static void
enrol_key(struct key *k, const char *page)
{
	char		 b32[128], *raw = NULL;
	size_t		 n = 0;
	const char	*f = strstr(page, "<figcaption>");

	if (f == NULL || between(f, "<code>", "</code>", b32, sizeof(b32)) != 0)
		fail_msg("no enrolment key on /login/2fa: %s", page);
	if (oath_base32_decode(b32, strlen(b32), &raw, &n) != OATH_OK ||
	    n > sizeof(k->secret))
		fail_msg("enrolment key %s is not base32", b32);
	memcpy(k->secret, raw, n);
	k->secret_len = n;
	free(raw);
	k->last_step = 0;
	k->nrec = 0;
}

/* The recovery codes shown after enrolment. */
static void
keep_recovery(struct key *k, const char *page)
{
	const char	*p = page;

	k->nrec = 0;
	while (k->nrec < NREC && (p = strstr(p, "<li><code>")) != NULL) {
		p += strlen("<li><code>");
		if (between(p, "", "</code>", k->rec[k->nrec],
		    sizeof(k->rec[0])) == 0)
			k->nrec++;
	}
	if (k->nrec != NREC)
		fail_msg("enrolment did not show %d recovery codes", NREC);
}

long
client_second_step(struct client *c, const char *login)
{
	static int	 ready;
	struct resp	 r;
	struct key	*k;
	char		 code[40], form[80];
	int		 enrol, tries;
	long		 st = -1;

	if (!ready) {
		if (oath_init() != OATH_OK)
			fail_msg("oath_init failed");
		ready = 1;
	}
	for (tries = 0; tries < 2; tries++) {
		client_req(c, "GET", "/login/2fa", NULL, NULL, &r);
		if (r.status != 200)
			fail_msg("GET /login/2fa as %s: %ld", login, r.status);
		enrol = strstr(buf_cstr(&r.body), "<figcaption>") != NULL;
		k = key_find(c, login, enrol);
		if (enrol)
			enrol_key(k, buf_cstr(&r.body));
		resp_free(&r);
		code[0] = '\0';
		if (k != NULL)
			next_code(k, server_now(c), code, sizeof(code));
		if (code[0] == '\0') {
			/* All used up, or a factor enrolled elsewhere (a
			 * database `orden migrate` moved here): the operator
			 * resets it, the login's ticket stays, and the page
			 * offers enrolment. */
			if (c->host != NULL)
				st = orden_run(NULL, "totp", "reset", "--db",
				    c->srv->db, "--tenant", c->host, "--login",
				    login, NULL);
			else
				st = orden_run(NULL, "totp", "reset", "--db",
				    c->srv->db, "--login", login, NULL);
			if (st != 0)
				fail_msg("orden totp reset --login %s: %ld",
				    login, st);
			continue;
		}
		snprintf(form, sizeof(form), "code=%s", code);
		client_req(c, "POST", "/login/2fa", form,
		    "application/x-www-form-urlencoded", &r);
		st = r.status;
		if (enrol && st == 200)
			keep_recovery(k, buf_cstr(&r.body));
		resp_free(&r);
		/* Enrolment answers with the recovery codes (200), a code
		 * with a redirect: both are a signed-in session now. */
		return st == 200 && enrol ? 303 : st;
	}
	fail_msg("second step for %s: no code left after a reset", login);
	return -1;
}
