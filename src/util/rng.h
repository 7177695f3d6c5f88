/* rng.h: a small, fixed, seedable pseudo-random generator (splitmix64) for
 * data that must come out the same for the same seed: the demo year and the
 * benchmark's generator. Never for secrets (libsodium is for those). */
#ifndef ORDEN_UTIL_RNG_H
#define ORDEN_UTIL_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s;		/* the seed, then the state */
};

uint64_t	rng_next(struct rng *);
/* Uniform in [0, n); 0 when n <= 0. */
int64_t		rng_below(struct rng *, int64_t n);
/* 1 with probability pct percent. */
int		rng_pct(struct rng *, int pct);

#endif
