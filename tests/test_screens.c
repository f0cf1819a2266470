/* Tests for src/screens.c: the kiosk's own screens as pages. */
#include "test.h"

#include <string.h>

#include "screens.h"
#include "words.h"

/* The picture of the row that does this action, or NULL. */
static const char *picture_of(const ContentPage *p, KioskAction action)
{
	for (size_t i = 0; i < p->row_count; i++)
		if (p->rows[i].action == action)
			return p->rows[i].picture;
	return NULL;
}

/* "Close" and "Back to the page" point back in reading order: left in English, right in
 * Urdu, where the bar's Back points right too (an arrow to the left read as "Next"). */
static void back_arrow_points_back_in_reading_order(void **state)
{
	(void)state;
	for (int rtl = 0; rtl <= 1; rtl++) {
		const char *want = rtl ? "ui/next.svg" : "ui/back.svg";
		Words w;
		words_defaults(&w);
		w.rtl = rtl;
		ContentPage p = {0};
		ContentRow row = {.kind = ROW_TEXT, .text = "Wellbeing means feeling well."};
		screens_glossary_popup(&p, "Wellbeing", &row, &w, "images");
		assert_string_equal(picture_of(&p, ACT_CLOSE), want);
		screens_take_home(&p, "Title", true, false, NULL, &w, "images");
		assert_string_equal(picture_of(&p, ACT_CLOSE), want);
		screens_help_call(&p, "Someone is coming", &w, "images");
		assert_string_equal(picture_of(&p, ACT_CLOSE), want);
		screens_page_free(&p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(back_arrow_points_back_in_reading_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
