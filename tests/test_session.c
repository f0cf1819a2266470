/* Tests for session.c, all on a fake clock (plain millisecond numbers, no sleeping): the
 * attract screen, the idle warning and its countdown (WCAG 2.2.1), the reset between
 * visitors, the deadlines the main loop waits for, and the staff PIN pad with its lockout. */
#include "test.h"

#include <string.h>

#include "session.h"

#define T0 1000000u /* any start time: the clock is not wall time */
#define SEC 1000u

static Session start(const char *pin)
{
	SessionConfig c;
	session_config_defaults(&c);
	if (pin)
		assert_true(session_config_set(&c, "pin", pin));
	Session s;
	session_init(&s, &c, T0);
	return s;
}

/* A session with a visitor who pressed at `now`. */
static Session active_at(const char *pin, uint64_t now)
{
	Session s = start(pin);
	assert_int_equal(session_input(&s, now), SESSION_ACT_OPEN_HOME | SESSION_ACT_CONSUMED);
	return s;
}

static SessionActions type_pin(Session *s, uint64_t now, const char *digits)
{
	for (const char *p = digits; *p; p++)
		assert_true(session_pin_digit(s, now, *p - '0') & SESSION_ACT_PIN_REDRAW);
	return session_pin_enter(s, now);
}

static void attract_sleeps_until_input(void **state)
{
	(void)state;
	Session s = start(NULL);
	assert_int_equal(s.state, SESSION_ATTRACT);
	assert_true(session_next_deadline(&s, T0) == UINT64_MAX);
	assert_int_equal(session_tick(&s, T0 + 3600 * SEC), SESSION_ACT_NONE);
	assert_int_equal(s.state, SESSION_ATTRACT);
	assert_true(session_next_deadline(&s, T0 + 3600 * SEC) == UINT64_MAX);
}

static void any_input_on_attract_opens_home_and_is_consumed(void **state)
{
	(void)state;
	Session s = start(NULL);
	SessionActions a = session_input(&s, T0 + 5 * SEC);
	assert_int_equal(a, SESSION_ACT_OPEN_HOME | SESSION_ACT_CONSUMED);
	assert_int_equal(s.state, SESSION_ACTIVE);
	/* The next press acts on the page as usual. */
	assert_int_equal(session_input(&s, T0 + 6 * SEC), SESSION_ACT_NONE);
	assert_true(session_next_deadline(&s, T0 + 6 * SEC) == T0 + 96 * SEC);
}

static void warning_comes_at_exactly_the_timeout(void **state)
{
	(void)state;
	Session s = active_at(NULL, T0);
	assert_true(session_next_deadline(&s, T0) == T0 + 90 * SEC);
	assert_int_equal(session_tick(&s, T0 + 90 * SEC - 1), SESSION_ACT_NONE);
	assert_int_equal(s.state, SESSION_ACTIVE);
	assert_int_equal(session_countdown_s(&s, T0 + 90 * SEC - 1), 0);
	SessionActions a = session_tick(&s, T0 + 90 * SEC);
	assert_int_equal(a, SESSION_ACT_SHOW_WARNING | SESSION_ACT_SPEAK_WARNING);
	assert_int_equal(s.state, SESSION_WARNING);
	assert_int_equal(session_countdown_s(&s, T0 + 90 * SEC), 30);
	assert_true(session_countdown_s(&s, T0 + 90 * SEC) >= 20);
}

static void input_restarts_the_idle_timer(void **state)
{
	(void)state;
	Session s = active_at(NULL, T0);
	session_input(&s, T0 + 50 * SEC);
	assert_true(session_next_deadline(&s, T0 + 50 * SEC) == T0 + 140 * SEC);
	assert_int_equal(session_tick(&s, T0 + 90 * SEC), SESSION_ACT_NONE);
	assert_int_equal(s.state, SESSION_ACTIVE);
}

