/* demo_copy.h: the demo municipality for srv_prepare, made once and
 * copied. `orden demo` takes seconds of CPU under the sanitizers (1,250
 * deviations through the gate), and make check prepared it afresh for
 * every server of every suite on both backends. A copy is the same state:
 * the same file (and its audit key) on SQLite, CREATE DATABASE ... TEMPLATE
 * on PostgreSQL.
 *
 * The template is the one tests/run.sh (or tests/one.sh) made for the
 * whole run, named by ORDEN_TEST_DEMO_DB (an SQLite path) and
 * ORDEN_TEST_DEMO_PG (a database of the ORDEN_TEST_PG cluster); without
 * them the first srv_prepare of the program makes its own and removes it
 * at exit. Nobody writes to a template after it is made. */
#ifndef ORDEN_TEST_DEMO_COPY_H
#define ORDEN_TEST_DEMO_COPY_H

/* Make the database db (an SQLite path, or the PostgreSQL URL of a
 * database that does not exist yet) a copy of the demo. 0 or -1. */
int	demo_copy(const char *db);

#endif
