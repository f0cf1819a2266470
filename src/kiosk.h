/* kiosk: the visit, as a state machine with no window. It owns what a visitor does: the mode
 * (a page, the attract screen, "Are you still there?", Settings, the PIN pad, the staff menu,
 * the language screen, a hard word's pop-up), navigation, the session and its idle timers,
 * switch scanning, keyboard focus, the speech buttons' state and the layout of the screen
 * being shown.
 *
 * One entry point, kiosk_handle, takes an event (a press, a key, a switch, a tick of the
 * clock, what speech reports) and the time, changes the state, and queues effects for the
 * host to carry out afterwards: say this, stop speech, use these speech settings, read the
 * content again, quit. The host (app.c with SDL and eSpeak, or a test) drains the effects
 * after each call, so nothing re-enters the controller while it works.
 *
 * The host also injects how text is measured (layout) and owns the usage log. Core module:
 * no SDL, no eSpeak; tests/test_kiosk.c drives whole visits with a fake clock and measure.
 * Start reading at kiosk_handle. */
#ifndef KIOSK_H
#define KIOSK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "content.h"
#include "dwell.h"
#include "glossary.h"
#include "layout.h"
#include "narrate.h"
#include "recording.h"
#include "nav.h"
#include "scan.h"
#include "session.h"
#include "settings.h"
#include "usage.h"
#include "words.h"

/* ---- events ------------------------------------------------------------------------- */

typedef enum {
	KEY_FOCUS_NEXT,
	KEY_FOCUS_PREV,
	KEY_ACTIVATE,
	KEY_BACK,
	KEY_HOME,
	KEY_SCREEN_NEXT,
	KEY_SCREEN_PREV,
	KEY_LISTEN,
	KEY_PAUSE,
	KEY_AGAIN,
	KEY_STAFF,  /* Ctrl+Alt+Q */
	/* The PIN pad's own keys (the host sends them while the pad is shown). */
	KEY_PIN_DIGIT,  /* 0-9, in InputEvent.digit */
	KEY_PIN_DELETE, /* Backspace */
	KEY_PIN_OK,     /* Enter */
	KEY_PIN_CANCEL, /* Escape */
} KeyAction;

typedef enum {
	IN_NONE,
	IN_POINTER_DOWN, /* x, y; touch says finger or mouse */
	IN_POINTER_UP,   /* x, y; cancelled when the touch was too short */
	IN_KEY,          /* key: one of KeyAction */
	IN_SWITCH,       /* sw 1 or 2, down or up */
	IN_QUIT,         /* the window manager asked to close */
	IN_RESIZED,      /* w, h: the new size in pixels */
	IN_REDRAW,       /* exposed, or the renderer lost its textures */
	IN_RENDER_RESET,
	IN_TICK,         /* the clock moved on: idle timers, the scanner */
	IN_SPEECH,       /* what speech is doing now: speech_* fields */
	IN_CONTENT_CHANGED, /* the content folder changed on disk */
	IN_POINTER_MOVE, /* x, y: a mouse (or head mouse, eye tracker) moved; never a touch */
	IN_POINTER_GONE, /* the pointer left the window */
	IN_HELP_ANSWER,  /* the help call's state changed: help_state */
} InputType;

typedef struct {
	InputType type;
	int x, y;
	bool touch;
	bool cancelled;
	KeyAction key;
	int digit;
	int sw;
	bool down;
	int w, h;             /* IN_RESIZED */
	bool speech_active;   /* IN_SPEECH */
	bool speech_paused;
	int speech_box;       /* the box being read, -1 none */
	size_t speech_offset, speech_len; /* the word being heard (len 0: none) */
	int help_state;       /* IN_HELP_ANSWER: a HelpState */
	uint64_t ms;          /* the kiosk's clock */
} InputEvent;

/* ---- effects ------------------------------------------------------------------------ */

