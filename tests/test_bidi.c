/* Tests for src/bidi.c: the visual order of text that mixes directions. Each case is a line
 * in logical order (as typed) and the runs it must show as, from left to right on the
 * screen. The bug this module exists for: SDL_ttf alone shows "25" inside Urdu as "52". */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "bidi.h"

/* The text of run i of a line, for readable failure messages. */
static char *run_text(const char *text, const BidiRun *r)
{
	char *s = malloc(r->len + 1);
	assert_non_null(s);
	memcpy(s, text + r->offset, r->len);
	s[r->len] = '\0';
	return s;
}

static void assert_run(const char *text, const BidiRun *r, const char *want, int level)
{
	char *got = run_text(text, r);
	assert_string_equal(got, want);
	free(got);
	assert_int_equal(r->level, level);
}

static void test_lang_is_rtl(void **state)
{
	(void)state;
	const char *rtl[] = {"ur", "ar", "fa", "he", "ps", "sd", "ug", "yi", "dv", "ur-PK", "ar_EG"};
	for (size_t i = 0; i < sizeof(rtl) / sizeof(rtl[0]); i++)
		assert_true(lang_is_rtl(rtl[i]));
	const char *ltr[] = {"en", "pl", "cy", "", "u", "urd", "hi", "pa"};
	for (size_t i = 0; i < sizeof(ltr) / sizeof(ltr[0]); i++)
		assert_false(lang_is_rtl(ltr[i]));
	assert_false(lang_is_rtl(NULL));
}

/* "My age is 25 years." in Urdu: the number is its own left-to-right run, and its digits
 * stay in logical order inside it: "25", never "52". */
static void test_digits_inside_urdu_keep_their_order(void **state)
{
	(void)state;
	const char *text = "میری عمر 25 سال ہے۔";
	BidiRun *runs;
	size_t n = bidi_runs(text, strlen(text), true, &runs);
	assert_int_equal(n, 3);
	/* left to right on the screen: the end of the sentence, the number, its start */
	assert_run(text, &runs[0], " سال ہے۔", 1);
	assert_run(text, &runs[1], "25", 2);
	assert_run(text, &runs[2], "میری عمر ", 1);
	free(runs);
}

/* Two years in one sentence: the first year read (2014) is the rightmost run. */
static void test_two_numbers_read_right_to_left(void **state)
{
	(void)state;
	const char *text = "اکتوبر 2014 اور اکتوبر 2020";
	BidiRun *runs;
	size_t n = bidi_runs(text, strlen(text), true, &runs);
	assert_int_equal(n, 4);
	assert_run(text, &runs[0], "2020", 2);
	assert_run(text, &runs[1], " اور اکتوبر ", 1);
	assert_run(text, &runs[2], "2014", 2);
	assert_run(text, &runs[3], "اکتوبر ", 1);
	free(runs);
}

/* Urdu (Eastern Arabic-Indic) digits are numbers too: they stay in logical order. */
static void test_urdu_digits(void **state)
{
	(void)state;
	const char *text = "عمر ۲۵ سال";
	BidiRun *runs;
	size_t n = bidi_runs(text, strlen(text), true, &runs);
	assert_int_equal(n, 3);
	assert_run(text, &runs[1], "۲۵", 2);
	free(runs);
}

/* An English name inside Urdu keeps its word order: one left-to-right run. */
static void test_english_name_inside_urdu(void **state)
{
	(void)state;
	const char *text = "یہ NHS Complaints Advocacy ہے";
	BidiRun *runs;
	size_t n = bidi_runs(text, strlen(text), true, &runs);
	assert_int_equal(n, 3);
	assert_run(text, &runs[0], " ہے", 1);
	assert_run(text, &runs[1], "NHS Complaints Advocacy", 2);
	assert_run(text, &runs[2], "یہ ", 1);
	free(runs);
}

/* Urdu inside an English paragraph: one right-to-left run in the middle. */
static void test_urdu_inside_english(void **state)
{
	(void)state;
	const char *text = "Say سلام to them";
	BidiRun *runs;
	size_t n = bidi_runs(text, strlen(text), false, &runs);
	assert_int_equal(n, 3);
	assert_run(text, &runs[0], "Say ", 0);
	assert_run(text, &runs[1], "سلام", 1);
	assert_run(text, &runs[2], " to them", 0);
	free(runs);
	assert_true(bidi_has_rtl(text, strlen(text)));
	assert_true(bidi_has_arabic(text, strlen(text)));
}

