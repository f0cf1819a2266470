/* scan: switch scanning as a pure state machine, for visitors who bring their own switch
 * (a big button that a USB switch interface turns into a key press or a joystick button).
 * Core module: no SDL, no speech. Every call takes `now` in milliseconds from a monotonic
 * clock (SDL_GetTicks64 in the app, a plain counter in the tests); nothing here waits.
 *
 * Two modes:
 *  - SCAN_AUTO (one switch): the highlight moves by itself every interval; a press of
 *    either switch chooses what is highlighted. After `loops` rounds with no press the
 *    scan pauses; the next press resumes at the start (that press chooses nothing).
 *  - SCAN_STEP (two switches): switch 1 moves the highlight, switch 2 chooses. Nothing
 *    moves by itself, so it never pauses.
 * With more than SCAN_FLAT_MAX items in more than one group the scan first offers the
 * groups (the page rows, the navigation bar), then the items of the chosen group followed
 * by an "exit" step that goes back to the groups. In SCAN_AUTO a round through a group
 * with no press also goes back to the groups, so no group can trap the visitor.
 *
 * After a choice: an item is ACTIVATEd and the scan starts again at the first item or group
 * (on the new screen when the app calls scan_screen_changed, else at the next tick); an item
 * with waits_for_speech instead holds the highlight until its speech ends, then the scan
 * goes on with the next item (reading a page row by row). The exit step starts again at
 * the first group.
 *
 * Walk-up: while scanning is off (a touch kiosk), any accepted switch press starts it:
 * STARTED, the first highlight and SPEAK_HINT (one sentence on how it works). That press
 * chooses nothing. The scan waits for the hint to end (scan_speech_finished) or for another
 * press before it speaks the first label and starts moving. scan_reset (the kiosk's reset
 * between visitors) turns scanning off again.
 *
 * Presses: a press counts only when held for accept_ms (it is accepted at the moment it
 * reaches accept_ms, or on release if the caller's tick came late), and a press that
 * starts less than ignore_repeat_ms after the release of the last counted press of the
 * same switch is ignored (switch bounce, tremor). With held_steps, a held move switch in
 * SCAN_STEP moves again every hold_step_ms (never faster than one step per 2 s). A held
 * switch never repeats a choice. A press acts on what is highlighted when it is accepted.
 *
 * How the app drives it:
 *   - at start: scan_config_defaults + the site's values (scan_config_set per ini key),
 *     scan_init(); then scan_screen_changed() with the items of the screen shown.
 *   - every time the screen shown changes (new page, Back, Next, a new layout): build
 *     the item list (focusable, enabled boxes in focus order) and call
 *     scan_screen_changed(). While scanning, it restarts at the first item or group.
 *   - switch events: SDL_KEYDOWN/UP for the keys mapped to switch 1 and 2 (skip
 *     key.repeat: the OS repeat is not ours), SDL_JOYBUTTONDOWN/UP (and
 *     SDL_CONTROLLERBUTTONDOWN/UP) for the mapped buttons: scan_switch(sw, down, now).
 *     When the session consumed a press (it woke the kiosk), pass it on only while
 *     !scan_is_on(): the walk-up press never chooses anything.
 *   - when the speech started for SPEAK_HINT, or for ACTIVATE of an item with
 *     waits_for_speech, has ended: scan_speech_finished(). Not for labels.
 *   - the kiosk reset: scan_reset().
 *   - waiting: due = scan_next_deadline(); UINT64_MAX means "only input can change
 *     anything" (SDL_WaitEvent); otherwise SDL_WaitEventTimeout(due > now ? due - now : 0)
 *     (take the minimum with the other modules' deadlines), then scan_tick(now). Extra
 *     ticks are harmless. An idle or paused scan has no deadline, so the kiosk sleeps.
 *
 *	ScanActions acts;
 *	uint64_t due = scan_next_deadline(&app->scan);
 *	int wait = due == UINT64_MAX ? -1 : due <= now ? 0 : (int)MIN(due - now, INT_MAX);
 *	SDL_WaitEventTimeout(&ev, wait) (or SDL_WaitEvent when wait is -1); now = SDL_GetTicks64();
 *	if (ev is a down of the key or button mapped to switch 1) {
 *		scan_switch(&app->scan, 1, true, now, &acts);
 *		apply(app, &acts);
 *	}
 *	scan_tick(&app->scan, now, &acts);
 *	apply(app, &acts);
 * where apply() goes through acts.a[0..count) in order: HIGHLIGHT sets the focus ring,
 * SPEAK_LABEL / SPEAK_HINT speak .text (cutting off what speaks), ACTIVATE does what a tap
 * on box .target.id does (then scan_screen_changed if the screen changed), STOP_SPEECH
 * stops speech, STARTED / STOPPED / PAUSED / RESUMED may show or say the scan state.
 *
 * Every call that can act fills a ScanActions (count reset first); act on them in order.
 * The highlight is always exactly what the last HIGHLIGHT said (target NONE: no ring).
 * Start reading scan.c at press(). */
