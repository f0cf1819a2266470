/* app: the kiosk's main loop and everything that needs a window.
 *
 * The loop is boring on purpose: wait for an event, turn it into an action (open a page,
 * Back, Next, Home, move focus), and redraw only when something changed. An idle kiosk sits
 * in SDL_WaitEvent and uses no CPU. Layout and content are core modules; this file only
 * glues them to SDL. Screenshot mode shares the same page/layout/render path, so what
 * authors preview is exactly what visitors see. Start reading at app_run. */
#include "app.h"

#include <SDL.h>
#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "app_internal.h"
#include "content.h"
#include "layout.h"
#include "bidi.h"
#include "check.h"
#include "contact.h"
#include "glossary.h"
#include "input.h"
#include "monkey.h"
#include "narrate.h"
#include "nav.h"
#include "render.h"
#include "scan.h"
#include "screens.h"
#include "session.h"
#include "speech.h"
#include "stopsig.h"
#include "usage.h"
#include "watch.h"
#include "words.h"
#include "theme.h"
#include "tts.h"
#include "util.h"

/* How often the loop wakes while speech plays, to move the word highlight: 30 ms keeps the
 * lit word within a frame or two of the voice and costs nothing when nobody listens. */
#define SPEECH_TICK_MS 30

/* The App struct and what tools.c shares: app_internal.h. */

static const char *const mode_names[] = {"page",  "attract",  "warning", "settings",
					 "pin",	  "staff",    "language", "popup", "share", "help", "dwell-offer"};

static const char *const icon_files[ICON_COUNT] = {
	"home.svg", "back.svg", "next.svg",   "listen.svg", "settings.svg",
	"stop.svg", "pause.svg", "resume.svg", "again.svg", "language.svg",
};

/* Content diagnostics go to the log as they are found (pages load lazily). */
void log_new_diags(App *app)
{
	DiagList *d = &app->content->diags;
	if (app->diags_logged < d->count) {
		for (size_t i = app->diags_logged; i < d->count; i++) {
			char *line = diag_format(&d->items[i]);
			fprintf(stderr, "kiosk: content: %s\n", line);
			free(line);
		}
		app->diags_logged = d->count;
	}
}

static void load_icons(App *app)
{
	for (int i = 0; i < ICON_COUNT; i++) {
		char *ui = path_join(app->content->images_dir, "ui");
		char *path = path_join(ui, icon_files[i]);
		free(ui);
		if (path_is_file(path)) {
			app->icons[i] = path;
		} else {
			log_warn("icon %s is missing: the button shows its word only", path);
			free(path);
		}
	}
}

/* A page built in memory when the one asked for cannot be shown: the visitor gets a clear
 * sentence and working Home/Back buttons instead of a crash or a blank screen. */
static ContentPage *missing_page(App *app, const char *name)
{
	screens_missing(&app->fallback_page, name, &app->words, app->content->images_dir);
	return &app->fallback_page;
}

bool page_ok(App *app, const char *name, ContentPage **out)
{
	ContentPage *p = content_page(app->content, app->lang, name);
	if (!p && app->glossary_page_built && strcmp(name, GLOSSARY_PAGE_NAME) == 0)
		p = &app->glossary_page; /* "Hard words" is made from glossary.md */
	ContentLanguage *def = content_language(app->content, app->settings.default_language);
	if (!p && def && def != app->lang) {
		/* Not translated yet: the default language's page, with a note saying so. */
		ContentPage *d = content_page(app->content, def, name);
		if (d) {
			char note[160];
			snprintf(note, sizeof(note), "%s", app->default_words.in_default);
			screens_page_with_note(&app->translated_fallback, d, note, app->content->images_dir);
			log_info("page %s is not in %s: showing it in %s", name, app->lang->code, def->code);
			p = &app->translated_fallback;
		}
	}
	log_new_diags(app);
	*out = p;
	return p != NULL;
}

/* Lays the current page out again. keep_state: only labels changed (Listen <-> Stop), so
 * focus and highlight stay where they are. */
static const LayoutScreen *current_screen(const App *app);
static void open_popup(App *app, const char *word);

static void dwell_refresh(App *app, bool new_screen);

/* LayoutParams.hard_word: the glossary's word for a bold run, so layout makes the hard
 * words boxes of the screen (drawn, tapped, scanned and listed from one list). */
static const char *glossary_word(void *ctx, const char *text, size_t len)
{
	const App *app = ctx;
	const GlossaryEntry *e = glossary_find_n(app->glossary, text, len);
	return e ? e->word : NULL;
}

static void relayout_keep(App *app, bool keep_state)
{
	layout_page_destroy(app->layout);
	bool page = app->mode == MODE_PAGE || app->mode == MODE_SETTINGS || app->mode == MODE_LANGUAGE ||
		    app->mode == MODE_SHARE || app->mode == MODE_HELP ||
		    app->mode == MODE_POPUP; /* a pop-up: Back and Home close it */
	LayoutParams p = {
		.screen_w = app->w,
		.screen_h = app->h,
		.text_scale = settings_text_scale(app->settings.text_size),
		.measure = render_measure,
		.measure_ctx = app->render,
		.icon_home = app->icons[ICON_HOME],
		.icon_back = app->icons[ICON_BACK],
		.icon_next = app->icons[ICON_NEXT],
		.icon_listen = app->icons[app->speaking ? ICON_STOP : ICON_LISTEN],
		.icon_settings = app->icons[ICON_SETTINGS],
		.label_listen = app->speaking ? app->words.stop : app->words.listen,
		.label_listen_alt = app->speaking ? app->words.listen : app->words.stop,
		.label_pause_alt = app->paused ? app->words.pause : app->words.go_on,
		.label_home = app->words.home,
		.label_back = app->words.back,
		.label_next = app->words.next,
		.label_settings = app->words.settings,
		.label_language = app->words.language,
		.page_of_format = app->words.page_of,
		.icon_language = app->icons[ICON_LANGUAGE],
		/* a hard word's pop-up keeps the page's bar: Settings and Language do not vanish */
		.show_language = (app->mode == MODE_PAGE || app->mode == MODE_POPUP) && app->content->lang_count > 1,
		.rtl = lang_is_rtl(app->lang->code),
		.min_body_px = render_min_body_px(app->render, app->w, app->settings.panel_width_mm,
						  app->settings.viewing_distance_mm),
		/* The kiosk's own screens keep only what makes sense there. */
		.show_listen = app->settings.speech && app->mode != MODE_PIN && app->mode != MODE_STAFF &&
			       app->mode != MODE_ATTRACT,
		.show_settings = app->mode == MODE_PAGE || app->mode == MODE_POPUP,
		.icon_pause = app->icons[app->paused ? ICON_RESUME : ICON_PAUSE],
		.label_pause = app->paused ? app->words.go_on : app->words.pause,
		.show_pause = app->speaking,
		.icon_again = app->icons[ICON_AGAIN],
		.label_again = app->words.again,
		/* Again has its own slot (nothing moves when it shows), but it is a target only
		 * once a row was read: an extra step in every scan round would cost switch users */
		.show_again = app->speech != NULL && app->last_read_row >= 0 && page,
		.can_go_back = page && (nav_can_go_back(&app->nav) || app->mode != MODE_PAGE),
		.is_home = !page || (nav_is_home(&app->nav) && app->mode == MODE_PAGE),
	};
	/* hard words on pages, but not on the Hard words page, where every row explains one */
	if (app->glossary && app->mode == MODE_PAGE && app->page != &app->glossary_page) {
		p.hard_word = glossary_word;
		p.hard_word_ctx = app;
	}
	if (app->mode == MODE_PIN)
		app->layout = screens_pin_pad(&p, app->pin_message);
	else if (app->mode == MODE_SHARE)
		app->layout = share_layout(app, &p);
	else
		app->layout = layout_page(app->page, &p);
	if (app->layout->degraded[0] && strcmp(app->layout->degraded, app->degraded_logged) != 0) {
		/* once per screen size and text size, not once per page */
		log_info("layout: %s", app->layout->degraded);
		snprintf(app->degraded_logged, sizeof(app->degraded_logged), "%s", app->layout->degraded);
	}
	if (app->mode == MODE_PAGE)
		nav_clamp(&app->nav, (int)app->layout->screen_count);
	if (!keep_state)
		render_state_init(&app->st);
	app->dirty = true;
	dwell_refresh(app, !keep_state);
}

void relayout(App *app)
{
	relayout_keep(app, false);
}

/* Shows the page the nav says we are on (loading it if needed). */
static void show_current(App *app)
{
	app->mode = MODE_PAGE;
	ContentPage *p;
	if (!page_ok(app, app->nav.current.page, &p)) {
		log_error("page %s cannot be shown, showing an apology page instead", app->nav.current.page);
		p = missing_page(app, app->nav.current.page);
	}
	p = share_with_buttons(app, p); /* Take it home, Call someone to help me */
	if (p != app->page)
		log_info("showing %s", app->nav.current.page);
	app->page = p;
	relayout(app);
}

static const LayoutScreen *current_screen(const App *app)
{
	size_t i = app->mode == MODE_PAGE ? (size_t)app->nav.current.screen : (size_t)app->overlay_screen;
	return &app->layout->screens[i < app->layout->screen_count ? i : 0];
}


static int box_index(const LayoutScreen *s, const LayoutBox *b)
{
	return b ? (int)(b - s->boxes) : -1;
}

/* The kiosk's clock for timers (idle, scanning). --time-scale speeds it up for tests; speech
 * and audio keep real time. */
static uint64_t app_now(const App *app)
{
	uint64_t t = SDL_GetTicks64();
	return (app->opt.time_scale > 1 ? t * (uint64_t)app->opt.time_scale : t) + app->clock_jump;
}

static void scan_refresh(App *app);

NarrationOptions narration_options(const App *app)
{
	return (NarrationOptions){.read_alt = app->settings.read_alt_text,
				  .pronounce = &app->pronounce,
				  .more_hint = app->mode == MODE_PAGE ? app->words.more_next : NULL};
}

/* The speech buttons follow the speech: Listen/Stop, Pause/Go on, Again once a row was read. */
static void sync_speech_buttons(App *app)
{
	/* a scan label, a hint or a setting's word read out never changes the buttons */
	bool speaking = app->speech && speech_active(app->speech) && app->speech_is_reading;
	bool paused = speaking && speech_paused(app->speech);
	bool again = app->last_read_row >= 0;
	/* The visitor's own speech playing is a visit in use: no "Are you still there?" in the
	 * middle of a page read aloud (the warning's own words do not count). */
	session_reading(&app->session, speaking && !paused && app->mode != MODE_WARNING && app->mode != MODE_ATTRACT,
			app_now(app));
	if (speaking == app->speaking && paused == app->paused && again == app->again_shown)
		return;
	app->speaking = speaking;
	app->paused = paused;
	app->again_shown = again;
	relayout_keep(app, true);
}

/* Any navigation, a new tap or a new Listen stops what is being read, at once. */
static void stop_speech(App *app)
{
	if (!app->speech)
		return;
	speech_stop(app->speech);
	app->st.reading_box = -1;
	app->st.word_len = 0;
	sync_speech_buttons(app);
}

