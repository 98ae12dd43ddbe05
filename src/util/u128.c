#include "util/u128.h"

#include <string.h>

char *tl_u128_str(tl_u128 v, char *buf)
{
	char tmp[48];
	size_t i = sizeof(tmp);
	tmp[--i] = '\0';
	do {
		tmp[--i] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v);
	size_t n = sizeof(tmp) - i;
	for (size_t k = 0; k < n; k++)
		buf[k] = tmp[i + k];
	return buf;
}

char *tl_i128_str(tl_i128 v, char *buf)
{
	if (v >= 0)
		return tl_u128_str((tl_u128)v, buf);
	buf[0] = '-';
	tl_u128_str((tl_u128)0 - (tl_u128)v, buf + 1);
	return buf;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

bool tl_u128_parse(const char *s, size_t n, tl_u128 *out)
{
	unsigned base = 10;
	size_t i = 0;
	if (n > 2 && s[0] == '0') {
		if (s[1] == 'x' || s[1] == 'X')
			base = 16;
		else if (s[1] == 'o')
			base = 8;
		else if (s[1] == 'b')
			base = 2;
		if (base != 10)
			i = 2;
	}
	tl_u128 v = 0;
	bool any = false;
	for (; i < n; i++) {
		if (s[i] == '_')
			continue;
		int d = digit_value(s[i]);
		if (d >= (int)base)
			return false;
		tl_u128 next = v * base + (unsigned)d;
		if ((next - (unsigned)d) / base != v)
			return false;
		v = next;
		any = true;
	}
	if (!any)
		return false;
	*out = v;
	return true;
}

tl_u128 tl_u128_max_bytes(unsigned bytes)
{
	if (bytes >= 16)
		return ~(tl_u128)0;
	return ((tl_u128)1 << (8 * bytes)) - 1;
}

/* "00" to "99": two digits per division (the JSON has millions of small
 * numbers: offsets, sizes, lines). */
static const char two_digits[200] =
	"0001020304050607080910111213141516171819"
	"2021222324252627282930313233343536373839"
	"4041424344454647484950515253545556575859"
	"6061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

size_t tl_u64_digits(char *end, uint64_t v)
{
	char *p = end;
	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);
		v /= 100;
		p -= 2;
		memcpy(p, two_digits + 2 * r, 2);
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, two_digits + 2 * v, 2);
	} else {
		*--p = (char)('0' + v);
	}
	return (size_t)(end - p);
}
