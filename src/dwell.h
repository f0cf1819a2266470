/* dwell: pressing by pointing and keeping still, for visitors who can point but not click
 * (a head mouse, a joystick used as a mouse, an eye tracker). A pure state machine over the
 * screen's targets: core module, no SDL. Every call takes `now` in milliseconds from a
 * monotonic clock (the app's clock, a plain counter in the tests); nothing here waits.
 *
 * The rules (the anchors: AsTeRICS Grid 1,000 ms, the CoughDrop family 1,200 ms, OptiKey
 * 1,250 ms):
 *   - Resting the pointer on a target for cfg.ms presses it (DWELL_PRESS). The ring that
 *     shows the progress appears only after start_ms, so a pointer passing over targets on
 *     its way somewhere does not flash rings everywhere.
 *   - Grace: leaving the target for less than grace_ms (a glance, a jerk of the head) keeps
 *     the progress; it goes on when the pointer comes back. Away longer: it is lost, and the
 *     target the pointer is on now starts filling (counted from when the pointer got there).
 *   - Tremor: the pointer counts as still on a target while it stays within still_px of the
 *     target's edges, so a shaking hand at the edge of a button does not reset it.
 *   - Dead time: after a new screen (dwell_set_targets with new_screen) nothing fills for
 *     dead_ms, so the new screen's button under the pointer is not pressed by accident
 *     (AsTeRICS Grid issue #24).
 *   - Never twice: after a press (or a click or tap) nothing fills until the pointer has
 *     left what was pressed (its place then, beyond still_px), even if the screen changed
 *     under the still pointer or was laid out again (a bigger text size).
 *   - Walk-up: while dwell is off (cfg.ms == 0), a pointer that keeps moving for offer_s
 *     with no press of any kind (no click, touch, key or switch) makes dwell_tick return
 *     DWELL_OFFER once per visitor: the app asks whether to turn dwell on.
 *
 * How the app drives it:
 *   - at start: dwell_config_defaults + kiosk.ini's [input] dwell_* keys (dwell_config_set),
 *     dwell_init.
 *   - whenever the targets on screen change: dwell_set_targets (new_screen: a different
 *     screen, not only labels changing). Smaller targets first: the first that contains the
 *     pointer is the one pressed.
 *   - mouse motion (not touch): dwell_pointer; pointer left the window: dwell_pointer_gone.
 *   - any press the visitor made (click, touch, key, switch): dwell_pressed.
 *   - waiting: dwell_next_deadline (UINT64_MAX: only input changes anything); then
 *     dwell_tick, and on DWELL_PRESS do what a tap at (x, y) on target id does.
 *   - drawing: dwell_ring gives the target and how full its ring is.
 *   - the reset between visitors: dwell_reset (the offer may come again). */
#ifndef DWELL_H
#define DWELL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DWELL_MAX_TARGETS 128 /* more on one screen are not pressable by dwell (logged) */
#define DWELL_MIN_MS 500
#define DWELL_MAX_MS 3000

typedef struct {
	int ms;         /* dwell time: 0 = off (the shipped default), else 500..3000 */
	int visitor_ms; /* what a visitor gets by turning dwell on (Settings, the walk-up offer):
	                 * 500..3000, default 1200 */
	int start_ms;   /* the ring shows after this much rest: 0..1000, default 100 */
	int grace_ms;   /* a glance away shorter than this keeps the progress: 0..2000, default 300 */
	int dead_ms;    /* after a new screen nothing fills for this long: 0..5000, default 1000 */
	int still_px;   /* movement this close to a target's edges counts as still: 0..200, default 12 */
	int offer_s;    /* walk-up: moving with no press this long offers dwell: 0 (never)..600,
	                 * default 20 */
} DwellConfig;

typedef struct {
	int id; /* the app's number for it; < 0: an area, not a button (the whole attract
	         * screen): after its press, moving 4 x still_px from there counts as leaving */
	int x, y, w, h;
} DwellTarget;

