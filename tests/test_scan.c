/* Tests for scan.c: automatic and step scanning, groups and their way out, acceptance
 * time, the repeat window, held switches, walk-up, reading and the reset, all on a fake
 * clock. Each call's actions are written as one line ("highlight 11, say B") so every
 * test states exactly what the app would be told to do, and when. */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "scan.h"

#define NEVER UINT64_MAX

static const ScanItem three[] = {
    {10, 0, "A", false},
    {11, 0, "B", false},
    {12, 0, "C", false},
};

/* Five text rows on the page and the five navigation buttons: ten items, two groups. */
static const ScanItem many[] = {
    {0, 0, "Row 1", true},  {1, 0, "Row 2", true},    {2, 0, "Row 3", true},
    {3, 0, "Row 4", true},  {4, 0, "Row 5", true},    {20, 1, "Home", false},
    {21, 1, "Back", false}, {22, 1, "Listen", false}, {23, 1, "Settings", false},
    {24, 1, "Next", false},
};

static const ScanItem rows[] = {
    {1, 0, "Row 1", true},
    {2, 0, "Row 2", true},
    {20, 1, "Home", false},
};

/* The actions of one call as one line. */
static const char *str(const ScanActions *acts)
{
	static char buf[1024];
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < acts->count; i++) {
		const ScanAction *a = &acts->a[i];
		const char *sep = i ? ", " : "";
		switch (a->type) {
		case SCAN_ACT_HIGHLIGHT:
			switch (a->target.kind) {
			case SCAN_TARGET_NONE:
				n += snprintf(buf + n, sizeof(buf) - n, "%shighlight none", sep);
				break;
			case SCAN_TARGET_ITEM:
				n += snprintf(buf + n, sizeof(buf) - n, "%shighlight %d", sep,
				              a->target.id);
				break;
			case SCAN_TARGET_GROUP:
				n += snprintf(buf + n, sizeof(buf) - n, "%shighlight group %d", sep,
				              a->target.group);
				break;
			case SCAN_TARGET_EXIT:
				n += snprintf(buf + n, sizeof(buf) - n, "%shighlight exit %d", sep,
				              a->target.group);
				break;
			}
			break;
		case SCAN_ACT_SPEAK_LABEL:
			n += snprintf(buf + n, sizeof(buf) - n, "%ssay %s", sep, a->text);
			break;
		case SCAN_ACT_ACTIVATE:
			n += snprintf(buf + n, sizeof(buf) - n, "%sactivate %d", sep, a->target.id);
			break;
		case SCAN_ACT_SPEAK_HINT:
			n += snprintf(buf + n, sizeof(buf) - n, "%shint %s", sep, a->text);
			break;
		case SCAN_ACT_STOP_SPEECH:
			n += snprintf(buf + n, sizeof(buf) - n, "%sstop speech", sep);
			break;
		case SCAN_ACT_STARTED:
			n += snprintf(buf + n, sizeof(buf) - n, "%sstarted", sep);
			break;
		case SCAN_ACT_STOPPED:
			n += snprintf(buf + n, sizeof(buf) - n, "%sstopped", sep);
			break;
		case SCAN_ACT_PAUSED:
			n += snprintf(buf + n, sizeof(buf) - n, "%spaused", sep);
			break;
		case SCAN_ACT_RESUMED:
			n += snprintf(buf + n, sizeof(buf) - n, "%sresumed", sep);
			break;
		}
		assert_true(n < sizeof(buf));
	}
	return buf;
}

static ScanActions acts;

/* Sets up a scan with the defaults changed by the test, on the items given. */
static void setup(ScanState *s, ScanConfig *c, const ScanItem *items, size_t count)
{
	scan_init(s, c);
	scan_screen_changed(s, items, count, 0, &acts);
	assert_string_equal(str(&acts), ""); /* scanning is off: nothing shown yet */
}

static const char *down(ScanState *s, int sw, uint64_t now)
{
	scan_switch(s, sw, true, now, &acts);
	return str(&acts);
}

static const char *up(ScanState *s, int sw, uint64_t now)
{
	scan_switch(s, sw, false, now, &acts);
	return str(&acts);
}

static const char *tick(ScanState *s, uint64_t now)
{
	scan_tick(s, now, &acts);
	return str(&acts);
}

/* A 50 ms press: what its down did (its release must do nothing). */
static const char *tap(ScanState *s, int sw, uint64_t now)
{
	static char first[1024];
	snprintf(first, sizeof(first), "%s", down(s, sw, now));
	assert_string_equal(up(s, sw, now + 50), "");
	return first;
}

