/*
 * Terminal output: the summary table (one row per type) and the
 * field-by-field "show" view (pahole's struct view, for every target).
 * Targets are merged when they agree, side by side when they differ.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/ctx_internal.h"
#include "typelayout/emit.h"
#include "util/strbuf.h"
#include "util/u128.h"

static const char *short_target(const tl_target *t)
{
	static const char *const names[] = {"x86_64", "aarch64"};
	for (size_t i = 0; i < tl_target_builtin_count() && i < 2; i++)
		if (tl_target_builtin(i) == t)
			return names[i];
	return t->triple;
}

/* "24" when every target agrees, "16/24" otherwise. */
static void per_target(tl_strbuf *sb, const tl_report_entry *row, size_t n,
		       size_t member)
{
	uint64_t first = *(const uint64_t *)((const char *)&row[0] + member);
	bool same = true;
	for (size_t k = 1; k < n; k++)
		if (*(const uint64_t *)((const char *)&row[k] + member) != first)
			same = false;
	for (size_t k = 0; k < (same ? 1 : n); k++) {
		if (k)
			tl_strbuf_putc(sb, '/');
		tl_strbuf_add_u64(sb, *(const uint64_t *)((const char *)&row[k] + member));
	}
}

static void notes(tl_strbuf *sb, const tl_report_entry *e)
{
	if (!e->ok) {
		tl_strbuf_puts(sb, "error (see diagnostics)");
		return;
	}
	if (e->tag.encoding == TL_TAG_DIRECT)
		tl_strbuf_addf(sb, "tag %u byte%s", e->tag.size, e->tag.size == 1 ? "" : "s");
	else if (e->tag.encoding == TL_TAG_NICHE)
		tl_strbuf_addf(sb, "niche-encoded (tag in variant %s)",
			       e->variants[e->tag.untagged].name);
	if (e->explain.applies)
		tl_strbuf_addf(sb, "%snaive tag+largest variant: %" PRIu64,
			       sb->len ? "; " : "", e->explain.naive_size);
	if (e->budget && e->size > e->budget)
		tl_strbuf_addf(sb, "%sover budget %" PRIu64, sb->len ? "; " : "",
			       e->budget);
}

tl_status tl_emit_table(const tl_report *r, const tl_emit_opts *o, FILE *out)
{
	(void)o;
	size_t nt = r->ntargets ? r->ntargets : 1;
	size_t width = 4;
	for (size_t i = 0; i < r->nentries;) {
		const tl_report_entry *row = &r->entries[i];
		size_t n = 1, w = strlen(row->name);
		while (n < nt && i + n < r->nentries && row[n].type == row[0].type)
			n++;
		for (size_t k = 0; n < nt && k < n; k++) /* " [x86_64]" */
			w += 2 + strlen(short_target(row[k].target));
		if (w > width)
			width = w;
		i += n;
	}
	if (width > 48)
		width = 48;
	fputs("targets:", out);
	for (size_t k = 0; k < r->ntargets; k++)
		fprintf(out, " %s%s", r->targets[k]->triple,
			k + 1 < r->ntargets ? "," : "");
	fprintf(out, "\n%-*s  %9s  %7s  %7s  %s\n", (int)width, "type", "size",
		"align", "padding", "notes");
	tl_strbuf sb = TL_STRBUF_INIT;
	for (size_t i = 0; i < r->nentries;) {
		const tl_report_entry *row = &r->entries[i];
		size_t n = 1;
		while (n < nt && i + n < r->nentries && row[n].type == row[0].type)
			n++;
		bool ok = true;
		for (size_t k = 0; k < n; k++)
			ok = ok && row[k].ok;
		if (n < nt) {
			/* defined for some targets only (a C record or a Rust
			 * item whose #[cfg] differs): say which */
			tl_strbuf_reset(&sb);
			tl_strbuf_puts(&sb, row->name);
			for (size_t k = 0; k < n; k++)
				tl_strbuf_addf(&sb, "%s%s", k ? "," : " [",
					       short_target(row[k].target));
			tl_strbuf_putc(&sb, ']');
			fprintf(out, "%-*s", (int)width, tl_strbuf_cstr(&sb));
		} else {
			fprintf(out, "%-*s", (int)width, row->name);
		}
		if (!ok) {
			fprintf(out, "  %9s  %7s  %7s  error (see diagnostics)\n", "-", "-", "-");
			i += n;
			continue;
		}
		const size_t cols[3] = {offsetof(tl_report_entry, size),
					offsetof(tl_report_entry, align),
					offsetof(tl_report_entry, padding)};
		const int w[3] = {9, 7, 7};
		for (int c = 0; c < 3; c++) {
			tl_strbuf_reset(&sb);
			per_target(&sb, row, n, cols[c]);
			fprintf(out, "  %*s", w[c], tl_strbuf_cstr(&sb));
		}
		tl_strbuf_reset(&sb);
		notes(&sb, row);
		fprintf(out, "  %s\n", tl_strbuf_cstr(&sb));
		i += n;
	}
	if (nt > 1)
		fputs("(a/b: values per target, in the order listed)\n", out);
	bool oom = sb.oom;
	tl_strbuf_release(&sb);
	return oom ? TL_ENOMEM : ferror(out) ? TL_EIO : TL_OK;
}

