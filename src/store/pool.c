/* pool.c: the idle connections of a database (backend.h), the same for
 * every backend: a stack guarded by a mutex, and a condition variable that
 * a thread waits on when every connection is lent out. */
#include <stdlib.h>

#include "store/backend.h"

int
db_pool_init(struct db_pool *p, int size)
{
	if ((p->idle = calloc((size_t)size, sizeof(*p->idle))) == NULL)
		return -1;
	p->nidle = 0;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	return 0;
}

void
db_pool_destroy(struct db_pool *p)
{
	if (p->idle == NULL)
		return;
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p->idle);
	p->idle = NULL;
}

struct dbconn *
db_pool_take(struct db_pool *p)
{
	struct dbconn *c;

	pthread_mutex_lock(&p->mu);
	while (p->nidle == 0)
		pthread_cond_wait(&p->cv, &p->mu);
	c = p->idle[--p->nidle];
	pthread_mutex_unlock(&p->mu);
	return c;
}

void
db_pool_put(struct db_pool *p, struct dbconn *c)
{
	pthread_mutex_lock(&p->mu);
	p->idle[p->nidle++] = c;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}
