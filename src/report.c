/* report: turns the usage file into the few numbers a council plans with: visits per day,
 * the pages people read, where they stop, and how many visits needed speech or a switch.
 * Start reading at report_analyse, which rebuilds visits from the event order (see
 * report.h); report_print and report_write_svg only format its ReportStats. The chart is
 * written by hand as plain SVG: dark blue bars and black text on white (both well over
 * 7:1), a <title> and <desc> for screen readers, and the numbers as text, not only bars. */
#include "report.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

/* Longest date range filled in day by day; beyond it (a hand-edited or broken clock
 * time) only days with events are listed, so one bad line cannot make a 50-year chart. */
#define MAX_FILLED_DAYS 3700

static void day_of(long long t, char out[11])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		snprintf(out, 11, "0000-00-00");
}

/* One kiosk's visit in progress: events of several kiosks merged in time order interleave,
 * so each kiosk (its "kiosk" id, else the file it came from) has its own. */
typedef struct {
	char key[80];
	bool open;
	bool speech, sw;
	int last_page; /* index into pages, -1: none yet */
	int prev_view; /* the page of the previous page_view in this visit */
} Visit;

typedef struct {
	ReportStats *st;
	size_t page_cap, day_cap;
	Visit *visits;
	size_t visit_count, visit_cap;
} Walk;

static Visit *visit_for(Walk *w, const UsageEvent *e)
{
	char key[80];
	const char *kiosk = usage_event_str(e, "kiosk");
	if (kiosk && kiosk[0])
		snprintf(key, sizeof(key), "k:%s", kiosk);
	else
		snprintf(key, sizeof(key), "#%d", e->source);
	for (size_t i = 0; i < w->visit_count; i++)
		if (strcmp(w->visits[i].key, key) == 0)
			return &w->visits[i];
	if (w->visit_count == w->visit_cap) {
		w->visit_cap = w->visit_cap ? w->visit_cap * 2 : 8;
		w->visits = xrealloc(w->visits, w->visit_cap * sizeof(*w->visits));
	}
	Visit *v = &w->visits[w->visit_count++];
	memset(v, 0, sizeof(*v));
	memcpy(v->key, key, sizeof(key));
	v->last_page = v->prev_view = -1;
	return v;
}

static int page_index(Walk *w, const char *lang, const char *page)
{
	char *key = xasprintf("%s/%s", lang ? lang : "?", page);
	ReportStats *st = w->st;
	for (size_t i = 0; i < st->page_count; i++)
		if (strcmp(st->pages[i].page, key) == 0) {
			free(key);
			return (int)i;
		}
	if (st->page_count == w->page_cap) {
		w->page_cap = w->page_cap ? w->page_cap * 2 : 32;
		st->pages = xrealloc(st->pages, w->page_cap * sizeof(*st->pages));
	}
	st->pages[st->page_count] = (ReportPage){.page = key};
	return (int)st->page_count++;
}

static ReportDay *day_entry(Walk *w, long long t)
{
	char d[11];
	day_of(t, d);
	ReportStats *st = w->st;
	/* Events come in time order, so the day is nearly always the last one. */
	for (size_t i = st->day_count; i-- > 0;)
		if (strcmp(st->days[i].day, d) == 0)
			return &st->days[i];
	if (st->day_count == w->day_cap) {
		w->day_cap = w->day_cap ? w->day_cap * 2 : 32;
		st->days = xrealloc(st->days, w->day_cap * sizeof(*st->days));
	}
	ReportDay *day = &st->days[st->day_count++];
	memset(day, 0, sizeof(*day));
	memcpy(day->day, d, sizeof(day->day));
	return day;
}

static void close_visit(Walk *w, Visit *v)
{
	if (!v->open)
		return;
	if (v->speech)
		w->st->with_speech++;
	if (v->sw)
		w->st->with_switch++;
	if (v->last_page >= 0)
		w->st->pages[v->last_page].stops++;
	v->open = false;
}

