/* glossary: reads a language's hard words from its glossary page and answers "is this bold
 * word a hard word?" for the pop-ups, the checker and the HTML export.
 *
 * Start reading at glossary_load: it borrows the rows the content module already parsed,
 * so the glossary needs no parser of its own and every problem with the file (a missing
 * picture, bad UTF-8) is reported once, by the loader. glossary_find is where the
 * tolerance for capitals and plurals lives; glossary_make_page turns the entries into the
 * generated "Hard words" page. */
#include "glossary.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

/* ASCII spaces and punctuation around a word are not part of it: "**carers.**" or
 * "**'appeal'**" name the words "carers" and "appeal". Letters outside ASCII are kept. */
static void trim(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len;
	while (n > 0 && (isspace((unsigned char)p[0]) || ispunct((unsigned char)p[0]))) {
		p++;
		n--;
	}
	while (n > 0 && (isspace((unsigned char)p[n - 1]) || ispunct((unsigned char)p[n - 1])))
		n--;
	*s = p;
	*len = n;
}

static int compare_entries(const void *a, const void *b)
{
	const GlossaryEntry *x = a, *y = b;
	int d = strcasecmp(x->word, y->word);
	return d ? d : strcmp(x->word, y->word);
}

static void add_entry(Glossary *g, const ContentRow *row, size_t *cap)
{
	for (size_t s = 0; s < row->span_count; s++) {
		const ContentSpan *span = &row->spans[s];
		if (!span->bold)
			continue;
		const char *word = row->text + span->offset;
		size_t len = span->len;
		trim(&word, &len);
		if (len == 0)
			continue; /* a bold comma is not a word: try the next bold span */
		if (g->count == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			g->entries = xrealloc(g->entries, *cap * sizeof(GlossaryEntry));
		}
		g->entries[g->count++] = (GlossaryEntry){.word = xstrndup(word, len), .row = row};
		return;
	}
}

Glossary *glossary_load(Content *c, ContentLanguage *lang)
{
	ContentPage *page = content_page(c, lang, GLOSSARY_FILE);
	if (!page)
		page = content_page(c, lang, GLOSSARY_PAGE_NAME);
	if (!page)
		return NULL;
	Glossary *g = xcalloc(1, sizeof(Glossary));
	g->page = page;
	size_t cap = 0;
	for (size_t r = 0; r < page->row_count; r++)
		if (page->rows[r].kind == ROW_TEXT)
			add_entry(g, &page->rows[r], &cap);
	if (g->count > 1)
		qsort(g->entries, g->count, sizeof(GlossaryEntry), compare_entries);
	return g;
}

void glossary_destroy(Glossary *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->count; i++)
		free(g->entries[i].word);
	free(g->entries);
	free(g);
}

/* True when a[0..an) is b[0..bn) plus nothing, "s" or "es" (ASCII case ignored). */
static bool plural_of(const char *a, size_t an, const char *b, size_t bn)
{
	if (an < bn || strncasecmp(a, b, bn) != 0)
		return false;
	const char *rest = a + bn;
	size_t n = an - bn;
	return n == 0 || (n == 1 && tolower((unsigned char)rest[0]) == 's') ||
	       (n == 2 && strncasecmp(rest, "es", 2) == 0);
}

const GlossaryEntry *glossary_find_n(const Glossary *g, const char *word, size_t len)
{
	if (!g || !word)
		return NULL;
	trim(&word, &len);
	if (len == 0)
		return NULL;
	/* An exact match wins over a plural one ("glasses" may be its own entry next to
	 * "glass"): look for it first. */
	for (size_t i = 0; i < g->count; i++) {
		const char *w = g->entries[i].word;
		if (strlen(w) == len && strncasecmp(w, word, len) == 0)
			return &g->entries[i];
	}
	for (size_t i = 0; i < g->count; i++) {
		const char *w = g->entries[i].word;
		size_t wn = strlen(w);
		if (plural_of(word, len, w, wn) || plural_of(w, wn, word, len))
			return &g->entries[i];
	}
	return NULL;
}

const GlossaryEntry *glossary_find(const Glossary *g, const char *word)
{
	return word ? glossary_find_n(g, word, strlen(word)) : NULL;
}

void glossary_make_page(const Glossary *g, ContentPage *out)
{
	memset(out, 0, sizeof(*out));
	out->name = xstrdup(GLOSSARY_PAGE_NAME);
	out->path = xstrdup(g && g->page && g->page->path ? g->page->path : GLOSSARY_PAGE_NAME);
	out->title = xstrdup(g && g->page && g->page->title ? g->page->title : "Hard words");
	out->loaded = true;
	out->ok = true;
	if (!g)
		return;
	size_t buttons = 0;
	for (size_t r = 0; g->page && r < g->page->row_count; r++)
		if (g->page->rows[r].kind == ROW_LINK)
			buttons++;
	if (g->count + buttons == 0)
		return;
	out->rows = xcalloc(g->count + buttons, sizeof(ContentRow));
	for (size_t i = 0; i < g->count; i++)
		content_row_copy(&out->rows[out->row_count++], g->entries[i].row);
	for (size_t r = 0; g->page && r < g->page->row_count; r++)
		if (g->page->rows[r].kind == ROW_LINK)
			content_row_copy(&out->rows[out->row_count++], &g->page->rows[r]);
}

void glossary_page_free(ContentPage *page)
{
	if (!page)
		return;
	content_page_clear(page);
	free(page->name);
	free(page->path);
	page->name = NULL;
	page->path = NULL;
}
