/* screens: kiosk-made pages. Each builder fills a ContentPage in memory exactly like the
 * content loader would (text, one span per style, picture, link), so nothing downstream
 * needs to know these pages were not written by an editor. The PIN pad is the exception:
 * a keypad is a grid, which easy-read pages never are, so it is laid out here. Start at
 * screens_settings. */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void screens_page_free(ContentPage *p)
{
	content_page_clear(p);
	free(p->name);
	free(p->path);
	p->name = p->path = NULL;
}

static void start(ContentPage *p, const char *name, const char *title)
{
	screens_page_free(p);
	p->name = xstrdup(name);
	p->path = xasprintf("(kiosk screen %s)", name);
	p->title = xstrdup(title);
	p->loaded = p->ok = true;
}

/* A row (a button when action is not ACT_NONE); "**word**" marks bold like Markdown does, so key words stand out here too. */
static ContentRow *add(ContentPage *p, RowKind kind, const char *text, const char *images_dir, const char *picture,
		       const char *alt, KioskAction action)
{
	p->rows = xrealloc(p->rows, (p->row_count + 1) * sizeof(ContentRow));
	ContentRow *r = &p->rows[p->row_count++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	size_t n = strlen(text);
	char *plain = xmalloc(n + 1);
	ContentSpan *spans = xcalloc(n + 1, sizeof(ContentSpan));
	size_t len = 0, count = 0;
	bool bold = false;
	for (size_t i = 0; i <= n; i++) {
		bool marker = i + 1 < n && text[i] == '*' && text[i + 1] == '*';
		if (i == n || marker) {
			if (count == 0 || spans[count - 1].offset + spans[count - 1].len != len || spans[count - 1].bold != bold)
				spans[count++] = (ContentSpan){len, 0, bold};
			if (marker) {
				bold = !bold;
				i++;
				continue;
			}
			break;
		}
		if (count == 0 || spans[count - 1].bold != bold)
			spans[count++] = (ContentSpan){len, 0, bold};
		plain[len++] = text[i];
		spans[count - 1].len++;
	}
	plain[len] = '\0';
	/* drop empty spans left by markers at the edges */
	size_t keep = 0;
	for (size_t i = 0; i < count; i++)
		if (spans[i].len > 0)
			spans[keep++] = spans[i];
	r->text = plain;
	r->spans = spans;
	r->span_count = keep;
	if (picture && images_dir) {
		r->picture = xstrdup(picture);
		r->picture_path = path_join(images_dir, picture);
		r->picture_missing = !path_is_file(r->picture_path);
		r->picture_alt = xstrdup(alt ? alt : "");
	}
	r->action = action;
	r->line = (int)p->row_count;
	return r;
}

void screens_attract(ContentPage *p, const char *title, const Words *w, const char *images_dir)
{
	start(p, "kiosk-attract", title);
	add(p, ROW_TEXT, w->attract_touch, images_dir, "touch.svg", "A finger touching a screen", ACT_NONE);
	add(p, ROW_TEXT, w->attract_switch, images_dir, "switch.svg", "A big round switch button", ACT_NONE);
	add(p, ROW_TEXT, w->attract_listen, images_dir, "ui/listen.svg", "A speaker", ACT_NONE);
}

void screens_warning(ContentPage *p, int seconds_left, const Words *w, const char *images_dir)
{
	start(p, "kiosk-warning", w->warning_title);
	add(p, ROW_TEXT, w->warning_touch, images_dir, "touch.svg", "A finger touching a screen", ACT_NONE);
	char line[256];
	/* words.c let every form through only with exactly one %d and no other %; the form
	 * fits the number ("Za 3 sekundy", "Za 5 sekund") by the language's plural rules */
	snprintf(line, sizeof(line), words_countdown(w, seconds_left), seconds_left);
	add(p, ROW_TEXT, line, images_dir, "clock.svg", "A clock", ACT_NONE);
}

void screens_missing(ContentPage *p, const char *name, const Words *w, const char *images_dir)
{
	start(p, name, w->sorry_title);
	add(p, ROW_TEXT, w->sorry_text, images_dir, "ui/missing.svg", "An empty picture frame", ACT_NONE);
	add(p, ROW_TEXT, w->sorry_help, images_dir, "desk.svg", "A reception desk", ACT_NONE);
}

static const int volume_percent[SCREENS_VOLUME_STEPS] = {12, 18, 25, 35, 50, 71, 100};
static const int scan_intervals[] = {500, 1000, 1500, 2000, 3000, 5000, 10000, 15000};

int screens_volume_percent(int step)
{
	if (step < 0)
		step = 0;
	if (step >= SCREENS_VOLUME_STEPS)
		step = SCREENS_VOLUME_STEPS - 1;
	return volume_percent[step];
}

int screens_volume_step(int percent)
{
	int best = 0;
	for (int i = 0; i < SCREENS_VOLUME_STEPS; i++)
		if (volume_percent[i] <= percent)
			best = i;
	return best;
}

int screens_next_scan_interval(int ms)
{
	for (size_t i = 0; i < ARRAY_LEN(scan_intervals); i++)
		if (scan_intervals[i] > ms)
			return scan_intervals[i];
	return scan_intervals[0];
}

SpeechRate screens_rate_step(const Settings *s)
{
	if (s->rate_wpm <= 0)
		return s->rate < RATE_COUNT ? s->rate : RATE_NORMAL;
	int wpm = settings_speech_wpm(s), best = RATE_NORMAL, best_gap = -1;
	for (int r = 0; r < RATE_COUNT; r++) {
		Settings step = *s;
		step.rate = (SpeechRate)r;
		step.rate_wpm = 0;
		int gap = abs(settings_speech_wpm(&step) - wpm);
		if (best_gap < 0 || gap < best_gap)
			best = r, best_gap = gap;
	}
	return (SpeechRate)best;
}

/* One way along a setting's range: its words, what it says at the end, its picture. */
typedef struct {
	const char *words, *end, *picture, *alt;
	KioskAction action;
	bool at_end;
} Way;

/* One setting with an order as two buttons side by side, the lesser way first (paired:
 * layout.c keeps them on one row). The greater way's words carry the value now ("Larger text
 * (now normal)"); at an end of the range the button that way says so instead
 * ("Smaller text (smallest now)"), and pressing it changes nothing (kiosk.c). */
static void add_pair(ContentPage *p, const char *images_dir, Way less, Way more, const char *value)
{
	char line[256];
	if (less.at_end)
		snprintf(line, sizeof(line), "%s (**%s**)", less.words, less.end);
	else
		snprintf(line, sizeof(line), "%s", less.words);
	add(p, ROW_LINK, line, images_dir, less.picture, less.alt, less.action)->paired = true;
	if (more.at_end)
		snprintf(line, sizeof(line), "%s (**%s**)", more.words, more.end);
	else
		snprintf(line, sizeof(line), "%s (%s)", more.words, value);
	add(p, ROW_LINK, line, images_dir, more.picture, more.alt, more.action);
}

void screens_settings(ContentPage *p, const Settings *s, const Words *w, const char *language_name,
		      bool show_language, const char *images_dir)
{
	char line[256], value[128], volume[64];
	start(p, "kiosk-settings", w->settings);
	/* The three pairs first: in a grid of an even number of columns they then start a row
	 * (or its middle) without leaving a gap; the single toggles follow */
	snprintf(value, sizeof(value), "%s **%s**", w->now, w->size_words[s->text_size % TEXT_SIZE_COUNT]);
	add_pair(p, images_dir,
		 (Way){w->smaller, w->smallest, "smaller.svg", "A magnifying glass with a minus", ACT_SMALLER,
		       s->text_size == TEXT_NORMAL},
		 (Way){w->larger, w->largest, "larger.svg", "A magnifying glass with a plus", ACT_LARGER,
		       s->text_size + 1 >= TEXT_SIZE_COUNT},
		 value);
	SpeechRate rate = screens_rate_step(s);
	snprintf(value, sizeof(value), "%s **%s**", w->now, w->rate_words[rate]);
	/* one picture for the speed, the words tell the two ways apart */
	add_pair(p, images_dir,
		 (Way){w->slower, w->slowest, "speaking.svg", "A person speaking", ACT_SLOWER, rate == RATE_SLOW},
		 (Way){w->faster, w->fastest, "speaking.svg", "A person speaking", ACT_FASTER,
		       rate + 1 >= RATE_COUNT},
		 value);
	int step = screens_volume_step(s->volume);
	/* words.c let volume_of through only with exactly two %d and no other % */
	snprintf(volume, sizeof(volume), w->volume_of, step + 1, SCREENS_VOLUME_STEPS);
	snprintf(value, sizeof(value), "**%s**", volume);
	add_pair(p, images_dir, (Way){w->quieter, w->quietest, "ear.svg", "An ear", ACT_QUIETER, step == 0},
		 (Way){w->louder, w->loudest, "megaphone.svg", "A megaphone", ACT_LOUDER,
		       step + 1 >= SCREENS_VOLUME_STEPS},
		 value);
	snprintf(line, sizeof(line), "%s: **%s**", w->colours, w->theme_words[s->theme % THEME_COUNT]);
	add(p, ROW_LINK, line, images_dir, "idea.svg", "A light bulb", ACT_THEME);
	snprintf(line, sizeof(line), "%s: **%s**", w->speech, s->speech ? w->on : w->off);
	add(p, ROW_LINK, line, images_dir, "ui/listen.svg", "A speaker", ACT_SPEECH);
	snprintf(line, sizeof(line), "%s: **%s**", w->read_on_open, s->read_on_open ? w->yes : w->no);
	/* one picture per idea: the open book is Hard words */
	add(p, ROW_LINK, line, images_dir, "page.svg", "A page of writing", ACT_READ_ON_OPEN);
	snprintf(line, sizeof(line), "%s **%.1f s**", w->switch_speed, s->scan.interval_ms / 1000.0);
	add(p, ROW_LINK, line, images_dir, "switch.svg", "A big round switch button", ACT_SCAN_SPEED);
	snprintf(line, sizeof(line), "%s: **%s**", w->switches, s->scan.mode == SCAN_STEP ? w->switches_two : w->switches_one);
	add(p, ROW_LINK, line, images_dir, "switch.svg", "A big round switch button", ACT_SWITCHES);
	snprintf(line, sizeof(line), "%s: **%s**", w->scan_labels, s->scan.speak_labels ? w->yes : w->no);
	add(p, ROW_LINK, line, images_dir, "speaking.svg", "A person speaking", ACT_SCAN_LABELS);
	if (s->dwell.ms > 0)
		snprintf(line, sizeof(line), "%s: **%.1f s**", w->dwell, s->dwell.ms / 1000.0);
	else
		snprintf(line, sizeof(line), "%s: **%s**", w->dwell, w->dwell_off);
	add(p, ROW_LINK, line, images_dir, "target.svg", "A target", ACT_DWELL);
	if (show_language) {
		snprintf(line, sizeof(line), "%s: **%s**", w->language, language_name);
		/* the globe, as on the Language button (talking people are advocacy) */
		add(p, ROW_LINK, line, images_dir, "ui/language.svg", "A globe", ACT_NEXT_LANGUAGE);
	}
	add(p, ROW_LINK, w->done, images_dir, "check.svg", "A tick", ACT_DONE);
}

void screens_dwell_offer(ContentPage *p, const Words *w, const char *images_dir)
{
	start(p, "kiosk-dwell-offer", w->dwell_offer_title);
	add(p, ROW_TEXT, w->dwell_offer_text, images_dir, "target.svg", "A target", ACT_NONE);
	add(p, ROW_LINK, w->dwell_offer_yes, images_dir, "check.svg", "A tick", ACT_DWELL_YES);
	add(p, ROW_LINK, w->dwell_offer_no, images_dir, "hand-up.svg", "A raised hand", ACT_DWELL_NO);
}

void screens_staff_menu(ContentPage *p, const char *images_dir)
{
	start(p, "kiosk-staff", "Staff menu");
	add(p, ROW_LINK, "Load the content again", images_dir, "again.svg", "Two arrows in a circle", ACT_RELOAD);
	add(p, ROW_LINK, "Close the kiosk program", images_dir, "door.svg", "A door", ACT_QUIT);
	add(p, ROW_LINK, "Back to the kiosk", images_dir, "check.svg", "A tick", ACT_STAFF_DONE);
}

void screens_languages(ContentPage *p, const char *title, const char *const *codes, const char *const *names,
		       size_t count, const char *current, const char *images_dir)
{
	start(p, "kiosk-language", title);
	for (size_t i = 0; i < count; i++) {
		char name[160];
		/* the language shown now: a tick and its name in bold; the others just their
		 * names (three identical globes said nothing) */
		bool now = current && strcmp(codes[i], current) == 0;
		snprintf(name, sizeof(name), now ? "**%s**" : "%s", names[i]);
		ContentRow *r = now ? add(p, ROW_LINK, name, images_dir, "check.svg", "A tick", ACT_LANGUAGE)
				    : add(p, ROW_LINK, name, NULL, NULL, NULL, ACT_LANGUAGE);
		r->link = xstrdup(codes[i]);
	}
}

void screens_attract_languages(ContentPage *p, const char *title, const Words *w, const char *const *codes,
			       const char *const *names, size_t count, const char *images_dir)
{
	/* the languages take the place of "You can listen to every page" (the Listen button
	 * says that on every page), so the attract screen stays one screen at every size */
	start(p, "kiosk-attract", title);
	add(p, ROW_TEXT, w->attract_touch, images_dir, "touch.svg", "A finger touching a screen", ACT_NONE);
	add(p, ROW_TEXT, w->attract_switch, images_dir, "switch.svg", "A big round switch button", ACT_NONE);
	for (size_t i = 0; i < count; i++) {
		/* each name large, in its own script: a visitor finds their language at a glance */
		ContentRow *r = add(p, ROW_LINK, names[i], NULL, NULL, NULL, ACT_LANGUAGE);
		r->link = xstrdup(codes[i]);
		r->large = true;
	}
}

void screens_page_with_note(ContentPage *p, const ContentPage *src, const char *note, const char *images_dir)
{
	start(p, src->name, src->title ? src->title : "");
	add(p, ROW_TEXT, note, images_dir, "ui/language.svg", "A globe", ACT_NONE);
	p->rows = xrealloc(p->rows, (1 + src->row_count) * sizeof(ContentRow));
	for (size_t i = 0; i < src->row_count; i++)
		content_row_copy(&p->rows[1 + i], &src->rows[i]);
	p->row_count = 1 + src->row_count;
}

/* The arrow back points the way the language reads back: right in right-to-left text. */
static const char *back_arrow(const Words *w)
{
	return w->rtl ? "ui/next.svg" : "ui/back.svg";
}

void screens_glossary_popup(ContentPage *p, const char *word, const ContentRow *row, const Words *w,
			    const char *images_dir)
{
	start(p, "kiosk-glossary", word);
	p->rows = xcalloc(2, sizeof(ContentRow));
	content_row_copy(&p->rows[0], row);
	p->rows[0].kind = ROW_TEXT; /* the explanation is read, not a button */
	free(p->rows[0].link);
	p->rows[0].link = NULL;
	p->rows[0].action = ACT_NONE;
	p->row_count = 1;
	/* the arrow back, as on "Back to the page": without a picture the word sat off centre,
	 * after an empty picture column */
	add(p, ROW_LINK, w->close, images_dir, back_arrow(w), "An arrow back", ACT_CLOSE);
}

void screens_take_home(ContentPage *p, const char *page_title, bool has_code, bool has_printer, const char *status,
		       const Words *w, const char *images_dir)
{
	start(p, "kiosk-take-home", page_title && *page_title ? page_title : w->take_home);
	if (has_code)
		add(p, ROW_TEXT, w->point_camera, NULL, NULL, NULL, ACT_NONE);
	if (status)
		add(p, ROW_TEXT, status, images_dir, "page.svg", "A page", ACT_NONE);
	if (has_printer)
		add(p, ROW_LINK, w->print, images_dir, "page.svg", "A page", ACT_PRINT);
	add(p, ROW_LINK, w->back_to_page, images_dir, back_arrow(w), "An arrow back", ACT_CLOSE);
}

void screens_help_call(ContentPage *p, const char *message, const Words *w, const char *images_dir)
{
	start(p, "kiosk-help-call", w->help_call);
	add(p, ROW_TEXT, message, images_dir, "service-bell.svg", "A bell on a desk", ACT_NONE);
	add(p, ROW_LINK, w->back_to_page, images_dir, back_arrow(w), "An arrow back", ACT_CLOSE);
}

void screens_page_with_buttons(ContentPage *p, const ContentPage *src, const char *const *texts,
			       const KioskAction *actions, const char *const *pictures, size_t n,
			       const char *images_dir)
{
	start(p, src->name, src->title ? src->title : "");
	for (size_t i = 0; i < n; i++) {
		add(p, ROW_LINK, texts[i], images_dir, pictures[i], "", actions[i]);
	}
	p->rows = xrealloc(p->rows, (n + src->row_count) * sizeof(ContentRow));
	for (size_t i = 0; i < src->row_count; i++)
		content_row_copy(&p->rows[n + i], &src->rows[i]);
	p->row_count = n + src->row_count;
}

static void pad_box(LayoutBox *b, LayoutRole role, const char *label, KioskAction action, int arg, LayoutRect r, int px,
		    const LayoutParams *params, bool *overflow)
{
	memset(b, 0, sizeof(*b));
	b->role = role;
	b->rect = r;
	b->row_index = -1;
	b->enabled = true;
	b->focusable = role == BOX_BUTTON;
	b->action = action;
	b->action_arg = arg;
	b->font_px = px;
	b->line_height = px * 3 / 2;
	snprintf(b->label, sizeof(b->label), "%s", label);
	/* words centred in the box */
	int w = params->measure ? params->measure(params->measure_ctx, label, strlen(label), px, false) : 0;
	int x = r.x + (r.w - w) / 2, y = r.y + (r.h - b->line_height) / 2;
	b->text_rect = r;
	ContentSpan span = {0, strlen(label), false};
	b->line_count = layout_break_text(b->label, &span, 1, px, x < r.x ? r.x : x, y, r.w, b->line_height,
					  params->measure, params->measure_ctx, &b->words, &b->word_count, overflow);
}

LayoutPage *screens_pin_pad(const LayoutParams *params, const char *message)
{
	static const char *const keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "Delete", "0", "OK"};
	/* the digit keys carry their digit; Delete and OK their own actions */
	static const KioskAction actions[12] = {ACT_PIN_DIGIT, ACT_PIN_DIGIT, ACT_PIN_DIGIT,  ACT_PIN_DIGIT,
						ACT_PIN_DIGIT, ACT_PIN_DIGIT, ACT_PIN_DIGIT,  ACT_PIN_DIGIT,
						ACT_PIN_DIGIT, ACT_PIN_DELETE, ACT_PIN_DIGIT, ACT_PIN_OK};
	static const int digits[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0};
	LayoutPage *lp = xcalloc(1, sizeof(*lp));
	layout_metrics(params->screen_w, params->screen_h, params->text_scale, &lp->metrics);
	const LayoutMetrics *m = &lp->metrics;
	lp->screens = xcalloc(1, sizeof(LayoutScreen));
	lp->screen_count = 1;
	LayoutScreen *s = &lp->screens[0];
	s->boxes = xcalloc(15, sizeof(LayoutBox));
	int title_h = m->title_line_height, cancel_w = m->target * 2;
	LayoutRect title = {m->margin, m->margin, m->screen_w - 3 * m->margin - cancel_w, title_h};
	pad_box(&s->boxes[0], BOX_TITLE, "Staff only: type the PIN", ACT_NONE, 0, title, m->title_px, params, &lp->overflow);
	s->boxes[0].rect.w = s->boxes[0].text_rect.w;
	pad_box(&s->boxes[1], BOX_BUTTON, "Cancel", ACT_PIN_CANCEL, 0,
		(LayoutRect){m->screen_w - m->margin - cancel_w, m->margin, cancel_w, m->target}, m->body_px, params,
		&lp->overflow);
	int top = m->margin + (title_h > m->target ? title_h : m->target) + m->gap;
	pad_box(&s->boxes[2], BOX_PAGE_NUMBER, message, ACT_NONE, 0,
		(LayoutRect){m->margin, top, m->screen_w - 2 * m->margin, m->line_height}, m->body_px, params,
		&lp->overflow);
	s->boxes[2].focusable = false;
	/* a centred 3 x 4 grid of square-ish keys, as large as the space allows */
	int grid_top = top + m->line_height + m->gap;
	int avail_h = m->screen_h - m->margin - grid_top;
	int key_h = (avail_h - 3 * m->gap) / 4, key_w = key_h * 3 / 2;
	int max_w = (m->screen_w - 2 * m->margin - 2 * m->gap) / 3;
	if (key_w > max_w)
		key_w = max_w;
	if (key_h < m->target || key_w < m->target)
		lp->overflow = true;
	int grid_w = 3 * key_w + 2 * m->gap, x0 = (m->screen_w - grid_w) / 2;
	for (int i = 0; i < 12; i++) {
		LayoutRect r = {x0 + (i % 3) * (key_w + m->gap), grid_top + (i / 3) * (key_h + m->gap), key_w, key_h};
		pad_box(&s->boxes[3 + i], BOX_BUTTON, keys[i], actions[i], digits[i], r, m->title_px, params, &lp->overflow);
	}
	s->box_count = 15;
	/* label points into the box: fix the pointers now that boxes are in place */
	for (size_t i = 0; i < s->box_count; i++)
		s->boxes[i].text = NULL;
	return lp;
}
