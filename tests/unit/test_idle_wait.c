/* tl_wait_or_work: waiting for another thread with work to do meanwhile
 * (the YAML parser thread, the report's JSON thread). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <cmocka.h>

#include "util/idle_wait.h"

typedef struct state {
	pthread_mutex_t lock;
	pthread_cond_t cv;
	bool ready;      /* the condition waited for */
	int works;       /* calls of work() */
	int work_turns;  /* work() returns true this many times */
	bool publish_in_work; /* work() makes the condition hold, unheard */
	bool returned;   /* the waiter is back */
} state;

static bool is_ready(void *arg)
{
	return ((state *)arg)->ready;
}

static bool work(void *arg)
{
	state *s = arg;
	s->works++;
	if (s->publish_in_work) {
		/* what another thread does while the waiter works: changes
		 * the state and broadcasts, with nobody waiting yet */
		pthread_mutex_lock(&s->lock);
		s->ready = true;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->lock);
		return false;
	}
	return s->works <= s->work_turns;
}

static void *waiter(void *arg)
{
	state *s = arg;
	pthread_mutex_lock(&s->lock);
	tl_wait_or_work(&s->lock, &s->cv, is_ready, work, s);
	s->returned = true;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

/* Waits up to `ms` for the waiter to come back; then releases it anyway
 * (so a failing test does not hang) and says whether it had come back. */
static bool came_back(state *s, int ms)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&s->lock);
	while (!s->returned &&
	       pthread_cond_timedwait(&s->cv, &s->lock, &until) == 0)
		;
	bool back = s->returned;
	s->ready = true;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->lock);
	return back;
}

static void init(state *s)
{
	*s = (state){0};
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->cv, NULL);
}

static void fini(state *s)
{
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->lock);
}

/* The bug this guards against: the condition comes true, and is
 * broadcast, while the waiter works with the lock let go; a waiter that
 * then sleeps without reading it again never wakes up. */
static void change_during_work_is_seen(void **st)
{
	(void)st;
	state s;
	init(&s);
	s.publish_in_work = true;
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, waiter, &s), 0);
	bool back = came_back(&s, 5000);
	pthread_join(t, NULL);
	assert_true(back);
	assert_int_equal(s.works, 1);
	fini(&s);
}

/* Work runs while it has some, then the waiter sleeps until woken. */
static void works_then_sleeps_until_woken(void **st)
{
	(void)st;
	state s;
	init(&s);
	s.work_turns = 3;
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, waiter, &s), 0);
	struct timespec pause = {0, 20 * 1000000L};
	nanosleep(&pause, NULL);
	pthread_mutex_lock(&s.lock);
	assert_false(s.returned);
	s.ready = true;
	pthread_cond_broadcast(&s.cv);
	pthread_mutex_unlock(&s.lock);
	bool back = came_back(&s, 5000);
	pthread_join(t, NULL);
	assert_true(back);
	assert_int_equal(s.works, 4); /* three with work, one without */
	fini(&s);
}

/* Already ready: no work, no wait. */
static void ready_returns_at_once(void **st)
{
	(void)st;
	state s;
	init(&s);
	s.ready = true;
	s.work_turns = 100;
	pthread_mutex_lock(&s.lock);
	tl_wait_or_work(&s.lock, &s.cv, is_ready, work, &s);
	pthread_mutex_unlock(&s.lock);
	assert_int_equal(s.works, 0);
	fini(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(change_during_work_is_seen),
		cmocka_unit_test(works_then_sleeps_until_woken),
		cmocka_unit_test(ready_returns_at_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