static void open_visit(Walk *w, Visit *v, long long t)
{
	close_visit(w, v);
	v->open = true;
	v->speech = v->sw = false;
	v->last_page = v->prev_view = -1;
	w->st->sessions++;
	day_entry(w, t)->sessions++;
}

static int cmp_day(const void *a, const void *b)
{
	return strcmp(((const ReportDay *)a)->day, ((const ReportDay *)b)->day);
}

static int cmp_page(const void *a, const void *b)
{
	const ReportPage *x = a, *y = b;
	if (x->views != y->views)
		return x->views > y->views ? -1 : 1;
	if (x->seconds != y->seconds)
		return x->seconds > y->seconds ? -1 : 1;
	return strcmp(x->page, y->page);
}

/* Adds the days without events between the first and the last, so the chart's gaps show. */
static void fill_gaps(ReportStats *st)
{
	if (st->day_count < 2)
		return;
	struct tm tm = {0};
	if (sscanf(st->days[0].day, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12; /* noon: a daylight-saving change never moves it to another day */
	tm.tm_isdst = -1;
	const char *last = st->days[st->day_count - 1].day;
	ReportDay *all = xmalloc(MAX_FILLED_DAYS * sizeof(*all));
	size_t n = 0, j = 0;
	for (; n < MAX_FILLED_DAYS; n++) {
		time_t t = mktime(&tm);
		char d[11];
		day_of((long long)t, d);
		if (j < st->day_count && strcmp(st->days[j].day, d) == 0)
			all[n] = st->days[j++];
		else
			all[n] = (ReportDay){.sessions = 0};
		memcpy(all[n].day, d, sizeof(d));
		if (strcmp(d, last) >= 0)
			break;
		tm.tm_mday++;
		tm.tm_hour = 12;
		tm.tm_isdst = -1;
	}
	if (n == MAX_FILLED_DAYS || j != st->day_count) {
		free(all); /* too long a range, or a date that does not convert back: keep as is */
		return;
	}
	free(st->days);
	st->days = all;
	st->day_count = n + 1;
}

void report_analyse(const UsageEvents *evs, ReportStats *st)
{
	memset(st, 0, sizeof(*st));
	Walk w = {.st = st};
	for (size_t i = 0; i < evs->count; i++) {
		const UsageEvent *e = &evs->ev[i];
		const char *type = e->type;
		Visit *v = visit_for(&w, e);
		if (strcmp(type, "session_start") == 0) {
			open_visit(&w, v, e->t);
			continue;
		}
		if (strcmp(type, "session_end") == 0) {
			const char *reason = usage_event_str(e, "reason");
			long long s;
			if (reason && strcmp(reason, "idle") == 0)
				st->idle_resets++;
			if (v->open && usage_event_int(e, "s", &s) && s >= 0) {
				st->timed_sessions++;
				st->session_seconds += s;
			}
			close_visit(&w, v);
			continue;
		}
		if (strcmp(type, "idle_warning") == 0) {
			long long c = 0;
			st->warnings++;
			if (usage_event_int(e, "continued", &c) && c)
				st->warnings_answered++;
			continue;
		}
		if (!v->open)
			open_visit(&w, v, e->t);
		if (strcmp(type, "page_view") == 0) {
			const char *page = usage_event_str(e, "page");
			long long s = 0;
			if (!page)
				continue;
			int p = page_index(&w, usage_event_str(e, "lang"), page);
			if (p != v->prev_view) {
				st->pages[p].views++;
				st->page_views++;
				day_entry(&w, e->t)->page_views++;
			}
			if (usage_event_int(e, "s", &s) && s > 0)
				st->pages[p].seconds += s;
			v->prev_view = p;
			v->last_page = p;
		} else if (strcmp(type, "listen") == 0 || strcmp(type, "replay") == 0) {
			v->speech = true;
		} else if (strcmp(type, "qr_view") == 0 || strcmp(type, "print") == 0 ||
			   strcmp(type, "help_call") == 0) {
			const char *page = usage_event_str(e, "page");
			if (!page)
				continue;
			int pi = page_index(&w, usage_event_str(e, "lang"), page); /* may move st->pages */
			ReportPage *rp = &st->pages[pi];
			long long ok = 1;
			if (type[0] == 'q') {
				rp->qr_views++;
				st->qr_views++;
			} else if (type[0] == 'h') {
				rp->help_calls++;
				st->help_calls++;
			} else if (usage_event_int(e, "ok", &ok) && !ok) {
				st->prints_failed++;
			} else {
				rp->prints++;
				st->prints++;
			}
		} else if (strcmp(type, "input") == 0) {
			const char *m = usage_event_str(e, "method");
			if (m && strcmp(m, "switch") == 0)
				v->sw = true;
		}
	}
	for (size_t i = 0; i < w.visit_count; i++)
		close_visit(&w, &w.visits[i]);
	free(w.visits);
	if (st->day_count > 1)
		qsort(st->days, st->day_count, sizeof(*st->days), cmp_day);
	fill_gaps(st);
	if (st->page_count > 1)
		qsort(st->pages, st->page_count, sizeof(*st->pages), cmp_page);
}

void report_stats_free(ReportStats *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->page_count; i++)
		free(st->pages[i].page);
	free(st->pages);
	free(st->days);
	memset(st, 0, sizeof(*st));
}

/* "45 s", "3 min 20 s", "2 h 5 min": how long, in words a reader takes in at a glance. */
static void duration(long long s, char *out, size_t size)
{
	if (s < 60)
		snprintf(out, size, "%lld s", s);
	else if (s < 3600 && s % 60 == 0)
		snprintf(out, size, "%lld min", s / 60);
	else if (s < 3600)
		snprintf(out, size, "%lld min %lld s", s / 60, s % 60);
	else
		snprintf(out, size, "%lld h %lld min", s / 3600, s % 3600 / 60);
}

static int percent(int part, int whole)
{
	return whole > 0 ? (int)((200LL * part + whole) / (2LL * whole)) : 0;
}

static const char *plural(long long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

#define TOP_N 10

int report_print(const UsageEvents *evs, FILE *out)
{
	ReportStats st;
	report_analyse(evs, &st);
	char tbuf[48];
	if (st.day_count == 0) {
		fprintf(out, "No visits recorded yet.\n");
	} else {
		fprintf(out, "From %s to %s: %d %s.\n\n", st.days[0].day,
		        st.days[st.day_count - 1].day, st.sessions,
		        plural(st.sessions, "visit", "visits"));
		fprintf(out, "Visits per day\n");
		fprintf(out, "  %-10s  %8s  %10s\n", "Day", "Visits", "Page views");
		int quiet = 0;
		for (size_t i = 0; i < st.day_count; i++) {
			const ReportDay *d = &st.days[i];
			if (d->sessions == 0 && d->page_views == 0) {
				quiet++;
				continue;
			}
			fprintf(out, "  %-10s  %8d  %10d\n", d->day, d->sessions, d->page_views);
		}
		fprintf(out, "  %-10s  %8d  %10d\n", "Total", st.sessions, st.page_views);
		if (quiet)
			fprintf(out, "  Days with no visits: %d\n", quiet);
	}
	if (st.page_count > 0) {
		fprintf(out, "\nMost read pages (page views, time on the page)\n");
		for (size_t i = 0; i < st.page_count && i < TOP_N; i++) {
			duration(st.pages[i].seconds, tbuf, sizeof(tbuf));
			fprintf(out, "  %2zu. %-32s %5d %-5s  %s\n", i + 1, st.pages[i].page,
			        st.pages[i].views, plural(st.pages[i].views, "view", "views"),
			        tbuf);
		}
		/* Stops in their own order, without disturbing the views order in st. */
		const ReportPage **by_stop = xmalloc(st.page_count * sizeof(*by_stop));
		size_t n = 0;
		for (size_t i = 0; i < st.page_count; i++)
			if (st.pages[i].stops > 0)
				by_stop[n++] = &st.pages[i];
		for (size_t i = 1; i < n; i++) /* insertion sort: stable, few pages */
			for (size_t j = i; j > 0 && by_stop[j]->stops > by_stop[j - 1]->stops;
			     j--) {
				const ReportPage *tmp = by_stop[j];
				by_stop[j] = by_stop[j - 1];
				by_stop[j - 1] = tmp;
			}
		fprintf(out, "\nWhere people stop (the last page of a visit)\n");
		for (size_t i = 0; i < n && i < TOP_N; i++)
			fprintf(out, "  %2zu. %-32s %5d %s\n", i + 1, by_stop[i]->page,
			        by_stop[i]->stops, plural(by_stop[i]->stops, "visit", "visits"));
		free(by_stop);
	}
	if (st.sessions > 0) {
		fprintf(out, "\nSpeech (Listen) used in %d of %d visits (%d%%).\n", st.with_speech,
		        st.sessions, percent(st.with_speech, st.sessions));
		fprintf(out, "A switch used in %d of %d visits (%d%%).\n", st.with_switch,
		        st.sessions, percent(st.with_switch, st.sessions));
	}
	fprintf(out, "Idle resets: %d. \"Are you still there?\" shown %d %s, answered %d %s.\n",
	        st.idle_resets, st.warnings, plural(st.warnings, "time", "times"),
	        st.warnings_answered, plural(st.warnings_answered, "time", "times"));
	if (st.timed_sessions > 0) {
		duration(st.session_seconds / st.timed_sessions, tbuf, sizeof(tbuf));
		fprintf(out, "Average visit: %s.\n", tbuf);
	}
	if (st.qr_views + st.prints + st.prints_failed + st.help_calls > 0) {
		/* what visitors took home, and where they called for a person, per language and page */
		fprintf(out, "\nTaken home: QR code shown %d %s, %d %s printed (%d could not be). "
			     "Calls for a person: %d.\n",
			st.qr_views, plural(st.qr_views, "time", "times"), st.prints, plural(st.prints, "page", "pages"),
			st.prints_failed, st.help_calls);
		fprintf(out, "  %-36s %8s %8s %8s\n", "Page", "QR code", "Printed", "Calls");
		for (size_t i = 0; i < st.page_count; i++) {
			const ReportPage *p = &st.pages[i];
			if (p->qr_views + p->prints + p->help_calls > 0)
				fprintf(out, "  %-36s %8d %8d %8d\n", p->page, p->qr_views, p->prints, p->help_calls);
		}
	}
	report_stats_free(&st);
	return ferror(out) ? -1 : 0;
}

/* A round top for the value axis: 1, 2 or 5 times a power of ten. */
static int nice_max(int v)
{
	int step = 1;
	for (;;) {
		if (v <= step)
			return step;
		if (v <= 2 * step)
			return 2 * step;
		if (v <= 5 * step)
			return 5 * step;
		if (step > 100000000)
			return v;
		step *= 10;
	}
}

bool report_write_svg(const UsageEvents *evs, const char *path)
{
	ReportStats st;
	report_analyse(evs, &st);
	FILE *f = fopen(path, "w");
	if (!f) {
		log_error("cannot write the chart %s: %s", path, strerror(errno));
		report_stats_free(&st);
		return false;
	}
	const size_t n = st.day_count;
	const bool wide = n > 31; /* a month shows every date; longer, a label a week */
	const int bar_w = wide ? 10 : 32, gap = wide ? 3 : 12;
	const int left = 70, right = 20, top = 70, plot_h = 300, bottom = 100;
	int width = left + (int)n * (bar_w + gap) + right;
	if (width < 480)
		width = 480;
	const int height = top + plot_h + bottom;
	int max = 1;
	for (size_t i = 0; i < n; i++)
		if (st.days[i].page_views > max)
			max = st.days[i].page_views;
	max = nice_max(max);

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f,
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	        "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" "
	        "font-family=\"sans-serif\" font-size=\"14\">\n",
	        width, height, width, height);
	fprintf(f, "<title id=\"chart-title\">Page views per day</title>\n");
	if (n > 0)
		fprintf(f,
		        "<desc id=\"chart-desc\">Bar chart: page views on the easy-read kiosk each "
		        "day from %s to %s, %d in all, %d visits.</desc>\n",
		        st.days[0].day, st.days[n - 1].day, st.page_views, st.sessions);
	else
		fprintf(f, "<desc id=\"chart-desc\">No page views recorded yet.</desc>\n");
	fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n");
	fprintf(f,
	        "<text x=\"%d\" y=\"32\" font-size=\"20\" font-weight=\"bold\" "
	        "fill=\"#000000\">Page views per day</text>\n",
	        left);
	/* Value axis: grid lines at whole numbers (10 gets 0 2 4 6 8 10, 2 gets 0 1 2). */
	int steps = max % 5 == 0 ? 5 : max % 4 == 0 ? 4 : max % 2 == 0 ? 2 : 1;
	for (int k = 0; k <= steps; k++) {
		int v = max / steps * k;
		int y = top + plot_h - plot_h * k / steps;
		fprintf(f,
		        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#767676\" "
		        "stroke-width=\"1\"/>\n",
		        left, y, width - right, y);
		fprintf(f,
		        "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#000000\">%d</text>\n",
		        left - 8, y + 5, v);
	}
	fprintf(f, "<g fill=\"#1f4e79\">\n");
	for (size_t i = 0; i < n; i++) {
		const ReportDay *d = &st.days[i];
		int h = (int)((long long)plot_h * d->page_views / max);
		int x = left + gap / 2 + (int)i * (bar_w + gap);
		int y = top + plot_h - h;
		fprintf(f,
		        "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\">"
		        "<title>%s: %d page %s</title></rect>\n",
		        x, y, bar_w, h, d->day, d->page_views,
		        plural(d->page_views, "view", "views"));
		if (!wide)
			fprintf(f,
			        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			        "fill=\"#000000\">%d</text>\n",
			        x + bar_w / 2, y - 6, d->page_views);
		if (!wide || i % 7 == 0)
			fprintf(f,
			        "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#000000\" "
			        "transform=\"rotate(-45 %d %d)\">%s</text>\n",
			        x + bar_w / 2, top + plot_h + 18, x + bar_w / 2, top + plot_h + 18,
			        d->day);
	}
	fprintf(f, "</g>\n</svg>\n");
	report_stats_free(&st);
	bool ok = !ferror(f);
	if (fclose(f) != 0)
		ok = false;
	if (!ok)
		log_error("cannot write the chart %s", path);
	return ok;
}

/* A file's name before logrotate renamed it, and how many rotations old it is:
 * "usage.jsonl.3" -> "usage.jsonl", 3; "usage.jsonl" -> itself, 0. */
static char *rotation_stem(const char *path, int *age)
{
	char *stem = xstrdup(path);
	*age = 0;
	char *dot = strrchr(stem, '.');
	if (dot && dot[1] && strspn(dot + 1, "0123456789") == strlen(dot + 1) && dot > stem) {
		*age = atoi(dot + 1);
		*dot = '\0';
	}
	return stem;
}

typedef struct {
	char *path;
	char *stem;
	int age;
} UsageFile;

static int cmp_file(const void *a, const void *b)
{
	const UsageFile *x = a, *y = b;
	int c = strcmp(x->stem, y->stem);
	if (c)
		return c;
	return y->age - x->age; /* the oldest rotation first: events in time order */
}

static void add_file(UsageFile **files, size_t *n, size_t *cap, const char *path)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*files = xrealloc(*files, *cap * sizeof(**files));
	}
	UsageFile *f = &(*files)[(*n)++];
	f->path = xstrdup(path);
	f->stem = rotation_stem(path, &f->age);
}

