/* Loading report inputs with the right front end (cli_inputs.c). */
#ifndef TL_CMD_CLI_INPUTS_H
#define TL_CMD_CLI_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "typelayout.h"

typedef struct tl_cli_inputs {
	const char *const *inputs;
	size_t ninputs;
	const char *const *clang_args; /* after `--` */
	size_t nclang_args;
	const char *compdb_dir;        /* -p DIR */
	unsigned jobs;                 /* -j N, 0 = cores */
	bool all;                      /* --all */
	bool verify;                   /* --verify */
	const char *const *names;      /* --name GLOB */
	size_t nnames;
	const char *const *cfgs;       /* --cfg PRED */
	size_t ncfgs;
} tl_cli_inputs;

/* Loads every input; -1 when any failed (diagnostics recorded). */
int tl_cli_load_inputs(tl_ctx *ctx, const tl_cli_inputs *in);
bool tl_cli_is_c_input(const char *path);
/* --verify: compares our C layouts with clang's; -1 on failure to run. */
int tl_cli_verify(tl_ctx *ctx, size_t *nchecked, size_t *nfailed);

#endif
