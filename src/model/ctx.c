#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "model/ctx_internal.h"
#include "util/block_pool.h"
#include "util/strbuf.h"

/* Definitions expected from which a pool of prepared blocks pays: the
 * model then takes a megabyte or more (tl_ctx_expect_defs). */
enum { POOL_DEFS = 1024 };

tl_status tl_ctx_new(tl_ctx **out)
{
	tl_ctx *ctx = calloc(1, sizeof(*ctx));
	*out = NULL;
	if (!ctx)
		return TL_ENOMEM;
	tl_arena_init(&ctx->arena);
	tl_arena_init(&ctx->syntax);
	tl_arena_init(&ctx->scratch);
	tl_strtab_init(&ctx->strings);
	tl_ptrmap_init(&ctx->impls);
	tl_ptrmap_init(&ctx->proj_reported);
	tl_ptrmap_init(&ctx->diag_seen);
	*out = ctx;
	return TL_OK;
}

void tl_ctx_free(tl_ctx *ctx)
{
	if (!ctx)
		return;
	for (size_t i = 0; i < ctx->files.len; i++) {
		free(ctx->files.items[i].line_starts);
		if (ctx->files.items[i].mapped)
			munmap(ctx->files.items[i].text, ctx->files.items[i].mapped);
	}
	TL_VEC_FREE(ctx->files);
	TL_VEC_FREE(ctx->diags);
	TL_VEC_FREE(ctx->types);
	TL_VEC_FREE(ctx->defs);
	TL_VEC_FREE(ctx->syntax_defs);
	TL_VEC_FREE(ctx->impl_defs);
	free(ctx->type_slots);
	free(ctx->fcache_keys);
	free(ctx->fcache_vals);
	for (size_t i = 0; i < ctx->nmemo; i++) {
		free(ctx->memo[i].items);
		free(ctx->memo[i].state);
	}
	tl_ptrmap_release(&ctx->impls);
	tl_ptrmap_release(&ctx->proj_reported);
	free(ctx->def_types);
	tl_ptrmap_release(&ctx->diag_seen);
	tl_strtab_release(&ctx->strings);
	tl_block_pool_free(ctx->pool);
	tl_arena_release(&ctx->syntax);
	tl_arena_release(&ctx->scratch);
	tl_arena_release(&ctx->arena);
	free(ctx);
}

void tl_ctx_set_jobs(tl_ctx *ctx, unsigned jobs)
{
	ctx->jobs = jobs;
}

bool tl_jobs_second_thread(unsigned jobs)
{
	if (jobs == 1)
		return false;
	return jobs >= 2 || sysconf(_SC_NPROCESSORS_ONLN) >= 2;
}

const char *tl_intern(tl_ctx *ctx, const char *s, size_t n)
{
	const char *r = tl_strtab_intern(&ctx->strings, &ctx->arena, s, n);
	if (!r)
		ctx->oom = true;
	return r;
}

const char *tl_intern_cstr(tl_ctx *ctx, const char *s)
{
	return tl_intern(ctx, s, strlen(s));
}

uint32_t tl_source_add(tl_ctx *ctx, const char *path, const char *text,
		       size_t len)
{
	tl_source src = {0};
	src.path = tl_arena_strdup(&ctx->arena, path);
	src.text = tl_arena_strndup(&ctx->arena, text ? text : "", text ? len : 0);
	src.len = text ? len : 0;
	if (!src.path || !src.text || !TL_VEC_PUSH(ctx->files, src)) {
		ctx->oom = true;
		return 0;
	}
	return (uint32_t)ctx->files.len;
}

uint32_t tl_source_add_arena(tl_ctx *ctx, const char *path, char *text,
			     size_t len)
{
	return tl_source_add_mapped(ctx, path, text, len, 0);
}

uint32_t tl_source_add_mapped(tl_ctx *ctx, const char *path, char *text,
			      size_t len, size_t mapped)
{
	tl_source src = {0};
	src.path = tl_arena_strdup(&ctx->arena, path);
	src.text = text;
	src.len = len;
	src.mapped = mapped;
	if (!src.path || !TL_VEC_PUSH(ctx->files, src)) {
		ctx->oom = true;
		return 0;
	}
	return (uint32_t)ctx->files.len;
}

const tl_source *tl_source_get(const tl_ctx *ctx, uint32_t file)
{
	if (file == 0 || file > ctx->files.len)
		return NULL;
	return &ctx->files.items[file - 1];
}

