/* kiosk: the visit as a state machine (see kiosk.h). Everything a visitor does arrives at
 * kiosk_handle as an InputEvent; what the host must do (speak, stop, quit...) leaves as
 * Effects. Nothing here calls SDL or eSpeak, and nothing calls back into the host, so the
 * calls below never run in circles through the host: a change of screen (screen_changed)
 * refreshes focus and scanning and queues speech, and that is all.
 *
 * Reading order: kiosk_handle (input, timers, speech reports) -> activate (a press on a box,
 * dispatched through the action table) -> show_mode / show_current (what fills the screen)
 * -> relayout (the layout boxes everything else reads). Core module. */
#include "kiosk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bidi.h"
#include "contact.h"
#include "screens.h"
#include "share.h"
#include "recording.h"
#include "util.h"

const char *const kiosk_mode_names[MODE_COUNT] = {"page",  "attract", "warning", "settings",
						  "pin",   "staff",   "language", "popup",
						  "share", "help",    "dwell-offer"};

static const char *const icon_files[ICON_COUNT] = {
	"home.svg", "back.svg", "next.svg",   "listen.svg", "settings.svg",
	"stop.svg", "pause.svg", "resume.svg", "again.svg", "language.svg",
	"help.svg",
};

void render_state_init(RenderState *st)
{
	*st = (RenderState){.pressed_box = -1, .focus_box = -1, .reading_box = -1};
}

/* ---- effects ---- */

void effect_free_say(Effect *e)
{
	size_t count = e->narration ? e->narration->count : e->count;
	for (size_t i = 0; e->recordings && i < count; i++)
		recording_ref_free(&e->recordings[i]);
	free(e->recordings);
	narration_destroy(e->narration);
	e->recordings = NULL;
	e->narration = NULL;
}

static Effect *push_effect(Kiosk *kiosk, EffectType type)
{
	if (kiosk->fx.count == KIOSK_MAX_EFFECTS) {
		/* The host drains after every event; a full list is a bug, not content. */
		log_error("too many effects queued; dropping the oldest");
		if (kiosk->fx.items[0].type == FX_SAY || kiosk->fx.items[0].type == FX_PREFETCH)
			effect_free_say(&kiosk->fx.items[0]);
		memmove(kiosk->fx.items, kiosk->fx.items + 1, (KIOSK_MAX_EFFECTS - 1) * sizeof(Effect));
		kiosk->fx.count--;
	}
	Effect *e = &kiosk->fx.items[kiosk->fx.count++];
	*e = (Effect){.type = type};
	return e;
}

static void push_flag(Kiosk *kiosk, EffectType type, bool flag)
{
	push_effect(kiosk, type)->flag = flag;
}

void kiosk_effects_clear(Kiosk *kiosk)
{
	for (size_t i = 0; i < kiosk->fx.count; i++)
		if (kiosk->fx.items[i].type == FX_SAY || kiosk->fx.items[i].type == FX_PREFETCH)
			effect_free_say(&kiosk->fx.items[i]);
	kiosk->fx.count = 0;
}

/* Usage events carry the wall clock (seconds since 1970), not the kiosk's timer clock. */
static uint64_t wall_s(void)
{
	return (uint64_t)time(NULL);
}

/* ---- content, words and pages ---- */

void kiosk_log_new_diags(Kiosk *kiosk)
{
	DiagList *d = &kiosk->content->diags;
	for (size_t i = kiosk->diags_logged; i < d->count; i++) {
		char *line = diag_format(&d->items[i]);
		fprintf(stderr, "kiosk: content: %s\n", line);
		free(line);
	}
	kiosk->diags_logged = d->count;
}

static void load_icons(Kiosk *kiosk)
{
	for (int i = 0; i < ICON_COUNT; i++) {
		free(kiosk->icons[i]);
		kiosk->icons[i] = NULL;
		char *ui = path_join(kiosk->content->images_dir, "ui");
		char *path = path_join(ui, icon_files[i]);
		free(ui);
		if (path_is_file(path)) {
			kiosk->icons[i] = path;
		} else {
			log_warn("icon %s is missing: the button shows its word only", path);
			free(path);
		}
	}
}

/* The hard words of the current language and the "Hard words" page made from them. */
static void load_glossary(Kiosk *kiosk)
{
	if (kiosk->glossary_page_built)
		glossary_page_free(&kiosk->glossary_page);
	kiosk->glossary_page_built = false;
	glossary_destroy(kiosk->glossary);
	kiosk->glossary = glossary_load(kiosk->content, kiosk->lang);
	kiosk_log_new_diags(kiosk);
	if (kiosk->glossary) {
		glossary_make_page(kiosk->glossary, &kiosk->glossary_page);
		kiosk->glossary_page_built = true;
	}
}

/* A language's own file (words.txt, pronounce.txt), or NULL (with an error) when it is a
 * link to something outside the content folder: such a file is never read (issue #22). */
static char *lang_file(Content *content, const ContentLanguage *lang, const char *name)
{
	char *path = path_join(lang->dir, name);
	if (path_is_file(path) && !path_is_beneath(content->dir, path)) {
		diag_add(&content->diags, DIAG_ERROR, path, 0, 0,
			 "this file is a link to a file outside the content folder: it is not read");
		free(path);
		return NULL;
	}
	return path;
}

static void load_words(Words *w, Content *content, const ContentLanguage *lang)
{
	words_defaults(w);
	char *path = lang_file(content, lang, "words.txt");
	if (path)
		words_load(w, path, &content->diags);
	free(path);
	w->rtl = lang_is_rtl(lang->code);
}

static void load_pronounce(Kiosk *kiosk)
{
	pronounce_free(&kiosk->pronounce);
	char *path = lang_file(kiosk->content, kiosk->lang, "pronounce.txt");
	if (path)
		pronounce_load(&kiosk->pronounce, path, &kiosk->content->diags);
	free(path);
	contact_pronounce(&kiosk->content->settings, &kiosk->pronounce); /* the phone number, digit by digit */
}

/* Everything that comes from the content folder and the settings, at start-up and after a
 * reload alike: languages' names, the default language's words, icons, the language's words,
 * glossary and pronunciations. */
static void configure_language_data(Kiosk *kiosk)
{
	for (size_t i = 0; i < kiosk->content->lang_count && i < SETTINGS_MAX_LANGS; i++) {
		Words w;
		load_words(&w, kiosk->content, &kiosk->content->langs[i]);
		if (strcmp(w.name, "English") == 0 && strcmp(kiosk->content->langs[i].code, "en") != 0)
			snprintf(w.name, sizeof(w.name), "%s", kiosk->content->langs[i].code);
		snprintf(kiosk->lang_names[i], sizeof(kiosk->lang_names[i]), "%s", w.name);
	}
	words_defaults(&kiosk->default_words);
	ContentLanguage *def = content_language(kiosk->content, kiosk->site_settings.default_language);
	if (def)
		load_words(&kiosk->default_words, kiosk->content, def);
	load_icons(kiosk);
	load_words(&kiosk->words, kiosk->content, kiosk->lang);
	load_glossary(kiosk);
	load_pronounce(kiosk);
	kiosk_log_new_diags(kiosk);
}

void kiosk_switch_language(Kiosk *kiosk, ContentLanguage *lang)
{
	kiosk->lang = lang;
	load_words(&kiosk->words, kiosk->content, lang);
	load_glossary(kiosk);
	load_pronounce(kiosk);
	kiosk_log_new_diags(kiosk);
	usage_language(kiosk->host.usage, wall_s(), lang->code);
}

/* A page built in memory when the one asked for cannot be shown: the visitor gets a clear
 * sentence and working Home/Back buttons instead of a crash or a blank screen. */
static ContentPage *missing_page(Kiosk *kiosk, const char *name)
{
	screens_missing(&kiosk->fallback_page, name, &kiosk->words, kiosk->content->images_dir);
	return &kiosk->fallback_page;
}

/* The page `name` of the current language (or the generated Hard words page, or the default
 * language's page with a note); NULL when there is none. */
static ContentPage *find_page(Kiosk *kiosk, const char *name)
{
	ContentPage *p = content_page(kiosk->content, kiosk->lang, name);
	if (!p && kiosk->glossary_page_built && strcmp(name, GLOSSARY_PAGE_NAME) == 0)
		p = &kiosk->glossary_page; /* "Hard words" is made from glossary.md */
	ContentLanguage *def = content_language(kiosk->content, kiosk->settings.default_language);
	if (!p && def && def != kiosk->lang) {
		/* Not translated yet: the default language's page, with a note saying so. */
		ContentPage *d = content_page(kiosk->content, def, name);
		if (d) {
			screens_page_with_note(&kiosk->translated_fallback, d, kiosk->default_words.in_default,
					       kiosk->content->images_dir);
			log_info("page %s is not in %s: showing it in %s", name, kiosk->lang->code, def->code);
			p = &kiosk->translated_fallback;
		}
	}
	kiosk_log_new_diags(kiosk);
	return p;
}

/* ---- layout ---- */

const LayoutScreen *kiosk_screen(const Kiosk *kiosk)
{
	size_t i = kiosk->mode == MODE_PAGE ? (size_t)kiosk->nav.current.screen : (size_t)kiosk->overlay_screen;
	return &kiosk->layout->screens[i < kiosk->layout->screen_count ? i : 0];
}

static int box_index(const LayoutScreen *s, const LayoutBox *b)
{
	return b ? (int)(b - s->boxes) : -1;
}

static void dwell_refresh(Kiosk *kiosk, bool new_screen);

/* The help page ([help] page) when the content has it in this language or the default one
 * (shown then with a note), else NULL: no Help slot in the bar. */
static const char *help_page(Kiosk *kiosk)
{
	const char *name = kiosk->settings.help_page;
	if (!name[0])
		return NULL;
	if (content_page(kiosk->content, kiosk->lang, name))
		return name;
	ContentLanguage *def = content_language(kiosk->content, kiosk->settings.default_language);
	return def && def != kiosk->lang && content_page(kiosk->content, def, name) ? name : NULL;
}

/* LayoutParams.hard_word: the glossary's word for a bold run, so layout makes the hard
 * words boxes of the screen (drawn, tapped, scanned and listed from one list). */
static const char *glossary_word(void *ctx, const char *text, size_t len)
{
	const Kiosk *kiosk = ctx;
	const GlossaryEntry *e = glossary_find_n(kiosk->glossary, text, len);
	return e ? e->word : NULL;
}

/* Lays the current page out again. keep_state: only labels changed (Listen <-> Stop), so
 * focus and highlight stay where they are. */
