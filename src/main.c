/* main: reads the command line and starts one of the kiosk's modes. Everything else lives
 * in app.c (the window and main loop) and the core modules it calls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "export.h"
#include "report.h"
#include "settings.h"
#include "site.h"
#include "util.h"

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: kiosk [OPTIONS] [CONTENT_DIR]\n"
		"Shows the easy-read pages in CONTENT_DIR full-screen. Without it: the site settings'\n"
		"[kiosk] content; on an installed kiosk " SITE_STATE_DIR "/content (synced), else\n"
		"PREFIX/share/kiosk/content (shipped); run from a source tree, ./content.\n"
		"\n"
		"Options:\n"
		"  --windowed           run in a normal window (closing it quits) instead of full-screen\n"
		"  --size WxH           screen size in pixels (default: the display's size;\n"
		"                       with --screenshot 1920x1080; with --windowed 1280x800)\n"
		"  --lang CODE          language to show, e.g. en (default: kiosk.ini default_language)\n"
		"  --screenshot DIR     draw every screen of every page to DIR/<lang>-<page>-<n>.png\n"
		"                       without a display, print one line per file, then exit\n"
		"  --ready-file PATH    after each frame is shown, write what is on screen to PATH\n"
		"                       (for tests and benchmarks: wait on it, never sleep)\n"
		"  --speak PAGE[:N]     write what Listen says for screen N (default 1) of PAGE\n"
		"                       (e.g. home.md:2) without a display or sound card, with:\n"
		"  --wav OUT.wav        the speech as a 22050 Hz mono WAV file\n"
		"  --timeline OUT.tsv   one line per word: start ms, end ms, row, byte offset, word\n"
		"  --check [DIR]        check the content folder like an editor would: errors and\n"
		"                       easy-read warnings as file:line:col lines; exit 1 on errors\n"
		"  --format=json        with --check: print JSON for tools\n"
		"  --export-html DIR    write the whole content as accessible HTML pages to DIR\n"
		"  --report FILE...     summarise the usage figures in FILE (JSON Lines); more files\n"
		"                       and folders may follow (every usage.jsonl* in a folder, rotated\n"
		"                       ones too): merged, visits counted per kiosk\n"
		"  --chart OUT.svg      with --report: also draw page views per day as SVG\n"
		"  --set S.KEY=VALUE    override one kiosk.ini setting, e.g. --set scan.mode=step\n"
		"  --time-scale N       run the kiosk's timers N times faster (for tests)\n"
		"  --monkey N           monkey test: feed N random events, then exit (--seed S)\n"
		"  --software           draw with the software renderer (no GPU)\n"
		"  --fonts DIR          folder with the fonts (default: fonts next to CONTENT_DIR)\n"
		"  --site FILE          site settings read over the content's kiosk.ini (installed\n"
		"                       kiosk: " SITE_CONFIG_FILE "; --site none: no file). A kiosk\n"
		"                       with site settings will not close without a staff PIN\n"
		"  --set-pin            read a staff PIN from the keyboard (or stdin) and store it as a\n"
		"                       salted hash in the site settings ([session] pin_hash)\n"
		"  --get S.KEY          print one site setting (display.rotation, kiosk.id,\n"
		"                       kiosk.content, audio.device, sync.source, sync.branch)\n"
		"  --version            print the version and exit\n"
		"  --help               print this help and exit\n"
		"\n"
		"Keys: Tab/arrows move, Enter/Space press, Escape/Backspace back, Home home,\n"
		"Page Up/Down previous/next screen. Staff: Ctrl+Alt+Q quits.\n");
}

static bool parse_size(const char *s, int *w, int *h)
{
	char x;
	return sscanf(s, "%d%c%d", w, &x, h) == 3 && (x == 'x' || x == 'X') && *w >= 64 &&
	       *h >= 64 && *w <= 16384 && *h <= 16384;
}

/* --get: one site setting, for the unit's launcher script (cage -r for the rotation). */
static int print_setting(const Settings *s, const char *key)
{
	if (strcmp(key, "display.rotation") == 0)
		printf("%d\n", s->rotation);
	else if (strcmp(key, "kiosk.id") == 0)
		printf("%s\n", s->kiosk_id);
	else if (strcmp(key, "kiosk.content") == 0)
		printf("%s\n", s->content_dir);
	else if (strcmp(key, "audio.device") == 0)
		printf("%s\n", s->audio_device);
	else if (strcmp(key, "sync.source") == 0)
		printf("%s\n", s->sync_source);
	else if (strcmp(key, "sync.branch") == 0)
		printf("%s\n", s->sync_branch);
	else {
		log_error("--get knows display.rotation, kiosk.id, kiosk.content, audio.device, sync.source "
			  "and sync.branch, not '%s'",
			  key);
		return 2;
	}
	return 0;
}

static int run(const AppOptions *o, const char *const *reports, size_t report_count, const char *chart,
	       const char *export_dir,
	       bool check, bool json);

