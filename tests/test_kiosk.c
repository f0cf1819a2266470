/* Tests for src/kiosk.c, the visit's controller: whole visitor flows driven through
 * kiosk_handle with a fake clock and a fake text measure, no window and no sound. The host's
 * side is played by host_run: it takes the effects (what to say, stop, reload, quit) the way
 * app.c does, and reports speech back when a test says the voice has finished.
 *
 * Content: tests/fixtures/kiosk (home with two buttons and a hard word, a rights page long
 * enough for several screens, a help page, Polish home and help, PIN 2468; the shipped
 * pictures and icons). */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk.h"
#include "screens.h"
#include "util.h"

#define CONTENT "tests/fixtures/kiosk"
#define W 1280
#define H 800

/* Every byte is half the font size wide: close enough to a real font for layout. */
static int fake_measure(void *ctx, const char *text, size_t len, int px, bool bold)
{
	(void)ctx;
	(void)text;
	return (int)len * px / 2 + (bold ? 1 : 0);
}

typedef struct {
	Kiosk *k;
	uint64_t now;
	int said, stopped, paused, reloads, quits, settings_applied;
	bool speaking; /* the host's voice: between FX_SAY and a stop or the end */
	char last_said[512]; /* the words of the last FX_SAY, its parts joined */
	char usage_path[64];
	UsageLog *usage;
} Host;

/* What app.c does with the effects, remembered for the test. */
static void host_run(Host *h)
{
	Kiosk *k = h->k;
	while (k->fx.count) {
		Effects fx = k->fx;
		k->fx.count = 0;
		for (size_t i = 0; i < fx.count; i++) {
			switch (fx.items[i].type) {
			case FX_PREFETCH:
				effect_free_say(&fx.items[i]);
				break;
			case FX_SAY:
				h->last_said[0] = '\0';
				for (size_t p = 0; fx.items[i].narration && p < fx.items[i].narration->count; p++) {
					size_t used = strlen(h->last_said);
					snprintf(h->last_said + used, sizeof(h->last_said) - used, "%s%s", used ? " " : "",
					         fx.items[i].narration->parts[p].spoken);
				}
				effect_free_say(&fx.items[i]);
				h->said++;
				h->speaking = true;
				break;
			case FX_STOP_SPEECH:
				h->stopped++;
				h->speaking = false;
				break;
			case FX_PAUSE_SPEECH:
				h->paused += fx.items[i].flag ? 1 : 0;
				break;
			case FX_SPEECH_SETTINGS:
				h->settings_applied++;
				break;
			case FX_RELOAD:
				h->reloads++;
				kiosk_reload(k, content_reload(k->content, NULL), h->now);
				break;
			case FX_QUIT:
				h->quits++;
				break;
			default:
				break;
			}
		}
	}
}

static void send(Host *h, InputEvent ev)
{
	ev.ms = h->now;
	kiosk_handle(h->k, &ev);
	host_run(h);
}

/* The voice reaches the end of what it was given. */
static void speech_ends(Host *h)
{
	h->speaking = false;
	send(h, (InputEvent){.type = IN_SPEECH, .speech_box = -1});
}

/* Time passes; whatever was being said (a hint, a label) has been said by then. */
static void tick(Host *h, uint64_t ms)
{
	h->now += ms;
	if (h->speaking)
		speech_ends(h);
	send(h, (InputEvent){.type = IN_TICK});
}

static void tap_at(Host *h, int x, int y)
{
	send(h, (InputEvent){.type = IN_POINTER_DOWN, .x = x, .y = y, .touch = true});
	h->now += 80;
	send(h, (InputEvent){.type = IN_POINTER_UP, .x = x, .y = y, .touch = true});
	h->now += 600; /* past the double-press guard */
}

/* The n-th (0-based) focusable box with this role on the screen, or NULL. */
static const LayoutBox *find_box(const Kiosk *k, LayoutRole role, int n)
{
	const LayoutScreen *s = kiosk_screen(k);
	for (size_t i = 0; i < s->box_count; i++)
		if (s->boxes[i].role == role && s->boxes[i].focusable && s->boxes[i].enabled && n-- == 0)
			return &s->boxes[i];
	return NULL;
}

static void tap(Host *h, LayoutRole role, int n)
{
	const LayoutBox *b = find_box(h->k, role, n);
	assert_non_null(b);
	tap_at(h, b->rect.x + b->rect.w / 2, b->rect.y + b->rect.h / 2);
}

/* Presses the box on screen that does this action (with this argument, or any when arg < 0). */
static void tap_action(Host *h, KioskAction action, int arg)
{
	const LayoutScreen *s = kiosk_screen(h->k);
	const LayoutBox *b = NULL;
	for (size_t i = 0; i < s->box_count && !b; i++)
		if (s->boxes[i].action == action && (arg < 0 || s->boxes[i].action_arg == arg))
			b = &s->boxes[i];
	assert_non_null(b);
	tap_at(h, b->rect.x + b->rect.w / 2, b->rect.y + b->rect.h / 2);
}

static void key(Host *h, KeyAction key)
{
	send(h, (InputEvent){.type = IN_KEY, .key = key});
	h->now += 600;
}

static void key_digit(Host *h, int digit)
{
	send(h, (InputEvent){.type = IN_KEY, .key = KEY_PIN_DIGIT, .digit = digit});
}

static void press_switch(Host *h, int sw)
{
	send(h, (InputEvent){.type = IN_SWITCH, .sw = sw, .down = true});
	h->now += 100;
	send(h, (InputEvent){.type = IN_SWITCH, .sw = sw, .down = false});
}