/* Follows the deadlines like the main loop does: one wake-up a second to redraw the
 * number, then the reset exactly when the countdown ends. */
static void countdown_then_reset_and_attract(void **state)
{
	(void)state;
	Session s = active_at(NULL, T0);
	uint64_t w = T0 + 90 * SEC;
	session_tick(&s, w);
	uint64_t now = w;
	int redraws = 0, shown = session_countdown_s(&s, now);
	for (;;) {
		uint64_t d = session_next_deadline(&s, now);
		assert_true(d > now);
		assert_true(d - now <= SEC);
		now = d;
		SessionActions a = session_tick(&s, now);
		if (a == SESSION_ACT_COUNTDOWN) {
			redraws++;
			assert_int_equal(session_countdown_s(&s, now), shown - 1);
			shown--;
			continue;
		}
		assert_int_equal(a, SESSION_ACT_RESET | SESSION_ACT_SHOW_ATTRACT);
		break;
	}
	assert_true(now == w + 30 * SEC);
	assert_int_equal(redraws, 29); /* 29, 28, ... 1 */
	assert_int_equal(s.state, SESSION_ATTRACT);
	assert_true(session_next_deadline(&s, now) == UINT64_MAX);
	/* The next visitor starts fresh. */
	assert_int_equal(session_input(&s, now + SEC),
	                 SESSION_ACT_OPEN_HOME | SESSION_ACT_CONSUMED);
}

static void countdown_rounds_up(void **state)
{
	(void)state;
	Session s = active_at(NULL, T0);
	uint64_t w = T0 + 90 * SEC;
	session_tick(&s, w);
	assert_int_equal(session_countdown_s(&s, w + 1), 30);
	assert_int_equal(session_countdown_s(&s, w + 999), 30);
	assert_int_equal(session_countdown_s(&s, w + 1000), 29);
	assert_int_equal(session_countdown_s(&s, w + 29999), 1);
	assert_int_equal(session_countdown_s(&s, w + 30000), 0);
	/* The deadline after a missed second is already due: the loop ticks at once. */
	assert_true(session_next_deadline(&s, w + 2500) <= w + 2500);
}

static void one_press_continues_during_warning(void **state)
{
	(void)state;
	Session s = active_at(NULL, T0);
	session_tick(&s, T0 + 90 * SEC);
	uint64_t now = T0 + 110 * SEC;
	assert_int_equal(session_input(&s, now), SESSION_ACT_CONTINUE | SESSION_ACT_CONSUMED);
	assert_int_equal(s.state, SESSION_ACTIVE);
	assert_int_equal(session_countdown_s(&s, now), 0);
	assert_true(session_next_deadline(&s, now) == now + 90 * SEC);
	assert_int_equal(session_tick(&s, T0 + 120 * SEC), SESSION_ACT_NONE);
}

static void late_tick_still_gives_the_full_countdown(void **state)
{
	(void)state;
	Session s = active_at(NULL, T0);
	uint64_t late = T0 + 500 * SEC; /* the machine was suspended */
	assert_int_equal(session_tick(&s, late),
	                 SESSION_ACT_SHOW_WARNING | SESSION_ACT_SPEAK_WARNING);
	assert_int_equal(session_countdown_s(&s, late), 30);
}

static void warning_is_never_shorter_than_20_s(void **state)
{
	(void)state;
	SessionConfig c;
	session_config_defaults(&c);
	assert_false(session_config_set(&c, "warning_s", "5"));
	assert_int_equal(c.warning_s, 30);
	c.warning_s = 3; /* set directly, bypassing the parser */
	c.idle_timeout_s = 1;
	Session s;
	session_init(&s, &c, T0);
	session_input(&s, T0);
	assert_true(session_next_deadline(&s, T0) == T0 + 20 * SEC);
	session_tick(&s, T0 + 20 * SEC);
	assert_int_equal(session_countdown_s(&s, T0 + 20 * SEC), 20);
}