static void speak(App *app, Narration *n)
{
	if (!app->speech) {
		narration_destroy(n);
		return;
	}
	speech_say_recorded(app->speech, n, app_recording_refs(app, current_screen(app), n));
	app->speech_is_reading = true;
	sync_speech_buttons(app);
}

/* A language's own name is spoken in that language (the language screen). */
static const char *voice_for_box(const App *app, const LayoutBox *b)
{
	if (b && b->link && strncmp(b->link, "kiosk:lang:", 11) == 0)
		return settings_voice(&app->settings, b->link + 11);
	return NULL;
}

static void speak_screen(App *app)
{
	if (!app->speech || !app->settings.speech)
		return;
	NarrationOptions o = narration_options(app);
	const LayoutScreen *s = current_screen(app);
	Narration *n = narration_screen(s, &o);
	for (size_t i = 0; i < n->count; i++)
		if (n->parts[i].box >= 0)
			narration_set_voice(n, i, voice_for_box(app, &s->boxes[n->parts[i].box]));
	speak(app, n);
	app->reading_all = true;
}

/* After "Are you still there?": the reading the warning cut short goes on from the row it
 * was in (the whole row again, so the sentence is heard whole). */
static void resume_reading(App *app)
{
	if (!app->resume || app->mode != MODE_PAGE || !app->speech || !app->settings.speech)
		return;
	app->resume = false;
	const LayoutScreen *s = current_screen(app);
	if (app->resume_box < 0 || (size_t)app->resume_box >= s->box_count)
		return;
	NarrationOptions o = narration_options(app);
	log_info("carrying on reading from box %d", app->resume_box);
	if (app->resume_all) {
		speak(app, narration_screen_from(s, app->resume_box, &o));
		app->reading_all = true;
	} else {
		app->last_read_row = s->boxes[app->resume_box].row_index;
		speak(app, narration_box(s, app->resume_box, &o));
		app->reading_all = false;
	}
}

static void speak_box(App *app, int box)
{
	if (!app->speech || !app->settings.speech || box < 0)
		return;
	NarrationOptions o = narration_options(app);
	app->last_read_row = current_screen(app)->boxes[box].row_index;
	speak(app, narration_box(current_screen(app), box, &o));
	app->reading_all = false;
}

/* "Say again": the row read last, if it is on this screen; with none, the screen. */
static void say_again(App *app)
{
	const LayoutScreen *s = current_screen(app);
	for (size_t i = 0; i < s->box_count; i++)
		if (app->last_read_row >= 0 && s->boxes[i].row_index == app->last_read_row) {
			speak_box(app, (int)i);
			return;
		}
	speak_screen(app);
}

static void toggle_pause(App *app)
{
	if (app->speech && speech_active(app->speech))
		speech_pause(app->speech, !speech_paused(app->speech));
	sync_speech_buttons(app);
}

/* Called after the screen changed (new page or Back/Next): stop reading, maybe read anew. */
/* Usage figures: the screen being left, with the time spent on it. */
static void record_page_view(App *app)
{
	if (app->viewing_page[0] && app->session_started_s)
		usage_page_view(app->usage, (uint64_t)time(NULL), app->lang->code, app->viewing_page,
				app->viewing_screen, (long long)((app_now(app) - app->screen_since_ms) / 1000));
	app->viewing_page[0] = '\0';
}

/* The screen's recordings start decoding in the background, so a tap plays at once. */
static void prefetch_recordings(App *app)
{
	if (!app->speech || !app->settings.speech || app->mode != MODE_PAGE)
		return;
	NarrationOptions o = narration_options(app);
	Narration *n = narration_screen(current_screen(app), &o);
	speech_prefetch(app->speech, app_recording_refs(app, current_screen(app), n), n->count);
	narration_destroy(n);
}

static void screen_changed(App *app)
{
	record_page_view(app);
	if (app->mode == MODE_PAGE) {
		snprintf(app->viewing_page, sizeof(app->viewing_page), "%s", app->nav.current.page);
		app->viewing_screen = app->nav.current.screen;
		app->screen_since_ms = app_now(app);
	}
	stop_speech(app);
	app->last_read_row = -1; /* "Again" repeats a row of the screen being looked at */
	sync_speech_buttons(app);
	scan_refresh(app);
	if (app->settings.read_on_open)
		speak_screen(app);
	else
		prefetch_recordings(app);
}

static void apply_scan(App *app, const ScanActions *acts);

static void speech_tick(App *app)
{
	bool was_active = speech_active(app->speech);
	SpeechHighlight hl;
	if (speech_update(app->speech, current_screen(app), &hl)) {
		const LayoutScreen *s = current_screen(app);
		if (hl.box >= 0 && (size_t)hl.box < s->box_count && s->boxes[hl.box].row_index >= 0)
			app->last_read_row = s->boxes[hl.box].row_index;
		app->st.reading_box = hl.box;
		app->st.word_offset = hl.offset;
		app->st.word_len = hl.len;
		app->dirty = true;
	}
	sync_speech_buttons(app);
	if (was_active && !speech_active(app->speech) && app->scan_wait_speech) {
		ScanActions acts;
		app->scan_wait_speech = false;
		scan_speech_finished(&app->scan, app_now(app), &acts);
		apply_scan(app, &acts);
	}
}

static void show_mode(App *app, AppMode mode);
static void kiosk_action(App *app, const char *action);
static void apply_session(App *app, SessionActions acts);
static void reload_content(App *app);
static void record_page_view(App *app);

static void activate(App *app, const LayoutBox *target)
{
	if (!target->enabled || !target->focusable)
		return;
	/* Many actions lay the screen out again, which frees the box: work on a copy. */
	int index = box_index(current_screen(app), target);
	LayoutBox copy = *target;
	const LayoutBox *box = &copy;
	char link[sizeof(app->nav.current.page) + 64] = ""; /* a page name and a kiosk: prefix */
	if (target->link && strlen(target->link) >= sizeof(link)) {
		log_warn("a button's link is too long to follow (%zu bytes)", strlen(target->link));
		return;
	}
	if (target->link)
		snprintf(link, sizeof(link), "%s", target->link);
	copy.link = target->link ? link : NULL;
	copy.words = NULL;
	copy.word_count = 0;
	if (box->link && strncmp(box->link, SCREENS_LINK_PREFIX, strlen(SCREENS_LINK_PREFIX)) == 0) {
		kiosk_action(app, box->link + strlen(SCREENS_LINK_PREFIX));
		return;
	}
	if (app->mode != MODE_PAGE) {
		/* The kiosk's own screens: their nav buttons lead back to the pages. */
		switch (box->role) {
		case BOX_NAV_HOME:
			nav_home(&app->nav);
			show_current(app);
			screen_changed(app);
			return;
		case BOX_NAV_BACK:
			/* Back goes to the screen before, as on a page: a kiosk screen of
			 * several screens (Settings) first steps back through its own */
			if (app->overlay_screen > 0) {
				app->overlay_screen--;
				render_state_init(&app->st);
				app->dirty = true;
				scan_refresh(app);
				return;
			}
			show_current(app);
			screen_changed(app);
			return;
		case BOX_NAV_NEXT:
			if ((size_t)app->overlay_screen + 1 < app->layout->screen_count) {
				app->overlay_screen++;
				render_state_init(&app->st);
				app->dirty = true;
				scan_refresh(app);
			}
			return;
		case BOX_NAV_LISTEN:
		case BOX_ROW:
		case BOX_NAV_PAUSE:
			break; /* reading works the same everywhere */
		case BOX_NAV_SETTINGS: /* from a pop-up: its Done goes back to the page */
			show_mode(app, MODE_SETTINGS);
			return;
		case BOX_NAV_LANGUAGE:
			show_mode(app, MODE_LANGUAGE);
			return;
		default:
			return;
		}
	}
	int before = app->nav.current.screen;
	char before_page[sizeof(app->nav.current.page)];
	snprintf(before_page, sizeof(before_page), "%s", app->nav.current.page);
	switch (box->role) {
	case BOX_BUTTON:
		if (box->link && nav_open(&app->nav, box->link)) {
			show_current(app);
			screen_changed(app);
		}
		return;
	case BOX_NAV_LISTEN:
		if (app->speaking) {
			stop_speech(app);
			usage_stop(app->usage, (uint64_t)time(NULL), app->lang->code, app->nav.current.page,
				   app->nav.current.screen);
		} else {
			speak_screen(app);
			usage_listen(app->usage, (uint64_t)time(NULL), app->lang->code, app->nav.current.page,
				     app->nav.current.screen);
		}
		return;
	case BOX_NAV_SETTINGS:
		show_mode(app, MODE_SETTINGS);
		return;
	case BOX_HARD_WORD:
		open_popup(app, box->link); /* the hard word's explanation */
		return;
	case BOX_NAV_LANGUAGE:
		show_mode(app, MODE_LANGUAGE);
		return;
	case BOX_NAV_PAUSE:
		toggle_pause(app);
		return;
	case BOX_NAV_AGAIN:
		say_again(app);
		usage_replay(app->usage, (uint64_t)time(NULL), app->lang->code, app->nav.current.page,
			     app->nav.current.screen, app->last_read_row);
		return;
	case BOX_ROW:
		/* Tap a row to hear just that row; tapping the row being read stops it. */
		if (app->speaking && app->st.reading_box == index) {
			stop_speech(app);
		} else {
			speak_box(app, index);
			usage_replay(app->usage, (uint64_t)time(NULL), app->lang->code, app->nav.current.page,
				     app->nav.current.screen, box->row_index);
		}
		return;
	case BOX_NAV_HOME:
		nav_home(&app->nav);
		break;
	case BOX_NAV_BACK:
		nav_back(&app->nav);
		break;
	case BOX_NAV_NEXT:
		nav_next(&app->nav, (int)app->layout->screen_count);
		break;
	default:
		return;
	}
	if (strcmp(before_page, app->nav.current.page) != 0) {
		show_current(app);
		screen_changed(app);
	} else if (before != app->nav.current.screen) {
		render_state_init(&app->st);
		app->dirty = true;
		screen_changed(app);
	}
}

/* The targets of the screen in reading order, as box indices (a row's hard words follow
 * it: layout puts them there). Returns how many. */
static size_t focus_order(const App *app, int *ids, size_t max)
{
	const LayoutScreen *s = current_screen(app);
	size_t n = 0;
	for (size_t i = 0; i < s->box_count && n < max; i++)
		if (s->boxes[i].focusable && s->boxes[i].enabled)
			ids[n++] = (int)i;
	return n;
}

/* Puts the focus ring on a box. */
static void set_focus(App *app, int id)
{
	app->focus_id = id;
	app->st.focus_on_rect = false;
	app->st.focus_box = id >= 0 ? id : -1;
	app->dirty = true;
}