/* A folder: every usage file in it, rotated ones too (names with ".jsonl" in them). */
static bool add_folder(UsageFile **files, size_t *n, size_t *cap, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		log_error("cannot read the folder %s: %s", dir, strerror(errno));
		return false;
	}
	size_t before = *n;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.' || !strstr(e->d_name, ".jsonl"))
			continue;
		char *path = path_join(dir, e->d_name);
		if (path_is_file(path))
			add_file(files, n, cap, path);
		free(path);
	}
	closedir(d);
	if (*n == before)
		log_warn("no usage files (*.jsonl, *.jsonl.1, ...) in %s", dir);
	return true;
}

typedef struct {
	UsageEvent ev;
	size_t seq;
} Ordered;

static int cmp_ordered(const void *a, const void *b)
{
	const Ordered *x = a, *y = b;
	if (x->ev.t != y->ev.t)
		return x->ev.t < y->ev.t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int report_main_files(const char *const *paths, size_t count, const char *svg_out, FILE *out)
{
	UsageFile *files = NULL;
	size_t n = 0, cap = 0;
	int rc = 1;
	UsageEvents evs = {0};
	size_t skipped = 0;
	for (size_t i = 0; i < count; i++) {
		if (path_is_dir(paths[i])) {
			if (!add_folder(&files, &n, &cap, paths[i]))
				goto out;
		} else {
			add_file(&files, &n, &cap, paths[i]);
		}
	}
	if (n > 1)
		qsort(files, n, sizeof(*files), cmp_file);
	/* Each file (with its rotations) is one source: a kiosk's visits stay its own even
	 * when its lines carry no kiosk id. */
	int source = -1;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(files[i].stem, files[i - 1].stem) != 0)
			source++;
		size_t from = evs.count, bad = 0;
		if (!usage_read(files[i].path, &evs, &bad))
			goto out;
		skipped += bad;
		for (size_t j = from; j < evs.count; j++)
			evs.ev[j].source = source;
	}
	/* One time line for all kiosks; equal times keep their file order. */
	if (evs.count > 1) {
		Ordered *o = xmalloc(evs.count * sizeof(*o));
		for (size_t i = 0; i < evs.count; i++)
			o[i] = (Ordered){.ev = evs.ev[i], .seq = i};
		qsort(o, evs.count, sizeof(*o), cmp_ordered);
		for (size_t i = 0; i < evs.count; i++)
			evs.ev[i] = o[i].ev;
		free(o);
	}
	fprintf(out, "Usage report for ");
	for (size_t i = 0; i < count; i++)
		fprintf(out, "%s%s", i ? ", " : "", paths[i]);
	if (n != count || n > 1)
		fprintf(out, " (%zu %s)", n, plural((long long)n, "file", "files"));
	fprintf(out, "\n%zu %s read", evs.count, plural((long long)evs.count, "event", "events"));
	if (skipped)
		fprintf(out, ", %zu damaged %s skipped", skipped,
		        plural((long long)skipped, "line", "lines"));
	fprintf(out, ".\n");
	rc = report_print(&evs, out) == 0 ? 0 : 1;
	if (svg_out) {
		if (report_write_svg(&evs, svg_out))
			fprintf(out, "\nChart of page views per day written to %s.\n", svg_out);
		else
			rc = 1;
	}
	if (fflush(out) != 0)
		rc = 1;
out:
	usage_events_free(&evs);
	for (size_t i = 0; i < n; i++) {
		free(files[i].path);
		free(files[i].stem);
	}
	free(files);
	return rc;
}

int report_main(const char *usage_file, const char *svg_out, FILE *out)
{
	return report_main_files(&usage_file, 1, svg_out, out);
}
