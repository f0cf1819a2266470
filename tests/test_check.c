/* Tests for src/check.c (`kiosk --check`). Every rule has a folder under
 * tests/fixtures/check/<rule>/ with a small content folder that breaks that rule (and only
 * it) and the exact report in expected.txt (expected.json for the JSON format); the test
 * runs check_content on it with a fake measurer and fake picture and voice hooks and
 * compares the whole output. Then the text rules (syllables, Flesch) on their own, the
 * exit codes, and the shipped content. Run from the repository root. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "util.h"

#define FIXTURES "tests/fixtures/check"

/* Writes dir/name (len 0: a C string). */
static void write_file(const char *dir, const char *name, const char *data, size_t len)
{
	char *path = path_join(dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	size_t n = len ? len : strlen(data);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	free(path);
}

/* Half an em per code point, bold a little wider: like tests/test_layout.c. */
static int fake_measure(void *ctx, const char *text, size_t len, int px, bool bold)
{
	(void)ctx;
	long cps = (long)utf8_count(text, len);
	return (int)((cps * px * (bold ? 55 : 50) + 99) / 100);
}

/* A picture "loads" unless its file name says it is corrupt. */
static bool fake_picture_loads(const char *path, void *ctx)
{
	(*(int *)ctx)++;
	return strstr(path, "corrupt") == NULL;
}

/* Every voice exists except "xx". */
static bool fake_voice_exists(const char *voice, void *ctx)
{
	(void)ctx;
	return strcmp(voice, "xx") != 0;
}

typedef struct {
	char *text;
	int code;
	int picture_calls;
} Run;

static void run_check(Run *r, const char *dir, bool json)
{
	memset(r, 0, sizeof(*r));
	CheckHooks hooks = {
	    .measure = fake_measure,
	    .picture_loads = fake_picture_loads,
	    .voice_exists = fake_voice_exists,
	    .ctx = &r->picture_calls,
	};
	size_t len = 0;
	FILE *out = open_memstream(&r->text, &len);
	assert_non_null(out);
	r->code = check_content(dir, &hooks, json, out);
	fclose(out);
	assert_non_null(r->text);
}

/* Prints both texts when they differ, so a failing rule shows what it said. */
static void assert_same_text(const char *got, const char *want, const char *what)
{
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "%s: the report differs.\n--- expected\n%s--- got\n%s---\n", what,
		        want, got);
		fail();
	}
}

static void check_fixture(const char *name)
{
	char *dir = xasprintf("%s/%s", FIXTURES, name);
	char *expected_path = xasprintf("%s/expected.txt", dir);
	char *expected = util_read_file(expected_path, NULL);
	if (!expected)
		fprintf(stderr, "cannot read %s: run the tests from the repository root\n",
		        expected_path);
	assert_non_null(expected);
	Run r;
	run_check(&r, dir, false);
	assert_same_text(r.text, expected, dir);
	/* Errors fail the check; warnings alone do not. */
	assert_int_equal(r.code, strstr(expected, ": error: ") ? 1 : 0);
	/* The report is the same every time. */
	Run again;
	run_check(&again, dir, false);
	assert_string_equal(again.text, r.text);
	free(again.text);
	free(r.text);
	free(expected);
	free(expected_path);
	free(dir);
}

/* ---- one test per rule ---------------------------------------------------------------- */

#define FIXTURE_TEST(fn, name)                                                                     \
	static void fn(void **state)                                                               \
	{                                                                                          \
		(void)state;                                                                       \
		check_fixture(name);                                                               \
	}

