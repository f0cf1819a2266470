/* Tests for theme.c: the WCAG contrast formula against known values, and every text colour
 * pair of every theme at least 7:1 (WCAG 1.4.6 AAA); borders and focus at least 3:1. */
#include "test.h"

#include <stdio.h>

#include "theme.h"

static void contrast_formula_matches_wcag(void **state)
{
	(void)state;
	Rgb black = {0, 0, 0}, white = {255, 255, 255}, grey = {0x77, 0x77, 0x77};
	assert_true(theme_contrast(black, white) > 20.99 && theme_contrast(black, white) < 21.01);
	assert_true(theme_contrast(white, white) == 1.0);
	/* #777 on white is the classic 4.48:1 */
	assert_true(theme_contrast(grey, white) > 4.47 && theme_contrast(grey, white) < 4.49);
	assert_true(theme_contrast(white, grey) == theme_contrast(grey, white));
}

static void every_text_pair_is_at_least_7_to_1(void **state)
{
	(void)state;
	for (int i = 0; i < THEME_COUNT; i++) {
		const Theme *t = theme_get((ThemeId)i);
		struct {
			const char *what;
			Rgb fg, bg;
			double min;
		} pairs[] = {
			{"text on bg", t->text, t->bg, 7.0},
			{"button text", t->button_text, t->button_bg, 7.0},
			{"pressed text", t->pressed_text, t->pressed_bg, 7.0},
			{"spoken word", t->highlight_text, t->highlight_bg, 7.0},
			{"text on reading row", t->text, t->row_reading_bg, 7.0},
			{"button border on bg", t->button_border, t->bg, 3.0},
			{"focus on bg", t->focus, t->bg, 3.0},
			{"focus on button", t->focus, t->button_bg, 3.0},
			{"rule on bg", t->rule, t->bg, 3.0},
		};
		for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
			double c = theme_contrast(pairs[k].fg, pairs[k].bg);
			if (c < pairs[k].min)
				fprintf(stderr, "theme %s: %s is %.2f:1\n", t->name, pairs[k].what, c);
			assert_true(c >= pairs[k].min);
		}
	}
}

static void unknown_theme_falls_back(void **state)
{
	(void)state;
	assert_ptr_equal(theme_get((ThemeId)99), theme_get(THEME_CREAM));
	assert_string_equal(theme_get(THEME_WHITE_ON_BLUE)->name, "white-on-blue");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(contrast_formula_matches_wcag),
		cmocka_unit_test(every_text_pair_is_at_least_7_to_1),
		cmocka_unit_test(unknown_theme_falls_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
