/*
 * A buffered writer for the emitters that write a lot (JSON for a million
 * types): appends into a 64 KiB buffer and flushes to the FILE in large
 * writes, with integer formatting that does not go through printf.
 */
#ifndef TL_EMIT_OUTBUF_H
#define TL_EMIT_OUTBUF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "typelayout/model.h"

typedef struct tl_outbuf {
	FILE *f;
	size_t n;
	size_t flushes;   /* counts flushes: text written since is still in buf */
	bool error;
	char buf[1 << 16];
} tl_outbuf;

void tl_outbuf_flush(tl_outbuf *o);

static inline void tl_out_mem(tl_outbuf *o, const char *s, size_t n)
{
	if (o->n + n > sizeof(o->buf)) {
		tl_outbuf_flush(o);
		if (n > sizeof(o->buf)) {
			if (fwrite(s, 1, n, o->f) != n)
				o->error = true;
			return;
		}
	}
	memcpy(o->buf + o->n, s, n);
	o->n += n;
}

/* A string literal. */
#define tl_out_lit(o, s) tl_out_mem((o), (s), sizeof(s) - 1)

static inline void tl_out_str(tl_outbuf *o, const char *s)
{
	tl_out_mem(o, s, strlen(s));
}

static inline void tl_out_char(tl_outbuf *o, char c)
{
	if (o->n == sizeof(o->buf))
		tl_outbuf_flush(o);
	o->buf[o->n++] = c;
}

void tl_out_u64(tl_outbuf *o, uint64_t v);
void tl_out_u128(tl_outbuf *o, tl_u128 v);
void tl_out_i128(tl_outbuf *o, tl_i128 v);
/* A JSON string, quoted and escaped. */
void tl_out_jstr(tl_outbuf *o, const char *s);

/* The last string written through it, as JSON: a string written entry
 * after entry (the input's path) is escaped once. Only for strings that
 * stay put and unchanged while the cache is used: the same pointer must
 * mean the same text. */
typedef struct tl_jstr_cache {
	const char *s;          /* NULL: empty */
	size_t len;
	char text[256];
} tl_jstr_cache;

/* tl_out_jstr, repeating the cached text when `s` is the cached string. */
void tl_out_jstr_cached(tl_outbuf *o, const char *s, tl_jstr_cache *c);

#endif
