/* Tests for metrics.c: the text format (every metric with HELP, TYPE and the kiosk label,
 * label values escaped), visits counted per local day, the atomic write (no temporary file
 * left, readable by node_exporter's user) and the content revision file. promtool checks the
 * same output in tests/e2e_health.sh. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "metrics.h"
#include "util.h"

static char *format(const Metrics *m, int64_t now)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	metrics_format(m, now, f);
	fclose(f);
	return buf;
}

static int64_t local_time(int y, int mon, int d, int h)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mon - 1, .tm_mday = d, .tm_hour = h, .tm_isdst = -1};
	return (int64_t)mktime(&tm);
}

static void every_metric_is_there(void **state)
{
	(void)state;
	Metrics m = {.kiosk = "desk-1", .version = "0.1.0", .revision = "abc123", .start_time = 100,
		     .load_time = 200, .load_ok = true, .load_errors = 0, .sound = false, .last_input = 300,
		     .errors_total = 4};
	char *t = format(&m, 1000);
	assert_non_null(strstr(t, "kiosk_info{kiosk=\"desk-1\",version=\"0.1.0\",revision=\"abc123\"} 1\n"));
	assert_non_null(strstr(t, "kiosk_start_time_seconds{kiosk=\"desk-1\"} 100\n"));
	assert_non_null(strstr(t, "kiosk_content_load_timestamp_seconds{kiosk=\"desk-1\"} 200\n"));
	assert_non_null(strstr(t, "kiosk_content_load_ok{kiosk=\"desk-1\"} 1\n"));
	assert_non_null(strstr(t, "kiosk_content_errors{kiosk=\"desk-1\"} 0\n"));
	assert_non_null(strstr(t, "kiosk_sound_device_present{kiosk=\"desk-1\"} 0\n"));
	assert_non_null(strstr(t, "kiosk_last_input_timestamp_seconds{kiosk=\"desk-1\"} 300\n"));
	assert_non_null(strstr(t, "kiosk_visits_today{kiosk=\"desk-1\"} 0\n"));
	assert_non_null(strstr(t, "# TYPE kiosk_errors_total counter\nkiosk_errors_total{kiosk=\"desk-1\"} 4\n"));
	/* every sample line has its HELP and TYPE */
	int samples = 0, types = 0, helps = 0;
	for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "# HELP ", 7) == 0)
			helps++;
		else if (strncmp(line, "# TYPE ", 7) == 0)
			types++;
		else
			samples++;
	}
	assert_int_equal(samples, 9);
	assert_int_equal(types, 9);
	assert_int_equal(helps, 9);
	free(t);
}

static void labels_are_escaped(void **state)
{
	(void)state;
	Metrics m = {.kiosk = "a\"b\\c", .version = "1", .revision = "x\ny"};
	char *t = format(&m, 0);
	assert_non_null(strstr(t, "kiosk=\"a\\\"b\\\\c\""));
	assert_non_null(strstr(t, "revision=\"x\\ny\""));
	free(t);
}

static void visits_start_again_each_day(void **state)
{
	(void)state;
	Metrics m = {0};
	int64_t morning = local_time(2026, 11, 30, 9), evening = local_time(2026, 11, 30, 21);
	int64_t next = local_time(2026, 12, 1, 8);
	metrics_visit(&m, morning);
	metrics_visit(&m, evening);
	assert_int_equal(metrics_visits_on(&m, evening), 2);
	assert_int_equal(metrics_visits_on(&m, next), 0); /* nobody yet today */
	metrics_visit(&m, next);
	assert_int_equal(metrics_visits_on(&m, next), 1);
}

static void written_atomically(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/test_metrics.XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char *path = path_join(dir, "kiosk.prom"), *tmp = path_join(dir, "kiosk.prom.tmp");
	Metrics m = {.kiosk = "k", .version = "1", .revision = "none", .load_ok = true};
	assert_true(metrics_write(&m, 0, path));
	m.load_ok = false;
	m.load_errors = 3;
	assert_true(metrics_write(&m, 0, path));
	char *text = util_read_file(path, NULL);
	assert_non_null(strstr(text, "kiosk_content_load_ok{kiosk=\"k\"} 0\n"));
	assert_non_null(strstr(text, "kiosk_content_errors{kiosk=\"k\"} 3\n"));
	assert_int_equal(access(tmp, F_OK), -1);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	char *bad = path_join(dir, "missing/kiosk.prom");
	assert_false(metrics_write(&m, 0, bad));
	unlink(path);
	rmdir(dir);
	free(bad);
	free(text);
	free(path);
	free(tmp);
}

static void revision_comes_from_beside_the_content(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/test_metrics.XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char *content = path_join(dir, "content"), *rev = path_join(dir, "REVISION");
	assert_int_equal(mkdir(content, 0755), 0);
	char out[64];
	metrics_read_revision(content, out, sizeof(out));
	assert_string_equal(out, "none");
	FILE *f = fopen(rev, "w");
	fputs("4f2a9c01bd33\n", f);
	fclose(f);
	metrics_read_revision(content, out, sizeof(out));
	assert_string_equal(out, "4f2a9c01bd33");
	unlink(rev);
	rmdir(content);
	rmdir(dir);
	free(content);
	free(rev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_metric_is_there),
	    cmocka_unit_test(labels_are_escaped),
	    cmocka_unit_test(visits_start_again_each_day),
	    cmocka_unit_test(written_atomically),
	    cmocka_unit_test(revision_comes_from_beside_the_content),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
