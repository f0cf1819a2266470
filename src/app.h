/* app: the running kiosk. Owns the window, the content, the current layout and the main
 * loop; turns input into navigation. Also the headless screenshot mode authors and tests
 * use. Edge module. Start reading at app_run. */
#ifndef APP_H
#define APP_H

#include <stdbool.h>

#define KIOSK_VERSION "0.1.0" /* keep equal to debian/changelog */

typedef struct {
	const char *content_dir;    /* default "content" */
	const char *font_dir;       /* NULL: content_dir/../fonts, else data_dir/fonts */
	const char *site_file;      /* site settings read over kiosk.ini; NULL: none (site.h) */
	const char *data_dir;       /* an installed kiosk's PREFIX/share/kiosk, or NULL */
	const char *lang;           /* NULL: the content's default language */
	const char *screenshot_dir; /* --screenshot DIR */
	const char *ready_file;     /* rewritten after every presented frame */
	const char *speak;          /* --speak PAGE[:SCREEN] */
	const char *wav;            /* --wav OUT.wav */
	const char *timeline;       /* --timeline OUT.tsv */
	const char **sets;          /* --set section.key=value, applied over kiosk.ini */
	int set_count;
	int time_scale;             /* --time-scale N: timers run N times faster (tests) */
	long monkey;                /* --monkey N: take N random events, then exit */
	unsigned long monkey_seed;
	bool windowed;
	bool software;              /* force the software renderer */
	int width, height;          /* 0: the display's size (windowed: 1280x800) */
} AppOptions;

/* Runs the kiosk until staff quit it. Returns the process exit code. */
int app_run(const AppOptions *opt);
/* Renders every screen of every page to opt->screenshot_dir/<lang>-<page>-<n>.png, printing
 * one line per file. Needs no display. Returns the process exit code. */
int app_screenshots(const AppOptions *opt);

/* Synthesises what Listen says for one screen (opt->speak = "page.md:2") to opt->wav and
 * opt->timeline (start ms, end ms, row, byte offset, word). Needs no display or sound card. */
int app_speak(const AppOptions *opt);

/* The fonts folder: --fonts, else fonts next to the content folder, else ./fonts. Caller frees. */
char *default_font_dir(const AppOptions *opt);

/* --check: the content checker with the real fonts, pictures and voices. */
int app_check(const AppOptions *opt, bool json);

#endif
