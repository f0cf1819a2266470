/* session: privacy between visitors and the staff lock, as a pure state machine. The kiosk
 * must forget each visitor (EN 301 549 5.1.3.13: settings and volume back to the defaults,
 * history cleared) but never surprise one who is still reading, so silence first brings a
 * spoken "Are you still there?" with a countdown of at least 20 s (WCAG 2.2.1), and one press
 * continues. The machine only says what should happen (SessionAction bits); the app does it.
 * Start reading at session_tick, then session_input; the PIN pad is at the bottom.
 * Time is a millisecond count passed in by the caller, never read here, so the tests run a
 * ten-minute visit in microseconds and the app can sleep exactly until the next deadline. */
#include "session.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "site.h"

#define MS 1000u

void session_config_defaults(SessionConfig *c)
{
	memset(c, 0, sizeof(*c));
	c->idle_timeout_s = 90;
	c->warning_s = 30;
	c->pin_max_tries = 5;
	c->lockout_s = 60;
	c->pin_timeout_s = 30;
	c->staff_hold_s = 5;
}

static bool parse_int(const char *value, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(value, &end, 10);
	if (errno || end == value || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* A PIN is digits only, so it can be typed on the number pad and on any keyboard. An empty
 * value is not a PIN either: a site without a PIN leaves the pin line out. */
static bool valid_pin(const char *value)
{
	size_t n = strlen(value);
	if (n < 4 || n > SESSION_PIN_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (value[i] < '0' || value[i] > '9')
			return false;
	return true;
}

bool session_config_set(SessionConfig *c, const char *key, const char *value)
{
	static const struct {
		const char *key;
		size_t offset;
		int lo, hi;
	} ints[] = {
	    {"idle_timeout_s", offsetof(SessionConfig, idle_timeout_s), 20, 3600},
	    {"warning_s", offsetof(SessionConfig, warning_s), 20, 600},
	    {"pin_max_tries", offsetof(SessionConfig, pin_max_tries), 1, 20},
	    {"lockout_s", offsetof(SessionConfig, lockout_s), 10, 3600},
	    {"pin_timeout_s", offsetof(SessionConfig, pin_timeout_s), 10, 600},
	    {"staff_hold_s", offsetof(SessionConfig, staff_hold_s), 2, 30},
	};
	if (strcmp(key, "pin") == 0) {
		if (!valid_pin(value)) {
			c->pin_broken = true; /* stays: one broken line closes the staff exit */
			return false;
		}
		/* Zero padding matters: the PIN check compares every byte of the buffer. */
		memset(c->pin, 0, sizeof(c->pin));
		memcpy(c->pin, value, strlen(value));
		return true;
	}
	if (strcmp(key, "pin_hash") == 0) {
		/* like a broken pin line: a broken hash keeps the staff exit closed */
		if (!site_pin_hash_valid(value) || strlen(value) >= sizeof(c->pin_hash)) {
			c->pin_broken = true;
			return false;
		}
		memset(c->pin_hash, 0, sizeof(c->pin_hash));
		memcpy(c->pin_hash, value, strlen(value));
		return true;
	}
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		if (strcmp(key, ints[i].key) == 0)
			return parse_int(value, ints[i].lo, ints[i].hi,
			                 (int *)((char *)c + ints[i].offset));
	return false;
}

/* The pad's digits must not linger in memory after use; volatile stops the compiler
 * from dropping a clear of a buffer it can prove is not read again. */
static void wipe(char *buf, size_t n)
{
	volatile char *p = buf;
	for (size_t i = 0; i < n; i++)
		p[i] = 0;
}

static uint64_t seconds(int s)
{
	return (uint64_t)(s > 0 ? s : 0) * MS;
}

void session_init(Session *s, const SessionConfig *cfg, uint64_t now)
{
	memset(s, 0, sizeof(*s));
	s->cfg = *cfg;
	/* A caller-built config may have bytes after the NUL; the compare reads them all. */
	size_t n = strnlen(s->cfg.pin, SESSION_PIN_MAX);
	memset(s->cfg.pin + n, 0, sizeof(s->cfg.pin) - n);
	/* WCAG 2.2.1 asks for at least 20 s to answer, whatever the file says. */
	if (s->cfg.warning_s < 20)
		s->cfg.warning_s = 20;
	if (s->cfg.idle_timeout_s < 20)
		s->cfg.idle_timeout_s = 20;
	if (s->cfg.pin_max_tries < 1)
		s->cfg.pin_max_tries = 1;
	s->state = SESSION_ATTRACT;
	s->back_to = SESSION_ATTRACT;
	s->idle_since = now;
}

const char *session_state_name(SessionState state)
{
	switch (state) {
	case SESSION_ATTRACT:
		return "attract";
	case SESSION_ACTIVE:
		return "active";
	case SESSION_WARNING:
		return "warning";
	case SESSION_PIN_ENTRY:
		return "pin-entry";
	case SESSION_STAFF:
		return "staff";
	}
	return "?";
}

int session_countdown_s(const Session *s, uint64_t now)
{
	if (s->state != SESSION_WARNING || now >= s->warning_end)
		return 0;
	return (int)((s->warning_end - now + MS - 1) / MS);
}

bool session_pin_set(const Session *s)
{
	return s->cfg.pin[0] != '\0' || s->cfg.pin_hash[0] != '\0';
}

int session_pin_length(const Session *s)
{
	return s->entry_len;
}

bool session_pin_locked(const Session *s, uint64_t now)
{
	return s->locked_until != 0 && now < s->locked_until;
}

int session_lockout_s(const Session *s, uint64_t now)
{
	if (!session_pin_locked(s, now))
		return 0;
	return (int)((s->locked_until - now + MS - 1) / MS);
}

/* A lockout ends by time alone; the wrong count starts again from zero after it. */
static bool expire_lockout(Session *s, uint64_t now)
{
	if (s->locked_until == 0 || now < s->locked_until)
		return false;
	s->locked_until = 0;
	s->wrong = 0;
	return true;
}

static void clear_entry(Session *s)
{
	wipe(s->entry, sizeof(s->entry));
	s->entry_len = 0;
}

/* Closes the pad or the staff menu: back to the attract screen, or to the visitor's page
 * with a fresh idle period (the staff member's time there was not the visitor's). */
static SessionActions leave_staff(Session *s, uint64_t now)
{
	clear_entry(s);
	s->holding = false;
	s->state = s->back_to;
	if (s->state == SESSION_ACTIVE) {
		s->idle_since = now;
		return SESSION_ACT_CONTINUE;
	}
	s->state = SESSION_ATTRACT;
	return SESSION_ACT_SHOW_ATTRACT;
}

static SessionActions staff_granted(Session *s, uint64_t now, SessionGoal goal)
{
	s->state = SESSION_STAFF;
	s->pad_since = now;
	s->wrong = 0;
	return SESSION_ACT_PIN_OK |
	       (goal == SESSION_GOAL_QUIT ? SESSION_ACT_QUIT : SESSION_ACT_STAFF_MENU);
}

SessionActions session_staff_request(Session *s, uint64_t now, SessionGoal goal)
{
	s->holding = false;
	if (s->state == SESSION_STAFF) {
		s->pad_since = now;
		return goal == SESSION_GOAL_QUIT ? SESSION_ACT_PIN_OK | SESSION_ACT_QUIT
		                                 : SESSION_ACT_NONE;
	}
	if (s->state != SESSION_PIN_ENTRY)
		s->back_to = s->state == SESSION_ATTRACT ? SESSION_ATTRACT : SESSION_ACTIVE;
	/* A pin line that is not a PIN: closed until kiosk.ini is fixed (the app said so). */
	if (s->cfg.pin_broken)
		return SESSION_ACT_NONE;
	/* No PIN in kiosk.ini: the site chose an open staff exit (the app warned at start).
	 * The hidden gesture is still needed, so a visitor does not leave by accident. */
	if (!session_pin_set(s))
		return staff_granted(s, now, goal);
	expire_lockout(s, now);
	s->state = SESSION_PIN_ENTRY;
	s->goal = goal;
	s->pad_since = now;
	clear_entry(s);
	SessionActions a = SESSION_ACT_SHOW_PIN_PAD;
	if (session_pin_locked(s, now))
		a |= SESSION_ACT_PIN_LOCKED;
	return a;
}

SessionActions session_tick(Session *s, uint64_t now)
{
	SessionActions a = SESSION_ACT_NONE;
	if (s->holding && now >= s->hold_since + seconds(s->cfg.staff_hold_s)) {
		s->holding = false;
		if (s->state != SESSION_PIN_ENTRY && s->state != SESSION_STAFF)
			return session_staff_request(s, now, SESSION_GOAL_MENU);
	}
	switch (s->state) {
	case SESSION_ATTRACT:
		break;
	case SESSION_ACTIVE:
		if (!s->reading && now >= s->idle_since + seconds(s->cfg.idle_timeout_s)) {
			/* A late tick (a suspended machine) still gives the full countdown:
			 * WCAG's 20 s are counted from when the prompt is on screen. */
			s->state = SESSION_WARNING;
			s->warning_end = now + seconds(s->cfg.warning_s);
			s->shown_s = s->cfg.warning_s;
			a = SESSION_ACT_SHOW_WARNING | SESSION_ACT_SPEAK_WARNING;
		}
		break;
	case SESSION_WARNING:
		if (now >= s->warning_end) {
			s->state = SESSION_ATTRACT;
			s->back_to = SESSION_ATTRACT;
			a = SESSION_ACT_RESET | SESSION_ACT_SHOW_ATTRACT;
		} else if (session_countdown_s(s, now) != s->shown_s) {
			s->shown_s = session_countdown_s(s, now);
			a = SESSION_ACT_COUNTDOWN;
		}
		break;
	case SESSION_PIN_ENTRY:
		if (now >= s->pad_since + seconds(s->cfg.pin_timeout_s))
			return leave_staff(s, now);
		if (expire_lockout(s, now))
			a = SESSION_ACT_PIN_REDRAW;
		break;
	case SESSION_STAFF:
		if (now >= s->pad_since + seconds(s->cfg.pin_timeout_s))
			return leave_staff(s, now);
		break;
	}
	return a;
}

static uint64_t earlier(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

uint64_t session_next_deadline(const Session *s, uint64_t now)
{
	(void)now; /* every deadline is stored as a time; now is kept for future rules */
	uint64_t d = UINT64_MAX;
	if (s->holding && s->state != SESSION_PIN_ENTRY && s->state != SESSION_STAFF)
		d = s->hold_since + seconds(s->cfg.staff_hold_s);
	switch (s->state) {
	case SESSION_ATTRACT:
		break;
	case SESSION_ACTIVE:
		if (!s->reading) /* while the visitor listens only the end of it restarts the timer */
			d = earlier(d, s->idle_since + seconds(s->cfg.idle_timeout_s));
		break;
	case SESSION_WARNING:
		/* Wake when the number on screen should change, and at the end. */
		if (s->shown_s > 1)
			d = earlier(d, s->warning_end - (uint64_t)(s->shown_s - 1) * MS);
		else
			d = earlier(d, s->warning_end);
		break;
	case SESSION_PIN_ENTRY:
		d = earlier(d, s->pad_since + seconds(s->cfg.pin_timeout_s));
		if (s->locked_until)
			d = earlier(d, s->locked_until);
		break;
	case SESSION_STAFF:
		d = earlier(d, s->pad_since + seconds(s->cfg.pin_timeout_s));
		break;
	}
	return d;
}

SessionActions session_input(Session *s, uint64_t now)
{
	switch (s->state) {
	case SESSION_ATTRACT:
		/* The waking press is consumed: it was aimed at the attract screen, not at
		 * whatever button of the home page happens to lie under the finger. */
		s->state = SESSION_ACTIVE;
		s->back_to = SESSION_ACTIVE;
		s->idle_since = now;
		return SESSION_ACT_OPEN_HOME | SESSION_ACT_CONSUMED;
	case SESSION_ACTIVE:
		s->idle_since = now;
		return SESSION_ACT_NONE;
	case SESSION_WARNING:
		/* A press that lands after the end but before the tick still counts: the
		 * visitor is plainly there. */
		s->state = SESSION_ACTIVE;
		s->idle_since = now;
		return SESSION_ACT_CONTINUE | SESSION_ACT_CONSUMED;
	case SESSION_PIN_ENTRY:
	case SESSION_STAFF:
		s->pad_since = now;
		return SESSION_ACT_CONSUMED;
	}
	return SESSION_ACT_NONE;
}

void session_reading(Session *s, bool reading, uint64_t now)
{
	if (s->reading == reading)
		return;
	s->reading = reading;
	session_keep_alive(s, now); /* both edges are activity: the timer counts from here */
}

void session_keep_alive(Session *s, uint64_t now)
{
	if (s->state == SESSION_ACTIVE && now > s->idle_since)
		s->idle_since = now;
}

void session_staff_hold_begin(Session *s, uint64_t now)
{
	if (s->state == SESSION_PIN_ENTRY || s->state == SESSION_STAFF)
		return;
	s->holding = true;
	s->hold_since = now;
}

void session_staff_hold_end(Session *s, uint64_t now)
{
	(void)now;
	s->holding = false;
}

SessionActions session_staff_done(Session *s, uint64_t now)
{
	if (s->state != SESSION_STAFF)
		return SESSION_ACT_NONE;
	return leave_staff(s, now);
}

/* The pad. */

SessionActions session_pin_digit(Session *s, uint64_t now, int digit)
{
	if (s->state != SESSION_PIN_ENTRY || digit < 0 || digit > 9)
		return SESSION_ACT_NONE;
	s->pad_since = now;
	SessionActions a = expire_lockout(s, now) ? SESSION_ACT_PIN_REDRAW : SESSION_ACT_NONE;
	if (session_pin_locked(s, now))
		return SESSION_ACT_PIN_LOCKED;
	if (s->entry_len >= SESSION_PIN_MAX)
		return a;
	s->entry[s->entry_len++] = (char)('0' + digit);
	return a | SESSION_ACT_PIN_REDRAW;
}

SessionActions session_pin_backspace(Session *s, uint64_t now)
{
	if (s->state != SESSION_PIN_ENTRY)
		return SESSION_ACT_NONE;
	s->pad_since = now;
	if (s->entry_len == 0)
		return SESSION_ACT_NONE;
	s->entry[--s->entry_len] = 0;
	return SESSION_ACT_PIN_REDRAW;
}

/* Same time whatever the digits: every byte of both zero-padded buffers is compared, so
 * how long the check takes says nothing about how much of a guess was right. */
static bool pin_equal(const char *a, const char *b)
{
	unsigned diff = 0;
	for (size_t i = 0; i < SESSION_PIN_MAX + 1; i++)
		diff |= (unsigned)((unsigned char)a[i] ^ (unsigned char)b[i]);
	return diff == 0;
}

SessionActions session_pin_enter(Session *s, uint64_t now)
{
	if (s->state != SESSION_PIN_ENTRY)
		return SESSION_ACT_NONE;
	s->pad_since = now;
	expire_lockout(s, now);
	if (session_pin_locked(s, now)) {
		clear_entry(s);
		return SESSION_ACT_PIN_LOCKED;
	}
	/* Enter on an empty pad is a slip, not a guess: it costs no try. */
	if (s->entry_len == 0)
		return SESSION_ACT_NONE;
	bool ok = s->cfg.pin_hash[0] ? site_pin_verify(s->cfg.pin_hash, s->entry) : pin_equal(s->entry, s->cfg.pin);
	clear_entry(s);
	if (ok)
		return staff_granted(s, now, s->goal);
	/* The count survives leaving the pad, so cancelling between guesses gains nothing. */
	if (++s->wrong < s->cfg.pin_max_tries)
		return SESSION_ACT_PIN_WRONG | SESSION_ACT_PIN_REDRAW;
	s->locked_until = now + seconds(s->cfg.lockout_s);
	if (s->locked_until == 0)
		s->locked_until = 1;
	return SESSION_ACT_PIN_WRONG | SESSION_ACT_PIN_LOCKED | SESSION_ACT_PIN_REDRAW;
}

SessionActions session_pin_cancel(Session *s, uint64_t now)
{
	if (s->state != SESSION_PIN_ENTRY)
		return SESSION_ACT_NONE;
	return leave_staff(s, now);
}
