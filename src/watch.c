/* watch: one thread that sleeps in poll() on an inotify descriptor and a stop eventfd,
 * and turns a burst of file changes into one SDL event for the app (watch.h says what is
 * and is not noticed).
 *
 * Start reading at run, the thread's loop: it waits with no timeout while nothing has
 * changed (an idle kiosk uses no CPU), and with a timeout up to the end of the quiet time
 * while changes are pending. read_changes decides which inotify events count and keeps
 * the table of watched folders up to date (add_tree for a new folder, forget for a gone
 * one). The table is filled by watch_create before the thread starts and then belongs to
 * the thread alone, so nothing needs a lock; watch_destroy only writes to the eventfd and
 * joins.
 *
 * Each watched top folder's parent is watched too, but only for that one name: replacing
 * the folder by a rename ("mv content.new content") gives a new inode that the old watch
 * cannot see. */
#include "watch.h"

#include <SDL.h>
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/* What changes a folder's content. IN_MODIFY is left out (IN_CLOSE_WRITE follows it, once
 * per file instead of once per write), and so is IN_ATTRIB (chmod, touch: no new words). */
#define CONTENT_MASK                                                                               \
	(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF |   \
	 IN_MOVE_SELF | IN_ONLYDIR | IN_MASK_ADD)
/* In a top folder's parent, only its name coming and going matters. */
#define PARENT_MASK (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR | IN_MASK_ADD)
/* Folders deeper than this below a top folder are not watched: it bounds the recursion
 * (content folders are two levels deep). */
#define MAX_DEPTH 16

typedef enum {
	ROLE_CONTENT, /* a folder under a top folder: every change counts */
	ROLE_PARENT,  /* the parent of tops[top]: only that name counts */
} Role;

/* One watched folder. The same wd can appear twice, once per role ("content" is both a
 * folder to watch and the parent of "content/images"). */
typedef struct {
	int wd;
	Role role;
	size_t top;    /* ROLE_PARENT: which top folder */
	char *path;    /* ROLE_CONTENT: the folder, for joining new sub-folder names */
	unsigned scan; /* the add_tree pass that last saw it, to stop at symlink loops */
} WatchDir;

struct Watch {
	uint32_t event_type;
	char **tops;      /* the folders asked for, without trailing '/' */
	char **top_names; /* their last component, to match in the parent's events */
	size_t top_count;
	int inotify_fd; /* -1: inotify is not available, the watch never fires */
	int stop_fd;    /* eventfd: watch_destroy writes 1 to wake and end the thread */
	pthread_t thread;
	bool running;
	WatchDir *dirs;
	size_t dir_count, dir_cap;
	unsigned scan;
	bool warned_limit;
};

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static WatchDir *find_dir(Watch *w, int wd, Role role)
{
	for (size_t i = 0; i < w->dir_count; i++)
		if (w->dirs[i].wd == wd && w->dirs[i].role == role)
			return &w->dirs[i];
	return NULL;
}

static bool has_parent_watch(const Watch *w, int wd, size_t top)
{
	for (size_t i = 0; i < w->dir_count; i++)
		if (w->dirs[i].wd == wd && w->dirs[i].role == ROLE_PARENT && w->dirs[i].top == top)
			return true;
	return false;
}

static WatchDir *add_dir(Watch *w, int wd, Role role)
{
	if (w->dir_count == w->dir_cap) {
		w->dir_cap = w->dir_cap ? w->dir_cap * 2 : 16;
		w->dirs = xrealloc(w->dirs, w->dir_cap * sizeof(WatchDir));
	}
	WatchDir *d = &w->dirs[w->dir_count++];
	memset(d, 0, sizeof(*d));
	d->wd = wd;
	d->role = role;
	return d;
}

/* The kernel dropped the watch (the folder is gone): drop every role it had. */
static void forget(Watch *w, int wd)
{
	size_t out = 0;
	for (size_t i = 0; i < w->dir_count; i++) {
		if (w->dirs[i].wd == wd) {
			free(w->dirs[i].path);
			continue;
		}
		w->dirs[out++] = w->dirs[i];
	}
	w->dir_count = out;
}

/* inotify_add_watch with the one log line a failure deserves. ENOENT and ENOTDIR are not
 * failures: the folder went away (or is a file) between its event and now. */
static int add_watch(Watch *w, const char *path, uint32_t mask)
{
	int wd = inotify_add_watch(w->inotify_fd, path, mask);
	if (wd >= 0 || errno == ENOENT || errno == ENOTDIR)
		return wd;
	if (errno == ENOSPC) {
		if (!w->warned_limit)
			log_warn(
			    "cannot watch %s for changes: too many folders watched "
			    "(raise fs.inotify.max_user_watches); changes there are not noticed",
			    path);
		w->warned_limit = true;
	} else {
		log_warn("cannot watch %s for changes: %s", path, strerror(errno));
	}
	return -1;
}

static bool is_dir_entry(const char *dir, const struct dirent *e)
{
	if (e->d_type == DT_DIR)
		return true;
	if (e->d_type != DT_UNKNOWN && e->d_type != DT_LNK)
		return false;
	char *path = path_join(dir, e->d_name);
	bool dir_ok = path_is_dir(path);
	free(path);
	return dir_ok;
}

