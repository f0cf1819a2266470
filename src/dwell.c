/* dwell: the dwell-selection state machine described in dwell.h. Start reading at
 * dwell_pointer (which target the pointer is on, with the tremor margin and the grace) and
 * dwell_tick (when the time on it is up). Progress is time: `held` from before a glance away
 * plus the current stretch since `since`, never counted before dead_until. */
#include "dwell.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define OFFER_MOVES 3            /* moves (beyond still_px) before the offer can come */
#define OFFER_ACTIVE_MS 60000    /* ... the last of them this recent */

void dwell_config_defaults(DwellConfig *c)
{
	*c = (DwellConfig){
		.ms = 0,
		.visitor_ms = 1200,
		.start_ms = 100,
		.grace_ms = 300,
		.dead_ms = 1000,
		.still_px = 12,
		.offer_s = 20,
	};
}

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void dwell_config_clamp(DwellConfig *c)
{
	c->ms = c->ms <= 0 ? 0 : clampi(c->ms, DWELL_MIN_MS, DWELL_MAX_MS);
	c->visitor_ms = clampi(c->visitor_ms, DWELL_MIN_MS, DWELL_MAX_MS);
	c->start_ms = clampi(c->start_ms, 0, 1000);
	c->grace_ms = clampi(c->grace_ms, 0, 2000);
	c->dead_ms = clampi(c->dead_ms, 0, 5000);
	c->still_px = clampi(c->still_px, 0, 200);
	c->offer_s = clampi(c->offer_s, 0, 600);
}

static const struct {
	const char *key;
	size_t offset;
} config_keys[] = {
	{"dwell_ms", offsetof(DwellConfig, ms)},
	{"dwell_visitor_ms", offsetof(DwellConfig, visitor_ms)},
	{"dwell_start_ms", offsetof(DwellConfig, start_ms)},
	{"dwell_grace_ms", offsetof(DwellConfig, grace_ms)},
	{"dwell_after_change_ms", offsetof(DwellConfig, dead_ms)},
	{"dwell_still_px", offsetof(DwellConfig, still_px)},
	{"dwell_offer_s", offsetof(DwellConfig, offer_s)},
};

bool dwell_config_key(const char *key)
{
	for (size_t i = 0; i < ARRAY_LEN(config_keys); i++)
		if (!strcmp(key, config_keys[i].key))
			return true;
	return false;
}

bool dwell_config_set(DwellConfig *c, const char *key, const char *value)
{
	for (size_t i = 0; i < ARRAY_LEN(config_keys); i++) {
		if (strcmp(key, config_keys[i].key) != 0)
			continue;
		char *end;
		errno = 0;
		long n = strtol(value, &end, 10);
		if (end == value || *end != '\0' || errno == ERANGE || n < 0)
			return false;
		DwellConfig t = *c;
		*(int *)((char *)&t + config_keys[i].offset) = n > 1000000 ? 1000000 : (int)n;
		dwell_config_clamp(&t);
		*c = t;
		return true;
	}
	return false;
}

int dwell_next_choice(int ms, int visitor_ms)
{
	const int steps[] = {0, visitor_ms, 2000, 3000, 800};
	for (size_t i = 0; i < ARRAY_LEN(steps); i++)
		if (steps[i] == ms)
			return steps[(i + 1) % ARRAY_LEN(steps)];
	return 0; /* a site's own time: the next choice is off */
}

/* ---- targets ---- */

static bool same(const DwellTarget *a, const DwellTarget *b)
{
	return a->id == b->id && a->x == b->x && a->y == b->y && a->w == b->w && a->h == b->h;
}

/* Inside t, with a margin of m px all round. */
static bool inside(const DwellTarget *t, int x, int y, int m)
{
	return x >= t->x - m && x < t->x + t->w + m && y >= t->y - m && y < t->y + t->h + m;
}

static const DwellTarget *hit(const DwellState *d, int x, int y)
{
	for (size_t i = 0; i < d->count; i++)
		if (inside(&d->targets[i], x, y, 0))
			return &d->targets[i];
	return NULL;
}

static uint64_t max64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/* t was pressed at (x, y): nothing fills until the pointer leaves it. An area (id < 0, the
 * whole screen) cannot be left, so there leaving means moving a little from (x, y). */
