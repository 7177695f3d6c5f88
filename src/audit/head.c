/* head.c: the audit head exported, signed (issue 11 item 16).
 *
 * Whoever can write the database can delete the newest rows of a chain and
 * move tenants.audit_seq/audit_head back with them: the shorter chain still
 * verifies. A head written outside the database at some moment, signed,
 * catches that: every later chain must still hold that row with that hash.
 *
 * The head file:
 *
 *   orden-audit-head-v1
 *   tenant UID SEQ HASH        one per municipality (HASH "-" for SEQ 0)
 *   sig SIGNATURE              Ed25519 over every byte above, in hex
 *
 * The signing key is an Ed25519 secret key beside the audit key file
 * (KEYFILE.sign, "orden-audit-sign-v1 HEX", created 0600 at the first
 * export). Verifying needs the same file: the head file alone proves
 * nothing to someone who could also have written it. */
#include "audit/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "store/store.h"
#include "util/buf.h"

#define HEAD_TAG	"orden-audit-head-v1"
#define SIGN_TAG	"orden-audit-sign-v1"
#define HASH_LEN	32
#define HEAD_MAX	(1u << 22)	/* 4 MiB: far more municipalities than one server holds */

static const char SQL_HEADS[] =
    "SELECT id, audit_seq, audit_head, COALESCE(uid, id) FROM tenants"
    " ORDER BY id";
static const char SQL_ROW_HASH[] =
    "SELECT hash FROM audit_log WHERE tenant_id = $1 AND seq = $2";

static void
hex(const unsigned char *v, size_t n, char *out, size_t outsz)
{
	sodium_bin2hex(out, outsz, v, n);
}

/* The signing key of keyfile into sk: created when create and missing.
 * 0, or -1 with msg set. */
static int
sign_key(const char *keyfile, int create, unsigned char sk[crypto_sign_SECRETKEYBYTES],
    char *msg, size_t msgsz)
{
	char		 path[4096], line[4 + sizeof(SIGN_TAG) + 2 * crypto_sign_SECRETKEYBYTES + 8];
	char		 hx[2 * crypto_sign_SECRETKEYBYTES + 1];
	unsigned char	 pk[crypto_sign_PUBLICKEYBYTES];
	size_t		 got;
	FILE		*f;
	int		 fd, rc = -1;

	if (keyfile == NULL) {
		snprintf(msg, msgsz, "no audit key file (set ORDEN_AUDIT_KEY)");
		return -1;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s.sign", keyfile) >= sizeof(path)) {
		snprintf(msg, msgsz, "the audit key file's path is too long");
		return -1;
	}
	if ((f = fopen(path, "r")) == NULL) {
		if (errno != ENOENT || !create) {
			snprintf(msg, msgsz, "cannot read the signing key %s", path);
			return -1;
		}
		/* 0600 from the first byte: never readable by others. */
		if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
			snprintf(msg, msgsz, "cannot create the signing key %s", path);
			return -1;
		}
		crypto_sign_keypair(pk, sk);
		hex(sk, crypto_sign_SECRETKEYBYTES, hx, sizeof(hx));
		snprintf(line, sizeof(line), "%s %s\n", SIGN_TAG, hx);
		got = strlen(line);
		rc = write(fd, line, got) == (ssize_t)got && fsync(fd) == 0 ? 0 : -1;
		if (close(fd) != 0)
			rc = -1;
		sodium_memzero(line, sizeof(line));
		sodium_memzero(hx, sizeof(hx));
		if (rc != 0)
			snprintf(msg, msgsz, "cannot write the signing key %s", path);
		return rc;
	}
	if (fgets(line, sizeof(line), f) != NULL &&
	    strncmp(line, SIGN_TAG " ", sizeof(SIGN_TAG)) == 0 &&
	    sodium_hex2bin(sk, crypto_sign_SECRETKEYBYTES, line + sizeof(SIGN_TAG),
	    2 * crypto_sign_SECRETKEYBYTES, NULL, &got, NULL) == 0 &&
	    got == crypto_sign_SECRETKEYBYTES)
		rc = 0;
	else
		snprintf(msg, msgsz, "the signing key %s is not valid", path);
	sodium_memzero(line, sizeof(line));
	fclose(f);
	return rc;
}

