/* main.c: the `orden` program. All of it lives in cli/ so that the
 * subcommands are part of the library the tests link. */
#include "cli/cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