static void host_open(Host *h, const char *const *sets, int set_count)
{
	memset(h, 0, sizeof(*h));
	snprintf(h->usage_path, sizeof(h->usage_path), "/tmp/test_kiosk_usage_XXXXXX");
	int fd = mkstemp(h->usage_path);
	assert_true(fd >= 0);
	close(fd);
	h->usage = usage_open(h->usage_path);
	KioskHost host = {.measure = fake_measure, .usage = h->usage};
	h->now = 1000;
	h->k = kiosk_create(CONTENT, sets, set_count, NULL, &host, W, H, h->now);
	assert_non_null(h->k);
	kiosk_start(h->k, h->now);
	kiosk_speech_ready(h->k, h->now);
	host_run(h);
	assert_int_equal(h->k->mode, MODE_ATTRACT);
}

static void host_close(Host *h)
{
	kiosk_destroy(h->k);
	usage_close(h->usage);
	unlink(h->usage_path);
}

/* The usage log so far, as text (caller frees). */
static char *usage_text(Host *h)
{
	size_t len = 0;
	char *text = util_read_file(h->usage_path, &len);
	assert_non_null(text);
	return text;
}

/* attract -> home -> topic -> Next -> Back -> Home, with the usage lines it writes. */
static void test_navigation_flow(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	assert_int_equal(k->mode, MODE_PAGE);
	assert_string_equal(k->nav.current.page, "home.md");
	tap(&h, BOX_BUTTON, 0);
	assert_string_equal(k->nav.current.page, "rights.md");
	assert_true(k->layout->screen_count >= 2);
	assert_int_equal(k->nav.current.screen, 0);
	tap(&h, BOX_NAV_NEXT, 0);
	assert_int_equal(k->nav.current.screen, 1);
	tap(&h, BOX_NAV_BACK, 0);
	assert_string_equal(k->nav.current.page, "rights.md");
	assert_int_equal(k->nav.current.screen, 0);
	tap(&h, BOX_NAV_HOME, 0);
	assert_string_equal(k->nav.current.page, "home.md");
	kiosk_end_visit(k, "stop");
	char *log = usage_text(&h);
	assert_non_null(strstr(log, "\"session_start\""));
	assert_non_null(strstr(log, "\"rights.md\""));
	assert_non_null(strstr(log, "\"session_end\""));
	assert_non_null(strstr(log, "\"stop\""));
	free(log);
	host_close(&h);
}

/* Listen reads the screen; Pause and Go on; Stop; the buttons follow the voice. */
static void test_listen_pause_stop(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	int said = h.said;
	tap(&h, BOX_NAV_LISTEN, 0);
	assert_int_equal(h.said, said + 1);
	assert_true(k->speaking);
	assert_non_null(find_box(k, BOX_NAV_PAUSE, 0));
	tap(&h, BOX_NAV_PAUSE, 0);
	assert_int_equal(h.paused, 1);
	assert_true(k->paused);
	tap(&h, BOX_NAV_PAUSE, 0); /* Go on */
	assert_false(k->paused);
	int stopped = h.stopped;
	tap(&h, BOX_NAV_LISTEN, 0); /* now it says Stop */
	assert_int_equal(h.stopped, stopped + 1);
	assert_false(k->speaking);
	/* read to the end: the voice reports it and Listen comes back */
	tap(&h, BOX_NAV_LISTEN, 0);
	assert_true(k->speaking);
	speech_ends(&h);
	assert_false(k->speaking);
	assert_null(find_box(k, BOX_NAV_PAUSE, 0));
	host_close(&h);
}

/* The bottom bar as drawn: every nav box and the page number, with its rect, in order. */
typedef struct {
	size_t n;
	LayoutRole role[16];
	LayoutRect rect[16];
} Bar;

static Bar bar_of(const Kiosk *k)
{
	Bar bar = {0};
	const LayoutScreen *s = kiosk_screen(k);
	for (size_t i = 0; i < s->box_count && bar.n < ARRAY_LEN(bar.rect); i++)
		if (s->boxes[i].role >= BOX_NAV_HOME && s->boxes[i].role <= BOX_PAGE_NUMBER) {
			bar.role[bar.n] = s->boxes[i].role;
			bar.rect[bar.n++] = s->boxes[i].rect;
		}
	return bar;
}

/* The same slots in the same places (Again's slot shows Pause or Go on while reading, as
 * Listen's shows Stop). */
static void assert_same_bar(const Bar *a, const Bar *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		bool speech_slot = (a->role[i] == BOX_NAV_AGAIN || a->role[i] == BOX_NAV_PAUSE) &&
				   (b->role[i] == BOX_NAV_AGAIN || b->role[i] == BOX_NAV_PAUSE);
		if (!speech_slot)
			assert_int_equal(a->role[i], b->role[i]);
		assert_memory_equal(&a->rect[i], &b->rect[i], sizeof(LayoutRect));
	}
}

/* Issue #14, a steady bottom bar: Again is in its slot from the first frame of a page (today
 * it came only after a row was read), a press on it with nothing read reads the screen, and
 * no nav box moves before, while and after reading, paused or not (while reading the slot
 * says Pause or Go on, as Listen's says Stop; Again is back when the reading ends). */
