/* recovery.c: showing and saving a tenant's whistleblowing recovery key
 * (src/vault/vault.h). Orden never keeps the secret: init and `orden
 * whistle recovery-key` print it once; the demo saves it to a file. */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "i18n/i18n.h"
#include "util/buf.h"

void
cli_recovery_print(FILE *f, const char *tenant, const char *secret)
{
	fprintf(f, _("\nRECOVERY KEY for the whistleblowing cases of %s (shown only now):\n\n"),
	    tenant);
	fprintf(f, "    %s\n\n", secret);
	fprintf(f, "%s", _("Print it or write it down now and lock it away offline (for example in\n"
	    "a safe), apart from the server and its backups. Orden does not keep it.\n"
	    "It is the only way to give a case handler who lost their password access\n"
	    "to their cases again (orden whistle reseal). Anyone who has it and a copy\n"
	    "of the database can read every whistleblowing case: guard it like that.\n\n"));
}

int
cli_recovery_save(const char *dbpath, const char *tenant, const char *secret,
    char *path_out, size_t pathsz)
{
	struct buf	 b;
	const char	*slash;
	char		 tmp[4096 + 16];
	int		 fd = -1, rc = -1, n;
	size_t		 dirlen;

	buf_init(&b, 4096);
	slash = strrchr(dbpath, '/');
	dirlen = slash != NULL ? (size_t)(slash - dbpath) : 0;
	n = slash != NULL ?
	    snprintf(path_out, pathsz, "%.*s/recovery-key.txt", (int)dirlen, dbpath) :
	    snprintf(path_out, pathsz, "recovery-key.txt");
	if (n < 0 || (size_t)n >= pathsz)
		goto out;
	n = snprintf(tmp, sizeof(tmp), "%s.tmp", path_out);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		goto out;
	buf_printf(&b, "# Orden recovery key for the whistleblowing cases of %s.\n"
	    "# Demo only: a real municipality keeps this offline, never beside the\n"
	    "# database. Use: orden whistle reseal --db DB --recovery-key THIS_FILE\n"
	    "%s\n", tenant, secret);
	if (buf_failed(&b))
		goto out;
	/* 0600 from the start, and renamed into place whole. */
	(void)unlink(tmp);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
		goto out;
	if (write(fd, b.data, b.len) != (ssize_t)b.len || fsync(fd) != 0)
		goto out;
	if (close(fd) != 0) {
		fd = -1;
		goto out;
	}
	fd = -1;
	if (rename(tmp, path_out) != 0)
		goto out;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		(void)unlink(tmp);
	if (b.data != NULL)
		sodium_memzero(b.data, b.cap);
	buf_free(&b);
	return rc;
}