static void latch(DwellState *d, const DwellTarget *t, int x, int y)
{
	d->spent = *t;
	d->spent_on = true;
	if (t->id < 0) {
		int m = 4 * (d->cfg.still_px > 4 ? d->cfg.still_px : 4);
		d->spent = (DwellTarget){t->id, x - m, y - m, 2 * m, 2 * m};
	}
}

/* Progress in ms on the current target at now. */
static uint64_t progress_ms(const DwellState *d, uint64_t now)
{
	if (!d->on)
		return 0;
	uint64_t from = max64(d->since, d->dead_until);
	uint64_t stretch = !d->away && now > from ? now - from : 0;
	return d->held + stretch;
}

/* Start dwelling on t (the pointer got there at `since`). */
static void begin(DwellState *d, const DwellTarget *t, uint64_t since)
{
	/* After a press nothing fills until the pointer has left what was pressed (as it was
	 * then): the screen may have changed under a still pointer. */
	d->on = t != NULL && !d->spent_on;
	if (d->on)
		d->cur = *t;
	d->since = since;
	d->held = 0;
	d->away = false;
	d->cand_on = false;
}

/* The grace is over: the progress on cur is lost; the target the pointer is on now (if
 * any) starts, counted from when the pointer got there. */
static void end_grace(DwellState *d)
{
	bool c = d->cand_on;
	DwellTarget t = d->cand;
	begin(d, c ? &t : NULL, d->cand_since);
}

/* The pointer is at (x, y) at now (or the screen under it changed). */
static void update(DwellState *d, uint64_t now)
{
	if (d->spent_on && (!d->has_pointer || !inside(&d->spent, d->px, d->py, d->cfg.still_px)))
		d->spent_on = false; /* the pointer left it: it may be pressed again */
	const DwellTarget *t = NULL;
	if (d->has_pointer) {
		/* Tremor: still on cur while within still_px of its edges. */
		if (d->on && inside(&d->cur, d->px, d->py, d->cfg.still_px))
			t = &d->cur;
		else
			t = hit(d, d->px, d->py);
	}
	if (d->on && t && same(t, &d->cur)) {
		if (d->away) {
			/* back within the grace: go on from where it was */
			d->away = false;
			d->since = now;
			d->cand_on = false;
		}
		return;
	}
	if (d->on && !d->away) {
		/* a glance away: keep what was filled, for grace_ms */
		d->held = progress_ms(d, now);
		d->away = true;
		d->away_at = now;
		d->cand_on = false;
	}
	if (d->on && d->away) {
		if (t && !(d->cand_on && same(&d->cand, t))) {
			d->cand = *t;
			d->cand_on = true;
			d->cand_since = now;
		} else if (!t) {
			d->cand_on = false;
		}
		if (now - d->away_at >= (uint64_t)d->cfg.grace_ms)
			end_grace(d);
		return;
	}
	begin(d, t, now);
}

void dwell_init(DwellState *d, const DwellConfig *cfg)
{
	memset(d, 0, sizeof(*d));
	d->cfg = *cfg;
	dwell_config_clamp(&d->cfg);
}

void dwell_set_config(DwellState *d, const DwellConfig *cfg, uint64_t now)
{
	bool was_on = d->cfg.ms > 0;
	d->cfg = *cfg;
	dwell_config_clamp(&d->cfg);
	if (was_on != (d->cfg.ms > 0)) {
		d->on = false;
		d->away = false;
		/* Just turned on: the target under the pointer (the Settings button that turned
		 * it on) is not pressed until the pointer leaves it. */
		const DwellTarget *t = d->cfg.ms > 0 && d->has_pointer ? hit(d, d->px, d->py) : NULL;
		d->spent_on = false;
		if (t)
			latch(d, t, d->px, d->py);
		update(d, now);
	}
}

bool dwell_is_on(const DwellState *d)
{
	return d->cfg.ms > 0;
}

void dwell_set_targets(DwellState *d, const DwellTarget *t, size_t n, bool new_screen,
                       uint64_t now)
{
	if (n > DWELL_MAX_TARGETS) {
		log_warn("dwell: %zu targets on one screen, only %d can be pressed by dwell", n,
		         DWELL_MAX_TARGETS);
		n = DWELL_MAX_TARGETS;
	}
	memcpy(d->targets, t, n * sizeof(*t));
	d->count = n;
	bool keep_cur = false, keep_cand = false;
	for (size_t i = 0; i < n; i++) {
		keep_cur |= d->on && same(&t[i], &d->cur);
		keep_cand |= d->cand_on && same(&t[i], &d->cand);
	}
	d->cand_on = keep_cand;
	if (new_screen) {
		d->dead_until = now + (uint64_t)d->cfg.dead_ms;
		d->on = false; /* all progress is lost; what is under the pointer starts again */
		d->away = false;
	} else if (!keep_cur) {
		d->on = false;
		d->away = false;
	}
	update(d, now);
}