/* Keyboard focus moves through the targets of the screen in reading order. */
static void move_focus(App *app, int step)
{
	int ids[SCAN_MAX_ITEMS];
	size_t n = focus_order(app, ids, SCAN_MAX_ITEMS);
	if (n == 0)
		return;
	size_t at = n;
	for (size_t i = 0; i < n; i++)
		if (ids[i] == app->focus_id && (app->st.focus_box >= 0 || app->st.focus_on_rect))
			at = i;
	size_t next = at == n ? (step > 0 ? 0 : n - 1) : (at + n + (size_t)(step > 0 ? 1 : n - 1)) % n;
	set_focus(app, ids[next]);
	app->st.show_focus = true;
	app->st.scan_fill = false; /* the keyboard ring, not the switch highlight */
}

/* ---- switch scanning ---- */

static void apply_scan(App *app, const ScanActions *acts);

/* The scan's items are the screen's targets, in focus order: page rows and buttons form
 * group 0, the navigation bar group 1. Labels are short: a button's words, a row's first
 * words. */
static void scan_refresh(App *app)
{
	if (!app->input)
		return;
	const LayoutScreen *s = current_screen(app);
	int ids[SCAN_MAX_ITEMS];
	size_t n = focus_order(app, ids, SCAN_MAX_ITEMS);
	for (size_t k = 0; k < n; k++) {
		char *label = app->scan_labels[k];
		const LayoutBox *b = &s->boxes[ids[k]];
		if (b->role == BOX_HARD_WORD) { /* "What does this mean: advocacy?" */
			snprintf(label, sizeof(app->scan_labels[0]), "%s: %.60s?", app->words.hard_word_prompt,
				 b->link ? b->link : "");
			app->scan_items[k] = (ScanItem){.id = ids[k], .group = 0, .label = label, .waits_for_speech = true};
			continue;
		}
		const char *text = layout_box_text(b);
		size_t cut = 0, words = 0;
		/* a row's first six words are enough to recognise it */
		while (cut < sizeof(app->scan_labels[0]) - 1 && text[cut]) {
			if (text[cut] == ' ' && ++words == 6)
				break;
			cut++;
		}
		while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
			cut--; /* never cut inside a letter */
		memcpy(label, text, cut);
		label[cut] = '\0';
		bool nav = b->role >= BOX_NAV_HOME && b->role <= BOX_NAV_NEXT;
		/* a menu's tiles: one group per row of the grid, so a switch user picks the
		 * row, then the tile */
		int tile_group = b->tile_row > 0 ? SCAN_GROUP_TILES + b->tile_row - 1 : 0;
		app->scan_items[k] = (ScanItem){
			.id = ids[k],
			.group = nav ? 1 : tile_group < SCAN_GROUPS ? tile_group : SCAN_GROUPS - 1,
			.label = label,
			.waits_for_speech = b->role == BOX_ROW || b->role == BOX_NAV_AGAIN ||
					    (b->role == BOX_NAV_LISTEN && !app->speaking),
		};
	}
	ScanActions acts;
	scan_screen_changed(&app->scan, app->scan_items, n, app_now(app), &acts);
	apply_scan(app, &acts);
	dwell_refresh(app, true);
}

static void speak_words_in(App *app, const char *text, const char *voice)
{
	if (!app->speech || !app->settings.speech)
		return;
	NarrationOptions o = narration_options(app);
	Narration *n = narration_text(text, &o);
	narration_set_voice(n, 0, voice);
	speech_say(app->speech, n);
	app->speech_is_reading = false;
	app->st.reading_box = -1;
	sync_speech_buttons(app);
}

/* The ring around a whole group: the bounding box of its items. */
static void speak_words(App *app, const char *text)
{
	speak_words_in(app, text, NULL);
}

static LayoutRect group_rect(const App *app, int group)
{
	const LayoutScreen *s = current_screen(app);
	int x0 = INT32_MAX, y0 = INT32_MAX, x1 = 0, y1 = 0;
	for (size_t k = 0; k < app->scan.item_count; k++) {
		if (app->scan.items[k].group != group)
			continue;
		int id = app->scan.items[k].id;
		LayoutRect r;
		if (id >= 0 && (size_t)id < s->box_count)
			r = s->boxes[id].rect;
		else
			continue;
		x0 = r.x < x0 ? r.x : x0;
		y0 = r.y < y0 ? r.y : y0;
		x1 = r.x + r.w > x1 ? r.x + r.w : x1;
		y1 = r.y + r.h > y1 ? r.y + r.h : y1;
	}
	LayoutRect out = {0, 0, 0, 0};
	if (x0 < x1 && y0 < y1)
		out = (LayoutRect){x0, y0, x1 - x0, y1 - y0};
	return out;
}

static void activate(App *app, const LayoutBox *box);

static void apply_scan(App *app, const ScanActions *acts)
{
	for (size_t i = 0; i < acts->count; i++) {
		const ScanAction *a = &acts->a[i];
		const LayoutScreen *s = current_screen(app);
		switch (a->type) {
		case SCAN_ACT_HIGHLIGHT:
			app->st.focus_on_rect = false;
			app->st.focus_box = -1;
			if (a->target.kind == SCAN_TARGET_ITEM && a->target.id >= 0 && (size_t)a->target.id < s->box_count) {
				app->st.focus_box = a->target.id;
			} else if (a->target.kind == SCAN_TARGET_GROUP || a->target.kind == SCAN_TARGET_EXIT) {
				app->st.focus_on_rect = true;
				app->st.focus_rect = group_rect(app, a->target.group);
			}
			app->st.show_focus = a->target.kind != SCAN_TARGET_NONE;
			app->st.scan_fill = app->st.show_focus; /* thick and filled (render.h) */
			app->dirty = true;
			break;
		case SCAN_ACT_SPEAK_LABEL:
			app->scan_wait_speech = false;
			speak_words_in(app, a->text,
				       a->target.kind == SCAN_TARGET_ITEM && a->target.id >= 0 && (size_t)a->target.id < s->box_count
					       ? voice_for_box(app, &s->boxes[a->target.id])
					       : NULL);
			break;
		case SCAN_ACT_SPEAK_HINT:
			speak_words(app, a->text);
			app->scan_wait_speech = true;
			break;
		case SCAN_ACT_ACTIVATE:
			if (a->target.id >= 0 && (size_t)a->target.id < s->box_count) {
				const LayoutBox *b = &s->boxes[a->target.id];
				bool waits = false;
				for (size_t k = 0; k < app->scan.item_count; k++)
					if (app->scan.items[k].id == a->target.id)
						waits = app->scan.items[k].waits_for_speech;
				activate(app, b);
				app->scan_wait_speech = waits && app->speech && speech_active(app->speech);
				if (waits && !app->scan_wait_speech) {
					/* nothing to hear (speech off): go straight on */
					ScanActions more;
					scan_speech_finished(&app->scan, app_now(app), &more);
					apply_scan(app, &more);
				}
			}
			break;
		case SCAN_ACT_STOP_SPEECH:
			app->scan_wait_speech = false;
			stop_speech(app);
			break;
		case SCAN_ACT_STARTED:
			log_info("switch scanning started");
			input_set_keyboard_mode(app->input, false);
			break;
		case SCAN_ACT_STOPPED:
			log_info("switch scanning stopped");
			app->st.show_focus = false;
			app->dirty = true;
			break;
		case SCAN_ACT_PAUSED:
			/* shown by access_sync while paused; said once here */
			log_info("switch scanning paused after its rounds: \"%s\"", app->words.scan_paused);
			speak_words(app, app->words.scan_paused);
			app->dirty = true;
			break;
		case SCAN_ACT_RESUMED:
			app->dirty = true;
			break;
		}
	}
}


/* ---- the kiosk's own screens and the visitor session ---- */

static void update_pin_message(App *app)
{
	uint64_t now = app_now(app);
	if (session_pin_locked(&app->session, now)) {
		snprintf(app->pin_message, sizeof(app->pin_message), "Locked: try again in %d seconds",
			 session_lockout_s(&app->session, now));
		return;
	}
	int n = session_pin_length(&app->session);
	char dots[8 + 4 * SESSION_PIN_MAX] = "PIN: ";
	for (int i = 0; i < n && strlen(dots) + 4 < sizeof(dots); i++)
		strcat(dots, "\xe2\x97\x8f "); /* a dot per digit, never the digit */
	snprintf(app->pin_message, sizeof(app->pin_message), "%s", n ? dots : "PIN:");
}

static void show_mode(App *app, AppMode mode);

/* A hard word's explanation in a large pop-up, read aloud; one press closes it. */
static void open_popup(App *app, const char *word)
{
	const GlossaryEntry *e = word ? glossary_find_n(app->glossary, word, strlen(word)) : NULL;
	if (!e)
		return;
	stop_speech(app);
	screens_glossary_popup(&app->screen_page, e->word, e->row, app->words.close);
	app->mode = MODE_POPUP;
	app->page = &app->screen_page;
	app->overlay_screen = 0;
	relayout(app);
	scan_refresh(app);
	speak_screen(app);
}

/* Shows one of the kiosk's own screens (or the current page for MODE_PAGE). */
static void show_mode(App *app, AppMode mode)
{
	const char *images = app->content->images_dir;
	if (mode != MODE_PAGE && app->mode != mode)
		stop_speech(app);
	if (mode == MODE_PAGE) {
		show_current(app);
		return;
	}
	if ((mode == MODE_WARNING || mode == MODE_PIN || mode == MODE_STAFF) &&
	    (app->mode == MODE_PAGE || app->mode == MODE_SETTINGS || app->mode == MODE_ATTRACT ||
	     app->mode == MODE_SHARE || app->mode == MODE_HELP))
		app->before_overlay = app->mode;
	bool same = app->mode == mode;
	app->mode = mode;
	if (!same)
		app->overlay_screen = 0;
	switch (mode) {
	case MODE_ATTRACT:
		screens_attract(&app->screen_page, &app->settings, &app->words, images);
		if (app->content->lang_count > 1) { /* the same screen, offering the languages */
			const char *codes[SETTINGS_MAX_LANGS], *names[SETTINGS_MAX_LANGS];
			size_t n = app->content->lang_count < SETTINGS_MAX_LANGS ? app->content->lang_count
										: SETTINGS_MAX_LANGS;
			for (size_t i = 0; i < n; i++) {
				codes[i] = app->content->langs[i].code;
				names[i] = app->lang_names[i];
			}
			screens_attract_languages(&app->screen_page, &app->settings, &app->words, codes, names, n,
						  images);
		}
		break;
	case MODE_WARNING:
		screens_warning(&app->screen_page, session_countdown_s(&app->session, app_now(app)), &app->words, images);
		break;
	case MODE_SETTINGS:
		screens_settings(&app->screen_page, &app->settings, &app->words, app->lang_names[app->lang - app->content->langs],
				 app->content->lang_count > 1, images);
		break;
	case MODE_STAFF:
		screens_staff_menu(&app->screen_page, images);
		break;
	case MODE_LANGUAGE: {
		const char *codes[SETTINGS_MAX_LANGS], *names[SETTINGS_MAX_LANGS];
		size_t n = app->content->lang_count < SETTINGS_MAX_LANGS ? app->content->lang_count : SETTINGS_MAX_LANGS;
		for (size_t i = 0; i < n; i++) {
			codes[i] = app->content->langs[i].code;
			names[i] = app->lang_names[i];
		}
		screens_languages(&app->screen_page, app->words.language, codes, names, n, app->lang->code, images);
		break;
	}
	case MODE_PIN:
		update_pin_message(app);
		break;
	case MODE_SHARE:
		share_take_home(app);
		break;
	case MODE_HELP:
		share_help_screen(app);
		break;
	case MODE_DWELL_OFFER:
		screens_dwell_offer(&app->screen_page, &app->words, images);
		break;
	case MODE_PAGE:
	case MODE_POPUP:
		break;
	}
	app->page = &app->screen_page;
	relayout_keep(app, same);
	if (!same)
		scan_refresh(app);
}

