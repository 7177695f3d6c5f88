/* key.c: the audit key file (see audit.h).
 *
 * The file holds one line per municipality:
 *
 *   orden-audit-key-v1 UID FROM ANCHOR KEY
 *
 * UID is tenants.uid (it moves with the municipality), FROM the first seq
 * hashed with the key, ANCHOR the hash of row FROM-1 in hex (zeros when
 * FROM is 1) and KEY 32 random bytes in hex. Rows before FROM were written
 * before the municipality had a key; ANCHOR pins them, so they cannot be
 * rewritten either. Lines are only ever appended, under an exclusive
 * flock(2), and the file is created 0600. Whoever can write the database
 * but not this file cannot forge a chain that verifies. */
#include "audit/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#define KEY_TAG		"orden-audit-key-v1"
#define KEY_LINE_MAX	256

static pthread_mutex_t	 key_mu = PTHREAD_MUTEX_INITIALIZER;
static char		*key_path;	/* guarded by key_mu; NULL: unkeyed */

int
audit_key_use(const char *path)
{
	char *p = NULL;

	if (path != NULL && (p = strdup(path)) == NULL)
		return -1;
	pthread_mutex_lock(&key_mu);
	free(key_path);
	key_path = p;
	pthread_mutex_unlock(&key_mu);
	return 0;
}

int
audit_key_current(char *out, size_t outsz)
{
	int rc = 1;

	pthread_mutex_lock(&key_mu);
	if (key_path != NULL)
		rc = snprintf(out, outsz, "%s", key_path) < (int)outsz ? 0 : -1;
	pthread_mutex_unlock(&key_mu);
	return rc;
}

const char *
audit_key_default(const char *db, char *out, size_t outsz)
{
	const char	*env = getenv("ORDEN_AUDIT_KEY");
	int		 n;

	if (env != NULL && *env != '\0')
		return env;
	if (db != NULL && strncmp(db, "sqlite:", 7) == 0)
		db += 7;
	if (db == NULL || *db == '\0' || strstr(db, "://") != NULL ||
	    strncmp(db, "postgres", 8) == 0)
		return NULL;
	n = snprintf(out, outsz, "%s.audit-key", db);
	return n > 0 && (size_t)n < outsz ? out : NULL;
}

static int
parse_line(const char *line, int64_t uid, struct audit_key *k)
{
	char		tag[32], anchor[2 * AUDIT_KEY_LEN + 2], key[2 * AUDIT_KEY_LEN + 2];
	long long	u, from;
	size_t		n;

	if (sscanf(line, "%31s %lld %lld %65s %65s", tag, &u, &from, anchor,
	    key) != 5 || strcmp(tag, KEY_TAG) != 0 || u != uid || from < 1)
		return -1;
	if (sodium_hex2bin(k->anchor, sizeof(k->anchor), anchor, strlen(anchor),
	    NULL, &n, NULL) != 0 || n != AUDIT_KEY_LEN ||
	    sodium_hex2bin(k->key, sizeof(k->key), key, strlen(key), NULL, &n,
	    NULL) != 0 || n != AUDIT_KEY_LEN)
		return -1;
	k->uid = uid;
	k->from_seq = from;
	return 0;
}

/* Find uid's line in the open file f. 0 found, 1 not. */
static int
find_in(FILE *f, int64_t uid, struct audit_key *k)
{
	char line[KEY_LINE_MAX];

	rewind(f);
	while (fgets(line, sizeof(line), f) != NULL)
		if (parse_line(line, uid, k) == 0)
			return 0;
	return 1;
}

static int
find_at(const char *path, int64_t uid, struct audit_key *k)
{
	FILE	*f;
	int	 rc;

	if ((f = fopen(path, "r")) == NULL)
		return errno == ENOENT ? 1 : -1;
	(void)flock(fileno(f), LOCK_SH);
	rc = find_in(f, uid, k);
	fclose(f);
	return rc;
}

/* Append uid's line to path (created 0600) unless it has one; *k is the
 * line the file holds afterwards. 0 or -1. */
static int
add_at(const char *path, const struct audit_key *want, struct audit_key *k)
{
	char	 line[KEY_LINE_MAX], ah[2 * AUDIT_KEY_LEN + 1], kh[2 * AUDIT_KEY_LEN + 1];
	FILE	*f;
	int	 fd, rc = -1, n;

	if ((fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600)) < 0)
		return -1;
	if ((f = fdopen(fd, "a+")) == NULL) {
		close(fd);
		return -1;
	}
	if (flock(fd, LOCK_EX) != 0)
		goto out;
	if (find_in(f, want->uid, k) == 0) {
		rc = 0;
		goto out;
	}
	sodium_bin2hex(ah, sizeof(ah), want->anchor, AUDIT_KEY_LEN);
	sodium_bin2hex(kh, sizeof(kh), want->key, AUDIT_KEY_LEN);
	n = snprintf(line, sizeof(line), "%s %lld %lld %s %s\n", KEY_TAG,
	    (long long)want->uid, (long long)want->from_seq, ah, kh);
	sodium_memzero(kh, sizeof(kh));
	if (n < 0 || (size_t)n >= sizeof(line))
		goto out;
	if (fseek(f, 0, SEEK_END) != 0 || fputs(line, f) == EOF ||
	    fflush(f) != 0 || fsync(fd) != 0)
		goto out;
	*k = *want;
	rc = 0;
out:
	sodium_memzero(line, sizeof(line));
	fclose(f);
	return rc;
}

int
audit_key_get(int64_t uid, struct audit_key *k)
{
	int rc = 2;

	pthread_mutex_lock(&key_mu);
	if (key_path != NULL)
		rc = find_at(key_path, uid, k);
	pthread_mutex_unlock(&key_mu);
	return rc;
}

int
audit_key_create(int64_t uid, int64_t from_seq,
    const unsigned char anchor[AUDIT_KEY_LEN], struct audit_key *k)
{
	struct audit_key	want;
	int			rc = -1;

	want.uid = uid;
	want.from_seq = from_seq;
	memcpy(want.anchor, anchor, AUDIT_KEY_LEN);
	randombytes_buf(want.key, sizeof(want.key));
	pthread_mutex_lock(&key_mu);
	if (key_path != NULL)
		rc = add_at(key_path, &want, k);
	pthread_mutex_unlock(&key_mu);
	sodium_memzero(&want, sizeof(want));
	return rc;
}

int
audit_key_copy(const char *from_path, const char *to_path, int64_t uid)
{
	struct audit_key	k, got;
	int			rc;

	if (from_path == NULL || to_path == NULL)
		return 1;
	if ((rc = find_at(from_path, uid, &k)) != 0)
		return rc;
	rc = add_at(to_path, &k, &got);
	if (rc == 0 && sodium_memcmp(got.key, k.key, AUDIT_KEY_LEN) != 0)
		rc = -1;	/* the target has another key for it */
	sodium_memzero(&k, sizeof(k));
	sodium_memzero(&got, sizeof(got));
	return rc;
}
