/*
 * JSON, schema "typelayout/1" (shared/spec/json-output.md). Written as a
 * stream through a buffered writer, keys in the order the contract lists
 * them, one type entry per line (grep- and jq-friendly, and small for a
 * million types). Numbers that can exceed 2^53 are decimal strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit/outbuf.h"
#include "model/ctx_internal.h"
#include "typelayout/emit.h"

static void key_u64(tl_outbuf *o, const char *key, uint64_t v)
{
	tl_out_str(o, key);
	tl_out_u64(o, v);
}

static void key_big(tl_outbuf *o, const char *key, tl_u128 v)
{
	tl_out_str(o, key);
	tl_out_char(o, '"');
	tl_out_u128(o, v);
	tl_out_char(o, '"');
}

static void fields(tl_outbuf *o, const tl_report_field *f, size_t n)
{
	tl_out_char(o, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			tl_out_char(o, ',');
		tl_out_lit(o, "{\"name\":");
		tl_out_jstr(o, f[i].name);
		tl_out_lit(o, ",\"type\":");
		tl_out_jstr(o, f[i].type);
		key_u64(o, ",\"offset\":", f[i].offset);
		key_u64(o, ",\"size\":", f[i].size);
		key_u64(o, ",\"align\":", f[i].align);
		if (f[i].is_bitfield) {
			key_u64(o, ",\"bit_offset\":", f[i].bit_offset);
			key_u64(o, ",\"bit_width\":", f[i].bit_width);
		}
		if (f[i].fields) {
			tl_out_lit(o, ",\"fields\":");
			fields(o, f[i].fields, f[i].nfields);
		}
		tl_out_char(o, '}');
	}
	tl_out_char(o, ']');
}

static void variants(tl_outbuf *o, const tl_report_entry *e)
{
	tl_out_lit(o, ",\"variants\":[");
	for (size_t v = 0; v < e->nvariants; v++) {
		const tl_report_variant *rv = &e->variants[v];
		if (v)
			tl_out_char(o, ',');
		tl_out_lit(o, "{\"name\":");
		tl_out_jstr(o, rv->name);
		tl_out_lit(o, ",\"discriminant\":\"");
		tl_out_i128(o, rv->discriminant);
		key_u64(o, "\",\"size\":", rv->size);
		tl_out_lit(o, ",\"fields\":");
		fields(o, rv->fields, rv->nfields);
		tl_out_char(o, '}');
	}
	tl_out_char(o, ']');
}

static void tag(tl_outbuf *o, const tl_tag *t, const char *path)
{
	if (t->encoding == TL_TAG_NONE)
		return;
	tl_out_str(o, t->encoding == TL_TAG_DIRECT ?
		   ",\"tag\":{\"encoding\":\"direct\"" : ",\"tag\":{\"encoding\":\"niche\"");
	key_u64(o, ",\"offset\":", t->offset);
	key_u64(o, ",\"size\":", t->size);
	if (t->encoding == TL_TAG_NICHE) {
		key_big(o, ",\"niche_start\":", t->niche_start);
		key_u64(o, ",\"variant_range\":[", t->niche_first);
		key_u64(o, ",", t->niche_last);
		key_u64(o, "],\"untagged_variant\":", t->untagged);
		tl_out_lit(o, ",\"field\":");
		tl_out_jstr(o, path);
	}
	key_big(o, ",\"valid_start\":", t->valid_start);
	key_big(o, ",\"valid_end\":", t->valid_end);
	tl_out_char(o, '}');
}

static void niche(tl_outbuf *o, const tl_niche *n, const char *path)
{
	if (!n->present)
		return;
	key_u64(o, ",\"niche\":{\"offset\":", n->offset);
	key_u64(o, ",\"size\":", n->size);
	key_big(o, ",\"valid_start\":", n->start);
	key_big(o, ",\"valid_end\":", n->end);
	key_big(o, ",\"available\":", tl_niche_available(n));
	if (path[0]) {
		tl_out_lit(o, ",\"field\":");
		tl_out_jstr(o, path);
	}
	tl_out_char(o, '}');
}

/* Where the type comes from: its path and the location of its definition
 * (also for an entry whose layout failed). The file's path, the same for
 * entry after entry, is escaped once (`files`: the context's paths stay
 * put while the report is written). */
