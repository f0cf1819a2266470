/* scan: the switch-scanning state machine described in scan.h. Start reading at press():
 * it is where one accepted switch press does what the current phase says (start, resume,
 * stop the speech, move or choose). scan_switch and scan_tick only decide *when* a press
 * counts (acceptance time, repeat window, held-switch steps); advance() and choose() are
 * the rest of the machine.
 *
 * The levels are not stored: the top level is either all items or the non-empty groups,
 * and a group's level is its items plus one exit step. They are recounted from the item
 * list (at most 64) whenever needed, so a new screen can never leave a stale index behind.
 *
 * Times: each highlight is given its full dwell from the moment it is shown, even if the
 * caller's tick came late; a late tick moves one step, never several (a visitor must never
 * hear a burst of labels because the app was busy). */
#include "scan.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static const char *const default_group_names[SCAN_GROUPS] = {
    "The page", "Buttons at the bottom", "Row 1", "Row 2", "Row 3", "Row 4", "Row 5", "Row 6"};
/* Groups are offered top to bottom: the page, a menu's rows of tiles, then the bar. */
static const int group_order[SCAN_GROUPS] = {0, 2, 3, 4, 5, 6, 7, 1};
static const char *const default_exit_name = "Go back";
static const char *const default_hint_auto = "Press your switch when the thing you want lights up.";
static const char *const default_hint_step = "Switch one moves the light, switch two chooses.";

static int clamp_int(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void scan_config_defaults(ScanConfig *c)
{
	memset(c, 0, sizeof(*c));
	c->mode = SCAN_AUTO;
	c->interval_ms = 1500;
	c->first_extra_ms = 500;
	c->loops = 3;
	c->accept_ms = 0;
	c->ignore_repeat_ms = 300;
	c->held_steps = false;
	c->hold_step_ms = 2000;
	c->speak_labels = true;
	scan_config_clamp(c); /* fills the words */
}

void scan_config_clamp(ScanConfig *c)
{
	if (c->mode != SCAN_AUTO && c->mode != SCAN_STEP)
		c->mode = SCAN_AUTO;
	c->interval_ms = clamp_int(c->interval_ms, 500, 30000);
	c->first_extra_ms = clamp_int(c->first_extra_ms, 0, 10000);
	c->loops = clamp_int(c->loops, 0, 20);
	c->accept_ms = clamp_int(c->accept_ms, 0, 2000);
	c->ignore_repeat_ms = clamp_int(c->ignore_repeat_ms, 0, 2000);
	/* EN 301 549 5.7: a held key repeats no faster than once per 2 s. */
	c->hold_step_ms = clamp_int(c->hold_step_ms, 2000, 15000);
	for (int g = 0; g < SCAN_GROUPS; g++)
		if (!c->group_names[g])
			c->group_names[g] = default_group_names[g];
	if (!c->exit_name)
		c->exit_name = default_exit_name;
	if (!c->hint_auto)
		c->hint_auto = default_hint_auto;
	if (!c->hint_step)
		c->hint_step = default_hint_step;
}

static bool parse_bool(const char *v, bool *out)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "1")) {
		*out = true;
		return true;
	}
	if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcmp(v, "0")) {
		*out = false;
		return true;
	}
	return false;
}

static bool parse_int(const char *v, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (end == v || *end != '\0' || errno == ERANGE)
		return false;
	/* Clamped later anyway; this only keeps the conversion to int defined. */
	*out = n < -1000000 ? -1000000 : n > 1000000 ? 1000000 : (int)n;
	return true;
}

/* Seconds with decimals ("1.5") to whole milliseconds. */
static bool parse_seconds_ms(const char *v, int *out)
{
	char *end;
	errno = 0;
	double d = strtod(v, &end);
	if (end == v || *end != '\0' || errno == ERANGE || isnan(d))
		return false;
	if (d < 0)
		d = 0;
	if (d > 1000)
		d = 1000;
	*out = (int)(d * 1000.0 + 0.5);
	return true;
}

