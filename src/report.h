/* report: `kiosk --report FILE`: the usage figures (usage.h) summed up for the council in
 * plain words, and a chart of page views per day as an SVG file. Core module: no SDL.
 *
 * Visits are rebuilt from the order of each kiosk's events: a session_start opens one, a
 * session_end closes it; events outside any session open one (the start line was lost),
 * and a start without an end (a power cut) is closed by the next start. A "page view" is
 * arriving at a page: page_view events for further screens of the same page in the same
 * visit add their time but not another view. Days are local calendar days (TZ). */
#ifndef REPORT_H
#define REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "usage.h"

typedef struct {
	char day[11]; /* YYYY-MM-DD */
	int sessions; /* visits that started that day */
	int page_views;
} ReportDay;

typedef struct {
	char *page;        /* "lang/page", e.g. "en/rights.md" */
	int views;         /* page views (arrivals) */
	long long seconds; /* time on all its screens */
	int stops;         /* visits whose last page this was */
	int qr_views, prints, help_calls; /* taken away from it; calls for a person from it */
} ReportPage;

typedef struct {
	ReportDay *days; /* every day from the first to the last event, in order, gaps too */
	size_t day_count;
	ReportPage *pages; /* sorted: most views first (then most time, then name) */
	size_t page_count;
	int sessions;
	int with_speech; /* visits with a listen or replay */
	int with_switch; /* visits with input method "switch" */
	int idle_resets; /* session_end with reason "idle" */
	int warnings;    /* idle_warning events */
	int warnings_answered;
	int timed_sessions; /* visits with a session_end carrying "s" */
	long long session_seconds;
	int page_views;
	int qr_views, prints, prints_failed, help_calls;
} ReportStats;

/* Sums up the events; free with report_stats_free. */
void report_analyse(const UsageEvents *evs, ReportStats *st);
void report_stats_free(ReportStats *st);

/* The summary as plain text. Returns 0, or -1 when out could not be written. */
int report_print(const UsageEvents *evs, FILE *out);
/* A bar chart of page views per day, one bar per day (days without views too), with a
 * <title>, a <desc>, a title per bar and text labels. Logs and returns false on failure. */
bool report_write_svg(const UsageEvents *evs, const char *path);
/* What `kiosk --report FILE` does: reads usage_file, prints the summary
 * to out, writes the chart when svg_out is not NULL. Returns the process exit code:
 * 0, or 1 when the file cannot be read or an output cannot be written. */
int report_main(const char *usage_file, const char *svg_out, FILE *out);
/* The same for several files and folders (kiosk --report A B DIR): a folder gives every
 * usage file in it, rotated ones too (usage.jsonl.1, .2 ...). The events are merged into
 * one time line; visits are rebuilt per kiosk (the lines' "kiosk" id, else per file, a
 * file's rotations counting as that file), so interleaved kiosks are counted right. */
int report_main_files(const char *const *paths, size_t count, const char *svg_out, FILE *out);

#endif