/* Expects the next deadline at `at`, and what ticking there does. */
static void expect_at(ScanState *s, uint64_t at, const char *what)
{
	assert_int_equal(scan_next_deadline(s), at);
	assert_string_equal(tick(s, at - 1), "");
	assert_string_equal(tick(s, at), what);
}

static void config_defaults_and_ranges(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	assert_int_equal(c.mode, SCAN_AUTO);
	assert_int_equal(c.interval_ms, 1500);
	assert_int_equal(c.first_extra_ms, 500);
	assert_int_equal(c.loops, 3);
	assert_int_equal(c.accept_ms, 0);
	assert_int_equal(c.ignore_repeat_ms, 300);
	assert_false(c.held_steps);
	assert_int_equal(c.hold_step_ms, 2000);
	assert_true(c.speak_labels);
	assert_string_equal(c.group_names[0], "The page");
	assert_string_equal(c.group_names[1], "Buttons at the bottom");
	assert_string_equal(c.exit_name, "Go back");

	c.interval_ms = 100;
	c.first_extra_ms = -5;
	c.loops = -1;
	c.accept_ms = 5000;
	c.ignore_repeat_ms = 9000;
	c.hold_step_ms = 500; /* faster than one step per 2 s is not allowed */
	c.mode = (ScanMode)7;
	scan_config_clamp(&c);
	assert_int_equal(c.interval_ms, 500);
	assert_int_equal(c.first_extra_ms, 0);
	assert_int_equal(c.loops, 0);
	assert_int_equal(c.accept_ms, 2000);
	assert_int_equal(c.ignore_repeat_ms, 2000);
	assert_int_equal(c.hold_step_ms, 2000);
	assert_int_equal(c.mode, SCAN_AUTO);

	/* The ranges the checklist asks for are inside the allowed ones. */
	c.interval_ms = 15000;
	c.accept_ms = 500;
	c.ignore_repeat_ms = 500;
	c.interval_ms = 60000;
	scan_config_clamp(&c);
	assert_int_equal(c.accept_ms, 500);
	assert_int_equal(c.ignore_repeat_ms, 500);
	assert_int_equal(c.interval_ms, 30000);
	c.interval_ms = 15000;
	scan_config_clamp(&c);
	assert_int_equal(c.interval_ms, 15000);
}

static void config_set_from_ini(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	assert_true(scan_config_set(&c, "mode", "step"));
	assert_int_equal(c.mode, SCAN_STEP);
	assert_true(scan_config_set(&c, "interval_s", "0.75"));
	assert_int_equal(c.interval_ms, 750);
	assert_true(scan_config_set(&c, "interval_s", "0.1"));
	assert_int_equal(c.interval_ms, 500); /* clamped */
	assert_true(scan_config_set(&c, "first_extra_s", "1"));
	assert_int_equal(c.first_extra_ms, 1000);
	assert_true(scan_config_set(&c, "hold_step_s", "3.5"));
	assert_int_equal(c.hold_step_ms, 3500);
	assert_true(scan_config_set(&c, "accept_ms", "9999"));
	assert_int_equal(c.accept_ms, 2000);
	assert_true(scan_config_set(&c, "ignore_repeat_ms", "500"));
	assert_int_equal(c.ignore_repeat_ms, 500);
	assert_true(scan_config_set(&c, "loops", "5"));
	assert_int_equal(c.loops, 5);
	assert_true(scan_config_set(&c, "held_steps", "yes"));
	assert_true(c.held_steps);
	assert_true(scan_config_set(&c, "speak_labels", "no"));
	assert_false(c.speak_labels);
	/* Bad values and keys keep what was there. */
	assert_false(scan_config_set(&c, "interval_s", "fast"));
	assert_false(scan_config_set(&c, "interval_s", "nan"));
	assert_false(scan_config_set(&c, "loops", "3x"));
	assert_false(scan_config_set(&c, "mode", "sideways"));
	assert_false(scan_config_set(&c, "held_steps", "maybe"));
	assert_false(scan_config_set(&c, "speed", "1"));
	assert_int_equal(c.interval_ms, 500);
	assert_int_equal(c.loops, 5);
	assert_int_equal(c.mode, SCAN_STEP);
}

static void auto_scan_timing_gives_the_first_item_extra_time(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	ScanState s;
	setup(&s, &c, three, 3);
	assert_false(scan_is_on(&s));
	assert_int_equal(scan_next_deadline(&s), NEVER);

	scan_start(&s, 0, &acts);
	assert_string_equal(str(&acts), "started, highlight 10, say A");
	assert_true(scan_is_on(&s));
	expect_at(&s, 2000, "highlight 11, say B"); /* 1.5 s + 0.5 s on the first item */
	expect_at(&s, 3500, "highlight 12, say C");
	expect_at(&s, 5000, "highlight 10, say A");
	expect_at(&s, 7000, "highlight 11, say B"); /* the extra time again at each round */
	ScanTarget t = scan_current(&s);
	assert_int_equal(t.kind, SCAN_TARGET_ITEM);
	assert_int_equal(t.id, 11);

	scan_start(&s, 7100, &acts); /* already on */
	assert_string_equal(str(&acts), "");
}