bool scan_config_set(ScanConfig *c, const char *key, const char *value)
{
	ScanConfig t = *c;
	bool ok;
	if (!strcmp(key, "mode")) {
		ok = true;
		if (!strcasecmp(value, "auto"))
			t.mode = SCAN_AUTO;
		else if (!strcasecmp(value, "step"))
			t.mode = SCAN_STEP;
		else
			ok = false;
	} else if (!strcmp(key, "interval_s")) {
		ok = parse_seconds_ms(value, &t.interval_ms);
	} else if (!strcmp(key, "first_extra_s")) {
		ok = parse_seconds_ms(value, &t.first_extra_ms);
	} else if (!strcmp(key, "hold_step_s")) {
		ok = parse_seconds_ms(value, &t.hold_step_ms);
	} else if (!strcmp(key, "loops")) {
		ok = parse_int(value, &t.loops);
	} else if (!strcmp(key, "accept_ms")) {
		ok = parse_int(value, &t.accept_ms);
	} else if (!strcmp(key, "ignore_repeat_ms")) {
		ok = parse_int(value, &t.ignore_repeat_ms);
	} else if (!strcmp(key, "held_steps")) {
		ok = parse_bool(value, &t.held_steps);
	} else if (!strcmp(key, "speak_labels")) {
		ok = parse_bool(value, &t.speak_labels);
	} else {
		ok = false;
	}
	if (!ok)
		return false;
	scan_config_clamp(&t);
	*c = t;
	return true;
}

/* ---- levels ---- */

static size_t group_size(const ScanState *s, int g)
{
	size_t n = 0;
	for (size_t i = 0; i < s->item_count; i++)
		if (s->items[i].group == g)
			n++;
	return n;
}

/* The k-th item of group g, in scan order. */
static const ScanItem *group_item(const ScanState *s, int g, size_t k)
{
	for (size_t i = 0; i < s->item_count; i++)
		if (s->items[i].group == g && k-- == 0)
			return &s->items[i];
	return NULL;
}

/* The k-th non-empty group in the order they are offered, or -1. */
static int nth_group(const ScanState *s, size_t k)
{
	for (int i = 0; i < SCAN_GROUPS; i++)
		if (group_size(s, group_order[i]) > 0 && k-- == 0)
			return group_order[i];
	return -1;
}

static size_t group_count(const ScanState *s)
{
	size_t n = 0;
	for (int g = 0; g < SCAN_GROUPS; g++)
		if (group_size(s, g) > 0)
			n++;
	return n;
}

static size_t level_len(const ScanState *s)
{
	if (s->group >= 0)
		return group_size(s, s->group) + 1; /* + the exit step */
	return s->grouped ? group_count(s) : s->item_count;
}

static ScanTarget target_at(const ScanState *s, size_t pos)
{
	ScanTarget t = {SCAN_TARGET_NONE, -1, -1};
	if (pos >= level_len(s))
		return t;
	if (s->group >= 0) {
		const ScanItem *it = group_item(s, s->group, pos);
		t.group = s->group;
		if (it) {
			t.kind = SCAN_TARGET_ITEM;
			t.id = it->id;
		} else {
			t.kind = SCAN_TARGET_EXIT;
		}
	} else if (s->grouped) {
		t.kind = SCAN_TARGET_GROUP;
		t.group = nth_group(s, pos);
	} else {
		t.kind = SCAN_TARGET_ITEM;
		t.id = s->items[pos].id;
		t.group = s->items[pos].group;
	}
	return t;
}

static const char *label_of(const ScanState *s, ScanTarget t)
{
	switch (t.kind) {
	case SCAN_TARGET_ITEM:
		for (size_t i = 0; i < s->item_count; i++)
			if (s->items[i].id == t.id)
				return s->items[i].label;
		return NULL;
	case SCAN_TARGET_GROUP:
		return s->cfg.group_names[t.group];
	case SCAN_TARGET_EXIT:
		return s->cfg.exit_name;
	case SCAN_TARGET_NONE:
		break;
	}
	return NULL;
}

/* ---- actions ---- */

static void emit(ScanActions *out, ScanActionType type, ScanTarget t, const char *text)
{
	/* Every path emits at most 3 actions and scan_tick stops early: a broken count is a bug. */
	assert(out->count < SCAN_ACTIONS_MAX);
	out->a[out->count++] = (ScanAction){type, t, text};
}

static const ScanTarget no_target = {SCAN_TARGET_NONE, -1, -1};

static void speak_current(ScanState *s, ScanActions *out)
{
	ScanTarget t = target_at(s, s->pos);
	const char *label = label_of(s, t);
	if (s->cfg.speak_labels && label)
		emit(out, SCAN_ACT_SPEAK_LABEL, t, label);
}

