/* metrics.c: request counts and latency per route, in Prometheus text.
 * Route names are the static strings of the route table, so a small
 * table keyed by name is enough; one mutex guards it (a request takes it
 * once, for a few additions). */
#include "http/http.h"
#include "http/internal.h"
#include "http/cache.h"
#include "http/ident.h"

#include <inttypes.h>
#include <pthread.h>
#include <string.h>

#include "store/store_tx.h"

#define METRICS_ROUTES	128
#define METRICS_STATUS	12

static const double bucket_le[] = { .001, .005, .01, .05, .1, .5, 1, 5 };
#define NBUCKETS (sizeof(bucket_le) / sizeof(bucket_le[0]))

struct route_metrics {
	const char	*name;
	struct {
		int		status;
		unsigned long	count;
	} by_status[METRICS_STATUS];
	unsigned long	 buckets[NBUCKETS];	/* cumulative at render time */
	unsigned long	 count;
	double		 sum;
};

static pthread_mutex_t		lock = PTHREAD_MUTEX_INITIALIZER;
static struct route_metrics	routes[METRICS_ROUTES];
static size_t			nroutes;

static struct route_metrics *
find_route(const char *name)
{
	size_t i;

	for (i = 0; i < nroutes; i++)
		if (strcmp(routes[i].name, name) == 0)
			return &routes[i];
	if (nroutes == METRICS_ROUTES)
		return NULL;
	routes[nroutes].name = name;
	return &routes[nroutes++];
}

void
http_metrics_observe(const char *route, int status, double seconds)
{
	struct route_metrics	*m;
	size_t			 i;

	/* Only route-table names (static) or "none" are kept: never a path,
	 * which would let a client grow the table. */
	if (route == NULL)
		route = "none";
	/* Whistleblowing routes are never counted: how many reports came in
	 * and how many receipt logins were tried is for the handlers' own
	 * statistics (with small cells suppressed), not for a monitoring
	 * system anyone with the metrics token reads. */
	if (strncmp(route, "wb_", 3) == 0 || strncmp(route, "api_wb_", 7) == 0)
		return;
	pthread_mutex_lock(&lock);
	if ((m = find_route(route)) == NULL)
		goto out;
	m->count++;
	m->sum += seconds;
	for (i = 0; i < NBUCKETS; i++)
		if (seconds <= bucket_le[i]) {
			m->buckets[i]++;
			break;
		}
	for (i = 0; i < METRICS_STATUS; i++) {
		if (m->by_status[i].status == status ||
		    m->by_status[i].status == 0) {
			m->by_status[i].status = status;
			m->by_status[i].count++;
			break;
		}
	}
out:
	pthread_mutex_unlock(&lock);
}

void
http_metrics_reset(void)
{
	pthread_mutex_lock(&lock);
	memset(routes, 0, sizeof(routes));
	nroutes = 0;
	pthread_mutex_unlock(&lock);
}

void
http_metrics_render(struct buf *b)
{
	size_t		i, k;
	unsigned long	cum;
	uint64_t	kept, rd;

	pthread_mutex_lock(&lock);
	buf_puts(b, "# HELP orden_http_requests_total HTTP requests by route "
	    "and status.\n# TYPE orden_http_requests_total counter\n");
	for (i = 0; i < nroutes; i++)
		for (k = 0; k < METRICS_STATUS && routes[i].by_status[k].status; k++)
			buf_printf(b, "orden_http_requests_total{route=\"%s\","
			    "status=\"%d\"} %lu\n", routes[i].name,
			    routes[i].by_status[k].status,
			    routes[i].by_status[k].count);
	buf_puts(b, "# HELP orden_http_request_duration_seconds Time to "
	    "answer a request.\n"
	    "# TYPE orden_http_request_duration_seconds histogram\n");
	for (i = 0; i < nroutes; i++) {
		cum = 0;
		for (k = 0; k < NBUCKETS; k++) {
			cum += routes[i].buckets[k];
			buf_printf(b, "orden_http_request_duration_seconds_bucket"
			    "{route=\"%s\",le=\"%g\"} %lu\n", routes[i].name,
			    bucket_le[k], cum);
		}
		buf_printf(b, "orden_http_request_duration_seconds_bucket"
		    "{route=\"%s\",le=\"+Inf\"} %lu\n", routes[i].name,
		    routes[i].count);
		buf_printf(b, "orden_http_request_duration_seconds_sum"
		    "{route=\"%s\"} %.6f\n", routes[i].name, routes[i].sum);
		buf_printf(b, "orden_http_request_duration_seconds_count"
		    "{route=\"%s\"} %lu\n", routes[i].name, routes[i].count);
	}
	pthread_mutex_unlock(&lock);
	http_cache_metrics(b);
	http_ident_metrics(b);
	db_gens_counts(&kept, &rd);
	buf_printf(b, "# HELP orden_db_generation_reads_total Data generations "
	    "the caches asked for: kept (nothing committed since they were "
	    "read, no statement) or read from the database.\n"
	    "# TYPE orden_db_generation_reads_total counter\n"
	    "orden_db_generation_reads_total{outcome=\"kept\"} %" PRIu64 "\n"
	    "orden_db_generation_reads_total{outcome=\"read\"} %" PRIu64 "\n",
	    kept, rd);
}