static void late_tick_moves_one_step_and_gives_it_full_time(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	ScanState s;
	setup(&s, &c, three, 3);
	scan_start(&s, 0, &acts);
	assert_string_equal(tick(&s, 9000), "highlight 11, say B"); /* due at 2000 */
	assert_int_equal(scan_next_deadline(&s), 10500);
	assert_string_equal(tick(&s, 9000), ""); /* extra ticks are harmless */
}

static void pauses_after_loops_and_a_press_resumes_without_choosing(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	ScanState s;
	setup(&s, &c, three, 3);
	scan_start(&s, 0, &acts);
	expect_at(&s, 2000, "highlight 11, say B");
	expect_at(&s, 3500, "highlight 12, say C");
	expect_at(&s, 5000, "highlight 10, say A");
	expect_at(&s, 7000, "highlight 11, say B");
	expect_at(&s, 8500, "highlight 12, say C");
	expect_at(&s, 10000, "highlight 10, say A");
	expect_at(&s, 12000, "highlight 11, say B");
	expect_at(&s, 13500, "highlight 12, say C");
	assert_false(scan_is_paused(&s));
	expect_at(&s, 15000, "highlight none, paused");  /* three rounds, no press */
	assert_int_equal(scan_next_deadline(&s), NEVER); /* a paused kiosk sleeps */
	assert_int_equal(scan_current(&s).kind, SCAN_TARGET_NONE);
	assert_true(scan_is_on(&s));
	/* the app shows and says "Press your switch to go on" while this is true */
	assert_true(scan_is_paused(&s));

	assert_string_equal(tap(&s, 1, 60000), "resumed, highlight 10, say A");
	assert_false(scan_is_paused(&s));
	assert_int_equal(scan_next_deadline(&s), 62000);
	assert_string_equal(tap(&s, 1, 61000), "activate 10");
}

static void loops_zero_never_pauses(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	c.loops = 0;
	ScanState s;
	setup(&s, &c, three, 3);
	scan_start(&s, 0, &acts);
	uint64_t t = 0;
	for (int round = 0; round < 10; round++) {
		expect_at(&s, t + 2000, "highlight 11, say B");
		expect_at(&s, t + 3500, "highlight 12, say C");
		expect_at(&s, t + 5000, "highlight 10, say A");
		t += 5000;
	}
}

static void acceptance_time_ignores_short_presses(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	c.accept_ms = 200;
	ScanState s;
	setup(&s, &c, three, 3);
	scan_start(&s, 0, &acts);

	/* Held 150 ms: not a press. */
	assert_string_equal(down(&s, 1, 100), "");
	assert_int_equal(scan_next_deadline(&s), 300); /* the acceptance moment */
	assert_string_equal(up(&s, 1, 250), "");
	assert_int_equal(scan_next_deadline(&s), 2000);

	/* Held on: accepted the moment it reaches 200 ms, not on release. */
	assert_string_equal(down(&s, 1, 500), "");
	expect_at(&s, 700, "activate 10");
	assert_int_equal(scan_next_deadline(&s), 700); /* the restart, at once */
	assert_string_equal(tick(&s, 700), "highlight 10, say A");
	assert_string_equal(up(&s, 1, 3000), ""); /* already counted */
	assert_int_equal(scan_next_deadline(&s), 2700);

	/* The tick at the acceptance moment never came: the release counts it. */
	assert_string_equal(down(&s, 2, 1000), "");
	assert_string_equal(up(&s, 2, 1200), "activate 10"); /* exactly 200 ms is enough */
	assert_string_equal(tick(&s, 1200), "highlight 10, say A");

	/* 199 ms is not. */
	assert_string_equal(down(&s, 2, 2000), "");
	assert_string_equal(up(&s, 2, 2199), "");
	assert_int_equal(scan_next_deadline(&s), 3200);
}