typedef enum {
	FX_SAY,             /* narration: owned by the effect until drained (kiosk_effects_clear) */
	FX_STOP_SPEECH,
	FX_PAUSE_SPEECH,    /* flag: paused or going on */
	FX_SPEECH_SETTINGS, /* voice, rate and volume from kiosk->settings and the language */
	FX_CLEAR_CACHE,     /* the text size, theme or window size changed */
	FX_KEYBOARD_MODE,   /* flag: Space and Enter act on the focus instead of as switches */
	FX_RELOAD,          /* read the content folder again (kiosk_reload with the result) */
	FX_QUIT,            /* staff closed the kiosk (or the window, when windowed) */
	FX_PRINT,           /* print the page being read, off the loop (then kiosk_print_done) */
	FX_HELP_CALL,       /* call someone to help (the host's help call; answers: IN_HELP_ANSWER) */
	FX_VISIT_STARTED,   /* a visitor started a visit (health metrics) */
	FX_PREFETCH,        /* recordings of the screen to decode ahead: recordings, count */
} EffectType;

typedef struct {
	EffectType type;
	Narration *narration;     /* FX_SAY */
	RecordingRef *recordings; /* FX_SAY: one per part of the narration (recording.h); FX_PREFETCH */
	size_t count;             /* FX_PREFETCH: how many recordings */
	bool flag;
} Effect;

#define KIOSK_MAX_EFFECTS 32

typedef struct {
	Effect items[KIOSK_MAX_EFFECTS];
	size_t count;
} Effects;

/* ---- actions: what a press on a box does ------------------------------------------------ */

/* KioskAction (action.h): what a press on one of the kiosk's own buttons does. */

/* ---- the controller ---------------------------------------------------------------------- */

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
	MODE_COUNT
} KioskMode;

extern const char *const kiosk_mode_names[MODE_COUNT];

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
	ICON_HELP,
	ICON_COUNT
};

/* What is lit on the screen besides the boxes themselves (the renderer draws it). Indices
 * are into the current screen's boxes; -1 means none. */
typedef struct {
	int pressed_box;     /* finger or mouse is down on it */
	int focus_box;       /* keyboard or switch focus: thick ring */
	int reading_box;     /* the row being read aloud: tinted band */
	size_t word_offset;  /* in reading_box: the word being spoken (byte offset, len 0 = none) */
	size_t word_len;
	bool show_focus;     /* draw the focus ring (not for touch) */
	bool focus_on_rect;  /* ring around focus_rect instead of a box (a scanned group) */
	LayoutRect focus_rect;
	/* Access: switch scanning fills the lit box (or the boxes of a lit group) and doubles
	 * its ring; dwell draws a ring that fills as the pointer rests; a notice is a message
	 * across the middle of the screen ("Press your switch to go on"). */
	bool scan_fill;
	LayoutRect dwell_ring;     /* where the dwell ring goes (w == 0: none) */
	double dwell_progress;     /* 0..1 */
	const char *notice;        /* borrowed; NULL: none */
	bool notice_rtl;
} RenderState;

void render_state_init(RenderState *st);


/* What the host gives the controller. */
typedef struct {
	LayoutMeasureFn measure; /* text widths for layout */
	void *measure_ctx;
	/* The smallest body text for the panel (EN 301 549 5.1.4), or NULL for none. */
	int (*min_body_px)(void *ctx, int screen_w, double panel_mm, double distance_mm);
	/* Called with measure_ctx and the text scale before each layout: the fonts size each
	 * script for it (render_fit_scripts). NULL: nothing to do */
	void (*fit_scripts)(void *ctx, double text_scale);
	UsageLog *usage;         /* borrowed; NULL: no usage figures */
	bool windowed;           /* a window manager's close request closes the kiosk */
	const char *site_file;   /* the site's own kiosk.ini (installed kiosks), or NULL */
	bool help_call;          /* the host can call someone to help ([help] webhook) */
} KioskHost;

