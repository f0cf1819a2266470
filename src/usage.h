/* usage: anonymous usage figures for the council, one JSON object per line appended to a
 * file (JSON Lines), and the reader that turns the file back into events for the report.
 * Core module: no SDL.
 *
 * Every line is a flat object of string and integer values, "t" (Unix seconds, never finer)
 * and "type" first, and "kiosk" (the site's kiosk id) last when one is set: {"t":1714550400,"type":"page_view","lang":"en","page":"rights.md",...}.
 * Nothing personal is written: no typed text, no PIN, no names, no finer times.
 *
 * Event types and fields, as the typed helpers below write them:
 *   session_start   lang
 *   session_end     reason ("idle", "staff", "quit"), s (whole seconds the session lasted)
 *   page_view       lang, page, screen, s (seconds on that screen; written when the
 *                   visitor leaves the screen)
 *   listen          lang, page, screen        (the Listen button or key)
 *   stop            lang, page, screen        (speech stopped by the visitor)
 *   replay          lang, page, screen, row   (one row read again)
 *   setting         name, value               (e.g. "text_size" "large", "volume" "60")
 *   input           method ("touch", "keys", "switch"); once per session per method
 *   language        lang                      (the visitor chose a language)
 *   idle_warning    continued (1: the visitor answered, 0: the kiosk reset)
 *   qr_view         lang, page                (the page's Take it home QR code shown)
 *   print           lang, page, ok (1: the printer took it, 0: it did not)
 *   help_call       lang, page                (Call someone to help me: a new call)
 * Screens and rows are 1-based in the file, as a person counts them; the helpers take the
 * 0-based indexes the program uses (Nav's screen) and add one.
 * The report counts an idle reset as a session_end with reason "idle". */
#ifndef USAGE_H
#define USAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { USAGE_STR, USAGE_INT } UsageKind;

/* One field of an event to write. Keys are plain ASCII names chosen by the program. */
typedef struct {
	const char *key;
	UsageKind kind;
	const char *s; /* USAGE_STR: any UTF-8 (escaped on write); NULL writes "" */
	long long i;   /* USAGE_INT */
} UsageField;

#define USAGE_S(k, v) ((UsageField){.key = (k), .kind = USAGE_STR, .s = (v)})
#define USAGE_I(k, v) ((UsageField){.key = (k), .kind = USAGE_INT, .i = (long long)(v)})

typedef enum { USAGE_TOUCH, USAGE_KEYS, USAGE_SWITCH, USAGE_INPUT_COUNT } UsageInput;

typedef struct UsageLog UsageLog;

/* $XDG_DATA_HOME/easyread-kiosk/usage.jsonl, else ~/.local/share/easyread-kiosk/usage.jsonl
 * (HOME from the environment); NULL when neither variable is set. The caller frees it. */
char *usage_default_path(void);

/* Opens path for appending, creating it and its folder if needed. Returns a log (destroy
 * with usage_close) even when the file cannot be opened yet: one warning is logged and later
 * events try again, so a missing USB disk or a full disk never stops the kiosk. A NULL path
 * (no default path) gives NULL, which every usage_* call accepts: figures switched off. */
UsageLog *usage_open(const char *path);
void usage_close(UsageLog *log); /* NULL is a no-op */
/* The site's kiosk id ([kiosk] id): every line written after this ends with "kiosk":id, so
 * the files of fifty kiosks can be merged by kiosk --report. NULL or "" writes none. */
void usage_set_kiosk(UsageLog *log, const char *id);
/* True when the last open or write worked. */
bool usage_ok(const UsageLog *log);

/* Appends one event: "t", "type", then the fields in order, as one line in one write(),
 * then fdatasync, so a power cut loses at most the event being written (its torn line is
 * skipped by usage_read). Returns false when it was not written: a warning is logged once
 * per failure spell, and the file is tried again 60 s (of event time) later; events in
 * between are dropped. log may be NULL (usage figures switched off): returns false. */
bool usage_event(UsageLog *log, uint64_t unix_s, const char *type, const UsageField *fields,
                 size_t n);

/* The typed helpers: the only events the kiosk writes (see the table at the top). */
bool usage_session_start(UsageLog *log, uint64_t t, const char *lang);
bool usage_session_end(UsageLog *log, uint64_t t, const char *reason, long long seconds);
bool usage_page_view(UsageLog *log, uint64_t t, const char *lang, const char *page, int screen,
                     long long seconds);
bool usage_listen(UsageLog *log, uint64_t t, const char *lang, const char *page, int screen);
bool usage_stop(UsageLog *log, uint64_t t, const char *lang, const char *page, int screen);
bool usage_replay(UsageLog *log, uint64_t t, const char *lang, const char *page, int screen,
                  int row);
bool usage_setting(UsageLog *log, uint64_t t, const char *name, const char *value);
/* Written only the first time a method is used in a session (usage_session_start clears
 * the memory), so the report can count sessions that used switches. True when written or
 * already written this session. */
bool usage_input(UsageLog *log, uint64_t t, UsageInput method);
bool usage_language(UsageLog *log, uint64_t t, const char *lang);
bool usage_idle_warning(UsageLog *log, uint64_t t, bool continued);
/* What visitors take away, and calls for a person (share.c). ok: USAGE_PRINT only. */
typedef enum { USAGE_QR_VIEW, USAGE_PRINT, USAGE_HELP_CALL } UsageTakeAway;
bool usage_take_away(UsageLog *log, uint64_t t, UsageTakeAway what, const char *lang, const char *page, bool ok);
const char *usage_input_name(UsageInput method);

/* Reading back. */

typedef struct {
	char *key;
	UsageKind kind;
	char *s; /* USAGE_STR */
	long long i;
} UsageValue;

typedef struct {
	long long t;
	char *type;
	UsageValue *fields; /* everything after "type", in file order */
	size_t n;
	int source; /* which file (rotations of one file count as one), for merged reports */
} UsageEvent;

typedef struct {
	UsageEvent *ev;
	size_t count, cap;
} UsageEvents;

/* Reads every line of path into out (appending; start from a zeroed UsageEvents). A line
 * that is not exactly one flat object with an integer "t" and a string "type" (a line torn
 * by a power cut, a hand edit) is skipped and counted in *skipped (may be NULL); blank
 * lines are ignored. Returns false, with a log line, only when the file cannot be read. */
bool usage_read(const char *path, UsageEvents *out, size_t *skipped);
/* Parses one line (without its newline) into ev; false if it is not a valid event. The
 * caller frees a good one with usage_event_free. */
bool usage_parse_line(const char *line, size_t len, UsageEvent *ev);
void usage_event_free(UsageEvent *ev);
void usage_events_free(UsageEvents *evs);
/* A field's value, or NULL / false when the event has no such field of that kind. */
const char *usage_event_str(const UsageEvent *ev, const char *key);
bool usage_event_int(const UsageEvent *ev, const char *key, long long *out);

#endif
