/*
 * tl_add_opaque (ctx.h): a type from outside the inputs -- another crate's
 * `Span`, a C library's handle -- known only by its size and alignment, as
 * `--opaque 'Span=24:8'` or `--opaque 'proc_macro2::Span=24:8'` gives it.
 * It is an ordinary TL_DEF_OPAQUE definition, found by resolution like any
 * other (by path, else by last segment) and not reported by itself.
 */
#include <string.h>

#include "front/front_rust_int.h"
#include "util/u128.h"

static bool ident_char(char c, bool first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (!first && c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* `a::b::Name`: segments of identifiers; returns the last one. */
static const char *check_path(const char *s, size_t n)
{
	const char *last = s;
	size_t i = 0;
	for (;;) {
		size_t start = i;
		while (i < n && ident_char(s[i], i == start))
			i++;
		if (i == start)
			return NULL;
		last = s + start;
		if (i == n)
			return last;
		if (i + 2 >= n || s[i] != ':' || s[i + 1] != ':')
			return NULL;
		i += 2;
	}
}

static bool number(const char *s, size_t n, uint64_t *out)
{
	tl_u128 v;
	if (!n || s[0] < '0' || s[0] > '9' || !tl_u128_parse(s, n, &v) ||
	    v > UINT64_MAX)
		return false;
	*out = (uint64_t)v;
	return true;
}

tl_status tl_add_opaque(tl_ctx *ctx, const char *spec)
{
	const char *eq = strchr(spec, '=');
	const char *colon = eq ? strchr(eq, ':') : NULL;
	const char *last = eq ? check_path(spec, (size_t)(eq - spec)) : NULL;
	uint64_t size = 0, align = 0;
	if (!last || !colon ||
	    !number(eq + 1, (size_t)(colon - eq - 1), &size) ||
	    !number(colon + 1, strlen(colon + 1), &align)) {
		tl_error(ctx, RS_NOLOC, ID_RS_OPAQUE,
			 "invalid --opaque '%s': expected NAME=SIZE:ALIGN, as in 'Span=24:8'",
			 spec);
		return TL_EINPUT;
	}
	if (!align || (align & (align - 1)) || align > (1u << 29)) {
		tl_error(ctx, RS_NOLOC, ID_RS_OPAQUE,
			 "invalid --opaque '%s': the alignment %llu is not a power of two up to 2^29",
			 spec, (unsigned long long)align);
		return TL_EINPUT;
	}
	if (size % align) {
		tl_error(ctx, RS_NOLOC, ID_RS_OPAQUE,
			 "invalid --opaque '%s': the size %llu is not a multiple of the alignment %llu",
			 spec, (unsigned long long)size, (unsigned long long)align);
		return TL_EINPUT;
	}
	tl_def *d = tl_arena_alloc(&ctx->arena, sizeof(*d));
	const char *name = tl_intern(ctx, last, (size_t)(eq - last));
	const char *path = tl_intern(ctx, spec, (size_t)(eq - spec));
	if (!d || !name || !path)
		return TL_ENOMEM;
	d->name = name;
	d->path = path;
	d->lang = TL_LANG_RUST;
	d->kind = TL_DEF_OPAQUE;
	d->shape = TL_SHAPE_UNIT;
	d->opaque_size = size;
	d->opaque_align = align;
	return tl_def_add(ctx, d) < 0 ? TL_ENOMEM : TL_OK;
}
