/* MAP_ANONYMOUS and MADV_HUGEPAGE are not in POSIX 2008 */
#define _DEFAULT_SOURCE 1

#include "util/arena_pages.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)
#define SMALL_PAGE ((size_t)4096)
/* blocks kept ready: enough to ride out a burst of allocations */
#define READY 2

void *tl_pages_map(size_t *total)
{
#if defined(MAP_ANONYMOUS) && defined(MADV_HUGEPAGE)
	size_t n = (*total + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	if (n < *total)
		return NULL;
	unsigned char *p = mmap(NULL, n + HUGE_PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	uintptr_t at = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	unsigned char *a = (unsigned char *)at;
	if (a > p)
		munmap(p, (size_t)(a - p));
	if (a + n < p + n + HUGE_PAGE)
		munmap(a + n, (size_t)(p + n + HUGE_PAGE - (a + n)));
	madvise(a, n, MADV_HUGEPAGE); /* advice: failure is harmless */
	*total = n;
	return a;
#else
	(void)total;
	return NULL;
#endif
}

void tl_pages_unmap(void *p, size_t total)
{
	munmap(p, total);
}

struct tl_pages_supply {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cv;
	size_t block;
	void *ready[READY];
	unsigned nready;
	bool stop;
};

static void *supply_thread(void *arg)
{
	tl_pages_supply *s = arg;
	pthread_mutex_lock(&s->lock);
	while (!s->stop) {
		if (s->nready == READY) {
			pthread_cond_wait(&s->cv, &s->lock);
			continue;
		}
		pthread_mutex_unlock(&s->lock);
		size_t n = s->block;
		unsigned char *p = tl_pages_map(&n);
		if (p) /* fault every page in: one write per small page */
			for (size_t i = 0; i < n; i += SMALL_PAGE)
				((volatile unsigned char *)p)[i] = 0;
		pthread_mutex_lock(&s->lock);
		if (!p || n != s->block) {
			if (p)
				tl_pages_unmap(p, n);
			break; /* cannot map: the arena maps its own */
		}
		s->ready[s->nready++] = p;
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

tl_pages_supply *tl_pages_supply_start(size_t block)
{
	tl_pages_supply *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->block = block;
	if (pthread_mutex_init(&s->lock, NULL)) {
		free(s);
		return NULL;
	}
	if (pthread_cond_init(&s->cv, NULL)) {
		pthread_mutex_destroy(&s->lock);
		free(s);
		return NULL;
	}
	if (pthread_create(&s->thread, NULL, supply_thread, s)) {
		pthread_cond_destroy(&s->cv);
		pthread_mutex_destroy(&s->lock);
		free(s);
		return NULL;
	}
	return s;
}

void *tl_pages_supply_take(tl_pages_supply *s)
{
	void *p = NULL;
	pthread_mutex_lock(&s->lock);
	if (s->nready) {
		p = s->ready[0];
		for (unsigned i = 1; i < s->nready; i++)
			s->ready[i - 1] = s->ready[i];
		s->nready--;
		pthread_cond_signal(&s->cv);
	}
	pthread_mutex_unlock(&s->lock);
	return p;
}

void tl_pages_supply_stop(tl_pages_supply *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->stop = true;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	for (unsigned i = 0; i < s->nready; i++)
		tl_pages_unmap(s->ready[i], s->block);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->lock);
	free(s);
}
