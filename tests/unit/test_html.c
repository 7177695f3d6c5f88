/* test_html.c: the HTML writer escapes by context, so that nothing a user
 * typed can become markup, break out of an attribute or turn a link into
 * script; and the layout and form controls carry what a screen reader and
 * axe need. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "ctx.h"
#include "html/form.h"
#include "html/html.h"
#include "http/http.h"
#include "org/org.h"
#include "util/arena.h"
#include "util/buf.h"

/* Renders fmt with one string argument and compares. */
static void
expect_fmt_s(const char *fmt, const char *arg, const char *want)
{
	struct buf b;

	buf_init(&b, 0);
	html_fmt(&b, fmt, arg);
	assert_false(buf_failed(&b));
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_text_escapes_markup(void **state)
{
	(void)state;
	expect_fmt_s("<p>%s</p>", "<script>alert(1)</script>",
	    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
	expect_fmt_s("<p>%s</p>", "<img src=x onerror=alert(1)>",
	    "<p>&lt;img src=x onerror=alert(1)&gt;</p>");
	expect_fmt_s("%s", "Tom & Jerry's \"show\"",
	    "Tom &amp; Jerry&#39;s &quot;show&quot;");
	/* Already-escaped text is escaped again, not trusted. */
	expect_fmt_s("%s", "&lt;b&gt;", "&amp;lt;b&amp;gt;");
}

static void
test_attribute_breakout(void **state)
{
	(void)state;
	expect_fmt_s("<input value=\"%s\">", "\" onfocus=\"alert(1)\" autofocus x=\"",
	    "<input value=\"&quot; onfocus=&quot;alert(1)&quot; autofocus x=&quot;\">");
	expect_fmt_s("<input value=\"%s\">", "' onmouseover='alert(1)",
	    "<input value=\"&#39; onmouseover=&#39;alert(1)\">");
	expect_fmt_s("<input value=\"%s\">", "\"><script>alert(1)</script>",
	    "<input value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">");
}

static void
test_utf8_passes_through(void **state)
{
	(void)state;
	expect_fmt_s("<p>%s</p>", "Blåbærsyltetøy, Ærlig Ørn på Åsen",
	    "<p>Blåbærsyltetøy, Ærlig Ørn på Åsen</p>");
	expect_fmt_s("<a title=\"%s\">", "Kommunedirektør – «Økonomi»",
	    "<a title=\"Kommunedirektør – «Økonomi»\">");
}

static void
test_href_schemes(void **state)
{
	static const char *const bad[] = {
		"javascript:alert(1)", "JaVaScRiPt:alert(1)",
		" javascript:alert(1)", "\tjavascript:alert(1)",
		"data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox(1)", "//evil.example/", "/\\evil.example/",
		"/\t/evil.example/", "/\n/evil.example", "", "relative/path",
		"ftp://example.org/", "mailto:a@b.no", "#top",
		"https:\n//evil", "java\nscript:alert(1)",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_fmt_s("<a href=\"%H\">", bad[i], "<a href=\"#\">");
	expect_fmt_s("<a href=\"%H\">", NULL, "<a href=\"#\">");

	expect_fmt_s("<a href=\"%H\">", "/admin/people?q=a&b=\"x\"",
	    "<a href=\"/admin/people?q=a&amp;b=&quot;x&quot;\">");
	expect_fmt_s("<a href=\"%H\">", "/", "<a href=\"/\">");
	expect_fmt_s("<a href=\"%H\">", "https://www.vestby.kommune.no/",
	    "<a href=\"https://www.vestby.kommune.no/\">");
	expect_fmt_s("<a href=\"%H\">", "HTTP://example.org/a'b",
	    "<a href=\"HTTP://example.org/a&#39;b\">");
	expect_fmt_s("<a href=\"%H\">", "HtTpS://example.org/",
	    "<a href=\"HtTpS://example.org/\">");
}

static void
test_url_component(void **state)
{
	(void)state;
	expect_fmt_s("/lang?next=%U", "/admin/people?q=a b&c=d",
	    "/lang?next=%2Fadmin%2Fpeople%3Fq%3Da%20b%26c%3Dd");
	expect_fmt_s("%U", "æøå", "%C3%A6%C3%B8%C3%A5");
	expect_fmt_s("%U", "AZaz09-._~", "AZaz09-._~");
	expect_fmt_s("%U", "\"><script>", "%22%3E%3Cscript%3E");
	expect_fmt_s("%U", "+%#", "%2B%25%23");
}

static void
test_numbers_raw_percent(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	html_fmt(&b, "%d|%D|%D|%%|%R|%s|", -42, (int64_t)INT64_MAX,
	    (int64_t)INT64_MIN, "<b>ok</b>", (const char *)NULL);
	assert_string_equal(buf_cstr(&b),
	    "-42|9223372036854775807|-9223372036854775808|%|<b>ok</b>||");
	buf_reset(&b);
	html_text(&b, "a<b>&c");
	assert_string_equal(buf_cstr(&b), "a&lt;b&gt;&amp;c");
	buf_free(&b);
}

/* A format string is code: a wrong specifier is a bug and must stop the
 * program rather than print something half-escaped. */
static void
test_unknown_specifier_aborts(void **state)
{
	static const char *const fmts[] = { "%x", "%n", "trailing %" };
	size_t	i;
	pid_t	pid;
	int	status;

	(void)state;
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			struct buf b;

			buf_init(&b, 0);
			html_fmt(&b, fmts[i], 1);
			_exit(0);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status));
		assert_int_equal(WTERMSIG(status), SIGABRT);
	}
}

static void
test_buffer_limit_is_sticky(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 16);
	html_fmt(&b, "<p>%s</p>", "<<<<<<<<<<");
	assert_true(buf_failed(&b));
	buf_free(&b);
}

