/* Tests for nav.c: Back goes to the previous screen before the previous page, Home and Next,
 * history overflow, reset. */
#include "test.h"

#include <stdio.h>

#include "nav.h"

static void starts_home_with_no_history(void **state)
{
	(void)state;
	Nav n;
	nav_init(&n, "home.md");
	assert_string_equal(n.current.page, "home.md");
	assert_true(nav_is_home(&n));
	assert_false(nav_can_go_back(&n));
	assert_false(nav_back(&n));
}

static void back_walks_screens_then_pages(void **state)
{
	(void)state;
	Nav n;
	nav_init(&n, "home.md");
	assert_true(nav_open(&n, "rights.md"));
	assert_true(nav_next(&n, 3));
	assert_true(nav_next(&n, 3));
	assert_false(nav_next(&n, 3)); /* no fourth screen */
	assert_int_equal(n.current.screen, 2);
	assert_true(nav_back(&n));
	assert_int_equal(n.current.screen, 1);
	assert_string_equal(n.current.page, "rights.md");
	assert_true(nav_back(&n));
	assert_true(nav_back(&n));
	assert_string_equal(n.current.page, "home.md");
	assert_false(nav_can_go_back(&n));
}

static void home_remembers_where_you_were(void **state)
{
	(void)state;
	Nav n;
	nav_init(&n, "home.md");
	nav_open(&n, "a.md");
	nav_next(&n, 2);
	nav_home(&n);
	assert_true(nav_is_home(&n));
	assert_true(nav_back(&n));
	assert_string_equal(n.current.page, "a.md");
	assert_int_equal(n.current.screen, 1);
	nav_reset(&n);
	assert_true(nav_is_home(&n));
	assert_false(nav_can_go_back(&n));
}

static void history_overflow_drops_the_oldest(void **state)
{
	(void)state;
	Nav n;
	nav_init(&n, "home.md");
	char name[32];
	for (int i = 0; i < NAV_HISTORY_MAX + 10; i++) {
		snprintf(name, sizeof(name), "p%d.md", i);
		assert_true(nav_open(&n, name));
	}
	assert_int_equal(n.depth, NAV_HISTORY_MAX);
	int steps = 0;
	while (nav_back(&n))
		steps++;
	assert_int_equal(steps, NAV_HISTORY_MAX);
	assert_string_equal(n.current.page, "p9.md");
}

static void clamp_keeps_screen_valid(void **state)
{
	(void)state;
	Nav n;
	nav_init(&n, "home.md");
	nav_open(&n, "a.md");
	nav_next(&n, 3);
	nav_next(&n, 3);
	nav_clamp(&n, 2); /* text got bigger or the screen turned: fewer screens */
	assert_int_equal(n.current.screen, 1);
	nav_clamp(&n, 0);
	assert_int_equal(n.current.screen, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(starts_home_with_no_history),
		cmocka_unit_test(back_walks_screens_then_pages),
		cmocka_unit_test(home_remembers_where_you_were),
		cmocka_unit_test(history_overflow_drops_the_oldest),
		cmocka_unit_test(clamp_keeps_screen_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