static void repeat_window_ignores_a_second_press(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	ScanState s;
	setup(&s, &c, three, 3);
	scan_start(&s, 0, &acts);

	assert_string_equal(down(&s, 1, 100), "activate 10");
	assert_string_equal(tick(&s, 100), "highlight 10, say A");
	assert_string_equal(up(&s, 1, 150), "");
	/* 250 ms after the release: a bounce, ignored, and so is its release. */
	assert_string_equal(down(&s, 1, 400), "");
	assert_string_equal(up(&s, 1, 420), "");
	/* The window is per switch: switch 2 is a different press. */
	assert_string_equal(down(&s, 2, 430), "activate 10");
	assert_string_equal(tick(&s, 430), "highlight 10, say A");
	assert_string_equal(up(&s, 2, 440), "");
	/* 300 ms after switch 1's release: a new press. */
	assert_string_equal(down(&s, 1, 450), "activate 10");
	assert_string_equal(tick(&s, 450), "highlight 10, say A");
	assert_string_equal(up(&s, 1, 500), "");
	/* A duplicate down (key repeat) while held is not a press either. */
	assert_string_equal(down(&s, 2, 1000), "activate 10");
	assert_string_equal(tick(&s, 1000), "highlight 10, say A");
	assert_string_equal(down(&s, 2, 1030), "");
	assert_string_equal(up(&s, 2, 1060), "");
	assert_string_equal(up(&s, 2, 1070), ""); /* an up without a down */

	/* Window off: presses right after each other both count. */
	c.ignore_repeat_ms = 0;
	scan_set_config(&s, &c, 5000, &acts);
	assert_string_equal(str(&acts), "highlight 10, say A");
	assert_string_equal(tap(&s, 1, 5100), "activate 10");
	assert_string_equal(tick(&s, 5150), "highlight 10, say A");
	assert_string_equal(tap(&s, 1, 5160), "activate 10");
}

static void step_mode_switch_one_moves_switch_two_chooses(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	c.mode = SCAN_STEP;
	ScanState s;
	setup(&s, &c, three, 3);
	scan_start(&s, 0, &acts);
	assert_string_equal(str(&acts), "started, highlight 10, say A");
	assert_int_equal(scan_next_deadline(&s), NEVER); /* nothing moves by itself */
	assert_string_equal(tick(&s, 100000), "");

	assert_string_equal(tap(&s, 1, 100000), "highlight 11, say B");
	assert_string_equal(tap(&s, 1, 101000), "highlight 12, say C");
	assert_string_equal(tap(&s, 1, 102000), "highlight 10, say A"); /* wraps, never pauses */
	assert_string_equal(tap(&s, 1, 103000), "highlight 11, say B");
	assert_string_equal(tap(&s, 2, 104000), "activate 11");
	assert_int_equal(scan_next_deadline(&s), 104000);
	assert_string_equal(tick(&s, 104000), "highlight 10, say A");
	assert_int_equal(scan_next_deadline(&s), NEVER);
}

static void groups_only_above_seven_items_in_two_groups(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	ScanState s;
	/* Seven items in two groups: one by one. */
	setup(&s, &c, many + 3, 7);
	scan_start(&s, 0, &acts);
	assert_string_equal(str(&acts), "started, highlight 3, say Row 4");
	/* Eight items all on the page: one group only, so no group step either. */
	ScanItem eight[8];
	for (int i = 0; i < 8; i++)
		eight[i] = (ScanItem){i, 0, "Row", false};
	scan_screen_changed(&s, eight, 8, 100, &acts);
	assert_string_equal(str(&acts), "highlight 0, say Row");
	/* Eight items in two groups: groups first. */
	scan_screen_changed(&s, many + 2, 8, 200, &acts);
	assert_string_equal(str(&acts), "highlight group 0, say The page");
}

/* A menu's grid: the intro row, two rows of tiles, the bar. Groups go top to bottom (the
 * page, row 1, row 2, then the bar), and a row's tiles are scanned one by one. */
static void menu_grid_is_scanned_by_rows_then_tiles(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	ScanState s;
	static const ScanItem grid[] = {
	    {0, 0, "Intro", true},         {1, SCAN_GROUP_TILES, "Care Act", false},
	    {2, SCAN_GROUP_TILES, "Advocacy", false}, {3, SCAN_GROUP_TILES + 1, "Help", false},
	    {4, SCAN_GROUP_TILES + 1, "About", false}, {20, 1, "Listen", false},
	    {21, 1, "Settings", false},    {22, 1, "Language", false},
	};
	setup(&s, &c, grid, 8);
	scan_start(&s, 0, &acts);
	assert_string_equal(str(&acts), "started, highlight group 0, say The page");
	expect_at(&s, 2000, "highlight group 2, say Row 1");
	expect_at(&s, 3500, "highlight group 3, say Row 2");
	expect_at(&s, 5000, "highlight group 1, say Buttons at the bottom");
	expect_at(&s, 6500, "highlight group 0, say The page");
	expect_at(&s, 8500, "highlight group 2, say Row 1");
	expect_at(&s, 10000, "highlight group 3, say Row 2");
	assert_string_equal(tap(&s, 1, 10500), "highlight 3, say Help");
	expect_at(&s, 12500, "highlight 4, say About");
}

