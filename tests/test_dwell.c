/* Tests for dwell.c on a fake clock: progress and the press, the grace for a glance away,
 * the dead time after a new screen, tremor at a target's edge, never pressing twice without
 * leaving, clicks, the walk-up offer, the settings keys and the reset. */
#include "test.h"

#include <string.h>

#include "dwell.h"

#define NEVER UINT64_MAX

/* Two big buttons side by side and a small one, like a page's topics and a nav button. */
static const DwellTarget targets[] = {
    {7, 900, 900, 120, 150},  /* small first: it wins where they overlap */
    {1, 100, 100, 400, 200},
    {2, 600, 100, 400, 200},
};

static void start(DwellState *d, int ms)
{
	DwellConfig c;
	dwell_config_defaults(&c);
	c.ms = ms;
	dwell_init(d, &c);
	dwell_set_targets(d, targets, 3, true, 0);
	/* the start-up dead time is over long before the visitor points */
}

/* Ticks every 10 ms from `from` to `to` (inclusive); returns the first event. */
static DwellEvent run(DwellState *d, uint64_t from, uint64_t to, uint64_t *at)
{
	for (uint64_t t = from; t <= to; t += 10) {
		DwellEvent ev = dwell_tick(d, t);
		if (ev.type != DWELL_NONE) {
			*at = t;
			return ev;
		}
	}
	*at = NEVER;
	return (DwellEvent){DWELL_NONE, -1, 0, 0};
}

static void rest_presses_after_the_dwell_time_with_progress_on_the_way(void **state)
{
	(void)state;
	DwellState d;
	start(&d, 1200);
	dwell_pointer(&d, 200, 150, 5000);
	int id = -1;
	double p = -1;
	/* the ring waits for start_ms (100 ms), so passing over targets shows nothing */
	assert_false(dwell_ring(&d, 5050, &id, &p));
	assert_true(dwell_ring(&d, 5600, &id, &p));
	assert_int_equal(id, 1);
	assert_true(p > 0.49 && p < 0.51);
	assert_int_equal(dwell_next_deadline(&d), 6200);
	uint64_t at;
	DwellEvent ev = run(&d, 5000, 8000, &at);
	assert_int_equal(ev.type, DWELL_PRESS);
	assert_int_equal(ev.id, 1);
	assert_int_equal(at, 6200);
	assert_int_equal(ev.x, 200); /* where the pointer is, as a tap there would be */
	assert_int_equal(ev.y, 150);
	assert_false(dwell_ring(&d, 6210, &id, &p));
}

static void off_never_presses(void **state)
{
	(void)state;
	DwellState d;
	start(&d, 0);
	assert_false(dwell_is_on(&d));
	dwell_pointer(&d, 200, 150, 5000);
	uint64_t at;
	DwellEvent ev = run(&d, 5000, 9000, &at);
	assert_int_not_equal(ev.type, DWELL_PRESS);
	int id;
	double p;
	assert_false(dwell_ring(&d, 6000, &id, &p));
}

static void a_glance_away_shorter_than_the_grace_keeps_the_progress(void **state)
{
	(void)state;
	DwellState d;
	start(&d, 1200);
	dwell_pointer(&d, 200, 150, 1000);
	assert_int_equal(run(&d, 1000, 1600, &(uint64_t){0}).type, DWELL_NONE);
	/* 600 ms filled; away onto the other button for 250 ms, then back */
	dwell_pointer(&d, 800, 150, 1600);
	assert_int_equal(run(&d, 1600, 1840, &(uint64_t){0}).type, DWELL_NONE);
	int id;
	double p;
	assert_true(dwell_ring(&d, 1700, &id, &p)); /* the ring stays, frozen, during the glance */
	assert_int_equal(id, 1);
	assert_true(p > 0.49 && p < 0.51);
	dwell_pointer(&d, 210, 150, 1850);
	uint64_t at;
	DwellEvent ev = run(&d, 1850, 4000, &at);
	assert_int_equal(ev.type, DWELL_PRESS);
	assert_int_equal(ev.id, 1);
	assert_int_equal(at, 2450); /* 600 before + 600 after; the 250 away did not count */
}