const char *tl_file_path(const tl_ctx *ctx, uint32_t file)
{
	const tl_source *s = tl_source_get(ctx, file);
	return s ? s->path : NULL;
}

static int index_lines(tl_source *s)
{
	uint32_t n = 1;
	for (size_t i = 0; i < s->len; i++)
		n += s->text[i] == '\n';
	s->line_starts = malloc(n * sizeof(uint32_t));
	if (!s->line_starts)
		return -1;
	uint32_t k = 0;
	s->line_starts[k++] = 0;
	for (size_t i = 0; i < s->len; i++)
		if (s->text[i] == '\n')
			s->line_starts[k++] = (uint32_t)(i + 1);
	s->nlines = n;
	return 0;
}

const char *tl_file_line(const tl_ctx *ctx, uint32_t file, uint32_t line,
			 size_t *len)
{
	tl_source *s = (tl_source *)tl_source_get(ctx, file);
	if (!s || line == 0)
		return NULL;
	if (!s->line_starts && index_lines(s) < 0)
		return NULL;
	if (line > s->nlines)
		return NULL;
	const char *start = s->text + s->line_starts[line - 1];
	const char *end = memchr(start, '\n', s->len - (size_t)(start - s->text));
	size_t n = end ? (size_t)(end - start) : s->len - (size_t)(start - s->text);
	if (n && start[n - 1] == '\r')
		n--;
	*len = n;
	return start;
}

tl_diag *tl_diag_add(tl_ctx *ctx, tl_severity sev, tl_loc loc, const char *id,
		     const char *fmt, ...)
{
	if (ctx->mute) {
		ctx->muted++;
		return NULL;
	}
	tl_strbuf sb = TL_STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	tl_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	/* the same problem found again (for the second target, or through a
	 * second use of a broken type) is reported once */
	size_t mark = sb.len;
	tl_strbuf_addf(&sb, "|%u:%u:%u|%s|%d", loc.file, loc.line, loc.col,
		       id ? id : "", (int)sev);
	const char *key = sb.oom ? NULL : tl_intern(ctx, sb.buf, sb.len);
	if (key && tl_ptrmap_get(&ctx->diag_seen, key)) {
		tl_strbuf_release(&sb);
		return NULL;
	}
	if (key)
		tl_ptrmap_put(&ctx->diag_seen, key, (void *)key);
	sb.buf[mark] = '\0';
	sb.len = mark;
	tl_diag d = {0};
	d.severity = sev;
	d.loc = loc;
	d.id = id;
	d.message = tl_arena_strdup(&ctx->arena, tl_strbuf_cstr(&sb));
	tl_strbuf_release(&sb);
	if (!d.message || !TL_VEC_PUSH(ctx->diags, d)) {
		ctx->oom = true;
		return NULL;
	}
	if (sev == TL_SEV_ERROR)
		ctx->nerrors++;
	return &ctx->diags.items[ctx->diags.len - 1];
}

void tl_diag_note(tl_ctx *ctx, tl_diag *d, tl_loc loc, const char *fmt, ...)
{
	if (!d)
		return;
	tl_strbuf sb = TL_STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	tl_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	tl_diag *notes = tl_arena_array(&ctx->arena, d->nnotes + 1, sizeof(*notes));
	const char *msg = tl_arena_strdup(&ctx->arena, tl_strbuf_cstr(&sb));
	tl_strbuf_release(&sb);
	if (!notes || !msg) {
		ctx->oom = true;
		return;
	}
	if (d->nnotes)
		memcpy(notes, d->notes, d->nnotes * sizeof(*notes));
	notes[d->nnotes].severity = TL_SEV_NOTE;
	notes[d->nnotes].loc = loc;
	notes[d->nnotes].id = d->id;
	notes[d->nnotes].message = msg;
	d->notes = notes;
	d->nnotes++;
}