/* Starts the current highlight's dwell: only automatic scanning moves by itself. */
static void start_dwell(ScanState *s, uint64_t now)
{
	s->due = UINT64_MAX;
	if (s->phase != SCAN_PHASE_RUN || s->cfg.mode != SCAN_AUTO || level_len(s) == 0)
		return;
	/* The first position of every round gets extra time: the visitor needs a moment to
	 * see where the round starts before it moves on. */
	uint64_t extra = s->pos == 0 ? (uint64_t)s->cfg.first_extra_ms : 0;
	s->due = now + (uint64_t)s->cfg.interval_ms + extra;
}

static void show(ScanState *s, uint64_t now, ScanActions *out)
{
	emit(out, SCAN_ACT_HIGHLIGHT, target_at(s, s->pos), NULL);
	speak_current(s, out);
	start_dwell(s, now);
}

/* Scanning on, at the first item or group of the screen. */
static void restart(ScanState *s, uint64_t now, ScanActions *out)
{
	s->phase = SCAN_PHASE_RUN;
	s->group = -1;
	s->pos = 0;
	s->rounds = 0;
	show(s, now, out);
}

static void pause_scan(ScanState *s, ScanActions *out)
{
	s->phase = SCAN_PHASE_PAUSED;
	s->due = UINT64_MAX;
	emit(out, SCAN_ACT_HIGHLIGHT, no_target, NULL);
	emit(out, SCAN_ACT_PAUSED, no_target, NULL);
}

/* One step on: the next position, or what comes after the end of the level. */
static void advance(ScanState *s, uint64_t now, ScanActions *out)
{
	size_t len = level_len(s);
	if (len == 0) {
		s->due = UINT64_MAX;
		return;
	}
	if (s->pos + 1 < len) {
		s->pos++;
	} else if (s->group >= 0) {
		/* Past the exit step. Automatic scanning leaves the group (a visitor who let a
		 * whole round pass does not want it); step scanning goes round, since the
		 * visitor moves on purpose and the exit step is one press away. */
		if (s->cfg.mode == SCAN_AUTO)
			s->group = -1;
		s->pos = 0;
	} else {
		if (s->cfg.mode == SCAN_AUTO && s->cfg.loops > 0 && ++s->rounds >= s->cfg.loops) {
			pause_scan(s, out);
			return;
		}
		s->pos = 0;
	}
	show(s, now, out);
}

/* The visitor chose what is highlighted. */
static void choose(ScanState *s, uint64_t now, ScanActions *out)
{
	ScanTarget t = target_at(s, s->pos);
	s->rounds = 0;
	switch (t.kind) {
	case SCAN_TARGET_NONE:
		return;
	case SCAN_TARGET_GROUP:
		s->group = t.group;
		s->pos = 0;
		show(s, now, out);
		return;
	case SCAN_TARGET_EXIT:
		restart(s, now, out);
		return;
	case SCAN_TARGET_ITEM:
		break;
	}
	emit(out, SCAN_ACT_ACTIVATE, t, NULL);
	const ScanItem *it = NULL;
	for (size_t i = 0; i < s->item_count && !it; i++)
		if (s->items[i].id == t.id)
			it = &s->items[i];
	if (it && it->waits_for_speech) {
		s->phase = SCAN_PHASE_READING;
		s->due = UINT64_MAX;
	} else {
		/* Most activations change the screen and the app calls scan_screen_changed at
		 * once. Highlighting here would put an old id on the new screen, so the restart
		 * waits for the next tick (due now) in case the screen stayed the same. */
		s->phase = SCAN_PHASE_RESTART;
		s->due = now;
	}
}

/* One accepted press of switch sw: what it does depends only on the phase. */
static void press(ScanState *s, int sw, uint64_t now, ScanActions *out)
{
	switch (s->phase) {
	case SCAN_PHASE_OFF:
		/* Walk-up: the first press only starts scanning; the visitor has not yet seen or
		 * heard anything to choose. The hint plays before the first label. */
		s->phase = SCAN_PHASE_HINT;
		s->group = -1;
		s->pos = 0;
		s->rounds = 0;
		s->due = UINT64_MAX;
		emit(out, SCAN_ACT_STARTED, no_target, NULL);
		emit(out, SCAN_ACT_HIGHLIGHT, target_at(s, 0), NULL);
		emit(out, SCAN_ACT_SPEAK_HINT, no_target,
		     s->cfg.mode == SCAN_AUTO ? s->cfg.hint_auto : s->cfg.hint_step);
		return;
	case SCAN_PHASE_HINT:
		emit(out, SCAN_ACT_STOP_SPEECH, no_target, NULL);
		s->phase = SCAN_PHASE_RUN;
		speak_current(s, out);
		start_dwell(s, now);
		return;
	case SCAN_PHASE_PAUSED:
		emit(out, SCAN_ACT_RESUMED, no_target, NULL);
		restart(s, now, out);
		return;
	case SCAN_PHASE_READING:
		/* A press interrupts the reading (EN 301 549 5.1.3.4) and chooses nothing. */
		emit(out, SCAN_ACT_STOP_SPEECH, no_target, NULL);
		s->phase = SCAN_PHASE_RUN;
		advance(s, now, out);
		return;
	case SCAN_PHASE_RESTART:
		/* The restart was due but not yet ticked: the visitor has not seen the first
		 * highlight, so this press only brings it. */
		restart(s, now, out);
		return;
	case SCAN_PHASE_RUN:
		break;
	}
	if (s->cfg.mode == SCAN_STEP && sw == 1) {
		advance(s, now, out);
		ScanSwitch *w = &s->sw[0];
		if (s->cfg.held_steps && w->down) {
			w->repeating = true;
			w->repeat_at = now + (uint64_t)s->cfg.hold_step_ms;
		}
		return;
	}
	choose(s, now, out);
}

