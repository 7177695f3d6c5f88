/* test_password.c: argon2id hashing and verification, and the generated
 * one-time passwords people have to type. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <sodium.h>

#include "auth/auth.h"
#include "auth/internal.h"

static int
setup(void **state)
{
	(void)state;
	if (auth_init() != 0)
		return -1;
	auth_set_cost(AUTH_COST_TEST);
	return 0;
}

static void
test_hash_verify(void **state)
{
	char h1[AUTH_HASH_MAX], h2[AUTH_HASH_MAX];

	(void)state;
	assert_int_equal(auth_password_hash("correct horse battery", h1), 0);
	/* argon2id, in libsodium's self-describing string form */
	assert_memory_equal(h1, "$argon2id$", 10);
	assert_true(auth_password_verify(h1, "correct horse battery"));
	assert_false(auth_password_verify(h1, "correct horse batterY"));
	assert_false(auth_password_verify(h1, ""));
	assert_false(auth_password_verify(h1, NULL));
	/* Salted: the same password never hashes the same twice. */
	assert_int_equal(auth_password_hash("correct horse battery", h2), 0);
	assert_string_not_equal(h1, h2);
	assert_true(auth_password_verify(h2, "correct horse battery"));
	/* UTF-8 passwords work as typed. */
	assert_int_equal(auth_password_hash("bl\xc3\xa5" "b\xc3\xa6r-s\xc3\xb8t", h1), 0);
	assert_true(auth_password_verify(h1, "bl\xc3\xa5" "b\xc3\xa6r-s\xc3\xb8t"));
	assert_false(auth_password_verify(h1, "blabaer-sot"));
}

static void
test_no_hash_and_garbage(void **state)
{
	char	long_pw[AUTH_PASSWORD_MAX + 2], h[AUTH_HASH_MAX];

	(void)state;
	/* No stored hash (unknown login): never a match. */
	assert_false(auth_password_verify(NULL, "anything"));
	assert_false(auth_password_verify(NULL, ""));
	/* A damaged stored hash is a mismatch, not a crash. */
	assert_false(auth_password_verify("$argon2id$v=19$garbage", "x"));
	assert_false(auth_password_verify("", "x"));
	/* Over-long passwords are refused when set. */
	memset(long_pw, 'a', sizeof(long_pw) - 1);
	long_pw[sizeof(long_pw) - 1] = '\0';
	assert_int_equal(auth_password_hash(long_pw, h), -1);
	assert_int_equal(auth_password_hash(NULL, h), -1);
}

static void
test_generate(void **state)
{
	const char	*alphabet = "abcdefghjkmnpqrtwxy346789";
	char		 a[32], b[32];
	size_t		 i;
	int		 round;

	(void)state;
	for (round = 0; round < 200; round++) {
		auth_password_generate(a, sizeof(a));
		/* xxxx-xxxx-xxxx-xxxx */
		assert_int_equal(strlen(a), 19);
		for (i = 0; i < 19; i++) {
			if (i % 5 == 4)
				assert_int_equal(a[i], '-');
			else
				assert_non_null(strchr(alphabet, a[i]));
		}
		/* Nothing to confuse when read aloud or from paper. */
		assert_null(strpbrk(a, "0o1lIiO5s2zuvS"));
	}
	auth_password_generate(b, sizeof(b));
	assert_string_not_equal(a, b);
	/* Long enough to be a valid password. */
	assert_true(strlen(a) >= AUTH_PASSWORD_MIN);
	/* A small buffer is filled and terminated, never overrun. */
	memset(b, 'Z', sizeof(b));
	auth_password_generate(b, 6);
	assert_int_equal(strlen(b), 5);
	assert_int_equal(b[4], '-');
	assert_int_equal(b[6], 'Z');
}

static void
test_generated_is_usable(void **state)
{
	char pw[32], h[AUTH_HASH_MAX];

	(void)state;
	auth_password_generate(pw, sizeof(pw));
	assert_int_equal(auth_password_hash(pw, h), 0);
	assert_true(auth_password_verify(h, pw));
}

/* The production cost is OWASP's minimum for argon2id (19 MiB, t=2, p=1),
 * not less: the server's peak memory is bounded by how many run at once,
 * not by weaker hashes. Hashes of another cost verify and ask for a
 * rehash; the vault derives keys at the same cost. */
static void
test_default_cost(void **state)
{
	char			h[AUTH_HASH_MAX], old[crypto_pwhash_STRBYTES];
	unsigned long long	ops;
	size_t			mem;

	(void)state;
	auth_set_cost(AUTH_COST_DEFAULT);
	auth_cost_limits(&ops, &mem);
	assert_true(ops >= 2);
	assert_true(mem >= (size_t)19 * 1024 * 1024);
	assert_int_equal(auth_password_hash("correct horse battery", h), 0);
	assert_non_null(strstr(h, "$m=19456,t=2,p=1$"));
	assert_true(auth_password_verify(h, "correct horse battery"));
	assert_false(auth_password_needs_rehash(h));
	assert_int_equal(crypto_pwhash_str_alg(old, "x", 1,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13), 0);
	assert_true(auth_password_verify(old, "x"));
	assert_true(auth_password_needs_rehash(old));
	auth_set_cost(AUTH_COST_TEST);
	assert_true(auth_password_needs_rehash(h));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_verify),
		cmocka_unit_test(test_no_hash_and_garbage),
		cmocka_unit_test(test_generate),
		cmocka_unit_test(test_generated_is_usable),
		cmocka_unit_test(test_default_cost),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
