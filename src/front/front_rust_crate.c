/*
 * Crates by name. Each root file loaded (`src/lib.rs`) is a crate; when a
 * Cargo.toml sits beside its `src/`, the crate takes the name other crates
 * write in paths: `[lib] name`, else `[package] name` with `-` as `_`
 * (regex-syntax is `regex_syntax`). Loading a crate and its dependencies
 * together (`typelayout report regex/src regex-syntax/src`) then resolves
 * `regex_syntax::hir::Literal` through regex-syntax's own modules and
 * imports, like rustc, instead of guessing by the last segment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/front_rust_int.h"

/* The value of `name = "..."` on a line, or NULL. */
static const char *name_value(const char *line, size_t *len)
{
	while (*line == ' ' || *line == '\t')
		line++;
	if (strncmp(line, "name", 4))
		return NULL;
	line += 4;
	while (*line == ' ' || *line == '\t')
		line++;
	if (*line++ != '=')
		return NULL;
	while (*line == ' ' || *line == '\t')
		line++;
	if (*line != '"')
		return NULL;
	const char *end = strchr(line + 1, '"');
	if (!end)
		return NULL;
	*len = (size_t)(end - line - 1);
	return line + 1;
}

/* `[lib] name` or `[package] name` of a Cargo.toml, normalised. */
static const char *manifest_name(tl_ctx *ctx, FILE *f)
{
	char line[512], pkg[128] = "", lib[128] = "";
	enum { OTHER, PACKAGE, LIB } section = OTHER;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '[') {
			section = !strncmp(line, "[package]", 9) ? PACKAGE :
				  !strncmp(line, "[lib]", 5) ? LIB : OTHER;
			continue;
		}
		size_t n;
		const char *v = section != OTHER ? name_value(line, &n) : NULL;
		if (!v || n == 0 || n >= sizeof(pkg))
			continue;
		char *dst = section == LIB ? lib : pkg;
		for (size_t i = 0; i < n; i++)
			dst[i] = v[i] == '-' ? '_' : v[i];
		dst[n] = '\0';
	}
	const char *name = lib[0] ? lib : pkg;
	return name[0] ? tl_intern_cstr(ctx, name) : NULL;
}

const char *rs_crate_name(rs_load *ld, const char *root_file)
{
	/* <pkg>/src/lib.rs -> <pkg>/Cargo.toml */
	const char *slash = strrchr(root_file, '/');
	size_t dir = slash ? (size_t)(slash - root_file) : 0;
	if (dir < 3 || strncmp(root_file + dir - 3, "src", 3) ||
	    (dir > 3 && root_file[dir - 4] != '/'))
		return NULL;
	size_t pkg = dir - 3;
	char *manifest = malloc(pkg + sizeof("Cargo.toml"));
	if (!manifest)
		return rs_oom(ld);
	memcpy(manifest, root_file, pkg);
	memcpy(manifest + pkg, "Cargo.toml", sizeof("Cargo.toml"));
	FILE *f = fopen(pkg ? manifest : "Cargo.toml", "r");
	free(manifest);
	if (!f)
		return NULL;
	const char *name = manifest_name(ld->ctx, f);
	fclose(f);
	return name;
}

void rs_crate_register(tl_ctx *ctx, rs_crate *crate)
{
	crate->next = ctx->rust_crates;
	ctx->rust_crates = crate;
}

rs_module *rs_crate_root(tl_ctx *ctx, const char *name)
{
	for (rs_crate *c = ctx->rust_crates; c && name; c = c->next)
		if (c->name == name)
			return c->root;
	return NULL;
}
