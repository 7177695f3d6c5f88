/* dash_links.h: a dashboard's figures followed to the list each leads to
 * (issue 13, w15): every link from a figure to /deviations is followed as
 * a user would, and the list's count ("N meldinger", or "more than
 * 10 000") must be the figure. */
#ifndef ORDEN_TEST_DASH_LINKS_H
#define ORDEN_TEST_DASH_LINKS_H

#include <stddef.h>

#include "harness.h"

/* GET path as c (must answer 200), then every figure link on it: each
 * list must answer 200 with the figure as its count, else the test fails
 * naming the link. Returns how many links were followed. */
size_t	dash_links_check(struct client *c, const char *path);

#endif