int main(int argc, char **argv)
{
	AppOptions opt = {.content_dir = "content"};
	const char *sets[32];
	const char *export_dir = NULL, *chart = NULL;
	const char *reports[64]; /* --report FILE, then more files and folders */
	size_t report_count = 0;
	bool report = false;
	bool check = false, json = false, set_pin = false, content_given = false;
	const char *site = NULL, *get = NULL;
	opt.sets = sets;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "--version") == 0) {
			printf("kiosk %s\n", KIOSK_VERSION);
			return 0;
		} else if (strcmp(a, "--windowed") == 0) {
			opt.windowed = true;
		} else if (strcmp(a, "--software") == 0) {
			opt.software = true;
		} else if ((strcmp(a, "--size") == 0 || strcmp(a, "--lang") == 0 ||
			    strcmp(a, "--screenshot") == 0 || strcmp(a, "--ready-file") == 0 ||
			    strcmp(a, "--fonts") == 0 || strcmp(a, "--speak") == 0 ||
			    strcmp(a, "--wav") == 0 || strcmp(a, "--timeline") == 0 ||
			    strcmp(a, "--export-html") == 0 || strcmp(a, "--report") == 0 ||
			    strcmp(a, "--chart") == 0 || strcmp(a, "--set") == 0 ||
			    strcmp(a, "--time-scale") == 0 || strcmp(a, "--monkey") == 0 ||
			    strcmp(a, "--seed") == 0 || strcmp(a, "--site") == 0 ||
			    strcmp(a, "--get") == 0) && !next) {
			log_error("%s needs a value (see kiosk --help)", a);
			return 2;
		} else if (strcmp(a, "--size") == 0) {
			if (!parse_size(next, &opt.width, &opt.height)) {
				log_error("--size wants WIDTHxHEIGHT in pixels, like 1920x1080, not '%s'", next);
				return 2;
			}
			i++;
		} else if (strcmp(a, "--lang") == 0) {
			opt.lang = argv[++i];
		} else if (strcmp(a, "--screenshot") == 0) {
			opt.screenshot_dir = argv[++i];
		} else if (strcmp(a, "--ready-file") == 0) {
			opt.ready_file = argv[++i];
		} else if (strcmp(a, "--fonts") == 0) {
			opt.font_dir = argv[++i];
		} else if (strcmp(a, "--time-scale") == 0) {
			opt.time_scale = atoi(argv[++i]);
			if (opt.time_scale < 1 || opt.time_scale > 1000) {
				log_error("--time-scale wants a whole number from 1 to 1000");
				return 2;
			}
		} else if (strcmp(a, "--monkey") == 0) {
			opt.monkey = atol(argv[++i]);
			if (opt.monkey < 1) {
				log_error("--monkey wants a number of events");
				return 2;
			}
		} else if (strcmp(a, "--seed") == 0) {
			opt.monkey_seed = strtoul(argv[++i], NULL, 10);
		} else if (strcmp(a, "--site") == 0) {
			site = argv[++i];
		} else if (strcmp(a, "--get") == 0) {
			get = argv[++i];
		} else if (strcmp(a, "--set-pin") == 0) {
			set_pin = true;
		} else if (strcmp(a, "--check") == 0) {
			check = true;
		} else if (strcmp(a, "--format=json") == 0) {
			json = true;
		} else if (strcmp(a, "--export-html") == 0) {
			export_dir = argv[++i];
		} else if (strcmp(a, "--report") == 0) {
			report = true;
			reports[report_count++] = argv[++i];
		} else if (strcmp(a, "--chart") == 0) {
			chart = argv[++i];
		} else if (strcmp(a, "--set") == 0) {
			if (opt.set_count == (int)(sizeof(sets) / sizeof(sets[0]))) {
				log_error("too many --set options");
				return 2;
			}
			sets[opt.set_count++] = argv[++i];
		} else if (strcmp(a, "--speak") == 0) {
			opt.speak = argv[++i];
		} else if (strcmp(a, "--wav") == 0) {
			opt.wav = argv[++i];
		} else if (strcmp(a, "--timeline") == 0) {
			opt.timeline = argv[++i];
		} else if (a[0] == '-') {
			log_error("unknown option %s (see kiosk --help)", a);
			return 2;
		} else if (report && report_count < sizeof(reports) / sizeof(reports[0])) {
			reports[report_count++] = a; /* kiosk --report a.jsonl b.jsonl folder/ */
		} else {
			opt.content_dir = a;
			content_given = true;
		}
	}
	/* An installed kiosk (PREFIX/bin/kiosk with PREFIX/share/kiosk) reads the site file. */
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	char *data_dir = site_data_dir(exe);
	opt.data_dir = data_dir;
	if (!site)
		site = data_dir ? SITE_CONFIG_FILE : NULL;
	else if (strcmp(site, "none") == 0)
		site = NULL;
	opt.site_file = site;
	if (set_pin) {
		int rc = site_set_pin_main(site ? site : SITE_CONFIG_FILE, stdin);
		free(data_dir);
		return rc;
	}
	Settings site_settings;
	settings_defaults(&site_settings);
	DiagList scratch = {0};
	if (site)
		settings_load(&site_settings, site, &scratch);
	diag_clear(&scratch);
	char *content_dir = NULL;
	if (!content_given) {
		/* KIOSK_STATE_DIR: the same override kiosk-sync takes (tests, a second kiosk) */
		const char *state = getenv("KIOSK_STATE_DIR");
		content_dir = site_content_dir(site_settings.content_dir, data_dir, state && state[0] ? state : SITE_STATE_DIR);
		opt.content_dir = content_dir;
	}
	int rc = get ? print_setting(&site_settings, get) : run(&opt, report ? reports : NULL, report_count, chart, export_dir, check, json);
	free(content_dir);
	free(data_dir);
	return rc;
}

static int run(const AppOptions *o, const char *const *reports, size_t report_count, const char *chart,
	       const char *export_dir,
	       bool check, bool json)
{
	AppOptions opt = *o;
	if (reports)
		return report_main_files(reports, report_count, chart, stdout);
	if (check)
		return app_check(&opt, json);
	if (export_dir)
		return export_html(opt.content_dir, export_dir, stderr);
	if (opt.screenshot_dir)
		return app_screenshots(&opt);
	if (opt.speak)
		return app_speak(&opt);
	return app_run(&opt);
}