/* errors */
FIXTURE_TEST(test_clean, "clean")
FIXTURE_TEST(test_not_utf8, "not-utf8")
FIXTURE_TEST(test_kiosk_ini, "kiosk-ini")
FIXTURE_TEST(test_broken_link, "broken-link")
FIXTURE_TEST(test_picture_missing, "picture-missing")
FIXTURE_TEST(test_picture_broken, "picture-broken")
FIXTURE_TEST(test_alt_text, "alt-text")
FIXTURE_TEST(test_path_leaves, "path-leaves")
FIXTURE_TEST(test_unreachable, "unreachable")
FIXTURE_TEST(test_no_title, "no-title")
FIXTURE_TEST(test_no_home, "no-home")
FIXTURE_TEST(test_voice, "voice")
FIXTURE_TEST(test_layout, "layout")
/* easy-read warnings */
FIXTURE_TEST(test_sentence_length, "sentence-length")
FIXTURE_TEST(test_sentences_per_row, "sentences-per-row")
FIXTURE_TEST(test_urdu_sentences, "urdu-sentences")
FIXTURE_TEST(test_row_picture, "row-picture")
FIXTURE_TEST(test_emphasis, "emphasis")
FIXTURE_TEST(test_acronyms, "acronyms")
FIXTURE_TEST(test_number_words, "number-words")
FIXTURE_TEST(test_hard_words, "hard-words")
FIXTURE_TEST(test_glossary, "glossary")
FIXTURE_TEST(test_page_length, "page-length")
FIXTURE_TEST(test_panel_size, "panel-size") /* pages judged at kiosk.ini panel_size */
FIXTURE_TEST(test_reading_ease, "reading-ease")
FIXTURE_TEST(test_translations, "translations")
FIXTURE_TEST(test_pronouns, "pronouns")
FIXTURE_TEST(test_contact, "contact")
/* kiosk.ini [check] */
FIXTURE_TEST(test_rules_off, "rules-off")
FIXTURE_TEST(test_limits, "limits")

static void test_json(void **state)
{
	(void)state;
	char *expected = util_read_file(FIXTURES "/json/expected.json", NULL);
	assert_non_null(expected);
	Run r;
	run_check(&r, FIXTURES "/json", true);
	assert_same_text(r.text, expected, "json");
	assert_int_equal(r.code, 1);
	free(r.text);
	free(expected);
}

static void test_folder_cannot_be_opened(void **state)
{
	(void)state;
	Run r;
	run_check(&r, FIXTURES "/no-such-folder", false);
	assert_int_equal(r.code, 2);
	assert_non_null(strstr(r.text, FIXTURES "/no-such-folder: error: cannot open this content "
	                                        "folder"));
	assert_non_null(strstr(r.text, "1 error, 0 warnings in 0 pages (0 languages)\n"));
	free(r.text);
	run_check(&r, FIXTURES "/no-such-folder", true);
	assert_int_equal(r.code, 2);
	assert_non_null(strstr(r.text, "\"summary\": {\"errors\": 1, \"warnings\": 0"));
	free(r.text);
}

/* Without hooks the layout, picture and voice rules are skipped, nothing else. */
static void test_no_hooks(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	assert_int_equal(check_content(FIXTURES "/layout", NULL, false, out), 0);
	/* a file that is not a picture is found without the hook: picture.h reads its bytes */
	assert_int_equal(check_content(FIXTURES "/picture-broken", NULL, false, out), 1);
	assert_int_equal(check_content(FIXTURES "/voice", NULL, false, out), 0);
	assert_int_equal(check_content(FIXTURES "/alt-text", NULL, false, out), 1);
	fclose(out);
	assert_null(strstr(text, "too long"));
	free(text);
}

/* A picture shown on many rows is loaded once. */
static void test_picture_loaded_once(void **state)
{
	(void)state;
	Run r;
	run_check(&r, FIXTURES "/page-length", false); /* 34 rows, 2 pictures */
	assert_int_equal(r.picture_calls, 2);
	free(r.text);
}

/* Issue #22: picture bombs are errors at the picture's file:line, found from the header
 * before anything decodes them (the hook, which would decode, is never called for them).
 * The folder is made here: a PNG that says 30000 x 30000 and an SVG path of 100,000 points. */