static void auto_group_scanning_has_a_way_out(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	ScanState s;
	setup(&s, &c, many, 10);
	scan_start(&s, 0, &acts);
	assert_string_equal(str(&acts), "started, highlight group 0, say The page");
	expect_at(&s, 2000, "highlight group 1, say Buttons at the bottom");
	assert_string_equal(tap(&s, 1, 3000), "highlight 20, say Home");
	expect_at(&s, 5000, "highlight 21, say Back"); /* the first item of a group: extra time */
	expect_at(&s, 6500, "highlight 22, say Listen");
	expect_at(&s, 8000, "highlight 23, say Settings");
	expect_at(&s, 9500, "highlight 24, say Next");
	expect_at(&s, 11000, "highlight exit 1, say Go back");
	/* A whole round in the group with no press: back to the groups. */
	expect_at(&s, 12500, "highlight group 0, say The page");

	/* Into the page rows, and out by choosing the exit step. */
	assert_string_equal(tap(&s, 1, 13000), "highlight 0, say Row 1");
	expect_at(&s, 15000, "highlight 1, say Row 2");
	expect_at(&s, 16500, "highlight 2, say Row 3");
	expect_at(&s, 18000, "highlight 3, say Row 4");
	expect_at(&s, 19500, "highlight 4, say Row 5");
	expect_at(&s, 21000, "highlight exit 0, say Go back");
	assert_string_equal(tap(&s, 1, 21500), "highlight group 0, say The page");
	ScanTarget t = scan_current(&s);
	assert_int_equal(t.kind, SCAN_TARGET_GROUP);
	assert_int_equal(t.group, 0);

	/* The group level pauses after three rounds like a flat screen. */
	expect_at(&s, 23500, "highlight group 1, say Buttons at the bottom");
	expect_at(&s, 25000, "highlight group 0, say The page");
	expect_at(&s, 27000, "highlight group 1, say Buttons at the bottom");
	expect_at(&s, 28500, "highlight group 0, say The page");
	expect_at(&s, 30500, "highlight group 1, say Buttons at the bottom");
	expect_at(&s, 32000, "highlight none, paused");
}

static void step_group_scanning_goes_round_until_the_exit_is_chosen(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	c.mode = SCAN_STEP;
	ScanState s;
	setup(&s, &c, many, 10);
	scan_start(&s, 0, &acts);
	assert_string_equal(str(&acts), "started, highlight group 0, say The page");
	assert_string_equal(tap(&s, 1, 1000), "highlight group 1, say Buttons at the bottom");
	assert_string_equal(tap(&s, 2, 2000), "highlight 20, say Home");
	assert_string_equal(tap(&s, 1, 3000), "highlight 21, say Back");
	assert_string_equal(tap(&s, 1, 4000), "highlight 22, say Listen");
	assert_string_equal(tap(&s, 1, 5000), "highlight 23, say Settings");
	assert_string_equal(tap(&s, 1, 6000), "highlight 24, say Next");
	assert_string_equal(tap(&s, 1, 7000), "highlight exit 1, say Go back");
	assert_string_equal(tap(&s, 1, 8000), "highlight 20, say Home"); /* round in the group */
	assert_string_equal(tap(&s, 2, 9000), "activate 20");
	assert_string_equal(tick(&s, 9000), "highlight group 0, say The page");
	assert_string_equal(tap(&s, 2, 10000), "highlight 0, say Row 1");
	for (int i = 1; i < 5; i++)
		tap(&s, 1, 10000 + 1000 * (uint64_t)i);
	assert_string_equal(tap(&s, 1, 15000), "highlight exit 0, say Go back");
	assert_string_equal(tap(&s, 2, 16000), "highlight group 0, say The page");
	assert_int_equal(scan_next_deadline(&s), NEVER);
}

static void held_switch_steps_no_faster_than_every_two_seconds(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	c.mode = SCAN_STEP;
	c.held_steps = true;
	c.hold_step_ms = 500; /* clamped to 2000 */
	ScanState s;
	setup(&s, &c, three, 3);
	scan_start(&s, 0, &acts);
	assert_string_equal(down(&s, 1, 100), "highlight 11, say B");
	expect_at(&s, 2100, "highlight 12, say C");
	expect_at(&s, 4100, "highlight 10, say A");
	assert_string_equal(up(&s, 1, 5000), "");
	assert_int_equal(scan_next_deadline(&s), NEVER);

	/* A held choosing switch chooses once. */
	assert_string_equal(down(&s, 2, 6000), "activate 10");
	assert_string_equal(tick(&s, 6000), "highlight 10, say A");
	assert_int_equal(scan_next_deadline(&s), NEVER);
	assert_string_equal(tick(&s, 20000), "");
	assert_string_equal(up(&s, 2, 20000), "");

	/* held_steps off: a held switch is one step. */
	c.held_steps = false;
	scan_set_config(&s, &c, 21000, &acts);
	assert_string_equal(str(&acts), "highlight 10, say A");
	assert_string_equal(down(&s, 1, 22000), "highlight 11, say B");
	assert_int_equal(scan_next_deadline(&s), NEVER);
	assert_string_equal(tick(&s, 30000), "");
	assert_string_equal(up(&s, 1, 30000), "");
}

