/* Tests for src/watch.c: real files in a temporary folder, a real inotify thread and SDL's
 * event queue (SDL_INIT_EVENTS only: no window). Each test waits on the queue with
 * SDL_WaitEventTimeout, so it waits for the signal, not for a guessed time; "no event"
 * is asserted by waiting a little longer than the quiet time for one that must not come.
 * The whole file takes about half a minute because of those quiet times. */
#include "test.h"

#include <SDL.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"
#include "watch.h"

/* Long enough for the quiet time and a slow machine under ASan. */
#define EVENT_WAIT_MS 5000
/* Longer than WATCH_QUIET_MS: an event that was going to come has come by then. */
#define NO_EVENT_WAIT_MS (WATCH_QUIET_MS + 700)

typedef struct {
	Uint32 type;
	char root[32];
} Fixture;

static int setup(void **state)
{
	if (SDL_Init(SDL_INIT_EVENTS) != 0) {
		fprintf(stderr, "SDL_Init(SDL_INIT_EVENTS): %s\n", SDL_GetError());
		return -1;
	}
	Fixture *f = xcalloc(1, sizeof(Fixture));
	f->type = SDL_RegisterEvents(1);
	if (f->type == (Uint32)-1)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	free(*state);
	SDL_Quit();
	return 0;
}

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Waits up to timeout_ms for one event of the watch's type (others are dropped). */
static bool wait_event(const Fixture *f, int timeout_ms)
{
	uint64_t end = now_ms() + (uint64_t)timeout_ms;
	for (;;) {
		uint64_t now = now_ms();
		if (now >= end)
			return false;
		SDL_Event e;
		if (SDL_WaitEventTimeout(&e, (int)(end - now)) && e.type == f->type)
			return true;
	}
}

static void write_text(const char *dir, const char *name, const char *text)
{
	char *path = path_join(dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	free(path);
}

static char *make_dir(const char *parent, const char *name)
{
	char *path = path_join(parent, name);
	assert_int_equal(mkdir(path, 0700), 0);
	return path;
}

static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		assert_int_equal(unlink(path), 0);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *sub = path_join(path, e->d_name);
		remove_tree(sub);
		free(sub);
	}
	closedir(d);
	assert_int_equal(rmdir(path), 0);
}

/* A fresh temporary folder for each test, and an empty event queue. */
static void begin(Fixture *f)
{
	snprintf(f->root, sizeof(f->root), "/tmp/test_watch_XXXXXX");
	assert_non_null(mkdtemp(f->root));
	SDL_FlushEvent(f->type);
}

static void end(Fixture *f)
{
	remove_tree(f->root);
}

static Watch *watch_one(const Fixture *f, const char *dir)
{
	const char *dirs[] = {dir};
	Watch *w = watch_create(dirs, 1, f->type);
	assert_non_null(w);
	return w;
}

/* ---- tests ------------------------------------------------------------------------- */

static void test_bad_input(void **state)
{
	Fixture *f = *state;
	const char *dirs[] = {"content"};
	assert_null(watch_create(NULL, 1, f->type));
	assert_null(watch_create(dirs, 0, f->type));
	watch_destroy(NULL);
}

/* 20 files copied in a row are one reload, and it comes once things are quiet. */
static void test_burst_is_one_event(void **state)
{
	Fixture *f = *state;
	begin(f);
	Watch *w = watch_one(f, f->root);
	assert_false(wait_event(f, 200)); /* nothing happens by itself */
	for (int i = 0; i < 20; i++) {
		char name[32];
		snprintf(name, sizeof(name), "page%d.md", i);
		write_text(f->root, name, "# Page\n\nWords.\n");
	}
	uint64_t written = now_ms();
	assert_true(wait_event(f, EVENT_WAIT_MS));
	assert_true(now_ms() - written >= WATCH_QUIET_MS - 100);
	assert_false(wait_event(f, NO_EVENT_WAIT_MS));
	/* A later change is a new event; so is a delete and a rename. */
	write_text(f->root, "page0.md", "# Changed\n");
	assert_true(wait_event(f, EVENT_WAIT_MS));
	char *from = path_join(f->root, "page1.md"), *to = path_join(f->root, "renamed.md");
	assert_int_equal(rename(from, to), 0);
	assert_true(wait_event(f, EVENT_WAIT_MS));
	assert_int_equal(unlink(to), 0);
	assert_true(wait_event(f, EVENT_WAIT_MS));
	assert_false(wait_event(f, NO_EVENT_WAIT_MS));
	free(from);
	free(to);
	watch_destroy(w);
	end(f);
}

/* Folders that exist at the start and folders made later are watched, however deep. */
static void test_sub_folders(void **state)
{
	Fixture *f = *state;
	begin(f);
	char *en = make_dir(f->root, "en");
	Watch *w = watch_one(f, f->root);
	write_text(en, "home.md", "# Home\n");
	assert_true(wait_event(f, EVENT_WAIT_MS));

	/* mkdir -p and a file at once: one event, and the new folders are watched. */
	char *pl = make_dir(f->root, "pl");
	char *deep = make_dir(pl, "deep");
	write_text(deep, "a.md", "# A\n");
	assert_true(wait_event(f, EVENT_WAIT_MS));
	assert_false(wait_event(f, NO_EVENT_WAIT_MS));
	write_text(deep, "b.md", "# B\n");
	assert_true(wait_event(f, EVENT_WAIT_MS));
	write_text(pl, "c.md", "# C\n");
	assert_true(wait_event(f, EVENT_WAIT_MS));

	/* A folder renamed inside the tree is still watched under its new name. */
	char *moved = path_join(f->root, "moved");
	assert_int_equal(rename(pl, moved), 0);
	assert_true(wait_event(f, EVENT_WAIT_MS));
	char *moved_deep = path_join(moved, "deep");
	char *sub = make_dir(moved_deep, "sub");
	assert_true(wait_event(f, EVENT_WAIT_MS));
	write_text(sub, "d.md", "# D\n");
	assert_true(wait_event(f, EVENT_WAIT_MS));
	watch_destroy(w);
	free(en);
	free(pl);
	free(deep);
	free(moved);
	free(moved_deep);
	free(sub);
	end(f);
}

