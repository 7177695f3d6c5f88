/* fields.c: declared-field validation (kcgi's model). Every field a route
 * accepts is declared with its type and bounds; the handler only runs with
 * values that passed, already typed. Works on urlencoded forms and on JSON
 * objects alike so that the web and the API share one set of rules. */
#include "http/http.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/num.h"

/*
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past
 * U+10FFFF. Returns 1 when valid.
 */
static int
utf8_valid(const unsigned char *s, size_t len)
{
	size_t		i = 0, n, k;
	uint32_t	cp, min;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			n = 1; cp = s[i] & 0x1f; min = 0x80;
		} else if ((s[i] & 0xf0) == 0xe0) {
			n = 2; cp = s[i] & 0x0f; min = 0x800;
		} else if ((s[i] & 0xf8) == 0xf0) {
			n = 3; cp = s[i] & 0x07; min = 0x10000;
		} else
			return 0;
		if (len - i <= n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += n + 1;
	}
	return 1;
}

/* Whether s starts with a bidirectional embedding, override or isolate
 * (U+202A..U+202E, U+2066..U+2069): invisible, they turn the text after
 * them around ("Trojan Source"), so a title can show as something else
 * in every list, page, PDF and e-mail it is copied to. The marks LRM and
 * RLM (U+200E, U+200F), which right-to-left text needs, are kept. */
static int
is_bidi_control(const unsigned char *s, size_t n)
{
	if (n < 3 || s[0] != 0xe2)
		return 0;
	return (s[1] == 0x80 && s[2] >= 0xaa && s[2] <= 0xae) ||
	    (s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9);
}

/* Reason (an English msgid, translated by the caller) or NULL when valid. */
static const char *
check_text(const struct field *f, const char *s)
{
	size_t			 len = strlen(s), i;
	const unsigned char	*u = (const unsigned char *)s;

	if (!utf8_valid(u, len))
		return N_("is not valid UTF-8 text");
	for (i = 0; i < len; i++) {
		if (u[i] == 0x7f || is_bidi_control(u + i, len - i))
			return N_("contains control characters");
		if (u[i] >= 0x20)
			continue;
		if (f->type == F_TEXT && (u[i] == '\n' || u[i] == '\r' || u[i] == '\t'))
			continue;
		if (f->type == F_LINE && u[i] == '\t')
			continue;
		return f->type == F_LINE && (u[i] == '\n' || u[i] == '\r') ?
		    N_("must be a single line") : N_("contains control characters");
	}
	if ((int64_t)len < f->min)
		return N_("is too short");
	if (f->max > 0 && (int64_t)len > f->max)
		return N_("is too long");
	return NULL;
}

static const char *
check_code(const struct field *f, const char *s)
{
	size_t	len = strlen(s), i;
	char	c;

	for (i = 0; i < len; i++) {
		c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
			return N_("may only contain letters A-Z, digits and . _ -");
	}
	if ((int64_t)len < f->min)
		return N_("is too short");
	if (f->max > 0 && (int64_t)len > f->max)
		return N_("is too long");
	return NULL;
}

/* local@domain.tld with printable ASCII or UTF-8, no spaces; not RFC 5322
 * in full, which no person types. */
static const char *
check_email(const struct field *f, const char *s)
{
	size_t			 len = strlen(s), i;
	const char		*at, *dot;
	const unsigned char	*u = (const unsigned char *)s;
	int64_t			 max = f->max > 0 ? f->max : 254;

	if ((int64_t)len > max)
		return N_("is too long");
	if (!utf8_valid(u, len))
		return N_("is not valid UTF-8 text");
	for (i = 0; i < len; i++)
		if (u[i] <= 0x20 || u[i] == 0x7f || u[i] == '<' || u[i] == '>' ||
		    u[i] == '"' || u[i] == ',' || u[i] == ';')
			return N_("is not an e-mail address");
	at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL)
		return N_("is not an e-mail address");
	dot = strrchr(at + 1, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0' ||
	    strstr(at + 1, "..") != NULL)
		return N_("is not an e-mail address");
	return NULL;
}

static const char *
check_int(const struct field *f, const char *s, int64_t *out)
{
	if (num_parse_i64(s, INT64_MIN, INT64_MAX, out) != 0)
		return N_("must be a whole number");
	if (*out < f->min || *out > f->max)
		return N_("is out of range");
	return NULL;
}

