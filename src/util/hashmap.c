#include "util/hashmap.h"

#include "util/bigmem.h"

#include <stdlib.h>
#include <string.h>

uint64_t tl_hash_bytes(const void *p, size_t n, uint64_t h)
{
	const unsigned char *s = p;
	if (!h)
		h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

void tl_strtab_init(tl_strtab *t)
{
	memset(t, 0, sizeof(*t));
}

void tl_strtab_release(tl_strtab *t)
{
	free(t->slots);
	tl_strtab_init(t);
}

size_t tl_table_cap(size_t n, size_t cap)
{
	while (tl_table_full(n, cap))
		cap *= 2;
	return cap;
}

static int strtab_resize(tl_strtab *t, size_t cap)
{
	tl_strtab_slot *slots = tl_calloc_big(cap, sizeof(*slots));
	if (!slots)
		return -1;
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->slots[i].s)
			continue;
		size_t j = t->slots[i].hash & (cap - 1);
		while (slots[j].s)
			j = (j + 1) & (cap - 1);
		slots[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
	return 0;
}

/* The interning hash: eight bytes at a time (names are short, and this
 * runs for every identifier read), mixed as in wyhash's final step. */
uint32_t tl_str_hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
		s += 8;
		n -= 8;
	}
	uint64_t w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 29;
	h *= 0xff51afd7ed558ccdull;
	return (uint32_t)(h ^ (h >> 32));
}

/* The slot holding s[0..n) (hash h), or the empty one where it would go. */
static size_t strtab_probe(const tl_strtab *t, const char *s, size_t n,
			   uint32_t h)
{
	size_t j = h & (t->cap - 1);
	for (; t->slots[j].s; j = (j + 1) & (t->cap - 1)) {
		const tl_strtab_slot *sl = &t->slots[j];
		if (sl->hash == h && sl->len == n && memcmp(sl->s, s, n) == 0)
			break;
	}
	return j;
}

const char *tl_strtab_intern(tl_strtab *t, tl_arena *a, const char *s, size_t n)
{
	if (n > UINT32_MAX)
		return NULL;
	if (tl_table_full(t->len, t->cap) &&
	    strtab_resize(t, t->cap ? t->cap * 2 : 256) < 0)
		return NULL;
	uint32_t h = tl_str_hash(s, n);
	size_t j = strtab_probe(t, s, n, h);
	if (t->slots[j].s)
		return t->slots[j].s;
	/* the owners' notes, then the text (the arena aligns the notes) */
	char *copy = tl_arena_alloc(a, TL_NOTES * sizeof(void *) + n + 1);
	if (!copy)
		return NULL;
	copy += TL_NOTES * sizeof(void *);
	memcpy(copy, s, n);
	t->slots[j].s = copy;
	t->slots[j].hash = h;
	t->slots[j].len = (uint32_t)n;
	t->len++;
	return copy;
}

const char *tl_strtab_find(const tl_strtab *t, const char *s, size_t n)
{
	if (!t->cap || n > UINT32_MAX)
		return NULL;
	return t->slots[strtab_probe(t, s, n, tl_str_hash(s, n))].s;
}

void tl_ptrmap_init(tl_ptrmap *m)
{
	memset(m, 0, sizeof(*m));
}

void tl_ptrmap_release(tl_ptrmap *m)
{
	free(m->slots);
	tl_ptrmap_init(m);
}

static size_t ptr_hash(const void *p)
{
	uint64_t x = (uint64_t)(uintptr_t)p;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return (size_t)x;
}

void *tl_ptrmap_get(const tl_ptrmap *m, const void *key)
{
	if (!m->cap)
		return NULL;
	size_t j = ptr_hash(key) & (m->cap - 1);
	while (m->slots[j].key) {
		if (m->slots[j].key == key)
			return m->slots[j].value;
		j = (j + 1) & (m->cap - 1);
	}
	return NULL;
}

static void ptrmap_insert(tl_ptrmap_slot *slots, size_t cap, const void *key,
			  void *value, size_t *len)
{
	size_t j = ptr_hash(key) & (cap - 1);
	while (slots[j].key && slots[j].key != key)
		j = (j + 1) & (cap - 1);
	if (!slots[j].key)
		(*len)++;
	slots[j].key = key;
	slots[j].value = value;
}

static int ptrmap_resize(tl_ptrmap *m, size_t cap)
{
	tl_ptrmap_slot *slots = tl_calloc_big(cap, sizeof(*slots));
	if (!slots)
		return -1;
	size_t len = 0;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			ptrmap_insert(slots, cap, m->slots[i].key, m->slots[i].value,
				      &len);
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	m->len = len;
	return 0;
}

int tl_ptrmap_put(tl_ptrmap *m, const void *key, void *value)
{
	if (tl_table_full(m->len, m->cap) &&
	    ptrmap_resize(m, m->cap ? m->cap * 2 : 64) < 0)
		return -1;
	ptrmap_insert(m->slots, m->cap, key, value, &m->len);
	return 0;
}

int tl_strtab_reserve(tl_strtab *t, size_t n)
{
	size_t cap = tl_table_cap(n, t->cap ? t->cap : 256);
	return cap > t->cap ? strtab_resize(t, cap) : 0;
}

int tl_ptrmap_reserve(tl_ptrmap *m, size_t n)
{
	size_t cap = tl_table_cap(n, m->cap ? m->cap : 64);
	return cap > m->cap ? ptrmap_resize(m, cap) : 0;
}

int tl_noted_put(tl_noted *m, const char *key, void *value)
{
	void **note = tl_strtab_note(key, TL_NOTE_FRONT);
	if (!*note) {
		if (m->len == m->cap) {
			size_t cap = m->cap ? m->cap * 2 : 256;
			const char **keys = realloc(m->keys, cap * sizeof(*keys));
			if (!keys)
				return -1;
			m->keys = keys;
			m->cap = cap;
		}
		m->keys[m->len++] = key;
	}
	*note = value;
	return 0;
}

void tl_noted_clear(tl_noted *m)
{
	for (size_t i = 0; i < m->len; i++)
		*tl_strtab_note(m->keys[i], TL_NOTE_FRONT) = NULL;
	free(m->keys);
	memset(m, 0, sizeof(*m));
}