void dwell_pointer(DwellState *d, int x, int y, uint64_t now)
{
	/* walk-up: count real moves, not tremor */
	int dx = x - d->ax, dy = y - d->ay;
	if (!d->has_pointer || dx * dx + dy * dy > d->cfg.still_px * d->cfg.still_px) {
		d->ax = x;
		d->ay = y;
		if (!d->moving) {
			d->moving = true;
			d->moving_since = now;
			d->moves = 0;
		}
		d->moves++;
		d->last_move = now;
	}
	d->has_pointer = true;
	d->px = x;
	d->py = y;
	if (dwell_is_on(d))
		update(d, now);
}

void dwell_pointer_gone(DwellState *d, uint64_t now)
{
	d->has_pointer = false;
	if (dwell_is_on(d))
		update(d, now);
}

void dwell_pressed(DwellState *d, uint64_t now)
{
	d->moving = false;
	d->on = false;
	d->away = false;
	d->cand_on = false;
	d->spent_on = false;
	const DwellTarget *t = d->has_pointer ? hit(d, d->px, d->py) : NULL;
	if (t)
		latch(d, t, d->px, d->py);
	(void)now;
}

static uint64_t offer_due(const DwellState *d)
{
	if (dwell_is_on(d) || d->offered || !d->moving || d->cfg.offer_s == 0)
		return UINT64_MAX;
	return d->moving_since + (uint64_t)d->cfg.offer_s * 1000;
}

DwellEvent dwell_tick(DwellState *d, uint64_t now)
{
	DwellEvent ev = {DWELL_NONE, -1, 0, 0};
	if (dwell_is_on(d)) {
		if (d->on && d->away && now - d->away_at >= (uint64_t)d->cfg.grace_ms)
			end_grace(d);
		if (d->on && !d->away && progress_ms(d, now) >= (uint64_t)d->cfg.ms) {
			ev.type = DWELL_PRESS;
			ev.id = d->cur.id;
			bool in = d->has_pointer && inside(&d->cur, d->px, d->py, 0);
			ev.x = in ? d->px : d->cur.x + d->cur.w / 2;
			ev.y = in ? d->py : d->cur.y + d->cur.h / 2;
			latch(d, &d->cur, ev.x, ev.y);
			d->on = false;
		}
		return ev;
	}
	if (offer_due(d) <= now) {
		/* still in use: enough moves, the last of them recent */
		if (d->moves >= OFFER_MOVES && (now < d->last_move || now - d->last_move <= OFFER_ACTIVE_MS)) {
			d->offered = true;
			ev.type = DWELL_OFFER;
		} else {
			d->moving = false; /* it stopped long ago: wait for it to move again */
		}
	}
	return ev;
}

uint64_t dwell_next_deadline(const DwellState *d)
{
	if (!dwell_is_on(d))
		return offer_due(d);
	if (!d->on)
		return UINT64_MAX;
	if (d->away)
		return d->away_at + (uint64_t)d->cfg.grace_ms;
	uint64_t from = max64(d->since, d->dead_until);
	uint64_t left = (uint64_t)d->cfg.ms > d->held ? (uint64_t)d->cfg.ms - d->held : 0;
	return from + left;
}

bool dwell_busy(const DwellState *d)
{
	return dwell_is_on(d) && d->on && !d->away;
}

bool dwell_ring(const DwellState *d, uint64_t now, int *id, double *progress)
{
	if (!dwell_is_on(d) || !d->on)
		return false;
	uint64_t p = progress_ms(d, now);
	if (p == 0 || (p < (uint64_t)d->cfg.start_ms && d->held == 0))
		return false;
	*id = d->cur.id;
	*progress = p >= (uint64_t)d->cfg.ms ? 1.0 : (double)p / (double)d->cfg.ms;
	return true;
}

void dwell_reset(DwellState *d, uint64_t now)
{
	d->on = d->away = d->cand_on = d->spent_on = false;
	d->offered = false;
	d->moving = false;
	d->dead_until = now;
}