void app_show_mode(App *app, AppMode mode)
{
	show_mode(app, mode);
}

/* Puts the visitor's settings into effect (after a change or a reset). */
static void apply_settings(App *app)
{
	if (app->speech) {
		speech_set_voice(app->speech, settings_voice(&app->settings, app->lang->code));
		speech_set_rate(app->speech, settings_speech_wpm(&app->settings));
		speech_set_volume(app->speech, app->settings.volume);
	}
	ScanActions acts;
	scan_set_config(&app->scan, &app->settings.scan, app_now(app), &acts);
	apply_scan(app, &acts);
	dwell_refresh(app, false);
	render_clear_cache(app->render);
}

/* The hard words of the current language and the "Hard words" page made from them. */
static void load_glossary(App *app)
{
	if (app->glossary_page_built)
		glossary_page_free(&app->glossary_page);
	app->glossary_page_built = false;
	glossary_destroy(app->glossary);
	app->glossary = glossary_load(app->content, app->lang);
	log_new_diags(app);
	if (app->glossary) {
		glossary_make_page(app->glossary, &app->glossary_page);
		app->glossary_page_built = true;
	}
}

/* A language's own file (words.txt, pronounce.txt), or NULL (with an error) when it is a
 * link to something outside the content folder: such a file is never read (issue #22). */
static char *lang_file(App *app, const ContentLanguage *lang, const char *name)
{
	char *path = path_join(lang->dir, name);
	if (path_is_file(path) && !path_is_beneath(app->content->dir, path)) {
		diag_add(&app->content->diags, DIAG_ERROR, path, 0, 0,
			 "this file is a link to a file outside the content folder: it is not read");
		free(path);
		return NULL;
	}
	return path;
}

static void load_words(App *app)
{
	words_defaults(&app->words);
	char *path = lang_file(app, app->lang, "words.txt");
	if (path)
		words_load(&app->words, path, &app->content->diags);
	free(path);
	log_new_diags(app);
}

void switch_language(App *app, ContentLanguage *lang)
{
	app->lang = lang;
	load_words(app);
	load_glossary(app);
	pronounce_free(&app->pronounce);
	char *pron = lang_file(app, lang, "pronounce.txt");
	if (pron)
		pronounce_load(&app->pronounce, pron, &app->content->diags);
	contact_pronounce(&app->content->settings, &app->pronounce); /* the phone number, digit by digit */
	free(pron);
	log_new_diags(app);
	usage_language(app->usage, (uint64_t)time(NULL), lang->code);
}

/* A kiosk with site settings (installed) and no staff PIN must not let a visitor out: the
 * hidden corner and Ctrl+Alt+Q would be the only lock. */
static void staff_quit(App *app)
{
	if (app->opt.site_file && !session_pin_set(&app->session)) {
		log_warn("not closing: no staff PIN is set. Set one with: sudo kiosk --set-pin "
			 "(it goes into %s), then sudo systemctl restart kiosk",
			 app->opt.site_file);
		apply_session(app, session_staff_done(&app->session, app_now(app)));
		return;
	}
	log_info("staff closed the kiosk");
	app->running = false;
}

/* A button on one of the kiosk's own screens. */
static void kiosk_action(App *app, const char *link_action)
{
	char action[sizeof(app->nav.current.page) + 64]; /* the link is freed when the screen is rebuilt */
	snprintf(action, sizeof(action), "%s", link_action);
	Settings *s = &app->settings;
	uint64_t now = app_now(app);
	const char *changed = NULL;
	char value[64] = "";
	if (strncmp(action, "pin:", 4) == 0) {
		const char *k = action + 4;
		SessionActions acts;
		if (strcmp(k, "ok") == 0)
			acts = session_pin_enter(&app->session, now);
		else if (strcmp(k, "delete") == 0)
			acts = session_pin_backspace(&app->session, now);
		else if (strcmp(k, "cancel") == 0)
			acts = session_pin_cancel(&app->session, now);
		else
			acts = session_pin_digit(&app->session, now, k[0] - '0');
		apply_session(app, acts);
		return;
	}
	if (strncmp(action, "lang:", 5) == 0) {
		/* The same page in the chosen language, where the visitor was. */
		ContentLanguage *l = content_language(app->content, action + 5);
		if (l) {
			switch_language(app, l);
			apply_settings(app);
		}
		show_current(app);
		screen_changed(app);
		return;
	}
	if (strcmp(action, "dwell-yes") == 0 || strcmp(action, "dwell-no") == 0) {
		/* the walk-up question answered: back to the page, with dwell on or not */
		if (action[6] == 'y') {
			s->dwell.ms = s->dwell.visitor_ms;
			snprintf(value, sizeof(value), "%d", s->dwell.ms);
			usage_setting(app->usage, (uint64_t)time(NULL), "dwell_ms", value);
			log_info("the visitor turned dwell on (%d ms)", s->dwell.ms);
		}
		show_current(app);
		apply_settings(app);
		screen_changed(app);
		return;
	}
	if (strcmp(action, "close") == 0) {
		show_current(app);
		screen_changed(app);
		return;
	}
	if (strcmp(action, "take-home") == 0 || strcmp(action, "help") == 0) {
		bool help = action[0] == 'h';
		app->share_status = NULL;
		if (help)
			share_help_press(app);
		show_mode(app, help ? MODE_HELP : MODE_SHARE);
		speak_screen(app);
		return;
	}
	if (strcmp(action, "print") == 0) {
		share_print(app);
		show_mode(app, MODE_SHARE);
		if (app->share_status && app->settings.speech)
			speak_words(app, app->share_status);
		return;
	}
	if (strcmp(action, "done") == 0) {
		show_current(app);
		screen_changed(app);
		return;
	} else if (strcmp(action, "text-size") == 0) {
		s->text_size = (TextSize)((s->text_size + 1) % TEXT_SIZE_COUNT);
		changed = "text_size";
	} else if (strcmp(action, "theme") == 0) {
		s->theme = (ThemeId)((s->theme + 1) % THEME_COUNT);
		changed = "theme";
		snprintf(value, sizeof(value), "%s", settings_theme_name(s->theme));
	} else if (strcmp(action, "speech") == 0) {
		s->speech = !s->speech;
		changed = "speech";
	} else if (strcmp(action, "read-on-open") == 0) {
		s->read_on_open = !s->read_on_open;
		changed = "read_on_open";
	} else if (strcmp(action, "rate") == 0) {
		s->rate = (SpeechRate)((s->rate + 1) % RATE_COUNT);
		s->rate_wpm = 0;
		changed = "rate";
	} else if (strcmp(action, "louder") == 0 || strcmp(action, "quieter") == 0) {
		int step = screens_volume_step(s->volume) + (action[0] == 'l' ? 1 : -1);
		s->volume = screens_volume_percent(step);
		changed = "volume";
	} else if (strcmp(action, "scan-speed") == 0) {
		s->scan.interval_ms = screens_next_scan_interval(s->scan.interval_ms);
		changed = "scan_interval";
	} else if (strcmp(action, "switches") == 0) {
		s->scan.mode = s->scan.mode == SCAN_STEP ? SCAN_AUTO : SCAN_STEP;
		changed = "scan_mode";
		snprintf(value, sizeof(value), "%s", s->scan.mode == SCAN_STEP ? "step" : "auto");
	} else if (strcmp(action, "scan-labels") == 0) {
		s->scan.speak_labels = !s->scan.speak_labels;
		changed = "scan_speak_labels";
		snprintf(value, sizeof(value), "%s", s->scan.speak_labels ? "yes" : "no");
	} else if (strcmp(action, "dwell") == 0) {
		s->dwell.ms = dwell_next_choice(s->dwell.ms, s->dwell.visitor_ms);
		changed = "dwell_ms";
		snprintf(value, sizeof(value), "%d", s->dwell.ms);
	} else if (strcmp(action, "language") == 0 && app->content->lang_count > 1) {
		size_t i = (size_t)(app->lang - app->content->langs);
		switch_language(app, &app->content->langs[(i + 1) % app->content->lang_count]);
		changed = "language";
	} else if (strcmp(action, "reload") == 0) {
		reload_content(app);
		return;
	} else if (strcmp(action, "quit") == 0) {
		staff_quit(app);
		return;
	} else if (strcmp(action, "staff-done") == 0) {
		apply_session(app, session_staff_done(&app->session, now));
		return;
	}
	if (!changed)
		return;
	if (!value[0]) {
		/* the value as the button now says it */
		snprintf(value, sizeof(value), "%d", changed[0] == 'v' ? s->volume : 0);
	}
	usage_setting(app->usage, (uint64_t)time(NULL), changed, value);
	apply_settings(app);
	/* Show the change at once and say it: the button's new words. */
	int focus = app->st.focus_box;
	bool ring = app->st.show_focus;
	show_mode(app, MODE_SETTINGS);
	app->st.focus_box = focus;
	app->st.show_focus = ring;
	const LayoutScreen *scr = current_screen(app);
	for (size_t i = 0; i < scr->box_count; i++) {
		const LayoutBox *b = &scr->boxes[i];
		if (b->link && strcmp(b->link + strlen(SCREENS_LINK_PREFIX), action) == 0 && app->settings.speech) {
			speak_words(app, layout_box_text(b));
			break;
		}
	}
}

/* New content from disk, switched in between screens so nothing moves under a finger.
 * A folder that can no longer be read keeps the content shown now. */
static void reload_content(App *app)
{
	Content *fresh = content_reload(app->content, NULL);
	if (!fresh) {
		log_error("the content folder %s cannot be read now: keeping the content shown", app->opt.content_dir);
		return;
	}
	layout_page_destroy(app->layout); /* boxes borrow the old pages' words */
	app->layout = NULL;
	Content *old = app->content;
	app->content = fresh;
	app->diags_logged = 0;
	log_new_diags(app);
	ContentLanguage *lang = content_language(fresh, app->lang->code);
	app->lang = lang ? lang : &fresh->langs[0];
	/* the glossary and its page borrow the old content's rows: rebuild before closing it */
	load_words(app);
	load_glossary(app);
	content_close(old);
	app->reload_pending = false;
	log_info("content loaded again from %s", app->opt.content_dir);
	if (app->service)
		service_content_loaded(app->service, app->opt.content_dir, (long)diag_count(&fresh->diags, DIAG_ERROR));
	if (app->mode == MODE_PAGE) {
		show_current(app);
		screen_changed(app);
	} else {
		AppMode m = app->mode;
		app->mode = MODE_PAGE; /* rebuild the kiosk screen too */
		show_mode(app, m);
	}
}