static void a_glance_longer_than_the_grace_resets_and_the_new_target_fills(void **state)
{
	(void)state;
	DwellState d;
	start(&d, 1200);
	dwell_pointer(&d, 200, 150, 1000);
	run(&d, 1000, 1600, &(uint64_t){0});
	dwell_pointer(&d, 800, 150, 1600); /* onto button 2, and it stays there */
	uint64_t at;
	DwellEvent ev = run(&d, 1600, 5000, &at);
	assert_int_equal(ev.type, DWELL_PRESS);
	assert_int_equal(ev.id, 2); /* never 1 */
	assert_int_equal(at, 2800); /* counted from when the pointer got to button 2 */
	/* back on button 1 after the grace: it starts from nothing */
	DwellState e;
	start(&e, 1200);
	dwell_pointer(&e, 200, 150, 1000);
	run(&e, 1000, 1600, &(uint64_t){0});
	dwell_pointer(&e, 50, 50, 1600); /* off every target */
	run(&e, 1600, 2000, &(uint64_t){0});
	dwell_pointer(&e, 200, 150, 2000);
	ev = run(&e, 2000, 5000, &at);
	assert_int_equal(ev.id, 1);
	assert_int_equal(at, 3200);
}

static void after_a_new_screen_nothing_fills_during_the_dead_time(void **state)
{
	(void)state;
	DwellState d;
	start(&d, 1200);
	dwell_pointer(&d, 200, 150, 1000);
	uint64_t at;
	DwellEvent ev = run(&d, 1000, 3000, &at);
	assert_int_equal(ev.id, 1);
	/* the press opened a new screen; a different button is now where the pointer is: the
	 * pointer goes off it and straight back, inside the dead time */
	const DwellTarget next[] = {{5, 100, 100, 400, 200}};
	dwell_set_targets(&d, next, 1, true, at);
	dwell_pointer(&d, 50, 50, 2300);
	dwell_pointer(&d, 200, 150, 2400);
	int id;
	double p;
	assert_false(dwell_ring(&d, 3100, &id, &p));
	ev = run(&d, at, at + 5000, &at);
	assert_int_equal(ev.type, DWELL_PRESS);
	assert_int_equal(ev.id, 5);
	assert_int_equal(at, 2200 + 1000 + 1200); /* dead time, then the whole dwell */
	/* a screen that changes by itself (no press) under a resting pointer: the same */
	DwellState e;
	start(&e, 1200);
	dwell_pointer(&e, 200, 150, 1000);
	run(&e, 1000, 1500, &at);
	dwell_set_targets(&e, next, 1, true, 1500);
	assert_false(dwell_ring(&e, 2490, &id, &p));
	ev = run(&e, 1500, 6000, &at);
	assert_int_equal(ev.id, 5);
	assert_int_equal(at, 1500 + 1000 + 1200);
	/* configurable */
	DwellConfig c = d.cfg;
	assert_true(dwell_config_set(&c, "dwell_after_change_ms", "2500"));
	assert_int_equal(c.dead_ms, 2500);
}

static void tremor_at_the_edge_counts_as_still(void **state)
{
	(void)state;
	DwellState d;
	start(&d, 1200);
	dwell_pointer(&d, 495, 150, 1000); /* button 1 ends at x = 500 */
	for (uint64_t t = 1000; t < 2200; t += 40) {
		/* shaking across the edge by up to 10 px (still_px is 12) */
		dwell_pointer(&d, (t / 40) % 2 ? 509 : 491, 150, t);
		assert_int_equal(dwell_tick(&d, t).type, DWELL_NONE);
	}
	DwellEvent ev = dwell_tick(&d, 2200);
	assert_int_equal(ev.type, DWELL_PRESS);
	assert_int_equal(ev.id, 1);
	assert_true(ev.x < 500); /* pressed inside the button, not beside it */
	/* with no tremor margin the same shaking never presses (each jump outside is a glance
	 * that then lasts only 40 ms, so only a larger grace than that would save it) */
	DwellState e;
	start(&e, 1200);
	DwellConfig c = e.cfg;
	c.still_px = 0;
	c.grace_ms = 0;
	dwell_set_config(&e, &c, 0);
	dwell_pointer(&e, 495, 150, 1000);
	for (uint64_t t = 1000; t < 2400; t += 40) {
		dwell_pointer(&e, (t / 40) % 2 ? 509 : 491, 150, t);
		assert_int_equal(dwell_tick(&e, t).type, DWELL_NONE);
	}
}