/* Editors' and sync tools' temporary files do not count; their rename to the real name
 * does. */
static void test_dot_files_ignored(void **state)
{
	Fixture *f = *state;
	begin(f);
	Watch *w = watch_one(f, f->root);
	write_text(f->root, ".home.md.swp", "x");
	write_text(f->root, ".sync-tmp", "# Home\n");
	assert_false(wait_event(f, NO_EVENT_WAIT_MS));
	char *from = path_join(f->root, ".sync-tmp"), *to = path_join(f->root, "home.md");
	assert_int_equal(rename(from, to), 0);
	assert_true(wait_event(f, EVENT_WAIT_MS));
	free(from);
	free(to);
	watch_destroy(w);
	end(f);
}

/* Two folders (content and images), one of them not there yet and one replaced by a
 * rename: both are seen, through their parent folder. */
static void test_missing_and_replaced_folders(void **state)
{
	Fixture *f = *state;
	begin(f);
	char *content = make_dir(f->root, "content");
	char *images = path_join(f->root, "images");
	const char *dirs[] = {content, images};
	Watch *w = watch_create(dirs, 2, f->type);
	assert_non_null(w);
	assert_int_equal(mkdir(images, 0700), 0);
	assert_true(wait_event(f, EVENT_WAIT_MS));
	write_text(images, "a.svg", "<svg/>");
	assert_true(wait_event(f, EVENT_WAIT_MS));

	/* "mv content content.old; mv content.new content" */
	char *fresh = make_dir(f->root, "content.new");
	write_text(fresh, "home.md", "# New\n");
	char *old = path_join(f->root, "content.old");
	assert_int_equal(rename(content, old), 0);
	assert_int_equal(rename(fresh, content), 0);
	assert_true(wait_event(f, EVENT_WAIT_MS));
	assert_false(wait_event(f, NO_EVENT_WAIT_MS));
	write_text(content, "later.md", "# Later\n");
	assert_true(wait_event(f, EVENT_WAIT_MS));
	/* The old folder, moved away, is no longer ours. */
	write_text(old, "stale.md", "# Stale\n");
	assert_false(wait_event(f, NO_EVENT_WAIT_MS));
	watch_destroy(w);
	free(content);
	free(images);
	free(fresh);
	free(old);
	end(f);
}

/* Destroy ends the thread at once, idle or in the middle of a quiet time, and the event
 * that was pending is never pushed. */
static void test_destroy_is_prompt(void **state)
{
	Fixture *f = *state;
	begin(f);
	Watch *w = watch_one(f, f->root);
	uint64_t t0 = now_ms();
	watch_destroy(w);
	assert_true(now_ms() - t0 < 200);

	w = watch_one(f, f->root);
	write_text(f->root, "home.md", "# Home\n");
	/* Let the thread see the change and start its quiet time. */
	struct timespec ts = {.tv_sec = 0, .tv_nsec = 100 * 1000 * 1000};
	nanosleep(&ts, NULL);
	t0 = now_ms();
	watch_destroy(w);
	assert_true(now_ms() - t0 < 200);
	assert_false(wait_event(f, NO_EVENT_WAIT_MS));
	end(f);
}

/* An idle watch sleeps in poll(): no CPU while nothing changes. */
static void test_idle_uses_no_cpu(void **state)
{
	Fixture *f = *state;
	begin(f);
	Watch *w = watch_one(f, f->root);
	struct timespec c0, c1;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	struct timespec ts = {.tv_sec = 0, .tv_nsec = 500 * 1000 * 1000};
	nanosleep(&ts, NULL); /* a window to measure in, not a wait for the thread */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	double used_ms =
	    (double)(c1.tv_sec - c0.tv_sec) * 1000.0 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e6;
	assert_true(used_ms < 20.0);
	watch_destroy(w);
	end(f);
}

/* A folder that is not there at all (nor its parent) still gives a watch: it just never
 * fires, and the kiosk runs. */
static void test_nothing_to_watch(void **state)
{
	Fixture *f = *state;
	const char *dirs[] = {"/nonexistent-kiosk-folder/a/b"};
	Watch *w = watch_create(dirs, 1, f->type);
	assert_non_null(w);
	watch_destroy(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bad_input),
	    cmocka_unit_test(test_burst_is_one_event),
	    cmocka_unit_test(test_sub_folders),
	    cmocka_unit_test(test_dot_files_ignored),
	    cmocka_unit_test(test_missing_and_replaced_folders),
	    cmocka_unit_test(test_destroy_is_prompt),
	    cmocka_unit_test(test_idle_uses_no_cpu),
	    cmocka_unit_test(test_nothing_to_watch),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