/* ---- show ---- */

static void field_line(tl_strbuf *sb, const tl_report_field *f, const char *prefix)
{
	if (f->is_bitfield)
		tl_strbuf_addf(sb, "    %6" PRIu64 ":%-2" PRIu64 " %5s  %5s  %s%s: %s : %u\n",
			       f->bit_offset / 8, f->bit_offset % 8, "", "", prefix,
			       f->name, f->type, f->bit_width);
	else
		tl_strbuf_addf(sb, "    %9" PRIu64 " %5" PRIu64 "  %5" PRIu64 "  %s%s: %s\n",
			       f->offset, f->size, f->align, prefix,
			       f->name[0] ? f->name : "(anonymous)", f->type);
}

static int cmp_offset(const void *a, const void *b)
{
	const tl_report_field *x = *(const tl_report_field *const *)a;
	const tl_report_field *y = *(const tl_report_field *const *)b;
	uint64_t bx = x->is_bitfield ? x->bit_offset : x->offset * 8;
	uint64_t by = y->is_bitfield ? y->bit_offset : y->offset * 8;
	if (bx != by)
		return bx < by ? -1 : 1;
	return x < y ? -1 : 1;
}

static void hole_line(tl_strbuf *sb, const tl_hole *h)
{
	if (h->bit_offset % 8 == 0 && h->bits % 8 == 0)
		tl_strbuf_addf(sb, "    %9" PRIu64 " %5" PRIu64 "         /* %s: %" PRIu64
			       " byte%s */\n", h->bit_offset / 8, h->bits / 8,
			       h->tail ? "padding" : "hole", h->bits / 8,
			       h->bits == 8 ? "" : "s");
	else
		tl_strbuf_addf(sb, "    %6" PRIu64 ":%-2" PRIu64 "               /* %s: %" PRIu64
			       " bit%s */\n", h->bit_offset / 8, h->bit_offset % 8,
			       h->tail ? "padding" : "hole", h->bits, h->bits == 1 ? "" : "s");
}

/* Fields in memory order with the holes between them. */
static void field_table(tl_strbuf *sb, const tl_report_field *fs, size_t n,
			const tl_holes *holes)
{
	const tl_report_field **sorted = malloc((n ? n : 1) * sizeof(*sorted));
	if (!sorted) {
		sb->oom = true;
		return;
	}
	for (size_t i = 0; i < n; i++)
		sorted[i] = &fs[i];
	qsort(sorted, n, sizeof(*sorted), cmp_offset);
	tl_strbuf_puts(sb, "       offset  size  align  field\n");
	size_t h = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t at = sorted[i]->is_bitfield ? sorted[i]->bit_offset :
			sorted[i]->offset * 8;
		while (holes && h < holes->len && holes->items[h].bit_offset < at)
			hole_line(sb, &holes->items[h++]);
		field_line(sb, sorted[i], "");
		for (size_t k = 0; k < sorted[i]->nfields; k++)
			field_line(sb, &sorted[i]->fields[k], "  .");
	}
	while (holes && h < holes->len)
		hole_line(sb, &holes->items[h++]);
	free(sorted);
}