static void origin(tl_outbuf *o, const tl_report_entry *e, tl_jstr_cache *files)
{
	if (e->path) {
		tl_out_lit(o, ",\"path\":");
		tl_out_jstr(o, e->path);
	}
	const char *path = e->file;
	if (path && path[0] != '<') {
		tl_out_lit(o, ",\"location\":{\"file\":");
		tl_out_jstr_cached(o, path, files);
		key_u64(o, ",\"line\":", e->loc.line);
		key_u64(o, ",\"column\":", e->loc.col);
		tl_out_char(o, '}');
	}
}

/* Where an entry's text sits in the buffer, so an entry that differs only
 * by its target can be copied from it (valid while `flushes` is). */
typedef struct entry_text {
	size_t start, target, after_target, end;
	size_t flushes;
} entry_text;

static void entry(tl_outbuf *o, const tl_report_entry *e, entry_text *at,
		  tl_jstr_cache *files)
{
	size_t start = o->n, flushes = o->flushes;
	if (at)
		at->flushes = (size_t)-1; /* not (yet) copyable */
	tl_out_lit(o, "{\"name\":");
	tl_out_jstr(o, e->name);
	tl_out_lit(o, ",\"target\":");
	size_t target = o->n;
	tl_out_jstr(o, e->target->triple);
	size_t after_target = o->n;
	tl_out_str(o, e->lang == TL_LANG_C ? ",\"lang\":\"c\",\"kind\":\"" :
		   ",\"lang\":\"rust\",\"kind\":\"");
	tl_out_str(o, e->kind);
	tl_out_lit(o, "\",\"repr\":");
	tl_out_jstr(o, e->repr);
	if (!e->ok) {
		tl_out_lit(o, ",\"error\":true");
		origin(o, e, files);
		tl_out_char(o, '}');
		return;
	}
	key_u64(o, ",\"size\":", e->size);
	key_u64(o, ",\"align\":", e->align);
	key_u64(o, ",\"padding\":", e->padding);
	if (e->nfields || !e->nvariants) {
		tl_out_lit(o, ",\"fields\":");
		fields(o, e->fields, e->nfields);
	}
	if (e->nvariants)
		variants(o, e);
	tag(o, &e->tag, e->tag_path);
	niche(o, &e->niche, e->niche_path);
	if (e->explain.applies)
		key_u64(o, ",\"naive_size\":", e->explain.naive_size);
	if (e->budget)
		key_u64(o, ",\"budget\":", e->budget);
	origin(o, e, files);
	tl_out_char(o, '}');
	if (at) {
		at->start = start;
		at->target = target;
		at->after_target = after_target;
		at->end = o->n;
		at->flushes = o->flushes == flushes ? flushes : (size_t)-1;
	}
}

/* Writes a copy of the entry at `src` with the target `triple`; false
 * (nothing written) when that text is no longer in the buffer or the
 * copy does not fit without a flush. */
static bool repeat_entry(tl_outbuf *o, const entry_text *src,
			 const char *triple)
{
	size_t head = src->target - src->start;
	size_t tail = src->end - src->after_target;
	if (src->flushes != o->flushes ||
	    o->n + head + tail + 2 + 6 * strlen(triple) > sizeof(o->buf))
		return false;
	memcpy(o->buf + o->n, o->buf + src->start, head);
	o->n += head;
	tl_out_jstr(o, triple);
	memcpy(o->buf + o->n, o->buf + src->after_target, tail);
	o->n += tail;
	return true;
}

static void diagnostics(tl_outbuf *o, const tl_ctx *ctx)
{
	static const char *const sev[] = {"note", "warning", "error"};
	size_t n = tl_diag_count(ctx);
	tl_out_lit(o, ",\n  \"diagnostics\": [");
	for (size_t i = 0; i < n; i++) {
		const tl_diag *d = tl_diag_get(ctx, i);
		const char *path = tl_file_path(ctx, d->loc.file);
		tl_out_str(o, i ? ",\n    {\"severity\":\"" : "\n    {\"severity\":\"");
		tl_out_str(o, sev[d->severity]);
		tl_out_char(o, '"');
		if (path) {
			tl_out_lit(o, ",\"file\":");
			tl_out_jstr(o, path);
			key_u64(o, ",\"line\":", d->loc.line);
			key_u64(o, ",\"column\":", d->loc.col);
		}
		tl_out_lit(o, ",\"id\":");
		tl_out_jstr(o, d->id ? d->id : "");
		tl_out_lit(o, ",\"message\":");
		tl_out_jstr(o, d->message);
		tl_out_char(o, '}');
	}
	tl_out_str(o, n ? "\n  ]" : "]");
}