/* Watches `path` and every folder below it. The watch is added before the folder is
 * listed, so a sub-folder made in between is seen either here or as an event. */
static void add_tree_at(Watch *w, const char *path, int depth)
{
	int wd = add_watch(w, path, CONTENT_MASK);
	if (wd < 0)
		return;
	WatchDir *d = find_dir(w, wd, ROLE_CONTENT);
	if (d && d->scan == w->scan)
		return; /* reached twice in one pass: a symlink loop or two names for it */
	if (!d)
		d = add_dir(w, wd, ROLE_CONTENT);
	/* A renamed folder keeps its wd: its new path is the one to join names to. */
	free(d->path);
	d->path = xstrdup(path);
	d->scan = w->scan;
	if (depth >= MAX_DEPTH)
		return;
	DIR *dir = opendir(path);
	if (!dir)
		return;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.' || !is_dir_entry(path, e))
			continue;
		char *sub = path_join(path, e->d_name);
		add_tree_at(w, sub, depth + 1);
		free(sub);
	}
	closedir(dir);
}

static void add_tree(Watch *w, const char *path)
{
	w->scan++;
	add_tree_at(w, path, 0);
}

/* A folder moved out of a watched one keeps its inotify watch wherever it went: stop
 * watching it and everything below it. If it was only moved inside the tree, its
 * IN_MOVED_TO watches it again under the new name. Its IN_IGNORED events clean the table. */
static void unwatch_tree(Watch *w, const char *path)
{
	size_t n = strlen(path);
	for (size_t i = 0; i < w->dir_count; i++) {
		const WatchDir *d = &w->dirs[i];
		if (d->role != ROLE_CONTENT || strncmp(d->path, path, n) != 0 ||
		    (d->path[n] != '\0' && d->path[n] != '/'))
			continue;
		bool is_parent = false;
		for (size_t t = 0; t < w->top_count && !is_parent; t++)
			is_parent = has_parent_watch(w, d->wd, t);
		if (!is_parent)
			inotify_rm_watch(w->inotify_fd, d->wd);
	}
}

/* A top folder and its parent's watch for its name. False when neither could be
 * watched (the folder and its parent do not exist). */
static bool add_top(Watch *w, size_t top)
{
	const char *path = w->tops[top];
	bool parent_ok = false;
	if (strcmp(path, "/") != 0) {
		char *parent = path_dirname(path);
		int wd = add_watch(w, parent, PARENT_MASK);
		if (wd >= 0 && !has_parent_watch(w, wd, top)) {
			WatchDir *d = add_dir(w, wd, ROLE_PARENT);
			d->top = top;
		}
		parent_ok = wd >= 0;
		free(parent);
	}
	add_tree(w, path);
	return parent_ok || path_is_dir(path);
}

/* ---- the thread -------------------------------------------------------------------- */

/* Reads every queued inotify event. True when one of them changes what the kiosk shows. */
static bool read_changes(Watch *w)
{
	/* Aligned for struct inotify_event, as inotify(7) asks. */
	_Alignas(struct inotify_event) char buf[4096];
	bool changed = false;
	for (;;) {
		ssize_t n = read(w->inotify_fd, buf, sizeof(buf));
		if (n <= 0)
			break; /* EAGAIN: all read (the descriptor does not block) */
		for (char *at = buf; at < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)(void *)at;
			at += sizeof(struct inotify_event) + ev->len;
			const char *name = ev->len > 0 ? ev->name : "";
			if (ev->mask & IN_Q_OVERFLOW) {
				/* Events were lost, new folders among them perhaps: look again. */
				for (size_t t = 0; t < w->top_count; t++)
					add_tree(w, w->tops[t]);
				changed = true;
				continue;
			}
			if (ev->mask & IN_IGNORED) {
				forget(w, ev->wd);
				continue;
			}
			for (size_t t = 0; t < w->top_count; t++) {
				if (!has_parent_watch(w, ev->wd, t) ||
				    strcmp(name, w->top_names[t]) != 0)
					continue;
				changed = true;
				/* Gone first, then (maybe) back: the kernel queues them in order,
				 * so the old watches are dropped before the new ones exist. */
				if (ev->mask & IN_MOVED_FROM)
					unwatch_tree(w, w->tops[t]);
				if (ev->mask & (IN_CREATE | IN_MOVED_TO))
					add_tree(w, w->tops[t]);
			}
			WatchDir *d = find_dir(w, ev->wd, ROLE_CONTENT);
			if (!d || name[0] == '.')
				continue; /* not ours, or a temporary file: its rename will come */
			changed = true;
			if (!(ev->mask & IN_ISDIR))
				continue;
			char *sub = path_join(d->path, name);
			if (ev->mask & (IN_CREATE | IN_MOVED_TO))
				add_tree(w, sub); /* may move the table: d is not used after this */
			else if (ev->mask & IN_MOVED_FROM)
				unwatch_tree(w, sub);
			free(sub);
		}
	}
	return changed;
}

