/*
 * Generic types are reported when instantiated: a user's `Wrapper<T>` has
 * no layout of its own, but `Wrapper<u8>` used by a field of a reported
 * type does. This walks the field types of the reported types (through
 * tuples, arrays, pointers' pointees and generic arguments) and collects
 * every concrete instance of a user's generic definition, once, in the
 * order they are met.
 */
#include <stdlib.h>
#include <string.h>

#include "model/ctx_internal.h"
#include "report/report_instances.h"

typedef struct walk {
	tl_ctx *ctx;
	uint8_t *seen;   /* by type id; grows with the type table */
	size_t nseen;
	tl_type_id *out;
	size_t n, cap;
	bool oom;
} walk;

static void visit(walk *w, tl_type_id id, unsigned depth);

/* Marks `id` seen; false when it was already (or out of memory). */
static bool first_visit(walk *w, tl_type_id id)
{
	if (id >= w->nseen) {
		size_t n = tl_type_count(w->ctx) + 1;
		if (n <= id)
			n = (size_t)id + 1;
		n += n / 2;
		uint8_t *s = realloc(w->seen, n);
		if (!s) {
			w->oom = true;
			return false;
		}
		memset(s + w->nseen, 0, n - w->nseen);
		w->seen = s;
		w->nseen = n;
	}
	if (w->seen[id])
		return false;
	w->seen[id] = 1;
	return true;
}

static void visit_fields(walk *w, tl_type_id adt, const tl_field *fs, uint32_t n,
			 unsigned depth)
{
	for (uint32_t i = 0; i < n; i++)
		visit(w, tl_type_field(w->ctx, adt, &fs[i]), depth + 1);
}

static void visit(walk *w, tl_type_id id, unsigned depth)
{
	const tl_type *t = tl_type_get(w->ctx, id);
	if (!t || t->has_params || depth > 64 || w->oom)
		return;
	if (!first_visit(w, id))
		return;
	if (t->inner)
		visit(w, t->inner, depth + 1);
	for (uint32_t i = 0; t->kind != TL_TY_ADT && i < t->nargs; i++)
		visit(w, t->args[i], depth + 1);
	if (t->kind != TL_TY_ADT)
		return;
	const tl_def *d = t->def;
	if (d->builtin) {
		for (uint32_t i = 0; i < t->nargs; i++) /* Vec<Wrapper<u8>> */
			visit(w, t->args[i], depth + 1);
		return;
	}
	if (t->nargs) {
		if (w->n == w->cap) {
			size_t cap = w->cap ? w->cap * 2 : 16;
			tl_type_id *o = realloc(w->out, cap * sizeof(*o));
			if (!o) {
				w->oom = true;
				return;
			}
			w->out = o;
			w->cap = cap;
		}
		w->out[w->n++] = id;
	}
	visit_fields(w, id, d->fields, d->nfields, depth);
	for (uint32_t v = 0; v < d->nvariants; v++)
		visit_fields(w, id, d->variants[v].fields, d->variants[v].nfields, depth);
}

tl_status tl_report__instances(tl_ctx *ctx, const tl_type_id *roots, size_t n,
			       tl_type_id **out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	walk w = {0};
	w.ctx = ctx;
	for (size_t i = 0; i < n; i++) /* the roots are reported already */
		first_visit(&w, roots[i]);
	for (size_t i = 0; i < n && !w.oom; i++) {
		const tl_type *t = tl_type_get(ctx, roots[i]);
		if (!t || t->kind != TL_TY_ADT)
			continue;
		const tl_def *d = t->def;
		visit_fields(&w, roots[i], d->fields, d->nfields, 0);
		for (uint32_t v = 0; v < d->nvariants; v++)
			visit_fields(&w, roots[i], d->variants[v].fields,
				     d->variants[v].nfields, 0);
	}
	free(w.seen);
	if (w.oom) {
		free(w.out);
		return TL_ENOMEM;
	}
	*out = w.out;
	*nout = w.n;
	return TL_OK;
}