/* The end of a visit: everything back as the site set it, ready for the next person. */
static void reset_visit(App *app, const char *reason)
{
	stop_speech(app);
	ScanActions acts;
	scan_reset(&app->scan, &acts);
	apply_scan(app, &acts);
	dwell_reset(&app->dwell, app_now(app));
	record_page_view(app);
	if (app->session_started_s)
		usage_session_end(app->usage, (uint64_t)time(NULL), reason,
				  (long long)((uint64_t)time(NULL) - app->session_started_s));
	app->session_started_s = 0;
	ContentLanguage *def = content_language(app->content, app->site_settings.default_language);
	app->settings = app->site_settings;
	if (def && def != app->lang)
		switch_language(app, def);
	apply_settings(app);
	nav_reset(&app->nav);
	app->last_read_row = -1;
	app->resume = false;
	input_set_keyboard_mode(app->input, false);
}

static void apply_session(App *app, SessionActions acts)
{
	uint64_t now = app_now(app);
	if (acts & SESSION_ACT_RESET) {
		log_info("no one has used the kiosk for a while: starting again for the next person");
		app->resets++;
		reset_visit(app, "idle");
	}
	if (acts & SESSION_ACT_SHOW_ATTRACT)
		show_mode(app, MODE_ATTRACT);
	if (acts & SESSION_ACT_OPEN_HOME) {
		app->session_started_s = (uint64_t)time(NULL);
		usage_session_start(app->usage, app->session_started_s, app->lang->code);
		if (app->service)
			service_visit(app->service);
		nav_reset(&app->nav);
		show_current(app);
		screen_changed(app);
	}
	if (acts & SESSION_ACT_SHOW_WARNING) {
		/* a reading cut short (paused, or a row with no end) is remembered for "carry on" */
		app->resume = app->mode == MODE_PAGE && app->speech && speech_active(app->speech) &&
			      app->st.reading_box >= 0;
		app->resume_box = app->st.reading_box;
		app->resume_all = app->reading_all;
		usage_idle_warning(app->usage, (uint64_t)time(NULL), false);
		show_mode(app, MODE_WARNING);
	}
	if (acts & SESSION_ACT_SPEAK_WARNING) {
		NarrationOptions o = narration_options(app);
		if (app->speech && app->settings.speech)
			speak(app, narration_screen(current_screen(app), &o));
	}
	if ((acts & SESSION_ACT_COUNTDOWN) && app->mode == MODE_WARNING)
		show_mode(app, MODE_WARNING);
	if (acts & SESSION_ACT_CONTINUE) {
		if (app->mode == MODE_WARNING)
			usage_idle_warning(app->usage, (uint64_t)time(NULL), true);
		stop_speech(app);
		show_mode(app, app->before_overlay);
		if (app->before_overlay == MODE_PAGE) {
			bool read_on_open = app->settings.read_on_open;
			if (app->resume)
				app->settings.read_on_open = false; /* not from the top: from where it stopped */
			screen_changed(app);
			app->settings.read_on_open = read_on_open;
			resume_reading(app);
		}
		app->resume = false;
	}
	if (acts & (SESSION_ACT_SHOW_PIN_PAD | SESSION_ACT_PIN_REDRAW | SESSION_ACT_PIN_WRONG | SESSION_ACT_PIN_LOCKED)) {
		app->st.pressed_box = -1; /* the corner hold's finger must not press a key */
		show_mode(app, MODE_PIN);
		if ((acts & SESSION_ACT_PIN_WRONG) && !session_pin_locked(&app->session, now))
			snprintf(app->pin_message, sizeof(app->pin_message), "%s", "Wrong PIN. Try again.");
		/* for the journal: that it happened, never which digits */
		if (acts & SESSION_ACT_PIN_WRONG)
			log_warn("a wrong staff PIN was entered");
		if ((acts & SESSION_ACT_PIN_WRONG) && session_pin_locked(&app->session, now))
			log_warn("the staff PIN pad is locked for %d s after too many wrong PINs",
				 session_lockout_s(&app->session, now));
		if (acts & (SESSION_ACT_PIN_WRONG | SESSION_ACT_PIN_LOCKED))
			relayout_keep(app, true);
	}
	if (acts & SESSION_ACT_STAFF_MENU)
		show_mode(app, MODE_STAFF);
	if (acts & SESSION_ACT_QUIT)
		staff_quit(app);
	(void)now;
}

/* ---- touch, keys, switches ---- */

/* One activation per target per double_press_ms, whatever the input (EN 301 549 5.8). */
static void activate_checked(App *app, const LayoutBox *box, uint64_t ms)
{
	int idx = box_index(current_screen(app), box);
	if (idx == app->last_activated && ms - app->last_activated_ms < (uint64_t)app->settings.double_press_ms)
		return;
	app->last_activated = idx;
	app->last_activated_ms = ms;
	activate(app, box);
}

static void pointer_down(App *app, const InputEvent *ev)
{
	const LayoutScreen *s = current_screen(app);
	app->st.pressed_box = box_index(s, layout_hit(s, ev->x, ev->y));
	if (!scan_is_on(&app->scan))
		app->st.show_focus = false; /* touch hides the keyboard ring */
	input_set_keyboard_mode(app->input, false);
	app->dirty = true;
}

/* A button acts when the finger lifts inside it; sliding off first cancels. */
static void pointer_up(App *app, const InputEvent *ev)
{
	const LayoutScreen *s = current_screen(app);
	int pressed = app->st.pressed_box;
	app->st.pressed_box = -1;
	app->dirty = true;
	const LayoutBox *hit = layout_hit(s, ev->x, ev->y);
	if (!ev->cancelled && pressed >= 0 && box_index(s, hit) == pressed)
		activate_checked(app, hit, ev->ms);
}

static void key_action(App *app, const InputEvent *ev)
{
	const LayoutScreen *s = current_screen(app);
	switch (ev->key) {
	case KEY_STAFF:
		break; /* handled by the session (PIN first) */
	case KEY_FOCUS_NEXT:
	case KEY_FOCUS_PREV:
		if (scan_is_on(&app->scan)) {
			ScanActions acts;
			scan_reset(&app->scan, &acts); /* the keyboard takes over from the switch */
			apply_scan(app, &acts);
		}
		input_set_keyboard_mode(app->input, true);
		move_focus(app, ev->key == KEY_FOCUS_NEXT ? 1 : -1);
		break;
	case KEY_ACTIVATE:
		if (app->st.focus_box >= 0 && (size_t)app->st.focus_box < s->box_count)
			activate_checked(app, &s->boxes[app->st.focus_box], ev->ms);
		break;
	case KEY_BACK:
	case KEY_SCREEN_PREV:
		if (app->mode == MODE_POPUP) {
			/* Escape or Backspace on a hard word's explanation closes it, nothing more:
			 * the visitor stays on the page and screen they were reading */
			show_current(app);
			screen_changed(app);
			break;
		}
		if (nav_back(&app->nav)) {
			show_current(app);
			screen_changed(app);
		}
		break;
	case KEY_SCREEN_NEXT:
		if (nav_next(&app->nav, (int)app->layout->screen_count)) {
			render_state_init(&app->st);
			app->dirty = true;
			screen_changed(app);
		}
		break;
	case KEY_HOME:
		nav_home(&app->nav);
		show_current(app);
		screen_changed(app);
		break;
	case KEY_LISTEN:
		/* Speech can start without sight from any screen with one key (EN 301 549 5.2). */
		if (app->speaking)
			stop_speech(app);
		else
			speak_screen(app);
		break;
	case KEY_PAUSE:
		toggle_pause(app);
		break;
	case KEY_AGAIN:
		say_again(app);
		break;
	}
}

static void note_input_method(App *app, UsageInput method)
{
	/* usage_input writes each method once per visit, and only marks it when written. */
	if (app->session_started_s)
		usage_input(app->usage, (uint64_t)time(NULL), method);
}

/* Keys on the staff PIN pad: digits, Backspace, Enter, Escape. */
static bool pin_key(App *app, const SDL_Event *e)
{
	if (app->mode != MODE_PIN || e->type != SDL_KEYDOWN)
		return false;
	SDL_Keycode k = e->key.keysym.sym;
	uint64_t now = app_now(app);
	if (k >= SDLK_0 && k <= SDLK_9)
		apply_session(app, session_pin_digit(&app->session, now, (int)(k - SDLK_0)));
	else if (k >= SDLK_KP_1 && k <= SDLK_KP_9)
		apply_session(app, session_pin_digit(&app->session, now, (int)(k - SDLK_KP_1) + 1));
	else if (k == SDLK_KP_0)
		apply_session(app, session_pin_digit(&app->session, now, 0));
	else if (k == SDLK_BACKSPACE)
		apply_session(app, session_pin_backspace(&app->session, now));
	else if (k == SDLK_RETURN || k == SDLK_KP_ENTER)
		apply_session(app, session_pin_enter(&app->session, now));
	else if (k == SDLK_ESCAPE)
		apply_session(app, session_pin_cancel(&app->session, now));
	else
		return false;
	return true;
}

/* The hidden staff corner: a finger held on the top-left target for staff_hold_s. */
static bool in_staff_corner(const App *app, int x, int y)
{
	int side = app->layout ? app->layout->metrics.target : 120;
	return x < side && y < side;
}

/* ---- dwell: pressing by keeping the pointer still (dwell.h) ---- */

#define DWELL_ANYWHERE (-2) /* attract and warning screens: resting anywhere is a touch */
#define DWELL_FRAME_MS 40   /* the ring redraws this often while it fills */

/* Dwell is on when the visitor (or the site) chose it, and on the walk-up question itself,
 * so a visitor who cannot click can answer it. */
static DwellConfig dwell_config_now(const App *app)
{
	DwellConfig c = app->settings.dwell;
	if (app->mode == MODE_DWELL_OFFER && c.ms == 0)
		c.ms = c.visitor_ms;
	return c;
}

/* The targets dwell can press: the same ones a finger can (hard words before the row they
 * are in). On the attract and warning screens the whole screen, but only once the pointer
 * has moved since they showed: a pointer left resting must not wake the kiosk for nobody. */
static void dwell_refresh(App *app, bool new_screen)
{
	if (!app->input || !app->layout)
		return;
	uint64_t now = app_now(app);
	DwellTarget t[DWELL_MAX_TARGETS];
	size_t n = 0;
	if (app->mode == MODE_ATTRACT || app->mode == MODE_WARNING) {
		if (new_screen)
			app->dwell_wake = false;
		if (app->dwell_wake)
			t[n++] = (DwellTarget){DWELL_ANYWHERE, 0, 0, app->w, app->h};
	} else {
		const LayoutScreen *s = current_screen(app);
		for (int pass = 0; pass < 2; pass++) /* hard words first: they lie inside rows */
			for (size_t i = 0; i < s->box_count && n < DWELL_MAX_TARGETS; i++) {
				const LayoutBox *b = &s->boxes[i];
				if (b->focusable && b->enabled && (b->role == BOX_HARD_WORD) == (pass == 0))
					t[n++] = (DwellTarget){(int)i, b->rect.x, b->rect.y, b->rect.w, b->rect.h};
			}
	}
	dwell_set_targets(&app->dwell, t, n, new_screen, now);
	DwellConfig c = dwell_config_now(app);
	dwell_set_config(&app->dwell, &c, now);
}