typedef struct {
	KioskHost host;
	const char *content_dir; /* borrowed */
	const char *const *sets; /* borrowed: --set overrides, applied after every kiosk.ini read */
	int set_count;
	Content *content;        /* owned */
	ContentLanguage *lang;
	Settings settings;       /* the visitor's: start as the site's, reset after each visitor */
	Settings site_settings;  /* kiosk.ini + --set: what every reset goes back to */
	Nav nav;
	int w, h;
	ContentPage *page;       /* borrowed from content, or one of the pages below */
	ContentPage fallback_page;
	ContentPage translated_fallback; /* a page missing in the visitor's language */
	ContentPage screen_page; /* the kiosk's own screen being shown (screens.c) */
	Words words;             /* the current language's button words (words.txt) */
	Words default_words;     /* the default language's words (for "This page is in English") */
	char lang_names[SETTINGS_MAX_LANGS][WORDS_MAX]; /* each language's own name */
	Pronounce pronounce;     /* the current language's pronounce.txt */
	Glossary *glossary;      /* the current language's hard words, or NULL */
	ContentPage glossary_page; /* the "Hard words" page made from it */
	bool glossary_page_built;
	char *icons[ICON_COUNT];
	KioskMode mode;
	KioskMode before_overlay; /* where the warning, pad or menu returns to */
	int overlay_screen;      /* screen index on a kiosk screen with several (Settings) */
	LayoutPage *layout;
	RenderState st;
	int focus_id;            /* keyboard focus: a box index; -1 none */
	Session session;
	bool swallow_release;    /* the session took a press: ignore its release too */
	char pin_message[64];
	bool has_speech;         /* the host can speak (kiosk_speech_ready) */
	bool voice_active;       /* speech is playing (queued or reported by the host) */
	bool reading;            /* ... and it reads the screen or a row (not a label or hint) */
	bool voice_paused;
	bool speaking;           /* the Listen button shows "Stop" */
	bool paused;             /* the Pause button shows "Go on" */
	bool reading_all;        /* the speech is the whole screen (Listen), not one row */
	bool resume;             /* the idle warning cut a reading short: "carry on" resumes it */
	bool resume_all;         /* ... a whole-screen reading (else one row) */
	int resume_box;          /* ... from this box of the screen */
	int last_read_row;       /* row index read last, for "say again"; -1 none */
	bool keyboard_mode;
	ScanState scan;
	ScanItem scan_items[SCAN_MAX_ITEMS];
	char scan_labels[SCAN_MAX_ITEMS][160]; /* a row's first words, a button's, "What does this mean: X?" */
	bool scan_wait_speech;   /* tell the scanner when the current speech ends */
	DwellState dwell;        /* dwell selection and its walk-up offer (dwell.h) */
	bool dwell_wake;         /* attract, warning: the pointer moved since they showed */
	int pointer_x, pointer_y; /* where the pointer last really moved (beyond tremor) */
	/* Take it home, print, call a person (share.c) */
	ContentPage share_page;  /* the page shown with its kiosk buttons first */
	char qr_url[512];        /* the address the code on screen points at */
	char qr_svg[512];        /* that code as an SVG file (in a cache folder) */
	int qr_modules;          /* its size, 0: no code */
	int qr_module_px;        /* drawn module size on the current screen */
	const char *share_status; /* borrowed from words: printing / printer problem, or NULL */
	bool printing;           /* a page is being printed (FX_PRINT until kiosk_print_done) */
	int help_state;          /* the help call's HelpState */
	int last_activated;      /* box activated last and when: double presses are ignored */
	uint64_t last_activated_ms;
	uint64_t now;            /* the time of the event being handled */
	uint64_t session_started_s;
	uint64_t screen_since_ms; /* for page_view's time on screen */
	char viewing_page[128];  /* the page and screen being looked at, for page_view */
	int viewing_screen;
	bool reload_pending;     /* new content waits for a safe moment */
	bool visits_started;     /* kiosk_start ran: a kiosk for visitors, not a tool */
	char degraded_logged[256]; /* the last layout degradation logged (LayoutPage.degraded) */
	int switch1_run;         /* switch 1 presses in a row with no switch 2 (2-switch mode) */
	unsigned long resets;    /* visits ended by the idle timeout */
	size_t diags_logged;
	bool dirty;              /* something changed on screen since the host last drew */
	Effects fx;
} Kiosk;