static void
test_input_labelled_and_error(void **state)
{
	struct buf	 b;
	const char	*s;

	(void)state;
	buf_init(&b, 0);
	html_input(&b, "name", "Navn", "text", "\"><b>", 1, "er for kort");
	s = buf_cstr(&b);
	assert_non_null(strstr(s, "<label for=\"f-name\">Navn</label>"));
	assert_non_null(strstr(s, "id=\"f-name\""));
	assert_non_null(strstr(s, "value=\"&quot;&gt;&lt;b&gt;\""));
	assert_non_null(strstr(s, "required"));
	assert_non_null(strstr(s, "aria-invalid=\"true\""));
	assert_non_null(strstr(s, "aria-describedby=\"f-name-error\""));
	assert_non_null(strstr(s, "id=\"f-name-error\">er for kort</p>"));
	assert_null(strstr(s, "<b>"));

	/* A password is never written back into the page. */
	buf_reset(&b);
	html_input(&b, "password", "Passord", "password", "hemmelig123", 1,
	    NULL);
	s = buf_cstr(&b);
	assert_null(strstr(s, "hemmelig123"));
	assert_null(strstr(s, "aria-invalid"));
	assert_non_null(strstr(s, "autocomplete=\"current-password\""));

	/* A field about someone else (an admin creating a person) must not
	 * invite the browser to fill in the admin's own username... */
	buf_reset(&b);
	html_input(&b, "login", "Brukernavn", "text", NULL, 1, NULL);
	assert_null(strstr(buf_cstr(&b), "autocomplete"));
	/* ...while the login form says what it wants (WCAG 1.3.5). */
	buf_reset(&b);
	html_input_ac(&b, "login", "Brukernavn", "text", "kari", 1, NULL,
	    "username");
	s = buf_cstr(&b);
	assert_non_null(strstr(s, "autocomplete=\"username\""));
	assert_non_null(strstr(s, "value=\"kari\""));
	/* A phone's keyboard would make the first letter a capital, and the
	 * login would then be refused: both login fields say not to. */
	assert_non_null(strstr(s, "autocapitalize=\"none\""));
	assert_non_null(strstr(s, "spellcheck=\"false\""));
	buf_reset(&b);
	html_input(&b, "login", "Brukernavn", "text", NULL, 1, NULL);
	assert_non_null(strstr(buf_cstr(&b), "autocapitalize=\"none\""));
	buf_reset(&b);
	html_input(&b, "name", "Navn", "text", NULL, 1, NULL);
	assert_null(strstr(buf_cstr(&b), "autocapitalize"));
	buf_free(&b);
}

struct page_fixture {
	struct arena		*arena;
	struct ctx		 ctx;
	struct http_req		 req;
	struct person		 user;
	struct role_assignment	 admin;
};