static void never_pressed_twice_without_leaving(void **state)
{
	(void)state;
	DwellState d;
	start(&d, 1000);
	dwell_pointer(&d, 200, 150, 1000);
	uint64_t at;
	assert_int_equal(run(&d, 1000, 3000, &at).id, 1);
	/* the same screen laid out again (a setting changed): the same button, same place */
	dwell_set_targets(&d, targets, 3, false, at);
	dwell_pointer(&d, 205, 152, at + 100); /* small moves inside it */
	assert_int_equal(run(&d, at, at + 10000, &at).type, DWELL_NONE);
	/* and a new screen with the same button in the same place: still not */
	dwell_set_targets(&d, targets, 3, true, 20000);
	assert_int_equal(run(&d, 20000, 25000, &at).type, DWELL_NONE);
	/* nor a bigger button there now (a larger text size laid it out again) */
	const DwellTarget bigger[] = {{1, 80, 90, 500, 260}};
	dwell_set_targets(&d, bigger, 1, false, 25000);
	assert_int_equal(run(&d, 25000, 30000, &at).type, DWELL_NONE);
	dwell_set_targets(&d, targets, 3, false, 30000);
	/* leaving and coming back presses again */
	dwell_pointer(&d, 50, 50, 30000);
	dwell_pointer(&d, 200, 150, 30010);
	DwellEvent ev = run(&d, 30010, 33000, &at);
	assert_int_equal(ev.id, 1);
	assert_int_equal(at, 31010);
}

static void an_area_is_left_by_moving_a_little(void **state)
{
	(void)state;
	DwellState d;
	DwellConfig c;
	dwell_config_defaults(&c);
	c.ms = 1000;
	dwell_init(&d, &c);
	const DwellTarget screen[] = {{-2, 0, 0, 1920, 1080}};
	dwell_set_targets(&d, screen, 1, true, 0);
	dwell_pointer(&d, 900, 500, 2000);
	uint64_t at;
	assert_int_equal(run(&d, 2000, 4000, &at).id, -2);
	assert_int_equal(at, 3000);
	dwell_pointer(&d, 920, 510, 3100); /* within 48 px: still the same press */
	assert_int_equal(run(&d, 3100, 6000, &at).type, DWELL_NONE);
	dwell_pointer(&d, 1000, 510, 6000);
	assert_int_equal(run(&d, 6000, 8000, &at).id, -2);
	assert_int_equal(at, 7000);
}

static void a_click_counts_as_the_press(void **state)
{
	(void)state;
	DwellState d;
	start(&d, 1200);
	dwell_pointer(&d, 200, 150, 1000);
	dwell_pressed(&d, 1500); /* the visitor clicked it */
	uint64_t at;
	assert_int_equal(run(&d, 1500, 6000, &at).type, DWELL_NONE);
}

/* The pointer swings between two places once a second from `from` for `n` seconds,
 * ticking in between; returns the first event. */
static DwellEvent swing(DwellState *d, uint64_t from, int n, uint64_t *at)
{
	for (int i = 0; i < n; i++) {
		uint64_t t = from + (uint64_t)i * 1000;
		dwell_pointer(d, 100 + (i % 2) * 300, 300, t);
		DwellEvent ev = run(d, t, t + 990, at);
		if (ev.type != DWELL_NONE)
			return ev;
	}
	*at = NEVER;
	return (DwellEvent){DWELL_NONE, -1, 0, 0};
}

static void walk_up_offer_after_moving_without_a_press(void **state)
{
	(void)state;
	DwellState d;
	start(&d, 0);
	uint64_t at;
	dwell_pointer(&d, 100, 300, 1000);
	assert_int_equal(dwell_next_deadline(&d), 21000); /* offer_s 20 after the first move */
	DwellEvent ev = swing(&d, 1000, 30, &at);
	assert_int_equal(ev.type, DWELL_OFFER);
	assert_int_equal(at, 21000);
	/* once per visitor */
	assert_int_equal(swing(&d, 22000, 60, &at).type, DWELL_NONE);
	dwell_reset(&d, 100000);
	ev = swing(&d, 100000, 30, &at);
	assert_int_equal(ev.type, DWELL_OFFER);
	assert_int_equal(at, 120000);
}