static void test_again_and_the_bar_stay_put(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	tap(&h, BOX_BUTTON, 0); /* rights.md: several screens, so a page number too */
	assert_string_equal(k->nav.current.page, "rights.md");
	assert_non_null(find_box(k, BOX_NAV_AGAIN, 0)); /* the first frame: nothing read yet */
	Bar before = bar_of(k);
	assert_true(before.n >= 8);
	/* Again with nothing read: the screen is read */
	int said = h.said;
	tap(&h, BOX_NAV_AGAIN, 0);
	assert_int_equal(h.said, said + 1);
	assert_true(k->speaking && k->reading_all);
	Bar b = bar_of(k);
	assert_same_bar(&before, &b);
	/* the voice reaches a row: it becomes the row Again repeats, and nothing moves */
	const LayoutBox *row = find_box(k, BOX_ROW, 0);
	assert_non_null(row);
	int row_box = (int)(row - kiosk_screen(k)->boxes);
	send(&h, (InputEvent){.type = IN_SPEECH, .speech_active = true, .speech_box = row_box, .speech_len = 0});
	assert_true(k->last_read_row >= 0);
	b = bar_of(k);
	assert_same_bar(&before, &b);
	assert_non_null(find_box(k, BOX_NAV_PAUSE, 0)); /* in Again's slot while reading */
	assert_memory_equal(&find_box(k, BOX_NAV_PAUSE, 0)->rect, &before.rect[3], sizeof(LayoutRect));
	tap(&h, BOX_NAV_PAUSE, 0);
	assert_true(k->paused);
	b = bar_of(k);
	assert_same_bar(&before, &b);
	tap(&h, BOX_NAV_PAUSE, 0); /* Go on */
	speech_ends(&h);
	assert_false(k->speaking);
	b = bar_of(k);
	assert_same_bar(&before, &b);
	assert_non_null(find_box(k, BOX_NAV_AGAIN, 0));
	/* a row tapped and read to its end: the same bar */
	tap(&h, BOX_ROW, 0);
	assert_true(k->speaking);
	b = bar_of(k);
	assert_same_bar(&before, &b);
	speech_ends(&h);
	b = bar_of(k);
	assert_same_bar(&before, &b);
	/* and on the next screen, before anything is read there */
	tap(&h, BOX_NAV_NEXT, 0);
	assert_int_equal(k->nav.current.screen, 1);
	assert_non_null(find_box(k, BOX_NAV_AGAIN, 0));
	b = bar_of(k);
	assert_same_bar(&before, &b);
	host_close(&h);
}

/* The Help box of the bar (focusable or not), or NULL. */
static const LayoutBox *help_box(const Kiosk *k)
{
	const LayoutScreen *s = kiosk_screen(k);
	for (size_t i = 0; i < s->box_count; i++)
		if (s->boxes[i].role == BOX_NAV_HELP)
			return &s->boxes[i];
	return NULL;
}

/* Issue #15: Ask for help is one press away from every screen. From screen 2 of a topic one
 * press on the bar's Help opens the help page ([help] page); Back returns to that screen. */
static void test_help_in_one_press(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	tap(&h, BOX_BUTTON, 0);
	assert_string_equal(k->nav.current.page, "rights.md");
	tap(&h, BOX_NAV_NEXT, 0);
	assert_int_equal(k->nav.current.screen, 1);
	tap(&h, BOX_NAV_HELP, 0); /* one press */
	assert_int_equal(k->mode, MODE_PAGE);
	assert_string_equal(k->nav.current.page, "help.md");
	assert_int_equal(k->nav.current.screen, 0);
	/* on the help page itself Help stays (no hole appears) */
	assert_non_null(find_box(k, BOX_NAV_HELP, 0));
	tap(&h, BOX_NAV_BACK, 0);
	assert_string_equal(k->nav.current.page, "rights.md");
	assert_int_equal(k->nav.current.screen, 1);
	/* from Settings too, and Back from the help page goes on to the page before */
	tap(&h, BOX_NAV_SETTINGS, 0);
	assert_int_equal(k->mode, MODE_SETTINGS);
	tap(&h, BOX_NAV_HELP, 0);
	assert_int_equal(k->mode, MODE_PAGE);
	assert_string_equal(k->nav.current.page, "help.md");
	tap(&h, BOX_NAV_BACK, 0);
	assert_string_equal(k->nav.current.page, "rights.md");
	kiosk_end_visit(k, "stop");
	char *log = usage_text(&h);
	assert_non_null(strstr(log, "\"help.md\"")); /* the visit to the help page is counted */
	free(log);
	host_close(&h);
}

/* The Help slot is in the same place on every screen of a page, on the kiosk's own screens
 * (Settings, Language, a hard word's pop-up) and on the help page itself. */
static void test_help_slot_is_fixed(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	assert_non_null(find_box(k, BOX_NAV_HELP, 0)); /* home: its first tile and the bar */
	LayoutRect at = help_box(k)->rect;
	tap(&h, BOX_BUTTON, 0);
	assert_true(k->layout->screen_count >= 2);
	for (size_t i = 0; i < k->layout->screen_count; i++) {
		if (i > 0)
			tap(&h, BOX_NAV_NEXT, 0);
		assert_int_equal(k->nav.current.screen, (int)i);
		assert_non_null(find_box(k, BOX_NAV_HELP, 0));
		assert_memory_equal(&help_box(k)->rect, &at, sizeof(at));
	}
	tap(&h, BOX_NAV_SETTINGS, 0);
	assert_non_null(find_box(k, BOX_NAV_HELP, 0));
	assert_memory_equal(&help_box(k)->rect, &at, sizeof(at));
	tap(&h, BOX_NAV_BACK, 0);
	tap(&h, BOX_NAV_LANGUAGE, 0);
	assert_int_equal(k->mode, MODE_LANGUAGE);
	assert_non_null(find_box(k, BOX_NAV_HELP, 0));
	assert_memory_equal(&help_box(k)->rect, &at, sizeof(at));
	tap(&h, BOX_NAV_HELP, 0);
	assert_string_equal(k->nav.current.page, "help.md");
	assert_memory_equal(&help_box(k)->rect, &at, sizeof(at));
	/* a hard word's pop-up on the help page: Help closes it, back on the help page */
	tap(&h, BOX_HARD_WORD, 0);
	assert_int_equal(k->mode, MODE_POPUP);
	assert_non_null(find_box(k, BOX_NAV_HELP, 0));
	int depth = k->nav.depth;
	tap(&h, BOX_NAV_HELP, 0);
	assert_int_equal(k->mode, MODE_PAGE);
	assert_string_equal(k->nav.current.page, "help.md");
	assert_int_equal(k->nav.depth, depth); /* not a second copy in the history */
	host_close(&h);
}