static void held_switch_in_auto_mode_chooses_once(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	c.held_steps = true;
	ScanState s;
	setup(&s, &c, three, 3);
	scan_start(&s, 0, &acts);
	assert_string_equal(down(&s, 1, 100), "activate 10");
	assert_string_equal(tick(&s, 100), "highlight 10, say A");
	expect_at(&s, 2100, "highlight 11, say B"); /* scanning goes on, nothing repeats */
	assert_string_equal(up(&s, 1, 3000), "");
}

static void screen_change_restarts_at_the_first_item(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	ScanState s;
	setup(&s, &c, three, 3);
	scan_start(&s, 0, &acts);
	expect_at(&s, 2000, "highlight 11, say B");
	expect_at(&s, 3500, "highlight 12, say C");
	expect_at(&s, 5000, "highlight 10, say A");
	expect_at(&s, 7000, "highlight 11, say B");

	static const ScanItem next[] = {{30, 0, "X", false}, {31, 1, "Y", false}};
	scan_screen_changed(&s, next, 2, 7700, &acts);
	assert_string_equal(str(&acts), "highlight 30, say X");
	assert_true(scan_is_on(&s));
	/* The rounds start again too: three full rounds of the new screen. */
	expect_at(&s, 9700, "highlight 31, say Y");
	expect_at(&s, 11200, "highlight 30, say X");
	expect_at(&s, 13200, "highlight 31, say Y");
	expect_at(&s, 14700, "highlight 30, say X");
	expect_at(&s, 16700, "highlight 31, say Y");
	expect_at(&s, 18200, "highlight none, paused");

	/* Paused: a new screen is remembered, the pause stays. */
	scan_screen_changed(&s, many, 10, 19000, &acts);
	assert_string_equal(str(&acts), "");
	assert_int_equal(scan_next_deadline(&s), NEVER);
	assert_string_equal(tap(&s, 1, 20000), "resumed, highlight group 0, say The page");

	/* Inside a group: back to the groups of the new screen. */
	assert_string_equal(tap(&s, 1, 21000), "highlight 0, say Row 1");
	scan_screen_changed(&s, many, 10, 21500, &acts);
	assert_string_equal(str(&acts), "highlight group 0, say The page");
	assert_int_equal(scan_next_deadline(&s), 23500);

	/* A screen with nothing to choose: no highlight, no timer; the next one starts again. */
	scan_screen_changed(&s, NULL, 0, 22000, &acts);
	assert_string_equal(str(&acts), "highlight none");
	assert_int_equal(scan_next_deadline(&s), NEVER);
	assert_string_equal(tap(&s, 1, 23000), "");
	scan_screen_changed(&s, three, 3, 24000, &acts);
	assert_string_equal(str(&acts), "highlight 10, say A");
	assert_int_equal(scan_next_deadline(&s), 26000);
}

static void activation_restarts_unless_the_screen_changes(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	ScanState s;
	setup(&s, &c, three, 3);
	scan_start(&s, 0, &acts);
	expect_at(&s, 2000, "highlight 11, say B");
	assert_string_equal(tap(&s, 1, 2500), "activate 11");
	/* The app changes the screen at once: the new screen's first item, nothing else. */
	static const ScanItem next[] = {{30, 0, "X", false}};
	scan_screen_changed(&s, next, 1, 2500, &acts);
	assert_string_equal(str(&acts), "highlight 30, say X");
	assert_int_equal(scan_next_deadline(&s), 4500);
	/* The same screen stays: the restart comes on the next tick. */
	assert_string_equal(tap(&s, 1, 3000), "activate 30");
	assert_int_equal(scan_next_deadline(&s), 3000);
	assert_string_equal(tick(&s, 3000), "highlight 30, say X");
	/* A press before that tick only brings the restart; it chooses nothing. */
	assert_string_equal(tap(&s, 1, 4000), "activate 30");
	assert_string_equal(tap(&s, 2, 4010), "highlight 30, say X");
}

