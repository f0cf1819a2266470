/* metrics: formats the Metrics struct in Prometheus's text format and writes it the way the
 * textfile collector wants: to a temporary file, then renamed over the old one, so the
 * collector never reads half a file. Start at metrics_format. */
#include "metrics.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static int local_day(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm))
		return 0;
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

void metrics_visit(Metrics *m, int64_t t)
{
	int day = local_day(t);
	if (day != m->visit_day) {
		m->visit_day = day;
		m->visits_today = 0;
	}
	m->visits_today++;
}

int metrics_visits_on(const Metrics *m, int64_t t)
{
	return local_day(t) == m->visit_day ? m->visits_today : 0;
}

/* A label value: backslash, double quote and newline escaped, as the format says. */
static void label(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			fprintf(out, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", out);
		else
			fputc(*s, out);
	}
}

static void metric(FILE *out, const Metrics *m, const char *name, const char *type, const char *help,
		   long long value)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s %s\n%s{kiosk=\"", name, help, name, type, name);
	label(out, m->kiosk);
	fprintf(out, "\"} %lld\n", value);
}

void metrics_format(const Metrics *m, int64_t now, FILE *out)
{
	fputs("# HELP kiosk_info The kiosk's program version and content revision.\n"
	      "# TYPE kiosk_info gauge\nkiosk_info{kiosk=\"",
	      out);
	label(out, m->kiosk);
	fputs("\",version=\"", out);
	label(out, m->version);
	fputs("\",revision=\"", out);
	label(out, m->revision);
	fputs("\"} 1\n", out);
	metric(out, m, "kiosk_start_time_seconds", "gauge", "When the kiosk program started (Unix time).",
	       m->start_time);
	metric(out, m, "kiosk_content_load_timestamp_seconds", "gauge",
	       "When the content was last loaded, at start or by a live reload (Unix time).", m->load_time);
	metric(out, m, "kiosk_content_load_ok", "gauge", "1 if the last content load had no errors.",
	       m->load_ok ? 1 : 0);
	metric(out, m, "kiosk_content_errors", "gauge", "Errors found in the last content load.", m->load_errors);
	metric(out, m, "kiosk_sound_device_present", "gauge", "1 if speech plays on a real sound device.",
	       m->sound ? 1 : 0);
	metric(out, m, "kiosk_last_input_timestamp_seconds", "gauge",
	       "A visitor's last touch, key or switch press (Unix time; 0: none since start).", m->last_input);
	metric(out, m, "kiosk_visits_today", "gauge", "Visits started since local midnight.",
	       metrics_visits_on(m, now));
	metric(out, m, "kiosk_errors_total", "counter", "Error lines the kiosk logged since it started.",
	       (long long)m->errors_total);
}

bool metrics_write(const Metrics *m, int64_t now, const char *path)
{
	char *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	bool ok = f != NULL;
	if (f) {
		metrics_format(m, now, f);
		ok = fflush(f) == 0 && !ferror(f) && fchmod(fileno(f), 0644) == 0;
		ok = fclose(f) == 0 && ok;
		ok = ok && rename(tmp, path) == 0;
	}
	if (!ok) {
		log_warn("cannot write the metrics file %s: %s", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

void metrics_read_revision(const char *content_dir, char *out, size_t size)
{
	char *path = path_join(content_dir, "../REVISION");
	char *text = util_read_file(path, NULL);
	free(path);
	size_t n = text ? strcspn(text, "\r\n") : 0;
	if (n == 0 || n >= size)
		snprintf(out, size, "none");
	else
		snprintf(out, size, "%.*s", (int)n, text);
	free(text);
}
