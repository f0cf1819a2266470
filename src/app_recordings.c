/* app_recordings: which recording (recording.h) belongs to each part of a narration of the
 * screen on show. A content page's title is row 0 and its rows 1, 2, 3...; the generated
 * "Hard words" page and a hard word's pop-up show rows of glossary.md, so they play the
 * glossary's recordings. A part gets no recording when it is a picture's description, a
 * kiosk screen's words, or a row split across screens (the recording is of the whole row);
 * eSpeak NG reads those. Used by the kiosk (app.c) and --speak (tools.c) alike, so both
 * mix the same way. Edge module (App). */
#include <string.h>

#include "app_internal.h"
#include "util.h"

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
static const ContentPage *source_page(const App *app, const ContentPage *p)
{
	const ContentLanguage *l = app->lang;
	for (size_t i = 0; i < l->page_count; i++)
		if (&l->pages[i] == p || (p->name && strcmp(l->pages[i].name, p->name) == 0 && l->pages[i].loaded &&
					  l->pages[i].ok && !l->pages[i].is_glossary && p != &app->translated_fallback))
			return &l->pages[i];
	return NULL;
}

static void find_part(const App *app, const LayoutBox *b, RecordingRef *ref)
{
	const ContentPage *p = app->page;
	const char *dir = app->content->dir, *lang = app->lang->code;
	if (!p)
		return;
	const ContentPage *src = app->mode == MODE_PAGE && p != &app->glossary_page ? source_page(app, p) : NULL;
	/* the Hard words page and a hard word's pop-up show glossary.md's rows */
	const ContentPage *g = app->glossary && (p == &app->glossary_page || app->mode == MODE_POPUP)
				       ? app->glossary->page
				       : NULL;
	if (b->role == BOX_TITLE) {
		const char *title = layout_box_text(b);
		if (!whole(b, title))
			return;
		if (src && src->title && strcmp(src->title, title) == 0)
			recording_find(dir, lang, src->name, 0, ref);
		else if (g && p == &app->glossary_page && g->title && strcmp(g->title, title) == 0)
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

RecordingRef *app_recording_refs(const App *app, const LayoutScreen *s, const Narration *n)
{
	RecordingRef *refs = xcalloc(n->count ? n->count : 1, sizeof(RecordingRef));
	if (!app->content || !app->lang)
		return refs;
	for (size_t i = 0; i < n->count; i++) {
		const NarrationPart *np = &n->parts[i];
		if (np->is_alt || np->box < 0 || (size_t)np->box >= s->box_count)
			continue;
		find_part(app, &s->boxes[np->box], &refs[i]);
	}
	return refs;
}