static void walk_up_press_starts_scanning_with_a_hint(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	ScanState s;
	setup(&s, &c, three, 3);
	assert_string_equal(tap(&s, 1, 1000),
	                    "started, highlight 10, "
	                    "hint Press your switch when the thing you want lights up.");
	/* The hint is not cut off: the first label and the timer wait for it to end. */
	assert_int_equal(scan_next_deadline(&s), NEVER);
	assert_string_equal(tick(&s, 5000), "");
	scan_speech_finished(&s, 3000, &acts);
	assert_string_equal(str(&acts), "say A");
	assert_int_equal(scan_next_deadline(&s), 5000);
	assert_string_equal(tap(&s, 1, 3500), "activate 10"); /* now a press chooses */

	/* A press during the hint stops it and starts the scan; it chooses nothing. */
	scan_reset(&s, &acts);
	c.mode = SCAN_STEP;
	scan_set_config(&s, &c, 10000, &acts);
	assert_string_equal(str(&acts), "");
	assert_string_equal(
	    tap(&s, 2, 10000),
	    "started, highlight 10, hint Switch one moves the light, switch two chooses.");
	assert_string_equal(tap(&s, 2, 11000), "stop speech, say A");
	assert_int_equal(scan_next_deadline(&s), NEVER); /* step mode */
	scan_speech_finished(&s, 11500, &acts);          /* the cut hint's end: ignored */
	assert_string_equal(str(&acts), "");
	assert_string_equal(tap(&s, 1, 12000), "highlight 11, say B");

	/* With an acceptance time, a short touch of the switch does not start anything. */
	scan_reset(&s, &acts);
	c.mode = SCAN_AUTO;
	c.accept_ms = 300;
	scan_set_config(&s, &c, 20000, &acts);
	assert_string_equal(down(&s, 1, 20000), "");
	assert_string_equal(up(&s, 1, 20100), "");
	assert_false(scan_is_on(&s));
	assert_string_equal(down(&s, 1, 21000), "");
	expect_at(&s, 21300,
	          "started, highlight 10, "
	          "hint Press your switch when the thing you want lights up.");
	/* A new screen during the hint moves the ring only. */
	scan_screen_changed(&s, many, 10, 21400, &acts);
	assert_string_equal(str(&acts), "highlight group 0");
	scan_speech_finished(&s, 23000, &acts);
	assert_string_equal(str(&acts), "say The page");
}

static void scanning_waits_while_a_chosen_row_is_read(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	ScanState s;
	setup(&s, &c, rows, 3);
	scan_start(&s, 0, &acts);
	assert_string_equal(tap(&s, 1, 500), "activate 1");
	assert_int_equal(scan_next_deadline(&s), NEVER);
	assert_string_equal(tick(&s, 10000), ""); /* no move while the row is read */
	ScanTarget t = scan_current(&s);
	assert_int_equal(t.id, 1); /* the ring stays on the row being read */

	scan_speech_finished(&s, 12000, &acts);
	assert_string_equal(str(&acts), "highlight 2, say Row 2"); /* on to the next row */
	assert_int_equal(scan_next_deadline(&s), 13500);
	assert_string_equal(tap(&s, 1, 13000), "activate 2");
	/* A press while it is read stops the speech and goes on; it chooses nothing. */
	assert_string_equal(tap(&s, 1, 14000), "stop speech, highlight 20, say Home");
	scan_speech_finished(&s, 14100, &acts); /* the stopped reading's end: ignored */
	assert_string_equal(str(&acts), "");
	assert_int_equal(scan_next_deadline(&s), 15500);
}

static void reset_stops_scanning_until_the_next_walk_up(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	c.accept_ms = 100;
	ScanState s;
	setup(&s, &c, three, 3);
	scan_start(&s, 0, &acts);
	expect_at(&s, 2000, "highlight 11, say B");
	assert_string_equal(down(&s, 1, 2500), ""); /* held through the reset */
	scan_reset(&s, &acts);
	assert_string_equal(str(&acts), "highlight none, stopped");
	assert_false(scan_is_on(&s));
	assert_int_equal(scan_next_deadline(&s), NEVER);
	assert_int_equal(scan_current(&s).kind, SCAN_TARGET_NONE);
	assert_string_equal(tick(&s, 9000), "");
	assert_string_equal(up(&s, 1, 9000), ""); /* that press belonged to the last visitor */
	scan_reset(&s, &acts);
	assert_string_equal(str(&acts), "");

	assert_string_equal(down(&s, 1, 9050), ""); /* no repeat window left over either */
	expect_at(&s, 9150,
	          "started, highlight 10, "
	          "hint Press your switch when the thing you want lights up.");
}

