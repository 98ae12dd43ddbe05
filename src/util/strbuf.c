#include "util/strbuf.h"
#include "util/u128.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STRBUF_MAX ((size_t)1 << 34)

void tl_strbuf_init(tl_strbuf *sb)
{
	memset(sb, 0, sizeof(*sb));
}

void tl_strbuf_on(tl_strbuf *sb, char *buf, size_t cap)
{
	tl_strbuf_init(sb);
	sb->buf = buf;
	sb->cap = cap;
	sb->borrowed = true;
	if (cap)
		buf[0] = '\0';
}

void tl_strbuf_release(tl_strbuf *sb)
{
	if (!sb->borrowed)
		free(sb->buf);
	tl_strbuf_init(sb);
}

void tl_strbuf_reset(tl_strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

static bool grow(tl_strbuf *sb, size_t extra)
{
	if (sb->oom)
		return false;
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return true;
	if (need > STRBUF_MAX || need < extra) {
		sb->oom = true;
		return false;
	}
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	char *p = sb->borrowed ? malloc(cap) : realloc(sb->buf, cap);
	if (!p) {
		sb->oom = true;
		return false;
	}
	if (sb->borrowed) {
		memcpy(p, sb->buf, sb->len);
		sb->borrowed = false;
	}
	sb->buf = p;
	sb->cap = cap;
	return true;
}

void tl_strbuf_add(tl_strbuf *sb, const char *s, size_t n)
{
	if (!grow(sb, n))
		return;
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void tl_strbuf_puts(tl_strbuf *sb, const char *s)
{
	tl_strbuf_add(sb, s, strlen(s));
}

void tl_strbuf_putc(tl_strbuf *sb, char c)
{
	if (!grow(sb, 1))
		return;
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

void tl_strbuf_vaddf(tl_strbuf *sb, const char *fmt, va_list ap)
{
	/* one pass when the text fits in the room left, two otherwise */
	va_list cp;
	va_copy(cp, ap);
	size_t room = sb->buf && !sb->oom ? sb->cap - sb->len : 0;
	int n = vsnprintf(room ? sb->buf + sb->len : NULL, room, fmt, cp);
	va_end(cp);
	if (n < 0) {
		if (room)
			sb->buf[sb->len] = '\0';
		return;
	}
	if ((size_t)n < room) {
		sb->len += (size_t)n;
		return;
	}
	if (room)
		sb->buf[sb->len] = '\0';
	if (!grow(sb, (size_t)n))
		return;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void tl_strbuf_addf(tl_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tl_strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void tl_strbuf_add_u64(tl_strbuf *sb, uint64_t v)
{
	char tmp[24];
	size_t n = tl_u64_digits(tmp + sizeof(tmp), v);
	tl_strbuf_add(sb, tmp + sizeof(tmp) - n, n);
}

const char *tl_strbuf_cstr(const tl_strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}