static void keep_alive_only_extends_an_active_visit(void **state)
{
	(void)state;
	Session s = start(NULL);
	session_keep_alive(&s, T0 + SEC);
	assert_int_equal(s.state, SESSION_ATTRACT);
	session_input(&s, T0);
	session_keep_alive(&s, T0 + 80 * SEC); /* a long page finished being read aloud */
	assert_true(session_next_deadline(&s, T0 + 80 * SEC) == T0 + 170 * SEC);
	session_tick(&s, T0 + 170 * SEC);
	assert_int_equal(s.state, SESSION_WARNING);
	session_keep_alive(&s, T0 + 171 * SEC); /* does not answer the prompt */
	assert_int_equal(s.state, SESSION_WARNING);
}

/* A page read aloud for longer than the idle timeout is a visit in use: no warning while it
 * plays, and the timer starts when it ends. Paused, the timer runs (nobody may be there). */
static void reading_aloud_keeps_the_visit_alive(void **state)
{
	(void)state;
	Session s = active_at(NULL, T0);
	session_reading(&s, true, T0 + 10 * SEC); /* Listen */
	assert_true(session_next_deadline(&s, T0 + 10 * SEC) == UINT64_MAX);
	assert_int_equal(session_tick(&s, T0 + 200 * SEC), SESSION_ACT_NONE); /* slow speech, long page */
	assert_int_equal(s.state, SESSION_ACTIVE);
	session_reading(&s, false, T0 + 250 * SEC); /* the reading ended */
	assert_true(session_next_deadline(&s, T0 + 250 * SEC) == T0 + 340 * SEC);
	assert_int_equal(session_tick(&s, T0 + 339 * SEC), SESSION_ACT_NONE);
	session_reading(&s, true, T0 + 339 * SEC); /* a tapped row */
	session_reading(&s, false, T0 + 345 * SEC); /* paused: the timer runs from the pause */
	assert_int_equal(session_tick(&s, T0 + 434 * SEC), SESSION_ACT_NONE);
	assert_true(session_tick(&s, T0 + 435 * SEC) & SESSION_ACT_SHOW_WARNING);
	/* speech does not answer the warning or wake the attract screen */
	session_reading(&s, true, T0 + 436 * SEC);
	assert_int_equal(s.state, SESSION_WARNING);
	Session a = start(NULL);
	session_reading(&a, true, T0 + SEC);
	assert_int_equal(a.state, SESSION_ATTRACT);
}

static void config_keys(void **state)
{
	(void)state;
	SessionConfig c;
	session_config_defaults(&c);
	assert_int_equal(c.idle_timeout_s, 90);
	assert_int_equal(c.warning_s, 30);
	assert_int_equal(c.pin_max_tries, 5);
	assert_int_equal(c.lockout_s, 60);
	assert_string_equal(c.pin, "");
	assert_true(session_config_set(&c, "idle_timeout_s", "120"));
	assert_int_equal(c.idle_timeout_s, 120);
	assert_false(session_config_set(&c, "idle_timeout_s", "10"));
	assert_false(session_config_set(&c, "idle_timeout_s", "12x"));
	assert_false(session_config_set(&c, "idle_timeout_s", ""));
	assert_int_equal(c.idle_timeout_s, 120);
	assert_true(session_config_set(&c, "warning_s", "45"));
	assert_true(session_config_set(&c, "pin_max_tries", "3"));
	assert_true(session_config_set(&c, "lockout_s", "120"));
	assert_true(session_config_set(&c, "pin_timeout_s", "20"));
	assert_true(session_config_set(&c, "staff_hold_s", "3"));
	assert_false(session_config_set(&c, "nonsense", "1"));
	assert_true(session_config_set(&c, "pin", "024680"));
	assert_string_equal(c.pin, "024680");
	assert_false(session_config_set(&c, "pin", "12a4"));
	assert_false(session_config_set(&c, "pin", "123")); /* too short to be worth having */
	assert_false(session_config_set(&c, "pin", "1234567890123"));
	assert_string_equal(c.pin, "024680");
	/* issue #22: an empty pin line is no PIN either (leave the line out for that) */
	assert_false(session_config_set(&c, "pin", ""));
	assert_true(c.pin_broken);
}