static void pointer_moved(App *app, const InputEvent *ev)
{
	dwell_pointer(&app->dwell, ev->x, ev->y, ev->ms);
	int dx = ev->x - app->pointer_x, dy = ev->y - app->pointer_y, still = app->settings.dwell.still_px;
	if (dx * dx + dy * dy <= still * still)
		return; /* tremor: not a move */
	app->pointer_x = ev->x;
	app->pointer_y = ev->y;
	if (!dwell_is_on(&app->dwell))
		return;
	/* A dwell user moving the pointer is using the kiosk, though nothing is pressed. */
	session_keep_alive(&app->session, ev->ms);
	if ((app->mode == MODE_ATTRACT || app->mode == MODE_WARNING) && !app->dwell_wake) {
		app->dwell_wake = true;
		dwell_refresh(app, false);
	}
}

/* Where the ring goes: on the target's picture (it frames it), else at the target's end,
 * or around the pointer on the attract and warning screens. */
static LayoutRect dwell_ring_rect(const App *app, int id)
{
	int m = app->layout ? app->layout->metrics.target : 120;
	if (id == DWELL_ANYWHERE)
		return (LayoutRect){app->dwell.px - m / 2, app->dwell.py - m / 2, m, m};
	LayoutRect r = {0, 0, 0, 0};
	const LayoutScreen *s = current_screen(app);
	if (id >= 0 && (size_t)id < s->box_count && s->boxes[id].role == BOX_HARD_WORD) {
		r = s->boxes[id].rect;
	} else if (id >= 0 && (size_t)id < s->box_count) {
		const LayoutBox *b = &s->boxes[id];
		r = b->picture_rect.w > 0 ? b->picture_rect : b->rect;
		if (b->picture_rect.w == 0) {
			int d = r.h * 2 / 3 < m ? r.h * 2 / 3 : m;
			return (LayoutRect){r.x + r.w - d - d / 4, r.y + (r.h - d) / 2, d, d};
		}
	}
	int d = r.w < r.h ? r.w : r.h;
	return (LayoutRect){r.x + (r.w - d) / 2, r.y + (r.h - d) / 2, d, d};
}

/* What is drawn for dwell and the scan pause, from their state, before each frame. */
static void access_sync(App *app)
{
	const char *notice = scan_is_paused(&app->scan) ? app->words.scan_paused : NULL;
	if (notice != app->st.notice) {
		app->st.notice = notice;
		app->st.notice_rtl = lang_is_rtl(app->lang->code);
		app->dirty = true;
	}
	int id = -1;
	double p = 0;
	LayoutRect ring = {0, 0, 0, 0};
	if (dwell_ring(&app->dwell, app_now(app), &id, &p))
		ring = dwell_ring_rect(app, id);
	LayoutRect old = app->st.dwell_ring;
	if (ring.x != old.x || ring.y != old.y || ring.w != old.w || ring.h != old.h ||
	    (int)(p * 100) != (int)(app->st.dwell_progress * 100)) {
		app->st.dwell_ring = ring;
		app->st.dwell_progress = p;
		app->dirty = true;
	}
}

static void handle_input(App *app, const InputEvent *ev);

/* The walk-up question: a pointer moved for a while and never clicked. */
static void offer_dwell(App *app)
{
	if (app->mode == MODE_PIN || app->mode == MODE_STAFF)
		return; /* staff at work: not for them */
	uint64_t now = app_now(app);
	log_info("a pointer moves but never clicks: asking whether to choose by keeping still");
	if (app->session.state == SESSION_ATTRACT || app->session.state == SESSION_WARNING)
		apply_session(app, session_input(&app->session, now) & (unsigned)~SESSION_ACT_CONSUMED);
	show_mode(app, MODE_DWELL_OFFER);
	dwell_refresh(app, true);
	speak_screen(app);
}

static void dwell_tick_app(App *app)
{
	DwellEvent de = dwell_tick(&app->dwell, app_now(app));
	if (de.type == DWELL_OFFER) {
		offer_dwell(app);
	} else if (de.type == DWELL_PRESS) {
		/* exactly what a tap there does: down, then up at the same place */
		InputEvent ev = {.type = IN_POINTER_DOWN, .x = de.x, .y = de.y, .ms = app_now(app)};
		handle_input(app, &ev);
		ev.type = IN_POINTER_UP;
		handle_input(app, &ev);
	}
}

/* A visitor with one switch who chose "2 switches" in Settings could only move the light,
 * never choose, and never time out while pressing. So many presses of switch 1 in a row
 * (three rounds of the largest flat level) with no switch 2 go back to 1 switch. */
#define TWO_SWITCH_GIVE_UP (3 * (SCAN_FLAT_MAX + 1))
static void two_switch_fallback(App *app, int sw)
{
	Settings *s = &app->settings;
	if (sw == 2 || s->scan.mode != SCAN_STEP || app->site_settings.scan.mode == SCAN_STEP) {
		app->switch1_run = 0;
		return;
	}
	if (++app->switch1_run < TWO_SWITCH_GIVE_UP)
		return;
	app->switch1_run = 0;
	log_info("%d presses of switch 1 and none of switch 2: back to 1 switch", TWO_SWITCH_GIVE_UP);
	s->scan.mode = SCAN_AUTO;
	usage_setting(app->usage, (uint64_t)time(NULL), "scan_mode", "auto");
	apply_settings(app);
	if (app->mode == MODE_SETTINGS)
		show_mode(app, MODE_SETTINGS);
	speak_words(app, app->scan.cfg.hint_auto);
}

static void handle_input(App *app, const InputEvent *ev)
{
	if (getenv("KIOSK_DEBUG_INPUT"))
		log_info("input %d at %d,%d mode %s", ev->type, ev->x, ev->y, mode_names[app->mode]);
	ScanActions acts;
	bool press = ev->type == IN_POINTER_DOWN || (ev->type == IN_SWITCH && ev->down) || ev->type == IN_KEY;
	bool release = ev->type == IN_POINTER_UP || (ev->type == IN_SWITCH && !ev->down);
	uint64_t now = ev->ms;
	if (ev->type == IN_KEY && ev->key == KEY_STAFF) {
		apply_session(app, session_staff_request(&app->session, now, SESSION_GOAL_QUIT));
		return;
	}
	if (ev->type == IN_POINTER_DOWN && in_staff_corner(app, ev->x, ev->y))
		session_staff_hold_begin(&app->session, now);
	if (ev->type == IN_POINTER_UP)
		session_staff_hold_end(&app->session, now);
	if (press)
		dwell_pressed(&app->dwell, now); /* a click is the press: no dwell on top */
	if (press) {
		if (app->service)
			service_input(app->service);
		note_input_method(app, ev->type == IN_SWITCH ? USAGE_SWITCH : ev->type == IN_KEY ? USAGE_KEYS : USAGE_TOUCH);
		bool pad_or_menu = app->mode == MODE_PIN || app->mode == MODE_STAFF;
		bool waking = app->mode == MODE_ATTRACT;
		/* a touch on a language of the attract screen wakes the kiosk in that language */
		char wake_lang[48] = "";
		if (waking && ev->type == IN_POINTER_DOWN && app->layout) {
			const LayoutBox *hb = layout_hit(current_screen(app), ev->x, ev->y);
			if (hb && hb->link && strncmp(hb->link, "kiosk:lang:", 11) == 0)
				snprintf(wake_lang, sizeof(wake_lang), "%s", hb->link + 6);
		}
		SessionActions sa = session_input(&app->session, now);
		if ((sa & SESSION_ACT_CONSUMED) && !pad_or_menu) {
			/* The press that wakes the kiosk or answers "Are you still there?" does only
			 * that; a switch press also starts scanning (walk-up), and a key that wakes
			 * the kiosk also does its own job (Tab: focus on the first item, and from
			 * now on Enter presses what has focus, not switch 2). */
			app->swallow_release = ev->type != IN_KEY;
			apply_session(app, sa);
			if (wake_lang[0] && app->mode != MODE_ATTRACT) {
				kiosk_action(app, wake_lang); /* "lang:<code>" */
				return;
			}
			if (ev->type == IN_KEY && waking && app->mode != MODE_ATTRACT) {
				key_action(app, ev);
				return;
			}
			if (ev->type == IN_SWITCH && !scan_is_on(&app->scan)) {
				scan_switch(&app->scan, ev->sw, true, now, &acts);
				apply_scan(app, &acts);
				app->swallow_release = false;
			}
			return;
		}
		apply_session(app, sa & (unsigned)~SESSION_ACT_CONSUMED);
	}
	const LayoutBox *under = ev->type == IN_POINTER_DOWN ? layout_hit(current_screen(app), ev->x, ev->y) : NULL;
	bool on_bar = under && under->role >= BOX_NAV_HOME && under->role <= BOX_NAV_NEXT;
	if (press && app->mode == MODE_POPUP && ev->type == IN_POINTER_DOWN && !on_bar) {
		/* one tap anywhere but the bar (which works as on the page) closes the explanation */
		app->swallow_release = true;
		show_current(app);
		screen_changed(app);
		return;
	}
	if (release && app->swallow_release) {
		app->swallow_release = false;
		app->st.pressed_box = -1;
		return;
	}
	switch (ev->type) {
	case IN_QUIT:
		if (app->opt.windowed)
			app->running = false;
		else
			log_info("ignoring a request to close the kiosk (staff: hold the top-left corner, or Ctrl+Alt+Q)");
		break;
	case IN_POINTER_DOWN:
		pointer_down(app, ev);
		break;
	case IN_POINTER_UP:
		pointer_up(app, ev);
		break;
	case IN_KEY:
		key_action(app, ev);
		break;
	case IN_SWITCH:
		scan_switch(&app->scan, ev->sw, ev->down, ev->ms, &acts);
		apply_scan(app, &acts);
		if (ev->down)
			two_switch_fallback(app, ev->sw);
		/* one frame per press, even one that only cuts the hint short: the ready file
		 * then tells tests the press was taken (the bar no longer redraws for labels) */
		app->dirty = true;
		break;
	case IN_RESIZED:
		SDL_GetRendererOutputSize(app->sdl, &app->w, &app->h);
		render_clear_cache(app->render); /* everything was shaped for the old size */
		relayout(app);
		scan_refresh(app);
		break;
	case IN_REDRAW:
		app->dirty = true;
		break;
	case IN_RENDER_RESET:
		render_clear_cache(app->render);
		app->dirty = true;
		break;
	case IN_POINTER_MOVE:
		pointer_moved(app, ev);
		break;
	case IN_POINTER_GONE:
		dwell_pointer_gone(&app->dwell, ev->ms);
		break;
	default:
		break;
	}
}