static void test_plain_english_is_one_run(void **state)
{
	(void)state;
	const char *text = "The Care Act 2014 is 1 law.";
	BidiRun *runs;
	size_t n = bidi_runs(text, strlen(text), false, &runs);
	assert_int_equal(n, 1);
	assert_run(text, &runs[0], text, 0);
	free(runs);
	assert_false(bidi_has_rtl(text, strlen(text)));
	assert_false(bidi_has_arabic(text, strlen(text)));
	/* Polish letters are left to right too */
	assert_false(bidi_has_rtl("Zażółć gęślą jaźń", strlen("Zażółć gęślą jaźń")));
}

/* Urdu digits and the Urdu full stop need the Arabic font too; Hebrew is right to left
 * but not Arabic. */
static void test_has_arabic(void **state)
{
	(void)state;
	assert_true(bidi_has_arabic("۲۵", strlen("۲۵")));
	assert_true(bidi_has_arabic("۔", strlen("۔")));
	assert_false(bidi_has_arabic("25.", strlen("25.")));
	assert_true(bidi_has_arabic("ہے۔", strlen("ہے۔")));
	assert_true(bidi_has_rtl("שלום", strlen("שלום")));
	assert_false(bidi_has_arabic("שלום", strlen("שלום")));
}

/* Every byte of a code point gets the level of that code point. */
static void test_levels_per_byte(void **state)
{
	(void)state;
	const char *text = "ab 12 سلام";
	size_t len = strlen(text);
	unsigned char levels[64];
	int high = bidi_levels(text, len, true, levels);
	assert_int_equal(high, 2);
	for (size_t i = 0; i < 2; i++)
		assert_int_equal(levels[i], 2); /* "ab" */
	for (size_t i = 3; i < 5; i++)
		assert_int_equal(levels[i], 2); /* "12" */
	for (size_t i = 6; i < len; i++)
		assert_int_equal(levels[i], 1); /* the Arabic word, 2 bytes a letter */
}

/* Rule L2 on items: reverse from the highest level down to the lowest odd level. */
static void test_reorder(void **state)
{
	(void)state;
	size_t order[8];
	const unsigned char rtl_digits[] = {1, 2, 2, 1};
	bidi_reorder(rtl_digits, 4, order);
	const size_t want1[] = {3, 1, 2, 0};
	assert_memory_equal(order, want1, sizeof(want1));

	const unsigned char ltr[] = {0, 0, 1, 1, 0};
	bidi_reorder(ltr, 5, order);
	const size_t want2[] = {0, 1, 3, 2, 4};
	assert_memory_equal(order, want2, sizeof(want2));

	bidi_reorder(NULL, 0, order); /* nothing to do, nothing read */
}

/* Broken UTF-8 and empty text: no crash, no read past the end. */
static void test_bad_input(void **state)
{
	(void)state;
	BidiRun *runs;
	assert_int_equal(bidi_runs("", 0, true, &runs), 0);
	assert_null(runs);
	const char bad[] = {'a', (char)0xD8, ' ', (char)0xE2, (char)0x82, 'b', (char)0xF0};
	size_t n = bidi_runs(bad, sizeof(bad), true, &runs);
	assert_true(n >= 1);
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += runs[i].len;
	assert_int_equal(total, sizeof(bad));
	free(runs);
	unsigned char levels[sizeof(bad)];
	bidi_levels(bad, sizeof(bad), false, levels);
	assert_false(bidi_has_rtl(bad, sizeof(bad)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lang_is_rtl),
	    cmocka_unit_test(test_digits_inside_urdu_keep_their_order),
	    cmocka_unit_test(test_two_numbers_read_right_to_left),
	    cmocka_unit_test(test_urdu_digits),
	    cmocka_unit_test(test_english_name_inside_urdu),
	    cmocka_unit_test(test_urdu_inside_english),
	    cmocka_unit_test(test_plain_english_is_one_run),
	    cmocka_unit_test(test_has_arabic),
	    cmocka_unit_test(test_levels_per_byte),
	    cmocka_unit_test(test_reorder),
	    cmocka_unit_test(test_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