/* Issue #22: pin = 123, pin = -1234 or an empty pin = left the kiosk with no PIN, so
 * Ctrl+Alt+Q or the corner hold closed it at once. A broken PIN keeps the exit closed. */
static void broken_pin_keeps_the_staff_exit_closed(void **state)
{
	(void)state;
	const char *bad[] = {"123", "-1234", "", "12 34", "１２３４"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		SessionConfig c;
		session_config_defaults(&c);
		assert_false(session_config_set(&c, "pin", bad[i]));
		assert_true(c.pin_broken);
		Session s;
		session_init(&s, &c, T0);
		assert_false(session_pin_set(&s));
		assert_int_equal(session_staff_request(&s, T0, SESSION_GOAL_QUIT), SESSION_ACT_NONE);
		assert_int_equal(session_staff_request(&s, T0, SESSION_GOAL_MENU), SESSION_ACT_NONE);
		/* the corner hold goes nowhere either */
		session_staff_hold_begin(&s, T0 + SEC);
		SessionActions a = session_tick(&s, T0 + 60 * SEC);
		assert_false(a & (SESSION_ACT_QUIT | SESSION_ACT_STAFF_MENU | SESSION_ACT_SHOW_PIN_PAD |
		                  SESSION_ACT_PIN_OK));
	}
	/* a good PIN then a broken line: still closed (the broken line is the last word) */
	SessionConfig c;
	session_config_defaults(&c);
	assert_true(session_config_set(&c, "pin", "2468"));
	assert_false(session_config_set(&c, "pin", ""));
	Session s;
	session_init(&s, &c, T0);
	assert_int_equal(session_staff_request(&s, T0, SESSION_GOAL_QUIT), SESSION_ACT_NONE);
}

static void good_pin_opens_the_staff_menu(void **state)
{
	(void)state;
	Session s = active_at("4321", T0);
	assert_true(session_pin_set(&s));
	uint64_t now = T0 + 10 * SEC;
	assert_int_equal(session_staff_request(&s, now, SESSION_GOAL_MENU),
	                 SESSION_ACT_SHOW_PIN_PAD);
	assert_int_equal(s.state, SESSION_PIN_ENTRY);
	session_pin_digit(&s, now, 4);
	session_pin_digit(&s, now, 3);
	assert_int_equal(session_pin_length(&s), 2);
	assert_int_equal(session_pin_backspace(&s, now), SESSION_ACT_PIN_REDRAW);
	assert_int_equal(session_pin_length(&s), 1);
	assert_int_equal(type_pin(&s, now, "321"), SESSION_ACT_PIN_OK | SESSION_ACT_STAFF_MENU);
	assert_int_equal(s.state, SESSION_STAFF);
	assert_int_equal(session_pin_length(&s), 0);
	/* The typed digits are wiped, not just forgotten. */
	for (size_t i = 0; i < sizeof(s.entry); i++)
		assert_int_equal(s.entry[i], 0);
	/* Closing the menu goes back to the visit, with a fresh idle period. */
	assert_int_equal(session_staff_done(&s, now + 5 * SEC), SESSION_ACT_CONTINUE);
	assert_int_equal(s.state, SESSION_ACTIVE);
	assert_true(session_next_deadline(&s, now + 5 * SEC) == now + 95 * SEC);
}