#ifndef SCAN_H
#define SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCAN_MAX_ITEMS 64   /* items per screen; more are not scanned (a warning is logged) */
#define SCAN_FLAT_MAX 7     /* up to this many items are scanned one by one, no groups */
#define SCAN_GROUPS 8       /* 0 = the page (rows, buttons), 1 = the navigation bar,
                             * 2.. = the rows of a menu's tile grid, top to bottom */
#define SCAN_GROUP_TILES 2  /* the group of the grid's first row of tiles */
#define SCAN_ACTIONS_MAX 16 /* no call produces more */

typedef enum { SCAN_AUTO, SCAN_STEP } ScanMode;

/* Ranges: values outside them are clamped by scan_config_clamp (scan_init and
 * scan_set_config clamp too). */
typedef struct {
	ScanMode mode;        /* default SCAN_AUTO (walk-up visitors often have one switch) */
	int interval_ms;      /* how long each highlight stays: 500..30000, default 1500 */
	int first_extra_ms;   /* added to the first position of each round: 0..10000, default 500 */
	int loops;            /* rounds with no press before SCAN_AUTO pauses: 0..20, default 3;
	                       * 0 = never pause */
	int accept_ms;        /* a press counts after being held this long: 0..2000, default 0 */
	int ignore_repeat_ms; /* presses starting this soon after the last counted release of the
	                       * same switch are ignored: 0..2000, default 300 */
	bool held_steps;      /* SCAN_STEP: a held move switch keeps moving; default false */
	int hold_step_ms;     /* time between those steps: 2000..15000, default 2000 */
	bool speak_labels; /* SPEAK_LABEL for every highlight (auditory scanning); default true */
	/* Words, borrowed, in the content language; NULL: English defaults. */
	const char *group_names[SCAN_GROUPS]; /* "The page", "Buttons at the bottom", "Row 1"... */
	const char *exit_name;                /* "Go back" */
	const char *hint_auto; /* "Press your switch when the thing you want lights up." */
	const char *hint_step; /* "Switch one moves the light, switch two chooses." */
} ScanConfig;

/* One thing the visitor can choose on the current screen. */
typedef struct {
	int id;                /* the app's number for it (the box index); >= 0 */
	int group;             /* 0..SCAN_GROUPS-1 */
	const char *label;     /* borrowed: short spoken name; must live until the next
	                        * scan_screen_changed */
	bool waits_for_speech; /* choosing it starts speech to hear through (a text row, Listen):
	                        * the scan waits for scan_speech_finished, then moves on */
} ScanItem;

typedef enum {
	SCAN_TARGET_NONE,  /* no highlight */
	SCAN_TARGET_ITEM,  /* id = the item's id, group = its group */
	SCAN_TARGET_GROUP, /* all items of group (ring around them), id = -1 */
	SCAN_TARGET_EXIT,  /* the way out of group (draw a "Go back" ring), id = -1 */
} ScanTargetKind;

typedef struct {
	ScanTargetKind kind;
	int id;
	int group;
} ScanTarget;

typedef enum {
	SCAN_ACT_HIGHLIGHT,   /* move the ring to target */
	SCAN_ACT_SPEAK_LABEL, /* speak text (the target's short name), cutting off what speaks */
	SCAN_ACT_ACTIVATE,    /* do what a tap on item target.id does */
	SCAN_ACT_SPEAK_HINT,  /* speak text: how scanning works; then call scan_speech_finished */
	SCAN_ACT_STOP_SPEECH, /* a press cut the hint or the reading short: stop speaking */
	SCAN_ACT_STARTED,     /* scanning is now on (show the switch mode, if shown) */
	SCAN_ACT_STOPPED,     /* scanning is off (after scan_reset or scan_stop) */
	SCAN_ACT_PAUSED,      /* rounds used up: no highlight until the next press */
	SCAN_ACT_RESUMED,     /* a press ended the pause */
} ScanActionType;

typedef struct {
	ScanActionType type;
	ScanTarget target; /* HIGHLIGHT, SPEAK_LABEL, ACTIVATE */
	const char *text;  /* SPEAK_LABEL, SPEAK_HINT (borrowed); NULL otherwise */
} ScanAction;

