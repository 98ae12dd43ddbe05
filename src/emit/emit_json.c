/*
 * JSON, schema "typelayout/1" (shared/spec/json-output.md). Written as a
 * stream, keys in the order the contract lists them; numbers that can
 * exceed 2^53 are decimal strings. Streaming keeps memory flat for reports
 * of a million types, where building a jansson tree would not.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/ctx_internal.h"
#include "typelayout/emit.h"
#include "util/u128.h"

static void jstr(FILE *o, const char *s)
{
	putc('"', o);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", o); break;
		case '\\': fputs("\\\\", o); break;
		case '\n': fputs("\\n", o); break;
		case '\t': fputs("\\t", o); break;
		case '\r': fputs("\\r", o); break;
		default:
			if (*p < 0x20)
				fprintf(o, "\\u%04x", *p);
			else
				putc(*p, o);
		}
	}
	putc('"', o);
}

static void ju128(FILE *o, tl_u128 v)
{
	char buf[48];
	fprintf(o, "\"%s\"", tl_u128_str(v, buf));
}

static void fields(FILE *o, const tl_report_field *f, size_t n, const char *ind);

static void field(FILE *o, const tl_report_field *f, const char *ind)
{
	fprintf(o, "%s{\"name\": ", ind);
	jstr(o, f->name);
	fputs(", \"type\": ", o);
	jstr(o, f->type);
	fprintf(o, ", \"offset\": %" PRIu64 ", \"size\": %" PRIu64 ", \"align\": %" PRIu64,
		f->offset, f->size, f->align);
	if (f->is_bitfield)
		fprintf(o, ", \"bit_offset\": %" PRIu64 ", \"bit_width\": %u",
			f->bit_offset, f->bit_width);
	if (f->fields) {
		fputs(", \"fields\": ", o);
		fields(o, f->fields, f->nfields, "");
	}
	putc('}', o);
}

static void fields(FILE *o, const tl_report_field *f, size_t n, const char *ind)
{
	if (!n) {
		fputs("[]", o);
		return;
	}
	fputs("[\n", o);
	for (size_t i = 0; i < n; i++) {
		field(o, &f[i], ind);
		fputs(i + 1 < n ? ",\n" : "\n", o);
	}
	fprintf(o, "%s]", ind[0] ? ind + 2 : "");
}

static void variants(FILE *o, const tl_report_entry *e)
{
	fputs(",\n      \"variants\": [", o);
	for (size_t v = 0; v < e->nvariants; v++) {
		const tl_report_variant *rv = &e->variants[v];
		char buf[48];
		fputs(v ? ",\n        {\"name\": " : "\n        {\"name\": ", o);
		jstr(o, rv->name);
		fprintf(o, ", \"discriminant\": \"%s\", \"size\": %" PRIu64 ", \"fields\": ",
			tl_i128_str(rv->discriminant, buf), rv->size);
		fields(o, rv->fields, rv->nfields, "          ");
		putc('}', o);
	}
	fputs(e->nvariants ? "\n      ]" : "]", o);
}

static void tag(FILE *o, const tl_tag *t, const char *path)
{
	if (t->encoding == TL_TAG_NONE)
		return;
	fprintf(o, ",\n      \"tag\": {\"encoding\": \"%s\", \"offset\": %" PRIu64
		", \"size\": %u",
		t->encoding == TL_TAG_DIRECT ? "direct" : "niche", t->offset, t->size);
	if (t->encoding == TL_TAG_NICHE) {
		fputs(", \"niche_start\": ", o);
		ju128(o, t->niche_start);
		fprintf(o, ", \"variant_range\": [%u, %u], \"untagged_variant\": %u, \"field\": ",
			t->niche_first, t->niche_last, t->untagged);
		jstr(o, path);
	}
	fputs(", \"valid_start\": ", o);
	ju128(o, t->valid_start);
	fputs(", \"valid_end\": ", o);
	ju128(o, t->valid_end);
	putc('}', o);
}

static void niche(FILE *o, const tl_niche *n, const char *path)
{
	if (!n->present)
		return;
	fprintf(o, ",\n      \"niche\": {\"offset\": %" PRIu64 ", \"size\": %u, \"valid_start\": ",
		n->offset, n->size);
	ju128(o, n->start);
	fputs(", \"valid_end\": ", o);
	ju128(o, n->end);
	fputs(", \"available\": ", o);
	ju128(o, tl_niche_available(n));
	if (path[0]) {
		fputs(", \"field\": ", o);
		jstr(o, path);
	}
	putc('}', o);
}

static void location(FILE *o, const tl_ctx *ctx, tl_loc loc)
{
	const char *path = tl_file_path(ctx, loc.file);
	if (!path || path[0] == '<')
		return;
	fputs(",\n      \"location\": {\"file\": ", o);
	jstr(o, path);
	fprintf(o, ", \"line\": %u, \"column\": %u}", loc.line, loc.col);
}

static void entry(FILE *o, const tl_ctx *ctx, const tl_report_entry *e)
{
	fputs("    {\"name\": ", o);
	jstr(o, e->name);
	fputs(", \"target\": ", o);
	jstr(o, e->target->triple);
	fprintf(o, ", \"lang\": \"%s\", \"kind\": \"%s\", \"repr\": ",
		e->lang == TL_LANG_C ? "c" : "rust", e->kind);
	jstr(o, e->repr);
	if (!e->ok) {
		fputs(", \"error\": true}", o);
		return;
	}
	fprintf(o, ",\n      \"size\": %" PRIu64 ", \"align\": %" PRIu64
		", \"padding\": %" PRIu64, e->size, e->align, e->padding);
	if (e->nfields || !e->nvariants) {
		fputs(",\n      \"fields\": ", o);
		fields(o, e->fields, e->nfields, "        ");
	}
	if (e->nvariants)
		variants(o, e);
	tag(o, &e->tag, e->tag_path);
	niche(o, &e->niche, e->niche_path);
	if (e->explain.applies)
		fprintf(o, ",\n      \"naive_size\": %" PRIu64, e->explain.naive_size);
	if (e->budget)
		fprintf(o, ",\n      \"budget\": %" PRIu64, e->budget);
	location(o, ctx, e->loc);
	putc('}', o);
}

static const char *severity(tl_severity s)
{
	return s == TL_SEV_ERROR ? "error" : s == TL_SEV_WARNING ? "warning" : "note";
}

static void diagnostics(FILE *o, const tl_ctx *ctx)
{
	size_t n = tl_diag_count(ctx);
	fputs(",\n  \"diagnostics\": [", o);
	for (size_t i = 0; i < n; i++) {
		const tl_diag *d = tl_diag_get(ctx, i);
		const char *path = tl_file_path(ctx, d->loc.file);
		fprintf(o, "%s\n    {\"severity\": \"%s\", ", i ? "," : "", severity(d->severity));
		if (path) {
			fputs("\"file\": ", o);
			jstr(o, path);
			fprintf(o, ", \"line\": %u, \"column\": %u, ", d->loc.line, d->loc.col);
		}
		fputs("\"id\": ", o);
		jstr(o, d->id ? d->id : "");
		fputs(", \"message\": ", o);
		jstr(o, d->message);
		putc('}', o);
	}
	fputs(n ? "\n  ]" : "]", o);
}

tl_status tl_emit_json(const tl_report *r, const tl_emit_opts *opts, FILE *o)
{
	(void)opts;
	fprintf(o, "{\n  \"schema\": \"typelayout/1\",\n  \"tool\": {\"name\": \"typelayout\", \"version\": \"%s\"},\n  \"inputs\": [",
		TL_VERSION);
	for (size_t i = 0; i < r->ninputs; i++) {
		if (i)
			fputs(", ", o);
		jstr(o, r->inputs[i]);
	}
	fputs("],\n  \"targets\": [", o);
	for (size_t i = 0; i < r->ntargets; i++) {
		if (i)
			fputs(", ", o);
		jstr(o, r->targets[i]->triple);
	}
	fputs("],\n  \"types\": [", o);
	for (size_t i = 0; i < r->nentries; i++) {
		fputs(i ? ",\n" : "\n", o);
		entry(o, r->ctx, &r->entries[i]);
	}
	fputs(r->nentries ? "\n  ]" : "]", o);
	diagnostics(o, r->ctx);
	fputs("\n}\n", o);
	return ferror(o) ? TL_EIO : TL_OK;
}
