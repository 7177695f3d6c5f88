/* spool.c: where a request body waits while it arrives (see internal.h).
 *
 * A body is kept in memory while it is small and while all bodies together
 * stay under SPOOL_MEM_TOTAL; past either it moves to an unlinked
 * temporary file (0600 by the umask, O_TMPFILE where the file system has
 * it, else mkstemp and unlink) in the spool directory. Memory is then
 * bounded by connections times SPOOL_MEM_EACH, however many clients stall
 * in the middle of large uploads. Files are bounded too: bytes on disk are
 * reserved from one budget first (the declared length when there is one),
 * and a request that does not fit is answered 503 by the caller. Once the
 * body is complete the file is mapped read-only for the handler. */
#include "http/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SPOOL_MEM_EACH	HTTP_SPOOL_MEM_EACH
#define SPOOL_MEM_TOTAL	(32u * 1024 * 1024)	/* all bodies in memory */
#define SPOOL_STEP	(1024u * 1024)		/* disk reserved at a time */

static char		 spool_dir[4096] = "/tmp";
static size_t		 disk_max = (size_t)1024 * 1024 * 1024;
static atomic_size_t	 disk_used;
static atomic_size_t	 mem_used;

void
http_spool_setup(const char *dir, size_t max_bytes)
{
	if (dir != NULL && *dir != '\0' && strlen(dir) < sizeof(spool_dir))
		snprintf(spool_dir, sizeof(spool_dir), "%s", dir);
	if (max_bytes > 0)
		disk_max = max_bytes;
	atomic_store(&disk_used, 0);
	atomic_store(&mem_used, 0);
}

/* Take n bytes from an atomic budget of max; 0, or -1 when they do not fit. */
static int
take(atomic_size_t *used, size_t max, size_t n)
{
	size_t cur = atomic_load(used);

	do {
		if (n > max || cur > max - n)
			return -1;
	} while (!atomic_compare_exchange_weak(used, &cur, cur + n));
	return 0;
}

void
http_spool_init(struct spool *s, size_t limit)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->limit = limit;
	buf_init(&s->mem, SPOOL_MEM_EACH);
}

int
http_spool_reserve(struct spool *s, size_t n)
{
	if (n <= s->reserved)
		return 0;
	if (take(&disk_used, disk_max, n - s->reserved) != 0)
		return -1;
	s->reserved = n;
	return 0;
}

static int
open_tmp(void)
{
	char	path[4200];
	int	fd;

#ifdef O_TMPFILE
	if ((fd = open(spool_dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) >= 0)
		return fd;
#endif
	snprintf(path, sizeof(path), "%s/orden-upload-XXXXXX", spool_dir);
	if ((fd = mkostemp(path, O_CLOEXEC)) < 0)
		return -1;
	(void)unlink(path);
	return fd;
}

static int
write_all(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		if ((w = write(fd, c, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Move what is in memory to a new file. */
static int
spill(struct spool *s)
{
	if ((s->fd = open_tmp()) < 0)
		return SPOOL_ERR;
	if (s->mem.len > 0 && write_all(s->fd, s->mem.data, s->mem.len) != 0)
		return SPOOL_ERR;
	atomic_fetch_sub(&mem_used, s->mem_taken);
	s->mem_taken = 0;
	buf_free(&s->mem);
	buf_init(&s->mem, SPOOL_MEM_EACH);
	return 0;
}

int
http_spool_append(struct spool *s, const void *p, size_t n)
{
	size_t want;

	if (n > s->limit || s->len > s->limit - n)
		return SPOOL_TOO_BIG;
	if (s->fd < 0) {
		if (s->len + n <= SPOOL_MEM_EACH &&
		    take(&mem_used, SPOOL_MEM_TOTAL, n) == 0) {
			if (buf_append(&s->mem, p, n) != 0) {
				atomic_fetch_sub(&mem_used, n);
				return SPOOL_ERR;
			}
			s->mem_taken += n;
			s->len += n;
			return 0;
		}
		if (spill(s) != 0)
			return SPOOL_ERR;
	}
	if (s->len + n + 1 > s->reserved) {
		want = s->len + n + 1 + SPOOL_STEP;
		if (want > s->limit + 1)
			want = s->limit + 1;
		if (http_spool_reserve(s, want) != 0)
			return SPOOL_BUSY;
	}
	if (write_all(s->fd, p, n) != 0)
		return SPOOL_ERR;
	s->len += n;
	return 0;
}

int
http_spool_finish(struct spool *s, const char **data, size_t *len)
{
	void *m;

	*len = s->len;
	if (s->fd < 0) {
		*data = buf_cstr(&s->mem);
		return 0;
	}
	/* A NUL after the body, as buf_cstr gives: handlers read it as text. */
	if (write_all(s->fd, "", 1) != 0)
		return SPOOL_ERR;
	m = mmap(NULL, s->len + 1, PROT_READ, MAP_PRIVATE, s->fd, 0);
	if (m == MAP_FAILED)
		return SPOOL_ERR;
	s->map = m;
	s->maplen = s->len + 1;
	*data = m;
	return 0;
}

void
http_spool_free(struct spool *s)
{
	if (s->map != NULL)
		munmap(s->map, s->maplen);
	if (s->fd >= 0)
		close(s->fd);
	if (s->reserved > 0)
		atomic_fetch_sub(&disk_used, s->reserved);
	if (s->mem_taken > 0)
		atomic_fetch_sub(&mem_used, s->mem_taken);
	buf_free(&s->mem);
	memset(s, 0, sizeof(*s));
	s->fd = -1;
}