static void
page_setup(struct page_fixture *f, const char *lang, int logged_in, int admin)
{
	memset(f, 0, sizeof(*f));
	f->arena = arena_new(1024 * 1024);
	assert_non_null(f->arena);
	f->ctx.arena = f->arena;
	f->ctx.lang = lang;
	f->ctx.tenant_id = 1;
	f->ctx.tenant_name = "Vestby <kommune>";
	f->req.ctx = &f->ctx;
	f->req.path = "/admin/people";
	f->req.csrf = "tok\"en";
	if (logged_in) {
		f->user.id = 7;
		f->user.login = "kari";
		f->user.name = "Kari <Nordmann>";
		f->user.active = 1;
		f->ctx.user = &f->user;
	}
	if (admin) {
		f->admin.id = 1;
		f->admin.person_id = 7;
		f->admin.role = ROLE_ADMIN;
		f->ctx.roles.v = &f->admin;
		f->ctx.roles.n = 1;
	}
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
test_layout_anonymous(void **state)
{
	struct page_fixture	 f;
	struct buf		 b;
	const char		*s;

	(void)state;
	page_setup(&f, "en", 0, 0);
	buf_init(&b, 0);
	html_page_begin(&b, &f.req, "Log <in>", NULL);
	html_fmt(&b, "<h1>x</h1>");
	html_page_end(&b, &f.req);
	s = buf_cstr(&b);
	assert_true(strncmp(s, "<!doctype html>", 15) == 0);
	assert_non_null(strstr(s, "<html lang=\"en\">"));
	assert_non_null(strstr(s, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(s, "name=\"viewport\""));
	assert_non_null(strstr(s, "<title>Log &lt;in&gt; – Orden</title>"));
	assert_non_null(strstr(s, "href=\"/static/style.css\""));
	assert_non_null(strstr(s, "href=\"#main\""));
	assert_non_null(strstr(s, "<main id=\"main\""));
	assert_non_null(strstr(s, "Vestby &lt;kommune&gt;"));
	/* The language switch returns to the page it was used on. */
	assert_non_null(strstr(s, "href=\"/lang?set=nb&amp;next=%2Fadmin%2Fpeople\" "
	    "lang=\"nb\" hreflang=\"nb\""));
	/* No one is logged in: no menu, no logout. */
	assert_null(strstr(s, "/logout"));
	assert_null(strstr(s, "/admin/units"));
	/* No inline script or style: the CSP forbids them. */
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "style="));
	assert_null(strstr(s, "<style"));
	assert_int_equal(count(s, "<h1"), 1);
	assert_true(strstr(s, "</main>") < strstr(s, "</html>"));
	buf_free(&b);
	arena_free(f.arena);
}

static void
test_layout_navigation_by_role(void **state)
{
	struct page_fixture	 f;
	struct buf		 b;
	const char		*s;

	(void)state;
	/* An employee sees the home link, their name and a logout form with
	 * the CSRF token, but no admin pages. */
	page_setup(&f, "nb", 1, 0);
	buf_init(&b, 0);
	html_page_begin(&b, &f.req, "Forside", "home");
	s = buf_cstr(&b);
	assert_non_null(strstr(s, "<html lang=\"nb\">"));
	assert_non_null(strstr(s, "Kari &lt;Nordmann&gt;"));
	assert_non_null(strstr(s, "action=\"/logout\""));
	assert_non_null(strstr(s, "name=\"csrf\" value=\"tok&quot;en\""));
	assert_non_null(strstr(s, "href=\"/\" aria-current=\"page\""));
	assert_null(strstr(s, "/admin/units"));
	assert_null(strstr(s, "/admin/audit"));
	buf_free(&b);
	arena_free(f.arena);

	/* An administrator also gets units, people and the audit log. */
	page_setup(&f, "nb", 1, 1);
	buf_init(&b, 0);
	html_page_begin(&b, &f.req, "Personer", "admin_people");
	s = buf_cstr(&b);
	assert_non_null(strstr(s, "href=\"/admin/units\""));
	assert_non_null(strstr(s, "href=\"/admin/people\" aria-current=\"page\""));
	assert_non_null(strstr(s, "href=\"/admin/audit\""));
	assert_int_equal(count(s, "aria-current=\"page\""), 1);
	buf_free(&b);
	arena_free(f.arena);
}

static void
test_csrf_field(void **state)
{
	struct page_fixture	 f;
	struct buf		 b;

	(void)state;
	page_setup(&f, "nb", 1, 0);
	buf_init(&b, 0);
	html_csrf(&b, &f.req);
	assert_string_equal(buf_cstr(&b),
	    "<input type=\"hidden\" name=\"csrf\" value=\"tok&quot;en\">");
	buf_free(&b);
	arena_free(f.arena);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_escapes_markup),
		cmocka_unit_test(test_attribute_breakout),
		cmocka_unit_test(test_utf8_passes_through),
		cmocka_unit_test(test_href_schemes),
		cmocka_unit_test(test_url_component),
		cmocka_unit_test(test_numbers_raw_percent),
		cmocka_unit_test(test_unknown_specifier_aborts),
		cmocka_unit_test(test_buffer_limit_is_sticky),
		cmocka_unit_test(test_input_labelled_and_error),
		cmocka_unit_test(test_layout_anonymous),
		cmocka_unit_test(test_layout_navigation_by_role),
		cmocka_unit_test(test_csrf_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
