/* Tests for report.c on tests/fixtures/usage/sample.jsonl, whose numbers are worked out by
 * hand in tests/fixtures/usage/README.md: visits and page views per day, the most read pages,
 * where people stop, the speech and switch shares, and the SVG chart with one bar per day.
 * Days are local days, so every test runs with TZ=UTC. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "report.h"
#include "util.h"

#define SAMPLE "tests/fixtures/usage/sample.jsonl"

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void load(UsageEvents *evs, size_t *skipped)
{
	memset(evs, 0, sizeof(*evs));
	assert_true(usage_read(SAMPLE, evs, skipped));
}

static void sample_numbers(void **state)
{
	(void)state;
	UsageEvents evs;
	size_t skipped;
	load(&evs, &skipped);
	assert_int_equal(evs.count, 41);
	assert_int_equal(skipped, 1); /* the torn last line */
	ReportStats st;
	report_analyse(&evs, &st);

	assert_int_equal(st.sessions, 6);
	assert_int_equal(st.page_views, 13);
	assert_int_equal(st.day_count, 4);
	static const struct {
		const char *day;
		int sessions, views;
	} days[] = {
	    {"2024-05-01", 2, 6}, {"2024-05-02", 3, 5}, {"2024-05-03", 0, 0}, {"2024-05-04", 1, 2}};
	for (size_t i = 0; i < ARRAY_LEN(days); i++) {
		assert_string_equal(st.days[i].day, days[i].day);
		assert_int_equal(st.days[i].sessions, days[i].sessions);
		assert_int_equal(st.days[i].page_views, days[i].views);
	}

	static const struct {
		const char *page;
		int views;
		long long seconds;
		int stops;
	} pages[] = {{"en/home.md", 6, 42, 1},
	             {"en/rights.md", 3, 190, 2},
	             {"en/benefits.md", 2, 120, 2},
	             {"cy/rights.md", 1, 25, 1},
	             {"cy/home.md", 1, 12, 0}};
	assert_int_equal(st.page_count, ARRAY_LEN(pages));
	for (size_t i = 0; i < ARRAY_LEN(pages); i++) {
		assert_string_equal(st.pages[i].page, pages[i].page);
		assert_int_equal(st.pages[i].views, pages[i].views);
		assert_int_equal(st.pages[i].seconds, pages[i].seconds);
		assert_int_equal(st.pages[i].stops, pages[i].stops);
	}

	assert_int_equal(st.with_speech, 3);
	assert_int_equal(st.with_switch, 2);
	assert_int_equal(st.idle_resets, 4);
	assert_int_equal(st.warnings, 2);
	assert_int_equal(st.warnings_answered, 1);
	assert_int_equal(st.timed_sessions, 5);
	assert_int_equal(st.session_seconds, 818);
	report_stats_free(&st);
	usage_events_free(&evs);
}

/* The whole printed report, against the expected text kept next to the fixture. */
static void printed_report_matches_the_expected_text(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	assert_int_equal(report_main(SAMPLE, NULL, out), 0);
	fclose(out);
	char *expected = util_read_file("tests/fixtures/usage/sample.report.txt", NULL);
	assert_non_null(expected);
	assert_string_equal(buf, expected);
	/* The lines a council reads first, spelled out here too. */
	assert_non_null(strstr(buf, "  2024-05-02         3           5\n"));
	assert_non_null(strstr(buf, "   1. en/home.md                           6 views  42 s\n"));
	assert_non_null(strstr(buf, "Speech (Listen) used in 3 of 6 visits (50%).\n"));
	assert_non_null(strstr(buf, "A switch used in 2 of 6 visits (33%).\n"));
	assert_non_null(strstr(buf, "Idle resets: 4."));
	free(expected);
	free(buf);
}

static char *temp_svg(char dir[64])
{
	snprintf(dir, 64, "/tmp/test_report.XXXXXX");
	assert_non_null(mkdtemp(dir));
	return path_join(dir, "chart.svg");
}

static void svg_has_one_bar_per_day(void **state)
{
	(void)state;
	char dir[64];
	char *svg = temp_svg(dir);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_int_equal(report_main(SAMPLE, svg, out), 0);
	fclose(out);
	assert_non_null(strstr(buf, "Chart of page views per day written to"));
	free(buf);

	char *s = util_read_file(svg, NULL);
	assert_non_null(s);
	assert_int_equal(strncmp(s, "<?xml", 5), 0);
	assert_int_equal(count(s, "<svg "), 1);
	assert_int_equal(count(s, "</svg>"), 1);
	assert_non_null(strstr(s, "<title id=\"chart-title\">Page views per day</title>"));
	assert_non_null(strstr(s, "<desc id=\"chart-desc\">"));
	assert_int_equal(count(s, "class=\"bar\""), 4);
	assert_non_null(strstr(s, "<title>2024-05-01: 6 page views</title>"));
	assert_non_null(strstr(s, "<title>2024-05-03: 0 page views</title>"));
	assert_non_null(strstr(s, ">2024-05-04</text>"));
	/* Tags balance: every <text> and <rect class="bar"> is closed. */
	assert_int_equal(count(s, "<text"), count(s, "</text>"));
	assert_int_equal(count(s, "<rect class=\"bar\""), count(s, "</rect>"));
	free(s);
	unlink(svg);
	rmdir(dir);
	free(svg);
}

