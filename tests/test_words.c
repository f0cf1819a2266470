/* Tests for words.c: English defaults, a language's words, and formats from content files
 * refused unless they have exactly the %d they need and no other % (they reach snprintf). */
#include "test.h"

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_are_english),
		cmocka_unit_test(shipped_languages_translate_every_screen_word),
		cmocka_unit_test(bad_formats_are_refused),
		cmocka_unit_test(too_long_values_are_refused_not_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
