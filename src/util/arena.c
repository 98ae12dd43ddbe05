#include "util/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena_pages.h"
#include "util/block_pool.h"

struct tl_arena_block {
	tl_arena_block *next;
	size_t size;
	size_t pos;
	size_t dirty;     /* bytes [0, dirty) may hold old data; the rest is
			   * still the kernel's zeros (a fresh mapping) */
	size_t mapped;    /* bytes mapped with mmap (huge blocks), else 0 */
	_Alignas(max_align_t) unsigned char data[];
};

#define ARENA_FIRST 4096u
#define ARENA_BLOCK TL_ARENA_BLOCK /* the largest blocks, mapped */
#define ARENA_CAP (ARENA_BLOCK - sizeof(tl_arena_block))
#define ARENA_ALIGN _Alignof(max_align_t)
/* Blocks this big are mapped on their own, aligned for transparent huge
 * pages and advised to use them: a large model then takes one page fault
 * per 2 MiB instead of one per 4 KiB (a third of the run time otherwise
 * goes to faulting in the arena page by page). */
#define ARENA_HUGE ((size_t)2 << 20)

#ifndef TL_ARENA_DEBUG
static tl_arena_block *map_block(tl_arena *a, size_t total)
{
	void *p = a->pool && total == ARENA_BLOCK ? tl_block_pool_take(a->pool) : NULL;
	if (!p)
		p = tl_pages_map(&total);
	if (!p)
		return NULL;
	tl_arena_block *b = p;
	b->mapped = total;
	b->size = total - sizeof(*b);
	b->dirty = 0; /* mapped pages read as zero until written */
	return b;
}

/* A block with room for `size` bytes (maybe more). */
static tl_arena_block *block_new(tl_arena *a, size_t size)
{
	if (size > SIZE_MAX - sizeof(tl_arena_block) - ARENA_HUGE)
		return NULL;
	size_t total = sizeof(tl_arena_block) + size;
	tl_arena_block *b = total >= ARENA_HUGE ? map_block(a, total) : NULL;
	if (!b) {
		b = malloc(total);
		if (!b)
			return NULL;
		b->mapped = 0;
		b->size = size;
		b->dirty = size;
	}
	b->pos = 0;
	return b;
}
#endif

static void block_free(tl_arena_block *b)
{
	if (b->mapped)
		tl_pages_unmap(b, b->mapped);
	else
		free(b);
}

/* Empties a block for reuse: what was handed out is dirty from now on. */
static void block_reset(tl_arena_block *b)
{
	if (b->pos > b->dirty)
		b->dirty = b->pos;
	b->pos = 0;
}

void tl_arena_init(tl_arena *a)
{
	memset(a, 0, sizeof(*a));
	a->next_size = ARENA_FIRST;
}

void tl_arena_expect(tl_arena *a, size_t bytes)
{
	if (bytes >= ARENA_CAP / 4)
		a->next_size = ARENA_CAP;
}

static void free_list(tl_arena_block *b)
{
	while (b) {
		tl_arena_block *next = b->next;
		block_free(b);
		b = next;
	}
}

void tl_arena_release(tl_arena *a)
{
	free_list(a->head);
	free_list(a->spare);
	for (size_t i = 0; i < a->ndebug; i++)
		free(a->debug[i]);
	free(a->debug);
	tl_arena_init(a);
}

void tl_arena_use_pool(tl_arena *a, struct tl_block_pool *pool)
{
	a->pool = pool;
}

void tl_arena_adopt(tl_arena *into, tl_arena *from)
{
	for (size_t i = 0; i < from->ndebug; i++)
		free(from->debug[i]);
	free(from->debug);
	from->debug = NULL;
	from->ndebug = from->capdebug = 0;
	tl_arena_block *b = from->head;
	while (b) {
		tl_arena_block *next = b->next;
		block_reset(b);
		b->next = into->spare;
		into->spare = b;
		b = next;
	}
	from->head = NULL;
	from->used = 0;
	from->next_size = ARENA_FIRST;
}

void tl_arena_clear(tl_arena *a)
{
	for (size_t i = 0; i < a->ndebug; i++)
		free(a->debug[i]);
	a->ndebug = 0;
	a->used = 0;
	tl_arena_block *b = a->head;
	if (!b)
		return;
	tl_arena_block *next = b->next;
	while (next) {
		tl_arena_block *after = next->next;
		block_free(next);
		next = after;
	}
	b->next = NULL;
	block_reset(b);
}