/* Opens the content folder and settings (sets: "section.key=value" overrides, the same checks
 * as kiosk.ini), the language (NULL: the default), words, glossary, icons and pronunciations.
 * Nothing is laid out yet, so the host may fill in host->measure_ctx (its fonts) before
 * kiosk_start or kiosk_show_page. Returns NULL with a log line when the content cannot be
 * opened. Free with kiosk_destroy. */
Kiosk *kiosk_create(const char *content_dir, const char *const *sets, int set_count, const char *lang,
		    const KioskHost *host, int w, int h, uint64_t now);
void kiosk_destroy(Kiosk *k); /* NULL is a no-op */

/* Starts the visit's state: the attract screen (or home when the site has none), the session
 * and scanning. */
void kiosk_start(Kiosk *k, uint64_t now);

/* The one entry point: an event at time ev->ms. Effects are queued in k->fx. */
void kiosk_handle(Kiosk *k, const InputEvent *ev);

/* The host's speech works (after start-up): Listen appears, and a page read on opening is. */
void kiosk_speech_ready(Kiosk *k, uint64_t now);

/* Switches to content the host read again after FX_RELOAD (NULL: the folder cannot be read
 * now; the content shown stays). Takes ownership of fresh. */
void kiosk_reload(Kiosk *k, Content *fresh, uint64_t now);

/* The end of a visit by staff or a stop signal: writes what is open to the usage log. */
void kiosk_end_visit(Kiosk *k, const char *reason);

/* What is on screen, as lines of key=value (the ready file tests and benchmarks wait on):
 * the page and screen, mode, settings, scanning and dwell, and every target with its role,
 * place and link. frame: the host's frame counter. */
void kiosk_describe(const Kiosk *k, unsigned long frame, FILE *f);

/* When the next timer is due (idle, countdown, scanner), or UINT64_MAX for none. */
uint64_t kiosk_next_deadline(const Kiosk *k, uint64_t now);

/* The host printed the page (FX_PRINT): say how it went. */
void kiosk_print_done(Kiosk *k, bool ok, uint64_t now);
/* Shows one of the kiosk's own screens, as a visitor would meet it (tools: screenshots). */
void kiosk_show_mode(Kiosk *k, KioskMode mode);
/* Shows the current page's Take it home screen (tools: its screenshot). */
void kiosk_show_share(Kiosk *k);
/* The page being read, as a page (for the printed handout), or NULL. */
ContentPage *kiosk_reading_page(Kiosk *k);

/* The recording of each part of n, a narration of screen s of the page on show (one entry per
 * part, zeroed where there is none; caller frees, or hands it to speech_say_recorded). */
RecordingRef *kiosk_recording_refs(const Kiosk *k, const LayoutScreen *s, const Narration *n);
/* Frees an FX_SAY (or FX_PREFETCH) effect's narration and recordings (a host that does not
 * play them). */
void effect_free_say(Effect *e);

/* Frees the narrations of undrained effects and empties the list. */
void kiosk_effects_clear(Kiosk *k);

/* The screen being shown. */
const LayoutScreen *kiosk_screen(const Kiosk *k);

/* Shows page `name` of the current language (tools: screenshots, --speak); false when it
 * cannot be shown. */
bool kiosk_show_page(Kiosk *k, const char *name);
/* Shows screen i of the current page (tools). */
void kiosk_show_screen(Kiosk *k, int i);
/* Switches the visitor's language (tools, the language screen). */
void kiosk_switch_language(Kiosk *k, ContentLanguage *lang);
/* How the current language's rows are read. */
NarrationOptions kiosk_narration_options(const Kiosk *k);
/* Logs the content diagnostics found since the last call. */
void kiosk_log_new_diags(Kiosk *k);

#endif
