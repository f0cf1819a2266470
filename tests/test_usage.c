/* Tests for usage.c: every event written and read back, JSON escaping both ways, a line torn
 * by a power cut, an unwritable file that must not stop the kiosk, whole-second times. Each
 * test works in its own mkdtemp folder under /tmp and removes it. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "usage.h"
#include "util.h"

#define T 1714550400u /* 2024-05-01 08:00:00 UTC */

typedef struct {
	char dir[64];
	char *path; /* dir/usage.jsonl */
} Tmp;

static int setup(void **state)
{
	Tmp *t = xcalloc(1, sizeof(*t));
	snprintf(t->dir, sizeof(t->dir), "/tmp/test_usage.XXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	t->path = path_join(t->dir, "usage.jsonl");
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	Tmp *t = *state;
	/* Everything the tests make, deepest first; missing ones are fine. */
	static const char *const names[] = {"usage.jsonl", "sub/deeper/usage.jsonl", "sub/deeper",
	                                    "sub",         "blocker/usage.jsonl",    "blocker",
	                                    "adir"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *p = path_join(t->dir, names[i]);
		if (unlink(p) != 0)
			rmdir(p);
		free(p);
	}
	rmdir(t->dir);
	free(t->path);
	free(t);
	return 0;
}

static char *read_all(const char *path)
{
	char *s = util_read_file(path, NULL);
	assert_non_null(s);
	return s;
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void events_are_written_and_read_back(void **state)
{
	Tmp *t = *state;
	/* A folder that does not exist yet, as on a fresh account. */
	char *path = path_join(t->dir, "sub/deeper/usage.jsonl");
	UsageLog *log = usage_open(path);
	assert_true(usage_ok(log));
	assert_true(usage_session_start(log, T, "en"));
	assert_true(usage_input(log, T + 1, USAGE_TOUCH));
	assert_true(usage_input(log, T + 2, USAGE_TOUCH)); /* once per visit: not written */
	assert_true(usage_page_view(log, T + 20, "en", "home.md", 0, 19));
	assert_true(usage_listen(log, T + 21, "en", "rights.md", 1));
	assert_true(usage_stop(log, T + 25, "en", "rights.md", 1));
	assert_true(usage_replay(log, T + 26, "en", "rights.md", 1, 2));
	assert_true(usage_setting(log, T + 30, "text_size", "large"));
	assert_true(usage_language(log, T + 31, "cy"));
	assert_true(usage_input(log, T + 32, USAGE_SWITCH));
	assert_true(usage_idle_warning(log, T + 150, false));
	assert_true(usage_session_end(log, T + 180, "idle", 180));
	assert_true(usage_session_start(log, T + 200, "en"));
	assert_true(usage_input(log, T + 201, USAGE_TOUCH)); /* a new visit: written again */
	usage_close(log);

	char *raw = read_all(path);
	assert_int_equal(count_lines(raw), 13);
	assert_non_null(strstr(raw, "{\"t\":1714550420,\"type\":\"page_view\",\"lang\":\"en\","
	                            "\"page\":\"home.md\",\"screen\":1,\"s\":19}\n"));
	free(raw);

	UsageEvents evs = {0};
	size_t skipped = 99;
	assert_true(usage_read(path, &evs, &skipped));
	assert_int_equal(skipped, 0);
	assert_int_equal(evs.count, 13);
	static const char *const types[] = {
	    "session_start", "input",         "page_view", "listen", "stop",
	    "replay",        "setting",       "language",  "input",  "idle_warning",
	    "session_end",   "session_start", "input"};
	for (size_t i = 0; i < evs.count; i++)
		assert_string_equal(evs.ev[i].type, types[i]);
	long long v;
	assert_int_equal(evs.ev[0].t, T);
	assert_string_equal(usage_event_str(&evs.ev[0], "lang"), "en");
	assert_string_equal(usage_event_str(&evs.ev[1], "method"), "touch");
	const UsageEvent *pv = &evs.ev[2];
	assert_int_equal(pv->t, T + 20);
	assert_string_equal(usage_event_str(pv, "page"), "home.md");
	assert_true(usage_event_int(pv, "screen", &v));
	assert_int_equal(v, 1);
	assert_true(usage_event_int(pv, "s", &v));
	assert_int_equal(v, 19);
	assert_null(usage_event_str(pv, "screen")); /* an integer, not a string */
	assert_false(usage_event_int(pv, "page", &v));
	assert_string_equal(usage_event_str(&evs.ev[3], "page"), "rights.md");
	assert_true(usage_event_int(&evs.ev[3], "screen", &v));
	assert_int_equal(v, 2);
	assert_true(usage_event_int(&evs.ev[5], "row", &v));
	assert_int_equal(v, 3);
	assert_string_equal(usage_event_str(&evs.ev[6], "name"), "text_size");
	assert_string_equal(usage_event_str(&evs.ev[6], "value"), "large");
	assert_string_equal(usage_event_str(&evs.ev[7], "lang"), "cy");
	assert_string_equal(usage_event_str(&evs.ev[8], "method"), "switch");
	assert_true(usage_event_int(&evs.ev[9], "continued", &v));
	assert_int_equal(v, 0);
	assert_string_equal(usage_event_str(&evs.ev[10], "reason"), "idle");
	assert_true(usage_event_int(&evs.ev[10], "s", &v));
	assert_int_equal(v, 180);
	usage_events_free(&evs);
	free(path);
}

static void json_escaping_round_trips(void **state)
{
	Tmp *t = *state;
	static const char *const names[] = {
	    "say \"hello\".md",
	    "back\\slash",
	    "new\nline\ttab\rcr",
	    "\x01\x1f\x7f",
	    "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80",
	    "</script>&<'>",
	    "",
	};
	UsageLog *log = usage_open(t->path);
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		assert_true(usage_page_view(log, T, names[i], names[i], 0, 1));
	/* Not UTF-8: written as U+FFFD so the line stays valid JSON. */
	assert_true(usage_page_view(log, T, "en", "bad\xff\xc3(", 0, 1));
	usage_close(log);

	char *raw = read_all(t->path);
	assert_int_equal(count_lines(raw), (int)ARRAY_LEN(names) + 1); /* no raw newline */
	assert_non_null(strstr(raw, "\"say \\\"hello\\\".md\""));
	assert_non_null(strstr(raw, "\"new\\nline\\ttab\\rcr\""));
	assert_non_null(strstr(raw, "\"\\u0001\\u001f\\u007f\""));
	free(raw);

	UsageEvents evs = {0};
	size_t skipped = 0;
	assert_true(usage_read(t->path, &evs, &skipped));
	assert_int_equal(skipped, 0);
	assert_int_equal(evs.count, ARRAY_LEN(names) + 1);
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		assert_string_equal(usage_event_str(&evs.ev[i], "page"), names[i]);
		assert_string_equal(usage_event_str(&evs.ev[i], "lang"), names[i]);
	}
	assert_string_equal(usage_event_str(&evs.ev[ARRAY_LEN(names)], "page"),
	                    "bad\xef\xbf\xbd\xef\xbf\xbd(");
	usage_events_free(&evs);
}

static bool parses(const char *line)
{
	UsageEvent ev;
	bool ok = usage_parse_line(line, strlen(line), &ev);
	if (ok)
		usage_event_free(&ev);
	return ok;
}

static void parser_accepts_our_format_only(void **state)
{
	(void)state;
	UsageEvent ev;
	const char *line = "{\"t\":5,\"type\":\"x\",\"a\":\"\\u00e9\\ud83d\\ude00\\/\",\"n\":-7}";
	assert_true(usage_parse_line(line, strlen(line), &ev));
	assert_int_equal(ev.t, 5);
	assert_string_equal(ev.type, "x");
	assert_int_equal(ev.n, 2);
	assert_string_equal(usage_event_str(&ev, "a"), "\xc3\xa9\xf0\x9f\x98\x80/");
	long long n;
	assert_true(usage_event_int(&ev, "n", &n));
	assert_int_equal(n, -7);
	usage_event_free(&ev);

	assert_true(parses("{ \"type\" : \"x\" , \"t\" : 1 }"));
	assert_false(parses("{\"t\":1,\"type\":\"x\""));           /* torn */
	assert_false(parses("{\"t\":1,\"type\":\"x\",\"a\":\"b")); /* torn inside a string */
	assert_false(parses("{\"t\":1,\"type\":\"x\",\"a\":1."));
	assert_false(parses("{\"t\":1.5,\"type\":\"x\"}")); /* only whole seconds */
	assert_false(parses("{\"t\":1,\"type\":\"x\",\"a\":1e3}"));
	assert_false(parses("{\"type\":\"x\"}"));
	assert_false(parses("{\"t\":1}"));
	assert_false(parses("{\"t\":\"1\",\"type\":\"x\"}"));
	assert_false(parses("{\"t\":1,\"t\":2,\"type\":\"x\"}"));
	assert_false(parses("{\"t\":1,\"type\":\"x\",\"a\":true}"));
	assert_false(parses("{\"t\":1,\"type\":\"x\",\"a\":{\"b\":1}}"));
	assert_false(parses("{\"t\":1,\"type\":\"x\"} {"));
	assert_false(parses("{\"t\":99999999999999999999,\"type\":\"x\"}"));
	assert_false(parses("{\"t\":1,\"type\":\"x\",\"a\":\"\\q\"}"));
	assert_false(parses("{}"));
	assert_false(parses(""));
}

/* A power cut mid-write leaves half a line at the end of the file. */
static void torn_last_line_is_skipped_and_counted(void **state)
{
	Tmp *t = *state;
	UsageLog *log = usage_open(t->path);
	assert_true(usage_session_start(log, T, "en"));
	assert_true(usage_page_view(log, T + 5, "en", "home.md", 0, 5));
	assert_true(usage_page_view(log, T + 9, "en", "rights.md", 0, 4));
	usage_close(log);
	struct stat st;
	assert_int_equal(stat(t->path, &st), 0);
	assert_int_equal(truncate(t->path, st.st_size - 12), 0);

	UsageEvents evs = {0};
	size_t skipped = 0;
	assert_true(usage_read(t->path, &evs, &skipped));
	assert_int_equal(evs.count, 2);
	assert_int_equal(skipped, 1);
	usage_events_free(&evs);

	/* The kiosk starts again: its first event must not be glued to the torn piece. */
	log = usage_open(t->path);
	assert_true(usage_session_start(log, T + 100, "en"));
	usage_close(log);
	assert_true(usage_read(t->path, &evs, &skipped));
	assert_int_equal(evs.count, 3);
	assert_int_equal(skipped, 1);
	assert_int_equal(evs.ev[2].t, T + 100);
	usage_events_free(&evs);
}

static void unwritable_file_does_not_stop_the_kiosk(void **state)
{
	Tmp *t = *state;
	/* A folder where the file should be. */
	char *adir = path_join(t->dir, "adir");
	assert_int_equal(mkdir(adir, 0755), 0);
	UsageLog *log = usage_open(adir);
	assert_non_null(log);
	assert_false(usage_ok(log));
	assert_false(usage_session_start(log, T, "en"));
	assert_false(usage_page_view(log, T + 100, "en", "home.md", 0, 3));
	assert_false(usage_input(log, T + 200, USAGE_SWITCH));
	usage_close(log);
	free(adir);

	/* A file where a folder should be; once it is cleared, writing resumes a minute on. */
	char *blocker = path_join(t->dir, "blocker");
	FILE *f = fopen(blocker, "w");
	assert_non_null(f);
	fclose(f);
	char *path = path_join(t->dir, "blocker/usage.jsonl");
	log = usage_open(path);
	assert_false(usage_ok(log));
	assert_false(usage_session_start(log, T, "en")); /* tries again at once, fails */
	assert_int_equal(unlink(blocker), 0);
	assert_false(usage_session_start(log, T + 30, "en")); /* not yet: waits a minute */
	assert_true(usage_session_start(log, T + 60, "en"));
	assert_true(usage_ok(log));
	usage_close(log);
	UsageEvents evs = {0};
	assert_true(usage_read(path, &evs, NULL));
	assert_int_equal(evs.count, 1);
	usage_events_free(&evs);
	free(path);
	free(blocker);

	/* Usage figures switched off: a NULL log is fine everywhere. */
	assert_false(usage_session_start(NULL, T, "en"));
	assert_false(usage_input(NULL, T, USAGE_KEYS));
	assert_false(usage_ok(NULL));
	usage_close(NULL);
	/* Reading a file that is not there is an error for the report. */
	char *none = path_join(t->dir, "none.jsonl");
	assert_false(usage_read(none, &evs, NULL));
	assert_int_equal(evs.count, 0);
	free(none);
}

static void times_are_whole_seconds(void **state)
{
	Tmp *t = *state;
	UsageLog *log = usage_open(t->path);
	assert_true(usage_session_start(log, T, "en"));
	usage_close(log);
	char *raw = read_all(t->path);
	assert_string_equal(raw, "{\"t\":1714550400,\"type\":\"session_start\",\"lang\":\"en\"}\n");
	free(raw);
}

static void default_path_follows_xdg(void **state)
{
	(void)state;
	char *old_xdg = getenv("XDG_DATA_HOME") ? xstrdup(getenv("XDG_DATA_HOME")) : NULL;
	char *old_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	setenv("HOME", "/home/kiosk", 1);
	char *p = usage_default_path();
	assert_string_equal(p, "/srv/data/easyread-kiosk/usage.jsonl");
	free(p);
	setenv("XDG_DATA_HOME", "relative", 1); /* invalid by the spec: ignored */
	p = usage_default_path();
	assert_string_equal(p, "/home/kiosk/.local/share/easyread-kiosk/usage.jsonl");
	free(p);
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	assert_null(usage_default_path());
	if (old_xdg)
		setenv("XDG_DATA_HOME", old_xdg, 1);
	if (old_home)
		setenv("HOME", old_home, 1);
	free(old_xdg);
	free(old_home);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(events_are_written_and_read_back, setup, teardown),
	    cmocka_unit_test_setup_teardown(json_escaping_round_trips, setup, teardown),
	    cmocka_unit_test(parser_accepts_our_format_only),
	    cmocka_unit_test_setup_teardown(torn_last_line_is_skipped_and_counted, setup, teardown),
	    cmocka_unit_test_setup_teardown(unwritable_file_does_not_stop_the_kiosk, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(times_are_whole_seconds, setup, teardown),
	    cmocka_unit_test(default_path_follows_xdg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
