/* narrate: turns layout boxes into the texts eSpeak reads, with a character map back to the
 * screen. Building blocks: SpokenText (a growing UTF-8 string plus one map entry per code
 * point) and apply_pronounce, which swaps listed words for how they should be said. Start at
 * narration_screen. */
#include "narrate.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NO_SOURCE ((size_t)-1)

typedef struct {
	char *s;
	size_t len, cap;
	size_t *map;
	size_t chars, map_cap;
} SpokenText;

static void put(SpokenText *t, const char *bytes, size_t n, size_t source)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = xrealloc(t->s, t->cap);
	}
	memcpy(t->s + t->len, bytes, n);
	t->len += n;
	t->s[t->len] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (((unsigned char)bytes[i] & 0xC0) == 0x80)
			continue;
		if (t->chars == t->map_cap) {
			t->map_cap = t->map_cap ? t->map_cap * 2 : 64;
			t->map = xrealloc(t->map, t->map_cap * sizeof(size_t));
		}
		t->map[t->chars++] = source;
	}
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

bool pronounce_load(Pronounce *p, const char *path, DiagList *diags)
{
	memset(p, 0, sizeof(*p));
	FILE *f = fopen(path, "r");
	if (!f)
		return true;
	char line[1024];
	int lineno = 0;
	size_t cap = 0;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		char *s = trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			diag_add(diags, DIAG_WARNING, path, lineno, 0,
				 "this line should be 'word = how to say it' and is ignored");
			continue;
		}
		*eq = '\0';
		char *from = trim(s), *to = trim(eq + 1);
		if (!*from || !*to || !utf8_valid(from, strlen(from), NULL) || !utf8_valid(to, strlen(to), NULL)) {
			diag_add(diags, DIAG_WARNING, path, lineno, 0,
				 "this line needs a word before '=' and how to say it after, and is ignored");
			continue;
		}
		if (p->count == cap) {
			cap = cap ? cap * 2 : 16;
			p->items = xrealloc(p->items, cap * sizeof(PronounceEntry));
		}
		p->items[p->count++] = (PronounceEntry){xstrdup(from), xstrdup(to)};
	}
	fclose(f);
	return true;
}

void pronounce_free(Pronounce *p)
{
	for (size_t i = 0; i < p->count; i++) {
		free(p->items[i].from);
		free(p->items[i].to);
	}
	free(p->items);
	memset(p, 0, sizeof(*p));
}

/* Whether the character that starts at text[i] is part of a word: an ASCII letter or digit,
 * or a letter of another script. Punctuation outside ASCII is not: the Urdu comma and full
 * stop ("کونسلیں،"), dashes and curly quotes end a word like "," and "." do. */
static bool word_char_at(const char *text, size_t i, size_t end)
{
	unsigned char c = (unsigned char)text[i];
	if (c < 0x80)
		return isalnum(c);
	size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	unsigned long cp = c & (0x7F >> n);
	for (size_t k = 1; k < n && i + k < end; k++)
		cp = (cp << 6) | ((unsigned char)text[i + k] & 0x3F);
	bool punctuation = (0xA0 <= cp && cp <= 0xBF) || (0x2000 <= cp && cp <= 0x206F) ||
			   cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x06D4 ||
			   (0x3000 <= cp && cp <= 0x303F);
	return !punctuation;
}

/* The same for the character that ends just before text[i] (i > 0). */
static bool word_char_before(const char *text, size_t i)
{
	size_t start = i - 1;
	while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
		start--;
	return word_char_at(text, start, i);
}

/* The longest entry that matches text at i as a whole word, or NULL. */
static const PronounceEntry *match(const Pronounce *p, const char *text, size_t i, size_t end)
{
	if (!p || (i > 0 && word_char_before(text, i)))
		return NULL;
	const PronounceEntry *best = NULL;
	size_t best_len = 0;
	for (size_t k = 0; k < p->count; k++) {
		size_t n = strlen(p->items[k].from);
		if (n <= best_len || i + n > end || memcmp(text + i, p->items[k].from, n) != 0)
			continue;
		if (i + n < end && word_char_at(text, i + n, end))
			continue;
		best = &p->items[k];
		best_len = n;
	}
	return best;
}