static void relayout_keep(Kiosk *kiosk, bool keep_state)
{
	layout_page_destroy(kiosk->layout);
	bool page = kiosk->mode == MODE_PAGE || kiosk->mode == MODE_SETTINGS || kiosk->mode == MODE_LANGUAGE ||
		    kiosk->mode == MODE_SHARE || kiosk->mode == MODE_HELP ||
		    kiosk->mode == MODE_POPUP; /* a pop-up: Back and Home close it */
	bool page_bar = kiosk->mode == MODE_PAGE || kiosk->mode == MODE_POPUP;
	const Words *w = &kiosk->words;
	const char *help = help_page(kiosk);
	LayoutParams p = {
		.screen_w = kiosk->w,
		.screen_h = kiosk->h,
		.text_scale = settings_text_scale(kiosk->settings.text_size),
		.measure = kiosk->host.measure,
		.measure_ctx = kiosk->host.measure_ctx,
		.icon_home = kiosk->icons[ICON_HOME],
		.icon_back = kiosk->icons[ICON_BACK],
		.icon_next = kiosk->icons[ICON_NEXT],
		.icon_listen = kiosk->icons[kiosk->speaking ? ICON_STOP : ICON_LISTEN],
		.icon_settings = kiosk->icons[ICON_SETTINGS],
		.label_listen = kiosk->speaking ? w->stop : w->listen,
		.label_listen_alt = kiosk->speaking ? w->listen : w->stop,
		.label_pause_alt = kiosk->paused ? w->pause : w->go_on,
		.label_home = w->home,
		.label_back = w->back,
		.label_next = w->next,
		.label_settings = w->settings,
		.label_language = w->language,
		.page_of_format = w->page_of,
		.icon_language = kiosk->icons[ICON_LANGUAGE],
		/* a hard word's pop-up keeps the page's bar: Settings and Language do not vanish */
		.show_language = page_bar && kiosk->content->lang_count > 1,
		.rtl = lang_is_rtl(kiosk->lang->code),
		.min_body_px = kiosk->host.min_body_px
				       ? kiosk->host.min_body_px(kiosk->host.measure_ctx, kiosk->w,
								 kiosk->settings.panel_width_mm,
								 kiosk->settings.viewing_distance_mm)
				       : 0,
		/* The kiosk's own screens keep only what makes sense there. */
		.show_listen = kiosk->settings.speech && kiosk->mode != MODE_PIN && kiosk->mode != MODE_STAFF &&
			       kiosk->mode != MODE_ATTRACT,
		.show_settings = page_bar,
		.icon_pause = kiosk->icons[kiosk->paused ? ICON_RESUME : ICON_PAUSE],
		.label_pause = kiosk->paused ? w->go_on : w->pause,
		.show_pause = kiosk->speaking,
		.icon_again = kiosk->icons[ICON_AGAIN],
		.label_again = w->again,
		/* Again sits in its own slot on every screen that can speak, from the first
		 * frame: a bar that changes when a row is read is a bar that moves (issue #14).
		 * With nothing read yet it reads the screen (say_again). Shown like Listen, from
		 * the setting, so it does not appear when the voice comes up after the first frame. */
		.show_again = kiosk->settings.speech && page,
		/* Ask for help in one press from every screen with a bar (issue #15): a slot of
		 * its own next to Home whenever the content has a help page, in every mode, so
		 * the bar is the same everywhere. It stays on the help page itself (no hole
		 * appears as the visitor arrives): there it goes to the page's first screen. */
		.label_help = w->help,
		.icon_help = kiosk->icons[ICON_HELP],
		.help_slot = help != NULL,
		.show_help = help && page,
		.can_go_back = page && (nav_can_go_back(&kiosk->nav) || kiosk->mode != MODE_PAGE),
		.is_home = !page || (nav_is_home(&kiosk->nav) && kiosk->mode == MODE_PAGE),
	};
	/* hard words on pages, but not on the Hard words page, where every row explains one */
	if (kiosk->glossary && kiosk->mode == MODE_PAGE && kiosk->page != &kiosk->glossary_page) {
		p.hard_word = glossary_word;
		p.hard_word_ctx = kiosk;
	}
	/* the fonts' sizes for this text size (Urdu's x-height matched, render_fit_scripts) */
	if (kiosk->host.fit_scripts)
		kiosk->host.fit_scripts(kiosk->host.measure_ctx, p.text_scale);
	if (kiosk->mode == MODE_PIN)
		kiosk->layout = screens_pin_pad(&p, kiosk->pin_message);
	else if (kiosk->mode == MODE_SHARE)
		kiosk->layout = share_layout(kiosk, &p);
	else
		kiosk->layout = layout_page(kiosk->page, &p);
	if (kiosk->mode == MODE_PAGE)
		nav_clamp(&kiosk->nav, (int)kiosk->layout->screen_count);
	if (kiosk->layout->degraded[0] && strcmp(kiosk->layout->degraded, kiosk->degraded_logged) != 0) {
		/* once per screen size and text size, not once per page */
		log_info("layout: %s", kiosk->layout->degraded);
		snprintf(kiosk->degraded_logged, sizeof(kiosk->degraded_logged), "%s", kiosk->layout->degraded);
	}
	if (!keep_state)
		render_state_init(&kiosk->st);
	kiosk->dirty = true;
	dwell_refresh(kiosk, !keep_state);
}

static void relayout(Kiosk *kiosk)
{
	relayout_keep(kiosk, false);
}

/* Shows the page the nav says we are on (loading it if needed). */
static void show_current(Kiosk *kiosk)
{
	kiosk->mode = MODE_PAGE;
	ContentPage *p = find_page(kiosk, kiosk->nav.current.page);
	if (!p) {
		log_error("page %s cannot be shown, showing an apology page instead", kiosk->nav.current.page);
		p = missing_page(kiosk, kiosk->nav.current.page);
	}
	p = share_with_buttons(kiosk, p); /* Take it home, Call someone to help me */
	if (p != kiosk->page)
		log_info("showing %s", kiosk->nav.current.page);
	kiosk->page = p;
	relayout(kiosk);
}

bool kiosk_show_page(Kiosk *kiosk, const char *name)
{
	ContentPage *p = find_page(kiosk, name);
	if (!p)
		return false;
	nav_init(&kiosk->nav, kiosk->settings.home);
	if (strcmp(name, kiosk->settings.home) != 0)
		nav_open(&kiosk->nav, name);
	kiosk->mode = MODE_PAGE;
	kiosk->page = share_with_buttons(kiosk, p);
	relayout(kiosk);
	return true;
}

ContentPage *kiosk_reading_page(Kiosk *kiosk)
{
	return find_page(kiosk, kiosk->nav.current.page);
}

void kiosk_show_screen(Kiosk *kiosk, int i)
{
	kiosk->nav.current.screen = i;
	render_state_init(&kiosk->st);
	dwell_refresh(kiosk, true);
}

/* ---- recordings: which recording (recording.h) belongs to each part of a narration ----
 * A content page's title is row 0 and its rows 1, 2, 3...; the generated "Hard words" page
 * and a hard word's pop-up show rows of glossary.md, so they play the glossary's recordings.
 * A part gets no recording when it is a picture's description, a kiosk screen's words, or a
 * row split across screens (the recording is of the whole row); eSpeak NG reads those. The
 * kiosk and --speak use the same mapping, so both mix the same way. */

/* The row of page g that `row` is (or is a copy of: same source line and text), or -1. */
static int row_in(const ContentPage *g, const ContentRow *row)
{
	for (size_t i = 0; g && i < g->row_count; i++)
		if (&g->rows[i] == row || (g->rows[i].line == row->line && strcmp(g->rows[i].text, row->text) == 0))
			return (int)i;
	return -1;
}

/* The box shows all of its text (not one part of a row split across screens). */
static bool whole(const LayoutBox *b, const char *text)
{
	if (b->continued || b->word_count == 0)
		return false;
	const LayoutWord *last = &b->words[b->word_count - 1];
	return b->words[0].offset == 0 && last->offset + last->len == strlen(text);
}

/* The page file a shown page comes from: the page itself, or the one it was copied from
 * with the kiosk's own buttons added first (share.c), in the visitor's language. A page
 * shown from another language (not translated yet) has none: its rows are not this
 * language's recordings. */
static const ContentPage *source_page(const Kiosk *kiosk, const ContentPage *p)
{
	const ContentLanguage *l = kiosk->lang;
	for (size_t i = 0; i < l->page_count; i++)
		if (&l->pages[i] == p || (p->name && strcmp(l->pages[i].name, p->name) == 0 && l->pages[i].loaded &&
					  l->pages[i].ok && !l->pages[i].is_glossary && p != &kiosk->translated_fallback))
			return &l->pages[i];
	return NULL;
}

static void find_part(const Kiosk *kiosk, const LayoutBox *b, RecordingRef *ref)
{
	const ContentPage *p = kiosk->page;
	const char *dir = kiosk->content->dir, *lang = kiosk->lang->code;
	if (!p)
		return;
	const ContentPage *src = kiosk->mode == MODE_PAGE && p != &kiosk->glossary_page ? source_page(kiosk, p) : NULL;
	/* the Hard words page and a hard word's pop-up show glossary.md's rows */
	const ContentPage *g = kiosk->glossary && (p == &kiosk->glossary_page || kiosk->mode == MODE_POPUP)
				       ? kiosk->glossary->page
				       : NULL;
	if (b->role == BOX_TITLE) {
		const char *title = layout_box_text(b);
		if (!whole(b, title))
			return;
		if (src && src->title && strcmp(src->title, title) == 0)
			recording_find(dir, lang, src->name, 0, ref);
		else if (g && p == &kiosk->glossary_page && g->title && strcmp(g->title, title) == 0)
			recording_find(dir, lang, g->name, 0, ref);
		return;
	}
	if ((b->role != BOX_ROW && b->role != BOX_BUTTON) || b->row_index < 0 || (size_t)b->row_index >= p->row_count)
		return;
	const ContentRow *row = &p->rows[b->row_index];
	if (!whole(b, row->text))
		return;
	int n = src ? row_in(src, row) : -1;
	if (n >= 0)
		recording_find(dir, lang, src->name, n + 1, ref);
	else if (g && (n = row_in(g, row)) >= 0)
		recording_find(dir, lang, g->name, n + 1, ref);
}

RecordingRef *kiosk_recording_refs(const Kiosk *kiosk, const LayoutScreen *s, const Narration *n)
{
	RecordingRef *refs = xcalloc(n->count ? n->count : 1, sizeof(RecordingRef));
	if (!kiosk->content || !kiosk->lang)
		return refs;
	for (size_t i = 0; i < n->count; i++) {
		const NarrationPart *np = &n->parts[i];
		if (np->is_alt || np->box < 0 || (size_t)np->box >= s->box_count)
			continue;
		find_part(kiosk, &s->boxes[np->box], &refs[i]);
	}
	return refs;
}

/* ---- speech ---- */

static void scan_refresh(Kiosk *kiosk);
static void apply_scan(Kiosk *kiosk, const ScanActions *acts);

NarrationOptions kiosk_narration_options(const Kiosk *kiosk)
{
	return (NarrationOptions){.read_alt = kiosk->settings.read_alt_text,
				  .pronounce = &kiosk->pronounce,
				  .more_hint = kiosk->mode == MODE_PAGE ? kiosk->words.more_next : NULL};
}

/* The speech buttons follow the speech: Listen/Stop and Pause/Go on swap their words in
 * their own slots. Again does not follow it: it is always there (relayout_keep). */
static void sync_speech_buttons(Kiosk *kiosk)
{
	/* a scan label, a hint or a setting's word read out never changes the buttons */
	bool speaking = kiosk->voice_active && kiosk->reading;
	bool paused = speaking && kiosk->voice_paused;
	/* The visitor's own speech playing is a visit in use: no "Are you still there?" in the
	 * middle of a page read aloud (the warning's own words do not count). */
	session_reading(&kiosk->session,
			speaking && !paused && kiosk->mode != MODE_WARNING && kiosk->mode != MODE_ATTRACT, kiosk->now);
	if (speaking == kiosk->speaking && paused == kiosk->paused)
		return;
	kiosk->speaking = speaking;
	kiosk->paused = paused;
	relayout_keep(kiosk, true);
}

/* Any navigation, a new tap or a new Listen stops what is being read, at once. */
static void stop_speech(Kiosk *kiosk)
{
	if (!kiosk->has_speech)
		return;
	push_effect(kiosk, FX_STOP_SPEECH);
	kiosk->voice_active = false;
	kiosk->voice_paused = false;
	kiosk->st.reading_box = -1;
	kiosk->st.word_len = 0;
	kiosk->dirty = true;
	sync_speech_buttons(kiosk);
}

/* reading: a reading of the page (Listen, a row, Again), which lights the speech buttons and
 * holds the idle timer; not a label, a hint or a setting's new words. */
static void say(Kiosk *kiosk, Narration *n, bool reading)
{
	if (!kiosk->has_speech || !kiosk->settings.speech) {
		narration_destroy(n);
		return;
	}
	Effect *e = push_effect(kiosk, FX_SAY);
	e->narration = n;
	e->recordings = kiosk_recording_refs(kiosk, kiosk_screen(kiosk), n);
	kiosk->voice_active = true;
	kiosk->voice_paused = false;
	kiosk->reading = reading;
	sync_speech_buttons(kiosk);
}

static void speak(Kiosk *kiosk, Narration *n)
{
	say(kiosk, n, true);
}

/* A language's own name is spoken in that language (the language screen). */
static const char *voice_for_box(const Kiosk *kiosk, const LayoutBox *b)
{
	if (b && b->action == ACT_LANGUAGE && b->link)
		return settings_voice(&kiosk->settings, b->link);
	return NULL;
}

static void speak_screen(Kiosk *kiosk)
{
	if (!kiosk->has_speech || !kiosk->settings.speech)
		return;
	NarrationOptions o = kiosk_narration_options(kiosk);
	const LayoutScreen *s = kiosk_screen(kiosk);
	Narration *n = narration_screen(s, &o);
	for (size_t i = 0; i < n->count; i++)
		if (n->parts[i].box >= 0)
			narration_set_voice(n, i, voice_for_box(kiosk, &s->boxes[n->parts[i].box]));
	speak(kiosk, n);
	kiosk->reading_all = true;
}

