#include "emit/outbuf.h"

#include "util/u128.h"

void tl_outbuf_flush(tl_outbuf *o)
{
	if (o->n && fwrite(o->buf, 1, o->n, o->f) != o->n)
		o->error = true;
	o->n = 0;
	o->flushes++;
}

void tl_out_u64(tl_outbuf *o, uint64_t v)
{
	char tmp[24];
	size_t n = tl_u64_digits(tmp + sizeof(tmp), v);
	tl_out_mem(o, tmp + sizeof(tmp) - n, n);
}

void tl_out_u128(tl_outbuf *o, tl_u128 v)
{
	if (v <= UINT64_MAX) {
		tl_out_u64(o, (uint64_t)v);
		return;
	}
	char buf[48];
	tl_out_str(o, tl_u128_str(v, buf));
}

void tl_out_i128(tl_outbuf *o, tl_i128 v)
{
	if (v < 0) {
		tl_out_char(o, '-');
		tl_out_u128(o, (tl_u128)0 - (tl_u128)v);
	} else {
		tl_out_u128(o, (tl_u128)v);
	}
}

/* Bytes a JSON string can hold as they are: not a control character, a
 * quote or a backslash (and not the terminating NUL). */
static const unsigned char json_plain[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
	R16(0), R16(0),
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20: '"' */
	R16(1), R16(1),
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50: '\\' */
	R16(1), R16(1),
	R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1),
#undef R16
};

void tl_out_jstr(tl_outbuf *o, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	/* the usual case, a short name with nothing to escape: copied as it
	 * is checked, straight into the buffer */
	if (sizeof(o->buf) - o->n >= 2 + 64) {
		char *d = o->buf + o->n, *start = d;
		*d++ = '"';
		char *end = d + 64;
		while (d < end && json_plain[*p])
			*d++ = (char)*p++;
		if (!*p) {
			*d++ = '"';
			o->n += (size_t)(d - start);
			return;
		}
		o->n += (size_t)(d - start); /* the quote and what was copied */
	} else {
		tl_out_char(o, '"');
	}
	const char *run = (const char *)p;
	for (;; p++) {
		unsigned char c = *p;
		if (json_plain[c])
			continue;
		tl_out_mem(o, run, (size_t)((const char *)p - run));
		if (!c)
			break;
		run = (const char *)p + 1;
		switch (c) {
		case '"': tl_out_lit(o, "\\\""); break;
		case '\\': tl_out_lit(o, "\\\\"); break;
		case '\n': tl_out_lit(o, "\\n"); break;
		case '\t': tl_out_lit(o, "\\t"); break;
		case '\r': tl_out_lit(o, "\\r"); break;
		default: {
			char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			tl_out_mem(o, u, sizeof(u));
		}
		}
	}
	tl_out_char(o, '"');
}

void tl_out_jstr_cached(tl_outbuf *o, const char *s, tl_jstr_cache *c)
{
	if (s == c->s) {
		tl_out_mem(o, c->text, c->len);
		return;
	}
	size_t start = o->n, flushes = o->flushes;
	tl_out_jstr(o, s);
	size_t len = o->n - start;
	c->s = NULL;
	if (o->flushes == flushes && len <= sizeof(c->text)) {
		memcpy(c->text, o->buf + start, len);
		c->len = len;
		c->s = s;
	}
}