static const char *const role_names[BOX_ROLE_COUNT] = {
	[BOX_TITLE] = "title",	     [BOX_ROW] = "row",		 [BOX_BUTTON] = "button",
	[BOX_NAV_HOME] = "home",     [BOX_NAV_BACK] = "back",	 [BOX_NAV_LISTEN] = "listen",
	[BOX_NAV_PAUSE] = "pause",   [BOX_NAV_AGAIN] = "again", [BOX_NAV_LANGUAGE] = "language",
	[BOX_NAV_SETTINGS] = "settings", [BOX_NAV_NEXT] = "next", [BOX_PAGE_NUMBER] = "page-number",
	[BOX_HARD_WORD] = "hardword",
};

/* The ready file tells tests and benchmarks what is on screen, so they wait on a signal,
 * never a sleep. Written whole then renamed, so a reader never sees half a line. */
static void write_ready_file(const App *app)
{
	char *tmp = xasprintf("%s.tmp", app->opt.ready_file);
	FILE *f = fopen(tmp, "w");
	if (f) {
		fprintf(f, "frame=%lu page=%s screen=%d/%zu focus=%d speaking=%d paused=%d reading=%d word=%zu\n",
			/* the screen shown: of the page, or of a kiosk screen (Settings) */
			app->frames, app->nav.current.page,
			(app->mode == MODE_PAGE ? app->nav.current.screen : app->overlay_screen) + 1,
			app->layout->screen_count, app->st.focus_box, app->speaking, app->paused,
			app->st.reading_box, app->st.word_len ? app->st.word_offset : (size_t)0);
		fprintf(f, "lang=%s title=%s\n", app->lang->code, app->page && app->page->title ? app->page->title : "");
		fprintf(f, "mode=%s countdown=%d text_size=%d theme=%d volume=%d history=%d pin=%s\n",
			mode_names[app->mode],
			app->mode == MODE_WARNING ? session_countdown_s(&app->session, app_now(app)) : -1,
			app->settings.text_size, app->settings.theme, app->settings.volume, app->nav.depth,
			app->mode == MODE_PIN ? (session_pin_locked(&app->session, app_now(app)) ? "locked" : "open") : "-");
		fprintf(f, "scan=%s ring=%d,%d,%d,%d scan_mode=%s scan_paused=%d dwell=%d dwell_ring=%d,%d,%d,%d\n",
			scan_is_on(&app->scan) ? "on" : "off",
			app->st.focus_on_rect ? app->st.focus_rect.x : -1, app->st.focus_on_rect ? app->st.focus_rect.y : -1,
			app->st.focus_on_rect ? app->st.focus_rect.w : -1, app->st.focus_on_rect ? app->st.focus_rect.h : -1,
			app->settings.scan.mode == SCAN_STEP ? "step" : "auto", scan_is_paused(&app->scan),
			app->dwell.cfg.ms, app->st.dwell_ring.x, app->st.dwell_ring.y, app->st.dwell_ring.w,
			app->st.dwell_ring.h);
		/* The targets on screen, so a test can press a real button wherever layout put it. */
		const LayoutScreen *s = current_screen(app);
		for (size_t i = 0; i < s->box_count; i++) {
			const LayoutBox *b = &s->boxes[i];
			if (b->focusable && b->enabled)
				fprintf(f, "box=%zu role=%s x=%d y=%d w=%d h=%d link=%s\n", i, role_names[b->role],
					b->rect.x, b->rect.y, b->rect.w, b->rect.h, b->link ? b->link : "-");
		}
		if (fclose(f) == 0 && rename(tmp, app->opt.ready_file) != 0)
			log_warn("cannot write the ready file %s: %s", app->opt.ready_file, strerror(errno));
	}
	free(tmp);
}

static void draw(App *app)
{
	render_screen(app->render, current_screen(app), theme_get(app->settings.theme), &app->st);
	SDL_RenderPresent(app->sdl);
	app->frames++;
	app->dirty = false;
	if (app->frames == 1 && app->service)
		service_ready(app->service);
	if (app->frames == 1)
		log_info("first frame presented after %.1f ms (%dx%d)",
			 (double)(SDL_GetPerformanceCounter() - app->start_ticks) * 1000.0 /
				 (double)SDL_GetPerformanceFrequency(),
			 app->w, app->h);
	if (app->opt.ready_file)
		write_ready_file(app);
}

/* Opens content, language and fonts: shared by the window and screenshot modes. */
bool app_open_content(App *app)
{
	app->content = content_open(app->opt.content_dir);
	if (!app->content)
		return false;
	log_new_diags(app);
	app->settings = app->content->settings;
	/* the site's own settings (PIN, kiosk id, sound, idle times...) win over the content's */
	if (app->opt.site_file)
		settings_load(&app->settings, app->opt.site_file, &app->content->diags);
	/* ...and so do its [contact] details on the pages (contact.h) */
	content_use_site_file(app->content, app->opt.site_file);
	/* the whole content in memory: a folder that vanishes or is half synced changes
	 * nothing a visitor sees (issue #22) */
	content_keep_pictures(app->content);
	for (int i = 0; i < app->opt.set_count; i++) {
		/* --set section.key=value: the same checks as kiosk.ini */
		char buf[256];
		snprintf(buf, sizeof(buf), "%s", app->opt.sets[i]);
		char *dot = strchr(buf, '.'), *eq = strchr(buf, '=');
		if (!dot || !eq || eq < dot) {
			log_warn("--set wants section.key=value, not '%s'", app->opt.sets[i]);
			continue;
		}
		*dot = *eq = '\0';
		settings_set(&app->settings, buf, dot + 1, eq + 1, "--set", &app->content->diags);
	}
	log_new_diags(app);
	const char *code = app->opt.lang ? app->opt.lang : app->settings.default_language;
	app->lang = content_language(app->content, code);
	if (!app->lang) {
		log_warn("no pages in language '%s', using '%s'", code, app->content->langs[0].code);
		app->lang = &app->content->langs[0];
	}
	load_icons(app);
	/* every language's name in its own words, for the language screen */
	for (size_t i = 0; i < app->content->lang_count && i < SETTINGS_MAX_LANGS; i++) {
		Words w;
		words_defaults(&w);
		snprintf(w.name, sizeof(w.name), "%s", app->content->langs[i].code);
		char *path = lang_file(app, &app->content->langs[i], "words.txt");
		if (path)
			words_load(&w, path, &app->content->diags);
		free(path);
		snprintf(app->lang_names[i], sizeof(app->lang_names[i]), "%s", w.name);
	}
	load_words(app);
	load_glossary(app);
	words_defaults(&app->default_words);
	ContentLanguage *def = content_language(app->content, app->settings.default_language);
	if (def) {
		char *path = lang_file(app, def, "words.txt");
		if (path)
			words_load(&app->default_words, path, &app->content->diags);
		free(path);
	}
	char *pron = lang_file(app, app->lang, "pronounce.txt");
	if (pron)
		pronounce_load(&app->pronounce, pron, &app->content->diags);
	contact_pronounce(&app->content->settings, &app->pronounce); /* the phone number, digit by digit */
	free(pron);
	log_new_diags(app);
	return true;
}

/* The speech thread and audio; with speech off in kiosk.ini there is no Listen button. */
static void start_speech(App *app)
{
	if (!app->settings.speech)
		return;
	app->tts = tts_create();
	app->speech = speech_create(app->tts);
	speech_set_voice(app->speech, settings_voice(&app->settings, app->lang->code));
	speech_set_rate(app->speech, settings_speech_wpm(&app->settings));
	speech_set_volume(app->speech, app->settings.volume);
}

void app_close(App *app)
{
	watch_destroy(app->watch);
	service_destroy(app->service);
	input_destroy(app->input);
	usage_close(app->usage);
	screens_page_free(&app->screen_page);
	layout_page_destroy(app->layout); /* boxes borrow the glossary page */
	app->layout = NULL;
	share_close(app);
	if (app->glossary_page_built)
		glossary_page_free(&app->glossary_page);
	glossary_destroy(app->glossary);
	speech_destroy(app->speech);
	tts_destroy(app->tts);
	pronounce_free(&app->pronounce);
	layout_page_destroy(app->layout);
	screens_page_free(&app->fallback_page);
	screens_page_free(&app->translated_fallback);
	render_destroy(app->render);
	for (int i = 0; i < ICON_COUNT; i++)
		free(app->icons[i]);
	if (app->sdl)
		SDL_DestroyRenderer(app->sdl);
	if (app->surface)
		SDL_FreeSurface(app->surface);
	if (app->window)
		SDL_DestroyWindow(app->window);
	content_close(app->content);
	IMG_Quit();
	SDL_Quit();
}

char *default_font_dir(const AppOptions *opt)
{
	if (opt->font_dir)
		return xstrdup(opt->font_dir);
	char *parent = path_dirname(opt->content_dir);
	char *dir = path_join(parent, "fonts");
	free(parent);
	if (!path_is_dir(dir) && opt->data_dir) {
		/* synced content without fonts of its own: the installed ones */
		free(dir);
		dir = path_join(opt->data_dir, "fonts");
	}
	if (!path_is_dir(dir) && path_is_dir("fonts")) {
		free(dir);
		dir = xstrdup("fonts");
	}
	return dir;
}

static bool create_window(App *app)
{
	/* No accidental OpenGL test context at start-up (+280 ms, +90 MB on llvmpipe). */
	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
	SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
	/* SIGTERM and SIGINT are ours (stopsig.c): SDL would turn them into a window close,
	 * which a kiosk ignores. */
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
		log_error("no display found (%s). The kiosk needs a screen: run it on the kiosk's "
			  "display, or preview pages without one with ./kiosk --screenshot DIR "
			  "(see docs/deploy.md)",
			  SDL_GetError());
		return false;
	}
	Uint32 flags = SDL_WINDOW_SHOWN;
	int w = app->opt.width, h = app->opt.height;
	if (app->opt.windowed) {
		flags |= SDL_WINDOW_RESIZABLE;
		if (w <= 0 || h <= 0) {
			w = 1280;
			h = 800;
		}
	} else {
		/* A borderless window the size of the display: full-screen without the ~100 ms of
		 * mode-switch waits, and a compositor like cage makes it full-screen anyway. */
		flags |= SDL_WINDOW_BORDERLESS;
		SDL_DisplayMode mode;
		if ((w <= 0 || h <= 0) && SDL_GetDesktopDisplayMode(0, &mode) == 0) {
			w = mode.w;
			h = mode.h;
		}
		if (w <= 0 || h <= 0) {
			w = 1920;
			h = 1080;
		}
	}
	int pos = app->opt.windowed ? SDL_WINDOWPOS_CENTERED : 0;
	app->window = SDL_CreateWindow(app->settings.name, pos, pos, w, h, flags);
	if (!app->window) {
		log_error("cannot open the kiosk window: %s", SDL_GetError());
		return false;
	}
	if (!app->opt.software)
		app->sdl = SDL_CreateRenderer(app->window, -1, SDL_RENDERER_ACCELERATED);
	if (!app->sdl) {
		if (!app->opt.software)
			log_info("no hardware renderer (%s), drawing in software", SDL_GetError());
		app->sdl = SDL_CreateRenderer(app->window, -1, SDL_RENDERER_SOFTWARE);
	}
	if (!app->sdl) {
		log_error("cannot draw in the kiosk window: %s", SDL_GetError());
		return false;
	}
	SDL_RendererInfo info;
	if (SDL_GetRendererInfo(app->sdl, &info) == 0)
		log_info("renderer: %s", info.name);
	SDL_GetRendererOutputSize(app->sdl, &app->w, &app->h);
	if (!app->opt.windowed)
		SDL_ShowCursor(SDL_DISABLE);
	/* Switch interfaces often appear as joysticks; plugged in later is fine too. */
	if (SDL_InitSubSystem(SDL_INIT_JOYSTICK) != 0)
		log_warn("joystick switches will not work: %s", SDL_GetError());
	return true;
}

