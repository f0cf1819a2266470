/* words: a tiny "key = text" reader (inih) for the kiosk's button words per language. The
 * page number format comes from content files, so it is checked here: exactly two %d. */
#include "words.h"

#include <ini.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* Every word: its key in words.txt, where it lives in Words, its English default, and how
 * many %d it must have (the formats reach snprintf); ANY_TEXT: plain words, no check. */
#define ANY_TEXT (-1)
#define FIELD(name) offsetof(Words, name), sizeof(((Words *)0)->name)
#define ITEM(array, i) offsetof(Words, array) + (i) * WORDS_MAX, WORDS_MAX

static const struct {
	const char *key;
	size_t offset, size;
	int numbers;
	const char *english;
} word_keys[] = {
	{"name", FIELD(name), ANY_TEXT, "English"},
	{"home", FIELD(home), ANY_TEXT, "Home"},
	{"back", FIELD(back), ANY_TEXT, "Back"},
	{"next", FIELD(next), ANY_TEXT, "Next"},
	{"listen", FIELD(listen), ANY_TEXT, "Listen"},
	{"stop", FIELD(stop), ANY_TEXT, "Stop"},
	{"pause", FIELD(pause), ANY_TEXT, "Pause"},
	{"go_on", FIELD(go_on), ANY_TEXT, "Go on"},
	{"again", FIELD(again), ANY_TEXT, "Again"},
	{"settings", FIELD(settings), ANY_TEXT, "Settings"},
	{"language", FIELD(language), ANY_TEXT, "Language"},
	{"page_of", FIELD(page_of), 2, "Page %d of %d"},
	{"close", FIELD(close), ANY_TEXT, "Close"},
	{"hard_word_prompt", FIELD(hard_word_prompt), ANY_TEXT, "What does this mean"},
	{"in_default", FIELD(in_default), 0, "This page is in English."},
	{"attract_touch", FIELD(attract_touch), 0, "**Touch the screen** to start."},
	{"attract_switch", FIELD(attract_switch), 0, "Or **press your switch**."},
	{"attract_listen", FIELD(attract_listen), 0, "You can listen to every page."},
	{"warning_title", FIELD(warning_title), 0, "Are you still there?"},
	{"warning_touch", FIELD(warning_touch), 0, "**Touch the screen** or press any key or switch to carry on."},
	{"warning_countdown", FIELD(warning_countdown), 1,
	 "In **%d seconds** the screen will go back to the start for the next person."},
	{"sorry_title", FIELD(sorry_title), 0, "Sorry"},
	{"sorry_text", FIELD(sorry_text), 0, "Sorry, this page cannot be shown."},
	{"sorry_help", FIELD(sorry_help), 0, "Please press **Back** or **Home**, or ask at the desk."},
	{"text_size", FIELD(text_size), 0, "Text size"},
	{"size_normal", ITEM(size_words, 0), 0, "normal"},
	{"size_large", ITEM(size_words, 1), 0, "large"},
	{"size_largest", ITEM(size_words, 2), 0, "largest"},
	{"colours", FIELD(colours), 0, "Colours"},
	{"theme_cream", ITEM(theme_words, 0), 0, "dark on cream"},
	{"theme_yellow_on_black", ITEM(theme_words, 1), 0, "yellow on black"},
	{"theme_white_on_blue", ITEM(theme_words, 2), 0, "white on blue"},
	{"speech", FIELD(speech), 0, "Speech"},
	{"on", FIELD(on), 0, "on"},
	{"off", FIELD(off), 0, "off"},
	{"read_on_open", FIELD(read_on_open), 0, "Read each page when it opens"},
	{"yes", FIELD(yes), 0, "yes"},
	{"no", FIELD(no), 0, "no"},
	{"speed", FIELD(speed), 0, "Speaking speed"},
	{"rate_slow", ITEM(rate_words, 0), 0, "slow"},
	{"rate_normal", ITEM(rate_words, 1), 0, "normal"},
	{"rate_fast", ITEM(rate_words, 2), 0, "fast"},
	{"louder", FIELD(louder), 0, "Louder"},
	{"quieter", FIELD(quieter), 0, "Quieter"},
	{"volume_of", FIELD(volume_of), 2, "volume %d of %d"},
	{"switch_speed", FIELD(switch_speed), 0, "Switch speed: one step every"},
	{"done", FIELD(done), 0, "Done: back to the page"},
	{"more_next", FIELD(more_next), 0, "Touch Next to hear more."},
	{"take_home", FIELD(take_home), 0, "Take this page home"},
	{"point_camera", FIELD(point_camera), 0, "**Point your phone camera here.**"},
	{"print", FIELD(print), 0, "Print this page"},
	{"printing", FIELD(printing), 0, "Your page is printing. Please take it from the printer."},
	{"print_failed", FIELD(print_failed), 0, "Sorry, the printer is not working now. Please ask at the desk."},
	{"back_to_page", FIELD(back_to_page), 0, "Back to the page"},
	{"help_call", FIELD(help_call), 0, "Call someone to help me"},
	{"help_calling", FIELD(help_calling), 0, "We are calling someone. Please wait."},
	{"help_coming", FIELD(help_coming), 0, "**Someone is coming to help you.** Please wait here."},
	{"help_desk", FIELD(help_desk), 0, "**Please go to the desk.** We could not call anyone from here."},
	{"dwell", FIELD(dwell), 0, "Choose by keeping the pointer still"},
	{"dwell_off", FIELD(dwell_off), 0, "off"},
	{"switches", FIELD(switches), 0, "Switches"},
	{"switches_one", FIELD(switches_one), 0, "1 (the light moves by itself)"},
	{"switches_two", FIELD(switches_two), 0, "2 (one moves, one chooses)"},
	{"scan_labels", FIELD(scan_labels), 0, "Say what lights up"},
	{"scan_paused", FIELD(scan_paused), 0, "Press your switch to go on"},
	{"dwell_offer_title", FIELD(dwell_offer_title), 0, "Do you want to choose by keeping still?"},
	{"dwell_offer_text", FIELD(dwell_offer_text), 0, "Keep the pointer still on a button. The button presses itself."},
	{"dwell_offer_yes", FIELD(dwell_offer_yes), 0, "Yes, choose by keeping still"},
	{"dwell_offer_no", FIELD(dwell_offer_no), 0, "No, thank you"},
};