/* Appends text[start, end) of a box, with pronunciations applied and typography eSpeak reads
 * oddly made plain. Every spoken character remembers where it came from. */
static void append_source(SpokenText *t, const char *text, size_t start, size_t end, const Pronounce *p)
{
	size_t i = start;
	while (i < end) {
		const PronounceEntry *e = match(p, text, i, end);
		if (e) {
			put(t, e->to, strlen(e->to), i);
			i += strlen(e->from);
			continue;
		}
		size_t n = utf8_next(text + i);
		if (n == 0)
			break;
		if (n == 3 && memcmp(text + i, "\xe2\x80\x99", 3) == 0)
			put(t, "'", 1, i); /* curly apostrophe */
		else if (n == 3 && (memcmp(text + i, "\xe2\x80\x9c", 3) == 0 || memcmp(text + i, "\xe2\x80\x9d", 3) == 0))
			put(t, "\"", 1, i);
		else
			put(t, text + i, n, i);
		i += n;
	}
}

/* A full stop where a text ends without one, so eSpeak pauses between title and rows. */
static void end_sentence(SpokenText *t)
{
	size_t n = t->len;
	while (n > 0 && isspace((unsigned char)t->s[n - 1]))
		n--;
	/* the Urdu full stop and question mark end a sentence too */
	bool urdu_end = n >= 2 && (memcmp(t->s + n - 2, "\xdb\x94", 2) == 0 || memcmp(t->s + n - 2, "\xd8\x9f", 2) == 0);
	if (n > 0 && !strchr(".!?:;", t->s[n - 1]) && !urdu_end)
		put(t, ".", 1, NO_SOURCE);
}

static void add_part(Narration *n, int box, bool is_alt, SpokenText *t)
{
	if (t->chars == 0) {
		free(t->s);
		free(t->map);
		return;
	}
	n->parts = xrealloc(n->parts, (n->count + 1) * sizeof(NarrationPart));
	n->parts[n->count++] = (NarrationPart){box, is_alt, t->s, t->map, t->chars, NULL};
}

static bool spoken_role(LayoutRole role)
{
	return role == BOX_TITLE || role == BOX_ROW || role == BOX_BUTTON || role == BOX_PAGE_NUMBER;
}

static void narrate_box(Narration *n, const LayoutScreen *screen, int b, const NarrationOptions *opt)
{
	const LayoutBox *box = &screen->boxes[b];
	const Pronounce *p = opt ? opt->pronounce : NULL;
	if (opt && opt->read_alt && box->picture_alt && *box->picture_alt && !box->continued &&
	    (box->role == BOX_ROW || box->role == BOX_BUTTON)) {
		SpokenText alt = {0};
		append_source(&alt, box->picture_alt, 0, strlen(box->picture_alt), p);
		for (size_t i = 0; i < alt.chars; i++)
			alt.map[i] = NO_SOURCE; /* not on screen as words */
		end_sentence(&alt);
		add_part(n, b, true, &alt);
	}
	if (box->word_count == 0)
		return;
	/* Only the words this box shows: a row split across screens is read part by part. */
	size_t start = box->words[0].offset;
	const LayoutWord *last = &box->words[box->word_count - 1];
	size_t end = last->offset + last->len;
	SpokenText t = {0};
	append_source(&t, layout_box_text(box), start, end, p);
	end_sentence(&t);
	add_part(n, b, false, &t);
}