static void long_ranges_and_empty_files(void **state)
{
	(void)state;
	/* 60 days, one page view on each: 60 bars, a date label only every 7th day. */
	UsageEvents evs = {0};
	for (int d = 0; d < 60; d++) {
		char line[160];
		snprintf(line, sizeof(line),
		         "{\"t\":%lld,\"type\":\"page_view\",\"lang\":\"en\",\"page\":\"p%d.md\","
		         "\"screen\":1,\"s\":3}",
		         1714550400LL + 86400LL * d, d % 3);
		UsageEvent ev;
		assert_true(usage_parse_line(line, strlen(line), &ev));
		evs.ev = xrealloc(evs.ev, (evs.count + 1) * sizeof(*evs.ev));
		evs.ev[evs.count++] = ev;
	}
	ReportStats st;
	report_analyse(&evs, &st);
	assert_int_equal(st.day_count, 60);
	assert_int_equal(st.sessions, 1); /* no session_start at all: one visit is assumed */
	assert_int_equal(st.page_views, 60);
	report_stats_free(&st);
	char dir[64];
	char *svg = temp_svg(dir);
	assert_true(report_write_svg(&evs, svg));
	char *s = util_read_file(svg, NULL);
	assert_int_equal(count(s, "class=\"bar\""), 60);
	assert_int_equal(count(s, "rotate(-45"), 9); /* days 0, 7, ... 56 */
	free(s);
	usage_events_free(&evs);

	/* No events: a plain sentence and an empty chart, not a crash. */
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_int_equal(report_print(&evs, out), 0);
	fclose(out);
	assert_non_null(strstr(buf, "No visits recorded yet."));
	free(buf);
	assert_true(report_write_svg(&evs, svg));
	s = util_read_file(svg, NULL);
	assert_int_equal(count(s, "class=\"bar\""), 0);
	assert_non_null(strstr(s, "No page views recorded yet."));
	free(s);
	unlink(svg);

	/* Errors give exit code 1: a missing usage file, a chart that cannot be written. */
	out = open_memstream(&buf, &len);
	assert_int_equal(report_main("tests/fixtures/usage/none.jsonl", NULL, out), 1);
	assert_int_equal(report_main(SAMPLE, dir, out), 1); /* a folder, not a file */
	fclose(out);
	free(buf);
	rmdir(dir);
	free(svg);
}

/* QR codes shown, pages printed (and failed prints) and help calls, per language and page. */
static void take_away_and_help_calls(void **state)
{
	(void)state;
	const char *lines[] = {
		"{\"t\":1714550400,\"type\":\"session_start\",\"lang\":\"pl\"}",
		"{\"t\":1714550410,\"type\":\"qr_view\",\"lang\":\"pl\",\"page\":\"care-act.md\"}",
		"{\"t\":1714550420,\"type\":\"qr_view\",\"lang\":\"pl\",\"page\":\"care-act.md\"}",
		"{\"t\":1714550430,\"type\":\"print\",\"lang\":\"pl\",\"page\":\"care-act.md\",\"ok\":1}",
		"{\"t\":1714550440,\"type\":\"print\",\"lang\":\"en\",\"page\":\"care-act.md\",\"ok\":0}",
		"{\"t\":1714550450,\"type\":\"help_call\",\"lang\":\"pl\",\"page\":\"ask-for-help.md\"}",
	};
	UsageEvents evs = {0};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		UsageEvent ev;
		assert_true(usage_parse_line(lines[i], strlen(lines[i]), &ev));
		evs.ev = xrealloc(evs.ev, (evs.count + 1) * sizeof(UsageEvent));
		evs.ev[evs.count++] = ev;
	}
	ReportStats st;
	report_analyse(&evs, &st);
	assert_int_equal(st.qr_views, 2);
	assert_int_equal(st.prints, 1);
	assert_int_equal(st.prints_failed, 1);
	assert_int_equal(st.help_calls, 1);
	int seen = 0;
	for (size_t i = 0; i < st.page_count; i++) {
		if (strcmp(st.pages[i].page, "pl/care-act.md") == 0) {
			assert_int_equal(st.pages[i].qr_views, 2);
			assert_int_equal(st.pages[i].prints, 1);
			seen++;
		}
		if (strcmp(st.pages[i].page, "pl/ask-for-help.md") == 0) {
			assert_int_equal(st.pages[i].help_calls, 1);
			seen++;
		}
	}
	assert_int_equal(seen, 2);
	report_stats_free(&st);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_int_equal(report_print(&evs, f), 0);
	fclose(f);
	assert_non_null(strstr(text, "QR code shown 2 times, 1 page printed (1 could not be). Calls for a person: 1."));
	assert_non_null(strstr(text, "pl/care-act.md                              2        1        0"));
	free(text);
	usage_events_free(&evs);
}