static void ctrl_alt_q_with_good_pin_quits(void **state)
{
	(void)state;
	Session s = start("987654");
	uint64_t now = T0 + SEC;
	assert_int_equal(session_staff_request(&s, now, SESSION_GOAL_QUIT),
	                 SESSION_ACT_SHOW_PIN_PAD);
	assert_int_equal(type_pin(&s, now, "987654"), SESSION_ACT_PIN_OK | SESSION_ACT_QUIT);
}

static void wrong_pins_are_counted(void **state)
{
	(void)state;
	Session s = active_at("4321", T0);
	uint64_t now = T0 + SEC;
	session_staff_request(&s, now, SESSION_GOAL_MENU);
	assert_int_equal(type_pin(&s, now, "1234"), SESSION_ACT_PIN_WRONG | SESSION_ACT_PIN_REDRAW);
	assert_int_equal(s.wrong, 1);
	assert_int_equal(s.state, SESSION_PIN_ENTRY);
	assert_int_equal(session_pin_length(&s), 0);
	/* A prefix or a longer number is just as wrong. */
	assert_true(type_pin(&s, now, "432") & SESSION_ACT_PIN_WRONG);
	assert_true(type_pin(&s, now, "43210") & SESSION_ACT_PIN_WRONG);
	assert_int_equal(s.wrong, 3);
	/* Enter on an empty pad is a slip: no try used. */
	assert_int_equal(session_pin_enter(&s, now), SESSION_ACT_NONE);
	assert_int_equal(s.wrong, 3);
	/* A good PIN clears the count. */
	assert_true(type_pin(&s, now, "4321") & SESSION_ACT_PIN_OK);
	assert_int_equal(s.wrong, 0);
}

static void five_wrong_lock_the_pad_for_a_minute(void **state)
{
	(void)state;
	Session s = active_at("4321", T0);
	uint64_t now = T0 + SEC;
	session_staff_request(&s, now, SESSION_GOAL_MENU);
	for (int i = 0; i < 3; i++)
		assert_false(type_pin(&s, now, "0000") & SESSION_ACT_PIN_LOCKED);
	/* Leaving the pad between guesses does not reset the count. */
	assert_int_equal(session_pin_cancel(&s, now), SESSION_ACT_CONTINUE);
	assert_int_equal(s.state, SESSION_ACTIVE);
	session_staff_request(&s, now, SESSION_GOAL_MENU);
	assert_false(type_pin(&s, now, "0000") & SESSION_ACT_PIN_LOCKED);
	assert_int_equal(type_pin(&s, now, "0000"),
	                 SESSION_ACT_PIN_WRONG | SESSION_ACT_PIN_LOCKED | SESSION_ACT_PIN_REDRAW);
	assert_true(session_pin_locked(&s, now));
	assert_int_equal(session_lockout_s(&s, now), 60);
	/* Locked: digits are refused, even the right PIN does nothing. */
	assert_int_equal(session_pin_digit(&s, now + SEC, 4), SESSION_ACT_PIN_LOCKED);
	assert_int_equal(session_pin_length(&s), 0);
	assert_int_equal(session_pin_enter(&s, now + SEC), SESSION_ACT_PIN_LOCKED);
	/* The lock survives leaving and coming back. */
	session_pin_cancel(&s, now + 2 * SEC);
	assert_int_equal(session_staff_request(&s, now + 30 * SEC, SESSION_GOAL_MENU),
	                 SESSION_ACT_SHOW_PIN_PAD | SESSION_ACT_PIN_LOCKED);
	assert_int_equal(session_lockout_s(&s, now + 30 * SEC), 30);
	assert_int_equal(session_pin_digit(&s, now + 59 * SEC, 4), SESSION_ACT_PIN_LOCKED);
	/* On the pad the loop wakes when the lock ends, to redraw it. */
	assert_true(session_next_deadline(&s, now + 59 * SEC) == now + 60 * SEC);
	assert_int_equal(session_tick(&s, now + 60 * SEC), SESSION_ACT_PIN_REDRAW);
	assert_false(session_pin_locked(&s, now + 60 * SEC));
	assert_int_equal(type_pin(&s, now + 61 * SEC, "4321"),
	                 SESSION_ACT_PIN_OK | SESSION_ACT_STAFF_MENU);
}