static void test_picture_bombs(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/kiosk-check-bomb-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char *en = path_join(dir, "en"), *images = path_join(dir, "images");
	assert_int_equal(mkdir(en, 0755), 0);
	assert_int_equal(mkdir(images, 0755), 0);
	write_file(dir, "kiosk.ini", "[kiosk]\nname = Bombs\nimages = images\n", 0);
	write_file(dir, "en/home.md",
	           "# Home\n\n![a bomb](bomb.png) Hi.\n\n![a slow one](slow.svg) Hi.\n\n"
	           "![fine](fine.svg) Hi.\n",
	           0);
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13,
	                                    'I', 'H', 'D', 'R', 0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 0,
	                                    0, 0, 0, 0x38, 0x1d, 0x9a, 0x61};
	write_file(dir, "images/bomb.png", (const char *)png, sizeof png);
	size_t cap = 100000 * 12 + 200, n = 0;
	char *svg = xmalloc(cap);
	n += (size_t)snprintf(svg, cap, "<svg viewBox=\"0 0 100 100\"><path d=\"M0 0");
	for (int i = 0; i < 100000; i++)
		n += (size_t)snprintf(svg + n, cap - n, "L%d %d", i % 100, i % 2 * 100);
	snprintf(svg + n, cap - n, "\"/></svg>");
	write_file(dir, "images/slow.svg", svg, 0);
	free(svg);
	write_file(dir, "images/fine.svg", "<svg viewBox=\"0 0 10 10\"><rect width=\"5\" height=\"5\"/></svg>", 0);
	Run r;
	run_check(&r, dir, false);
	assert_int_equal(r.code, 1);
	assert_non_null(strstr(r.text, "/en/home.md:3:1: error: picture 'bomb.png' is not shown (a placeholder is): "
	                               "it is 30000 x 30000 pixels, more than the 16 megapixels"));
	assert_non_null(strstr(r.text, "/en/home.md:5:1: error: picture 'slow.svg' is not shown (a placeholder is): "
	                               "it is an SVG file of"));
	assert_null(strstr(r.text, "fine.svg"));
	assert_int_equal(r.picture_calls, 1); /* only fine.svg reached the decoder */
	free(r.text);
	const char *files[] = {"images/bomb.png", "images/slow.svg", "images/fine.svg", "en/home.md", "kiosk.ini",
	                       "images", "en"};
	for (size_t i = 0; i < ARRAY_LEN(files); i++) {
		char *p = path_join(dir, files[i]);
		assert_int_equal(remove(p), 0);
		free(p);
	}
	assert_int_equal(rmdir(dir), 0);
	free(en);
	free(images);
}

/* ---- text rules ------------------------------------------------------------------------ */

static int syl(const char *w)
{
	return check_syllables(w, strlen(w));
}

static void test_syllables(void **state)
{
	(void)state;
	assert_int_equal(syl("cat"), 1);
	assert_int_equal(syl("you"), 1);
	assert_int_equal(syl("make"), 1);
	assert_int_equal(syl("helped"), 1);
	assert_int_equal(syl("rules"), 1);
	assert_int_equal(syl("people"), 2);
	assert_int_equal(syl("table"), 2);
	assert_int_equal(syl("tables"), 2);
	assert_int_equal(syl("wanted"), 2);
	assert_int_equal(syl("changes"), 2);
	assert_int_equal(syl("Councils"), 2);
	assert_int_equal(syl("services"), 3);
	assert_int_equal(syl("decision"), 3);
	assert_int_equal(syl("important"), 3);
	assert_int_equal(syl("advocacy"), 4);
	assert_int_equal(syl("independent"), 4);
	assert_int_equal(syl("commissioning"), 4);
	assert_int_equal(syl("Everyone's"), 3);
	assert_int_equal(syl("2014"), 0); /* no letters: the caller counts numbers */
	assert_int_equal(syl(""), 0);
	/* Absurd input is still a small positive count. */
	char long_word[300];
	memset(long_word, 'a', sizeof(long_word) - 1);
	long_word[sizeof(long_word) - 1] = '\0';
	assert_int_equal(syl(long_word), 1);
}