typedef enum { DWELL_NONE, DWELL_PRESS, DWELL_OFFER } DwellEventType;

typedef struct {
	DwellEventType type;
	int id;   /* PRESS: the target */
	int x, y; /* PRESS: where to press: the pointer, or the target's centre if the pointer
	           * is just outside it (tremor) */
} DwellEvent;

/* Internal state, visible so the app can hold it by value; use the functions. */
typedef struct {
	DwellConfig cfg;
	DwellTarget targets[DWELL_MAX_TARGETS];
	size_t count;
	bool has_pointer;
	int px, py;
	bool on;            /* a target is being dwelt on (cur) */
	DwellTarget cur;
	uint64_t since;     /* when the current stretch of rest on cur began */
	uint64_t held;      /* progress kept from before a glance away */
	bool away;          /* the pointer left cur at away_at (grace running) */
	uint64_t away_at;
	bool cand_on;       /* during the grace: the target the pointer is on now */
	DwellTarget cand;
	uint64_t cand_since;
	uint64_t dead_until;
	bool spent_on;      /* pressed (or clicked): not again until the pointer leaves it */
	DwellTarget spent;
	/* walk-up */
	bool offered;
	bool moving;
	uint64_t moving_since, last_move;
	int moves, ax, ay;
} DwellState;

void dwell_config_defaults(DwellConfig *c);
void dwell_config_clamp(DwellConfig *c);
/* One key=value of kiosk.ini's [input] section: dwell_ms, dwell_visitor_ms,
 * dwell_start_ms, dwell_grace_ms, dwell_after_change_ms, dwell_still_px, dwell_offer_s
 * (whole numbers; dwell_ms 0 = off, 1..499 becomes 500). Returns false for another key or an
 * unreadable value (the previous value stays; the caller names file:line). */
bool dwell_config_set(DwellConfig *c, const char *key, const char *value);
/* Whether key is one of dwell_config_set's keys. */
bool dwell_config_key(const char *key);
/* The visitor's Settings button cycles through these: off, 1.2 s (visitor_ms), 2 s, 3 s,
 * 0.8 s, off. Returns the next dwell time after ms. */
int dwell_next_choice(int ms, int visitor_ms);

void dwell_init(DwellState *d, const DwellConfig *cfg);
/* New settings (a visitor's choice, the reset). Turning dwell on or off loses any progress. */
void dwell_set_config(DwellState *d, const DwellConfig *cfg, uint64_t now);
bool dwell_is_on(const DwellState *d);

/* The targets now on screen (copied), smaller first. new_screen: a different screen, so the
 * dead time starts and any progress is lost; otherwise (the same screen laid out again) a
 * target kept with the same id and place keeps its progress. */
void dwell_set_targets(DwellState *d, const DwellTarget *t, size_t n, bool new_screen,
                       uint64_t now);
void dwell_pointer(DwellState *d, int x, int y, uint64_t now);
void dwell_pointer_gone(DwellState *d, uint64_t now);
/* The visitor pressed something (click, touch, key, switch): what is under the pointer now
 * counts as pressed (no dwell press on top of the click), and the walk-up offer waits. */
void dwell_pressed(DwellState *d, uint64_t now);
/* Time passed: ends a grace, presses a target, offers dwell. */
DwellEvent dwell_tick(DwellState *d, uint64_t now);
/* When dwell_tick must next be called; UINT64_MAX when only input changes anything. */
uint64_t dwell_next_deadline(const DwellState *d);
/* A ring is filling (or about to show): redraw it often until this is false. */
bool dwell_busy(const DwellState *d);
/* The ring to draw: true with the target id and its progress 0..1 when one shows. */
bool dwell_ring(const DwellState *d, uint64_t now, int *id, double *progress);
/* A new visitor: no progress, nothing spent, the walk-up offer may come again. */
void dwell_reset(DwellState *d, uint64_t now);

#endif