/* ---- events ---- */

void scan_init(ScanState *s, const ScanConfig *cfg)
{
	memset(s, 0, sizeof(*s));
	s->cfg = *cfg;
	scan_config_clamp(&s->cfg);
	s->phase = SCAN_PHASE_OFF;
	s->group = -1;
	s->due = UINT64_MAX;
}

void scan_set_config(ScanState *s, const ScanConfig *cfg, uint64_t now, ScanActions *out)
{
	out->count = 0;
	s->cfg = *cfg;
	scan_config_clamp(&s->cfg);
	if (!s->cfg.held_steps)
		for (int i = 0; i < 2; i++)
			s->sw[i].repeating = false;
	if (s->phase == SCAN_PHASE_RUN || s->phase == SCAN_PHASE_READING ||
	    s->phase == SCAN_PHASE_RESTART)
		restart(s, now, out);
}

void scan_screen_changed(ScanState *s, const ScanItem *items, size_t count, uint64_t now,
                         ScanActions *out)
{
	out->count = 0;
	if (count > SCAN_MAX_ITEMS) {
		log_warn("switch scanning: %zu items on one screen, only %d are scanned", count,
		         SCAN_MAX_ITEMS);
		count = SCAN_MAX_ITEMS;
	}
	for (size_t i = 0; i < count; i++) {
		assert(items[i].group >= 0 && items[i].group < SCAN_GROUPS);
		s->items[i] = items[i];
	}
	s->item_count = count;
	s->grouped = count > SCAN_FLAT_MAX && group_count(s) > 1;
	s->group = -1;
	s->pos = 0;
	switch (s->phase) {
	case SCAN_PHASE_OFF:
	case SCAN_PHASE_PAUSED:
		break;
	case SCAN_PHASE_HINT:
		emit(out, SCAN_ACT_HIGHLIGHT, target_at(s, 0), NULL);
		break;
	case SCAN_PHASE_RUN:
	case SCAN_PHASE_READING:
	case SCAN_PHASE_RESTART:
		restart(s, now, out);
		break;
	}
}

void scan_switch(ScanState *s, int sw, bool down, uint64_t now, ScanActions *out)
{
	out->count = 0;
	assert(sw == 1 || sw == 2);
	ScanSwitch *w = &s->sw[sw - 1];
	if (down) {
		if (w->down)
			return; /* a duplicate down (key repeat): this press is already timed */
		w->down = true;
		w->down_at = now;
		w->counted = false;
		w->repeating = false;
		/* EN 301 549 5.8: a second press this soon after the last one is a bounce or a
		 * tremor, not a new choice. */
		w->ignored = w->released_once && now >= w->released_at &&
		             now - w->released_at < (uint64_t)s->cfg.ignore_repeat_ms;
		if (!w->ignored && s->cfg.accept_ms == 0) {
			w->counted = true;
			press(s, sw, now, out);
		}
		return;
	}
	if (!w->down)
		return; /* its down came before scan_reset, or never came */
	w->down = false;
	w->repeating = false;
	if (w->ignored)
		return;
	/* Held long enough, but the tick at the acceptance moment never came: count it now. */
	if (!w->counted && now - w->down_at >= (uint64_t)s->cfg.accept_ms) {
		w->counted = true;
		press(s, sw, now, out);
	}
	if (w->counted) {
		w->released_at = now;
		w->released_once = true;
	}
}