/* No help page in the content: no Help slot at all (kiosk.ini [help] page names none). */
static void test_no_help_page_no_slot(void **state)
{
	(void)state;
	const char *sets[] = {"help.page=not-here"};
	Host h;
	host_open(&h, sets, (int)ARRAY_LEN(sets));
	tap_at(&h, W / 2, H / 2);
	assert_int_equal(h.k->mode, MODE_PAGE);
	assert_null(help_box(h.k));
	host_close(&h);
}

/* A bold glossary word opens its explanation; one tap closes it. */
static void test_hard_word_popup(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	const LayoutBox *hard = find_box(k, BOX_HARD_WORD, 0);
	assert_non_null(hard);
	assert_string_equal(hard->link, "Advocacy");
	int said = h.said;
	tap(&h, BOX_HARD_WORD, 0);
	assert_int_equal(k->mode, MODE_POPUP);
	assert_int_equal(h.said, said + 1); /* the explanation is read aloud */
	tap_at(&h, W / 2, H / 2);
	assert_int_equal(k->mode, MODE_PAGE);
	assert_string_equal(k->nav.current.page, "home.md");
	host_close(&h);
}

/* A setting changes at once and is said; the next visitor gets the site's settings again. */
static void test_settings_and_idle_reset(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	tap(&h, BOX_NAV_SETTINGS, 0);
	assert_int_equal(k->mode, MODE_SETTINGS);
	int said = h.said;
	tap(&h, BOX_BUTTON, 1); /* Larger text */
	assert_int_equal(k->settings.text_size, TEXT_LARGE);
	assert_int_equal(h.said, said + 1); /* the button's new words */
	assert_int_equal(k->mode, MODE_SETTINGS);
	speech_ends(&h); /* speech holds the idle timer until it ends */
	/* no one touches anything: warning after idle_timeout_s, reset after warning_s */
	tick(&h, 61 * 1000);
	assert_int_equal(k->mode, MODE_WARNING);
	tick(&h, 31 * 1000);
	assert_int_equal(k->mode, MODE_ATTRACT);
	assert_int_equal(k->settings.text_size, TEXT_NORMAL);
	assert_int_equal(k->resets, 1);
	host_close(&h);
}

/* Regression (#14): the idle warning cut into a page being read. Speech the visitor started
 * holds the idle timer; it counts again from when the voice stops. */
static void test_reading_keeps_the_visit(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	tap(&h, BOX_NAV_LISTEN, 0);
	assert_true(k->speaking);
	h.now += 90 * 1000; /* a long, slow reading */
	send(&h, (InputEvent){.type = IN_TICK});
	assert_int_equal(k->mode, MODE_PAGE);
	speech_ends(&h);
	tick(&h, 59 * 1000);
	assert_int_equal(k->mode, MODE_PAGE);
	tick(&h, 2 * 1000);
	assert_int_equal(k->mode, MODE_WARNING);
	host_close(&h);
}

/* Regression (found by the monkey): a scan label spoken counted as a reading, so every step
 * of the scanner restarted the idle timer. Only the visitor's readings hold it. */
static void test_scan_labels_do_not_hold_the_visit(void **state)
{
	(void)state;
	const char *sets[] = {"scan.mode=auto", "scan.interval_s=1.5", "scan.speak_labels=true", "scan.loops=20"};
	Host h;
	host_open(&h, sets, (int)ARRAY_LEN(sets));
	Kiosk *k = h.k;
	press_switch(&h, 1); /* wakes the kiosk and starts scanning */
	assert_true(scan_is_on(&k->scan));
	int labels = h.said;
	for (int i = 0; i < 42 && k->mode != MODE_WARNING; i++)
		tick(&h, 1500); /* each label is said by the next step */
	assert_true(h.said > labels + 10);
	assert_int_equal(k->mode, MODE_WARNING);
	host_close(&h);
}

/* "Are you still there?": one tap carries on where the visitor was. */
static void test_idle_warning_carry_on(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	tap(&h, BOX_BUTTON, 0);
	tap(&h, BOX_NAV_NEXT, 0);
	tick(&h, 61 * 1000);
	assert_int_equal(k->mode, MODE_WARNING);
	tap_at(&h, W / 2, H / 2);
	assert_int_equal(k->mode, MODE_PAGE);
	assert_string_equal(k->nav.current.page, "rights.md");
	assert_int_equal(k->nav.current.screen, 1);
	host_close(&h);
}

/* Ctrl+Alt+Q asks for the PIN; 5 wrong PINs lock the pad; the right one quits. */
static void test_pin_lockout_and_quit(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	key(&h, KEY_STAFF);
	assert_int_equal(k->mode, MODE_PIN);
	for (int t = 0; t < 5; t++) {
		for (int d = 0; d < 4; d++)
			key_digit(&h, 1);
		send(&h, (InputEvent){.type = IN_KEY, .key = KEY_PIN_OK});
	}
	assert_true(session_pin_locked(&k->session, h.now));
	assert_non_null(strstr(k->pin_message, "Locked"));
	assert_int_equal(h.quits, 0);
	h.now += 61 * 1000; /* the lock-out ends */
	key_digit(&h, 2);
	key_digit(&h, 4);
	key_digit(&h, 6);
	key_digit(&h, 8);
	send(&h, (InputEvent){.type = IN_KEY, .key = KEY_PIN_OK});
	assert_int_equal(h.quits, 1);
	host_close(&h);
}

/* Regression: the pad showed at most 10 dots for a PIN of up to 12 digits. */
static void test_pin_pad_shows_every_digit(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	key(&h, KEY_STAFF);
	for (int d = 0; d < 12; d++)
		key_digit(&h, 7);
	int dots = 0;
	for (const char *p = h.k->pin_message; (p = strstr(p, "\xe2\x97\x8f")) != NULL; p += 3)
		dots++;
	assert_int_equal(dots, 12);
	assert_null(strchr(h.k->pin_message, '7'));
	host_close(&h);
}