static void lock_ends_while_away_from_the_pad(void **state)
{
	(void)state;
	Session s = start("4321");
	session_staff_request(&s, T0, SESSION_GOAL_MENU);
	for (int i = 0; i < 5; i++)
		type_pin(&s, T0, "1111");
	assert_true(session_pin_locked(&s, T0));
	session_pin_cancel(&s, T0);
	assert_int_equal(s.state, SESSION_ATTRACT);
	/* Away from the pad nothing wakes the kiosk for the lock's end. */
	assert_true(session_next_deadline(&s, T0) == UINT64_MAX);
	assert_int_equal(session_staff_request(&s, T0 + 60 * SEC, SESSION_GOAL_MENU),
	                 SESSION_ACT_SHOW_PIN_PAD);
	/* After a lockout the full number of tries is back. */
	for (int i = 0; i < 4; i++)
		assert_false(type_pin(&s, T0 + 61 * SEC, "1111") & SESSION_ACT_PIN_LOCKED);
}

static void pin_pad_times_out_back_to_where_it_was(void **state)
{
	(void)state;
	Session s = active_at("4321", T0);
	uint64_t now = T0 + 10 * SEC;
	session_staff_request(&s, now, SESSION_GOAL_MENU);
	/* No idle warning under the pad: its own timeout is the only deadline. */
	assert_true(session_next_deadline(&s, now) == now + 30 * SEC);
	session_pin_digit(&s, now + 10 * SEC, 1); /* each press keeps the pad open */
	assert_true(session_next_deadline(&s, now) == now + 40 * SEC);
	assert_int_equal(session_input(&s, now + 11 * SEC), SESSION_ACT_CONSUMED);
	assert_true(session_next_deadline(&s, now) == now + 41 * SEC);
	assert_int_equal(session_tick(&s, now + 41 * SEC - 1), SESSION_ACT_NONE);
	assert_int_equal(session_tick(&s, now + 41 * SEC), SESSION_ACT_CONTINUE);
	assert_int_equal(s.state, SESSION_ACTIVE);
	assert_int_equal(session_pin_length(&s), 0);
	assert_true(session_next_deadline(&s, now + 41 * SEC) == now + 131 * SEC);

	/* Opened from the attract screen, it goes back there. */
	Session a = start("4321");
	session_staff_request(&a, T0, SESSION_GOAL_QUIT);
	assert_int_equal(session_tick(&a, T0 + 30 * SEC), SESSION_ACT_SHOW_ATTRACT);
	assert_int_equal(a.state, SESSION_ATTRACT);
	assert_true(session_next_deadline(&a, T0 + 30 * SEC) == UINT64_MAX);
}

static void staff_menu_left_open_times_out(void **state)
{
	(void)state;
	Session s = start("4321");
	session_staff_request(&s, T0, SESSION_GOAL_MENU);
	type_pin(&s, T0, "4321");
	assert_int_equal(s.state, SESSION_STAFF);
	assert_true(session_next_deadline(&s, T0) == T0 + 30 * SEC);
	assert_int_equal(session_tick(&s, T0 + 30 * SEC), SESSION_ACT_SHOW_ATTRACT);
	assert_int_equal(s.state, SESSION_ATTRACT);
}