static void json_begin(tl_outbuf *o, const char *const *inputs, size_t ninputs,
		       const tl_target *const *targets, size_t ntargets)
{
	tl_out_lit(o, "{\n  \"schema\": \"typelayout/1\",\n"
		      "  \"tool\": {\"name\": \"typelayout\", \"version\": \"" TL_VERSION "\"},\n"
		      "  \"inputs\": [");
	for (size_t i = 0; i < ninputs; i++) {
		if (i)
			tl_out_lit(o, ", ");
		tl_out_jstr(o, inputs[i]);
	}
	tl_out_lit(o, "],\n  \"targets\": [");
	for (size_t i = 0; i < ntargets; i++) {
		if (i)
			tl_out_lit(o, ", ");
		tl_out_jstr(o, targets[i]->triple);
	}
	tl_out_lit(o, "],\n  \"types\": [");
}

static tl_outbuf *json_open(FILE *f)
{
	tl_outbuf *o = malloc(sizeof(*o));
	if (!o)
		return NULL;
	o->f = f;
	o->n = 0;
	o->flushes = 0;
	o->error = false;
	return o;
}

static tl_status json_close(tl_outbuf *o, const tl_ctx *ctx, size_t nentries)
{
	tl_out_str(o, nentries ? "\n  ]" : "]");
	diagnostics(o, ctx);
	tl_out_lit(o, "\n}\n");
	tl_outbuf_flush(o);
	bool err = o->error || ferror(o->f);
	free(o);
	return err ? TL_EIO : TL_OK;
}

tl_status tl_emit_json(const tl_report *r, const tl_emit_opts *opts, FILE *f)
{
	(void)opts;
	tl_outbuf *o = json_open(f);
	if (!o)
		return TL_ENOMEM;
	json_begin(o, r->inputs, r->ninputs, r->targets, r->ntargets);
	tl_jstr_cache files = {0};
	for (size_t i = 0; i < r->nentries; i++) {
		tl_out_str(o, i ? ",\n    " : "\n    ");
		entry(o, &r->entries[i], NULL, &files);
	}
	return json_close(o, r->ctx, r->nentries);
}

/* The stream's state; stream_type may run on the report's thread, so it
 * uses nothing else (not the context). On the heap, not on the calling
 * thread's stack: that thread's own hot data must not share a cache line
 * with a count the other thread writes for every entry. */
typedef struct json_stream {
	tl_outbuf *o;
	size_t nentries;
	tl_jstr_cache files;
} json_stream;

static tl_status stream_type(const tl_report_entry *e, size_t n, void *user)
{
	json_stream *js = user;
	enum { MAX_TEXTS = 8 };
	entry_text at[MAX_TEXTS];
	for (size_t i = 0; i < n; i++) {
		tl_out_str(js->o, js->nentries++ ? ",\n    " : "\n    ");
		size_t j = e[i].same_as - 1;
		if (e[i].same_as && j < i && j < MAX_TEXTS &&
		    repeat_entry(js->o, &at[j], e[i].target->triple))
			continue;
		entry(js->o, &e[i], i < MAX_TEXTS ? &at[i] : NULL, &js->files);
	}
	return js->o->error ? TL_EIO : TL_OK;
}

tl_status tl_emit_json_stream(tl_ctx *ctx, const tl_report_request *req,
			      const tl_emit_opts *opts, FILE *f)
{
	(void)opts;
	json_stream *js = malloc(sizeof(*js));
	if (!js)
		return TL_ENOMEM;
	js->o = json_open(f);
	js->nentries = 0;
	js->files.s = NULL;
	if (!js->o) {
		free(js);
		return TL_ENOMEM;
	}
	json_begin(js->o, req->inputs, req->ninputs, req->targets, req->ntargets);
	tl_status st = tl_report_each(ctx, req, stream_type, js);
	tl_status cst = json_close(js->o, ctx, js->nentries);
	free(js);
	return st ? st : cst;
}
