/*
 * typelayout's entry point: global options, then a subcommand from the
 * table below.
 */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
	const char *name;
	tl_cmd_fn fn;
	const char *summary;
} commands[] = {
	{"report", cmd_report, "size, alignment and padding of every type, per target"},
	{"show", cmd_show, "field-by-field layout of the given types (pahole style)"},
	{"targets", cmd_targets, "list the supported targets and their aliases"},
	{"help", cmd_help, "show help for a command"},
};

int tl_cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("typelayout: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, " (see 'typelayout %s --help')\n", cmd);
	else
		fputs(" (see 'typelayout --help')\n", stderr);
	return TL_EXIT_INPUT;
}

static void usage(FILE *out)
{
	fputs("usage: typelayout <command> [options] [FILE...]\n\ncommands:\n", out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\nRun 'typelayout help <command>' for its options.\n", out);
}

int cmd_help(int argc, char **argv, const tl_cli *cli)
{
	(void)cli;
	if (argc < 2) {
		usage(stdout);
		return TL_EXIT_OK;
	}
	const char *text = tl_cli_help(argv[1]);
	if (!text)
		return tl_cli_usage_error(NULL, "unknown command '%s'", argv[1]);
	fputs(text, stdout);
	return TL_EXIT_OK;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C");
	tl_cli cli = {false, 0};
	if (argc < 2) {
		usage(stderr);
		return TL_EXIT_INPUT;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return TL_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("typelayout %s\n", TL_VERSION);
		return TL_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1, &cli);
	return tl_cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