static void explain_enum(tl_strbuf *sb, const tl_report_entry *e)
{
	char a[48], b[48];
	const tl_tag *t = &e->tag;
	if (t->encoding == TL_TAG_DIRECT) {
		tl_strbuf_addf(sb, "  tag: %u byte%s at offset %" PRIu64
			       ", valid %s..=%s\n", t->size, t->size == 1 ? "" : "s",
			       t->offset, tl_u128_str(t->valid_start, a),
			       tl_u128_str(t->valid_end, b));
	} else if (t->encoding == TL_TAG_NICHE) {
		const tl_report_variant *u = &e->variants[t->untagged];
		tl_strbuf_addf(sb, "  tag: no separate tag; stored in invalid values of %s"
			       " (%u bytes at offset %" PRIu64 ") of variant %s\n",
			       e->tag_path, t->size, t->offset, u->name);
		for (uint32_t v = t->niche_first; v <= t->niche_last; v++) {
			if (v == t->untagged || e->variants[v].absent)
				continue;
			tl_u128 val = t->niche_start + (tl_u128)(v - t->niche_first);
			if (t->size < 16)
				val &= (((tl_u128)1 << (8 * t->size)) - 1);
			tl_strbuf_addf(sb, "    %s is stored as %s there\n",
				       e->variants[v].name, tl_u128_str(val, a));
		}
	}
	for (size_t v = 0; v < e->nvariants; v++) {
		const tl_report_variant *rv = &e->variants[v];
		tl_strbuf_addf(sb, "  variant %s = %s: %s%" PRIu64 " bytes\n", rv->name,
			       tl_i128_str(rv->discriminant, a),
			       rv->absent ? "absent (uninhabited), " :
			       rv->uninhabited ? "uninhabited, " : "", rv->size);
		if (rv->nfields)
			field_table(sb, rv->fields, rv->nfields, NULL);
	}
	if (e->explain.applies) {
		tl_strbuf_addf(sb, "  note: the naive model (a tag padded to the payload's alignment"
			       " + the largest variant, %" PRIu64 " bytes) gives %" PRIu64
			       " bytes; rustc uses %" PRIu64 ":\n", e->explain.largest_payload,
			       e->explain.naive_size, e->size);
		if (t->encoding == TL_TAG_NICHE)
			tl_strbuf_addf(sb, "    the discriminant lives in invalid values of variant %s's"
				       " data, and the other variants fit before or after that niche\n",
				       e->variants[t->untagged].name);
		else if (t->encoding == TL_TAG_DIRECT)
			tl_strbuf_puts(sb, "    small fields share the tag's word: each variant's fields"
				       " are sorted smallest first behind the tag\n");
	}
}

static void entry_block(tl_strbuf *sb, const tl_report_entry *e)
{
	char a[48], b[48], c[48];
	tl_strbuf_addf(sb, "  %s, repr(%s): size %" PRIu64 ", align %" PRIu64
		       ", padding %" PRIu64 "\n", e->kind, e->repr, e->size, e->align,
		       e->padding);
	if (e->nvariants || e->tag.encoding != TL_TAG_NONE)
		explain_enum(sb, e);
	else if (e->nfields)
		field_table(sb, e->fields, e->nfields, &e->holes);
	if (e->niche.present)
		tl_strbuf_addf(sb, "  niche: %s%s%u byte%s at offset %" PRIu64 ", valid %s..=%s, %s"
			       " spare value%s\n", e->niche_path, e->niche_path[0] ? ", " : "",
			       e->niche.size, e->niche.size == 1 ? "" : "s",
			       e->niche.offset, tl_u128_str(e->niche.start, a),
			       tl_u128_str(e->niche.end, b),
			       tl_u128_str(tl_niche_available(&e->niche), c),
			       tl_niche_available(&e->niche) == 1 ? "" : "s");
	else if (e->lang == TL_LANG_RUST)
		tl_strbuf_puts(sb, "  niche: none (Option<_> needs its own tag)\n");
	if (e->budget)
		tl_strbuf_addf(sb, "  budget: %" PRIu64 " bytes (%s)\n", e->budget,
			       e->size > e->budget ? "exceeded" : "ok");
}

tl_status tl_emit_show(const tl_report *r, const tl_emit_opts *o, FILE *out)
{
	(void)o;
	size_t nt = r->ntargets ? r->ntargets : 1;
	tl_strbuf blocks[8];
	for (size_t i = 0; i < r->nentries;) {
		const tl_report_entry *row = &r->entries[i];
		size_t n = 1;
		while (n < nt && n < 8 && i + n < r->nentries && row[n].type == row[0].type)
			n++;
		bool same = true;
		for (size_t k = 0; k < n; k++) {
			tl_strbuf_init(&blocks[k]);
			if (row[k].ok)
				entry_block(&blocks[k], &row[k]);
			else
				tl_strbuf_puts(&blocks[k], "  error: no layout (see diagnostics)\n");
			if (k && strcmp(tl_strbuf_cstr(&blocks[k]), tl_strbuf_cstr(&blocks[0])))
				same = false;
		}
		const char *path = tl_file_path(r->ctx, row->loc.file);
		for (size_t k = 0; k < (same ? 1 : n); k++) {
			fprintf(out, "%s  [", row->name);
			for (size_t j = 0; j < n; j++)
				if (same || j == k)
					fprintf(out, "%s%s", (same && j) ? ", " : "",
						short_target(row[j].target));
			fputc(']', out);
			if (path && path[0] != '<')
				fprintf(out, "  %s:%u:%u", path, row->loc.line, row->loc.col);
			fprintf(out, "\n%s\n", tl_strbuf_cstr(&blocks[k]));
		}
		for (size_t k = 0; k < n; k++)
			tl_strbuf_release(&blocks[k]);
		i += n;
	}
	return ferror(out) ? TL_EIO : TL_OK;
}