tl_arena_mark tl_arena_get_mark(const tl_arena *a)
{
	tl_arena_mark m = {a->head, a->head ? a->head->pos : 0, a->used,
			   a->ndebug};
	return m;
}

void tl_arena_rewind(tl_arena *a, tl_arena_mark m)
{
	for (size_t i = m.ndebug; i < a->ndebug; i++)
		free(a->debug[i]);
	a->ndebug = m.ndebug;
	a->used = m.used;
	while (a->head && a->head != m.block) {
		tl_arena_block *b = a->head;
		a->head = b->next;
		block_reset(b);
		b->next = a->spare;
		a->spare = b;
	}
	if (a->head) {
		if (a->head->pos > a->head->dirty)
			a->head->dirty = a->head->pos;
		a->head->pos = m.pos;
	}
}

#ifdef TL_ARENA_DEBUG
static void *debug_alloc(tl_arena *a, size_t n, bool zero)
{
	if (a->ndebug == a->capdebug) {
		size_t cap = a->capdebug ? a->capdebug * 2 : 64;
		void **d = realloc(a->debug, cap * sizeof(*d));
		if (!d)
			return NULL;
		a->debug = d;
		a->capdebug = cap;
	}
	/* raw memory stays uninitialised here, so that valgrind sees a read
	 * before a write */
	void *p = zero ? calloc(1, n ? n : 1) : malloc(n ? n : 1);
	if (p)
		a->debug[a->ndebug++] = p;
	return p;
}
#endif

#ifndef TL_ARENA_DEBUG
/* A spare block with room for `need` bytes, unlinked; NULL if none. */
static tl_arena_block *take_spare(tl_arena *a, size_t need)
{
	for (tl_arena_block **p = &a->spare; *p; p = &(*p)->next) {
		tl_arena_block *b = *p;
		if (b->size >= need) {
			*p = b->next;
			return b;
		}
	}
	return NULL;
}
#endif

static inline void *alloc(tl_arena *a, size_t n, bool zero)
{
	a->used += n;
#ifdef TL_ARENA_DEBUG
	return debug_alloc(a, n, zero);
#else
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need < n)
		return NULL;
	tl_arena_block *b = a->head;
	if (!b || b->size - b->pos < need) {
		b = take_spare(a, need);
		if (!b) {
			size_t size = a->next_size;
			if (size < need)
				size = need;
			b = block_new(a, size);
		}
		if (!b)
			return NULL;
		b->next = a->head;
		a->head = b;
		if (a->next_size < ARENA_CAP)
			a->next_size = a->next_size * 2 < ARENA_CAP ?
				a->next_size * 2 : ARENA_CAP;
	}
	void *p = b->data + b->pos;
	/* only memory handed out before needs clearing: a fresh mapping is
	 * zero, and not touching it here spares a write per byte */
	if (zero && b->pos < b->dirty)
		memset(p, 0, b->dirty - b->pos < n ? b->dirty - b->pos : n);
	b->pos += need;
	return p;
#endif
}

void *tl_arena_alloc(tl_arena *a, size_t n)
{
	return alloc(a, n, true);
}

static void *array(tl_arena *a, size_t count, size_t size, bool zero)
{
	size_t n;
	if (__builtin_mul_overflow(count, size, &n))
		return NULL;
	return alloc(a, n, zero);
}

void *tl_arena_array_raw(tl_arena *a, size_t count, size_t size)
{
	return array(a, count, size, false);
}

void *tl_arena_array(tl_arena *a, size_t count, size_t size)
{
	return array(a, count, size, true);
}

void *tl_arena_memdup(tl_arena *a, const void *p, size_t n)
{
	void *q = alloc(a, n, false);
	if (q && n)
		memcpy(q, p, n);
	return q;
}

char *tl_arena_strndup(tl_arena *a, const char *s, size_t n)
{
	char *q = alloc(a, n + 1, false);
	if (q) {
		memcpy(q, s, n);
		q[n] = '\0';
	}
	return q;
}

char *tl_arena_strdup(tl_arena *a, const char *s)
{
	return tl_arena_strndup(a, s, strlen(s));
}
