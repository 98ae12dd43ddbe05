/* The command-line tool's shared declarations. */
#ifndef TL_CMD_CLI_H
#define TL_CMD_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "typelayout.h"

enum tl_exit {
	TL_EXIT_OK = 0,
	TL_EXIT_VIOLATION = 1, /* `check` found a violation */
	TL_EXIT_INPUT = 2,     /* bad input or usage */
	TL_EXIT_INTERNAL = 3   /* --verify: our layout disagrees with the compiler */
};

typedef struct tl_cli {
	bool color;
	unsigned columns;
} tl_cli;

typedef int (*tl_cmd_fn)(int argc, char **argv, const tl_cli *cli);

int cmd_report(int argc, char **argv, const tl_cli *cli);
int cmd_show(int argc, char **argv, const tl_cli *cli);
int cmd_targets(int argc, char **argv, const tl_cli *cli);
int cmd_help(int argc, char **argv, const tl_cli *cli);

/* Prints every diagnostic of the context to `out`, gcc style, with the
 * source line and a caret. Returns the number of errors. */
size_t tl_cli_print_diags(const tl_ctx *ctx, FILE *out, bool color);

/* Prints "typelayout: <msg>" and returns TL_EXIT_INPUT. */
int tl_cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The help text of a subcommand (same text for `help X` and `X --help`). */
const char *tl_cli_help(const char *cmd);

#endif
