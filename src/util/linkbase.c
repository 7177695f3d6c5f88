/* linkbase.c: the one rule of where outside links point (linkbase.h). */
#include "util/linkbase.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "util/arena.h"

static pthread_mutex_t	mu = PTHREAD_MUTEX_INITIALIZER;
static char		public_url[512];

void
linkbase_set(const char *url)
{
	size_t n;

	pthread_mutex_lock(&mu);
	snprintf(public_url, sizeof(public_url), "%s", url != NULL ? url : "");
	n = strlen(public_url);
	while (n > 0 && public_url[n - 1] == '/')
		public_url[--n] = '\0';
	pthread_mutex_unlock(&mu);
}

const char *
linkbase_get(struct arena *a, const char *host)
{
	const char	*out = NULL;
	int		 set;

	pthread_mutex_lock(&mu);
	if ((set = public_url[0] != '\0'))
		out = arena_strdup(a, public_url);
	pthread_mutex_unlock(&mu);
	if (set)
		return out;
	if (host != NULL && *host != '\0')
		return arena_printf(a, "https://%s", host);
	return "";
}
