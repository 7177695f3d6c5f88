/* password.c: argon2id password hashes (libsodium) and generated
 * one-time passwords. */
#include "auth/auth.h"
#include "auth/internal.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "util/memlimit.h"
#include "util/testbuild.h"

static _Atomic int cost = AUTH_COST_DEFAULT;

/*
 * argon2id for new hashes: OWASP's minimum (19 MiB, t=2, p=1; libsodium
 * always uses p=1). Less memory than libsodium's INTERACTIVE (64 MiB) so a
 * login does not set the server's peak RSS; more passes keep the cost.
 */
#define AUTH_OPSLIMIT	2ULL
#define AUTH_MEMLIMIT	((size_t)19 * 1024 * 1024)
_Static_assert(AUTH_OPSLIMIT >= crypto_pwhash_OPSLIMIT_MIN, "ops");

/*
 * At most AUTH_HASH_SLOTS argon2id computations at a time, whatever the
 * number of request threads: each holds its memory limit for the hash's
 * duration, so this bounds what logins add to the peak RSS. One: the
 * memory budget (docs/ARCHITECTURE.md) has room for one 19 MiB hash, not
 * two; a hash takes tens of milliseconds, so logins still pass at tens a
 * second, and the others wait their turn rather than fail. A counter
 * under a mutex rather than sem_t: statically initialised, nothing to set
 * up or tear down.
 */
#define AUTH_HASH_SLOTS	1
static pthread_mutex_t	slot_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	slot_cv = PTHREAD_COND_INITIALIZER;
static int		slots_used;

void
auth_hash_slot_take(void)
{
	pthread_mutex_lock(&slot_mu);
	while (slots_used >= AUTH_HASH_SLOTS)
		pthread_cond_wait(&slot_cv, &slot_mu);
	slots_used++;
	pthread_mutex_unlock(&slot_mu);
	/* The hash maps its memory itself (libsodium); what the heaps hold
	 * free is given back first, so the peak is what is in use plus one
	 * hash (a millisecond or less against the hash's tens). */
	mem_trim_now();
}

void
auth_hash_slot_put(void)
{
	pthread_mutex_lock(&slot_mu);
	slots_used--;
	pthread_cond_signal(&slot_cv);
	pthread_mutex_unlock(&slot_mu);
}

/* Hash checked when there is no stored hash, so an unknown login costs as
 * much as a wrong password. Made at start with the current cost. */
static char dummy_hash[AUTH_HASH_MAX];

_Static_assert(AUTH_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");

void
auth_cost_limits(unsigned long long *ops, size_t *mem)
{
	if (atomic_load(&cost) == AUTH_COST_TEST) {
		*ops = crypto_pwhash_OPSLIMIT_MIN;
		*mem = crypto_pwhash_MEMLIMIT_MIN;
	} else {
		*ops = AUTH_OPSLIMIT;
		*mem = AUTH_MEMLIMIT;
	}
}

static int
make_dummy(void)
{
	char			pw[32];
	unsigned long long	ops;
	size_t			mem;

	int			rc;

	randombytes_buf(pw, sizeof(pw));
	auth_cost_limits(&ops, &mem);
	auth_hash_slot_take();
	rc = crypto_pwhash_str_alg(dummy_hash, pw, sizeof(pw), ops, mem,
	    crypto_pwhash_ALG_ARGON2ID13) != 0 ? -1 : 0;
	auth_hash_slot_put();
	sodium_memzero(pw, sizeof(pw));
	return rc;
}

int
auth_init(void)
{
	const char *fast;

	if (sodium_init() < 0)
		return -1;
	/* The test runner asks for the cheapest hashes (tests/run.sh). */
	fast = test_getenv("ORDEN_TEST_FAST_HASH");
	if (fast != NULL && strcmp(fast, "1") == 0)
		atomic_store(&cost, AUTH_COST_TEST);
	return make_dummy();
}

void
auth_set_cost(enum auth_cost c)
{
	atomic_store(&cost, c);
	/* Keep the dummy's cost in step with real hashes. Only called at
	 * start-up, before any request thread runs. */
	if (sodium_init() >= 0)
		(void)make_dummy();
}

int
auth_password_hash(const char *pw, char out[AUTH_HASH_MAX])
{
	unsigned long long	ops;
	size_t			mem, len;
	int			rc;

	if (pw == NULL || (len = strlen(pw)) > AUTH_PASSWORD_MAX)
		return -1;
	auth_cost_limits(&ops, &mem);
	auth_hash_slot_take();
	rc = crypto_pwhash_str_alg(out, pw, len, ops, mem,
	    crypto_pwhash_ALG_ARGON2ID13) != 0 ? -1 : 0;
	auth_hash_slot_put();
	return rc;
}

int
auth_password_needs_rehash(const char *hash)
{
	unsigned long long	ops;
	size_t			mem;

	if (hash == NULL || strlen(hash) >= AUTH_HASH_MAX)
		return 0;
	auth_cost_limits(&ops, &mem);
	/* -1 (not an argon2id string we can read) is left alone too: the
	 * login that got here verified it, so it is one libsodium knows. */
	return crypto_pwhash_str_needs_rehash(hash, ops, mem) == 1;
}

int
auth_password_verify(const char *hash, const char *pw)
{
	size_t	len;
	int	ok;

	if (pw == NULL || (len = strlen(pw)) > AUTH_PASSWORD_MAX)
		len = 0, pw = "";
	auth_hash_slot_take();
	if (hash == NULL || strlen(hash) >= AUTH_HASH_MAX) {
		if (dummy_hash[0] != '\0') {
			ok = crypto_pwhash_str_verify(dummy_hash, pw, len);
			(void)ok;
		}
		ok = 0;
	} else
		ok = crypto_pwhash_str_verify(hash, pw, len) == 0;
	auth_hash_slot_put();
	return ok;
}

/*
 * Groups of four from an alphabet without look-alikes (no 0/o, 1/l/i,
 * 5/s, 2/z, u/v): "kfpr-7wzt-m2qa-9hxe" shape, 16 random characters,
 * about 77 bits. Truncated to fit outsz (always NUL-terminated).
 */
void
auth_password_generate(char *out, size_t outsz)
{
	static const char	alphabet[] = "abcdefghjkmnpqrtwxy346789";
	size_t			i, o = 0;

	if (outsz == 0)
		return;
	for (i = 0; i < 16 && o + 1 < outsz; i++) {
		if (i > 0 && i % 4 == 0) {
			out[o++] = '-';
			if (o + 1 >= outsz)
				break;
		}
		out[o++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	}
	out[o] = '\0';
}
