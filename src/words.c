/* words: a tiny "key = text" reader (inih) for the kiosk's button words per language. The
 * page number format comes from content files, so it is checked here: exactly two %d. */
#include "words.h"

#include <ini.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

void words_defaults(Words *w)
{
	memset(w, 0, sizeof(*w));
	snprintf(w->home, WORDS_MAX, "Home");
	snprintf(w->back, WORDS_MAX, "Back");
	snprintf(w->next, WORDS_MAX, "Next");
	snprintf(w->listen, WORDS_MAX, "Listen");
	snprintf(w->stop, WORDS_MAX, "Stop");
	snprintf(w->pause, WORDS_MAX, "Pause");
	snprintf(w->go_on, WORDS_MAX, "Go on");
	snprintf(w->again, WORDS_MAX, "Again");
	snprintf(w->settings, WORDS_MAX, "Settings");
	snprintf(w->language, WORDS_MAX, "Language");
	snprintf(w->page_of, WORDS_MAX, "Page %%d of %%d");
	snprintf(w->name, WORDS_MAX, "English");
	snprintf(w->close, WORDS_MAX, "Close");
	snprintf(w->hard_word_prompt, WORDS_MAX, "What does this mean");
	snprintf(w->in_default, sizeof(w->in_default), "This page is in English.");
	snprintf(w->attract_touch, sizeof(w->attract_touch), "**Touch the screen** to start.");
	snprintf(w->attract_switch, sizeof(w->attract_switch), "Or **press your switch**.");
	snprintf(w->attract_listen, sizeof(w->attract_listen), "You can listen to every page.");
	snprintf(w->warning_title, sizeof(w->warning_title), "Are you still there?");
	snprintf(w->warning_touch, sizeof(w->warning_touch), "**Touch the screen** or press any key or switch to carry on.");
	snprintf(w->warning_countdown, sizeof(w->warning_countdown),
		 "In **%%d seconds** the screen will go back to the start for the next person.");
	snprintf(w->sorry_title, sizeof(w->sorry_title), "Sorry");
	snprintf(w->sorry_text, sizeof(w->sorry_text), "Sorry, this page cannot be shown.");
	snprintf(w->sorry_help, sizeof(w->sorry_help), "Please press **Back** or **Home**, or ask at the desk.");
	snprintf(w->text_size, sizeof(w->text_size), "Text size");
	snprintf(w->size_words[0], WORDS_MAX, "normal");
	snprintf(w->size_words[1], WORDS_MAX, "large");
	snprintf(w->size_words[2], WORDS_MAX, "largest");
	snprintf(w->colours, sizeof(w->colours), "Colours");
	snprintf(w->theme_words[0], WORDS_MAX, "dark on cream");
	snprintf(w->theme_words[1], WORDS_MAX, "yellow on black");
	snprintf(w->theme_words[2], WORDS_MAX, "white on blue");
	snprintf(w->speech, sizeof(w->speech), "Speech");
	snprintf(w->on, sizeof(w->on), "on");
	snprintf(w->off, sizeof(w->off), "off");
	snprintf(w->read_on_open, sizeof(w->read_on_open), "Read each page when it opens");
	snprintf(w->yes, sizeof(w->yes), "yes");
	snprintf(w->no, sizeof(w->no), "no");
	snprintf(w->speed, sizeof(w->speed), "Speaking speed");
	snprintf(w->rate_words[0], WORDS_MAX, "slow");
	snprintf(w->rate_words[1], WORDS_MAX, "normal");
	snprintf(w->rate_words[2], WORDS_MAX, "fast");
	snprintf(w->louder, sizeof(w->louder), "Louder");
	snprintf(w->quieter, sizeof(w->quieter), "Quieter");
	snprintf(w->volume_of, sizeof(w->volume_of), "volume %%d of %%d");
	snprintf(w->switch_speed, sizeof(w->switch_speed), "Switch speed: one step every");
	snprintf(w->done, sizeof(w->done), "Done: back to the page");
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

static bool two_numbers(const char *fmt)
{
	int d = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		if (p[1] == 'd')
			d++;
		else if (p[1] != '%')
			return false;
		p++;
	}
	return d == 2;
}

