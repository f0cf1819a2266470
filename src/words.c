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
	if (strcmp(key, "in_default") == 0) {
		snprintf(r->w->in_default, sizeof(r->w->in_default), "%s", value);
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
