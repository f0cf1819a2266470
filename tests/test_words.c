/* Tests for words.c: English defaults, a language's words, and formats from content files
 * refused unless they have exactly the %d they need and no other % (they reach snprintf). */
#include "test.h"

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "screens.h"
#include "words.h"

static void defaults_are_english(void **state)
{
	(void)state;
	Words w;
	words_defaults(&w);
	assert_string_equal(w.home, "Home");
	assert_string_equal(w.page_of, "Page %d of %d");
	assert_string_equal(w.size_words[2], "largest");
	char line[128];
	snprintf(line, sizeof(line), w.warning_countdown, 25);
	assert_non_null(strstr(line, "25 seconds"));
}

static void shipped_languages_translate_every_screen_word(void **state)
{
	(void)state;
	const char *langs[] = {"pl", "ur"};
	for (size_t i = 0; i < 2; i++) {
		Words en, w;
		DiagList d = {0};
		words_defaults(&en);
		words_defaults(&w);
		char path[64];
		snprintf(path, sizeof(path), "content/%s/words.txt", langs[i]);
		assert_true(words_load(&w, path, &d));
		diag_print(&d, 0, stderr);
		assert_int_equal(d.count, 0);
		/* nothing left in English */
		assert_string_not_equal(w.home, en.home);
		assert_string_not_equal(w.warning_title, en.warning_title);
		assert_string_not_equal(w.warning_countdown, en.warning_countdown);
		assert_string_not_equal(w.text_size, en.text_size);
		assert_string_not_equal(w.done, en.done);
		assert_string_not_equal(w.in_default, en.in_default);
		assert_string_not_equal(w.point_camera, en.point_camera);
		assert_string_not_equal(w.help_coming, en.help_coming);
		assert_string_not_equal(w.help_desk, en.help_desk);
		assert_string_not_equal(w.printing, en.printing);
		/* Settings' pairs (#15) */
		assert_string_not_equal(w.smaller, en.smaller);
		assert_string_not_equal(w.larger, en.larger);
		assert_string_not_equal(w.largest, en.largest);
		assert_string_not_equal(w.slower, en.slower);
		assert_string_not_equal(w.fastest, en.fastest);
		assert_string_not_equal(w.loudest, en.loudest);
		assert_string_not_equal(w.quietest, en.quietest);
		assert_string_not_equal(w.now, en.now);
		diag_clear(&d);
	}
}

static void bad_formats_are_refused(void **state)
{
	(void)state;
	Words w;
	DiagList d = {0};
	words_defaults(&w);
	assert_true(words_load(&w, "tests/fixtures/words/bad.txt", &d));
	diag_print(&d, 0, stderr);
	assert_string_equal(w.home, "Pocz\xc4\x85tek");
	assert_string_equal(w.page_of, "Page %d of %d"); /* %s refused */
	assert_true(diag_contains(&d, "bad.txt:2: warning: page_of"));
	assert_non_null(strstr(w.warning_countdown, "In **%d seconds**")); /* two %d refused */
	assert_true(diag_contains(&d, "bad.txt:3: warning: 'warning_countdown' must have 1 %d"));
	assert_true(diag_contains(&d, "bad.txt:4: warning: 'volume_of' must have 2 %d"));
	assert_true(diag_contains(&d, "bad.txt:5: warning: unknown word 'unknown_word'"));
	assert_true(diag_contains(&d, "bad.txt:6: warning"));
	/* text that is not UTF-8 never reaches the screen, whatever the key */
	assert_true(diag_contains(&d, "bad.txt:7: warning: 'sorry_title' is not UTF-8"));
	assert_string_equal(w.sorry_title, "Sorry");
	diag_clear(&d);
	/* a missing file keeps the words */
	assert_true(words_load(&w, "tests/fixtures/words/none.txt", &d));
	assert_int_equal(d.count, 0);
}

/* Regression: a value was checked for its %d count and then cut to 64 bytes, which could
 * leave a lone '%' for snprintf or half of a UTF-8 character. Too long is now refused whole. */
