/*
 * Two small open-addressing tables (FNV-1a, linear probing):
 *  - tl_strtab interns strings: equal text gives the same pointer, so
 *    interned strings compare with ==. Each interned string carries two
 *    pointers for its owners just before its text (tl_strtab_note), read
 *    in the cache line the text is in: a symbol's data without a second
 *    table to probe.
 *  - tl_ptrmap maps a pointer key (usually an interned string) to a value.
 * Keys and interned text live in the caller's arena; the slot arrays are
 * malloc'd and freed by _release.
 */
#ifndef TL_UTIL_HASHMAP_H
#define TL_UTIL_HASHMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

uint64_t tl_hash_bytes(const void *p, size_t n, uint64_t seed);
/* The tables' load rule (also the type table's, model/types.c): one more
 * entry than `len` would fill a table of `cap` slots past 3/4. */
static inline bool tl_table_full(size_t len, size_t cap)
{
	return (len + 1) * 4 >= cap * 3;
}
/* The power-of-two capacity, `cap` or a multiple, that holds n entries
 * under that rule. */
size_t tl_table_cap(size_t n, size_t cap);

typedef struct tl_strtab_slot {
	const char *s;  /* NULL: empty */
	uint32_t hash;
	uint32_t len;   /* strings longer than UINT32_MAX are not interned */
} tl_strtab_slot;

typedef struct tl_strtab {
	tl_strtab_slot *slots; /* one load per probe: hash and length beside the pointer */
	size_t cap; /* power of two */
	size_t len;
} tl_strtab;

/* The interning hash of s[0..n) (any thread may compute it). */
uint32_t tl_str_hash(const char *s, size_t n);

/* Asks the cache for the slot where a string of hash `h` is probed first:
 * a table too large for the cache misses on nearly every intern. */
static inline void tl_strtab_prefetch(const tl_strtab *t, uint32_t h)
{
	if (t->cap)
		__builtin_prefetch(&t->slots[h & (t->cap - 1)]);
}

void tl_strtab_init(tl_strtab *t);
void tl_strtab_release(tl_strtab *t);
/* The interned copy of s[0..n); NULL when out of memory. */
const char *tl_strtab_intern(tl_strtab *t, tl_arena *a, const char *s, size_t n);
/* The interned copy of s[0..n), or NULL if there is none. */
const char *tl_strtab_find(const tl_strtab *t, const char *s, size_t n);
/* Room for n strings in all without growing again; -1 when out of memory. */
int tl_strtab_reserve(tl_strtab *t, size_t n);

/* The pointers an interned string carries before its text, NULL until
 * set: the context's (its definitions of that name) and a front end's,
 * which a reader sets while it reads a file (tl_noted, below). */
enum { TL_NOTE_DEFS, TL_NOTE_FRONT, TL_NOTES };
/* Note `which` of a string interned by a tl_strtab (only such a string:
 * this reads before its text). */
static inline void **tl_strtab_note(const char *interned, int which)
{
	return (void **)(uintptr_t)(interned - (TL_NOTES - which) * sizeof(void *));
}

/* A map from interned strings kept in their TL_NOTE_FRONT note: no
 * table to probe, the value is in the line the string's text is in. It
 * lists the strings it set, and clearing it sets their notes back to
 * NULL; one such map per string table at a time. */
typedef struct tl_noted {
	const char **keys;
	size_t len, cap;
} tl_noted;

static inline void *tl_noted_get(const char *key)
{
	return *tl_strtab_note(key, TL_NOTE_FRONT);
}
/* Sets key's note to `value` (not NULL); -1 when out of memory. */
int tl_noted_put(tl_noted *m, const char *key, void *value);
/* Every note set back to NULL, the list freed. */
void tl_noted_clear(tl_noted *m);

typedef struct tl_ptrmap_slot {
	const void *key;
	void *value;
} tl_ptrmap_slot;

typedef struct tl_ptrmap {
	tl_ptrmap_slot *slots;
	size_t cap;
	size_t len;
} tl_ptrmap;

void tl_ptrmap_init(tl_ptrmap *m);
void tl_ptrmap_release(tl_ptrmap *m);
void *tl_ptrmap_get(const tl_ptrmap *m, const void *key);
/* Inserts or replaces; -1 when out of memory. */
int tl_ptrmap_put(tl_ptrmap *m, const void *key, void *value);
/* Room for n keys in all without growing again; -1 when out of memory. */
int tl_ptrmap_reserve(tl_ptrmap *m, size_t n);

#endif
