/* stopsig: a stop signal as a flag. Signal handlers may call almost nothing, so instead of a
 * handler one thread sits in sigwait(); the signals are blocked everywhere else. That thread
 * may use SDL_PushEvent (thread-safe), which also wakes a main loop asleep in SDL_WaitEvent. */
#include "stopsig.h"

#include "util.h"

#include <SDL.h>
#include <pthread.h>
#include <signal.h>

static volatile sig_atomic_t received; /* the one mutable global: a signal flag */
static uint32_t wake_type;

static void *wait_for_stop(void *arg)
{
	sigset_t *set = arg;
	int sig = 0;
	if (sigwait(set, &sig) != 0)
		return NULL;
	received = sig;
	if (wake_type) {
		SDL_Event e = {0};
		e.type = wake_type;
		SDL_PushEvent(&e);
	}
	return NULL;
}

bool stopsig_start(uint32_t wake_event)
{
	static sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	wake_type = wake_event;
	if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0) {
		log_warn("cannot block SIGTERM: a stop will not write the open visit");
		return false;
	}
	pthread_t thread;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	int err = pthread_create(&thread, &attr, wait_for_stop, &set);
	pthread_attr_destroy(&attr);
	if (err != 0) {
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		log_warn("cannot start the stop-signal thread: a stop will not write the open visit");
		return false;
	}
	return true;
}

int stopsig_received(void)
{
	return received;
}
