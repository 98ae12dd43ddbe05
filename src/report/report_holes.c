/*
 * Holes and padding of a report entry, from the entry alone: its fields'
 * offsets and sizes (bits for bit-fields), its variants' and its tag say
 * everything the layout would (analyze/holes.c reads the same from the
 * context). Needing nothing else, this runs on the thread that consumes
 * the entries (report_each.c), not on the one that builds them.
 */
#include <string.h>

#include "analyze/holes.h"
#include "report/report_int.h"

static bool field_spans(const tl_report_field *f, size_t n, tl_spans *sp)
{
	for (size_t i = 0; i < n; i++) {
		bool ok = f[i].is_bitfield ?
			tl_spans_add(sp, f[i].bit_offset,
				     f[i].bit_offset + f[i].bit_width) :
			tl_spans_add(sp, f[i].offset * 8,
				     (f[i].offset + f[i].size) * 8);
		if (!ok)
			return false;
	}
	return true;
}

static bool entry_spans(void *arg, int v, tl_spans *sp)
{
	const tl_report_entry *e = arg;
	if (!e->nvariants)
		return field_spans(e->fields, e->nfields, sp);
	const tl_report_variant *rv = &e->variants[v];
	return field_spans(rv->fields, rv->nfields, sp) &&
	       tl_spans_add_tag(sp, &e->tag, v);
}

tl_status tl_report__holes(tl_report_entry *e, tl_arena *mem)
{
	memset(&e->holes, 0, sizeof(e->holes));
	e->padding = 0;
	if (!e->ok)
		return TL_OK;
	const char *k = e->kind;
	bool is_enum = !strcmp(k, "enum");
	bool is_union = !strcmp(k, "union");
	if (!is_enum && !is_union && strcmp(k, "struct") && strcmp(k, "tuple") &&
	    strcmp(k, "closure"))
		return TL_OK; /* scalars, pointers, arrays, opaque types */
	if (is_enum && e->lang == TL_LANG_C)
		return TL_OK; /* a C enum is one integer: no padding */
	tl_status st = tl_analyze__holes_from(e->size, is_enum ? (int)e->nvariants : 1,
					      is_union, entry_spans, e, mem,
					      &e->holes);
	e->padding = e->holes.padding;
	return st;
}
