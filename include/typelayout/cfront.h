/*
 * The C front end: C headers and sources parsed with libclang, once per
 * built-in target, turned into model definitions (lang TL_LANG_C).
 *
 * Every input is parsed for every built-in target (tl_target_builtin), in
 * parallel threads; a record that comes out the same in every target's parse
 * becomes one definition (target_mask 0), one that differs (#ifdef
 * __aarch64__, __SIZEOF_LONG__ ...) becomes one definition per target with
 * target_mask = 1 << target index. doc/c-frontend.md has the details.
 *
 * Naming: `struct foo`, `union bar`, `enum baz`; an unnamed record named by a
 * typedef takes the typedef's name; other unnamed records are called
 * `struct (unnamed at FILE:LINE:COL)`, anonymous members
 * `struct (anonymous at FILE:LINE:COL)`. An anonymous struct/union member is
 * one field named "" (bit_width -1) whose type is the anonymous record; the
 * offsets of the fields inside it are relative to the anonymous record, so
 * the outermost record's offset of such a field (what offsetof gives) is the
 * sum along the path.
 *
 * Requires a build with TL_WITH_CLANG (the tl_front_clang library).
 */
#ifndef TYPELAYOUT_CFRONT_H
#define TYPELAYOUT_CFRONT_H

#include <stdbool.h>
#include <stddef.h>

#include "typelayout/ctx.h"
#include "typelayout/status.h"

typedef struct tl_c_opts {
	/* Arguments for clang (`-I`, `-D`, `-std=`...), added to every
	 * translation unit; `nclang_args` entries. */
	const char *const *clang_args;
	size_t nclang_args;
	/* A directory holding compile_commands.json, or NULL. With it, every
	 * input (a file or a directory) selects the compile commands of the
	 * files at or under it; no inputs selects every command. */
	const char *compdb_dir;
	/* Parallel parses; 0 = the number of online processors. */
	unsigned jobs;
	/* Report every type, including those from system headers. */
	bool all;
	/* Also report the types whose name matches one of these (fnmatch(3)
	 * globs: "struct sock*", "pthread_mutex_t"). Typedefs are reported
	 * only when named here. */
	const char *const *names;
	size_t nnames;
	/* Keep clang's own layout answers for tl_verify_c. */
	bool verify;
	/* Called on the calling thread after each translation unit has been
	 * parsed for every target (done counts those, total all of them).
	 * The library never prints; the CLI draws progress with this. */
	void (*progress)(size_t done, size_t total, void *user);
	/* Called on the calling thread for each translation unit clang
	 * reported errors for (on any target), with its main file. */
	void (*failed)(const char *file, void *user);
	void *user;
} tl_c_opts;

#define TL_C_OPTS_INIT {NULL, 0, NULL, 0, false, NULL, 0, false, NULL, NULL, NULL}

/*
 * Parses `inputs` (C files, or directories whose .c and .h files are each
 * parsed as one translation unit) and adds their types to `ctx`.
 *
 * By default the types defined in the named files (or under the named
 * directories) are reported (def->report); types that only system headers
 * bring in are loaded when a reported type needs them, but not reported,
 * unless `all` or `names` asks for them. A record seen in several
 * translation units is added once.
 *
 * clang's errors are recorded as diagnostics (file:line:col and clang's
 * message; a note names the target when only some targets failed); a
 * translation unit with errors contributes nothing for the failing target,
 * and the others go on.
 *
 * Returns TL_OK; TL_EINPUT when any translation unit failed or an input does
 * not exist (diagnostics recorded); TL_EUNSUPPORTED when a type could not be
 * represented (named in a diagnostic; the rest is loaded); TL_ENOMEM.
 */
tl_status tl_load_c(tl_ctx *ctx, const char *const *inputs, size_t ninputs,
		    const tl_c_opts *opts);

/*
 * Self-check: lays out every C definition loaded with `verify` set, for
 * every target it was parsed for, and compares size, alignment and every
 * field's offset (bits) with what clang said in the same parse. Each
 * disagreement is recorded as an error diagnostic with id
 * "internal-layout-mismatch" naming the record, the target and the field:
 * it is a typelayout bug, not an input error.
 *
 * `*nchecked` (may be NULL) receives the number of (definition, target)
 * pairs compared, `*nfailed` (may be NULL) the number that disagreed or
 * could not be laid out. Returns TL_OK when the comparison ran, whatever
 * its outcome (the CLI decides from *nfailed); TL_ENOMEM.
 */
tl_status tl_verify_c(tl_ctx *ctx, size_t *nchecked, size_t *nfailed);

#endif