static void set_word(Words *w, size_t i, const char *text)
{
	snprintf((char *)w + word_keys[i].offset, word_keys[i].size, "%s", text);
}

void words_defaults(Words *w)
{
	memset(w, 0, sizeof(*w));
	for (size_t i = 0; i < ARRAY_LEN(word_keys); i++)
		set_word(w, i, word_keys[i].english);
}

typedef struct {
	Words *w;
	const char *path;
	DiagList *diags;
	int line;
	FILE *f;
} Reader;

static char *reader_gets(char *str, int num, void *stream)
{
	Reader *r = stream;
	char *s = fgets(str, num, r->f);
	if (s)
		r->line++;
	return s;
}

/* How many %d a format has; -1 when it has any other % directive (content files must not
 * reach printf with anything else). */
static int count_numbers(const char *fmt)
{
	int d = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		if (p[1] == 'd')
			d++;
		else if (p[1] != '%')
			return -1;
		p++;
	}
	return d;
}

static int handler(void *user, const char *section, const char *key, const char *value)
{
	Reader *r = user;
	(void)section;
	if (!utf8_valid(value, strlen(value), NULL)) {
		diag_add(r->diags, DIAG_WARNING, r->path, r->line, 0, "'%s' is not UTF-8 text and is ignored", key);
		return 1;
	}
	for (size_t i = 0; i < ARRAY_LEN(word_keys); i++) {
		if (strcmp(key, word_keys[i].key) != 0)
			continue;
		/* Too long is refused whole: cutting could leave a lone % for snprintf or half a
		 * UTF-8 character on screen. */
		if (strlen(value) >= word_keys[i].size) {
			diag_add(r->diags, DIAG_WARNING, r->path, r->line, 0,
				 "'%s' is longer than %zu bytes and is ignored (keep the kiosk's words short)", key,
				 word_keys[i].size - 1);
			return 1;
		}
		int want = word_keys[i].numbers;
		if (want != ANY_TEXT && count_numbers(value) != want) {
			if (want == 2 && strcmp(key, "page_of") == 0)
				diag_add(r->diags, DIAG_WARNING, r->path, r->line, 0,
					 "page_of needs two %%d, for the screen and the count (like \"Page %%d of %%d\")");
			else
				diag_add(r->diags, DIAG_WARNING, r->path, r->line, 0,
					 "'%s' must have %d %%d (where the number goes) and no other %%: ignored", key,
					 want);
			return 1;
		}
		set_word(r->w, i, value);
		return 1;
	}
	diag_add(r->diags, DIAG_WARNING, r->path, r->line, 0, "unknown word '%s' is ignored", key);
	return 1;
}

bool words_load(Words *w, const char *path, DiagList *diags)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return true;
	Reader r = {w, path, diags, 0, f};
	int rc = ini_parse_stream(reader_gets, &r, handler, &r);
	fclose(f);
	if (rc > 0)
		diag_add(diags, DIAG_WARNING, path, rc, 0, "this line is not 'word = text' and is ignored");
	return true;
}
