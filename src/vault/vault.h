/* vault.h: the keys that keep whistleblowing cases confidential by
 * construction (docs/SECURITY.md tells the whole design).
 *
 *  - Every person with a password has an X25519 keypair (crypto_box). The
 *    secret key is stored only wrapped (XChaCha20-Poly1305) under a key
 *    derived from the password with argon2id and its own salt.
 *  - At login the secret key is unwrapped and re-wrapped under a key derived
 *    from the session cookie value, which the database never holds (it holds
 *    only a hash of it). Each request unwraps it into ctx->sk; http/ wipes
 *    it when the request ends. A copy of the database cannot unwrap it.
 *  - Each case has a random key. Its content is encrypted with it
 *    (XChaCha20-Poly1305, the case id and field as associated data); the case
 *    key is sealed (crypto_box_seal) to each handler's public key, to the
 *    tenant's offline recovery key, to a logged-in reporter's public key, and
 *    for a receipt-code reporter wrapped under argon2id(receipt secret).
 *  - The server alone cannot read a case: it needs a handler's (or the
 *    reporter's) secret, which arrives only with their request.
 *
 * All secrets are wiped with sodium_memzero after use. Nothing here logs a
 * secret. Functions return 0 on success, negative on failure. */
#ifndef ORDEN_VAULT_H
#define ORDEN_VAULT_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

struct ctx;
struct arena;

#define VAULT_PK	32	/* crypto_box_PUBLICKEYBYTES */
#define VAULT_SK	32	/* crypto_box_SECRETKEYBYTES */
#define VAULT_KEY	32	/* crypto_aead_xchacha20poly1305_ietf_KEYBYTES */
#define VAULT_SEALED	80	/* crypto_box_SEALBYTES + VAULT_KEY */

#define VAULT_ERR_PASSWORD	-3	/* the password does not open the stored key */
#define VAULT_ERR_NOKEY		-4	/* (internal) the person has no keypair */

/* --- a person's keypair --------------------------------------------------- */
/* After a successful password check: unlock the person's secret key, or
 * create the keypair when they have none (in the caller's transaction or
 * its own; the argon2id work is done before). sk_out gets the secret key;
 * the caller wipes it. VAULT_ERR_PASSWORD when the stored key is wrapped
 * under another password (e.g. it was set by a path that did not rewrap),
 * -1 on other errors. */
int	vault_person_unlock(struct ctx *, int64_t person_id, const char *password,
	    unsigned char sk_out[VAULT_SK]);
/* After a password change: wrap the (unlocked) secret key under the new
 * password. Refuses (-1) to replace a different keypair; stores this one
 * when the person has none. */
int	vault_person_rewrap(struct ctx *, int64_t person_id,
	    const unsigned char sk[VAULT_SK], const char *new_password);
/* After an admin reset (the old password is gone): drop the keypair (and
 * the secret key from the person's sessions); audited. A new one is made at
 * the next login, and case keys are sealed to it again by a co-handler's
 * next visit or by the recovery key (orden whistle reseal).
 * Copies of case keys sealed to the OLD public key can never be opened
 * again: this sets them missing (whistle_handlers.sealed_key = NULL) so
 * that a co-handler's visit or whistle_reseal gives the new key a copy. */
int	vault_person_forget(struct ctx *, int64_t person_id);
/* The person's public key; -1 when they have none yet. */
int	vault_person_public(struct ctx *, int64_t person_id, unsigned char pk[VAULT_PK]);

/* --- carrying the secret key in a session ---------------------------------- */
/* Wrap/unwrap sk under a key derived (BLAKE2b, keyed, with a context
 * string) from the session cookie value (16..256 characters). out is reset
 * and gets nonce || ciphertext (72 bytes). unwrap: -1 for any other token. */
int	vault_session_wrap(const char *cookie_token, const unsigned char sk[VAULT_SK],
	    struct buf *out);
int	vault_session_unwrap(const char *cookie_token, const unsigned char *in, size_t inlen,
	    unsigned char sk[VAULT_SK]);

/* --- the tenant's recovery key (kept offline) ------------------------------ */
/* Make the tenant's recovery keypair if it has none: store the public key
 * (audited), write the secret key to secret_out (outsz >=
 * VAULT_RECOVERY_MAX) to be printed once and kept offline: 56 Crockford
 * base32 characters in groups of four, the key and a 24-bit typo check.
 * -2 when the tenant already has one. In the caller's transaction or its
 * own; the caller wipes secret_out. */
#define VAULT_RECOVERY_MAX	80
int	vault_recovery_create(struct ctx *, char *secret_out, size_t outsz);
/* The tenant's recovery public key; -1 when it has none. */
int	vault_recovery_public(struct ctx *, unsigned char pk[VAULT_PK]);
/* Parse a printed recovery secret (case-insensitive, spaces and dashes
 * ignored, O->0, I/L->1, '#' starts a comment line, as in a saved file).
 * -1 when malformed or the check does not match (a typo). */
int	vault_recovery_parse(const char *text, unsigned char sk[VAULT_SK]);

/* --- case keys and content ------------------------------------------------- */
void	vault_key_new(unsigned char key[VAULT_KEY]);
int	vault_seal(const unsigned char pk[VAULT_PK], const unsigned char key[VAULT_KEY],
	    unsigned char sealed[VAULT_SEALED]);
int	vault_unseal(const unsigned char pk[VAULT_PK], const unsigned char sk[VAULT_SK],
	    const unsigned char sealed[VAULT_SEALED], unsigned char key[VAULT_KEY]);
/* out is reset and gets nonce || ciphertext of text (n bytes), bound to ad
 * (NULL = none): 40 bytes more than n. */
int	vault_encrypt(const unsigned char key[VAULT_KEY], const void *text, size_t n,
	    const char *ad, struct buf *out);
/* Plaintext (NUL-terminated, in arena) or -1 if forged or the wrong key. */
int	vault_decrypt(const unsigned char key[VAULT_KEY], const unsigned char *in,
	    size_t inlen, const char *ad, struct arena *, char **text, size_t *n);

/* --- receipt codes for reporters without an account ------------------------ */
/* "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23": 24 Crockford base32 characters (no I L O
 * U) in groups of four. The first 8 are the public handle that finds the
 * case (40 random bits, not derived from the secret); the other 16 are the
 * secret (80 bits). */
#define VAULT_RECEIPT_MAX	40
#define VAULT_HANDLE_LEN	8
void	vault_receipt_new(char code[VAULT_RECEIPT_MAX]);
/* Split a typed code (case-insensitive, spaces/dashes ignored, O->0, I/L->1)
 * into handle and secret (16 characters; secretsz >= 17). -1 when
 * malformed. */
int	vault_receipt_split(const char *code, char handle[VAULT_HANDLE_LEN + 1],
	    char *secret, size_t secretsz);
/* argon2id hash string of the secret (to store; outsz >= 128), and check
 * against it. */
int	vault_receipt_hash(const char *secret, char *hash_out, size_t outsz);
int	vault_receipt_verify(const char *hash, const char *secret);	/* 1 if it matches */
/* Wrap the case key under argon2id(secret, salt) for the reporter; out is
 * reset and gets version || argon2id limits || salt || nonce || ciphertext
 * (97 bytes; the limits travel with it so a change of cost locks no one
 * out). unwrap: -1 for a wrong secret or a forged blob. */
int	vault_receipt_wrap(const char *secret, const unsigned char key[VAULT_KEY], struct buf *out);
int	vault_receipt_unwrap(const char *secret, const unsigned char *in, size_t inlen,
	    unsigned char key[VAULT_KEY]);

#endif
