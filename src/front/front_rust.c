/*
 * The `.rs` front end's driver (see front_rust.h): which files make a
 * crate, reading them, loading `mod name;` files the way rustc finds them
 * (Rust Reference, "Modules": name.rs or name/mod.rs, and #[path]), and
 * handing the parsed crate to emission.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "front/front_rust_int.h"

void rs_error(rs_load *ld, tl_loc loc, const char *id, const char *fmt, ...)
{
	if (ld->p.failed)
		return;
	ld->p.failed = true;
	tl_strbuf sb = TL_STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	tl_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	tl_error(ld->ctx, loc, id, "%s", tl_strbuf_cstr(&sb));
	tl_strbuf_release(&sb);
}

void *rs_oom(rs_load *ld)
{
	ld->ctx->oom = true;
	ld->p.failed = true;
	return NULL;
}

bool rs_is(const rs_load *ld, uint32_t punct)
{
	return ld->p.cur.kind == TL_TOK_PUNCT && ld->p.cur.punct == punct;
}

bool tl_front_rust_owns(const tl_def *def)
{
	const rs_item *it = def ? def->front : NULL;
	return def && def->lang == TL_LANG_RUST && it && it->magic == RS_ITEM_MAGIC;
}

static bool is_regular(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether the file at `path` is already a source of the context. */
static bool already_loaded(tl_ctx *ctx, const char *path)
{
	char *want = realpath(path, NULL);
	bool found = false;
	for (size_t i = 0; want && !found && i < ctx->files.len; i++) {
		char *have = realpath(ctx->files.items[i].path, NULL);
		found = have && !strcmp(have, want);
		free(have);
	}
	free(want);
	return found;
}

/* Reads `path` into the context's sources; 0 (an error recorded) if it
 * cannot be read. */