static int handler(void *user, const char *section, const char *key, const char *value)
{
	Reader *r = user;
	(void)section;
	struct {
		const char *key;
		char *dst;
	} keys[] = {
		{"home", r->w->home},	    {"back", r->w->back},	  {"next", r->w->next},
		{"listen", r->w->listen},   {"stop", r->w->stop},	  {"pause", r->w->pause},
		{"go_on", r->w->go_on},	    {"again", r->w->again},	  {"settings", r->w->settings},
		{"language", r->w->language}, {"page_of", r->w->page_of}, {"name", r->w->name},
		{"close", r->w->close},	    {"hard_word_prompt", r->w->hard_word_prompt},
	};
	struct {
		const char *key;
		char *dst;
		size_t size;
		int numbers; /* %d it must have; -2: no check (plain text must have none) */
	} long_keys[] = {
		{"in_default", r->w->in_default, sizeof(r->w->in_default), 0},
		{"attract_touch", r->w->attract_touch, sizeof(r->w->attract_touch), 0},
		{"attract_switch", r->w->attract_switch, sizeof(r->w->attract_switch), 0},
		{"attract_listen", r->w->attract_listen, sizeof(r->w->attract_listen), 0},
		{"warning_title", r->w->warning_title, sizeof(r->w->warning_title), 0},
		{"warning_touch", r->w->warning_touch, sizeof(r->w->warning_touch), 0},
		{"warning_countdown", r->w->warning_countdown, sizeof(r->w->warning_countdown), 1},
		{"sorry_title", r->w->sorry_title, sizeof(r->w->sorry_title), 0},
		{"sorry_text", r->w->sorry_text, sizeof(r->w->sorry_text), 0},
		{"sorry_help", r->w->sorry_help, sizeof(r->w->sorry_help), 0},
		{"text_size", r->w->text_size, WORDS_MAX, 0},
		{"size_normal", r->w->size_words[0], WORDS_MAX, 0},
		{"size_large", r->w->size_words[1], WORDS_MAX, 0},
		{"size_largest", r->w->size_words[2], WORDS_MAX, 0},
		{"colours", r->w->colours, WORDS_MAX, 0},
		{"theme_cream", r->w->theme_words[0], WORDS_MAX, 0},
		{"theme_yellow_on_black", r->w->theme_words[1], WORDS_MAX, 0},
		{"theme_white_on_blue", r->w->theme_words[2], WORDS_MAX, 0},
		{"speech", r->w->speech, WORDS_MAX, 0},
		{"on", r->w->on, WORDS_MAX, 0},
		{"off", r->w->off, WORDS_MAX, 0},
		{"read_on_open", r->w->read_on_open, sizeof(r->w->read_on_open), 0},
		{"yes", r->w->yes, WORDS_MAX, 0},
		{"no", r->w->no, WORDS_MAX, 0},
		{"speed", r->w->speed, WORDS_MAX, 0},
		{"rate_slow", r->w->rate_words[0], WORDS_MAX, 0},
		{"rate_normal", r->w->rate_words[1], WORDS_MAX, 0},
		{"rate_fast", r->w->rate_words[2], WORDS_MAX, 0},
		{"louder", r->w->louder, WORDS_MAX, 0},
		{"quieter", r->w->quieter, WORDS_MAX, 0},
		{"volume_of", r->w->volume_of, WORDS_MAX, 2},
		{"switch_speed", r->w->switch_speed, sizeof(r->w->switch_speed), 0},
		{"done", r->w->done, sizeof(r->w->done), 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(long_keys); i++) {
		if (strcmp(key, long_keys[i].key) != 0)
			continue;
		if (count_numbers(value) != long_keys[i].numbers) {
			diag_add(r->diags, DIAG_WARNING, r->path, r->line, 0,
				 "'%s' must have %d %%d (where the number goes) and no other %%: ignored", key,
				 long_keys[i].numbers);
			return 1;
		}
		snprintf(long_keys[i].dst, long_keys[i].size, "%s", value);
		return 1;
	}
	if (!utf8_valid(value, strlen(value), NULL)) {
		diag_add(r->diags, DIAG_WARNING, r->path, r->line, 0, "'%s' is not UTF-8 text and is ignored", key);
		return 1;
	}
	if (strcmp(key, "page_of") == 0 && !two_numbers(value)) {
		diag_add(r->diags, DIAG_WARNING, r->path, r->line, 0,
			 "page_of needs two %%d, for the screen and the count (like \"Page %%d of %%d\")");
		return 1;
	}
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		if (strcmp(key, keys[i].key) == 0) {
			snprintf(keys[i].dst, WORDS_MAX, "%s", value);
			return 1;
		}
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