static void next_deadline_is_the_earliest_thing_due(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	c.accept_ms = 400;
	ScanState s;
	setup(&s, &c, three, 3);
	assert_int_equal(scan_next_deadline(&s), NEVER); /* off and idle */
	assert_string_equal(down(&s, 1, 100), "");
	assert_int_equal(scan_next_deadline(&s), 500); /* a walk-up press being timed */
	assert_string_equal(up(&s, 1, 200), "");
	assert_int_equal(scan_next_deadline(&s), NEVER);

	scan_start(&s, 1000, &acts);
	assert_int_equal(scan_next_deadline(&s), 3000);
	assert_string_equal(down(&s, 2, 2800), "");
	assert_int_equal(scan_next_deadline(&s), 3000); /* the move comes first */
	/* Both due in one late tick: the move, then the press chooses what it moved to. */
	assert_string_equal(tick(&s, 3300), "highlight 11, say B, activate 11");
	assert_int_equal(scan_next_deadline(&s), 3300);
	assert_string_equal(up(&s, 2, 3400), "");
	assert_string_equal(tick(&s, 3400), "highlight 10, say A");
	assert_int_equal(scan_next_deadline(&s), 5400);
	assert_string_equal(down(&s, 1, 5000), "");
	assert_int_equal(scan_next_deadline(&s), 5400); /* a tie: the press goes first */
	assert_string_equal(tick(&s, 5400), "activate 10");
}

static void labels_can_be_silent(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	c.speak_labels = false;
	ScanState s;
	setup(&s, &c, three, 3);
	assert_string_equal(tap(&s, 1, 0),
	                    "started, highlight 10, "
	                    "hint Press your switch when the thing you want lights up.");
	scan_speech_finished(&s, 1000, &acts);
	assert_string_equal(str(&acts), "");
	expect_at(&s, 3000, "highlight 11");
}

static void too_many_items_are_cut_to_the_maximum(void **state)
{
	(void)state;
	ScanConfig c;
	scan_config_defaults(&c);
	c.mode = SCAN_STEP;
	ScanState s;
	setup(&s, &c, three, 3);
	ScanItem lots[SCAN_MAX_ITEMS + 6];
	for (int i = 0; i < SCAN_MAX_ITEMS + 6; i++)
		lots[i] = (ScanItem){i, 0, "Row", false};
	scan_screen_changed(&s, lots, SCAN_MAX_ITEMS + 6, 0, &acts);
	assert_int_equal(s.item_count, SCAN_MAX_ITEMS);
	scan_start(&s, 0, &acts);
	for (int i = 1; i < SCAN_MAX_ITEMS; i++)
		tap(&s, 1, 1000 * (uint64_t)i);
	assert_int_equal(scan_current(&s).id, SCAN_MAX_ITEMS - 1);
	assert_string_equal(tap(&s, 1, 1000000), "highlight 0, say Row");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(config_defaults_and_ranges),
	    cmocka_unit_test(config_set_from_ini),
	    cmocka_unit_test(auto_scan_timing_gives_the_first_item_extra_time),
	    cmocka_unit_test(late_tick_moves_one_step_and_gives_it_full_time),
	    cmocka_unit_test(pauses_after_loops_and_a_press_resumes_without_choosing),
	    cmocka_unit_test(loops_zero_never_pauses),
	    cmocka_unit_test(acceptance_time_ignores_short_presses),
	    cmocka_unit_test(repeat_window_ignores_a_second_press),
	    cmocka_unit_test(step_mode_switch_one_moves_switch_two_chooses),
	    cmocka_unit_test(groups_only_above_seven_items_in_two_groups),
	    cmocka_unit_test(menu_grid_is_scanned_by_rows_then_tiles),
	    cmocka_unit_test(auto_group_scanning_has_a_way_out),
	    cmocka_unit_test(step_group_scanning_goes_round_until_the_exit_is_chosen),
	    cmocka_unit_test(held_switch_steps_no_faster_than_every_two_seconds),
	    cmocka_unit_test(held_switch_in_auto_mode_chooses_once),
	    cmocka_unit_test(screen_change_restarts_at_the_first_item),
	    cmocka_unit_test(activation_restarts_unless_the_screen_changes),
	    cmocka_unit_test(walk_up_press_starts_scanning_with_a_hint),
	    cmocka_unit_test(scanning_waits_while_a_chosen_row_is_read),
	    cmocka_unit_test(reset_stops_scanning_until_the_next_walk_up),
	    cmocka_unit_test(next_deadline_is_the_earliest_thing_due),
	    cmocka_unit_test(labels_can_be_silent),
	    cmocka_unit_test(too_many_items_are_cut_to_the_maximum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
