/* glossary: the hard words of one language and their easy explanations.
 *
 * content/<lang>/glossary.md holds one row per hard word, with a picture:
 *
 *   # Hard words
 *   ![2 people talking](talking.svg) **Advocacy** is support to have your say.
 *
 * The first bold span of a text row is the word; the whole row is its explanation. Rows
 * with no bold words (a button back to "Ask for help", say) are not entries. Until a
 * language has a glossary.md, its hand-written hard-words.md is read the same way.
 *
 * Wherever a glossary word is bold on a page the kiosk can show its row in a pop-up
 * (glossary_find), and the "Hard words" page is generated from the entries
 * (glossary_make_page): links to hard-words.md lead there. glossary.md itself is not a
 * page visitors go to. Core module: no SDL. */
#ifndef GLOSSARY_H
#define GLOSSARY_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"

#define GLOSSARY_FILE "glossary.md"        /* the glossary of a language */
#define GLOSSARY_PAGE_NAME "hard-words.md" /* the page links name; generated from the glossary */

typedef struct {
	char *word;            /* owned: the bold words, trimmed of spaces and punctuation */
	const ContentRow *row; /* borrowed from the glossary page: the explanation */
} GlossaryEntry;

typedef struct {
	const ContentPage *page; /* borrowed: glossary.md, or hard-words.md when there is none */
	GlossaryEntry *entries;  /* owned; sorted by word, case-insensitively */
	size_t count;
} Glossary;

/* The glossary of a language: glossary.md when the language has one, else hard-words.md.
 * Returns NULL when the language has neither (or it cannot be used: the loader has said
 * why in c->diags). Entries borrow the page's rows: the glossary must be destroyed before
 * content_close. Free with glossary_destroy. */
Glossary *glossary_load(Content *c, ContentLanguage *lang);
void glossary_destroy(Glossary *g); /* NULL is a no-op */

/* The entry for `word` (a bold span's text), or NULL. Case-insensitive for ASCII letters,
 * ignores spaces and punctuation around the word, and tolerates simple plurals: "Carers"
 * finds "carer", "processes" finds "process", "appeal" finds "appeals". g may be NULL. */
const GlossaryEntry *glossary_find(const Glossary *g, const char *word);
/* The same for word[0..len). */
const GlossaryEntry *glossary_find_n(const Glossary *g, const char *word, size_t len);

/* Builds the "Hard words" page into *out (which is overwritten, not freed first): the
 * glossary page's title (or "Hard words" when it has none), one row per entry in
 * alphabetical order, then the glossary page's buttons in their order. Every row is a deep
 * copy, picture fields included; out->name is GLOSSARY_PAGE_NAME and out->path the
 * glossary file's path, both owned by out. Free with glossary_page_free. */
void glossary_make_page(const Glossary *g, ContentPage *out);
/* Frees what glossary_make_page put in *out. */
void glossary_page_free(ContentPage *page);

#endif