static void no_offer_after_a_click_or_for_tremor(void **state)
{
	(void)state;
	DwellState d;
	start(&d, 0);
	uint64_t at;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(swing(&d, 1000 + (uint64_t)i * 15000, 15, &at).type, DWELL_NONE);
		dwell_pressed(&d, 16000 + (uint64_t)i * 15000); /* a mouse user clicks now and then */
	}
	/* a resting head mouse that only shakes is not "moving" */
	DwellState e;
	start(&e, 0);
	for (int i = 0; i < 80; i++) {
		dwell_pointer(&e, 300 + (i % 2) * 5, 300, 1000 + (uint64_t)i * 500);
		assert_int_equal(run(&e, 1000 + (uint64_t)i * 500, 1490 + (uint64_t)i * 500, &at).type, DWELL_NONE);
	}
}

static void turning_dwell_on_does_not_press_the_button_that_did_it(void **state)
{
	(void)state;
	DwellState d;
	start(&d, 0);
	dwell_pointer(&d, 200, 150, 1000);
	DwellConfig c = d.cfg;
	c.ms = 1200;
	dwell_set_config(&d, &c, 1500);
	uint64_t at;
	assert_int_equal(run(&d, 1500, 6000, &at).type, DWELL_NONE);
	dwell_pointer(&d, 800, 150, 6000);
	assert_int_equal(run(&d, 6000, 9000, &at).id, 2);
}

static void settings_keys_and_ranges(void **state)
{
	(void)state;
	DwellConfig c;
	dwell_config_defaults(&c);
	assert_int_equal(c.ms, 0);          /* off is the shipped default */
	assert_int_equal(c.visitor_ms, 1200);
	assert_int_equal(c.grace_ms, 300);
	assert_int_equal(c.dead_ms, 1000);
	assert_true(dwell_config_set(&c, "dwell_ms", "1000"));
	assert_int_equal(c.ms, 1000);
	assert_true(dwell_config_set(&c, "dwell_ms", "100"));
	assert_int_equal(c.ms, 500);
	assert_true(dwell_config_set(&c, "dwell_ms", "9000"));
	assert_int_equal(c.ms, 3000);
	assert_true(dwell_config_set(&c, "dwell_ms", "0"));
	assert_int_equal(c.ms, 0);
	assert_false(dwell_config_set(&c, "dwell_ms", "soon"));
	assert_false(dwell_config_set(&c, "dwell_ms", "-5"));
	assert_int_equal(c.ms, 0);
	assert_false(dwell_config_set(&c, "touch_min_ms", "10"));
	assert_true(dwell_config_key("dwell_grace_ms"));
	assert_false(dwell_config_key("dwell"));
	/* the visitor's button: off, 1.2 s, 2 s, 3 s, 0.8 s, off */
	int ms = 0, seen[6];
	for (int i = 0; i < 6; i++)
		seen[i] = ms = dwell_next_choice(ms, 1200);
	assert_int_equal(seen[0], 1200);
	assert_int_equal(seen[1], 2000);
	assert_int_equal(seen[2], 3000);
	assert_int_equal(seen[3], 800);
	assert_int_equal(seen[4], 0);
	assert_int_equal(dwell_next_choice(1700, 1200), 0);
}

static void reset_forgets_progress(void **state)
{
	(void)state;
	DwellState d;
	start(&d, 1200);
	dwell_pointer(&d, 200, 150, 1000);
	run(&d, 1000, 1800, &(uint64_t){0});
	dwell_reset(&d, 1800);
	int id;
	double p;
	assert_false(dwell_ring(&d, 1900, &id, &p));
	assert_int_equal(dwell_next_deadline(&d), NEVER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(rest_presses_after_the_dwell_time_with_progress_on_the_way),
	    cmocka_unit_test(off_never_presses),
	    cmocka_unit_test(a_glance_away_shorter_than_the_grace_keeps_the_progress),
	    cmocka_unit_test(a_glance_longer_than_the_grace_resets_and_the_new_target_fills),
	    cmocka_unit_test(after_a_new_screen_nothing_fills_during_the_dead_time),
	    cmocka_unit_test(tremor_at_the_edge_counts_as_still),
	    cmocka_unit_test(never_pressed_twice_without_leaving),
	    cmocka_unit_test(an_area_is_left_by_moving_a_little),
	    cmocka_unit_test(a_click_counts_as_the_press),
	    cmocka_unit_test(walk_up_offer_after_moving_without_a_press),
	    cmocka_unit_test(no_offer_after_a_click_or_for_tremor),
	    cmocka_unit_test(turning_dwell_on_does_not_press_the_button_that_did_it),
	    cmocka_unit_test(settings_keys_and_ranges),
	    cmocka_unit_test(reset_forgets_progress),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