static void test_flesch(void **state)
{
	(void)state;
	/* 6 words, 1 sentence, 6 syllables: 206.835 - 1.015 x 6 - 84.6 x 1 */
	assert_float_equal(check_flesch("The cat sat on the mat."), 206.835 - 6.09 - 84.6, 1e-9);
	/* Two sentences, and the end of the text ends the last one. */
	assert_float_equal(check_flesch("Cats nap. Dogs run"), 206.835 - 1.015 * 2 - 84.6, 1e-9);
	/* "2.5" is not the end of a sentence; a number is one syllable. */
	assert_float_equal(check_flesch("It is 2.5 km."), 206.835 - 1.015 * 4 - 84.6, 1e-9);
	/* A lone dash is not a word. */
	assert_float_equal(check_flesch("Cats nap \xE2\x80\x93 dogs run."),
	                   206.835 - 1.015 * 4 - 84.6, 1e-9);
	/* The Urdu full stop and question mark end sentences; a spaced full stop is not a
	 * word. Letters outside a-z count as one syllable a word. */
	assert_float_equal(check_flesch("\xD8\xA8\xD9\x84\xDB\x8C\xDB\x94 "
	                                "\xDA\xA9\xD8\xAA\xD8\xA7\xD8\x9F "
	                                "\xD8\xA8\xD9\x84\xDB\x8C \xDB\x94"),
	                   206.835 - 1.015 * 1 - 84.6, 1e-9);
	assert_float_equal(check_flesch(""), 100, 1e-9);
	assert_float_equal(check_flesch(NULL), 100, 1e-9);
	assert_true(check_flesch("Veterinary consultations necessitate considerable "
	                         "organisation.") < 0);
}

static void test_rule_names(void **state)
{
	(void)state;
	size_t n = 0;
	while (CHECK_RULE_NAMES[n])
		n++;
	assert_int_equal(n, 11);
	assert_string_equal(CHECK_RULE_NAMES[0], "sentence_length");
}

/* ---- the shipped content ----------------------------------------------------------------- */

/* The shipped content must have no errors, and no warnings but the council's details that
 * each site fills in (kiosk.ini [contact]: "{contact.phone}" ... is not filled in yet). */
static void test_shipped_content(void **state)
{
	(void)state;
	Run r;
	run_check(&r, "content", false);
	int others = 0;
	for (char *line = r.text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (strstr(line, ": warning: ") && !strstr(line, "}' is not filled in yet: set "))
			others++;
		if (nl)
			*nl = '\n';
		line = nl ? nl + 1 : NULL;
	}
	if (r.code != 0 || others > 0)
		fprintf(stderr, "kiosk --check content:\n%s", r.text);
	assert_int_equal(r.code, 0);
	assert_int_equal(others, 0);
	free(r.text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clean),
	    cmocka_unit_test(test_not_utf8),
	    cmocka_unit_test(test_kiosk_ini),
	    cmocka_unit_test(test_broken_link),
	    cmocka_unit_test(test_picture_missing),
	    cmocka_unit_test(test_picture_broken),
	    cmocka_unit_test(test_alt_text),
	    cmocka_unit_test(test_path_leaves),
	    cmocka_unit_test(test_unreachable),
	    cmocka_unit_test(test_no_title),
	    cmocka_unit_test(test_no_home),
	    cmocka_unit_test(test_voice),
	    cmocka_unit_test(test_layout),
	    cmocka_unit_test(test_sentence_length),
	    cmocka_unit_test(test_sentences_per_row),
	    cmocka_unit_test(test_urdu_sentences),
	    cmocka_unit_test(test_row_picture),
	    cmocka_unit_test(test_emphasis),
	    cmocka_unit_test(test_acronyms),
	    cmocka_unit_test(test_number_words),
	    cmocka_unit_test(test_hard_words),
	    cmocka_unit_test(test_glossary),
	    cmocka_unit_test(test_page_length),
	    cmocka_unit_test(test_panel_size),
	    cmocka_unit_test(test_reading_ease),
	    cmocka_unit_test(test_translations),
	    cmocka_unit_test(test_pronouns),
	    cmocka_unit_test(test_contact),
	    cmocka_unit_test(test_rules_off),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_json),
	    cmocka_unit_test(test_folder_cannot_be_opened),
	    cmocka_unit_test(test_no_hooks),
	    cmocka_unit_test(test_picture_loaded_once),
	    cmocka_unit_test(test_picture_bombs),
	    cmocka_unit_test(test_syllables),
	    cmocka_unit_test(test_flesch),
	    cmocka_unit_test(test_rule_names),
	    cmocka_unit_test(test_shipped_content),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
