/*
 * `typelayout report` and `typelayout show`: load the inputs, build the
 * report for the requested types and targets, emit it.
 */
#define _GNU_SOURCE /* RUSAGE_THREAD, for --timings */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_inputs.h"

typedef struct report_args {
	const char *cmd;
	const char **inputs;
	size_t ninputs;
	const char **types;
	size_t ntypes;
	const tl_target *targets[8];
	size_t ntargets;
	const char *format;
	const char **clang_args;
	size_t nclang_args;
	const char **names;
	size_t nnames;
	const char **cfgs;
	size_t ncfgs;
	const char **opaques;
	size_t nopaques;
	const char *compdb_dir;
	unsigned jobs;
	bool all;
	bool verify;
	bool timings;
} report_args;

enum { OPT_TARGET = 256, OPT_FORMAT, OPT_TYPE, OPT_HELP, OPT_VERIFY, OPT_ALL,
       OPT_NAME, OPT_CFG, OPT_OPAQUE, OPT_TIMINGS };

static const struct option long_opts[] = {
	{"target", required_argument, NULL, OPT_TARGET},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"type", required_argument, NULL, OPT_TYPE},
	{"help", no_argument, NULL, OPT_HELP},
	{"verify", no_argument, NULL, OPT_VERIFY},
	{"all", no_argument, NULL, OPT_ALL},
	{"name", required_argument, NULL, OPT_NAME},
	{"cfg", required_argument, NULL, OPT_CFG},
	{"opaque", required_argument, NULL, OPT_OPAQUE},
	{"timings", no_argument, NULL, OPT_TIMINGS},
	{NULL, 0, NULL, 0},
};

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static int parse_args(int argc, char **argv, report_args *a, bool show)
{
	a->inputs = calloc((size_t)argc + 1, sizeof(*a->inputs));
	a->types = calloc((size_t)argc + 1, sizeof(*a->types));
	a->clang_args = calloc((size_t)argc + 1, sizeof(*a->clang_args));
	a->names = calloc((size_t)argc + 1, sizeof(*a->names));
	a->cfgs = calloc((size_t)argc + 1, sizeof(*a->cfgs));
	a->opaques = calloc((size_t)argc + 1, sizeof(*a->opaques));
	if (!a->inputs || !a->types || !a->clang_args || !a->names || !a->cfgs ||
	    !a->opaques)
		return tl_cli_usage_error(a->cmd, "out of memory");
	a->format = "table";
	/* everything after `--` goes to clang untouched: split it off before
	 * getopt permutes the rest */
	int nargs = argc;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			nargs = i;
			for (int k = i + 1; k < argc; k++)
				a->clang_args[a->nclang_args++] = argv[k];
			break;
		}
	}
	argc = nargs;
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "t:f:p:j:", long_opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			a->compdb_dir = optarg;
			break;
		case 'j': {
			char *end;
			unsigned long n = strtoul(optarg, &end, 10);
			if (*end || n == 0 || n > 1024)
				return tl_cli_usage_error(a->cmd, "-j takes a number from 1 to 1024");
			a->jobs = (unsigned)n;
			break;
		}
		case OPT_VERIFY:
			a->verify = true;
			break;
		case OPT_TIMINGS:
			a->timings = true;
			break;
		case OPT_ALL:
			a->all = true;
			break;
		case OPT_NAME:
			a->names[a->nnames++] = optarg;
			break;
		case OPT_CFG:
			a->cfgs[a->ncfgs++] = optarg;
			break;
		case OPT_OPAQUE:
			a->opaques[a->nopaques++] = optarg;
			break;
		case 't':
		case OPT_TARGET: {
			const tl_target *t = tl_target_find(optarg);
			if (!t)
				return tl_cli_usage_error(a->cmd,
					"unknown target '%s' (see 'typelayout targets')", optarg);
			if (a->ntargets < 8)
				a->targets[a->ntargets++] = t;
			break;
		}
		case 'f':
		case OPT_FORMAT:
			if (strcmp(optarg, "table") && strcmp(optarg, "json") &&
			    strcmp(optarg, "text"))
				return tl_cli_usage_error(a->cmd,
					"unknown format '%s' (expected table or json)", optarg);
			a->format = optarg;
			break;
		case OPT_TYPE:
			a->types[a->ntypes++] = optarg;
			break;
		case OPT_HELP:
			fputs(tl_cli_help(a->cmd), stdout);
			exit(TL_EXIT_OK);
		default:
			return tl_cli_usage_error(a->cmd, "unknown option '%s'",
						  argv[optind - 1]);
		}
	}
	for (int i = optind; i < argc; i++) {
		if (show && !is_file(argv[i]))
			a->types[a->ntypes++] = argv[i];
		else
			a->inputs[a->ninputs++] = argv[i];
	}
	if (!a->ninputs && !a->ntypes && !a->compdb_dir)
		return tl_cli_usage_error(a->cmd, "no input files");
	if (!a->ntargets)
		for (size_t i = 0; i < tl_target_builtin_count() && i < 8; i++)
			a->targets[a->ntargets++] = tl_target_builtin(i);
	return TL_EXIT_OK;
}

