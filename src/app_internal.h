/* app_internal: the running kiosk's state (App), shared by app.c (the window and main loop)
 * and tools.c (the headless modes: --screenshot, --speak, --check), so both show, speak and
 * check exactly the same pages the same way. Not a public interface: include app.h. */
#ifndef APP_INTERNAL_H
#define APP_INTERNAL_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "content.h"
#include "glossary.h"
#include "helpcall.h"
#include "input.h"
#include "layout.h"
#include "narrate.h"
#include "nav.h"
#include "recording.h"
#include "render.h"
#include "scan.h"
#include "service.h"
#include "session.h"
#include "speech.h"
#include "tts.h"
#include "usage.h"
#include "watch.h"
#include "words.h"

enum {
	ICON_HOME,
	ICON_BACK,
	ICON_NEXT,
	ICON_LISTEN,
	ICON_SETTINGS,
	ICON_STOP,
	ICON_PAUSE,
	ICON_RESUME,
	ICON_AGAIN,
	ICON_LANGUAGE,
	ICON_COUNT
};

/* What fills the screen: a content page, or one of the kiosk's own screens. */
typedef enum {
	MODE_PAGE,
	MODE_ATTRACT,
	MODE_WARNING,
	MODE_SETTINGS,
	MODE_PIN,
	MODE_STAFF,
	MODE_LANGUAGE,
	MODE_POPUP, /* a hard word's explanation */
	MODE_SHARE, /* Take this page home: the QR code, Print (share.c) */
	MODE_HELP,  /* Call someone to help me (share.c) */
	MODE_DWELL_OFFER, /* walk-up: "choose by keeping the pointer still?" */
} AppMode;


typedef struct {
	AppOptions opt;
	Content *content;
	ContentLanguage *lang;
	Settings settings;      /* the visitor's settings: start as the site's, reset after each visitor */
	Nav nav;
	SDL_Window *window;
	SDL_Renderer *sdl;
	SDL_Surface *surface;   /* screenshot mode draws here */
	Render *render;
	int w, h;
	ContentPage *page;      /* borrowed from content, or &fallback_page */
	ContentPage fallback_page;
	ContentPage translated_fallback; /* a page missing in the visitor's language */
	Words default_words;      /* the default language's words (for "This page is in English") */
	ContentPage screen_page;  /* the kiosk's own screen being shown (screens.c) */
	AppMode mode;
	AppMode before_overlay;   /* where the warning, pad or menu returns to */
	int overlay_screen;       /* screen index on a kiosk screen with several (settings) */
	Settings site_settings;   /* kiosk.ini + --set: what every reset goes back to */
	Session session;
	bool swallow_release;     /* the session took a press: ignore its release too */
	char pin_message[64];
	UsageLog *usage;
	Watch *watch;             /* content/ and images/ changed on disk: an SDL event */
	Service *service;         /* systemd notify and watchdog, metrics, sound hot-plug */
	uint64_t clock_jump;      /* the monkey test moves the kiosk's clock forward */
	int monkey_quiet;         /* batches with no input still to come */
	bool monkey_measure;      /* measure memory after the next frame */
	long monkey_rss_1000;
	int monkey_w, monkey_h;
	unsigned long resets;     /* visits ended by the idle timeout */
	Uint32 reload_event;
	bool reload_pending;      /* new content waits for a safe moment */
	uint64_t session_started_s;
	uint64_t screen_since_ms; /* for page_view's time on screen */
	char viewing_page[128];   /* the page and screen being looked at, for page_view */
	int viewing_screen;
	LayoutPage *layout;
	RenderState st;
	Tts *tts;               /* NULL in screenshot mode */
	Speech *speech;
	Pronounce pronounce;    /* the current language's pronounce.txt */
	Words words;            /* the current language's button words (words.txt) */
	Glossary *glossary;     /* the current language's hard words, or NULL */
	ContentPage glossary_page; /* the "Hard words" page made from it */
	bool glossary_page_built;
	int focus_id;           /* keyboard focus: a box index; -1 none */
	char lang_names[SETTINGS_MAX_LANGS][WORDS_MAX]; /* each language's own name */
	bool speaking;          /* a reading plays: the Listen button shows "Stop" */
	bool speech_is_reading; /* what speech plays is a reading (Listen, a row, Again), not a
				 * scan label, hint or setting's word: only a reading changes the bar */
	bool paused;            /* the Pause button shows "Go on" */
	bool again_shown;       /* the Again button is on (a row was read on this page) */
	bool reading_all;       /* the speech is the whole screen (Listen), not one row */
	bool resume;            /* the idle warning cut a reading short: "carry on" resumes it */
	bool resume_all;        /* ... a whole-screen reading (else one row) */
	int resume_box;         /* ... from this box of the screen */
	int last_read_row;      /* row index read last, for "say again"; -1 none */
	char *icons[ICON_COUNT];
	Input *input;
	ScanState scan;
	ScanItem scan_items[SCAN_MAX_ITEMS];
	char scan_labels[SCAN_MAX_ITEMS][160]; /* a row's first words, a button's, "What does this mean: X?" */
	bool scan_wait_speech;  /* tell the scanner when the current speech ends */
	DwellState dwell;       /* dwell selection and its walk-up offer (dwell.h) */
	bool dwell_wake;        /* attract, warning: the pointer moved since they showed */
	int pointer_x, pointer_y; /* where the pointer last really moved (beyond tremor) */
	int switch1_run;        /* switch 1 presses in a row with no switch 2 (2-switch mode) */
	int last_activated;     /* box activated last and when: double presses are ignored */
	uint64_t last_activated_ms;
	size_t diags_logged;
	/* Take it home, print, call a person (share.c) */
	ContentPage share_page;   /* the page shown with its kiosk buttons first */
	char qr_url[512];         /* the address the code on screen points at */
	char qr_svg[512];         /* that code as an SVG file (in a cache folder) */
	int qr_modules;           /* its size, 0: no code */
	int qr_module_px;         /* drawn module size on the current screen */
	const char *share_status; /* borrowed from words: printing / printer problem, or NULL */
	HelpCall *help;           /* NULL: no [help] webhook */
	Uint32 help_event;        /* the help call's answer came (posted by its thread) */
	struct PrintJob *print_job; /* a page being drawn and sent on its own thread, or NULL */
	Uint32 print_event;       /* that job is over (posted by its thread) */
	char degraded_logged[160]; /* the last layout degradation logged (LayoutPage.degraded) */
	bool dirty, running;
	unsigned long frames;
	Uint64 start_ticks;
} App;

