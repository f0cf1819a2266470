/* Tests for settings.c: defaults, a full valid kiosk.ini, and every kind of bad line giving a
 * warning with file:line while the default is kept. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#include "settings.h"

static void defaults_are_sensible(void **state)
{
	(void)state;
	Settings s;
	settings_defaults(&s);
	assert_string_equal(s.home, "home.md");
	assert_string_equal(s.default_language, "en");
	assert_string_equal(s.images_dir, "../images");
	assert_int_equal(s.theme, THEME_CREAM);
	assert_int_equal(s.text_size, TEXT_NORMAL);
	assert_int_equal(s.language_count, 0);
	assert_true(settings_text_scale(TEXT_NORMAL) == 1.0);
	assert_true(settings_text_scale(TEXT_LARGE) == 1.25);
	assert_true(settings_text_scale(TEXT_LARGEST) == 1.5);
}

static void missing_file_keeps_defaults(void **state)
{
	(void)state;
	Settings s;
	DiagList d = {0};
	settings_defaults(&s);
	assert_true(settings_load(&s, "tests/fixtures/settings/none.ini", &d));
	assert_int_equal(d.count, 0);
	assert_string_equal(s.home, "home.md");
}

static void good_file_is_read(void **state)
{
	(void)state;
	Settings s;
	DiagList d = {0};
	settings_defaults(&s);
	assert_true(settings_load(&s, "tests/fixtures/settings/good.ini", &d));
	diag_print(&d, 0, stderr);
	assert_int_equal(d.count, 0);
	assert_string_equal(s.name, "Town Hall guide");
	assert_string_equal(s.home, "start.md");
	assert_int_equal(s.language_count, 2);
	assert_string_equal(s.languages[0], "en");
	assert_string_equal(s.languages[1], "pl");
	assert_string_equal(s.default_language, "pl");
	assert_string_equal(s.images_dir, "pictures");
	assert_int_equal(s.theme, THEME_YELLOW_ON_BLACK);
	assert_int_equal(s.text_size, TEXT_LARGE);
	assert_true(s.panel_width_mm == 476.0);
	assert_true(s.viewing_distance_mm == 600.0);
	assert_true(s.speech);
	assert_true(s.read_on_open);
	assert_true(s.read_alt_text);
	assert_int_equal(s.rate, RATE_SLOW);
	assert_int_equal(settings_speech_wpm(&s), 97); /* slow */
	assert_int_equal(s.volume, 60);
	assert_string_equal(settings_voice(&s, "pl"), "pl");
	assert_string_equal(settings_voice(&s, "en"), "en-us");
	assert_string_equal(settings_voice(&s, "ur"), "ur"); /* default: the language code */
	assert_int_equal(s.touch_min_ms, 50);
	assert_int_equal(s.double_press_ms, 500);
	assert_int_equal(s.key_repeat_ms, 2000);
	assert_string_equal(s.switch1_keys, "Space, 1");
	assert_string_equal(s.switch2_keys, "Return, 2");
	assert_int_equal(s.scan.mode, SCAN_STEP);
	assert_int_equal(s.scan.interval_ms, 3000);
}

static void set_from_the_command_line(void **state)
{
	(void)state;
	Settings s;
	DiagList d = {0};
	settings_defaults(&s);
	assert_int_equal(s.double_press_ms, 300);
	assert_int_equal(s.scan.mode, SCAN_AUTO);
	settings_set(&s, "scan", "mode", "step", "--set", &d);
	settings_set(&s, "input", "double_press_ms", "9999", "--set", &d);
	settings_set(&s, "scan", "warp", "9", "--set", &d);
	assert_int_equal(s.scan.mode, SCAN_STEP);
	assert_int_equal(s.double_press_ms, 300);
	assert_true(diag_contains(&d, "--set: warning: '9999' for 'double_press_ms'"));
	assert_true(diag_contains(&d, "--set: warning: 'warp' is not a known [scan] setting"));
	diag_clear(&d);
}

static void speech_values_are_clamped_or_refused(void **state)
{
	(void)state;
	Settings s;
	DiagList d = {0};
	settings_defaults(&s);
	assert_false(s.read_on_open); /* default off */
	assert_int_equal(settings_speech_wpm(&s), 116); /* normal: about 130 measured */
	assert_true(settings_load(&s, "tests/fixtures/settings/speech-bad.ini", &d));
	diag_print(&d, 0, stderr);
	assert_true(diag_contains(&d, "speech-bad.ini:2: warning: 'warp'"));
	assert_int_equal(s.rate, RATE_NORMAL);
	assert_true(diag_contains(&d, "speech-bad.ini:3: warning: words_per_minute 1000 is outside"));
	assert_int_equal(settings_speech_wpm(&s), 450);
	assert_true(diag_contains(&d, "speech-bad.ini:4: warning: '300' for 'volume'"));
	assert_int_equal(s.volume, 80);
	assert_true(diag_contains(&d, "speech-bad.ini:5: warning: 'perhaps' for 'read_on_open'"));
	assert_false(s.read_on_open);
	diag_clear(&d);
}