Narration *narration_screen(const LayoutScreen *screen, const NarrationOptions *opt)
{
	Narration *n = xcalloc(1, sizeof(*n));
	for (size_t b = 0; b < screen->box_count; b++)
		if (spoken_role(screen->boxes[b].role) && screen->boxes[b].role != BOX_PAGE_NUMBER)
			narrate_box(n, screen, (int)b, opt);
	/* "Page 2 of 3" last, after the content. */
	for (size_t b = 0; b < screen->box_count; b++)
		if (screen->boxes[b].role == BOX_PAGE_NUMBER)
			narrate_box(n, screen, (int)b, opt);
	/* What to do to hear more, when there is more: in the screen's own language. */
	bool has_next = false;
	for (size_t b = 0; b < screen->box_count; b++)
		has_next |= screen->boxes[b].role == BOX_NAV_NEXT && screen->boxes[b].enabled;
	if (has_next && opt && opt->more_hint && *opt->more_hint) {
		SpokenText t = {0};
		append_source(&t, opt->more_hint, 0, strlen(opt->more_hint), opt->pronounce);
		for (size_t i = 0; i < t.chars; i++)
			t.map[i] = NO_SOURCE;
		end_sentence(&t);
		add_part(n, -1, false, &t);
	}
	return n;
}

Narration *narration_screen_from(const LayoutScreen *screen, int first_box, const NarrationOptions *opt)
{
	Narration *n = narration_screen(screen, opt);
	size_t kept = 0;
	for (size_t i = 0; i < n->count; i++) {
		NarrationPart *p = &n->parts[i];
		if (p->box >= 0 && p->box < first_box) {
			free(p->spoken);
			free(p->map);
			free(p->voice);
			continue;
		}
		n->parts[kept++] = *p;
	}
	n->count = kept;
	return n;
}

Narration *narration_box(const LayoutScreen *screen, int box, const NarrationOptions *opt)
{
	Narration *n = xcalloc(1, sizeof(*n));
	if (box >= 0 && (size_t)box < screen->box_count)
		narrate_box(n, screen, box, opt);
	return n;
}

void narration_set_voice(Narration *n, size_t part, const char *voice)
{
	if (part >= n->count)
		return;
	free(n->parts[part].voice);
	n->parts[part].voice = voice ? xstrdup(voice) : NULL;
}

Narration *narration_text(const char *text, const NarrationOptions *opt)
{
	Narration *n = xcalloc(1, sizeof(*n));
	SpokenText t = {0};
	append_source(&t, text, 0, strlen(text), opt ? opt->pronounce : NULL);
	for (size_t i = 0; i < t.chars; i++)
		t.map[i] = NO_SOURCE;
	end_sentence(&t);
	add_part(n, -1, false, &t);
	return n;
}

void narration_destroy(Narration *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->count; i++) {
		free(n->parts[i].spoken);
		free(n->parts[i].map);
		free(n->parts[i].voice);
	}
	free(n->parts);
	free(n);
}

bool narration_word(const Narration *n, const LayoutScreen *screen, size_t part, size_t char_pos,
		    size_t *offset, size_t *len)
{
	if (part >= n->count)
		return false;
	const NarrationPart *np = &n->parts[part];
	if (np->is_alt || char_pos >= np->spoken_chars || np->box < 0 || (size_t)np->box >= screen->box_count)
		return false;
	size_t src = np->map[char_pos];
	if (src == NO_SOURCE)
		return false;
	const LayoutBox *box = &screen->boxes[np->box];
	/* The piece holding that byte, or the first one after it (eSpeak may point at a space). */
	size_t w = 0;
	while (w < box->word_count && box->words[w].offset + box->words[w].len <= src)
		w++;
	if (w == box->word_count)
		return false;
	/* Widen to the whole word: glued pieces before and after. */
	size_t first = w, last = w;
	while (first > 0 && box->words[first - 1].glue_next)
		first--;
	while (last + 1 < box->word_count && box->words[last].glue_next)
		last++;
	*offset = box->words[first].offset;
	*len = box->words[last].offset + box->words[last].len - *offset;
	return true;
}