int
audit_head_export(struct dbconn *c, const char *keyfile, const char *out,
    char *msg, size_t msgsz)
{
	unsigned char	 sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
	char		 hx[2 * crypto_sign_BYTES + 1];
	struct dbstmt	*st;
	struct buf	 b;
	const void	*h;
	size_t		 hl;
	FILE		*f;
	int		 rc, fd;

	msg[0] = '\0';
	if ((rc = audit_verify(c, msg, msgsz)) != 0)
		return rc;	/* a broken chain is not signed */
	if (sign_key(keyfile, 1, sk, msg, msgsz) != 0)
		return 1;
	buf_init(&b, HEAD_MAX);
	buf_printf(&b, "%s\n", HEAD_TAG);
	if ((rc = db_prepare_global(c, SQL_HEADS, &st)) != DB_OK)
		goto out;
	while ((rc = db_step(st)) == DB_ROW) {
		h = db_col_blob(st, 2, &hl);
		if (h != NULL && hl == HASH_LEN)
			hex(h, HASH_LEN, hx, sizeof(hx));
		else
			snprintf(hx, sizeof(hx), "-");
		buf_printf(&b, "tenant %" PRId64 " %" PRId64 " %s\n",
		    db_col_int(st, 3), db_col_int(st, 1), hx);
	}
	db_reset(st);
	if (rc != DB_DONE || buf_failed(&b)) {
		rc = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	crypto_sign_detached(sig, NULL, (const unsigned char *)buf_cstr(&b),
	    strlen(buf_cstr(&b)), sk);
	hex(sig, crypto_sign_BYTES, hx, sizeof(hx));
	buf_printf(&b, "sig %s\n", hx);
	rc = 1;
	if ((fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0 ||
	    (f = fdopen(fd, "w")) == NULL) {
		if (fd >= 0)
			close(fd);
		snprintf(msg, msgsz, "cannot write %s", out);
		goto out;
	}
	if (fputs(buf_cstr(&b), f) >= 0 && fflush(f) == 0 && fsync(fileno(f)) == 0)
		rc = 0;
	if (fclose(f) != 0)
		rc = 1;
	if (rc != 0)
		snprintf(msg, msgsz, "cannot write %s", out);
out:
	sodium_memzero(sk, sizeof(sk));
	buf_free(&b);
	return rc;
}

/* The tenant id of uid, into *id: 0, 1 when none, negative. */
static int
tenant_of(struct dbconn *c, int64_t uid, int64_t *id)
{
	struct dbstmt	*st;
	int		 rc;

	*id = 0;
	if ((rc = db_prepare_global(c, SQL_HEADS, &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW)
		if (db_col_int(st, 3) == uid)
			*id = db_col_int(st, 0);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	return *id > 0 ? 0 : 1;
}

/* One "tenant UID SEQ HASH" line against the database: 0, 1 (msg), <0. */
static int
check_line(struct dbconn *c, const char *line, char *msg, size_t msgsz)
{
	unsigned char	 want[HASH_LEN];
	char		 hx[2 * HASH_LEN + 2];
	struct dbstmt	*st;
	const void	*h;
	size_t		 hl, got;
	long long	 uid, seq;
	int64_t		 id;
	int		 rc;

	if (sscanf(line, "tenant %lld %lld %65s", &uid, &seq, hx) != 3 || seq < 0) {
		snprintf(msg, msgsz, "the head file is not valid");
		return 1;
	}
	if (seq == 0)
		return 0;
	if (sodium_hex2bin(want, sizeof(want), hx, strlen(hx), NULL, &got, NULL) != 0 ||
	    got != HASH_LEN) {
		snprintf(msg, msgsz, "the head file is not valid");
		return 1;
	}
	if ((rc = tenant_of(c, (int64_t)uid, &id)) != 0) {
		if (rc == 1)
			snprintf(msg, msgsz, "municipality %lld is gone", uid);
		return rc;
	}
	if ((rc = db_prepare_tenant(c, id, SQL_ROW_HASH, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, seq);
	rc = db_step(st);
	h = rc == DB_ROW ? db_col_blob(st, 0, &hl) : NULL;
	if (rc == DB_DONE)
		snprintf(msg, msgsz, "tenant %lld seq %lld: gone (the log was cut "
		    "back behind the exported head)", (long long)id, seq);
	else if (rc == DB_ROW && (h == NULL || hl != HASH_LEN ||
	    sodium_memcmp(h, want, HASH_LEN) != 0))
		snprintf(msg, msgsz, "tenant %lld seq %lld: not the exported head",
		    (long long)id, seq);
	else if (rc == DB_ROW)
		msg[0] = '\0';
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	return msg[0] != '\0' ? 1 : 0;
}

int
audit_head_verify(struct dbconn *c, const char *keyfile, const char *path,
    char *msg, size_t msgsz)
{
	unsigned char	 sk[crypto_sign_SECRETKEYBYTES], pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char	 sig[crypto_sign_BYTES];
	struct buf	 b;
	char		 line[512], *body = NULL, *s, *nl;
	size_t		 got, n;
	FILE		*f;
	int		 rc = 1;

	msg[0] = '\0';
	if (sign_key(keyfile, 0, sk, msg, msgsz) != 0)
		return 1;
	crypto_sign_ed25519_sk_to_pk(pk, sk);
	sodium_memzero(sk, sizeof(sk));
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(msg, msgsz, "cannot read %s", path);
		return 1;
	}
	buf_init(&b, HEAD_MAX);
	while ((n = fread(line, 1, sizeof(line), f)) > 0)
		buf_append(&b, line, n);
	fclose(f);
	/* The signature line is the last; it signs everything before it. */
	if (buf_failed(&b) || (body = strdup(buf_cstr(&b))) == NULL) {
		snprintf(msg, msgsz, "cannot read %s", path);
		goto out;
	}
	if (strncmp(body, HEAD_TAG "\n", sizeof(HEAD_TAG)) != 0 ||
	    (s = strstr(body, "\nsig ")) == NULL ||
	    sodium_hex2bin(sig, sizeof(sig), s + 5, 2 * crypto_sign_BYTES, NULL,
	    &got, NULL) != 0 || got != crypto_sign_BYTES ||
	    crypto_sign_verify_detached(sig, (const unsigned char *)body,
	    (size_t)(s + 1 - body), pk) != 0) {
		snprintf(msg, msgsz, "the head file's signature does not verify");
		goto out;
	}
	s[1] = '\0';
	for (s = body + sizeof(HEAD_TAG); *s != '\0'; s = nl + 1) {
		if ((nl = strchr(s, '\n')) == NULL)
			break;
		*nl = '\0';
		if ((rc = check_line(c, s, msg, msgsz)) != 0)
			goto out;
	}
	rc = audit_verify(c, msg, msgsz);
out:
	free(body);
	buf_free(&b);
	return rc;
}