/* `--timings`: the wall time of each phase on stderr, with the CPU time
 * and the page faults of the calling thread in it (the other threads
 * parse ahead and write the JSON) and the process's resident memory at
 * its end. */
typedef struct phase_clock {
	struct timespec last, cpu;
	long faults;
	char text[512];
	size_t len;
} phase_clock;

static double ms_between(struct timespec a, struct timespec b)
{
	return (double)(b.tv_sec - a.tv_sec) * 1e3 +
	       (double)(b.tv_nsec - a.tv_nsec) / 1e6;
}

/* Resident memory in MB (Linux's /proc), -1 when unknown. */
static long resident_mb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long size = 0, pages = -1;
	if (f) {
		if (fscanf(f, "%ld %ld", &size, &pages) != 2)
			pages = -1;
		fclose(f);
	}
	long page = sysconf(_SC_PAGESIZE);
	return pages < 0 || page <= 0 ? -1 : pages * (page / 1024) / 1024;
}

static void phase(phase_clock *pc, const char *name)
{
	struct timespec now, cpu = {0, 0};
	struct rusage ru;
	clock_gettime(CLOCK_MONOTONIC, &now);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
	long faults = getrusage(RUSAGE_THREAD, &ru) ? 0 : ru.ru_minflt + ru.ru_majflt;
	if (name && pc->len < sizeof(pc->text)) {
		int n = snprintf(pc->text + pc->len, sizeof(pc->text) - pc->len,
				 "%s%s %.1f ms (cpu %.1f ms, %ld faults, rss %ld MB)",
				 pc->len ? ", " : "", name, ms_between(pc->last, now),
				 ms_between(pc->cpu, cpu), faults - pc->faults,
				 resident_mb());
		if (n > 0)
			pc->len += (size_t)n;
	}
	pc->last = now;
	pc->cpu = cpu;
	pc->faults = faults;
}

