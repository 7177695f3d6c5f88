/* totp.h: the second factor at login (RFC 6238 codes by liboath, ten
 * one-time recovery codes) and the login that waits for it.
 *
 * A secret is 20 random bytes, shown once at enrolment as a QR code and as
 * base32; administrators never see it, only reset it. A code is good once
 * (the newest accepted time step is kept) within one step either side.
 * Recovery codes are kept as BLAKE2b hashes and are good once each.
 * Wrong codes count against the same growing delays as wrong passwords.
 * Every change is audited: totp_enabled, totp_reset, totp_recovery_used,
 * totp_failed. */
#ifndef ORDEN_TOTP_H
#define ORDEN_TOTP_H

#include <stddef.h>
#include <stdint.h>

struct ctx;

#define TOTP_SECRET_BYTES	20
#define TOTP_B32_MAX		64
#define TOTP_STEP		30
#define TOTP_DIGITS		6
#define TOTP_RECOVERY_N		10
#define TOTP_RECOVERY_MAX	24	/* "kfpr-7wzt-m2qa-9hxe" + NUL */
#define TOTP_TICKET_TTL		(10 * 60)
#define TOTP_TICKET_COOKIE	"orden_login_ticket"

/* --- the municipality's rule ------------------------------------------------ */
/* 1 when person_id must pass a second factor at login (authz decides from
 * the setting and their roles) or has one enrolled anyway; 0 when not;
 * negative on a database error. */
int	totp_needed(struct ctx *, int64_t person_id);
/* Read and set the municipality's rule: required, and the extra roles
 * (';'-separated names, NULL or "" for none). Required unless the
 * municipality saved "off": a tenant without a saved rule reads 1. Set is
 * audited (totp_settings). 0 or negative. */
int	totp_settings_get(struct ctx *, int *required, const char **roles);
int	totp_settings_set(struct ctx *, int required, const char *roles);

/* --- a person's factor -------------------------------------------------------- */
/* 1 when person_id has an enabled second factor, 0 when not, negative. */
int	totp_enabled(struct ctx *, int64_t person_id);
/* Enrolment: the pending secret (made when there is none; an enabled one
 * is never replaced here) as base32 into b32 (TOTP_B32_MAX). 0 or negative. */
int	totp_enrol_secret(struct ctx *, int64_t person_id, char *b32, size_t b32sz);
/* Finish enrolment at a login's second step with a code from the app:
 * enable it and make ten recovery codes into codes (shown once); audited
 * as totp_enabled and as the login. 0, 1 for a wrong code, negative. */
int	totp_enrol_finish(struct ctx *, int64_t person_id, const char *code,
	    char codes[TOTP_RECOVERY_N][TOTP_RECOVERY_MAX]);
/* A code at login: six digits, or a recovery code. 0 good (audited as
 * the login), 1 wrong (or a code already used; totp_failed), negative on
 * error. */
int	totp_check(struct ctx *, int64_t person_id, const char *code);
/* 1 when ctx->user may remove person_id's factor (AZ_SECOND_FACTOR_RESET
 * at unit_id, the person's unit; never one's own), else 0; the operator
 * at the command line (no user) may. What the faces ask before
 * totp_reset. */
int	totp_reset_right(struct ctx *, int64_t person_id, int64_t unit_id);
/* Remove person_id's factor and recovery codes (they enrol again at their
 * next login), audited totp_reset; the caller asked totp_reset_right. 0, 1 when they
 * had none, negative. In the caller's transaction or its own. */
int	totp_reset(struct ctx *, int64_t person_id);
/* The otpauth:// URI for an authenticator app (arena). */
const char *totp_uri(struct ctx *, const char *login, const char *b32);
/* The QR code of text as an SVG element (arena), or NULL. It is an image,
 * so it needs a name: labelledby is the id of the page's element that
 * says what it is (letters, digits and '-'; NULL for none). */
const char *totp_qr_svg(struct ctx *, const char *text, const char *labelledby);

/* --- a login waiting for its second factor (ticket.c) ------------------------ */
/* After the password (or a provider): a ticket for person_id, its value to
 * out (the browser's cookie), with the whistleblowing key sk (NULL: none)
 * wrapped under it and where to go next. 0 or negative. */
int	totp_ticket_issue(struct ctx *, int64_t person_id,
	    const unsigned char *sk, const char *next, char *out, size_t outsz);
/* Read a ticket without using it: *person_id and *next (arena). 0, 1 when
 * there is none (or it expired), negative. */
int	totp_ticket_peek(struct ctx *, const char *ticket, int64_t *person_id,
	    const char **next);
/* Use it up: the same, and the key into sk with *has_sk. 0, 1, negative. */
int	totp_ticket_take(struct ctx *, const char *ticket, int64_t *person_id,
	    const char **next, unsigned char sk[32], int *has_sk);

#endif