/* After "Are you still there?": the reading the warning cut short goes on from the row it
 * was in (the whole row again, so the sentence is heard whole). */
static void resume_reading(Kiosk *kiosk)
{
	if (!kiosk->resume || kiosk->mode != MODE_PAGE || !kiosk->has_speech || !kiosk->settings.speech)
		return;
	kiosk->resume = false;
	const LayoutScreen *s = kiosk_screen(kiosk);
	if (kiosk->resume_box < 0 || (size_t)kiosk->resume_box >= s->box_count)
		return;
	NarrationOptions o = kiosk_narration_options(kiosk);
	log_info("carrying on reading from box %d", kiosk->resume_box);
	if (kiosk->resume_all) {
		speak(kiosk, narration_screen_from(s, kiosk->resume_box, &o));
		kiosk->reading_all = true;
	} else {
		kiosk->last_read_row = s->boxes[kiosk->resume_box].row_index;
		speak(kiosk, narration_box(s, kiosk->resume_box, &o));
		kiosk->reading_all = false;
	}
}

static void speak_box(Kiosk *kiosk, int box)
{
	if (!kiosk->has_speech || !kiosk->settings.speech || box < 0)
		return;
	NarrationOptions o = kiosk_narration_options(kiosk);
	kiosk->last_read_row = kiosk_screen(kiosk)->boxes[box].row_index;
	speak(kiosk, narration_box(kiosk_screen(kiosk), box, &o));
	kiosk->reading_all = false;
}

/* Words not on screen (a scan label, a hint): said in the language's voice or another. */
static void speak_words_in(Kiosk *kiosk, const char *text, const char *voice)
{
	if (!kiosk->has_speech || !kiosk->settings.speech)
		return;
	NarrationOptions o = kiosk_narration_options(kiosk);
	Narration *n = narration_text(text, &o);
	narration_set_voice(n, 0, voice);
	say(kiosk, n, false);
	kiosk->st.reading_box = -1;
}

static void speak_words(Kiosk *kiosk, const char *text)
{
	speak_words_in(kiosk, text, NULL);
}

/* "Say again": the row read last, if it is on this screen; with none, the screen. */
static void say_again(Kiosk *kiosk)
{
	const LayoutScreen *s = kiosk_screen(kiosk);
	for (size_t i = 0; i < s->box_count; i++)
		if (kiosk->last_read_row >= 0 && s->boxes[i].row_index == kiosk->last_read_row) {
			speak_box(kiosk, (int)i);
			return;
		}
	speak_screen(kiosk);
}

static void toggle_pause(Kiosk *kiosk)
{
	if (kiosk->voice_active) {
		kiosk->voice_paused = !kiosk->voice_paused;
		push_flag(kiosk, FX_PAUSE_SPEECH, kiosk->voice_paused);
	}
	sync_speech_buttons(kiosk);
}

/* What the host's speech reports: the word being heard, and whether it still speaks. */
static void speech_report(Kiosk *kiosk, const InputEvent *ev)
{
	bool was_active = kiosk->voice_active;
	const LayoutScreen *s = kiosk_screen(kiosk);
	int box = ev->speech_box;
	if (box >= 0 && (size_t)box < s->box_count && s->boxes[box].row_index >= 0)
		kiosk->last_read_row = s->boxes[box].row_index;
	if (kiosk->st.reading_box != box || kiosk->st.word_offset != ev->speech_offset ||
	    kiosk->st.word_len != ev->speech_len) {
		kiosk->st.reading_box = box;
		kiosk->st.word_offset = ev->speech_offset;
		kiosk->st.word_len = ev->speech_len;
		kiosk->dirty = true;
	}
	kiosk->voice_active = ev->speech_active;
	kiosk->voice_paused = ev->speech_paused;
	sync_speech_buttons(kiosk);
	if (was_active && !kiosk->voice_active && kiosk->scan_wait_speech) {
		ScanActions acts;
		kiosk->scan_wait_speech = false;
		scan_speech_finished(&kiosk->scan, kiosk->now, &acts);
		apply_scan(kiosk, &acts);
	}
}

/* ---- screens ---- */

/* Usage figures: the screen being left, with the time spent on it. */
static void record_page_view(Kiosk *kiosk)
{
	if (kiosk->viewing_page[0] && kiosk->session_started_s)
		usage_page_view(kiosk->host.usage, wall_s(), kiosk->lang->code, kiosk->viewing_page,
				kiosk->viewing_screen, (long long)((kiosk->now - kiosk->screen_since_ms) / 1000));
	kiosk->viewing_page[0] = '\0';
}

/* The screen's recordings start decoding in the background, so a tap plays at once. */
static void prefetch_recordings(Kiosk *kiosk)
{
	if (!kiosk->has_speech || !kiosk->settings.speech || kiosk->mode != MODE_PAGE)
		return;
	NarrationOptions o = kiosk_narration_options(kiosk);
	Narration *n = narration_screen(kiosk_screen(kiosk), &o);
	Effect *e = push_effect(kiosk, FX_PREFETCH);
	e->recordings = kiosk_recording_refs(kiosk, kiosk_screen(kiosk), n);
	e->count = n->count;
	narration_destroy(n);
}

/* Called after the screen changed (new page or Back/Next): stop reading, maybe read anew. */
static void screen_changed(Kiosk *kiosk)
{
	record_page_view(kiosk);
	if (kiosk->mode == MODE_PAGE) {
		snprintf(kiosk->viewing_page, sizeof(kiosk->viewing_page), "%s", kiosk->nav.current.page);
		kiosk->viewing_screen = kiosk->nav.current.screen;
		kiosk->screen_since_ms = kiosk->now;
	}
	stop_speech(kiosk);
	kiosk->last_read_row = -1; /* "Again" repeats a row of the screen being looked at */
	sync_speech_buttons(kiosk);
	scan_refresh(kiosk);
	if (kiosk->settings.read_on_open)
		speak_screen(kiosk);
	else
		prefetch_recordings(kiosk);
}

/* ---- actions ---- */

static void show_mode(Kiosk *kiosk, KioskMode mode);
static void apply_session(Kiosk *kiosk, SessionActions acts);
static void open_popup(Kiosk *kiosk, const char *word);

/* The action of a box and its argument: a page name or language code (text), a digit (arg). */
typedef struct {
	KioskAction action;
	int arg;
	char text[sizeof(((Nav *)0)->current.page)];
} Action;

static Action box_action(const LayoutBox *b)
{
	Action a = {.action = b->action, .arg = b->action_arg};
	if (!b->link)
		return a;
	if (strlen(b->link) >= sizeof(a.text)) {
		log_warn("a button's link is too long to follow (%zu bytes)", strlen(b->link));
		return (Action){.action = ACT_NONE};
	}
	if (a.action == ACT_NONE)
		a.action = ACT_OPEN_PAGE; /* a content page's button */
	snprintf(a.text, sizeof(a.text), "%s", b->link);
	return a;
}

static void go_to_current_page(Kiosk *kiosk)
{
	show_current(kiosk);
	screen_changed(kiosk);
}

static void do_open_page(Kiosk *kiosk, const Action *a)
{
	if (nav_open(&kiosk->nav, a->text))
		go_to_current_page(kiosk);
}

/* The bar's Help: the help page, the way a button to it goes (history, so Back returns to
 * the screen the visitor was on; the page view logged). On the help page (or its pop-up or
 * call screen) it goes to the help page's first screen without a second copy in the history. */
static void do_ask_for_help(Kiosk *kiosk, const Action *a)
{
	(void)a;
	const char *help = help_page(kiosk);
	if (!help)
		return;
	if (strcmp(kiosk->nav.current.page, help) == 0) {
		kiosk->nav.current.screen = 0;
		go_to_current_page(kiosk);
		return;
	}
	Action open = {.action = ACT_OPEN_PAGE};
	snprintf(open.text, sizeof(open.text), "%s", help);
	do_open_page(kiosk, &open);
}

static void do_pin(Kiosk *kiosk, const Action *a)
{
	Session *s = &kiosk->session;
	switch (a->action) {
	case ACT_PIN_DIGIT:
		apply_session(kiosk, session_pin_digit(s, kiosk->now, a->arg));
		break;
	case ACT_PIN_DELETE:
		apply_session(kiosk, session_pin_backspace(s, kiosk->now));
		break;
	case ACT_PIN_OK:
		apply_session(kiosk, session_pin_enter(s, kiosk->now));
		break;
	default:
		apply_session(kiosk, session_pin_cancel(s, kiosk->now));
		break;
	}
}

/* Puts the visitor's settings into effect (after a change or a reset). */
static void apply_settings(Kiosk *kiosk)
{
	push_effect(kiosk, FX_SPEECH_SETTINGS);
	push_effect(kiosk, FX_CLEAR_CACHE);
	ScanActions acts;
	scan_set_config(&kiosk->scan, &kiosk->settings.scan, kiosk->now, &acts);
	apply_scan(kiosk, &acts);
	dwell_refresh(kiosk, false);
}

/* The same page in the chosen language, where the visitor was. */
static void do_language(Kiosk *kiosk, const Action *a)
{
	ContentLanguage *l = content_language(kiosk->content, a->text);
	if (l) {
		kiosk_switch_language(kiosk, l);
		apply_settings(kiosk);
	}
	go_to_current_page(kiosk);
}

static void do_back_to_page(Kiosk *kiosk, const Action *a)
{
	(void)a;
	go_to_current_page(kiosk);
}

static void do_reload(Kiosk *kiosk, const Action *a)
{
	(void)a;
	push_effect(kiosk, FX_RELOAD);
}

/* A kiosk with site settings (installed) and no staff PIN must not let a visitor out: the
 * hidden corner and Ctrl+Alt+Q would be the only lock. */
static void staff_quit(Kiosk *kiosk)
{
	if (kiosk->host.site_file && !session_pin_set(&kiosk->session)) {
		log_warn("not closing: no staff PIN is set. Set one with: sudo kiosk --set-pin "
			 "(it goes into %s), then sudo systemctl restart kiosk",
			 kiosk->host.site_file);
		apply_session(kiosk, session_staff_done(&kiosk->session, kiosk->now));
		return;
	}
	log_info("staff closed the kiosk");
	push_effect(kiosk, FX_QUIT);
}

static void do_quit(Kiosk *kiosk, const Action *a)
{
	(void)a;
	staff_quit(kiosk);
}

/* The walk-up question answered: back to the page, with dwell on or not. */
static void do_dwell_answer(Kiosk *kiosk, const Action *a)
{
	Settings *s = &kiosk->settings;
	if (a->action == ACT_DWELL_YES) {
		s->dwell.ms = s->dwell.visitor_ms;
		char value[16];
		snprintf(value, sizeof(value), "%d", s->dwell.ms);
		usage_setting(kiosk->host.usage, wall_s(), "dwell_ms", value);
		log_info("the visitor turned dwell on (%d ms)", s->dwell.ms);
	}
	show_current(kiosk);
	apply_settings(kiosk);
	screen_changed(kiosk);
}

/* Take it home (the QR code) and Call someone to help me: a screen of their own, read out. */
static void do_share(Kiosk *kiosk, const Action *a)
{
	kiosk->share_status = NULL;
	if (a->action == ACT_HELP_CALL) {
		/* the host presses the call and answers with its state (IN_HELP_ANSWER): the
		 * screen is said then, with what the call is doing */
		push_effect(kiosk, FX_HELP_CALL);
		show_mode(kiosk, MODE_HELP);
		return;
	}
	show_mode(kiosk, MODE_SHARE);
	speak_screen(kiosk);
}

/* Print: the host draws and sends the page on a thread of its own; "Your page is printing" is
 * said at once, a problem when the host knows it (kiosk_print_done). One page at a time. */
static void do_print(Kiosk *kiosk, const Action *a)
{
	(void)a;
	if (!kiosk->settings.print_printer[0])
		return;
	if (!kiosk->printing)
		push_effect(kiosk, FX_PRINT);
	kiosk->printing = true;
	kiosk->share_status = kiosk->words.printing;
	show_mode(kiosk, MODE_SHARE);
	speak_words(kiosk, kiosk->share_status);
}

void kiosk_print_done(Kiosk *kiosk, bool ok, uint64_t now)
{
	kiosk->now = now;
	kiosk->printing = false;
	kiosk->share_status = ok ? kiosk->words.printing : kiosk->words.print_failed;
	if (kiosk->mode == MODE_SHARE) {
		show_mode(kiosk, MODE_SHARE);
		if (!ok)
			speak_words(kiosk, kiosk->share_status);
	}
}

