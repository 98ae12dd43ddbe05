/*
 * One parse: builds clang's command line for a target, parses with
 * libclang, turns clang's errors into diagnostics and, when there are none,
 * walks the translation unit (cfront_walk.c). A unit with errors keeps only
 * its diagnostics: clang's error recovery gives plausible but wrong layouts
 * (c-layout.md 6.2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/clang/cfront_clang.h"
#include "front/clang/cfront_job.h"
#include "util/vec.h"

#ifndef TL_CLANG_RESOURCE_DIR
#define TL_CLANG_RESOURCE_DIR ""
#endif

static bool is_header(const char *path)
{
	size_t n = strlen(path);
	return n > 2 && strcmp(path + n - 2, ".h") == 0;
}

typedef TL_VEC(const char *) argv_vec;

/* Our additions come last so they win over a compile command's own. */
static bool build_args(const cf_common *cm, const cf_tu *tu,
		       const tl_target *t, argv_vec *av)
{
	bool ok = true;
	if (tu->argv) {
		for (size_t i = 0; i < tu->argc; i++)
			ok = ok && TL_VEC_PUSH(*av, tu->argv[i]);
		if (tu->dir) {
			ok = ok && TL_VEC_PUSH(*av, "-working-directory");
			ok = ok && TL_VEC_PUSH(*av, tu->dir);
		}
	} else if (is_header(tu->file)) {
		/* a header on its own is C, not a precompiled header */
		ok = ok && TL_VEC_PUSH(*av, "-x");
		ok = ok && TL_VEC_PUSH(*av, "c");
	}
	for (size_t i = 0; i < cm->nclang_args; i++)
		ok = ok && TL_VEC_PUSH(*av, cm->clang_args[i]);
	ok = ok && TL_VEC_PUSH(*av, "-target");
	ok = ok && TL_VEC_PUSH(*av, t->clang_triple);
	if (*TL_CLANG_RESOURCE_DIR) {
		ok = ok && TL_VEC_PUSH(*av, "-resource-dir");
		ok = ok && TL_VEC_PUSH(*av, TL_CLANG_RESOURCE_DIR);
	}
	/* warnings are not ours to show; errors still are */
	ok = ok && TL_VEC_PUSH(*av, "-w");
	return ok;
}

static void take_diags(cw_ctx *w)
{
	unsigned n = clang_getNumDiagnostics(w->tu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(w->tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
		if (sev >= CXDiagnostic_Error) {
			cd_loc loc = cw_loc_at(w, clang_getDiagnosticLocation(d), NULL);
			char *msg = cw_string(clang_getDiagnosticSpelling(d));
			cd_diag_add(w->u, true, loc, msg ? msg : "error");
			free(msg);
			w->u->failed = true;
		}
		clang_disposeDiagnostic(d);
	}
}

static void parse_once(CXIndex idx, const cf_common *cm, const cf_tu *tu,
		       cd_unit *u, bool detailed, bool *again)
{
	argv_vec av = {0};
	CXTranslationUnit ctu = NULL;
	enum CXErrorCode err;
	unsigned flags = CXTranslationUnit_SkipFunctionBodies |
			 CXTranslationUnit_VisitImplicitAttributes |
			 CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
	if (detailed)
		flags |= CXTranslationUnit_DetailedPreprocessingRecord;
	*again = false;
	if (!build_args(cm, tu, u->target, &av)) {
		cd_diag_add(u, true, (cd_loc){0, 0, 0}, "out of memory");
		u->failed = true;
		goto out;
	}
	if (tu->argv)
		err = clang_parseTranslationUnit2FullArgv(idx, NULL, av.items,
							 (int)av.len, NULL, 0,
							 flags, &ctu);
	else
		err = clang_parseTranslationUnit2(idx, tu->file, av.items,
						  (int)av.len, NULL, 0, flags,
						  &ctu);
	if (err != CXError_Success || !ctu) {
		char msg[512];
		snprintf(msg, sizeof(msg),
			 "cannot parse '%s' for %s (libclang error %d)",
			 tu->file, u->target->clang_triple, (int)err);
		cd_diag_add(u, true, (cd_loc){0, 0, 0}, msg);
		u->failed = true;
		goto out;
	}
	cw_ctx w;
	memset(&w, 0, sizeof(w));
	w.u = u;
	w.tu = ctu;
	w.sel = cm->sel;
	w.pack_default = cm->pack_default;
	w.detailed = detailed;
	take_diags(&w);
	if (!u->failed)
		cw_walk(&w);
	if (w.oom) {
		cd_diag_add(u, true, (cd_loc){0, 0, 0}, "out of memory");
		u->failed = true;
	}
	*again = w.need_detailed && !detailed && !u->failed;
	cw_release(&w);
	clang_disposeTranslationUnit(ctu);
out:
	TL_VEC_FREE(av);
}

void cf_parse(void *cx_index, const cf_common *cm, const cf_tu *tu,
	      cd_unit *out)
{
	bool again;
	out->keep_answers = cm->keep_answers;
	parse_once(cx_index, cm, tu, out, false, &again);
	if (again) {
		/* a #pragma pack inside #if: parse again, knowing which
		 * ranges the preprocessor skipped */
		size_t ti = out->target_index;
		cd_unit_release(out);
		cd_unit_init(out, ti);
		out->keep_answers = cm->keep_answers;
		parse_once(cx_index, cm, tu, out, true, &again);
	}
}
