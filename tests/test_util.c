/* Tests for util.c: UTF-8 checks, safe paths, path helpers, file reading. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

static void utf8_accepts_valid_text(void **state)
{
	(void)state;
	const char *s = "Wel\xc5\xb5 \xc5\x82\xc3\xb3" "d\xc5\xba \xd8\xa7\xd8\xb1\xd8\xaf\xd9\x88 \xf0\x9f\x8f\xa0";
	assert_true(utf8_valid(s, strlen(s), NULL));
	assert_int_equal(utf8_count("\xc5\x82" "ab", 4), 3);
	assert_int_equal(utf8_next("\xc5\x82"), 2);
	assert_int_equal(utf8_next(""), 0);
}

static void utf8_rejects_bad_bytes_with_offset(void **state)
{
	(void)state;
	size_t bad = 99;
	assert_false(utf8_valid("abc\xff", 4, &bad));
	assert_int_equal(bad, 3);
	assert_false(utf8_valid("\xc0\xaf", 2, &bad)); /* overlong '/' */
	assert_int_equal(bad, 0);
	assert_false(utf8_valid("ab\xed\xa0\x80", 5, &bad)); /* surrogate */
	assert_int_equal(bad, 2);
	assert_false(utf8_valid("a\xe2\x82", 3, &bad)); /* truncated */
	assert_int_equal(bad, 1);
}

static void paths_that_leave_are_unsafe(void **state)
{
	(void)state;
	assert_true(path_is_safe("advocate.svg"));
	assert_true(path_is_safe("ui/home.svg"));
	assert_true(path_is_safe("a..b.svg"));
	assert_false(path_is_safe("../../etc/passwd"));
	assert_false(path_is_safe("ui/../../x.svg"));
	assert_false(path_is_safe(".."));
	assert_false(path_is_safe("/etc/passwd"));
	assert_false(path_is_safe("a\\b.svg"));
	assert_false(path_is_safe(""));
	assert_false(path_is_safe(NULL));
}

static void path_helpers(void **state)
{
	(void)state;
	char *p = path_join("content/", "en");
	assert_string_equal(p, "content/en");
	free(p);
	p = path_join("content", "en");
	assert_string_equal(p, "content/en");
	free(p);
	p = path_dirname("a/b/c.md");
	assert_string_equal(p, "a/b");
	free(p);
	p = path_dirname("c.md");
	assert_string_equal(p, ".");
	free(p);
	assert_true(path_is_dir("tests"));
	assert_false(path_is_dir("Makefile"));
	assert_true(path_is_file("Makefile"));
}

static void read_file_whole(void **state)
{
	(void)state;
	size_t len = 0;
	char *s = util_read_file("tests/fixtures/settings/good.ini", &len);
	assert_non_null(s);
	assert_int_equal(strlen(s), len);
	assert_non_null(strstr(s, "Town Hall guide"));
	free(s);
	assert_null(util_read_file("tests/fixtures/no-such-file", &len));
}

static void diag_formats_like_a_compiler(void **state)
{
	(void)state;
	DiagList d = {0};
	diag_add(&d, DIAG_ERROR, "content/en/home.md", 12, 3, "picture '%s' not found", "a.svg");
	diag_add(&d, DIAG_WARNING, "content/kiosk.ini", 4, 0, "unknown");
	diag_add(&d, DIAG_WARNING, "content/en", 0, 0, "whole file");
	char *s = diag_format(&d.items[0]);
	assert_string_equal(s, "content/en/home.md:12:3: error: picture 'a.svg' not found");
	free(s);
	s = diag_format(&d.items[1]);
	assert_string_equal(s, "content/kiosk.ini:4: warning: unknown");
	free(s);
	s = diag_format(&d.items[2]);
	assert_string_equal(s, "content/en: warning: whole file");
	free(s);
	assert_int_equal(diag_count(&d, DIAG_ERROR), 1);
	assert_int_equal(diag_count(&d, DIAG_WARNING), 2);
	assert_true(diag_contains(&d, "home.md:12:3"));
	assert_false(diag_contains(&d, "home.md:13"));
	diag_clear(&d);
	assert_int_equal(d.count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_accepts_valid_text),
		cmocka_unit_test(utf8_rejects_bad_bytes_with_offset),
		cmocka_unit_test(paths_that_leave_are_unsafe),
		cmocka_unit_test(path_helpers),
		cmocka_unit_test(read_file_whole),
		cmocka_unit_test(diag_formats_like_a_compiler),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