void kiosk_show_mode(Kiosk *kiosk, KioskMode mode)
{
	show_mode(kiosk, mode);
}

void kiosk_show_share(Kiosk *kiosk)
{
	kiosk->nav.current.screen = 0;
	share_take_home(kiosk);
	kiosk->mode = MODE_SHARE;
	kiosk->page = &kiosk->screen_page;
	relayout(kiosk);
	kiosk->mode = MODE_PAGE;
}

static void do_staff_done(Kiosk *kiosk, const Action *a)
{
	(void)a;
	apply_session(kiosk, session_staff_done(&kiosk->session, kiosk->now));
}

/* One step along a range of n steps from step, or -1 past either end. */
static int step_along(int step, int n, bool up)
{
	int next = step + (up ? 1 : -1);
	return next < 0 || next >= n ? -1 : next;
}

/* A Settings button: change the setting, log it, put it into effect, show the new value and
 * say the button's new words. A pair's button at the end of its range (Larger at the largest
 * text) changes nothing: its words say the end ("largest now") and are said again. */
static void do_setting(Kiosk *kiosk, const Action *a)
{
	Settings *s = &kiosk->settings;
	const char *changed = NULL;
	char value[64] = "";
	int step = 0;
	switch (a->action) {
	case ACT_SMALLER:
	case ACT_LARGER:
		step = step_along((int)s->text_size, TEXT_SIZE_COUNT, a->action == ACT_LARGER);
		if (step >= 0) {
			s->text_size = (TextSize)step;
			changed = "text_size";
			snprintf(value, sizeof(value), "%s", settings_text_size_name(s->text_size));
		}
		break;
	case ACT_THEME:
		s->theme = (ThemeId)((s->theme + 1) % THEME_COUNT);
		changed = "theme";
		snprintf(value, sizeof(value), "%s", settings_theme_name(s->theme));
		break;
	case ACT_SPEECH:
		s->speech = !s->speech;
		changed = "speech";
		break;
	case ACT_READ_ON_OPEN:
		s->read_on_open = !s->read_on_open;
		changed = "read_on_open";
		break;
	case ACT_SLOWER:
	case ACT_FASTER:
		step = step_along((int)screens_rate_step(s), RATE_COUNT, a->action == ACT_FASTER);
		if (step >= 0) {
			s->rate = (SpeechRate)step;
			s->rate_wpm = 0;
			changed = "rate";
			snprintf(value, sizeof(value), "%s", settings_rate_name(s->rate));
		}
		break;
	case ACT_LOUDER:
	case ACT_QUIETER:
		step = step_along(screens_volume_step(s->volume), SCREENS_VOLUME_STEPS, a->action == ACT_LOUDER);
		if (step >= 0) {
			s->volume = screens_volume_percent(step);
			changed = "volume";
			snprintf(value, sizeof(value), "%d", s->volume);
		}
		break;
	case ACT_SCAN_SPEED:
		s->scan.interval_ms = screens_next_scan_interval(s->scan.interval_ms);
		changed = "scan_interval";
		break;
	case ACT_SWITCHES:
		s->scan.mode = s->scan.mode == SCAN_STEP ? SCAN_AUTO : SCAN_STEP;
		changed = "scan_mode";
		snprintf(value, sizeof(value), "%s", s->scan.mode == SCAN_STEP ? "step" : "auto");
		break;
	case ACT_SCAN_LABELS:
		s->scan.speak_labels = !s->scan.speak_labels;
		changed = "scan_speak_labels";
		snprintf(value, sizeof(value), "%s", s->scan.speak_labels ? "yes" : "no");
		break;
	case ACT_DWELL:
		s->dwell.ms = dwell_next_choice(s->dwell.ms, s->dwell.visitor_ms);
		changed = "dwell_ms";
		snprintf(value, sizeof(value), "%d", s->dwell.ms);
		break;
	case ACT_NEXT_LANGUAGE:
		if (kiosk->content->lang_count < 2)
			return;
		kiosk_switch_language(kiosk, &kiosk->content->langs[(size_t)(kiosk->lang - kiosk->content->langs + 1) %
								    kiosk->content->lang_count]);
		changed = "language";
		break;
	default:
		return;
	}
	if (changed) {
		if (!value[0])
			snprintf(value, sizeof(value), "%d", 0);
		usage_setting(kiosk->host.usage, wall_s(), changed, value);
		apply_settings(kiosk);
	}
	int focus = kiosk->st.focus_box;
	bool ring = kiosk->st.show_focus;
	show_mode(kiosk, MODE_SETTINGS);
	kiosk->st.focus_box = focus;
	kiosk->st.show_focus = ring;
	/* The button pressed stays in view, focused: a larger text can move it to another
	 * Settings screen. Its new words are said (at an end: "largest now"). */
	const LayoutPage *lp = kiosk->layout;
	for (size_t sc = 0; sc < lp->screen_count; sc++)
		for (size_t i = 0; i < lp->screens[sc].box_count; i++) {
			const LayoutBox *b = &lp->screens[sc].boxes[i];
			if (b->action != a->action)
				continue;
			if ((int)sc != kiosk->overlay_screen) {
				kiosk->overlay_screen = (int)sc;
				render_state_init(&kiosk->st);
				dwell_refresh(kiosk, true);
				scan_refresh(kiosk);
				kiosk->st.show_focus = ring;
			}
			kiosk->st.focus_box = (int)i;
			speak_words(kiosk, layout_box_text(b));
			return;
		}
}

/* One handler per action (dwm's handler table). */
static void (*const action_handlers[ACT_COUNT])(Kiosk *, const Action *) = {
	[ACT_OPEN_PAGE] = do_open_page,
	[ACT_PIN_DIGIT] = do_pin,
	[ACT_PIN_DELETE] = do_pin,
	[ACT_PIN_OK] = do_pin,
	[ACT_PIN_CANCEL] = do_pin,
	[ACT_LANGUAGE] = do_language,
	[ACT_CLOSE] = do_back_to_page,
	[ACT_DONE] = do_back_to_page,
	[ACT_SMALLER] = do_setting,
	[ACT_LARGER] = do_setting,
	[ACT_THEME] = do_setting,
	[ACT_SPEECH] = do_setting,
	[ACT_READ_ON_OPEN] = do_setting,
	[ACT_SLOWER] = do_setting,
	[ACT_FASTER] = do_setting,
	[ACT_LOUDER] = do_setting,
	[ACT_QUIETER] = do_setting,
	[ACT_SCAN_SPEED] = do_setting,
	[ACT_NEXT_LANGUAGE] = do_setting,
	[ACT_RELOAD] = do_reload,
	[ACT_QUIT] = do_quit,
	[ACT_STAFF_DONE] = do_staff_done,
	[ACT_TAKE_HOME] = do_share,
	[ACT_PRINT] = do_print,
	[ACT_HELP_CALL] = do_share,
	[ACT_DWELL_YES] = do_dwell_answer,
	[ACT_DWELL_NO] = do_dwell_answer,
	[ACT_SWITCHES] = do_setting,
	[ACT_SCAN_LABELS] = do_setting,
	[ACT_DWELL] = do_setting,
	[ACT_ASK_FOR_HELP] = do_ask_for_help,
};

static void usage_on_screen(Kiosk *kiosk, bool (*log)(UsageLog *, uint64_t, const char *, const char *, int))
{
	log(kiosk->host.usage, wall_s(), kiosk->lang->code, kiosk->nav.current.page, kiosk->nav.current.screen);
}

/* A press on a box: its action, or what its role does in the bottom bar. */
static void activate(Kiosk *kiosk, const LayoutBox *target)
{
	if (!target->enabled || !target->focusable)
		return;
	/* Many actions lay the screen out again, which frees the box: work on copies. */
	int index = box_index(kiosk_screen(kiosk), target);
	LayoutRole role = target->role;
	int row_index = target->row_index;
	if (role == BOX_HARD_WORD) {
		char word[128];
		snprintf(word, sizeof(word), "%s", target->link ? target->link : "");
		open_popup(kiosk, word); /* the hard word's explanation */
		return;
	}
	Action a = box_action(target); /* the bar's Help carries ACT_ASK_FOR_HELP (layout.c) */
	if (a.action != ACT_NONE && a.action != ACT_OPEN_PAGE) {
		action_handlers[a.action](kiosk, &a);
		return;
	}
	if (kiosk->mode != MODE_PAGE) {
		/* The kiosk's own screens: their nav buttons lead back to the pages. */
		switch (role) {
		case BOX_NAV_HOME:
			nav_home(&kiosk->nav);
			go_to_current_page(kiosk);
			return;
		case BOX_NAV_BACK:
			/* Back goes to the screen before, as on a page: a kiosk screen of
			 * several screens (Settings) first steps back through its own */
			if (kiosk->overlay_screen > 0) {
				kiosk->overlay_screen--;
				render_state_init(&kiosk->st);
				dwell_refresh(kiosk, true);
				kiosk->dirty = true;
				scan_refresh(kiosk);
				return;
			}
			go_to_current_page(kiosk);
			return;
		case BOX_NAV_NEXT:
			if ((size_t)kiosk->overlay_screen + 1 < kiosk->layout->screen_count) {
				kiosk->overlay_screen++;
				render_state_init(&kiosk->st);
				dwell_refresh(kiosk, true);
				kiosk->dirty = true;
				scan_refresh(kiosk);
			}
			return;
		case BOX_NAV_SETTINGS: /* from a pop-up: its Done goes back to the page */
			show_mode(kiosk, MODE_SETTINGS);
			return;
		case BOX_NAV_LANGUAGE:
			show_mode(kiosk, MODE_LANGUAGE);
			return;
		case BOX_NAV_LISTEN:
		case BOX_ROW:
		case BOX_NAV_PAUSE:
			break; /* reading works the same everywhere */
		default:
			return;
		}
	}
	int before = kiosk->nav.current.screen;
	char before_page[sizeof(kiosk->nav.current.page)];
	snprintf(before_page, sizeof(before_page), "%s", kiosk->nav.current.page);
	switch (role) {
	case BOX_BUTTON:
		if (a.action == ACT_OPEN_PAGE)
			do_open_page(kiosk, &a);
		return;
	case BOX_NAV_LISTEN:
		if (kiosk->speaking) {
			stop_speech(kiosk);
			usage_on_screen(kiosk, usage_stop);
		} else {
			speak_screen(kiosk);
			usage_on_screen(kiosk, usage_listen);
		}
		return;
	case BOX_NAV_SETTINGS:
		show_mode(kiosk, MODE_SETTINGS);
		return;
	case BOX_NAV_LANGUAGE:
		show_mode(kiosk, MODE_LANGUAGE);
		return;
	case BOX_NAV_PAUSE:
		toggle_pause(kiosk);
		return;
	case BOX_NAV_AGAIN:
		say_again(kiosk);
		usage_replay(kiosk->host.usage, wall_s(), kiosk->lang->code, kiosk->nav.current.page,
			     kiosk->nav.current.screen, kiosk->last_read_row);
		return;
	case BOX_ROW:
		/* Tap a row to hear just that row; tapping the row being read stops it. */
		if (kiosk->speaking && kiosk->st.reading_box == index) {
			stop_speech(kiosk);
		} else {
			speak_box(kiosk, index);
			usage_replay(kiosk->host.usage, wall_s(), kiosk->lang->code, kiosk->nav.current.page,
				     kiosk->nav.current.screen, row_index);
		}
		return;
	case BOX_NAV_HOME:
		nav_home(&kiosk->nav);
		break;
	case BOX_NAV_BACK:
		nav_back(&kiosk->nav);
		break;
	case BOX_NAV_NEXT:
		nav_next(&kiosk->nav, (int)kiosk->layout->screen_count);
		break;
	default:
		return;
	}
	if (strcmp(before_page, kiosk->nav.current.page) != 0) {
		go_to_current_page(kiosk);
	} else if (before != kiosk->nav.current.screen) {
		render_state_init(&kiosk->st);
		dwell_refresh(kiosk, true);
		kiosk->dirty = true;
		screen_changed(kiosk);
	}
}

/* ---- focus and switch scanning ---- */

/* The targets of the screen in reading order, as box indices (a row's hard words follow
 * it: layout puts them there). Returns how many. */
static size_t focus_order(const Kiosk *kiosk, int *ids, size_t max)
{
	const LayoutScreen *s = kiosk_screen(kiosk);
	size_t n = 0;
	for (size_t i = 0; i < s->box_count && n < max; i++)
		if (s->boxes[i].focusable && s->boxes[i].enabled)
			ids[n++] = (int)i;
	return n;
}