static void write_lines(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *report_of(const char *const *paths, size_t n, int want_rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_int_equal(report_main_files(paths, n, NULL, out), want_rc);
	fclose(out);
	return buf;
}

/* Two kiosks whose visits overlap: merged in time order, one walk over all lines (the old
 * report) saw 3 visits and 2 page views; per kiosk it is 2 visits and 3 page views. One file
 * has kiosk ids, the other none (an older kiosk): each still counts as its own kiosk. */
static void merged_kiosks_are_counted_apart(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/test_report.XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char *a = path_join(dir, "desk-a.jsonl"), *b = path_join(dir, "desk-b.jsonl");
	write_lines(a, "{\"t\":100,\"type\":\"session_start\",\"lang\":\"en\",\"kiosk\":\"desk-a\"}\n"
		       "{\"t\":110,\"type\":\"page_view\",\"lang\":\"en\",\"page\":\"home.md\",\"screen\":1,\"s\":20,\"kiosk\":\"desk-a\"}\n"
		       "{\"t\":130,\"type\":\"page_view\",\"lang\":\"en\",\"page\":\"rights.md\",\"screen\":1,\"s\":10,\"kiosk\":\"desk-a\"}\n"
		       "{\"t\":140,\"type\":\"session_end\",\"reason\":\"idle\",\"s\":40,\"kiosk\":\"desk-a\"}\n");
	write_lines(b, "{\"t\":105,\"type\":\"session_start\",\"lang\":\"en\"}\n"
		       "{\"t\":115,\"type\":\"page_view\",\"lang\":\"en\",\"page\":\"home.md\",\"screen\":1,\"s\":30}\n"
		       "{\"t\":120,\"type\":\"listen\",\"lang\":\"en\",\"page\":\"home.md\",\"screen\":1}\n"
		       "{\"t\":150,\"type\":\"session_end\",\"reason\":\"idle\",\"s\":45}\n");
	const char *both[] = {a, b};
	char *text = report_of(both, 2, 0);
	assert_non_null(strstr(text, "(2 files)"));
	assert_non_null(strstr(text, "8 events read"));
	assert_non_null(strstr(text, "  Total              2           3\n"));
	assert_non_null(strstr(text, "Speech (Listen) used in 1 of 2 visits"));
	assert_non_null(strstr(text, "Idle resets: 2."));
	free(text);
	/* the folder gives the same */
	const char *folder[] = {dir};
	text = report_of(folder, 1, 0);
	assert_non_null(strstr(text, "  Total              2           3\n"));
	free(text);
	unlink(a);
	unlink(b);
	rmdir(dir);
	free(a);
	free(b);
}

/* logrotate's copies: usage.jsonl.2 (oldest), .1 and usage.jsonl are one kiosk's file; a visit
 * that went on over a rotation is one visit, and a missing file is an error. */
static void rotated_files_are_one_kiosk(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/test_report.XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char *r2 = path_join(dir, "usage.jsonl.2"), *r1 = path_join(dir, "usage.jsonl.1");
	char *cur = path_join(dir, "usage.jsonl"), *other = path_join(dir, "notes.txt");
	write_lines(r2, "{\"t\":100,\"type\":\"session_start\",\"lang\":\"en\"}\n"
			"{\"t\":110,\"type\":\"session_end\",\"reason\":\"idle\",\"s\":10}\n");
	write_lines(r1, "{\"t\":200,\"type\":\"session_start\",\"lang\":\"en\"}\n"
			"{\"t\":210,\"type\":\"page_view\",\"lang\":\"en\",\"page\":\"home.md\",\"screen\":1,\"s\":5}\n");
	write_lines(cur, "{\"t\":220,\"type\":\"page_view\",\"lang\":\"en\",\"page\":\"home.md\",\"screen\":2,\"s\":5}\n"
			 "{\"t\":230,\"type\":\"session_end\",\"reason\":\"idle\",\"s\":30}\n");
	write_lines(other, "not a usage file\n");
	const char *folder[] = {dir};
	char *text = report_of(folder, 1, 0);
	assert_non_null(strstr(text, "(3 files)"));
	assert_non_null(strstr(text, "6 events read"));
	/* 2 visits (not 3: the one across the rotation is one), 1 page view (screen 2 of the
	 * same page in the same visit is not another) */
	assert_non_null(strstr(text, "  Total              2           1\n"));
	free(text);
	const char *missing[] = {cur, "/nonexistent/usage.jsonl"};
	text = report_of(missing, 2, 1);
	free(text);
	unlink(r2);
	unlink(r1);
	unlink(cur);
	unlink(other);
	rmdir(dir);
	free(r2);
	free(r1);
	free(cur);
	free(other);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sample_numbers),
	    cmocka_unit_test(printed_report_matches_the_expected_text),
	    cmocka_unit_test(svg_has_one_bar_per_day),
	    cmocka_unit_test(long_ranges_and_empty_files),
	    cmocka_unit_test(take_away_and_help_calls),
	    cmocka_unit_test(merged_kiosks_are_counted_apart),
	    cmocka_unit_test(rotated_files_are_one_kiosk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
