/* session: one visitor's time at the kiosk as a small state machine: the attract screen,
 * the active visit, the "Are you still there?" countdown, and the staff PIN pad.
 * Core module: no SDL. Every call takes `now` in milliseconds from a monotonic clock
 * (SDL_GetTicks64 in the app, a plain counter in the tests), so nothing here waits.
 *
 * How the app drives it:
 *   - at start: session_init(); show the attract screen; if !session_pin_set() log a warning.
 *   - every visitor press (finger down, key down, switch down): a = session_input(now).
 *     If a has SESSION_ACT_CONSUMED the press (and its matching release) must not reach the
 *     page: it only woke the kiosk or answered the warning.
 *   - finger down / up in the top-left corner: session_staff_hold_begin / _end (as well as
 *     session_input). Ctrl+Alt+Q: session_staff_request(now, SESSION_GOAL_QUIT).
 *   - in PIN_ENTRY, digits, Backspace, Enter and Escape (keyboard or on-screen pad) go to
 *     session_pin_digit / _backspace / _enter / _cancel instead of the page.
 *   - in STAFF (the staff menu is open) input goes to the menu; call session_staff_done()
 *     when it closes without quitting.
 *   - while the visitor's own speech plays (Listen, a tapped row, a scan label; not paused,
 *     not the warning itself): session_reading(true, now), and false when it stops, so a
 *     long page read aloud never counts as idle time (the timer starts when it ends).
 *   - the loop waits until session_next_deadline(now) (UINT64_MAX: wait for input only),
 *     then calls session_tick(now) and acts on what it returns.
 * Actions come back as a bit set; act on them in the order they are listed below. */
#ifndef SESSION_H
#define SESSION_H

#include <stdbool.h>
#include <stdint.h>

#define SESSION_PIN_MAX 12

typedef enum {
	SESSION_ATTRACT,   /* the calm start screen; no timers run */
	SESSION_ACTIVE,    /* a visitor is using the kiosk; the idle timer runs */
	SESSION_WARNING,   /* "Are you still there?" with a countdown */
	SESSION_PIN_ENTRY, /* the staff number pad (may be locked after wrong PINs) */
	SESSION_STAFF,     /* the staff menu is open (after a good PIN) */
} SessionState;

/* What the staff asked for: the corner hold opens the staff menu, Ctrl+Alt+Q quits. */
typedef enum { SESSION_GOAL_MENU, SESSION_GOAL_QUIT } SessionGoal;

typedef enum {
	SESSION_ACT_NONE = 0,
	SESSION_ACT_CONSUMED = 1 << 0,      /* the press must not also act on the page */
	SESSION_ACT_RESET = 1 << 1,         /* stop speech and scanning, default settings and
	                                     * volume, clear the history */
	SESSION_ACT_SHOW_ATTRACT = 1 << 2,  /* show the attract screen */
	SESSION_ACT_OPEN_HOME = 1 << 3,     /* a new visitor: open the home page */
	SESSION_ACT_SHOW_WARNING = 1 << 4,  /* show the full-screen countdown prompt */
	SESSION_ACT_SPEAK_WARNING = 1 << 5, /* speak it (this stops other speech) */
	SESSION_ACT_COUNTDOWN = 1 << 6,     /* the seconds left changed: redraw the number */
	SESSION_ACT_CONTINUE = 1 << 7,     /* close the prompt or pad: back where the visitor was */
	SESSION_ACT_SHOW_PIN_PAD = 1 << 8, /* show the staff number pad (drop any touch in
	                                    * progress: the finger that held the corner) */
	SESSION_ACT_PIN_REDRAW = 1 << 9,   /* digit count or lock state changed: redraw the pad */
	SESSION_ACT_PIN_WRONG = 1 << 10,   /* wrong PIN: say so on the pad */
	SESSION_ACT_PIN_LOCKED = 1 << 11,  /* too many wrong PINs: the pad is locked for now */
	SESSION_ACT_PIN_OK = 1 << 12,      /* good PIN (or no PIN set): one of the two below */
	SESSION_ACT_STAFF_MENU = 1 << 13,  /* open the staff menu (quit, reload content, back) */
	SESSION_ACT_QUIT = 1 << 14,        /* leave the kiosk program */
} SessionAction;

typedef unsigned SessionActions; /* SessionAction bits, or-ed together */

typedef struct {
	int idle_timeout_s; /* no input for this long shows the warning: 20..3600, default 90 */
	int warning_s;      /* the countdown: 20..600, default 30 (WCAG 2.2.1 wants >= 20 s) */
	char pin[SESSION_PIN_MAX + 1]; /* 4..12 digits, or empty (no pin line): no PIN needed */
	bool pin_broken; /* a pin line was not 4..12 digits (even empty): the staff exit stays
	                  * closed, because a broken PIN must never mean "no PIN" */
	char pin_hash[128];            /* site_pin_hash's "$y$..." (kiosk --set-pin); wins over pin */
	int pin_max_tries;             /* wrong PINs before the pad locks: 1..20, default 5 */
	int lockout_s;                 /* how long it stays locked: 10..3600, default 60 */
	int pin_timeout_s; /* pad or staff menu with no input closes: 10..600, default 30 */
	int staff_hold_s;  /* how long to hold the corner: 2..30, default 5 */
} SessionConfig;