static void bad_lines_warn_with_line_and_keep_defaults(void **state)
{
	(void)state;
	Settings s;
	DiagList d = {0};
	settings_defaults(&s);
	const char *f = "tests/fixtures/settings/bad.ini";
	assert_true(settings_load(&s, f, &d));
	diag_print(&d, 0, stderr);
	assert_string_equal(s.name, "Still read");          /* good lines still count */
	assert_true(diag_contains(&d, "bad.ini:3: warning: unknown setting 'colour'"));
	assert_true(diag_contains(&d, "bad.ini:4: warning: home page '../../etc/passwd'"));
	assert_string_equal(s.home, "home.md");
	assert_true(diag_contains(&d, "bad.ini:7: warning: 'rainbow' is not a known value for 'theme'"));
	assert_int_equal(s.theme, THEME_CREAM);
	assert_true(diag_contains(&d, "bad.ini:8: warning: 'huge'"));
	assert_int_equal(s.text_size, TEXT_NORMAL);
	assert_true(diag_contains(&d, "bad.ini:9: warning: 'wide' for 'panel_width_mm'"));
	assert_true(s.panel_width_mm == 0.0);
	assert_true(diag_contains(&d, "bad.ini:10: warning: this line is not"));
	assert_true(diag_contains(&d, "bad.ini:12: warning: unknown section [sound]"));
	assert_int_equal(diag_count(&d, DIAG_ERROR), 0);
	diag_clear(&d);
}

/* Issue #22: an indented pin line is its own line (inih read it as more of the line above,
 * and the error named the wrong key); a broken PIN is an error at its line and closes the
 * staff exit; duplicate keys and languages are warned at their lines. */
static void broken_pin_duplicates_and_indented_lines(void **state)
{
	(void)state;
	char path[] = "/tmp/test_settings_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *ini = "[kiosk]\n"              /* 1 */
	                  "name = Town Hall\n"     /* 2 */
	                  "  home = start.md\n"    /* 3: indented, still its own line */
	                  "languages = en, pl, en\n" /* 4 */
	                  "name = Library\n"       /* 5: again */
	                  "[session]\n"            /* 6 */
	                  "pin = 2468\n"           /* 7 */
	                  "  pin = 123\n"          /* 8: indented and too short */
	                  "[session]\n"            /* 9 */
	                  "pin =\n";               /* 10: empty */
	assert_int_equal(write(fd, ini, strlen(ini)), (ssize_t)strlen(ini));
	close(fd);
	Settings s;
	DiagList d = {0};
	settings_defaults(&s);
	settings_load(&s, path, &d);
	diag_print(&d, 0, stderr);
	assert_string_equal(s.name, "Library");
	assert_string_equal(s.home, "start.md");
	assert_int_equal(s.language_count, 2);
	assert_true(s.session.pin_broken);
	char *want[] = {
	    xasprintf("%s:4: warning: 'en' is listed twice in 'languages'", path),
	    xasprintf("%s:5: warning: 'name' in [kiosk] is set again (first on line 2)", path),
	    xasprintf("%s:8: warning: 'pin' in [session] is set again (first on line 7)", path),
	    xasprintf("%s:8: error: the staff PIN must be 4 to 12 digits", path),
	    xasprintf("%s:10: error: the staff PIN must be 4 to 12 digits", path),
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		if (!diag_contains(&d, want[i]))
			fail_msg("missing: %s", want[i]);
		free(want[i]);
	}
	/* no diagnostic ever shows the PIN */
	for (size_t i = 0; i < d.count; i++)
		assert_null(strstr(d.items[i].message, "2468"));
	diag_clear(&d);
	unlink(path);
}

/* [share] [print] [help]: addresses must be http(s); the webhook (a secret) is never echoed. */
static void take_home_print_and_help(void **state)
{
	(void)state;
	Settings s;
	DiagList d = {0};
	settings_defaults(&s);
	assert_string_equal(s.share_base_url, "");
	assert_string_equal(s.help_page, "ask-for-help.md");
	settings_set(&s, "share", "base_url", "https://council.example/easy-read", "--set", &d);
	settings_set(&s, "print", "printer", "Reception", "--set", &d);
	settings_set(&s, "print", "council", "Example Council", "--set", &d);
	settings_set(&s, "help", "webhook", "https://hooks.example/T0/secret-token", "--set", &d);
	settings_set(&s, "help", "place", "Library", "--set", &d);
	assert_int_equal(d.count, 0);
	assert_string_equal(s.share_base_url, "https://council.example/easy-read");
	assert_string_equal(s.print_printer, "Reception");
	assert_string_equal(s.print_council, "Example Council");
	assert_string_equal(s.help_webhook, "https://hooks.example/T0/secret-token");
	assert_string_equal(s.help_place, "Library");
	settings_set(&s, "share", "base_url", "ftp://council.example/", "--set", &d);
	settings_set(&s, "help", "webhook", "file:///etc/other-secret", "--set", &d);
	settings_set(&s, "help", "colour", "red", "--set", &d);
	assert_int_equal(d.count, 3);
	assert_string_equal(s.share_base_url, "https://council.example/easy-read"); /* kept */
	assert_string_equal(s.help_webhook, "https://hooks.example/T0/secret-token");
	for (size_t i = 0; i < d.count; i++)
		assert_null(strstr(d.items[i].message, "secret"));
	diag_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(broken_pin_duplicates_and_indented_lines),
		cmocka_unit_test(defaults_are_sensible),
		cmocka_unit_test(missing_file_keeps_defaults),
		cmocka_unit_test(good_file_is_read),
		cmocka_unit_test(bad_lines_warn_with_line_and_keep_defaults),
		cmocka_unit_test(speech_values_are_clamped_or_refused),
		cmocka_unit_test(set_from_the_command_line),
		cmocka_unit_test(take_home_print_and_help),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
