/* Installation-wide templates (issue 14 item 7): the operator publishes a
 * main-process tree and a document from the command line (`orden template
 * publish`); the quality adviser sees them at /documents/templates and
 * adopts them: the processes merged into the municipality's tree by name
 * (adopting twice adds nothing), the document a draft of the adopter's.
 * Publishing the template again does not touch the copy. An employee may
 * neither see nor adopt. Both backends. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc_helpers.h"

static struct srv S;

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	return 0;
}

static void
test_publish_and_adopt(void **st)
{
	struct client	 q, em;
	struct resp	 r;
	char		 path[512], tree[400], text[400];
	FILE		*fp;
	int64_t		 before;

	(void)st;
	/* Beside no database file: on PostgreSQL S.db is a URL. */
	snprintf(tree, sizeof(tree), "/tmp/orden-tpl-%ld.tree", (long)getpid());
	snprintf(text, sizeof(text), "/tmp/orden-tpl-%ld.text", (long)getpid());
	fp = fopen(tree, "w");
	assert_non_null(fp);
	fputs("Sektorovergripende prosesser > Felles mal-prosess\n"
	    "Samarbeidets prosesser > Interkommunalt innkjøp\n", fp);
	fclose(fp);
	fp = fopen(text, "w");
	assert_non_null(fp);
	fputs("# Felles rutine\n\nSlik gjør vi det.\n", fp);
	fclose(fp);
	doc_template_publish(&S, "processes", "Samarbeidets prosesstre", tree, "");
	doc_template_publish(&S, "document", "Felles varslingsrutine", text,
	    "--title 'Felles varslingsrutine' --type routine --code T-100");

	session_client(&em, &S, "emma.johansen");
	client_req(&em, "GET", "/documents/templates", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);

	session_client(&q, &S, "ingrid.haugen");
	client_req(&q, "GET", "/documents/templates", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Samarbeidets prosesstre"));
	assert_true(resp_has(&r, "Felles varslingsrutine"));
	resp_free(&r);

	/* The tree, merged by name, twice: nothing doubled. */
	snprintf(path, sizeof(path), "/documents/templates/%lld/adopt",
	    (long long)doc_template_id(&S, "Samarbeidets prosesstre"));
	client_post_form(&em, path, "", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	before = srv_db_int(&S, "SELECT COUNT(*) FROM doc_processes", NULL);
	client_post_form(&q, path, "", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_post_form(&q, path, "", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	/* Sektorovergripende is there already: one sub-process, one new
	 * group with its sub-process. */
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM doc_processes", NULL),
	    before + 3);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM doc_processes"
	    " WHERE name = $1", "Sektorovergripende prosesser"), 1);

	/* The document: a draft of Ingrid's with the ID she gives. */
	snprintf(path, sizeof(path), "/documents/templates/%lld/adopt",
	    (long long)doc_template_id(&S, "Felles varslingsrutine"));
	client_post_form(&q, path, "code=2128", &r);
	assert_int_equal(r.status, 400);	/* the demo has 2128 */
	resp_free(&r);
	client_post_form(&q, path, "code=T-100", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM documents d"
	    " JOIN people p ON p.id = d.owner_id WHERE d.code = $1"
	    " AND d.status = 'draft' AND p.login = 'ingrid.haugen'", "T-100"), 1);
	/* Published again with other text: the copy keeps its own. */
	fp = fopen(text, "w");
	assert_non_null(fp);
	fputs("Ny tekst fra samarbeidet.\n", fp);
	fclose(fp);
	doc_template_publish(&S, "document", "Felles varslingsrutine", text,
	    "--title 'Felles varslingsrutine' --type routine --code T-100");
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM document_versions v"
	    " JOIN documents d ON d.id = v.document_id WHERE d.code = 'T-100'"
	    " AND v.body LIKE '%Slik gjør vi det.%'", NULL), 1);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM document_versions v"
	    " JOIN documents d ON d.id = v.document_id WHERE d.code = 'T-100'", NULL), 1);
	unlink(tree);
	unlink(text);
	client_free(&q);
	client_free(&em);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_publish_and_adopt),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