/* Opens content, language, words, glossary, icons and pronunciations (both modes). */
bool app_open_content(App *app);
/* Frees everything the App holds and shuts SDL down. */
void app_close(App *app);
/* The fonts folder: --fonts, else fonts next to the content folder, else ./fonts. Caller frees. */
char *default_font_dir(const AppOptions *opt);
/* The page `name` of the current language (or the generated Hard words page, or the default
 * language's page with a note); false when there is none. */
bool page_ok(App *app, const char *name, ContentPage **out);
/* Lays the current page out again for the current size, settings and state. */
void relayout(App *app);
/* Shows one of the kiosk's own screens (attract, Settings, Language...), as a visitor would. */
void app_show_mode(App *app, AppMode mode);
void switch_language(App *app, ContentLanguage *lang);
NarrationOptions narration_options(const App *app);
/* share.c: Take it home (QR code, Print) and the help call. */
void share_open(App *app);  /* after the content and settings are open */
void share_close(App *app); /* after the layout is gone */
/* The page to show for p: p itself, or app->share_page (p with its kiosk buttons first). */
ContentPage *share_with_buttons(App *app, ContentPage *p);
/* The Take it home screen for the page being read, in app->screen_page (and its code). */
void share_take_home(App *app);
LayoutPage *share_layout(App *app, const LayoutParams *params);
/* Prints the page being read on a thread of its own; sets app->share_status to "printing". */
void share_print(App *app);
/* A share event (the help call's answer, a print job's end)? Then true, with *say set to
 * the words to say (or NULL) once the screen is shown again. */
bool share_event(App *app, const SDL_Event *e, const char **say);
/* A press on Call someone to help me (starts the call unless one started within a minute),
 * and the help screen for the call's state, in app->screen_page. */
void share_help_press(App *app);
void share_help_screen(App *app);

/* The recording of each part of n, a narration of screen s of the page on show (one entry per
 * part, zeroed where there is none), for speech_say_recorded. app_recordings.c. */
RecordingRef *app_recording_refs(const App *app, const LayoutScreen *s, const Narration *n);
/* Logs the content diagnostics found since the last call. */
void log_new_diags(App *app);

#endif