static void too_long_values_are_refused_not_cut(void **state)
{
	(void)state;
	char path[] = "/tmp/kiosk-words-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	/* 60 bytes of text, then "%d" across the 64th byte, then "ż" (2 bytes) across it */
	fprintf(f, "page_of = %.58s %%d of %%d\n", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	fprintf(f, "home = %.62s\xc5\xbc\n", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
	fclose(f);
	Words w;
	DiagList d = {0};
	words_defaults(&w);
	assert_true(words_load(&w, path, &d));
	unlink(path);
	diag_print(&d, 0, stderr);
	assert_string_equal(w.page_of, "Page %d of %d");
	assert_string_equal(w.home, "Home");
	assert_true(diag_contains(&d, ":1: warning: 'page_of' is longer than 63 bytes"));
	assert_true(diag_contains(&d, ":2: warning: 'home' is longer than 63 bytes"));
	diag_clear(&d);
}

/* Plural rules as words.txt writes them (CLDR's style, on whole numbers). */
static void plural_rules(void **state)
{
	(void)state;
	assert_true(words_plural_rule_valid("n = 1"));
	assert_true(words_plural_rule_valid("n % 10 = 2..4 and n % 100 != 12..14"));
	assert_true(words_plural_rule_valid("n = 0 or n % 100 = 2..10, 20"));
	assert_false(words_plural_rule_valid(""));
	assert_false(words_plural_rule_valid("n == 1"));
	assert_false(words_plural_rule_valid("n % 0 = 1"));
	assert_false(words_plural_rule_valid("n = 1 and"));
	assert_false(words_plural_rule_valid("i = 1 and v = 0"));
	assert_false(words_plural_rule_valid("n = 1 andn = 2"));
	Words w;
	words_defaults(&w);
	snprintf(w.plural_rule[PLURAL_ONE], sizeof(w.plural_rule[0]), "n = 1");
	snprintf(w.plural_rule[PLURAL_FEW], sizeof(w.plural_rule[0]), "n %% 10 = 2..4 and n %% 100 != 12..14");
	static const struct {
		long n;
		PluralForm form;
	} polish[] = {{0, PLURAL_OTHER},  {1, PLURAL_ONE},    {2, PLURAL_FEW},   {3, PLURAL_FEW},
		      {4, PLURAL_FEW},    {5, PLURAL_OTHER},  {11, PLURAL_OTHER}, {12, PLURAL_OTHER},
		      {14, PLURAL_OTHER}, {21, PLURAL_OTHER}, {22, PLURAL_FEW},  {24, PLURAL_FEW},
		      {25, PLURAL_OTHER}, {102, PLURAL_FEW},  {112, PLURAL_OTHER}};
	for (size_t i = 0; i < sizeof(polish) / sizeof(polish[0]); i++) {
		if (words_plural(&w, polish[i].n) != polish[i].form)
			fprintf(stderr, "%ld: form %d, not %d\n", polish[i].n, words_plural(&w, polish[i].n),
				polish[i].form);
		assert_int_equal(words_plural(&w, polish[i].n), polish[i].form);
	}
}

static char *countdown(const Words *w, int n)
{
	static char line[256];
	snprintf(line, sizeof(line), words_countdown(w, n), n);
	return line;
}

/* The shipped words: "Za 3 sekundy", not "Za 3 sekund"; "In 1 second"; Urdu keeps its one
 * form for every number (never the English ".one"). And the warning screen shows it. */
static void countdown_takes_the_plural_of_its_number(void **state)
{
	(void)state;
	Words en, pl, ur;
	DiagList d = {0};
	words_defaults(&en);
	assert_true(words_load(&en, "content/en/words.txt", &d));
	words_defaults(&pl);
	assert_true(words_load(&pl, "content/pl/words.txt", &d));
	words_defaults(&ur);
	assert_true(words_load(&ur, "content/ur/words.txt", &d));
	diag_print(&d, 0, stderr);
	assert_int_equal(d.count, 0);
	assert_non_null(strstr(countdown(&pl, 3), "Za **3 sekundy**"));
	assert_non_null(strstr(countdown(&pl, 1), "Za **1 sekund\xc4\x99**"));
	assert_non_null(strstr(countdown(&pl, 5), "Za **5 sekund**"));
	assert_non_null(strstr(countdown(&pl, 12), "Za **12 sekund**"));
	assert_non_null(strstr(countdown(&pl, 22), "Za **22 sekundy**"));
	assert_non_null(strstr(countdown(&pl, 30), "Za **30 sekund**"));
	assert_non_null(strstr(countdown(&en, 1), "In **1 second** "));
	assert_non_null(strstr(countdown(&en, 30), "In **30 seconds** "));
	assert_string_equal(words_countdown(&ur, 1), ur.warning_countdown);
	assert_string_equal(words_countdown(&ur, 30), ur.warning_countdown);
	/* what the warning screen puts on its row (bold marks become spans) */
	ContentPage page;
	screens_warning(&page, 3, &pl, "images");
	bool found = false;
	for (size_t r = 0; r < page.row_count; r++)
		found = found || strstr(page.rows[r].text, "Za 3 sekundy ") != NULL;
	assert_true(found);
	screens_page_free(&page);
	diag_clear(&d);
}

/* A bad rule is refused with its line; a language's rules replace English's. */
static void bad_plural_rules_are_refused(void **state)
{
	(void)state;
	char path[] = "/tmp/kiosk-words-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fprintf(f, "plural_few = n is 2\nplural_many = n %% 10 = 5..9\nwarning_countdown.many = %%d x %%d\n");
	fclose(f);
	Words w;
	DiagList d = {0};
	words_defaults(&w);
	assert_true(words_load(&w, path, &d));
	unlink(path);
	assert_true(diag_contains(&d, ":1: warning: 'plural_few' is not a plural rule"));
	assert_true(diag_contains(&d, ":3: warning: 'warning_countdown.many' must have 1 %d"));
	assert_string_equal(w.plural_rule[PLURAL_FEW], "");
	assert_string_equal(w.plural_rule[PLURAL_ONE], ""); /* English's "n = 1" is not this language's */
	assert_int_equal(words_plural(&w, 7), PLURAL_MANY);
	assert_string_equal(words_countdown(&w, 7), w.warning_countdown); /* no .many form: the plain key */
	diag_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_are_english),
		cmocka_unit_test(shipped_languages_translate_every_screen_word),
		cmocka_unit_test(bad_formats_are_refused),
		cmocka_unit_test(too_long_values_are_refused_not_cut),
		cmocka_unit_test(plural_rules),
		cmocka_unit_test(countdown_takes_the_plural_of_its_number),
		cmocka_unit_test(bad_plural_rules_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