static uint32_t read_source(tl_ctx *ctx, const char *path, tl_loc from)
{
	FILE *f = fopen(path, "rb");
	tl_strbuf sb = TL_STRBUF_INIT;
	char buf[65536];
	size_t n;
	if (!f) {
		tl_error(ctx, from, ID_RS_IO, "cannot read '%s': %s", path,
			 strerror(errno));
		return 0;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		tl_strbuf_add(&sb, buf, n);
	bool bad = ferror(f) != 0;
	fclose(f);
	uint32_t id = 0;
	if (bad)
		tl_error(ctx, from, ID_RS_IO, "cannot read '%s'", path);
	else if (sb.oom)
		ctx->oom = true;
	else
		id = tl_source_add(ctx, path, sb.buf ? sb.buf : "", sb.len);
	tl_strbuf_release(&sb);
	return id;
}

void rs_parser_restore(rs_load *ld, const tl_rparse *saved)
{
	tl_rparse p = *saved;
	p.tys = ld->p.tys;
	p.gargs = ld->p.gargs;
	p.segs = ld->p.segs;
	p.fields = ld->p.fields;
	p.gparams = ld->p.gparams;
	p.sb = ld->p.sb;
	ld->p = p;
}

/* Parses source `file` as the body of module `mod`. The parser's state is
 * saved around it: a module file is read in the middle of its parent (or
 * of a macro expansion there). */
static void parse_source(rs_load *ld, rs_module *mod, uint32_t file)
{
	const tl_source *src = tl_source_get(ld->ctx, file);
	tl_rparse saved = ld->p;
	rs_replay *saved_replay = ld->replay;
	uint32_t saved_file = ld->file;
	const char *saved_text = ld->text;
	size_t saved_len = ld->len, skip = 0;
	tl_loc start = {file, 1, 1};
	/* a UTF-8 byte order mark, then a `#!` line that is not `#![` */
	if (src->len >= 3 && !memcmp(src->text, "\xEF\xBB\xBF", 3)) {
		skip = 3;
		start.col = 4;
	}
	if (src->len >= skip + 2 && !memcmp(src->text + skip, "#!", 2) &&
	    src->text[skip + 2] != '[') {
		const char *nl = memchr(src->text, '\n', src->len);
		skip = nl ? (size_t)(nl - src->text) : src->len;
		start = (tl_loc){file, 1, (uint32_t)skip + 1};
	}
	ld->file = file;
	ld->text = src->text;
	ld->len = src->len;
	ld->replay = NULL;
	tl_rparse_begin(&ld->p, src->text + skip, src->len - skip, start, false);
	rs_attrs inner;
	rs_attrs_init(&inner);
	if (rs_inner_attrs(ld, &inner))
		mod->mask &= rs_cfg_eval(&ld->cfgs, inner.cfg);
	if (!mod->parent && inner.recursion_limit)
		ld->mlimit = inner.recursion_limit;
	rs_attrs_release(&inner);
	ld->p.failed = false; /* a bad inner attribute: go on with the items */
	rs_items(ld, mod, false);
	rs_parser_restore(ld, &saved);
	ld->replay = saved_replay;
	ld->file = saved_file;
	ld->text = saved_text;
	ld->len = saved_len;
}

static char *join(const char *dir, const char *name)
{
	tl_strbuf sb = TL_STRBUF_INIT;
	if (name[0] == '/' || !dir || !dir[0])
		tl_strbuf_puts(&sb, name);
	else
		tl_strbuf_addf(&sb, "%s/%s", dir, name);
	char *s = sb.oom ? NULL : strdup(sb.buf);
	tl_strbuf_release(&sb);
	return s;
}

static const char *dir_of(rs_load *ld, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *d = slash ? tl_arena_strndup(&ld->ctx->arena, path,
						 slash == path ? 1 : (size_t)(slash - path)) :
				tl_arena_strdup(&ld->ctx->arena, ".");
	return d ? d : rs_oom(ld);
}

void rs_load_mod_file(rs_load *ld, rs_item *mod_item, const char *path_attr,
		      tl_loc path_loc)
{
	rs_module *parent = mod_item->mod, *child = mod_item->child;
	char *file = NULL, *alt = NULL;
	if (!parent->dir) {
		rs_error(ld, mod_item->loc, ID_RS_MODULE,
			 "cannot load the file of module '%s': this input has no directory",
			 child->name);
		return;
	}
	if (path_attr) {
		file = join(parent->inline_mod ? parent->dir : parent->file_dir,
			    path_attr);
		if (file && !is_regular(file)) {
			rs_error(ld, path_loc, ID_RS_MODULE,
				 "file not found for module '%s': '%s'", child->name, file);
			goto out;
		}
	} else {
		tl_strbuf sb = TL_STRBUF_INIT;
		tl_strbuf_addf(&sb, "%s.rs", child->name);
		file = join(parent->dir, tl_strbuf_cstr(&sb));
		tl_strbuf_reset(&sb);
		tl_strbuf_addf(&sb, "%s/mod.rs", child->name);
		alt = join(parent->dir, tl_strbuf_cstr(&sb));
		tl_strbuf_release(&sb);
		if (!file || !alt)
			goto oom;
		bool a = is_regular(file), b = is_regular(alt);
		if (a && b) {
			rs_error(ld, mod_item->loc, ID_RS_MODULE,
				 "file for module '%s' found at both '%s' and '%s'",
				 child->name, file, alt);
			goto out;
		}
		if (!a && !b) {
			rs_error(ld, mod_item->loc, ID_RS_MODULE,
				 "file not found for module '%s' (looked for '%s' and '%s')",
				 child->name, file, alt);
			goto out;
		}
		if (b) {
			free(file);
			file = alt;
			alt = NULL;
		}
	}
	if (!file)
		goto oom;
	/* children of a #[path] file sit beside it, as for mod.rs */
	child->file_dir = dir_of(ld, file);
	if (path_attr)
		child->dir = child->file_dir;
	uint32_t id = child->file_dir ? read_source(ld->ctx, file, mod_item->loc) : 0;
	if (id)
		parse_source(ld, child, id);
	else
		ld->p.failed = true;
	goto out;
oom:
	rs_oom(ld);
out:
	free(file);
	free(alt);
}

void rs_include(rs_load *ld, rs_module *mod, const char *rel, tl_loc loc)
{
	const tl_source *src = tl_source_get(ld->ctx, ld->file);
	if (!mod->dir) { /* a buffer: no files, as for `mod name;` */
		tl_error(ld->ctx, loc, ID_RS_IO,
			 "cannot include '%s': this input has no directory", rel);
		return;
	}
	const char *dir = src ? dir_of(ld, src->path) : NULL;
	char *file = dir ? join(dir, rel) : NULL;
	if (!file) {
		rs_oom(ld);
		return;
	}
	struct stat st;
	uint32_t id = 0;
	if (stat(file, &st) == 0 && !S_ISREG(st.st_mode))
		tl_error(ld->ctx, loc, ID_RS_IO, "cannot include '%s': not a file",
			 file);
	else
		id = read_source(ld->ctx, file, loc);
	free(file);
	if (id)
		parse_source(ld, mod, id);
	else if (ld->ctx->oom)
		rs_oom(ld);
}

static void load_crate(rs_load *ld, uint32_t file, const char *dir,
		       const char *name)
{
	rs_crate *crate = tl_arena_alloc(&ld->ctx->arena, sizeof(*crate));
	if (!crate) {
		rs_oom(ld);
		return;
	}
	crate->ctx = ld->ctx;
	crate->name = name;
	rs_crate_register(ld->ctx, crate);
	ld->crate = crate;
	crate->root = rs_module_new(ld, NULL, "", dir);
	if (!crate->root)
		return;
	ld->types.len = 0;
	ld->macros.len = 0;
	ld->crate_macros.len = 0;
	ld->mcalls = ld->mtokens = ld->msteps = 0;
	ld->mlimit = RS_MACRO_DEPTH_DEFAULT;
	ld->mstop = false;
	parse_source(ld, crate->root, file);
	if (!ld->ctx->oom)
		rs_emit(ld);
}

static void load_release(rs_load *ld)
{
	tl_rparse_release(&ld->p);
	rs_cfgset_release(&ld->cfgs);
	TL_VEC_FREE(ld->types);
	TL_VEC_FREE(ld->fields);
	TL_VEC_FREE(ld->variants);
	TL_VEC_FREE(ld->segs);
	TL_VEC_FREE(ld->cfgkids);
	rs_macro_release(ld);
}

static tl_status finish(rs_load *ld, size_t errors_before, tl_status st)
{
	bool oom = ld->ctx->oom;
	load_release(ld);
	if (oom)
		return TL_ENOMEM;
	if (st)
		return st;
	return tl_error_count(ld->ctx) > errors_before ? TL_EINPUT : TL_OK;
}

static void load_root(rs_load *ld, const char *path, tl_status *st)
{
	if (already_loaded(ld->ctx, path))
		return;
	uint32_t file = read_source(ld->ctx, path, RS_NOLOC);
	if (!file) {
		*st = ld->ctx->oom ? TL_ENOMEM : TL_EIO;
		return;
	}
	const char *dir = dir_of(ld, path);
	if (dir)
		load_crate(ld, file, dir, rs_crate_name(ld, path));
}

static int rs_file_filter(const struct dirent *e)
{
	size_t n = strlen(e->d_name);
	return n > 3 && !strcmp(e->d_name + n - 3, ".rs") && e->d_name[0] != '.';
}

/* A directory: its crate roots, or every .rs file in it. */
static void load_dir(rs_load *ld, const char *dir, tl_status *st)
{
	static const char *const roots[] = {"lib.rs", "main.rs", "src/lib.rs",
					    "src/main.rs"};
	bool any = false;
	for (size_t i = 0; i < 4 && *st != TL_ENOMEM; i++) {
		if (any && i == 2)
			break;
		char *f = join(dir, roots[i]);
		if (f && is_regular(f)) {
			load_root(ld, f, st);
			any = true;
		}
		free(f);
	}
	if (any)
		return;
	struct dirent **list = NULL;
	int n = scandir(dir, &list, rs_file_filter, alphasort);
	if (n < 0) {
		tl_error(ld->ctx, RS_NOLOC, ID_RS_IO,
			 "cannot read directory '%s': %s", dir, strerror(errno));
		*st = TL_EIO;
		return;
	}
	for (int i = 0; i < n; i++) {
		char *f = join(dir, list[i]->d_name);
		if (f && is_regular(f))
			load_root(ld, f, st);
		free(f);
		free(list[i]);
	}
	free(list);
	if (n == 0)
		tl_error(ld->ctx, RS_NOLOC, ID_RS_IO,
			 "no Rust sources in directory '%s'", dir);
}

static void load_init(rs_load *ld, tl_ctx *ctx)
{
	memset(ld, 0, sizeof(*ld));
	ld->ctx = ctx;
	tl_rparse_init(&ld->p, ctx);
	ld->p.type_macro = rs_type_macro;
	ld->p.type_macro_user = ld;
}

tl_status tl_front_rust_load(tl_ctx *ctx, const char *path,
			     const tl_load_opts *opts)
{
	rs_load ld;
	size_t before = tl_error_count(ctx);
	load_init(&ld, ctx);
	tl_status st = rs_cfgset_init(&ld.cfgs, ctx, opts);
	if (st)
		return finish(&ld, before, st);
	struct stat sbuf;
	if (stat(path, &sbuf) != 0) {
		tl_error(ctx, RS_NOLOC, ID_RS_IO, "cannot read '%s': %s",
			 path, strerror(errno));
		return finish(&ld, before, TL_EIO);
	}
	if (S_ISDIR(sbuf.st_mode))
		load_dir(&ld, path, &st);
	else
		load_root(&ld, path, &st);
	return finish(&ld, before, st);
}

tl_status tl_front_rust_load_buffer(tl_ctx *ctx, const char *name,
				    const char *text, size_t len,
				    const tl_load_opts *opts)
{
	rs_load ld;
	size_t before = tl_error_count(ctx);
	load_init(&ld, ctx);
	tl_status st = rs_cfgset_init(&ld.cfgs, ctx, opts);
	if (st)
		return finish(&ld, before, st);
	uint32_t file = tl_source_add(ctx, name, text, len);
	if (file)
		load_crate(&ld, file, NULL, NULL);
	return finish(&ld, before, TL_OK);
}