static void holding_the_corner_opens_the_pad(void **state)
{
	(void)state;
	Session s = active_at("4321", T0);
	uint64_t now = T0 + 10 * SEC;
	session_input(&s, now);
	session_staff_hold_begin(&s, now);
	assert_true(session_next_deadline(&s, now) == now + 5 * SEC);
	assert_int_equal(session_tick(&s, now + 5 * SEC - 1), SESSION_ACT_NONE);
	assert_int_equal(session_tick(&s, now + 5 * SEC), SESSION_ACT_SHOW_PIN_PAD);
	assert_int_equal(s.state, SESSION_PIN_ENTRY);
	assert_true(type_pin(&s, now + 6 * SEC, "4321") & SESSION_ACT_STAFF_MENU);

	/* Let go early: nothing, and the idle deadline is back. */
	Session t = active_at("4321", T0);
	session_staff_hold_begin(&t, T0 + SEC);
	session_staff_hold_end(&t, T0 + 4 * SEC);
	assert_true(session_next_deadline(&t, T0 + 4 * SEC) == T0 + 90 * SEC);
	assert_int_equal(session_tick(&t, T0 + 6 * SEC), SESSION_ACT_NONE);
	assert_int_equal(t.state, SESSION_ACTIVE);
}

static void no_pin_means_staff_actions_need_only_the_gesture(void **state)
{
	(void)state;
	Session s = active_at(NULL, T0);
	assert_false(session_pin_set(&s));
	assert_int_equal(session_staff_request(&s, T0, SESSION_GOAL_MENU),
	                 SESSION_ACT_PIN_OK | SESSION_ACT_STAFF_MENU);
	assert_int_equal(s.state, SESSION_STAFF);
	assert_int_equal(session_staff_done(&s, T0), SESSION_ACT_CONTINUE);
	assert_int_equal(session_staff_request(&s, T0, SESSION_GOAL_QUIT),
	                 SESSION_ACT_PIN_OK | SESSION_ACT_QUIT);
}

static void pin_calls_outside_the_pad_do_nothing(void **state)
{
	(void)state;
	Session s = active_at("4321", T0);
	assert_int_equal(session_pin_digit(&s, T0, 4), SESSION_ACT_NONE);
	assert_int_equal(session_pin_enter(&s, T0), SESSION_ACT_NONE);
	assert_int_equal(session_pin_cancel(&s, T0), SESSION_ACT_NONE);
	assert_int_equal(session_staff_done(&s, T0), SESSION_ACT_NONE);
	assert_int_equal(s.state, SESSION_ACTIVE);
	assert_string_equal(session_state_name(SESSION_PIN_ENTRY), "pin-entry");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(broken_pin_keeps_the_staff_exit_closed),
	    cmocka_unit_test(attract_sleeps_until_input),
	    cmocka_unit_test(any_input_on_attract_opens_home_and_is_consumed),
	    cmocka_unit_test(warning_comes_at_exactly_the_timeout),
	    cmocka_unit_test(input_restarts_the_idle_timer),
	    cmocka_unit_test(countdown_then_reset_and_attract),
	    cmocka_unit_test(countdown_rounds_up),
	    cmocka_unit_test(one_press_continues_during_warning),
	    cmocka_unit_test(late_tick_still_gives_the_full_countdown),
	    cmocka_unit_test(warning_is_never_shorter_than_20_s),
	    cmocka_unit_test(reading_aloud_keeps_the_visit_alive),
	    cmocka_unit_test(keep_alive_only_extends_an_active_visit),
	    cmocka_unit_test(config_keys),
	    cmocka_unit_test(good_pin_opens_the_staff_menu),
	    cmocka_unit_test(ctrl_alt_q_with_good_pin_quits),
	    cmocka_unit_test(wrong_pins_are_counted),
	    cmocka_unit_test(five_wrong_lock_the_pad_for_a_minute),
	    cmocka_unit_test(lock_ends_while_away_from_the_pad),
	    cmocka_unit_test(pin_pad_times_out_back_to_where_it_was),
	    cmocka_unit_test(staff_menu_left_open_times_out),
	    cmocka_unit_test(holding_the_corner_opens_the_pad),
	    cmocka_unit_test(no_pin_means_staff_actions_need_only_the_gesture),
	    cmocka_unit_test(pin_calls_outside_the_pad_do_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