static long rss_kib(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* The monkey test: a batch of random events per frame, the clock jumping forward with them.
 * Returns false when all events were sent (the run then ends cleanly, so leak checkers see a
 * normal exit). */
/* Puts the window back to the size it started with, so memory is compared like for like
 * (a 4K window alone holds a 33 MB frame). */
static void monkey_restore_size(App *app)
{
	SDL_SetWindowSize(app->window, app->monkey_w, app->monkey_h);
	SDL_Event e;
	memset(&e, 0, sizeof(e));
	e.type = SDL_WINDOWEVENT;
	e.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
	SDL_PushEvent(&e);
}

static bool monkey_batch(App *app, Monkey *m, unsigned long *done)
{
	if (app->monkey_measure) {
		/* the restored size has been drawn: measure now, without the allocator's slack
		 * (freed buffers glibc has not yet handed back), the same way both times */
#ifdef __GLIBC__
		malloc_trim(0);
#endif
		long rss = rss_kib();
		if (*done < (unsigned long)app->opt.monkey) {
			app->monkey_rss_1000 = rss;
			log_info("monkey: memory (RSS) after 1000 events %ld KiB", rss);
		} else {
			log_info("monkey: %lu events done, %lu idle resets, memory (RSS) at the end %ld KiB (%+.1f%%)",
				 *done, app->resets, rss,
				 app->monkey_rss_1000 ? 100.0 * (double)(rss - app->monkey_rss_1000) / (double)app->monkey_rss_1000 : 0.0);
			return false;
		}
		app->monkey_measure = false;
	}
	if (*done >= (unsigned long)app->opt.monkey) {
		monkey_restore_size(app);
		app->monkey_measure = true;
		return true;
	}
	/* Now and then nobody touches anything: the clock runs past the idle timeout, then
	 * past the countdown, so warnings and resets happen as in a day at reception. */
	if (app->monkey_quiet > 0) {
		app->monkey_quiet--;
		app->clock_jump += (uint64_t)(app->settings.session.idle_timeout_s + app->settings.session.warning_s) * 1000;
		if (app->monkey_quiet == 0) {
			/* a sample every 500 events, for the trend of minima in tests/e2e_monkey.sh */
#ifdef __GLIBC__
			malloc_trim(0);
#endif
			log_info("monkey: memory (RSS) at %lu events %ld KiB", *done, rss_kib());
		}
		return true;
	}
	for (int i = 0; i < 20 && *done < (unsigned long)app->opt.monkey; i++) {
		app->clock_jump += monkey_event(m, app->window, app->w, app->h);
		if (*done % 500 == 499)
			app->monkey_quiet = 2;
		if (++*done == 1000) {
			monkey_restore_size(app);
			app->monkey_measure = true;
			break;
		}
	}
	return true;
}

/* RenderPictureFn: the current content's kept bytes of a picture (content_keep_pictures). */
static const void *kept_picture(void *ctx, const char *path, size_t *len)
{
	const App *app = ctx;
	return content_picture(app->content, path, len);
}

int app_run(const AppOptions *opt)
{
	App app = {.opt = *opt};
	app.start_ticks = SDL_GetPerformanceCounter();
	render_state_init(&app.st);
	int rc = 1;
	char *font_dir = default_font_dir(opt);
	/* Before SDL or speech start threads, so all of them inherit the blocked signals. */
	Uint32 stop_event = SDL_RegisterEvents(1);
	stopsig_start(stop_event == (Uint32)-1 ? 0 : stop_event);
	if (!app_open_content(&app))
		goto out;
	app.service = service_create(&app.settings, KIOSK_VERSION, app.opt.time_scale);
	service_content_loaded(app.service, app.opt.content_dir, (long)diag_count(&app.content->diags, DIAG_ERROR));
	if (!create_window(&app))
		goto out;
	app.render = render_create(app.sdl, font_dir);
	if (!app.render)
		goto out;
	render_set_async(app.render); /* no picture can freeze the screen (issue #22) */
	render_set_picture_source(app.render, kept_picture, &app);
	app.last_read_row = -1;
	app.last_activated = -1;
	app.focus_id = -1;
	app.input = input_create(&app.settings);
	scan_init(&app.scan, &app.settings.scan);
	dwell_init(&app.dwell, &app.settings.dwell);
	app.site_settings = app.settings;
	session_init(&app.session, &app.settings.session, app_now(&app));
	if (app.settings.session.pin_broken)
		log_error("the staff PIN in kiosk.ini is not 4 to 12 digits: the staff exit (Ctrl+Alt+Q, "
			  "the corner hold) stays closed until it is fixed");
	else if (!session_pin_set(&app.session) && app.opt.site_file)
		log_warn("no staff PIN is set: the kiosk will not close. Set one with: sudo kiosk --set-pin "
			 "(it goes into %s)", app.opt.site_file);
	else if (!session_pin_set(&app.session))
		log_warn("no staff PIN is set in kiosk.ini ([session] pin = ...): anyone who finds the "
			 "staff corner or Ctrl+Alt+Q can close the kiosk");
	if (app.settings.usage) {
		char *path = app.settings.usage_file[0] ? xstrdup(app.settings.usage_file) : usage_default_path();
		app.usage = usage_open(path);
		usage_set_kiosk(app.usage, service_kiosk_id(app.service)); /* [kiosk] id, else the host name */
		log_info("usage figures go to %s", path);
		free(path);
	}
	share_open(&app);
	app.reload_event = SDL_RegisterEvents(1);
	if (app.reload_event != (Uint32)-1) {
		const char *dirs[2] = {app.opt.content_dir, app.content->images_dir};
		app.watch = watch_create(dirs, 2, app.reload_event);
	}
	nav_init(&app.nav, app.settings.home);
	show_mode(&app, MODE_ATTRACT);
	Monkey monkey;
	monkey_init(&monkey, app.opt.monkey_seed);
	SDL_GetWindowSize(app.window, &app.monkey_w, &app.monkey_h);
	unsigned long monkey_done = 0;
	app.running = true;
	while (app.running) {
		if (app.reload_pending && app.mode == MODE_ATTRACT)
			reload_content(&app); /* nobody is reading: switch to the new content now */
		access_sync(&app);
		if (app.dirty)
			draw(&app);
		if (!app.speech && app.settings.speech) {
			/* Speech and sound start after the first frame is on screen: eSpeak's voice
			 * data and the audio device cost tens of ms that a visitor should not wait for
			 * to see the page. */
			start_speech(&app);
			if (app.mode == MODE_PAGE)
				screen_changed(&app);
			if (app.dirty)
				continue;
		}
		if (app.opt.monkey > 0 && !monkey_batch(&app, &monkey, &monkey_done))
			break;
		/* Sleep in SDL until input or the next timed thing: the word highlight while
		 * speech plays, the scanner's next step. An idle kiosk wakes for nothing. */
		uint64_t now = app_now(&app), due = app.speaking ? UINT64_MAX : scan_next_deadline(&app.scan);
		uint64_t session_due = session_next_deadline(&app.session, now);
		if (session_due < due)
			due = session_due;
		if (app.speech && speech_active(app.speech) && now + SPEECH_TICK_MS < due)
			due = now + SPEECH_TICK_MS;
		uint64_t dwell_due = dwell_next_deadline(&app.dwell);
		if (dwell_due < due)
			due = dwell_due;
		if (dwell_busy(&app.dwell) && now + DWELL_FRAME_MS < due)
			due = now + DWELL_FRAME_MS; /* the ring fills smoothly */
		SDL_Event e;
		uint64_t wait = due <= now || app.opt.monkey > 0 ? 0 : due - now;
		if (app.opt.time_scale > 1)
			wait = (wait + (uint64_t)app.opt.time_scale - 1) / (uint64_t)app.opt.time_scale;
		uint64_t service_wait = service_wait_ms(app.service); /* real time: the watchdog */
		if (service_wait < wait)
			wait = service_wait;
		int got = due == UINT64_MAX && service_wait == UINT64_MAX && app.opt.monkey == 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, (int)(wait < 60000 ? wait : 60000));
		if (got) {
			do {
				InputEvent ev;
				if (stopsig_received()) {
					app.running = false; /* systemctl stop: write what is open, exit 0 */
					break;
				}
				if (e.type == SDL_AUDIODEVICEREMOVED && !e.adevice.iscapture && app.speech) {
					speech_audio_lost(app.speech);
					sync_speech_buttons(&app);
					continue;
				}
				if (e.type == render_picture_event(app.render) && e.type != 0) {
					app.dirty = true; /* a picture finished decoding: draw it */
					continue;
				}
				if (app.watch && e.type == app.reload_event) {
					log_info("the content changed on disk: it will be shown %s",
						 app.mode == MODE_ATTRACT ? "now" : "when the kiosk is next free");
					app.reload_pending = true;
					continue;
				}
				const char *say = NULL;
				if (share_event(&app, &e, &say)) {
					/* the help call's answer, or a print job's end: show it and say it */
					if (app.mode == MODE_HELP || app.mode == MODE_SHARE) {
						show_mode(&app, app.mode);
						if (app.mode == MODE_HELP)
							speak_screen(&app);
						else if (say && app.settings.speech)
							speak_words(&app, say);
					}
					continue;
				}
				if (pin_key(&app, &e))
					continue;
				if (input_translate(app.input, &e, app.w, app.h, &ev)) {
					ev.ms = app_now(&app); /* one clock for input and timers */
					handle_input(&app, &ev);
				}
			} while (app.running && SDL_PollEvent(&e));
		}
		if (stopsig_received())
			break;
		if (app.speech)
			speech_tick(&app);
		if (service_tick(app.service, app.speech))
			sync_speech_buttons(&app);
		ScanActions acts;
		if (!app.speaking) { /* scanning holds while the page is read, and goes on after */
			scan_tick(&app.scan, app_now(&app), &acts);
			apply_scan(&app, &acts);
		}
		apply_session(&app, session_tick(&app.session, app_now(&app)));
		dwell_tick_app(&app);
	}
	reset_visit(&app, stopsig_received() ? "stop" : "staff");
	if (stopsig_received())
		log_info("stopped by signal %d: the open visit is written", stopsig_received());
	rc = 0;
out:
	free(font_dir);
	app_close(&app);
	return rc;
}