typedef struct {
	ScanAction a[SCAN_ACTIONS_MAX];
	size_t count;
} ScanActions;

/* Internal state, visible so the app can hold a ScanState by value; use the functions. */
typedef enum {
	SCAN_PHASE_OFF,     /* touch mode: a press starts scanning (walk-up) */
	SCAN_PHASE_HINT,    /* started by walk-up, waiting for the hint to be spoken */
	SCAN_PHASE_RUN,     /* highlighting */
	SCAN_PHASE_READING, /* a chosen item's speech is playing */
	SCAN_PHASE_RESTART, /* an item was activated: restart at the first position when due */
	SCAN_PHASE_PAUSED,  /* SCAN_AUTO rounds used up */
} ScanPhase;

typedef struct {
	bool down;          /* physically down */
	bool counted;       /* this press was accepted */
	bool ignored;       /* this press started inside the repeat window */
	bool repeating;     /* held_steps: this press moved, and moves again at repeat_at */
	bool released_once; /* released_at is valid */
	uint64_t down_at;
	uint64_t repeat_at;
	uint64_t released_at; /* release of the last counted press */
} ScanSwitch;

typedef struct {
	ScanConfig cfg;
	ScanItem items[SCAN_MAX_ITEMS];
	size_t item_count;
	ScanPhase phase;
	bool grouped; /* the screen is scanned by groups */
	int group;    /* -1: top level (groups, or all items when not grouped) */
	size_t pos;   /* position in the current level */
	int rounds;   /* SCAN_AUTO: completed top-level rounds since the last choice */
	uint64_t due; /* RUN (SCAN_AUTO): next move; RESTART: the restart; else UINT64_MAX */
	ScanSwitch sw[2];
} ScanState;

void scan_config_defaults(ScanConfig *c);
/* Clamps every value into its range and fills NULL words with the English defaults. */
void scan_config_clamp(ScanConfig *c);
/* One key=value of kiosk.ini's [scan] section: mode (auto|step), interval_s, first_extra_s,
 * hold_step_s (seconds, decimals allowed), loops, accept_ms, ignore_repeat_ms (whole
 * numbers), held_steps, speak_labels (yes|no|true|false|1|0). Out-of-range numbers are
 * clamped. Returns false for an unknown key or an unreadable value (the previous value
 * stays; the caller names file:line). */
bool scan_config_set(ScanConfig *c, const char *key, const char *value);

/* Scanning off, no items. cfg is copied and clamped. */
void scan_init(ScanState *s, const ScanConfig *cfg);
/* New settings (the staff menu, the reset between visitors). While scanning it restarts
 * at the first position, since the mode or times may have changed. */
void scan_set_config(ScanState *s, const ScanConfig *cfg, uint64_t now, ScanActions *out);

/* The items of the screen now shown, in scan order (copied; labels borrowed). While
 * scanning (not paused) this restarts at the first item or group: HIGHLIGHT, SPEAK_LABEL.
 * While off or paused it only remembers them; in the hint it only moves the ring. */
void scan_screen_changed(ScanState *s, const ScanItem *items, size_t count, uint64_t now,
                         ScanActions *out);
/* Switch sw (1 or 2) went down or up. */
void scan_switch(ScanState *s, int sw, bool down, uint64_t now, ScanActions *out);
/* Time passed: acceptance of a held press, held-switch steps, automatic moves. */
void scan_tick(ScanState *s, uint64_t now, ScanActions *out);
/* The hint or a chosen item's speech ended: scanning goes on (ignored otherwise). */
void scan_speech_finished(ScanState *s, uint64_t now, ScanActions *out);
/* Turns scanning on without a hint (a staff or settings choice): STARTED, first highlight.
 * Does nothing when already on. */
void scan_start(ScanState *s, uint64_t now, ScanActions *out);
/* Turns scanning off and forgets held switches (the kiosk reset between visitors):
 * HIGHLIGHT none, STOPPED (nothing when it was already off). Items and config stay. */
void scan_reset(ScanState *s, ScanActions *out);

/* When scan_tick must next be called, in the same clock as now; UINT64_MAX when only input
 * or speech can change anything. A time <= now means "tick at once". */
uint64_t scan_next_deadline(const ScanState *s);
bool scan_is_on(const ScanState *s);
/* Rounds used up with no press: the app shows and says "Press your switch to go on". */
bool scan_is_paused(const ScanState *s);
/* What is highlighted now (kind NONE when off, paused or no items). */
ScanTarget scan_current(const ScanState *s);

#endif