/* Puts the focus ring on a box. */
static void set_focus(Kiosk *kiosk, int id)
{
	kiosk->focus_id = id;
	kiosk->st.focus_on_rect = false;
	kiosk->st.focus_box = id >= 0 ? id : -1;
	kiosk->dirty = true;
}

/* Keyboard focus moves through the targets of the screen in reading order. */
static void move_focus(Kiosk *kiosk, int step)
{
	int ids[SCAN_MAX_ITEMS];
	size_t n = focus_order(kiosk, ids, SCAN_MAX_ITEMS);
	if (n == 0)
		return;
	size_t at = n;
	for (size_t i = 0; i < n; i++)
		if (ids[i] == kiosk->focus_id && (kiosk->st.focus_box >= 0 || kiosk->st.focus_on_rect))
			at = i;
	size_t next = at == n ? (step > 0 ? 0 : n - 1) : (at + n + (size_t)(step > 0 ? 1 : n - 1)) % n;
	set_focus(kiosk, ids[next]);
	kiosk->st.show_focus = true;
	kiosk->st.scan_fill = false; /* the keyboard ring, not the switch highlight */
}

static void set_keyboard_mode(Kiosk *kiosk, bool on)
{
	if (kiosk->keyboard_mode != on)
		push_flag(kiosk, FX_KEYBOARD_MODE, on);
	kiosk->keyboard_mode = on;
}

/* The scan's items are the screen's targets, in focus order: page rows and buttons form
 * group 0, the navigation bar group 1. Labels are short: a button's words, a row's first
 * words. */