static int run(int argc, char **argv, bool show)
{
	report_args a = {0};
	a.cmd = show ? "show" : "report";
	tl_ctx *ctx = NULL;
	tl_report *rep = NULL;
	tl_type_id *types = NULL;
	const char **names = NULL;
	uint32_t *masks = NULL;
	size_t ntypes = 0;
	bool diags_printed = false;
	int rc = parse_args(argc, argv, &a, show);
	if (rc)
		goto out;
	rc = TL_EXIT_INPUT;
	if (tl_ctx_new(&ctx))
		goto out;
	tl_ctx_set_jobs(ctx, a.jobs);
	tl_cli_inputs in = {a.inputs, a.ninputs, a.clang_args, a.nclang_args,
			    a.compdb_dir, a.jobs, a.all, a.verify, a.names,
			    a.nnames, a.cfgs, a.ncfgs};
	phase_clock pc = {0};
	phase(&pc, NULL);
	tl_cli_load_inputs(ctx, &in);
	for (size_t i = 0; i < a.nopaques; i++)
		tl_add_opaque(ctx, a.opaques[i]);
	phase(&pc, "load");
	tl_ctx_resolve(ctx);
	phase(&pc, "resolve");
	size_t nchecked = 0, nfailed = 0;
	if (a.verify)
		tl_cli_verify(ctx, &nchecked, &nfailed);
	/* report: every type the inputs define, then the --type ones;
	 * show: only the named ones */
	if (!show) {
		if (tl_report_default_types(ctx, &types, &names, &masks, &ntypes))
			goto out;
	}
	/* each --type adds one type, or one per target when a name is
	 * defined once per target: room for the most that can come */
	enum { PER_NAME = 8 };
	size_t room = ntypes + a.ntypes * PER_NAME + 1;
	tl_type_id *grown = realloc(types, room * sizeof(*types));
	const char **grown_names = realloc(names, room * sizeof(*names));
	uint32_t *grown_masks = realloc(masks, room * sizeof(*masks));
	if (grown)
		types = grown;
	if (grown_names)
		names = grown_names;
	if (grown_masks)
		masks = grown_masks;
	if (!grown || !grown_names || !grown_masks)
		goto out;
	for (size_t i = 0; i < a.ntypes; i++) {
		/* a defined name ("struct foo", or one split per target by
		 * #ifdef / #[cfg]) is looked up; anything else is a Rust type
		 * expression */
		size_t nfound = tl_find_types(ctx, a.types[i], types + ntypes, PER_NAME);
		if (nfound > 1 || (nfound == 1 && strchr(a.types[i], ' '))) {
			for (size_t k = 0; k < nfound; k++) {
				masks[ntypes] = 0;
				names[ntypes++] = NULL;
			}
			continue;
		}
		tl_type_id id;
		if (tl_parse_type(ctx, a.types[i], &id) == TL_OK) {
			masks[ntypes] = 0;
			names[ntypes] = NULL;
			types[ntypes++] = id;
		}
	}
	phase(&pc, "types");
	tl_report_request req = {types, ntypes, names, masks, a.targets,
				 a.ntargets, a.inputs, a.ninputs};
	tl_emit_opts eo = TL_EMIT_OPTS_INIT;
	tl_status st;
	bool json = !strcmp(a.format, "json");
	if (!json && tl_report_build(ctx, &req, &rep))
		goto out;
	if (json)
		st = tl_emit_json_stream(ctx, &req, &eo, stdout);
	else if (show)
		st = tl_emit_show(rep, &eo, stdout);
	else
		st = tl_emit_table(rep, &eo, stdout);
	fflush(stdout);
	phase(&pc, json ? "report+json" : "report");
	if (a.timings)
		fprintf(stderr, "typelayout: timings: %s\n", pc.text);
	size_t errors = tl_cli_print_diags(ctx, stderr, false);
	diags_printed = true;
	rc = st || errors ? TL_EXIT_INPUT : TL_EXIT_OK;
	if (a.verify) {
		fprintf(stderr, "typelayout: verify: %zu layouts compared with clang, %zu disagree\n",
			nchecked, nfailed);
		if (nfailed)
			rc = TL_EXIT_INTERNAL;
	}
out:
	if (rc && ctx && !diags_printed)
		tl_cli_print_diags(ctx, stderr, false);
	tl_report_free(rep);
	tl_ctx_free(ctx);
	free(types);
	free(names);
	free(masks);
	free(a.inputs);
	free(a.types);
	free(a.clang_args);
	free(a.names);
	free(a.cfgs);
	free(a.opaques);
	return rc;
}

int cmd_report(int argc, char **argv, const tl_cli *cli)
{
	(void)cli;
	return run(argc, argv, false);
}

int cmd_show(int argc, char **argv, const tl_cli *cli)
{
	(void)cli;
	return run(argc, argv, true);
}

int cmd_targets(int argc, char **argv, const tl_cli *cli)
{
	(void)argc;
	(void)argv;
	(void)cli;
	for (size_t i = 0; i < tl_target_builtin_count(); i++) {
		const tl_target *t = tl_target_builtin(i);
		printf("%-28s %s\n", t->triple, t->aliases);
	}
	return TL_EXIT_OK;
}