static void notify_app(Watch *w)
{
	SDL_Event e;
	SDL_zero(e);
	e.type = w->event_type;
	e.user.type = w->event_type;
	if (SDL_PushEvent(&e) < 0)
		log_warn("content changed, but the kiosk could not be told: %s", SDL_GetError());
}

/* Waits for changes, then for quiet, then tells the app; until the stop eventfd is
 * readable. The only timeout is the end of a pending quiet time. */
static void *run(void *arg)
{
	Watch *w = arg;
	bool pending = false;
	uint64_t first = 0, last = 0;
	for (;;) {
		int timeout = -1;
		if (pending) {
			uint64_t due = last + WATCH_QUIET_MS;
			if (due > first + WATCH_MAX_WAIT_MS)
				due = first + WATCH_MAX_WAIT_MS;
			uint64_t now = now_ms();
			timeout = due > now ? (int)(due - now) : 0;
		}
		struct pollfd fds[2] = {
		    {.fd = w->stop_fd, .events = POLLIN},
		    {.fd = w->inotify_fd, .events = POLLIN},
		};
		int r = poll(fds, 2, timeout);
		if (r < 0 && errno != EINTR) {
			log_error("watching the content for changes stopped: %s", strerror(errno));
			break;
		}
		if (fds[0].revents)
			break;
		if (fds[1].revents & (POLLERR | POLLHUP | POLLNVAL)) {
			log_error("watching the content for changes stopped: the inotify "
			          "descriptor failed");
			break;
		}
		uint64_t now = now_ms();
		if ((fds[1].revents & POLLIN) && read_changes(w)) {
			if (!pending)
				first = now;
			pending = true;
			last = now;
		}
		if (pending && (now >= last + WATCH_QUIET_MS || now >= first + WATCH_MAX_WAIT_MS)) {
			pending = false;
			notify_app(w);
		}
	}
	return NULL;
}

/* ---- create / destroy -------------------------------------------------------------- */

/* "content/" -> "content", "/" stays "/". */
static char *trim_slashes(const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	return xstrndup(path, n);
}

static char *last_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return xstrdup(slash && slash[1] ? slash + 1 : path);
}

Watch *watch_create(const char *const *dirs, size_t n, uint32_t sdl_event_type)
{
	if (!dirs || n == 0)
		return NULL;
	Watch *w = xcalloc(1, sizeof(Watch));
	w->event_type = sdl_event_type;
	w->inotify_fd = -1;
	w->stop_fd = -1;
	w->tops = xcalloc(n, sizeof(char *));
	w->top_names = xcalloc(n, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		w->tops[i] = trim_slashes(dirs[i] ? dirs[i] : ".");
		w->top_names[i] = last_name(w->tops[i]);
	}
	w->top_count = n;

	w->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->inotify_fd < 0) {
		log_warn("cannot watch the content for changes (inotify: %s): restart the kiosk "
		         "after changing pages",
		         strerror(errno));
		return w;
	}
	w->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (w->stop_fd < 0) {
		log_warn("cannot watch the content for changes (eventfd: %s): restart the kiosk "
		         "after changing pages",
		         strerror(errno));
		goto no_thread;
	}
	for (size_t i = 0; i < n; i++) {
		bool exists = path_is_dir(w->tops[i]);
		if (!add_top(w, i))
			log_warn("cannot watch %s for changes: neither it nor its parent folder "
			         "exists",
			         w->tops[i]);
		else if (!exists)
			log_warn(
			    "folder %s does not exist (yet): it is watched for when it appears",
			    w->tops[i]);
	}
	int err = pthread_create(&w->thread, NULL, run, w);
	if (err != 0) {
		log_warn("cannot watch the content for changes (thread: %s): restart the kiosk "
		         "after changing pages",
		         strerror(err));
		goto no_thread;
	}
	w->running = true;
	return w;

no_thread:
	/* The app still runs; the watch just never fires. */
	if (w->stop_fd >= 0)
		close(w->stop_fd);
	close(w->inotify_fd);
	w->stop_fd = w->inotify_fd = -1;
	return w;
}

void watch_destroy(Watch *w)
{
	if (!w)
		return;
	if (w->running) {
		uint64_t one = 1;
		if (write(w->stop_fd, &one, sizeof(one)) != (ssize_t)sizeof(one)) {
			/* Cannot happen with a fresh eventfd; poll() is a cancellation point. */
			log_error("cannot stop the content watch: %s", strerror(errno));
			pthread_cancel(w->thread);
		}
		pthread_join(w->thread, NULL);
	}
	if (w->stop_fd >= 0)
		close(w->stop_fd);
	if (w->inotify_fd >= 0)
		close(w->inotify_fd);
	for (size_t i = 0; i < w->dir_count; i++)
		free(w->dirs[i].path);
	free(w->dirs);
	for (size_t i = 0; i < w->top_count; i++) {
		free(w->tops[i]);
		free(w->top_names[i]);
	}
	free(w->tops);
	free(w->top_names);
	free(w);
}