void tl_ctx_expect_defs(tl_ctx *ctx, size_t ndefs)
{
	size_t n = ctx->defs.len + ndefs;
	/* a name and a term per definition and a few more, besides the
	 * prelude's: the tables are probed at random, so the smaller the
	 * better for the cache; they grow if this is short */
	(void)tl_strtab_reserve(&ctx->strings, ctx->strings.len + ndefs + ndefs / 4);
	/* the model takes a kilobyte or more per definition, its syntax a
	 * few hundred bytes */
	tl_arena_expect(&ctx->arena, ndefs * 1024);
	tl_arena_expect(&ctx->syntax, ndefs * 256);
	/* blocks ahead of need, faulted in on an idle core rather than by
	 * the thread that fills them (block_pool.h) */
	if (!ctx->pool && ndefs >= POOL_DEFS && tl_jobs_second_thread(ctx->jobs)) {
		ctx->pool = tl_block_pool_new(TL_ARENA_BLOCK); /* NULL: none */
		tl_arena_use_pool(&ctx->arena, ctx->pool);
		tl_arena_use_pool(&ctx->syntax, ctx->pool);
	}
	(void)tl_type__reserve(ctx, ctx->types.len + ndefs + ndefs / 4, n);
	(void)tl_grow((void **)&ctx->defs.items, &ctx->defs.cap, n,
		      sizeof(*ctx->defs.items));
}

size_t tl_diag_count(const tl_ctx *ctx)
{
	return ctx->diags.len;
}

const tl_diag *tl_diag_get(const tl_ctx *ctx, size_t index)
{
	return index < ctx->diags.len ? &ctx->diags.items[index] : NULL;
}

size_t tl_error_count(const tl_ctx *ctx)
{
	return ctx->nerrors;
}

static const char *last_segment(const char *name)
{
	const char *p = strrchr(name, ':');
	return p ? p + 1 : name;
}

/* A Rust primitive's name: a user type so named stands for it in YAML. */
static bool rust_prim_named(const char *name)
{
	if (!strchr("biucfs", name[0]) || strlen(name) > 5)
		return false;
	if (!strcmp(name, "str"))
		return true;
	for (int p = TL_PRIM_BOOL; p < TL_PRIM_C_BOOL; p++)
		if (!strcmp(tl_prim_name((tl_prim)p), name))
			return true;
	return false;
}

int tl_def_add_keyed(tl_ctx *ctx, tl_def *def, const char *key)
{
	def->index = (uint32_t)ctx->defs.len;
	/* a second user definition of a name (or one named like a
	 * primitive) may change what a YAML field found early names */
	if (!def->builtin && !def->impl_for && key && !ctx->spec_invalid) {
		ctx->spec_invalid = rust_prim_named(key);
		for (const tl_def_list *l = tl_def_lookup(ctx, key);
		     l && !ctx->spec_invalid; l = l->next)
			ctx->spec_invalid = !l->def->builtin;
	}
	if (!TL_VEC_PUSH(ctx->defs, def))
		goto oom;
	tl_def_list *node = tl_arena_alloc(&ctx->arena, sizeof(*node));
	if (!key || !node)
		goto oom;
	node->def = def;
	if (def->impl_for) {
		/* an impl's associated type is found by its name in `impls`
		 * only */
		node->next = tl_ptrmap_get(&ctx->impls, def->impl_assoc);
		if (tl_ptrmap_put(&ctx->impls, def->impl_assoc, node) < 0 ||
		    !TL_VEC_PUSH(ctx->impl_defs, def->index))
			goto oom;
		return 0;
	}
	assert(tl_strtab_find(&ctx->strings, key, strlen(key)) == key);
	void **by_name = tl_strtab_note(key, TL_NOTE_DEFS);
	node->next = *by_name;
	*by_name = node;
	return 0;
oom:
	ctx->oom = true;
	return -1;
}

int tl_def_add(tl_ctx *ctx, tl_def *def)
{
	const char *key = tl_intern_cstr(ctx, last_segment(def->name));
	if (!key) {
		ctx->oom = true;
		return -1;
	}
	return tl_def_add_keyed(ctx, def, key);
}

const tl_def_list *tl_def_lookup(const tl_ctx *ctx, const char *name)
{
	/* the definitions so named hang off the interned name */
	(void)ctx;
	assert(tl_strtab_find(&ctx->strings, name, strlen(name)) == name);
	return *tl_strtab_note(name, TL_NOTE_DEFS);
}

size_t tl_def_count(const tl_ctx *ctx)
{
	return ctx->defs.len;
}

const tl_def *tl_def_get(const tl_ctx *ctx, size_t index)
{
	return index < ctx->defs.len ? ctx->defs.items[index] : NULL;
}

size_t tl_find_types(tl_ctx *ctx, const char *name, tl_type_id *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < ctx->defs.len && n < max; i++) {
		const tl_def *d = ctx->defs.items[i];
		if (d->nparams || d->kind == TL_DEF_ALIAS || d->builtin)
			continue;
		if (!strcmp(d->name, name) || (d->path && !strcmp(d->path, name)))
			out[n++] = tl_def_type(ctx, d);
	}
	return n;
}