/* Form value of a text-ish field (already a string). */
static const char *
check_string(const struct field *f, const char *s, struct field_value *v)
{
	switch (f->type) {
	case F_TEXT:
	case F_LINE:
		return check_text(f, s);
	case F_CODE:
		return check_code(f, s);
	case F_EMAIL:
		return check_email(f, s);
	case F_IDS:
		return NULL;	/* validate_form_ids and validate_json_ids */
	case F_INT:
		return check_int(f, s, &v->i);
	case F_BOOL:
		if (strcmp(s, "1") == 0 || strcmp(s, "on") == 0 ||
		    strcmp(s, "true") == 0)
			v->i = 1;
		else if (strcmp(s, "0") == 0 || strcmp(s, "off") == 0 ||
		    strcmp(s, "false") == 0)
			v->i = 0;
		else
			return N_("must be yes or no");
		return NULL;
	}
	return N_("is not valid");
}

/* An F_IDS list as text ("4,17"): each id a whole number >= 1, at most
 * f->max of them; *count adds the ids read. */
static const char *
check_ids(const struct field *f, const char *s, int64_t *count)
{
	char	num[24];
	size_t	len;
	int64_t	id;

	while (*s != '\0') {
		len = strcspn(s, ", ");
		if (len == 0) {
			s++;
			continue;
		}
		if (len >= sizeof(num))
			return N_("must be a list of ids");
		memcpy(num, s, len);
		num[len] = '\0';
		if (num_parse_i64(num, 1, INT64_MAX, &id) != 0)
			return N_("must be a list of ids");
		if (++*count > f->max)
			return N_("names too many");
		s += len;
	}
	return NULL;
}

/* Every value of an F_IDS field in a form (the key repeated), checked and
 * joined by ','. */
static const char *
validate_form_ids(struct arena *a, const struct field *f,
    const struct kv *form, size_t n, struct field_value *v)
{
	const char	*why, *joined = NULL;
	int64_t		 count = 0;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (strcmp(form[i].key, f->name) != 0 || form[i].value[0] == '\0')
			continue;
		if ((why = check_ids(f, form[i].value, &count)) != NULL)
			return why;
		joined = joined == NULL ? arena_strdup(a, form[i].value) :
		    arena_printf(a, "%s,%s", joined, form[i].value);
		if (joined == NULL)
			return N_("is too long");
	}
	if (joined == NULL)
		return f->required ? N_("is required") : NULL;
	v->s = joined;
	v->present = 1;
	return NULL;
}

/* An F_IDS field in JSON: an array of whole numbers >= 1. */
static const char *
validate_json_ids(struct arena *a, const struct field *f, json_t *j,
    struct field_value *v)
{
	const char	*joined = "";
	size_t		 i;
	json_t		*e;

	if (!json_is_array(j))
		return N_("must be a list of ids");
	if ((int64_t)json_array_size(j) > f->max)
		return N_("names too many");
	json_array_foreach(j, i, e) {
		if (!json_is_integer(e) || json_integer_value(e) < 1)
			return N_("must be a list of ids");
		joined = arena_printf(a, "%s%s%lld", joined, i > 0 ? "," : "",
		    (long long)json_integer_value(e));
		if (joined == NULL)
			return N_("is too long");
	}
	if (i == 0)
		return f->required ? N_("is required") : NULL;
	v->s = joined;
	v->present = 1;
	return NULL;
}

static const char *
form_lookup(const struct kv *form, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(form[i].key, key) == 0)
			return form[i].value;
	return NULL;
}

/* One field from a form. NULL when valid, else the reason msgid. */
static const char *
validate_form_field(struct arena *a, const struct field *f, const char *raw,
    struct field_value *v)
{
	const char *why;

	/* Browsers send empty inputs as empty strings: that is "absent". */
	if (raw == NULL || raw[0] == '\0') {
		if (f->type == F_BOOL) {
			v->present = raw != NULL;
			v->i = 0;
			return NULL;
		}
		return f->required ? N_("is required") : NULL;
	}
	if ((why = check_string(f, raw, v)) != NULL)
		return why;
	if ((v->s = arena_strdup(a, raw)) == NULL)
		return N_("is too long");
	v->present = 1;
	return NULL;
}

/* One field from a JSON object (value may be NULL = key absent). */
static const char *
validate_json_field(struct arena *a, const struct field *f, json_t *j,
    struct field_value *v)
{
	const char	*why, *s;
	char		 num[24];
	int		 n;

