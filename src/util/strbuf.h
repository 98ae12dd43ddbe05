/*
 * A growable NUL-terminated string with a sticky out-of-memory flag: after a
 * failed grow every append does nothing; check `oom` once at the end.
 */
#ifndef TL_UTIL_STRBUF_H
#define TL_UTIL_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tl_strbuf {
	char *buf;  /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
	bool oom;
	bool borrowed; /* buf is the caller's (tl_strbuf_on): not freed */
} tl_strbuf;

#define TL_STRBUF_INIT {NULL, 0, 0, false, false}

/* Starts empty in the caller's `buf` of `cap` bytes (a stack array, for
 * short strings built often); it moves to the heap only if it outgrows
 * it. Release it as any other. */
void tl_strbuf_on(tl_strbuf *sb, char *buf, size_t cap);

void tl_strbuf_init(tl_strbuf *sb);
void tl_strbuf_release(tl_strbuf *sb);
void tl_strbuf_reset(tl_strbuf *sb);
void tl_strbuf_add(tl_strbuf *sb, const char *s, size_t n);
void tl_strbuf_puts(tl_strbuf *sb, const char *s);
void tl_strbuf_putc(tl_strbuf *sb, char c);
void tl_strbuf_addf(tl_strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void tl_strbuf_vaddf(tl_strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void tl_strbuf_add_u64(tl_strbuf *sb, uint64_t v);
/* "" when nothing was added; never NULL */
const char *tl_strbuf_cstr(const tl_strbuf *sb);

#endif
