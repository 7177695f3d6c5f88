/* rng.c: splitmix64 (rng.h). */
#include "util/rng.h"

uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

int64_t
rng_below(struct rng *r, int64_t n)
{
	return n <= 0 ? 0 : (int64_t)(rng_next(r) % (uint64_t)n);
}

int
rng_pct(struct rng *r, int pct)
{
	return rng_below(r, 100) < pct;
}