	if (j == NULL || json_is_null(j))
		return f->required ? N_("is required") : NULL;
	switch (f->type) {
	case F_IDS:
		return validate_json_ids(a, f, j, v);
	case F_BOOL:
		if (!json_is_boolean(j))
			return N_("must be true or false");
		v->i = json_is_true(j);
		v->present = 1;
		return NULL;
	case F_INT:
		if (!json_is_integer(j))
			return N_("must be a whole number");
		v->i = (int64_t)json_integer_value(j);
		if (v->i < f->min || v->i > f->max)
			return N_("is out of range");
		n = snprintf(num, sizeof(num), "%lld", (long long)v->i);
		if (n < 0 || (size_t)n >= sizeof(num))
			return N_("is out of range");
		if ((v->s = arena_strdup(a, num)) == NULL)
			return N_("is too long");
		v->present = 1;
		return NULL;
	default:
		break;
	}
	if (!json_is_string(j))
		return N_("must be a string");
	s = json_string_value(j);
	/* jansson rejects \u0000 by default; a length mismatch means one
	 * slipped through anyway. */
	if (strlen(s) != json_string_length(j))
		return N_("contains control characters");
	if (s[0] == '\0')
		return f->required ? N_("is required") : NULL;
	if ((why = check_string(f, s, v)) != NULL)
		return why;
	if ((v->s = arena_strdup(a, s)) == NULL)
		return N_("is too long");
	v->present = 1;
	return NULL;
}

/* The key jansson found twice, from its message ("duplicate object key
 * near '\"title\"'": the token as sent, so perhaps with escapes, and cut
 * short when long); "?" when the message is not of that form. Arena. */
static const char *
duplicate_key(struct arena *a, const json_error_t *jerr)
{
	const char	*s, *e;
	const char	*k;

	if ((s = strstr(jerr->text, "near '")) == NULL)
		return "?";
	s += strlen("near '");
	if ((e = strrchr(s, '\'')) == NULL || e < s)
		e = s + strlen(s);
	if (e > s && *s == '"')
		s++;
	if (e > s && e[-1] == '"')
		e--;
	if (e == s || (k = arena_strndup(a, s, (size_t)(e - s))) == NULL)
		return "?";
	return k;
}

int
http_fields_validate(struct arena *a, const struct field *fields,
    const struct kv *form, size_t nform, const char *json, int is_json,
    struct field_value **vals, const char **bad_field, const char **msg)
{
	struct field_value	*v;
	const struct field	*f;
	json_t			*root = NULL;
	json_error_t		 jerr;
	const char		*why = NULL;
	size_t			 nf = 0, i;
	int			 rc = -1;

	*vals = NULL;
	*bad_field = NULL;
	*msg = NULL;
	for (f = fields; f != NULL && f->name != NULL; f++)
		nf++;
	if ((v = arena_alloc(a, (nf ? nf : 1) * sizeof(*v))) == NULL) {
		*msg = _("request too large");
		return -1;
	}
	if (is_json) {
		/* A malformed body is not any one field's fault:
		 * bad_field stays NULL and the caller answers invalid_json. */
		root = json ? json_loads(json, JSON_REJECT_DUPLICATES, &jerr) : NULL;
		if (root == NULL && json != NULL &&
		    json_error_code(&jerr) == json_error_duplicate_key) {
			*msg = arena_printf(a, _("duplicate field %s"),
			    duplicate_key(a, &jerr));
			goto out;
		}
		if (root == NULL || !json_is_object(root)) {
			*msg = _("the body is not a JSON object");
			goto out;
		}
	}
	for (i = 0; i < nf; i++) {
		f = &fields[i];
		if (is_json)
			why = validate_json_field(a, f,
			    json_object_get(root, f->name), &v[i]);
		else if (f->type == F_IDS)
			why = validate_form_ids(a, f, form, nform, &v[i]);
		else
			why = validate_form_field(a, f,
			    form_lookup(form, nform, f->name), &v[i]);
		if (why != NULL) {
			*bad_field = f->name;
			*msg = arena_printf(a, "%s: %s", f->name, _(why));
			if (*msg == NULL)
				*msg = _(why);
			goto out;
		}
	}
	*vals = v;
	rc = 0;
out:
	json_decref(root);
	return rc;
}

const char *
field_why_of(const struct field_why *t, size_t n, const char *field)
{
	size_t i;

	for (i = 0; field != NULL && i < n; i++)
		if (strcmp(t[i].field, field) == 0)
			return t[i].why;
	return N_("Check this field.");
}