static bool accept_pending(const ScanSwitch *w)
{
	return w->down && !w->counted && !w->ignored;
}

void scan_tick(ScanState *s, uint64_t now, ScanActions *out)
{
	out->count = 0;
	/* Handle what is due in time order (a press accepted before the move chooses what
	 * the visitor saw). Each step emits at most 3 actions; the bound is only a guard. */
	for (int round = 0; round < 4 && out->count + 3 <= SCAN_ACTIONS_MAX; round++) {
		uint64_t best = UINT64_MAX;
		/* which: 0, 1: acceptance of switch 1, 2; 2, 3: their held steps; 4: scan */
		int which = -1;
		for (int i = 0; i < 2; i++) {
			const ScanSwitch *w = &s->sw[i];
			uint64_t at = w->down_at + (uint64_t)s->cfg.accept_ms;
			if (accept_pending(w) && at <= now && (which < 0 || at < best)) {
				best = at;
				which = i;
			}
			if (w->repeating && w->repeat_at <= now &&
			    (which < 0 || w->repeat_at < best)) {
				best = w->repeat_at;
				which = 2 + i;
			}
		}
		if (s->due <= now && (which < 0 || s->due < best))
			which = 4;
		if (which < 0)
			break;
		if (which < 2) {
			s->sw[which].counted = true;
			press(s, which + 1, now, out);
		} else if (which < 4) {
			ScanSwitch *w = &s->sw[which - 2];
			if (s->phase == SCAN_PHASE_RUN && s->cfg.mode == SCAN_STEP && which == 2) {
				advance(s, now, out);
				w->repeat_at = now + (uint64_t)s->cfg.hold_step_ms;
			} else {
				w->repeating = false;
			}
		} else if (s->phase == SCAN_PHASE_RESTART) {
			restart(s, now, out);
		} else if (s->phase == SCAN_PHASE_RUN) {
			advance(s, now, out);
		} else {
			s->due = UINT64_MAX; /* cannot happen: other phases keep no deadline */
		}
		/* After an ACTIVATE the app acts first (it may change the screen): anything
		 * more here would be about the old screen. */
		if (s->phase == SCAN_PHASE_RESTART || s->phase == SCAN_PHASE_READING)
			break;
	}
}

void scan_speech_finished(ScanState *s, uint64_t now, ScanActions *out)
{
	out->count = 0;
	if (s->phase == SCAN_PHASE_HINT) {
		s->phase = SCAN_PHASE_RUN;
		speak_current(s, out);
		start_dwell(s, now);
	} else if (s->phase == SCAN_PHASE_READING) {
		/* Go on with the next item: a visitor reading row by row chooses the next one. */
		s->phase = SCAN_PHASE_RUN;
		advance(s, now, out);
	}
}

void scan_start(ScanState *s, uint64_t now, ScanActions *out)
{
	out->count = 0;
	if (s->phase != SCAN_PHASE_OFF)
		return;
	emit(out, SCAN_ACT_STARTED, no_target, NULL);
	restart(s, now, out);
}

void scan_reset(ScanState *s, ScanActions *out)
{
	out->count = 0;
	if (s->phase != SCAN_PHASE_OFF) {
		emit(out, SCAN_ACT_HIGHLIGHT, no_target, NULL);
		emit(out, SCAN_ACT_STOPPED, no_target, NULL);
	}
	s->phase = SCAN_PHASE_OFF;
	s->group = -1;
	s->pos = 0;
	s->rounds = 0;
	s->due = UINT64_MAX;
	/* A new visitor: no press in progress, no repeat window from the last visitor. */
	memset(s->sw, 0, sizeof(s->sw));
}

uint64_t scan_next_deadline(const ScanState *s)
{
	uint64_t due = s->due;
	for (int i = 0; i < 2; i++) {
		const ScanSwitch *w = &s->sw[i];
		uint64_t at = w->down_at + (uint64_t)s->cfg.accept_ms;
		if (accept_pending(w) && at < due)
			due = at;
		if (w->repeating && w->repeat_at < due)
			due = w->repeat_at;
	}
	return due;
}

bool scan_is_on(const ScanState *s)
{
	return s->phase != SCAN_PHASE_OFF;
}

bool scan_is_paused(const ScanState *s)
{
	return s->phase == SCAN_PHASE_PAUSED;
}

ScanTarget scan_current(const ScanState *s)
{
	if (s->phase == SCAN_PHASE_OFF || s->phase == SCAN_PHASE_PAUSED)
		return no_target;
	return target_at(s, s->pos);
}
