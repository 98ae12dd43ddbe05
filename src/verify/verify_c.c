/*
 * tl_verify_c: the engine's C layouts against clang's own answers from the
 * same parse (kept by the front end in def->front when tl_c_opts.verify is
 * set). A disagreement is a typelayout bug, recorded as an error with id
 * "internal-layout-mismatch" naming the record, the target and the field.
 * This file sits above both the front end and the layout engine, so
 * neither has to know the other (STYLE.md, layers).
 */
#include <string.h>

#include "front/clang/cfront_answers.h"
#include "layout/layout_internal.h"
#include "typelayout/cfront.h"

#define MISMATCH "internal-layout-mismatch"

static uint64_t field_bits(const tl_layout *l, uint32_t i)
{
	return l->bit_offsets ? l->bit_offsets[i] : l->offsets[i] * 8;
}

/* Our offset (bits from the start of `def`) of a named field reached
 * through anonymous members; false when not found. */
static bool flat_bits(tl_ctx *ctx, const tl_target *t, const tl_def *def,
		      const char *name, uint64_t base, uint64_t *out, int depth)
{
	const tl_layout *l;
	if (depth > 32 || tl_layout_of(ctx, tl_def_type(ctx, def), t, &l))
		return false;
	for (uint32_t i = 0; i < def->nfields && i < l->nfields; i++) {
		const tl_field *f = &def->fields[i];
		if (!strcmp(f->name, name)) {
			*out = base + field_bits(l, i);
			return true;
		}
		const tl_type *ft = tl_type_get(ctx, f->type);
		if (!*f->name && f->bit_width < 0 && ft && ft->kind == TL_TY_ADT &&
		    (ft->def->kind == TL_DEF_STRUCT || ft->def->kind == TL_DEF_UNION) &&
		    flat_bits(ctx, t, ft->def, name, base + field_bits(l, i), out,
			      depth + 1))
			return true;
	}
	return false;
}

static bool comparable(const tl_ctx *ctx, const tl_def *def,
		       const tl_c_answer *a)
{
	if (!a->present || a->size < 0 || a->align <= 0)
		return false;
	for (int depth = 0; def->kind == TL_DEF_ALIAS && depth < 64; depth++) {
		/* typedefs of function types: clang's sizeof is GNU's 1 */
		const tl_type *at = tl_type_get(ctx, def->alias_type);
		if (!at || at->kind == TL_TY_FNITEM || at->kind == TL_TY_UNIT)
			return false;
		if (at->kind != TL_TY_ADT)
			return true;
		def = at->def;
	}
	return def->kind != TL_DEF_OPAQUE;
}

/* Compares one definition on one target; true when they agree. */
static bool check(tl_ctx *ctx, const tl_def *def, const tl_target *t,
		  const tl_c_answer *a)
{
	const tl_layout *l;
	if (tl_layout_of(ctx, tl_def_type(ctx, def), t, &l)) {
		tl_error(ctx, def->loc, MISMATCH, "internal error: '%s' could "
			 "not be laid out for %s, clang says %lld/%lld", def->name,
			 t->triple, (long long)a->size, (long long)a->align);
		return false;
	}
	if ((int64_t)l->size != a->size || (int64_t)l->align != a->align) {
		tl_error(ctx, def->loc, MISMATCH, "internal error: layout of "
			 "'%s' for %s is %llu/%llu (size/align), clang says "
			 "%lld/%lld", def->name, t->triple,
			 (unsigned long long)l->size, (unsigned long long)l->align,
			 (long long)a->size, (long long)a->align);
		return false;
	}
	bool ok = true;
	for (uint32_t i = 0; i < a->nfields && i < l->nfields && ok; i++) {
		const tl_field *f = &def->fields[i];
		if (a->field_bits[i] < 0 || (int64_t)field_bits(l, i) == a->field_bits[i])
			continue;
		tl_error(ctx, f->loc, MISMATCH, "internal error: field '%s' of "
			 "'%s' for %s is at bit %llu, clang says bit %lld",
			 *f->name ? f->name : "(unnamed)", def->name, t->triple,
			 (unsigned long long)field_bits(l, i),
			 (long long)a->field_bits[i]);
		ok = false;
	}
	for (uint32_t i = 0; i < a->nflat && ok; i++) {
		uint64_t ours = 0;
		if (a->flat[i].bits < 0)
			continue;
		if (flat_bits(ctx, t, def, a->flat[i].name, 0, &ours, 0) &&
		    (int64_t)ours == a->flat[i].bits)
			continue;
		tl_error(ctx, def->loc, MISMATCH, "internal error: offsetof('%s', "
			 "%s) for %s is bit %llu, clang says bit %lld", def->name,
			 a->flat[i].name, t->triple, (unsigned long long)ours,
			 (long long)a->flat[i].bits);
		ok = false;
	}
	return ok;
}

tl_status tl_verify_c(tl_ctx *ctx, size_t *nchecked, size_t *nfailed)
{
	size_t checked = 0, failed = 0;
	size_t ntargets = tl_target_builtin_count();
	for (size_t i = 0; i < tl_def_count(ctx); i++) {
		const tl_def *def = tl_def_get(ctx, i);
		const tl_c_answers *an = def->front;
		if (def->lang != TL_LANG_C || !an || an->magic != TL_C_ANSWERS_MAGIC)
			continue;
		for (size_t ti = 0; ti < ntargets && ti < TL_C_MAX_TARGETS; ti++) {
			if (def->target_mask && !(def->target_mask & (1u << ti)))
				continue;
			if (!comparable(ctx, def, &an->target[ti]))
				continue;
			checked++;
			if (!check(ctx, def, tl_target_builtin(ti), &an->target[ti]))
				failed++;
		}
	}
	if (nchecked)
		*nchecked = checked;
	if (nfailed)
		*nfailed = failed;
	return ctx->oom ? TL_ENOMEM : TL_OK;
}
