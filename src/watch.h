/* watch: tells the app when files under the content or images folders have changed, so it
 * can reload them without a restart (a council copying new pages over a share, a sync
 * tool). Edge module (SDL, Linux inotify).
 *
 * A thread blocks on inotify for the given folders and every folder below them (new
 * sub-folders are watched as they appear), waits until the changes have stopped for
 * WATCH_QUIET_MS so that copying a hundred files is one reload, then pushes one SDL event
 * of the type the app registered. The app decides when it is safe to switch (see
 * content_reload): the watch only says "something changed".
 *
 * Noticed: files written and closed, created, deleted, renamed in or out, folders created
 * or deleted, and a watched folder itself being deleted, renamed or put back (its parent
 * folder is watched for that name). Not noticed: names starting with '.' (editors' and
 * sync tools' temporary files; their rename to the real name is noticed), metadata-only
 * changes (chmod, touch), and changes made by another machine on a network file system
 * mounted here (inotify only sees what this kernel writes: export the folder from the
 * kiosk instead, or restart after an update). */
#ifndef WATCH_H
#define WATCH_H

#include <stddef.h>
#include <stdint.h>

/* Changes closer together than this are one change. */
#define WATCH_QUIET_MS 1000
/* A folder that never stops changing (a log written into it) still gets a reload this
 * often. */
#define WATCH_MAX_WAIT_MS 30000

typedef struct Watch Watch;

/* Starts watching dirs[0..n) and everything below them. A folder that does not exist
 * (yet) is logged and watched for when it appears. When something changed and then stayed
 * quiet for WATCH_QUIET_MS, one SDL event with type `sdl_event_type` (from
 * SDL_RegisterEvents; SDL's event system must be initialised) is pushed, from the watch's
 * thread. When inotify cannot be used, says so once in the log and returns a Watch that
 * never fires, so the kiosk still runs. Returns NULL only when dirs is NULL or n is 0.
 * The strings are copied. Free with watch_destroy. */
Watch *watch_create(const char *const *dirs, size_t n, uint32_t sdl_event_type);
/* Stops the thread (at once, even in the middle of waiting for quiet) and frees the watch.
 * NULL is a no-op. An event already pushed stays in SDL's queue. */
void watch_destroy(Watch *w);

#endif