/* The scan ring is on a group that holds box b (choosing it goes into the group). */
static bool ring_holds(const Kiosk *k, const LayoutBox *b)
{
	LayoutRect r = k->st.focus_rect;
	int x = b->rect.x + b->rect.w / 2, y = b->rect.y + b->rect.h / 2;
	return k->st.show_focus && k->st.focus_on_rect && x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

/* One switch: automatic scanning starts with the press that wakes the kiosk, lights the
 * first item by itself, and the next press chooses it. */
static void test_one_switch_scanning(void **state)
{
	(void)state;
	const char *sets[] = {"scan.mode=auto", "scan.interval_s=1.5", "scan.speak_labels=false"};
	Host h;
	host_open(&h, sets, (int)ARRAY_LEN(sets));
	Kiosk *k = h.k;
	press_switch(&h, 1);
	assert_int_equal(k->mode, MODE_PAGE);
	assert_true(scan_is_on(&k->scan));
	/* step until the first topic button is lit, by the clock alone */
	const LayoutBox *topic = find_box(k, BOX_BUTTON, 0);
	int topic_index = (int)(topic - kiosk_screen(k)->boxes);
	int presses = 1;
	for (int i = 0; i < 40 && k->st.focus_box != topic_index; i++) {
		/* A visitor listens to the walk-up hint before pressing again: a press in the
		 * hint only cuts it short, and presses 0 ms apart are bounces the scanner
		 * ignores (this loop once counted those, 10 "presses", when Again made the
		 * home screen 8 items and so scanned in groups). */
		if (!h.speaking && ring_holds(k, &kiosk_screen(k)->boxes[topic_index])) { /* boxes move on relayout */
			press_switch(&h, 1); /* into the group */
			presses++;
		} else {
			tick(&h, 1500);
		}
	}
	assert_int_equal(k->st.focus_box, topic_index);
	press_switch(&h, 1);
	assert_string_equal(k->nav.current.page, "rights.md");
	assert_true(presses + 1 <= 3); /* wake, (group), choose */
	host_close(&h);
}

/* Two switches: switch 1 moves, switch 2 chooses; nothing moves by itself. */
static void test_two_switch_scanning(void **state)
{
	(void)state;
	const char *sets[] = {"scan.mode=step", "scan.speak_labels=false"};
	Host h;
	host_open(&h, sets, (int)ARRAY_LEN(sets));
	Kiosk *k = h.k;
	press_switch(&h, 1); /* wakes the kiosk and starts scanning */
	assert_true(scan_is_on(&k->scan));
	const LayoutBox *topic = find_box(k, BOX_BUTTON, 0);
	int topic_index = (int)(topic - kiosk_screen(k)->boxes);
	int focus = k->st.focus_box;
	tick(&h, 20000);
	assert_int_equal(k->st.focus_box, focus); /* step scanning waits for the visitor */
	for (int i = 0; i < 20 && k->st.focus_box != topic_index; i++)
		press_switch(&h, ring_holds(k, &kiosk_screen(k)->boxes[topic_index]) ? 2 : 1);
	assert_int_equal(k->st.focus_box, topic_index);
	press_switch(&h, 2);
	assert_string_equal(k->nav.current.page, "rights.md");
	host_close(&h);
}

/* Copies the fixture so the test can change its kiosk.ini (pictures stay where they are). */
static void copy_fixture(const char *to)
{
	char cwd[512];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	char *cmd = xasprintf("cp -r " CONTENT " %s/kiosk && sed -i 's|^images = .*|images = %s/images|' "
			      "%s/kiosk/kiosk.ini",
			      to, cwd, to);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* Regression: after a reload the old PIN still worked and the new one was refused. */
static void test_reload_applies_kiosk_ini(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_kiosk_reload_XXXXXX";
	assert_non_null(mkdtemp(dir));
	copy_fixture(dir);
	char *content = xasprintf("%s/kiosk", dir);
	Host h;
	memset(&h, 0, sizeof(h));
	KioskHost host = {.measure = fake_measure};
	h.now = 1000;
	h.k = kiosk_create(content, NULL, 0, NULL, &host, W, H, h.now);
	assert_non_null(h.k);
	kiosk_start(h.k, h.now);
	host_run(&h);
	assert_int_equal(h.k->session.cfg.idle_timeout_s, 60);
	/* staff change the PIN and the idle time */
	char *ini = xasprintf("%s/kiosk.ini", content);
	FILE *f = fopen(ini, "a");
	assert_non_null(f);
	fprintf(f, "\n[session]\npin = 13579\nidle_timeout_s = 120\n");
	fclose(f);
	send(&h, (InputEvent){.type = IN_CONTENT_CHANGED});
	assert_int_equal(h.reloads, 1); /* on the attract screen: at once */
	assert_int_equal(h.k->session.cfg.idle_timeout_s, 120);
	key(&h, KEY_STAFF);
	assert_int_equal(h.k->mode, MODE_PIN);
	const int old_pin[] = {2, 4, 6, 8}, new_pin[] = {1, 3, 5, 7, 9};
	for (int d = 0; d < 4; d++)
		key_digit(&h, old_pin[d]);
	send(&h, (InputEvent){.type = IN_KEY, .key = KEY_PIN_OK});
	assert_int_equal(h.quits, 0);
	for (int d = 0; d < 5; d++)
		key_digit(&h, new_pin[d]);
	send(&h, (InputEvent){.type = IN_KEY, .key = KEY_PIN_OK});
	assert_int_equal(h.quits, 1);
	kiosk_destroy(h.k);
	char *rm = xasprintf("rm -rf %s", dir);
	assert_int_equal(system(rm), 0);
	free(rm);
	free(ini);
	free(content);
}

/* The language screen switches to the same page in the chosen language. */
static void test_language_switch(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	tap(&h, BOX_NAV_LANGUAGE, 0);
	assert_int_equal(k->mode, MODE_LANGUAGE);
	tap(&h, BOX_BUTTON, 1); /* Polski */
	assert_int_equal(k->mode, MODE_PAGE);
	assert_string_equal(k->lang->code, "pl");
	assert_string_equal(k->page->title, "Witamy");
	host_close(&h);
}

/* Dwell: a visitor who points but cannot click rests the pointer on a topic and it opens;
 * it does not open twice while the pointer stays there. */
static void test_dwell_opens_a_topic(void **state)
{
	(void)state;
	const char *sets[] = {"input.dwell_ms=1200"};
	Host h;
	host_open(&h, sets, (int)ARRAY_LEN(sets));
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	tick(&h, 1500); /* past the dead time after the new screen */
	const LayoutBox *b = find_box(k, BOX_BUTTON, 0);
	int x = b->rect.x + b->rect.w / 2, y = b->rect.y + b->rect.h / 2;
	send(&h, (InputEvent){.type = IN_POINTER_MOVE, .x = x, .y = y});
	for (int i = 0; i < 30 && strcmp(k->nav.current.page, "home.md") == 0; i++) {
		tick(&h, 100);
		send(&h, (InputEvent){.type = IN_POINTER_MOVE, .x = x + (i % 2), .y = y}); /* tremor */
	}
	assert_string_equal(k->nav.current.page, "rights.md");
	host_close(&h);
}

/* Regression (#14): Escape on a hard word's pop-up also went back a page. */
static void test_escape_closes_popup_only(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	tap(&h, BOX_BUTTON, 1); /* Get help: a page with a hard word */
	assert_string_equal(k->nav.current.page, "help.md");
	tap(&h, BOX_HARD_WORD, 0);
	assert_int_equal(k->mode, MODE_POPUP);
	key(&h, KEY_BACK);
	assert_int_equal(k->mode, MODE_PAGE);
	assert_string_equal(k->nav.current.page, "help.md");
	host_close(&h);
}

/* Effects are only queued: nothing re-enters the controller, and every narration handed
 * out is freed by whoever drains it (LeakSanitizer checks this test under ASan). */
static void test_effects_queue_and_clear(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	kiosk_handle(k, &(InputEvent){.type = IN_KEY, .key = KEY_LISTEN, .ms = h.now});
	assert_true(k->fx.count >= 1);
	bool say = false;
	for (size_t i = 0; i < k->fx.count; i++)
		say |= k->fx.items[i].type == FX_SAY && k->fx.items[i].narration != NULL;
	assert_true(say);
	kiosk_effects_clear(k);
	assert_int_equal(k->fx.count, 0);
	host_close(&h);
}

/* Every button of the kiosk's own screens carries a typed action (no "kiosk:<name>" string
 * to parse); only content buttons link to a page, and a language button's link is its code.
 * The ready file still names them "kiosk:<name>" for the end-to-end tests. */
static void check_buttons_typed(const Kiosk *k, const char *must_describe)
{
	const LayoutScreen *s = kiosk_screen(k);
	int typed = 0;
	for (size_t i = 0; i < s->box_count; i++) {
		const LayoutBox *b = &s->boxes[i];
		if (b->role != BOX_BUTTON || !b->focusable)
			continue;
		if (b->link)
			assert_true(strncmp(b->link, "kiosk:", 6) != 0);
		if (b->action == ACT_LANGUAGE)
			assert_true(b->link && strlen(b->link) >= 2 && strlen(b->link) <= 3);
		else if (b->action == ACT_NONE)
			assert_true(k->mode == MODE_PAGE && b->link && strstr(b->link, ".md"));
		else
			typed++;
		typed += b->action == ACT_LANGUAGE;
	}
	assert_true(typed > 0);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	kiosk_describe(k, 1, f);
	fclose(f);
	if (!strstr(text, must_describe))
		fail_msg("the ready file does not name %s:\n%s", must_describe, text);
	free(text);
}

static void test_kiosk_buttons_are_typed(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	check_buttons_typed(k, "link=kiosk:lang:pl"); /* the attract screen's languages */
	tap_at(&h, W / 2, H / 2);
	assert_int_equal(k->mode, MODE_PAGE);
	tap(&h, BOX_NAV_SETTINGS, 0);
	assert_int_equal(k->mode, MODE_SETTINGS);
	check_buttons_typed(k, "link=kiosk:theme");
	tap(&h, BOX_NAV_HOME, 0);
	tap(&h, BOX_NAV_LANGUAGE, 0);
	assert_int_equal(k->mode, MODE_LANGUAGE);
	check_buttons_typed(k, "link=kiosk:lang:en");
	/* the staff menu: the top-left corner held, then the PIN on the pad's own buttons */
	send(&h, (InputEvent){.type = IN_POINTER_DOWN, .x = 2, .y = 2, .touch = true});
	tick(&h, 10000);
	send(&h, (InputEvent){.type = IN_POINTER_UP, .x = 2, .y = 2, .touch = true});
	assert_int_equal(k->mode, MODE_PIN);
	check_buttons_typed(k, "link=kiosk:pin:7");
	const int pin[] = {2, 4, 6, 8};
	for (int d = 0; d < 4; d++)
		tap_action(&h, ACT_PIN_DIGIT, pin[d]);
	assert_int_equal(session_pin_length(&k->session), 4);
	tap_action(&h, ACT_PIN_OK, -1);
	assert_int_equal(k->mode, MODE_STAFF);
	check_buttons_typed(k, "link=kiosk:quit");
	tap_action(&h, ACT_QUIT, -1);
	assert_int_equal(h.quits, 1);
	host_close(&h);
}

/* Regression: the site settings were read twice at start (kiosk_create, then configure), so
 * every warning about the site file or a --set came twice. */
static void test_site_settings_read_once(void **state)
{
	(void)state;
	const char *sets[] = {"session.bogus=1"};
	Host h;
	host_open(&h, sets, 1);
	int warnings = 0;
	for (size_t i = 0; i < h.k->content->diags.count; i++)
		warnings += strcmp(h.k->content->diags.items[i].file, "--set") == 0;
	assert_int_equal(warnings, 1);
	host_close(&h);
}

/* The box with this action on any Settings screen (that screen in *screen), or NULL. */
static const LayoutBox *settings_box(const Kiosk *k, KioskAction action, size_t *screen)
{
	for (size_t sc = 0; sc < k->layout->screen_count; sc++)
		for (size_t i = 0; i < k->layout->screens[sc].box_count; i++)
			if (k->layout->screens[sc].boxes[i].action == action) {
				if (screen)
					*screen = sc;
				return &k->layout->screens[sc].boxes[i];
			}
	return NULL;
}

/* Presses the Settings button with this action, turning to its screen with Next or Back
 * first, as a visitor would. */
static void press_setting(Host *h, KioskAction action)
{
	size_t screen = 0;
	assert_non_null(settings_box(h->k, action, &screen));
	for (int turns = 0; (size_t)h->k->overlay_screen != screen && turns < 8; turns++)
		tap(h, (size_t)h->k->overlay_screen < screen ? BOX_NAV_NEXT : BOX_NAV_BACK, 0);
	assert_int_equal(h->k->overlay_screen, (int)screen);
	const LayoutBox *b = settings_box(h->k, action, &screen);
	tap_at(h, b->rect.x + b->rect.w / 2, b->rect.y + b->rect.h / 2);
	assert_int_equal(h->k->mode, MODE_SETTINGS);
}

/* How many times the usage log names a setting ("text_size", "volume"). */
static int usage_settings(Host *h, const char *name)
{
	char *log = usage_text(h), needle[64];
	snprintf(needle, sizeof(needle), "\"%s\"", name);
	int n = 0;
	for (const char *at = strstr(log, needle); at; at = strstr(at + 1, needle))
		n++;
	free(log);
	return n;
}

/* #15: Settings' pairs. Smaller then Larger step the text size down and up (and log it);
 * at an end the button says so and changes nothing: Smaller at the smallest text, Larger at
 * the largest, Louder at the loudest, Quieter at the quietest, Slower and Faster the same. */
static void test_settings_pairs_step_and_stop(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	tap(&h, BOX_NAV_SETTINGS, 0);
	assert_int_equal(k->mode, MODE_SETTINGS);
	/* the smallest text: Smaller changes nothing, logs nothing, says it is the smallest */
	assert_int_equal(k->settings.text_size, TEXT_NORMAL);
	assert_non_null(strstr(layout_box_text(settings_box(k, ACT_SMALLER, NULL)), "smallest now"));
	int said = h.said, applied = h.settings_applied;
	press_setting(&h, ACT_SMALLER);
	assert_int_equal(k->settings.text_size, TEXT_NORMAL);
	assert_int_equal(h.said, said + 1);
	assert_non_null(strstr(h.last_said, "smallest now"));
	assert_int_equal(h.settings_applied, applied);
	assert_int_equal(usage_settings(&h, "text_size"), 0);
	/* Larger, Larger: up to the largest, each step logged and said */
	press_setting(&h, ACT_LARGER);
	assert_int_equal(k->settings.text_size, TEXT_LARGE);
	assert_int_equal(usage_settings(&h, "text_size"), 1);
	assert_non_null(strstr(h.last_said, "now large"));
	char *log = usage_text(&h);
	assert_non_null(strstr(log, "\"large\""));
	free(log);
	assert_null(strstr(layout_box_text(settings_box(k, ACT_SMALLER, NULL)), "smallest"));
	press_setting(&h, ACT_LARGER);
	assert_int_equal(k->settings.text_size, TEXT_LARGEST);
	press_setting(&h, ACT_LARGER);
	assert_int_equal(k->settings.text_size, TEXT_LARGEST);
	assert_non_null(strstr(h.last_said, "largest now"));
	assert_int_equal(usage_settings(&h, "text_size"), 2);
	/* Smaller steps back down */
	press_setting(&h, ACT_SMALLER);
	assert_int_equal(k->settings.text_size, TEXT_LARGE);
	press_setting(&h, ACT_SMALLER);
	assert_int_equal(k->settings.text_size, TEXT_NORMAL);
	assert_int_equal(usage_settings(&h, "text_size"), 4);
	/* Louder up to the top (7 steps), then it stays there and says so */
	for (int i = 0; i < SCREENS_VOLUME_STEPS; i++)
		press_setting(&h, ACT_LOUDER);
	assert_int_equal(k->settings.volume, 100);
	int volumes = usage_settings(&h, "volume");
	applied = h.settings_applied;
	press_setting(&h, ACT_LOUDER);
	assert_int_equal(k->settings.volume, 100);
	assert_non_null(strstr(h.last_said, "loudest now"));
	assert_int_equal(usage_settings(&h, "volume"), volumes);
	assert_int_equal(h.settings_applied, applied);
	press_setting(&h, ACT_QUIETER);
	assert_int_equal(k->settings.volume, screens_volume_percent(SCREENS_VOLUME_STEPS - 2));
	for (int i = 0; i < SCREENS_VOLUME_STEPS + 1; i++)
		press_setting(&h, ACT_QUIETER);
	assert_int_equal(k->settings.volume, screens_volume_percent(0));
	assert_non_null(strstr(h.last_said, "quietest now"));
	/* the speaking speed: normal, slower, slowest; then up to the fastest */
	press_setting(&h, ACT_SLOWER);
	assert_int_equal(k->settings.rate, RATE_SLOW);
	press_setting(&h, ACT_SLOWER);
	assert_int_equal(k->settings.rate, RATE_SLOW);
	assert_non_null(strstr(h.last_said, "slowest now"));
	press_setting(&h, ACT_FASTER);
	press_setting(&h, ACT_FASTER);
	assert_int_equal(k->settings.rate, RATE_FAST);
	press_setting(&h, ACT_FASTER);
	assert_int_equal(k->settings.rate, RATE_FAST);
	assert_non_null(strstr(h.last_said, "fastest now"));
	host_close(&h);
}

/* #15: each pair's two buttons on one row of the grid (same screen, same y, the lesser way
 * first), and Done on every Settings screen, at four panel sizes and every text size. */
static void test_settings_pairs_share_a_row(void **state)
{
	(void)state;
	static const int sizes[][2] = {{1920, 1080}, {1366, 768}, {1024, 768}, {1080, 1920}};
	static const KioskAction pairs[3][2] = {
	    {ACT_SMALLER, ACT_LARGER}, {ACT_SLOWER, ACT_FASTER}, {ACT_QUIETER, ACT_LOUDER}};
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	tap(&h, BOX_NAV_SETTINGS, 0);
	for (int t = 0; t < TEXT_SIZE_COUNT; t++) {
		if (t > 0)
			press_setting(&h, ACT_LARGER);
		assert_int_equal(k->settings.text_size, t);
		for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
			send(&h, (InputEvent){.type = IN_RESIZED, .w = sizes[z][0], .h = sizes[z][1]});
			assert_int_equal(k->mode, MODE_SETTINGS);
			for (int q = 0; q < 3; q++) {
				size_t ls = 0, ms = 0;
				const LayoutBox *less = settings_box(k, pairs[q][0], &ls);
				const LayoutBox *more = settings_box(k, pairs[q][1], &ms);
				assert_non_null(less);
				assert_non_null(more);
				assert_int_equal(ls, ms);
				assert_int_equal(less->rect.y, more->rect.y);
				assert_true(less->rect.x < more->rect.x);
			}
			for (size_t sc = 0; sc < k->layout->screen_count; sc++) {
				int done = 0;
				for (size_t i = 0; i < k->layout->screens[sc].box_count; i++)
					done += k->layout->screens[sc].boxes[i].action == ACT_DONE;
				assert_int_equal(done, 1);
			}
		}
	}
	host_close(&h);
}

/* #15: Back in Settings goes to the Settings screen before, as Back does on a page; on the
 * first Settings screen it goes back to the page. */
static void test_settings_back_steps_screens(void **state)
{
	(void)state;
	Host h;
	host_open(&h, NULL, 0);
	Kiosk *k = h.k;
	tap_at(&h, W / 2, H / 2);
	tap(&h, BOX_BUTTON, 0);
	char page[sizeof(k->nav.current.page)];
	snprintf(page, sizeof(page), "%s", k->nav.current.page);
	tap(&h, BOX_NAV_SETTINGS, 0);
	assert_true(k->layout->screen_count >= 2);
	assert_int_equal(k->overlay_screen, 0);
	tap(&h, BOX_NAV_NEXT, 0);
	assert_int_equal(k->overlay_screen, 1);
	tap(&h, BOX_NAV_BACK, 0);
	assert_int_equal(k->mode, MODE_SETTINGS);
	assert_int_equal(k->overlay_screen, 0);
	tap(&h, BOX_NAV_BACK, 0);
	assert_int_equal(k->mode, MODE_PAGE);
	assert_string_equal(k->nav.current.page, page);
	host_close(&h);
}

/* The attract screen's title is in the language on screen: the site's name in its own
 * language, the home page's title (written by the translators) in another; the site's
 * English name stayed above a Polish or Urdu attract screen. */
static void test_attract_title_in_its_language(void **state)
{
	(void)state;
	KioskHost host = {.measure = fake_measure};
	const char *const langs[] = {"en", "pl"};
	const char *const titles[] = {"Test kiosk", "Witamy"};
	for (int l = 0; l < 2; l++) {
		Kiosk *k = kiosk_create(CONTENT, NULL, 0, langs[l], &host, W, H, 1000);
		assert_non_null(k);
		kiosk_start(k, 1000);
		assert_int_equal(k->mode, MODE_ATTRACT);
		assert_string_equal(k->page->title, titles[l]);
		assert_int_equal(kiosk_screen(k)->boxes[0].role, BOX_TITLE); /* what is drawn */
		assert_string_equal(kiosk_screen(k)->boxes[0].text, titles[l]);
		kiosk_destroy(k);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_navigation_flow),
	    cmocka_unit_test(test_listen_pause_stop),
	    cmocka_unit_test(test_again_and_the_bar_stay_put),
	    cmocka_unit_test(test_help_in_one_press),
	    cmocka_unit_test(test_help_slot_is_fixed),
	    cmocka_unit_test(test_no_help_page_no_slot),
	    cmocka_unit_test(test_hard_word_popup),
	    cmocka_unit_test(test_settings_and_idle_reset),
	    cmocka_unit_test(test_idle_warning_carry_on),
	    cmocka_unit_test(test_reading_keeps_the_visit),
	    cmocka_unit_test(test_scan_labels_do_not_hold_the_visit),
	    cmocka_unit_test(test_pin_lockout_and_quit),
	    cmocka_unit_test(test_pin_pad_shows_every_digit),
	    cmocka_unit_test(test_one_switch_scanning),
	    cmocka_unit_test(test_two_switch_scanning),
	    cmocka_unit_test(test_reload_applies_kiosk_ini),
	    cmocka_unit_test(test_language_switch),
	    cmocka_unit_test(test_effects_queue_and_clear),
	    cmocka_unit_test(test_dwell_opens_a_topic),
	    cmocka_unit_test(test_escape_closes_popup_only),
	    cmocka_unit_test(test_kiosk_buttons_are_typed),
	    cmocka_unit_test(test_site_settings_read_once),
	    cmocka_unit_test(test_attract_title_in_its_language),
	    cmocka_unit_test(test_settings_pairs_step_and_stop),
	    cmocka_unit_test(test_settings_pairs_share_a_row),
	    cmocka_unit_test(test_settings_back_steps_screens),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