typedef struct {
	SessionConfig cfg;
	SessionState state;
	SessionState back_to; /* where the pad or staff menu returns: ATTRACT or ACTIVE */
	uint64_t idle_since;  /* ACTIVE: the last input (or the end of a reading) */
	bool reading;         /* the visitor's own speech is playing: the idle timer waits */
	uint64_t warning_end; /* WARNING: when the countdown reaches zero */
	int shown_s;          /* WARNING: the number on screen */
	bool holding;         /* a finger is on the staff corner */
	uint64_t hold_since;
	SessionGoal goal;                /* PIN_ENTRY: what a good PIN does */
	uint64_t pad_since;              /* PIN_ENTRY, STAFF: the last input there */
	char entry[SESSION_PIN_MAX + 1]; /* digits typed so far, zero padded; wiped after use */
	int entry_len;
	int wrong;             /* wrong PINs since the last good one or the last lockout */
	uint64_t locked_until; /* 0, or the pad stays locked before this time */
} Session;

void session_config_defaults(SessionConfig *c);
/* One key=value of kiosk.ini's [session] section: idle_timeout_s, warning_s, pin, pin_hash,
 * pin_max_tries, lockout_s, pin_timeout_s, staff_hold_s. Returns false for an unknown
 * key or a bad value, keeping the previous value (the caller names file:line; it must
 * not print the value of "pin"). */
bool session_config_set(SessionConfig *c, const char *key, const char *value);

/* Starts on the attract screen with no timers running. */
void session_init(Session *s, const SessionConfig *cfg, uint64_t now);

/* A visitor press of any kind. ATTRACT: OPEN_HOME | CONSUMED. WARNING: CONTINUE |
 * CONSUMED. ACTIVE: restarts the idle timer, NONE. PIN_ENTRY, STAFF: keeps the pad or menu
 * open, CONSUMED (the app routes the press to the pad or menu, never to the page). */
SessionActions session_input(Session *s, uint64_t now);
/* Activity that is not a press (the visitor's speech ended): restarts the idle timer in
 * ACTIVE only; never wakes the attract screen or answers the warning. */
void session_keep_alive(Session *s, uint64_t now);
/* The visitor's speech started (true) or stopped or paused (false). While it plays, an
 * ACTIVE visit never times out; when it stops, the idle timer starts again from `now`.
 * Never wakes the attract screen or answers the warning. Calls that change nothing are
 * harmless. */
void session_reading(Session *s, bool reading, uint64_t now);
/* Timers: the warning, its countdown and end, the corner hold, the pad timeout, the end
 * of a lockout. Call when session_next_deadline() has passed (extra calls are harmless). */
SessionActions session_tick(Session *s, uint64_t now);
/* When session_tick next has something to do; UINT64_MAX when only input can change
 * anything (the attract screen, or nothing timed pending). Never earlier than `now`
 * unless that time has already passed (then it returns a time <= now: tick at once). */
uint64_t session_next_deadline(const Session *s, uint64_t now);

/* The number to show on the countdown (whole seconds, rounded up); 0 outside WARNING. */
int session_countdown_s(const Session *s, uint64_t now);

/* The hidden staff gesture: a finger down / up on the top-left corner. Held for
 * staff_hold_s, session_tick opens the pad as session_staff_request(GOAL_MENU) would. */
void session_staff_hold_begin(Session *s, uint64_t now);
void session_staff_hold_end(Session *s, uint64_t now);
/* Opens the PIN pad: SHOW_PIN_PAD (| PIN_LOCKED while a lockout lasts). With no PIN set
 * it is PIN_OK | STAFF_MENU or PIN_OK | QUIT at once (the app warned at start). */
SessionActions session_staff_request(Session *s, uint64_t now, SessionGoal goal);
/* The pad. Digits: PIN_REDRAW (PIN_LOCKED, ignored, while locked). Enter: PIN_OK |
 * STAFF_MENU or QUIT, or PIN_WRONG (| PIN_LOCKED on the last allowed try). Cancel: back
 * where it was (CONTINUE, or SHOW_ATTRACT). The typed digits are wiped after Enter or
 * Cancel; the count of wrong tries and a lockout survive leaving the pad. */
SessionActions session_pin_digit(Session *s, uint64_t now, int digit);
SessionActions session_pin_backspace(Session *s, uint64_t now);
SessionActions session_pin_enter(Session *s, uint64_t now);
SessionActions session_pin_cancel(Session *s, uint64_t now);
/* The staff menu closed without quitting (e.g. after reloading content): CONTINUE or
 * SHOW_ATTRACT, back to where it was opened. */
SessionActions session_staff_done(Session *s, uint64_t now);

bool session_pin_set(const Session *s);
/* Digits typed on the pad so far (to draw that many dots; the digits stay private). */
int session_pin_length(const Session *s);
bool session_pin_locked(const Session *s, uint64_t now);
/* Whole seconds left of a lockout, rounded up; 0 when not locked. */
int session_lockout_s(const Session *s, uint64_t now);
const char *session_state_name(SessionState state);

#endif