static void scan_refresh(Kiosk *kiosk)
{
	const LayoutScreen *s = kiosk_screen(kiosk);
	int ids[SCAN_MAX_ITEMS];
	size_t n = focus_order(kiosk, ids, SCAN_MAX_ITEMS);
	for (size_t k = 0; k < n; k++) {
		char *label = kiosk->scan_labels[k];
		const LayoutBox *b = &s->boxes[ids[k]];
		if (b->role == BOX_HARD_WORD) { /* "What does this mean: advocacy?" */
			snprintf(label, sizeof(kiosk->scan_labels[0]), "%s: %.60s?", kiosk->words.hard_word_prompt,
				 b->link ? b->link : "");
			kiosk->scan_items[k] = (ScanItem){.id = ids[k], .group = 0, .label = label, .waits_for_speech = true};
			continue;
		}
		const char *text = layout_box_text(b);
		size_t cut = 0, words = 0;
		/* a row's first six words are enough to recognise it */
		while (cut < sizeof(kiosk->scan_labels[0]) - 1 && text[cut]) {
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
		kiosk->scan_items[k] = (ScanItem){
			.id = ids[k],
			.group = nav ? 1 : tile_group < SCAN_GROUPS ? tile_group : SCAN_GROUPS - 1,
			.label = label,
			.waits_for_speech = b->role == BOX_ROW || b->role == BOX_NAV_AGAIN ||
					    (b->role == BOX_NAV_LISTEN && !kiosk->speaking),
		};
	}
	ScanActions acts;
	scan_screen_changed(&kiosk->scan, kiosk->scan_items, n, kiosk->now, &acts);
	apply_scan(kiosk, &acts);
	dwell_refresh(kiosk, true);
}

/* The ring around a whole group: the bounding box of its items. */
static LayoutRect group_rect(const Kiosk *kiosk, int group)
{
	const LayoutScreen *s = kiosk_screen(kiosk);
	int x0 = INT32_MAX, y0 = INT32_MAX, x1 = 0, y1 = 0;
	for (size_t k = 0; k < kiosk->scan.item_count; k++) {
		if (kiosk->scan.items[k].group != group)
			continue;
		int id = kiosk->scan.items[k].id;
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

static void apply_scan(Kiosk *kiosk, const ScanActions *acts)
{
	for (size_t i = 0; i < acts->count; i++) {
		const ScanAction *a = &acts->a[i];
		const LayoutScreen *s = kiosk_screen(kiosk);
		bool on_box = a->target.kind == SCAN_TARGET_ITEM && a->target.id >= 0 && (size_t)a->target.id < s->box_count;
		switch (a->type) {
		case SCAN_ACT_HIGHLIGHT:
			kiosk->st.focus_on_rect = false;
			kiosk->st.focus_box = -1;
			if (on_box) {
				kiosk->st.focus_box = a->target.id;
			} else if (a->target.kind == SCAN_TARGET_GROUP || a->target.kind == SCAN_TARGET_EXIT) {
				kiosk->st.focus_on_rect = true;
				kiosk->st.focus_rect = group_rect(kiosk, a->target.group);
			}
			kiosk->st.show_focus = a->target.kind != SCAN_TARGET_NONE;
			kiosk->st.scan_fill = kiosk->st.show_focus; /* thick and filled (render.c) */
			kiosk->dirty = true;
			break;
		case SCAN_ACT_SPEAK_LABEL:
			kiosk->scan_wait_speech = false;
			speak_words_in(kiosk, a->text, on_box ? voice_for_box(kiosk, &s->boxes[a->target.id]) : NULL);
			break;
		case SCAN_ACT_SPEAK_HINT:
			speak_words(kiosk, a->text);
			kiosk->scan_wait_speech = true;
			break;
		case SCAN_ACT_ACTIVATE:
			if (a->target.id >= 0 && (size_t)a->target.id < s->box_count) {
				bool waits = false;
				for (size_t k = 0; k < kiosk->scan.item_count; k++)
					if (kiosk->scan.items[k].id == a->target.id)
						waits = kiosk->scan.items[k].waits_for_speech;
				activate(kiosk, &s->boxes[a->target.id]);
				kiosk->scan_wait_speech = waits && kiosk->voice_active;
				if (waits && !kiosk->scan_wait_speech) {
					/* nothing to hear (speech off): go straight on */
					ScanActions more;
					scan_speech_finished(&kiosk->scan, kiosk->now, &more);
					apply_scan(kiosk, &more);
				}
			}
			break;
		case SCAN_ACT_STOP_SPEECH:
			kiosk->scan_wait_speech = false;
			stop_speech(kiosk);
			break;
		case SCAN_ACT_STARTED:
			log_info("switch scanning started");
			set_keyboard_mode(kiosk, false);
			break;
		case SCAN_ACT_STOPPED:
			log_info("switch scanning stopped");
			kiosk->st.show_focus = false;
			kiosk->dirty = true;
			break;
		case SCAN_ACT_PAUSED:
			/* shown by view_sync while paused; said once here */
			log_info("switch scanning paused after its rounds: \"%s\"", kiosk->words.scan_paused);
			speak_words(kiosk, kiosk->words.scan_paused);
			kiosk->dirty = true;
			break;
		case SCAN_ACT_RESUMED:
			kiosk->dirty = true;
			break;
		}
	}
}

/* ---- the kiosk's own screens ---- */

static void update_pin_message(Kiosk *kiosk)
{
	if (session_pin_locked(&kiosk->session, kiosk->now)) {
		snprintf(kiosk->pin_message, sizeof(kiosk->pin_message), "Locked: try again in %d seconds",
			 session_lockout_s(&kiosk->session, kiosk->now));
		return;
	}
	int n = session_pin_length(&kiosk->session);
	char dots[8 + 4 * SESSION_PIN_MAX] = "PIN: ";
	for (int i = 0; i < n && strlen(dots) + 4 < sizeof(dots); i++)
		strcat(dots, "\xe2\x97\x8f "); /* a dot per digit, never the digit */
	snprintf(kiosk->pin_message, sizeof(kiosk->pin_message), "%s", n ? dots : "PIN:");
}

/* A hard word's explanation in a large pop-up, read aloud; one press closes it. */
static void open_popup(Kiosk *kiosk, const char *word)
{
	const GlossaryEntry *e = word && kiosk->glossary ? glossary_find_n(kiosk->glossary, word, strlen(word)) : NULL;
	if (!e)
		return;
	stop_speech(kiosk);
	screens_glossary_popup(&kiosk->screen_page, e->word, e->row, &kiosk->words, kiosk->content->images_dir);
	kiosk->mode = MODE_POPUP;
	kiosk->page = &kiosk->screen_page;
	kiosk->overlay_screen = 0;
	relayout(kiosk);
	scan_refresh(kiosk);
	speak_screen(kiosk);
}

/* Every language's code and its own name (borrowed); returns how many. */
static size_t language_names(const Kiosk *kiosk, const char **codes, const char **names)
{
	size_t n = kiosk->content->lang_count; /* at most SETTINGS_MAX_LANGS (content.c) */
	for (size_t i = 0; i < n; i++) {
		codes[i] = kiosk->content->langs[i].code;
		names[i] = kiosk->lang_names[i];
	}
	return n;
}

/* Shows one of the kiosk's own screens (or the current page for MODE_PAGE). */
/* The attract screen's title: the site's name ([kiosk] name) in the site's own language;
 * in another language the home page's title, which its translators wrote (the site's name
 * stayed in English above a screen in Urdu). Borrowed from the settings or the content. */
static const char *attract_title(Kiosk *kiosk)
{
	if (strcmp(kiosk->lang->code, kiosk->site_settings.default_language) == 0)
		return kiosk->settings.name;
	const ContentPage *home = content_page(kiosk->content, kiosk->lang, kiosk->settings.home);
	return home && home->ok && home->title && *home->title ? home->title : kiosk->settings.name;
}

static void show_mode(Kiosk *kiosk, KioskMode mode)
{
	const char *images = kiosk->content->images_dir;
	if (mode != MODE_PAGE && kiosk->mode != mode)
		stop_speech(kiosk);
	if (mode == MODE_PAGE) {
		show_current(kiosk);
		return;
	}
	if ((mode == MODE_WARNING || mode == MODE_PIN || mode == MODE_STAFF) &&
	    (kiosk->mode == MODE_PAGE || kiosk->mode == MODE_SETTINGS || kiosk->mode == MODE_ATTRACT ||
	     kiosk->mode == MODE_SHARE || kiosk->mode == MODE_HELP))
		kiosk->before_overlay = kiosk->mode;
	bool same = kiosk->mode == mode;
	kiosk->mode = mode;
	if (!same)
		kiosk->overlay_screen = 0;
	switch (mode) {
	case MODE_ATTRACT: {
		const char *title = attract_title(kiosk);
		screens_attract(&kiosk->screen_page, title, &kiosk->words, images);
		if (kiosk->content->lang_count > 1) { /* the same screen, offering the languages */
			const char *codes[SETTINGS_MAX_LANGS], *names[SETTINGS_MAX_LANGS];
			size_t n = language_names(kiosk, codes, names);
			screens_attract_languages(&kiosk->screen_page, title, &kiosk->words, codes, names, n, images);
		}
		break;
	}
	case MODE_WARNING:
		screens_warning(&kiosk->screen_page, session_countdown_s(&kiosk->session, kiosk->now), &kiosk->words,
				images);
		break;
	case MODE_SETTINGS:
		screens_settings(&kiosk->screen_page, &kiosk->settings, &kiosk->words,
				 kiosk->lang_names[kiosk->lang - kiosk->content->langs], kiosk->content->lang_count > 1,
				 images);
		break;
	case MODE_STAFF:
		screens_staff_menu(&kiosk->screen_page, images);
		break;
	case MODE_LANGUAGE: {
		const char *codes[SETTINGS_MAX_LANGS], *names[SETTINGS_MAX_LANGS];
		size_t n = language_names(kiosk, codes, names);
		screens_languages(&kiosk->screen_page, kiosk->words.language, codes, names, n, kiosk->lang->code, images);
		break;
	}
	case MODE_PIN:
		update_pin_message(kiosk);
		break;
	case MODE_SHARE:
		share_take_home(kiosk);
		break;
	case MODE_HELP:
		share_help_screen(kiosk);
		break;
	case MODE_DWELL_OFFER:
		screens_dwell_offer(&kiosk->screen_page, &kiosk->words, images);
		break;
	default:
		break;
	}
	kiosk->page = &kiosk->screen_page;
	relayout_keep(kiosk, same);
	if (!same)
		scan_refresh(kiosk);
}

/* ---- the visit ---- */

/* The end of a visit: everything back as the site set it, ready for the next person. */
static void reset_visit(Kiosk *kiosk, const char *reason)
{
	stop_speech(kiosk);
	ScanActions acts;
	scan_reset(&kiosk->scan, &acts);
	apply_scan(kiosk, &acts);
	dwell_reset(&kiosk->dwell, kiosk->now);
	record_page_view(kiosk);
	if (kiosk->session_started_s)
		usage_session_end(kiosk->host.usage, wall_s(), reason,
				  (long long)(wall_s() - kiosk->session_started_s));
	kiosk->session_started_s = 0;
	ContentLanguage *def = content_language(kiosk->content, kiosk->site_settings.default_language);
	kiosk->settings = kiosk->site_settings;
	if (def && def != kiosk->lang)
		kiosk_switch_language(kiosk, def);
	apply_settings(kiosk);
	nav_reset(&kiosk->nav);
	kiosk->last_read_row = -1;
	kiosk->resume = false;
	set_keyboard_mode(kiosk, false);
}

void kiosk_end_visit(Kiosk *kiosk, const char *reason)
{
	reset_visit(kiosk, reason);
}

static void apply_session(Kiosk *kiosk, SessionActions acts)
{
	if (acts & SESSION_ACT_RESET) {
		log_info("no one has used the kiosk for a while: starting again for the next person");
		kiosk->resets++;
		reset_visit(kiosk, "idle");
	}
	if (acts & SESSION_ACT_SHOW_ATTRACT)
		show_mode(kiosk, MODE_ATTRACT);
	if (acts & SESSION_ACT_OPEN_HOME) {
		kiosk->session_started_s = wall_s();
		usage_session_start(kiosk->host.usage, kiosk->session_started_s, kiosk->lang->code);
		push_effect(kiosk, FX_VISIT_STARTED);
		nav_reset(&kiosk->nav);
		go_to_current_page(kiosk);
	}
	if (acts & SESSION_ACT_SHOW_WARNING) {
		/* a reading cut short (paused, or a row with no end) is remembered for "carry on" */
		kiosk->resume = kiosk->mode == MODE_PAGE && kiosk->voice_active && kiosk->st.reading_box >= 0;
		kiosk->resume_box = kiosk->st.reading_box;
		kiosk->resume_all = kiosk->reading_all;
		usage_idle_warning(kiosk->host.usage, wall_s(), false);
		show_mode(kiosk, MODE_WARNING);
	}
	if (acts & SESSION_ACT_SPEAK_WARNING)
		speak_screen(kiosk);
	if ((acts & SESSION_ACT_COUNTDOWN) && kiosk->mode == MODE_WARNING)
		show_mode(kiosk, MODE_WARNING);
	if (acts & SESSION_ACT_CONTINUE) {
		if (kiosk->mode == MODE_WARNING)
			usage_idle_warning(kiosk->host.usage, wall_s(), true);
		stop_speech(kiosk);
		show_mode(kiosk, kiosk->before_overlay);
		if (kiosk->before_overlay == MODE_PAGE) {
			bool read_on_open = kiosk->settings.read_on_open;
			if (kiosk->resume)
				kiosk->settings.read_on_open = false; /* not from the top: from where it stopped */
			screen_changed(kiosk);
			kiosk->settings.read_on_open = read_on_open;
			resume_reading(kiosk);
		}
		kiosk->resume = false;
	}
	if (acts & (SESSION_ACT_SHOW_PIN_PAD | SESSION_ACT_PIN_REDRAW | SESSION_ACT_PIN_WRONG | SESSION_ACT_PIN_LOCKED)) {
		kiosk->st.pressed_box = -1; /* the corner hold's finger must not press a key */
		show_mode(kiosk, MODE_PIN);
		if ((acts & SESSION_ACT_PIN_WRONG) && !session_pin_locked(&kiosk->session, kiosk->now))
			snprintf(kiosk->pin_message, sizeof(kiosk->pin_message), "%s", "Wrong PIN. Try again.");
		/* for the journal: that it happened, never which digits */
		if (acts & SESSION_ACT_PIN_WRONG)
			log_warn("a wrong staff PIN was entered");
		if ((acts & SESSION_ACT_PIN_WRONG) && session_pin_locked(&kiosk->session, kiosk->now))
			log_warn("the staff PIN pad is locked for %d s after too many wrong PINs",
				 session_lockout_s(&kiosk->session, kiosk->now));
		if (acts & (SESSION_ACT_PIN_WRONG | SESSION_ACT_PIN_LOCKED))
			relayout_keep(kiosk, true);
	}
	if (acts & SESSION_ACT_STAFF_MENU)
		show_mode(kiosk, MODE_STAFF);
	if (acts & SESSION_ACT_QUIT)
		staff_quit(kiosk);
}

/* ---- settings and content, at start-up and after a reload alike ---- */

/* The fields a visitor can change in Settings. */
static void keep_visitor_choices(Settings *fresh, const Settings *visitor, const Settings *old_site)
{
#define KEEP(f)                                \
	if (visitor->f != old_site->f)         \
		fresh->f = visitor->f
	KEEP(text_size);
	KEEP(theme);
	KEEP(speech);
	KEEP(read_on_open);
	KEEP(rate);
	KEEP(rate_wpm);
	KEEP(volume);
	KEEP(scan.interval_ms);
#undef KEEP
}

/* The site's settings: the content's kiosk.ini, then the --set overrides (same checks). */
static void site_settings(Kiosk *kiosk, Settings *out)
{
	*out = kiosk->content->settings;
	/* the site's own settings (PIN, kiosk id, sound, idle times...) win over the content's */
	if (kiosk->host.site_file)
		settings_load(out, kiosk->host.site_file, &kiosk->content->diags);
	for (int i = 0; i < kiosk->set_count; i++) {
		char buf[256];
		snprintf(buf, sizeof(buf), "%s", kiosk->sets[i]);
		char *dot = strchr(buf, '.'), *eq = strchr(buf, '=');
		if (!dot || !eq || eq < dot) {
			log_warn("--set wants section.key=value, not '%s'", kiosk->sets[i]);
			continue;
		}
		*dot = *eq = '\0';
		settings_set(out, buf, dot + 1, eq + 1, "--set", &kiosk->content->diags);
	}
}

static void warn_pin(const Kiosk *kiosk)
{
	if (kiosk->site_settings.session.pin_broken)
		log_error("the staff PIN in kiosk.ini is not 4 to 12 digits: the staff exit (Ctrl+Alt+Q, "
			  "the corner hold) stays closed until it is fixed");
	else if (!session_pin_set(&kiosk->session) && kiosk->host.site_file)
		log_warn("no staff PIN is set: the kiosk will not close. Set one with: sudo kiosk --set-pin "
			 "(it goes into %s)", kiosk->host.site_file);
	else if (!session_pin_set(&kiosk->session))
		log_warn("no staff PIN is set in kiosk.ini ([session] pin = ...): anyone who finds the "
			 "staff corner or Ctrl+Alt+Q can close the kiosk");
}

/* One configure path: the site's settings (fresh, read once by the caller: a second read
 * repeated every warning about the site file and --set) into the visitor's (keeping what
 * this visitor chose), the session's and scanner's settings, and everything read from the
 * language folders. */
static void configure(Kiosk *kiosk, const Settings *site, bool keep_visitor)
{
	Settings fresh = *site;
	Settings visitor = fresh;
	if (keep_visitor)
		keep_visitor_choices(&visitor, &kiosk->settings, &kiosk->site_settings);
	kiosk->site_settings = fresh;
	kiosk->settings = visitor;
	kiosk->session.cfg = fresh.session;
	if (kiosk->visits_started)
		warn_pin(kiosk);
	configure_language_data(kiosk);
}

Kiosk *kiosk_create(const char *content_dir, const char *const *sets, int set_count, const char *lang,
		    const KioskHost *host, int w, int h, uint64_t now)
{
	Content *content = content_open(content_dir);
	if (!content)
		return NULL;
	/* the site's [contact] details go on the pages too (contact.h) */
	content_use_site_file(content, host->site_file);
	/* the whole content in memory: a folder that vanishes or is half synced changes nothing a
	 * visitor sees (issue #22) */
	content_keep_pictures(content);
	Kiosk *kiosk = xcalloc(1, sizeof(Kiosk));
	kiosk->host = *host;
	kiosk->content_dir = content_dir;
	kiosk->content = content;
	kiosk->sets = sets;
	kiosk->set_count = set_count;
	kiosk->w = w;
	kiosk->h = h;
	kiosk->now = now;
	kiosk->focus_id = -1;
	kiosk->last_read_row = -1;
	kiosk->last_activated = -1;
	render_state_init(&kiosk->st);
	site_settings(kiosk, &kiosk->site_settings);
	kiosk_log_new_diags(kiosk);
	const char *code = lang ? lang : kiosk->site_settings.default_language;
	kiosk->lang = content_language(content, code);
	if (!kiosk->lang) {
		log_warn("no pages in language '%s', using '%s'", code, content->langs[0].code);
		kiosk->lang = &content->langs[0];
	}
	session_init(&kiosk->session, &kiosk->site_settings.session, now);
	configure(kiosk, &kiosk->site_settings, false);
	scan_init(&kiosk->scan, &kiosk->settings.scan);
	dwell_init(&kiosk->dwell, &kiosk->settings.dwell);
	nav_init(&kiosk->nav, kiosk->settings.home);
	return kiosk;
}

void kiosk_destroy(Kiosk *kiosk)
{
	if (!kiosk)
		return;
	kiosk_effects_clear(kiosk);
	layout_page_destroy(kiosk->layout); /* boxes borrow the pages below */
	share_free(kiosk);
	screens_page_free(&kiosk->screen_page);
	screens_page_free(&kiosk->fallback_page);
	screens_page_free(&kiosk->translated_fallback);
	if (kiosk->glossary_page_built)
		glossary_page_free(&kiosk->glossary_page);
	glossary_destroy(kiosk->glossary);
	pronounce_free(&kiosk->pronounce);
	for (int i = 0; i < ICON_COUNT; i++)
		free(kiosk->icons[i]);
	content_close(kiosk->content);
	free(kiosk);
}

void kiosk_start(Kiosk *kiosk, uint64_t now)
{
	kiosk->now = now;
	kiosk->visits_started = true;
	warn_pin(kiosk);
	show_mode(kiosk, MODE_ATTRACT);
}

void kiosk_speech_ready(Kiosk *kiosk, uint64_t now)
{
	kiosk->now = now;
	kiosk->has_speech = true;
	push_effect(kiosk, FX_SPEECH_SETTINGS);
	if (kiosk->mode == MODE_PAGE)
		screen_changed(kiosk);
	else
		relayout_keep(kiosk, true);
}

/* New content from disk, switched in between screens so nothing moves under a finger. */
void kiosk_reload(Kiosk *kiosk, Content *fresh, uint64_t now)
{
	kiosk->now = now;
	kiosk->reload_pending = false;
	if (!fresh) {
		log_error("the content folder %s cannot be read now: keeping the content shown", kiosk->content_dir);
		return;
	}
	content_use_site_file(fresh, kiosk->host.site_file);
	content_keep_pictures(fresh);
	layout_page_destroy(kiosk->layout); /* boxes borrow the old pages' words */
	kiosk->layout = NULL;
	Content *old = kiosk->content;
	kiosk->content = fresh;
	kiosk->diags_logged = 0;
	Settings site;
	site_settings(kiosk, &site); /* its file:line warnings join the content's */
	kiosk_log_new_diags(kiosk);
	ContentLanguage *lang = content_language(fresh, kiosk->lang->code);
	kiosk->lang = lang ? lang : &fresh->langs[0];
	/* the glossary and its page borrow the old content's rows: rebuild before closing it */
	configure(kiosk, &site, true);
	content_close(old);
	apply_settings(kiosk);
	log_info("content loaded again from %s", kiosk->content_dir);
	if (kiosk->mode == MODE_PAGE) {
		go_to_current_page(kiosk);
	} else {
		KioskMode m = kiosk->mode;
		kiosk->mode = MODE_PAGE; /* rebuild the kiosk screen too */
		show_mode(kiosk, m);
	}
}

/* ---- touch, keys, switches ---- */

/* One activation per target per double_press_ms, whatever the input (EN 301 549 5.8). */
static void activate_checked(Kiosk *kiosk, const LayoutBox *box, uint64_t ms)
{
	int idx = box_index(kiosk_screen(kiosk), box);
	if (idx == kiosk->last_activated && ms - kiosk->last_activated_ms < (uint64_t)kiosk->settings.double_press_ms)
		return;
	kiosk->last_activated = idx;
	kiosk->last_activated_ms = ms;
	activate(kiosk, box);
}

static void pointer_down(Kiosk *kiosk, const InputEvent *ev)
{
	const LayoutScreen *s = kiosk_screen(kiosk);
	kiosk->st.pressed_box = box_index(s, layout_hit(s, ev->x, ev->y));
	if (!scan_is_on(&kiosk->scan))
		kiosk->st.show_focus = false; /* touch hides the keyboard ring */
	set_keyboard_mode(kiosk, false);
	kiosk->dirty = true;
}

/* A button acts when the finger lifts inside it; sliding off first cancels. */
static void pointer_up(Kiosk *kiosk, const InputEvent *ev)
{
	const LayoutScreen *s = kiosk_screen(kiosk);
	int pressed = kiosk->st.pressed_box;
	kiosk->st.pressed_box = -1;
	kiosk->dirty = true;
	const LayoutBox *hit = layout_hit(s, ev->x, ev->y);
	if (!ev->cancelled && pressed >= 0 && box_index(s, hit) == pressed)
		activate_checked(kiosk, hit, ev->ms);
}

static void next_screen(Kiosk *kiosk)
{
	if (nav_next(&kiosk->nav, (int)kiosk->layout->screen_count)) {
		render_state_init(&kiosk->st);
		dwell_refresh(kiosk, true);
		kiosk->dirty = true;
		screen_changed(kiosk);
	}
}

static void key_action(Kiosk *kiosk, const InputEvent *ev)
{
	const LayoutScreen *s = kiosk_screen(kiosk);
	Action pin = {.action = ACT_NONE, .arg = ev->digit};
	switch (ev->key) {
	case KEY_STAFF:
		break; /* handled by the session (PIN first) */
	case KEY_FOCUS_NEXT:
	case KEY_FOCUS_PREV:
		if (scan_is_on(&kiosk->scan)) {
			ScanActions acts;
			scan_reset(&kiosk->scan, &acts); /* the keyboard takes over from the switch */
			apply_scan(kiosk, &acts);
		}
		set_keyboard_mode(kiosk, true);
		move_focus(kiosk, ev->key == KEY_FOCUS_NEXT ? 1 : -1);
		break;
	case KEY_ACTIVATE:
		if (kiosk->st.focus_box >= 0 && (size_t)kiosk->st.focus_box < s->box_count)
			activate_checked(kiosk, &s->boxes[kiosk->st.focus_box], ev->ms);
		break;
	case KEY_BACK:
	case KEY_SCREEN_PREV:
		if (kiosk->mode == MODE_POPUP) {
			/* Escape or Backspace on a hard word's explanation closes it, nothing more:
			 * the visitor stays on the page and screen they were reading */
			go_to_current_page(kiosk);
			break;
		}
		if (nav_back(&kiosk->nav))
			go_to_current_page(kiosk);
		break;
	case KEY_SCREEN_NEXT:
		next_screen(kiosk);
		break;
	case KEY_HOME:
		nav_home(&kiosk->nav);
		go_to_current_page(kiosk);
		break;
	case KEY_LISTEN:
		/* Speech can start without sight from any screen with one key (EN 301 549 5.2). */
		if (kiosk->speaking)
			stop_speech(kiosk);
		else
			speak_screen(kiosk);
		break;
	case KEY_PAUSE:
		toggle_pause(kiosk);
		break;
	case KEY_AGAIN:
		say_again(kiosk);
		break;
	case KEY_PIN_DIGIT:
	case KEY_PIN_DELETE:
	case KEY_PIN_OK:
	case KEY_PIN_CANCEL:
		if (kiosk->mode != MODE_PIN)
			break;
		pin.action = ev->key == KEY_PIN_DIGIT    ? ACT_PIN_DIGIT
			     : ev->key == KEY_PIN_DELETE ? ACT_PIN_DELETE
			     : ev->key == KEY_PIN_OK     ? ACT_PIN_OK
							 : ACT_PIN_CANCEL;
		do_pin(kiosk, &pin);
		break;
	}
}

static void note_input_method(Kiosk *kiosk, UsageInput method)
{
	/* usage_input writes each method once per visit, and only marks it when written. */
	if (kiosk->session_started_s)
		usage_input(kiosk->host.usage, wall_s(), method);
}

/* The hidden staff corner: a finger held on the top-left target for staff_hold_s. */
static bool in_staff_corner(const Kiosk *kiosk, int x, int y)
{
	int side = kiosk->layout ? kiosk->layout->metrics.target : 120;
	return x < side && y < side;
}

/* The session sees every press first: it wakes the kiosk, answers the idle warning, and
 * keeps the PIN pad. Returns true when the press did only that. */
static bool session_takes(Kiosk *kiosk, const InputEvent *ev)
{
	bool press = ev->type == IN_POINTER_DOWN || (ev->type == IN_SWITCH && ev->down) || ev->type == IN_KEY;
	if (press)
		dwell_pressed(&kiosk->dwell, ev->ms); /* a click is the press: no dwell on top */
	if (ev->type == IN_POINTER_DOWN && in_staff_corner(kiosk, ev->x, ev->y))
		session_staff_hold_begin(&kiosk->session, ev->ms);
	if (ev->type == IN_POINTER_UP)
		session_staff_hold_end(&kiosk->session, ev->ms);
	if (!press)
		return false;
	note_input_method(kiosk, ev->type == IN_SWITCH ? USAGE_SWITCH : ev->type == IN_KEY ? USAGE_KEYS : USAGE_TOUCH);
	bool pad_or_menu = kiosk->mode == MODE_PIN || kiosk->mode == MODE_STAFF;
	bool waking = kiosk->mode == MODE_ATTRACT;
	/* a touch on a language of the attract screen wakes the kiosk in that language */
	Action wake_lang = {.action = ACT_NONE};
	if (waking && ev->type == IN_POINTER_DOWN && kiosk->layout) {
		const LayoutBox *hb = layout_hit(kiosk_screen(kiosk), ev->x, ev->y);
		if (hb)
			wake_lang = box_action(hb);
	}
	SessionActions sa = session_input(&kiosk->session, ev->ms);
	if (!(sa & SESSION_ACT_CONSUMED) || pad_or_menu) {
		apply_session(kiosk, sa & (unsigned)~SESSION_ACT_CONSUMED);
		return false;
	}
	/* The press that wakes the kiosk or answers "Are you still there?" does only that; a
	 * switch press also starts scanning (walk-up), and a key that wakes the kiosk also does
	 * its own job (Tab: focus on the first item, and from now on Enter presses what has
	 * focus, not switch 2). */
	kiosk->swallow_release = ev->type != IN_KEY;
	apply_session(kiosk, sa);
	if (ev->type == IN_KEY && waking && kiosk->mode != MODE_ATTRACT)
		return false;
	if (wake_lang.action == ACT_LANGUAGE && kiosk->mode != MODE_ATTRACT)
		do_language(kiosk, &wake_lang);
	if (ev->type == IN_SWITCH && !scan_is_on(&kiosk->scan)) {
		ScanActions acts;
		scan_switch(&kiosk->scan, ev->sw, true, ev->ms, &acts);
		apply_scan(kiosk, &acts);
		kiosk->swallow_release = false;
	}
	return true;
}

/* ---- dwell: pressing by keeping the pointer still (dwell.h) ---- */

#define DWELL_ANYWHERE (-2) /* attract and warning screens: resting anywhere is a touch */
#define DWELL_FRAME_MS 40   /* the ring redraws this often while it fills */

/* Dwell is on when the visitor (or the site) chose it, and on the walk-up question itself,
 * so a visitor who cannot click can answer it. */
static DwellConfig dwell_config_now(const Kiosk *kiosk)
{
	DwellConfig c = kiosk->settings.dwell;
	if (kiosk->mode == MODE_DWELL_OFFER && c.ms == 0)
		c.ms = c.visitor_ms;
	return c;
}

/* The targets dwell can press: the same ones a finger can (hard words before the row they
 * are in). On the attract and warning screens the whole screen, but only once the pointer
 * has moved since they showed: a pointer left resting must not wake the kiosk for nobody. */
static void dwell_refresh(Kiosk *kiosk, bool new_screen)
{
	if (!kiosk->layout)
		return;
	DwellTarget t[DWELL_MAX_TARGETS];
	size_t n = 0;
	if (kiosk->mode == MODE_ATTRACT || kiosk->mode == MODE_WARNING) {
		if (new_screen)
			kiosk->dwell_wake = false;
		if (kiosk->dwell_wake)
			t[n++] = (DwellTarget){DWELL_ANYWHERE, 0, 0, kiosk->w, kiosk->h};
	} else {
		const LayoutScreen *s = kiosk_screen(kiosk);
		for (int pass = 0; pass < 2; pass++) /* hard words first: they lie inside rows */
			for (size_t i = 0; i < s->box_count && n < DWELL_MAX_TARGETS; i++) {
				const LayoutBox *b = &s->boxes[i];
				if (b->focusable && b->enabled && (b->role == BOX_HARD_WORD) == (pass == 0))
					t[n++] = (DwellTarget){(int)i, b->rect.x, b->rect.y, b->rect.w, b->rect.h};
			}
	}
	dwell_set_targets(&kiosk->dwell, t, n, new_screen, kiosk->now);
	DwellConfig c = dwell_config_now(kiosk);
	dwell_set_config(&kiosk->dwell, &c, kiosk->now);
}

static void pointer_moved(Kiosk *kiosk, const InputEvent *ev)
{
	dwell_pointer(&kiosk->dwell, ev->x, ev->y, ev->ms);
	int dx = ev->x - kiosk->pointer_x, dy = ev->y - kiosk->pointer_y, still = kiosk->settings.dwell.still_px;
	if (dx * dx + dy * dy <= still * still)
		return; /* tremor: not a move */
	kiosk->pointer_x = ev->x;
	kiosk->pointer_y = ev->y;
	if (!dwell_is_on(&kiosk->dwell))
		return;
	/* A dwell user moving the pointer is using the kiosk, though nothing is pressed. */
	session_keep_alive(&kiosk->session, ev->ms);
	if ((kiosk->mode == MODE_ATTRACT || kiosk->mode == MODE_WARNING) && !kiosk->dwell_wake) {
		kiosk->dwell_wake = true;
		dwell_refresh(kiosk, false);
	}
}

/* Where the ring goes: on the target's picture (it frames it), else at the target's end,
 * or around the pointer on the attract and warning screens. */
static LayoutRect dwell_ring_rect(const Kiosk *kiosk, int id)
{
	int m = kiosk->layout ? kiosk->layout->metrics.target : 120;
	if (id == DWELL_ANYWHERE)
		return (LayoutRect){kiosk->dwell.px - m / 2, kiosk->dwell.py - m / 2, m, m};
	LayoutRect r = {0, 0, 0, 0};
	const LayoutScreen *s = kiosk_screen(kiosk);
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

/* What is drawn for dwell and the scan pause, from their state, after each event. */
static void view_sync(Kiosk *kiosk)
{
	const char *notice = scan_is_paused(&kiosk->scan) ? kiosk->words.scan_paused : NULL;
	if (notice != kiosk->st.notice) {
		kiosk->st.notice = notice;
		kiosk->st.notice_rtl = lang_is_rtl(kiosk->lang->code);
		kiosk->dirty = true;
	}
	int id = -1;
	double p = 0;
	LayoutRect ring = {0, 0, 0, 0};
	if (dwell_ring(&kiosk->dwell, kiosk->now, &id, &p))
		ring = dwell_ring_rect(kiosk, id);
	LayoutRect old = kiosk->st.dwell_ring;
	if (ring.x != old.x || ring.y != old.y || ring.w != old.w || ring.h != old.h ||
	    (int)(p * 100) != (int)(kiosk->st.dwell_progress * 100)) {
		kiosk->st.dwell_ring = ring;
		kiosk->st.dwell_progress = p;
		kiosk->dirty = true;
	}
}

static void handle_input(Kiosk *kiosk, const InputEvent *ev);

/* The walk-up question: a pointer moved for a while and never clicked. */
static void offer_dwell(Kiosk *kiosk)
{
	if (kiosk->mode == MODE_PIN || kiosk->mode == MODE_STAFF)
		return; /* staff at work: not for them */
	log_info("a pointer moves but never clicks: asking whether to choose by keeping still");
	if (kiosk->session.state == SESSION_ATTRACT || kiosk->session.state == SESSION_WARNING)
		apply_session(kiosk, session_input(&kiosk->session, kiosk->now) & (unsigned)~SESSION_ACT_CONSUMED);
	show_mode(kiosk, MODE_DWELL_OFFER);
	dwell_refresh(kiosk, true);
	speak_screen(kiosk);
}

static void dwell_tick_kiosk(Kiosk *kiosk)
{
	DwellEvent de = dwell_tick(&kiosk->dwell, kiosk->now);
	if (de.type == DWELL_OFFER) {
		offer_dwell(kiosk);
	} else if (de.type == DWELL_PRESS) {
		/* exactly what a tap there does: down, then up at the same place */
		InputEvent ev = {.type = IN_POINTER_DOWN, .x = de.x, .y = de.y, .ms = kiosk->now};
		handle_input(kiosk, &ev);
		ev.type = IN_POINTER_UP;
		handle_input(kiosk, &ev);
	}
}

/* A visitor with one switch who chose "2 switches" in Settings could only move the light,
 * never choose, and never time out while pressing. So many presses of switch 1 in a row
 * (three rounds of the largest flat level) with no switch 2 go back to 1 switch. */
#define TWO_SWITCH_GIVE_UP (3 * (SCAN_FLAT_MAX + 1))
static void two_switch_fallback(Kiosk *kiosk, int sw)
{
	Settings *s = &kiosk->settings;
	if (sw == 2 || s->scan.mode != SCAN_STEP || kiosk->site_settings.scan.mode == SCAN_STEP) {
		kiosk->switch1_run = 0;
		return;
	}
	if (++kiosk->switch1_run < TWO_SWITCH_GIVE_UP)
		return;
	kiosk->switch1_run = 0;
	log_info("%d presses of switch 1 and none of switch 2: back to 1 switch", TWO_SWITCH_GIVE_UP);
	s->scan.mode = SCAN_AUTO;
	usage_setting(kiosk->host.usage, wall_s(), "scan_mode", "auto");
	apply_settings(kiosk);
	if (kiosk->mode == MODE_SETTINGS)
		show_mode(kiosk, MODE_SETTINGS);
	speak_words(kiosk, kiosk->scan.cfg.hint_auto);
}

static void handle_input(Kiosk *kiosk, const InputEvent *ev)
{
	ScanActions acts;
	if (ev->type == IN_KEY && ev->key == KEY_STAFF) {
		apply_session(kiosk, session_staff_request(&kiosk->session, ev->ms, SESSION_GOAL_QUIT));
		return;
	}
	if (session_takes(kiosk, ev))
		return;
	const LayoutBox *under = ev->type == IN_POINTER_DOWN ? layout_hit(kiosk_screen(kiosk), ev->x, ev->y) : NULL;
	bool on_bar = under && under->role >= BOX_NAV_HOME && under->role <= BOX_NAV_NEXT;
	if (kiosk->mode == MODE_POPUP && ev->type == IN_POINTER_DOWN && !on_bar) {
		/* one tap anywhere but the bar (which works as on the page) closes the explanation */
		kiosk->swallow_release = true;
		go_to_current_page(kiosk);
		return;
	}
	bool release = ev->type == IN_POINTER_UP || (ev->type == IN_SWITCH && !ev->down);
	if (release && kiosk->swallow_release) {
		kiosk->swallow_release = false;
		kiosk->st.pressed_box = -1;
		return;
	}
	switch (ev->type) {
	case IN_QUIT:
		if (kiosk->host.windowed)
			push_effect(kiosk, FX_QUIT);
		else
			log_info("ignoring a request to close the kiosk (staff: hold the top-left corner, or Ctrl+Alt+Q)");
		break;
	case IN_POINTER_DOWN:
		pointer_down(kiosk, ev);
		break;
	case IN_POINTER_UP:
		pointer_up(kiosk, ev);
		break;
	case IN_KEY:
		key_action(kiosk, ev);
		break;
	case IN_SWITCH:
		if (ev->down)
			two_switch_fallback(kiosk, ev->sw);
		scan_switch(&kiosk->scan, ev->sw, ev->down, ev->ms, &acts);
		apply_scan(kiosk, &acts);
		/* one frame per press, even one that only cuts the hint short: the ready file
		 * then tells tests the press was taken (the bar no longer redraws for labels) */
		kiosk->dirty = true;
		break;
	case IN_POINTER_MOVE:
		pointer_moved(kiosk, ev);
		break;
	case IN_POINTER_GONE:
		dwell_pointer_gone(&kiosk->dwell, ev->ms);
		break;
	default:
		break;
	}
}

void kiosk_handle(Kiosk *kiosk, const InputEvent *ev)
{
	kiosk->now = ev->ms;
	ScanActions acts;
	switch (ev->type) {
	case IN_RESIZED:
		kiosk->w = ev->w;
		kiosk->h = ev->h;
		push_effect(kiosk, FX_CLEAR_CACHE); /* everything was shaped for the old size */
		relayout(kiosk);
		scan_refresh(kiosk);
		break;
	case IN_REDRAW:
		kiosk->dirty = true;
		break;
	case IN_RENDER_RESET:
		push_effect(kiosk, FX_CLEAR_CACHE);
		kiosk->dirty = true;
		break;
	case IN_SPEECH:
		speech_report(kiosk, ev);
		break;
	case IN_CONTENT_CHANGED:
		log_info("the content changed on disk: it will be shown %s",
			 kiosk->mode == MODE_ATTRACT ? "now" : "when the kiosk is next free");
		kiosk->reload_pending = true;
		break;
	case IN_TICK:
		if (!kiosk->speaking) { /* scanning holds while the page is read, and goes on after */
			scan_tick(&kiosk->scan, kiosk->now, &acts);
			apply_scan(kiosk, &acts);
		}
		apply_session(kiosk, session_tick(&kiosk->session, kiosk->now));
		dwell_tick_kiosk(kiosk);
		break;
	case IN_HELP_ANSWER:
		kiosk->help_state = ev->help_state;
		if (kiosk->mode == MODE_HELP) { /* the call's answer: say it */
			show_mode(kiosk, MODE_HELP);
			speak_screen(kiosk);
		}
		break;
	default:
		handle_input(kiosk, ev);
		break;
	}
	if (kiosk->reload_pending && kiosk->mode == MODE_ATTRACT) {
		kiosk->reload_pending = false; /* nobody is reading: switch to the new content now */
		push_effect(kiosk, FX_RELOAD);
	}
	view_sync(kiosk);
}

static const char *const role_names[BOX_ROLE_COUNT] = {
	[BOX_TITLE] = "title",	     [BOX_ROW] = "row",		 [BOX_BUTTON] = "button",
	[BOX_NAV_HOME] = "home",     [BOX_NAV_BACK] = "back",	 [BOX_NAV_LISTEN] = "listen",
	[BOX_NAV_PAUSE] = "pause",   [BOX_NAV_AGAIN] = "again", [BOX_NAV_LANGUAGE] = "language",
	[BOX_NAV_HELP] = "help",
	[BOX_NAV_SETTINGS] = "settings", [BOX_NAV_NEXT] = "next", [BOX_PAGE_NUMBER] = "page-number",
	[BOX_HARD_WORD] = "hardword",
};

/* The ready file names a kiosk button's action as "kiosk:<name>" (tests press buttons by it). */
static const char *const action_names[ACT_COUNT] = {
	[ACT_PIN_DIGIT] = "pin",	  [ACT_PIN_DELETE] = "pin:delete",   [ACT_PIN_OK] = "pin:ok",
	[ACT_PIN_CANCEL] = "pin:cancel",  [ACT_LANGUAGE] = "lang",	     [ACT_CLOSE] = "close",
	[ACT_DONE] = "done",		  [ACT_SMALLER] = "smaller",	     [ACT_LARGER] = "larger",
	[ACT_THEME] = "theme",		  [ACT_SPEECH] = "speech",	     [ACT_READ_ON_OPEN] = "read-on-open",
	[ACT_SLOWER] = "slower",	  [ACT_FASTER] = "faster",
	[ACT_LOUDER] = "louder",	  [ACT_QUIETER] = "quieter",	     [ACT_SCAN_SPEED] = "scan-speed",
	[ACT_NEXT_LANGUAGE] = "language", [ACT_RELOAD] = "reload",	     [ACT_QUIT] = "quit",
	[ACT_STAFF_DONE] = "staff-done",  [ACT_TAKE_HOME] = "take-home",     [ACT_PRINT] = "print",
	[ACT_HELP_CALL] = "help",	  [ACT_DWELL_YES] = "dwell-yes",     [ACT_DWELL_NO] = "dwell-no",
	[ACT_SWITCHES] = "switches",	  [ACT_SCAN_LABELS] = "scan-labels", [ACT_DWELL] = "dwell",
	[ACT_ASK_FOR_HELP] = "ask-for-help",
};

static void describe_target(const LayoutBox *b, char *out, size_t size)
{
	const char *name = b->action < ACT_COUNT ? action_names[b->action] : NULL;
	if (b->action == ACT_PIN_DIGIT)
		snprintf(out, size, "kiosk:pin:%d", b->action_arg);
	else if (name && b->link)
		snprintf(out, size, "kiosk:%s:%s", name, b->link);
	else if (name)
		snprintf(out, size, "kiosk:%s", name);
	else
		snprintf(out, size, "%s", b->link ? b->link : "-");
}

void kiosk_describe(const Kiosk *k, unsigned long frame, FILE *f)
{
	fprintf(f, "frame=%lu page=%s screen=%d/%zu focus=%d speaking=%d paused=%d reading=%d word=%zu\n",
		/* the screen shown: of the page, or of a kiosk screen (Settings) */
		frame, k->nav.current.page,
		(k->mode == MODE_PAGE ? k->nav.current.screen : k->overlay_screen) + 1,
		k->layout->screen_count, k->st.focus_box, k->speaking, k->paused,
		k->st.reading_box, k->st.word_len ? k->st.word_offset : (size_t)0);
	fprintf(f, "lang=%s title=%s\n", k->lang->code, k->page && k->page->title ? k->page->title : "");
	fprintf(f, "mode=%s countdown=%d text_size=%d theme=%d volume=%d history=%d pin=%s\n",
		kiosk_mode_names[k->mode],
		k->mode == MODE_WARNING ? session_countdown_s(&k->session, k->now) : -1,
		k->settings.text_size, k->settings.theme, k->settings.volume, k->nav.depth,
		k->mode == MODE_PIN ? (session_pin_locked(&k->session, k->now) ? "locked" : "open") : "-");
	fprintf(f, "scan=%s ring=%d,%d,%d,%d scan_mode=%s scan_paused=%d dwell=%d dwell_ring=%d,%d,%d,%d\n",
		scan_is_on(&k->scan) ? "on" : "off",
		k->st.focus_on_rect ? k->st.focus_rect.x : -1, k->st.focus_on_rect ? k->st.focus_rect.y : -1,
		k->st.focus_on_rect ? k->st.focus_rect.w : -1, k->st.focus_on_rect ? k->st.focus_rect.h : -1,
		k->settings.scan.mode == SCAN_STEP ? "step" : "auto", scan_is_paused(&k->scan),
		k->dwell.cfg.ms, k->st.dwell_ring.x, k->st.dwell_ring.y, k->st.dwell_ring.w,
		k->st.dwell_ring.h);
	/* The targets on screen, so a test can press a real button wherever layout put it. */
	const LayoutScreen *s = kiosk_screen(k);
	for (size_t i = 0; i < s->box_count; i++) {
		const LayoutBox *b = &s->boxes[i];
		char target[160];
		describe_target(b, target, sizeof(target));
		if (b->focusable && b->enabled)
			fprintf(f, "box=%zu role=%s x=%d y=%d w=%d h=%d link=%s\n", i, role_names[b->role],
				b->rect.x, b->rect.y, b->rect.w, b->rect.h, target);
	}
}

uint64_t kiosk_next_deadline(const Kiosk *kiosk, uint64_t now)
{
	uint64_t due = kiosk->speaking ? UINT64_MAX : scan_next_deadline(&kiosk->scan);
	uint64_t session_due = session_next_deadline(&kiosk->session, now);
	if (session_due < due)
		due = session_due;
	uint64_t dwell_due = dwell_next_deadline(&kiosk->dwell);
	if (dwell_due < due)
		due = dwell_due;
	if (dwell_busy(&kiosk->dwell) && now + DWELL_FRAME_MS < due)
		due = now + DWELL_FRAME_MS; /* the ring fills smoothly */
	return due;
}
