/* check: `kiosk --check`, the report that helps the people who write the pages.
 *
 * Start reading at check_content. It opens the folder with the content module exactly as
 * the kiosk does and parses every page (content_load_all), so the loader's own diagnostics
 * come first and are never duplicated here: take_loader_diags only re-grades a few of them
 * (kiosk.ini problems and missing alt text are errors for --check). Then the folder-wide
 * rules run (check_language: home page, reachability, voices, translations), then each
 * page's rules (check_page: pictures, layout, easy-read writing). Everything lands in one
 * DiagList that is sorted by file, line and column before it is printed, so the report is
 * the same on every machine and every run.
 *
 * The model keeps only a row's first source line, not where each word came from, so
 * map_row re-reads the page source and finds the row's words there in order: a warning
 * about a word or sentence points at its line and column, as a compiler would.
 *
 * The rules that are judgement calls (sentence length, reading ease...) are warnings and
 * can be turned off or retuned in kiosk.ini's [check] section (read_rules); see check.h
 * for the list and for how an acronym counts as explained.
 *
 * Languages: sentences end at . ! ? and at the Urdu full stop and question mark (۔ ؟,
 * sentence_marks), so sentence rules work for every shipped language. Reading ease
 * (Flesch, English syllables) and number words (number_lists) are English-only: a
 * language gets the number rule when it gets its own list. */
#include "check.h"

#include "config.h"

#include <ctype.h>
#include <ini.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "content.h"
#include "diag.h"
#include "glossary.h"
#include "picture.h"
#include "recording.h"
#include "contact.h"
#include "util.h"

/* ---- rules and kiosk.ini [check] ---------------------------------------------------- */

typedef enum {
	RULE_SENTENCE_LENGTH,
	RULE_SENTENCES_PER_ROW,
	RULE_ROW_PICTURE,
	RULE_EMPHASIS,
	RULE_ACRONYMS,
	RULE_NUMBER_WORDS,
	RULE_HARD_WORDS,
	RULE_PAGE_LENGTH,
	RULE_READING_EASE,
	RULE_TRANSLATIONS,
	RULE_PRONOUNS,
	RULE_COUNT
} Rule;

/* Keep in the order of Rule. A rule with a limit also takes a number in kiosk.ini. */
static const struct {
	const char *name;
	double limit; /* 0: the rule has no limit, only on or off */
} rule_info[RULE_COUNT] = {
    {"sentence_length", 15}, {"sentences_per_row", 2}, {"row_picture", 0}, {"emphasis", 0},
    {"acronyms", 0},         {"number_words", 0},      {"hard_words", 0},  {"page_length", 3},
    {"reading_ease", 70},    {"translations", 0},      {"pronouns", 0},
};

const char *const CHECK_RULE_NAMES[] = {
    "sentence_length", "sentences_per_row", "row_picture", "emphasis",
    "acronyms",        "number_words",      "hard_words",  "page_length",
    "reading_ease",    "translations",      "pronouns",    NULL,
};

/* The screens every page must lay out on at the largest text size, and the one whose
 * screen count at the normal size is the page length. */
static const struct {
	int w, h;
} check_sizes[] = {{CONFIG_SCREEN_W, CONFIG_SCREEN_H}, {CONFIG_SCREEN_H, CONFIG_SCREEN_W}};
#define LARGEST_SCALE 1.5
#define LENGTH_W CONFIG_SCREEN_W
#define LENGTH_H CONFIG_SCREEN_H

typedef struct {
	Content *c;
	const CheckHooks *hooks;
	char *ini_path; /* dir/kiosk.ini, spelt as the loader spells it */
	bool on[RULE_COUNT];
	double limit[RULE_COUNT];
	DiagList all; /* the report, unsorted until the end */
	/* Each picture file is loaded once however many rows show it. */
	char **pic_paths;
	char **pic_problem; /* NULL: the picture is fine; else what --check says about it */
	size_t pic_count;
} Checker;

static void add(Checker *k, DiagSeverity sev, const char *file, int line, int col, const char *fmt,
                ...) __attribute__((format(printf, 6, 7)));
static void add(Checker *k, DiagSeverity sev, const char *file, int line, int col, const char *fmt,
                ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(&k->all, sev, file, line, col, "%s", msg);
	free(msg);
}

typedef struct {
	Checker *k;
	FILE *file;
	int line;
} IniReader;

/* inih does not say which line a key is on; count them as settings.c does. */
static char *counting_reader(char *str, int num, void *stream)
{
	IniReader *r = stream;
	char *s = fgets(str, num, r->file);
	if (s)
		r->line++;
	return s;
}

static int rules_handler(void *user, const char *section, const char *key, const char *value)
{
	IniReader *r = user;
	Checker *k = r->k;
	if (strcmp(section, "check") != 0)
		return 1; /* settings.c reads the other sections */
	int rule = -1;
	for (int i = 0; i < RULE_COUNT; i++)
		if (strcmp(key, rule_info[i].name) == 0)
			rule = i;
	if (rule < 0) {
		add(k, DIAG_ERROR, k->ini_path, r->line, 0,
		    "unknown check '%s' in [check] (the checks are sentence_length, "
		    "sentences_per_row, row_picture, emphasis, acronyms, number_words, hard_words, "
		    "page_length, reading_ease, translations, pronouns)",
		    key);
		return 1;
	}
	static const char *const off[] = {"off", "no", "false"};
	static const char *const on[] = {"on", "yes", "true"};
	for (size_t i = 0; i < ARRAY_LEN(off); i++) {
		if (strcasecmp(value, off[i]) == 0) {
			k->on[rule] = false;
			return 1;
		}
		if (strcasecmp(value, on[i]) == 0) {
			k->on[rule] = true;
			return 1;
		}
	}
	if (rule_info[rule].limit > 0) {
		char *end;
		double v = strtod(value, &end);
		if (end != value && *end == '\0' && v >= 0 && v <= 1000) {
			k->on[rule] = true;
			k->limit[rule] = v;
			return 1;
		}
		add(k, DIAG_ERROR, k->ini_path, r->line, 0,
		    "'%s' for check '%s' should be on, off or a number", value, key);
		return 1;
	}
	add(k, DIAG_ERROR, k->ini_path, r->line, 0, "'%s' for check '%s' should be on or off",
	    value, key);
	return 1;
}

/* The defaults, then kiosk.ini's [check] section. Also makes sure kiosk.ini is UTF-8,
 * which settings.c does not look at. */
static void read_rules(Checker *k)
{
	for (int i = 0; i < RULE_COUNT; i++) {
		k->on[i] = true;
		k->limit[i] = rule_info[i].limit;
	}
	size_t len = 0;
	char *text = util_read_file(k->ini_path, &len);
	if (!text)
		return; /* missing: defaults; unreadable: the loader has said so */
	size_t bad = 0;
	bool utf8 = utf8_valid(text, len, &bad);
	free(text);
	if (!utf8) {
		add(k, DIAG_ERROR, k->ini_path, 0, 0,
		    "kiosk.ini is not UTF-8 text (save it as UTF-8)");
		return;
	}
	FILE *f = fopen(k->ini_path, "r");
	if (!f)
		return;
	IniReader r = {.k = k, .file = f};
	ini_parse_stream(counting_reader, &r, rules_handler, &r);
	fclose(f);
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The loader's diagnostics, re-graded for --check: every kiosk.ini problem is an error
 * (a wrong setting is a kiosk that does not behave as the site expects), and so is a
 * picture with no alt text (people who cannot see it get nothing). settings.c does not
 * know the [check] section and warns about it: that warning is dropped here. */
static void take_loader_diags(Checker *k)
{
	const DiagList *d = &k->c->diags;
	for (size_t i = 0; i < d->count; i++) {
		const Diag *x = &d->items[i];
		DiagSeverity sev = x->severity;
		if (strcmp(x->file, k->ini_path) == 0) {
			if (starts_with(x->message, "unknown section [check]"))
				continue;
			sev = DIAG_ERROR;
		}
		if (strstr(x->message, "has no words to describe it (alt text)"))
			sev = DIAG_ERROR;
		if (!k->on[RULE_EMPHASIS] && starts_with(x->message, "italic text"))
			continue;
		add(k, sev, x->file, x->line, x->col, "%s", x->message);
	}
}

/* ---- words and sentences ------------------------------------------------------------ */

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static bool is_alpha(char ch)
{
	return ('a' <= ch && ch <= 'z') || ('A' <= ch && ch <= 'Z');
}

static bool is_alnum(char ch)
{
	return is_alpha(ch) || ('0' <= ch && ch <= '9');
}

/* The code point at s[*i] (valid UTF-8: the loader has checked), moving *i past it. */
static unsigned long next_code_point(const char *s, size_t len, size_t *i)
{
	unsigned char b = (unsigned char)s[*i];
	size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
	unsigned long cp = n == 1 ? b : b & (0x7F >> n);
	for (size_t k = 1; k < n && *i + k < len; k++)
		cp = (cp << 6) | ((unsigned char)s[*i + k] & 0x3F);
	*i += n;
	return cp;
}

/* Punctuation outside ASCII: a token made only of these is not a word ("–", "۔"). */
static bool is_punctuation(unsigned long cp)
{
	return cp == 0xA0 || cp == 0xA1 || cp == 0xAB || cp == 0xB7 || cp == 0xBB || cp == 0xBF ||
	       (0x2000 <= cp && cp <= 0x206F) || /* dashes, quotes, ... */
	       cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x06D4 || /* ، ؛ ؟ ۔ */
	       (0x066A <= cp && cp <= 0x066D) || cp == 0xFD3E || cp == 0xFD3F;
}

/* A token (run of non-space bytes) is a word when it has a letter or digit in it, or a
 * character outside ASCII that is not punctuation: a lone dash or quote mark is not. */
static bool token_is_word(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (is_alnum(s[i]))
			return true;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if (!is_punctuation(next_code_point(s, n, &i)))
			return true;
	}
	return false;
}

/* Moves *i past spaces to the next token and returns its length (0 at the end). */
static size_t next_token(const char *s, size_t len, size_t *i)
{
	while (*i < len && is_space(s[*i]))
		(*i)++;
	size_t n = 0;
	while (*i + n < len && !is_space(s[*i + n]))
		n++;
	return n;
}

static size_t count_words(const char *s, size_t len)
{
	size_t words = 0, i = 0, n;
	while ((n = next_token(s, len, &i)) > 0) {
		if (token_is_word(s + i, n))
			words++;
		i += n;
	}
	return words;
}

/* The marks that end a sentence: . ! ? and, for Urdu and other languages written in
 * Arabic script, the full stop ۔ (U+06D4) and the question mark ؟ (U+061F). */
static const char *const sentence_marks[] = {".", "!", "?", "\xDB\x94", "\xD8\x9F"};

/* The length in bytes of the sentence mark at s[i], or 0. */
static size_t sentence_mark(const char *s, size_t len, size_t i)
{
	for (size_t m = 0; m < ARRAY_LEN(sentence_marks); m++) {
		size_t n = strlen(sentence_marks[m]);
		if (i + n <= len && memcmp(s + i, sentence_marks[m], n) == 0)
			return n;
	}
	return 0;
}

/* The length in bytes of what may follow a sentence mark before the space: another mark
 * ("?!"), or a closing quote mark or bracket (’ and ” are U+2019 and U+201D); or 0. */
static size_t sentence_closer(const char *s, size_t len, size_t i)
{
	static const char *const closers[] = {"\"", "'", ")", "]", "\xE2\x80\x99", "\xE2\x80\x9D"};
	size_t n = sentence_mark(s, len, i);
	for (size_t c = 0; n == 0 && c < ARRAY_LEN(closers); c++) {
		size_t cn = strlen(closers[c]);
		if (i + cn <= len && memcmp(s + i, closers[c], cn) == 0)
			n = cn;
	}
	return n;
}

/* The end (exclusive) of the sentence that starts at `start`: after a sentence mark (and
 * any closing quote marks or brackets) that is followed by a space or the end. "2.5" and
 * "e.g." inside a word do not end a sentence. */
static size_t sentence_end(const char *s, size_t len, size_t start)
{
	for (size_t i = start; i < len; i++) {
		size_t n = sentence_mark(s, len, i);
		if (n == 0)
			continue;
		size_t j = i + n, c;
		while ((c = sentence_closer(s, len, j)) > 0)
			j += c;
		if (j >= len || is_space(s[j]))
			return j;
		i += n - 1;
	}
	return len;
}

static bool is_vowel(char ch)
{
	return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u' || ch == 'y';
}

int check_syllables(const char *word, size_t len)
{
	/* The letters, lower case: "Everyone's" -> "everyones". Long words are cut: only the
	 * count matters, and a 48-letter word is hard to read anyway. */
	char w[48];
	size_t n = 0;
	for (size_t i = 0; i < len && n < sizeof(w); i++)
		if (is_alpha(word[i]))
			w[n++] = (char)tolower((unsigned char)word[i]);
	if (n == 0)
		return 0;
	if (n <= 3)
		return 1;
	/* Groups of vowels are syllables ("y" is a consonant at the start: "you")... */
	int count = 0;
	for (size_t i = 0; i < n; i++)
		if (is_vowel(w[i]) && !(i == 0 && w[i] == 'y') &&
		    (i == 0 || !is_vowel(w[i - 1]) || (i == 1 && w[0] == 'y')))
			count++;
	/* ...except a silent e at the end: "make", "helped", "rules" (but "table",
	 * "wanted", "services", "changes", "tables" keep theirs). */
	char last = w[n - 1], before = w[n - 2], third = w[n - 3];
	if (last == 'e' && !is_vowel(before) && !(before == 'l' && !is_vowel(third)))
		count--;
	else if (last == 'd' && before == 'e' && !is_vowel(third) && third != 't' && third != 'd')
		count--;
	else if (last == 's' && before == 'e' && !is_vowel(third) && !strchr("sxzcg", third) &&
	         !(third == 'h' && (w[n - 4] == 'c' || w[n - 4] == 's')) &&
	         !(third == 'l' && n >= 4 && !is_vowel(w[n - 4])))
		count--;
	return count < 1 ? 1 : count;
}

typedef struct {
	size_t words, sentences, syllables;
} TextStats;

/* Adds one piece of text: its end also ends a sentence (a row is never half a sentence
 * in easy read). Numbers written in digits count as one syllable. */
static void stats_add(TextStats *st, const char *s)
{
	size_t len = strlen(s), start = 0;
	while (start < len) {
		size_t end = sentence_end(s, len, start);
		size_t i = start, n, words = 0;
		while (i < end && (n = next_token(s, end, &i)) > 0) {
			if (token_is_word(s + i, n)) {
				words++;
				int syl = check_syllables(s + i, n);
				st->syllables += (size_t)(syl > 0 ? syl : 1);
			}
			i += n;
		}
		st->words += words;
		if (words > 0)
			st->sentences++;
		start = end;
	}
}

static double stats_flesch(const TextStats *st)
{
	if (st->words == 0 || st->sentences == 0)
		return 100;
	return 206.835 - 1.015 * ((double)st->words / (double)st->sentences) -
	       84.6 * ((double)st->syllables / (double)st->words);
}

double check_flesch(const char *text)
{
	TextStats st = {0};
	stats_add(&st, text ? text : "");
	return stats_flesch(&st);
}

/* ---- where a row's words are in the source ------------------------------------------ */

typedef struct {
	char *text; /* the page file, or NULL when it cannot be read again */
	size_t len;
	size_t *starts; /* byte offset of each line */
	size_t line_count;
} Source;

static void source_open(Source *s, const char *path)
{
	memset(s, 0, sizeof(*s));
	s->text = util_read_file_max(path, CONTENT_MAX_PAGE_BYTES, &s->len);
	if (!s->text)
		return;
	size_t cap = 64;
	s->starts = xmalloc(cap * sizeof(size_t));
	s->starts[s->line_count++] = 0;
	for (size_t i = 0; i < s->len; i++) {
		if (s->text[i] != '\n')
			continue;
		if (s->line_count == cap) {
			cap *= 2;
			s->starts = xrealloc(s->starts, cap * sizeof(size_t));
		}
		s->starts[s->line_count++] = i + 1;
	}
}

static void source_close(Source *s)
{
	free(s->text);
	free(s->starts);
	memset(s, 0, sizeof(*s));
}

static size_t line_end(const Source *s, size_t line_index)
{
	return line_index + 1 < s->line_count ? s->starts[line_index + 1] : s->len;
}

static bool line_is_blank(const Source *s, size_t line_index)
{
	for (size_t i = s->starts[line_index]; i < line_end(s, line_index); i++)
		if (!is_space(s->text[i]))
			return false;
	return true;
}

/* 1-based line and column (in bytes, as cmark counts) of a byte offset. */
static void source_pos(const Source *s, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = s->line_count;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	*col = (int)(off - s->starts[lo]) + 1;
}

static const char *find_bytes(const char *hay, size_t hay_len, const char *needle, size_t n)
{
	if (n == 0 || n > hay_len)
		return NULL;
	for (size_t i = 0; i + n <= hay_len; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

typedef struct {
	size_t text_off; /* start of a token in row->text */
	int line, col;
	bool exact; /* found as written: offsets inside the token map to columns */
} TokenPos;

typedef struct {
	int line, col;         /* where the row starts */
	int pic_line, pic_col; /* where its picture starts ("![") */
	TokenPos *tokens;
	size_t count;
} RowMap;

/* Finds the row's tokens in the source, in order, from the row's first line to the end of
 * its paragraph. Markup splits a few words ("**in**dependent"): those get the position
 * just after the previous word, which is where they start. */
static void map_row(const Source *s, const ContentRow *row, RowMap *m)
{
	memset(m, 0, sizeof(*m));
	m->line = m->pic_line = row->line;
	size_t len = strlen(row->text);
	m->tokens = xmalloc((len / 2 + 1) * sizeof(TokenPos));
	if (!s->text || row->line < 1 || (size_t)row->line > s->line_count) {
		size_t i = 0, n;
		while ((n = next_token(row->text, len, &i)) > 0) {
			m->tokens[m->count++] = (TokenPos){.text_off = i, .line = row->line};
			i += n;
		}
		return;
	}
	size_t first = (size_t)row->line - 1, last = first;
	while (last + 1 < s->line_count && !line_is_blank(s, last + 1))
		last++;
	size_t begin = s->starts[first], end = line_end(s, last), cur = begin;
	while (cur < end && is_space(s->text[cur]))
		cur++;
	source_pos(s, cur, &m->line, &m->col);
	m->pic_line = m->line;
	m->pic_col = m->col;
	if (row->picture) {
		const char *bang = find_bytes(s->text + cur, end - cur, "![", 2);
		if (bang) {
			size_t at = (size_t)(bang - s->text);
			source_pos(s, at, &m->pic_line, &m->pic_col);
			const char *close = find_bytes(s->text + at, end - at, "](", 2);
			const char *paren =
			    close ? memchr(close, ')', (size_t)(s->text + end - close)) : NULL;
			if (paren)
				cur = (size_t)(paren - s->text) + 1;
		}
	}
	size_t i = 0, n;
	while ((n = next_token(row->text, len, &i)) > 0) {
		TokenPos *t = &m->tokens[m->count++];
		*t = (TokenPos){.text_off = i};
		const char *hit = find_bytes(s->text + cur, end - cur, row->text + i, n);
		if (hit) {
			size_t at = (size_t)(hit - s->text);
			source_pos(s, at, &t->line, &t->col);
			t->exact = true;
			cur = at + n;
		} else {
			size_t at = cur;
			while (at < end &&
			       (is_space(s->text[at]) || strchr("*_[`<\\", s->text[at])))
				at++;
			source_pos(s, at < end ? at : cur, &t->line, &t->col);
		}
		i += n;
	}
}

static void locate(const RowMap *m, size_t off, int *line, int *col)
{
	*line = m->line;
	*col = m->col;
	for (size_t i = 0; i < m->count && m->tokens[i].text_off <= off; i++) {
		*line = m->tokens[i].line;
		*col = m->tokens[i].col;
		if (m->tokens[i].exact)
			*col += (int)(off - m->tokens[i].text_off);
	}
}

/* ---- one page ----------------------------------------------------------------------- */

typedef struct {
	Checker *k;
	ContentLanguage *lang;
	ContentPage *page;
	const Glossary *g;
	Source src;
	char *all_text;  /* title and every row, one per line: where acronyms are explained */
	char **acronyms; /* already reported on this page */
	size_t acronym_count;
} PageCheck;

static void page_add(PageCheck *pc, DiagSeverity sev, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void page_add(PageCheck *pc, DiagSeverity sev, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(&pc->k->all, sev, pc->page->path, line, col, "%s", msg);
	free(msg);
}

/* A short quote of text for a message: the first few words, then "...". */
static char *quote(const char *s, size_t len)
{
	size_t i = 0, n, words = 0, end = 0;
	while (words < 6 && (n = next_token(s, len, &i)) > 0) {
		end = i + n;
		i += n;
		words++;
	}
	bool more = next_token(s, len, &i) > 0;
	return xasprintf("%.*s%s", (int)end, s, more ? " ..." : "");
}

static void check_sentences(PageCheck *pc, const ContentRow *row, const RowMap *m)
{
	const char *t = row->text;
	size_t len = strlen(t), start = 0, sentences = 0;
	while (start < len) {
		size_t end = sentence_end(t, len, start);
		size_t words = count_words(t + start, end - start);
		if (words > 0)
			sentences++;
		while (start < end && is_space(t[start]))
			start++;
		if (pc->k->on[RULE_SENTENCE_LENGTH] &&
		    (double)words > pc->k->limit[RULE_SENTENCE_LENGTH]) {
			int line, col;
			locate(m, start, &line, &col);
			char *q = quote(t + start, end - start);
			page_add(pc, DIAG_WARNING, line, col,
			         "sentence has %zu words (easy read: at most %g): \"%s\"", words,
			         pc->k->limit[RULE_SENTENCE_LENGTH], q);
			free(q);
		}
		start = end;
	}
	if (pc->k->on[RULE_SENTENCES_PER_ROW] &&
	    (double)sentences > pc->k->limit[RULE_SENTENCES_PER_ROW])
		page_add(pc, DIAG_WARNING, m->line, m->col,
		         "row has %zu sentences (easy read: at most %g): split it into more rows",
		         sentences, pc->k->limit[RULE_SENTENCES_PER_ROW]);
}

/* Is `word` (capitals) explained on this page? See check.h for the rule. */
static bool acronym_explained(const PageCheck *pc, const char *word, size_t n)
{
	if (glossary_find_n(pc->g, word, n))
		return true;
	static const char *const after[] = {" means", " stands for", " is short for", " for short"};
	const char *t = pc->all_text;
	size_t len = strlen(t);
	for (const char *p = t; (p = find_bytes(p, len - (size_t)(p - t), word, n)) != NULL;
	     p += n) {
		size_t at = (size_t)(p - t), e = at + n;
		if ((at > 0 && is_alnum(t[at - 1])) || (e < len && is_alnum(t[e])))
			continue;
		if (at > 0 && t[at - 1] == '(' && e < len && t[e] == ')')
			return true;
		for (size_t i = 0; i < ARRAY_LEN(after); i++) {
			size_t an = strlen(after[i]);
			if (strncasecmp(t + e, after[i], an) == 0 && !is_alnum(t[e + an]))
				return true;
		}
	}
	return false;
}

static bool all_caps(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!('A' <= s[i] && s[i] <= 'Z'))
			return false;
	return true;
}

/* Runs of ASCII letters that stand alone (no digits or letters outside ASCII glued on). */
static bool next_letter_word(const char *t, size_t len, size_t *i, size_t *n)
{
	while (*i < len) {
		if (!is_alpha(t[*i])) {
			(*i)++;
			continue;
		}
		size_t s = *i, e = s;
		while (e < len && is_alpha(t[e]))
			e++;
		*i = e;
		bool glued = (s > 0 && (is_alnum(t[s - 1]) || (unsigned char)t[s - 1] >= 0x80)) ||
		             (e < len && (is_alnum(t[e]) || (unsigned char)t[e] >= 0x80));
		if (!glued) {
			*i = s;
			*n = e - s;
			return true;
		}
	}
	return false;
}

/* Words in CAPITALS: two or more in a row are shouting (emphasis); one alone of 3+
 * letters is an acronym or initials that must be explained on the page. */
static void check_capitals(PageCheck *pc, const ContentRow *row, const RowMap *m)
{
	const char *t = row->text;
	size_t len = strlen(t), i = 0, n;
	while (next_letter_word(t, len, &i, &n)) {
		if (n < 2 || !all_caps(t + i, n)) {
			i += n;
			continue;
		}
		/* The run of capital words separated only by spaces. */
		size_t start = i, end = i + n, words = 1;
		bool explained = n >= 3 && acronym_explained(pc, t + i, n);
		i += n;
		for (;;) {
			size_t j = end;
			while (j < len && t[j] == ' ')
				j++;
			size_t k = j, wn;
			if (j == end || !next_letter_word(t, len, &k, &wn) || k != j || wn < 2 ||
			    !all_caps(t + k, wn))
				break;
			explained = explained && wn >= 3 && acronym_explained(pc, t + k, wn);
			end = k + wn;
			words++;
			i = end;
		}
		int line, col;
		locate(m, start, &line, &col);
		if (words > 1) {
			if (pc->k->on[RULE_EMPHASIS] && !explained)
				page_add(
				    pc, DIAG_WARNING, line, col,
				    "words in capital letters ('%.*s'): easy read uses **bold** "
				    "for key words, not capitals",
				    (int)(end - start), t + start);
			continue;
		}
		if (n < 3 || explained || !pc->k->on[RULE_ACRONYMS])
			continue;
		bool seen = false;
		for (size_t a = 0; a < pc->acronym_count && !seen; a++)
			seen = strlen(pc->acronyms[a]) == n &&
			       strncmp(pc->acronyms[a], t + start, n) == 0;
		if (seen)
			continue;
		pc->acronyms = xrealloc(pc->acronyms, (pc->acronym_count + 1) * sizeof(char *));
		pc->acronyms[pc->acronym_count++] = xstrndup(t + start, n);
		page_add(
		    pc, DIAG_WARNING, line, col,
		    "acronym or initials '%.*s' not explained on this page: write the words in "
		    "full first, with the letters in brackets after them",
		    (int)n, t + start);
	}
}

static const char *find_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

static void check_underline(PageCheck *pc, const ContentRow *row, const RowMap *m)
{
	static const char *const tags[] = {"<u>", "<u ", "<ins>", "<ins "};
	for (size_t i = 0; i < ARRAY_LEN(tags); i++) {
		for (const char *p = row->text; (p = find_nocase(p, tags[i])) != NULL; p++) {
			int line, col;
			locate(m, (size_t)(p - row->text), &line, &col);
			page_add(pc, DIAG_WARNING, line, col,
			         "underlined text: easy read uses **bold** for key words, not "
			         "underline");
		}
	}
}

typedef struct {
	const char *word, *digits;
} NumberWord;

static const NumberWord english_numbers[] = {
    {"two", "2"},
    {"three", "3"},
    {"four", "4"},
    {"five", "5"},
    {"six", "6"},
    {"seven", "7"},
    {"eight", "8"},
    {"nine", "9"},
    {"ten", "10"},
    {"eleven", "11"},
    {"twelve", "12"},
    {"thirteen", "13"},
    {"fourteen", "14"},
    {"fifteen", "15"},
    {"sixteen", "16"},
    {"seventeen", "17"},
    {"eighteen", "18"},
    {"nineteen", "19"},
    {"twenty", "20"},
    {"thirty", "30"},
    {"forty", "40"},
    {"fifty", "50"},
    {"sixty", "60"},
    {"seventy", "70"},
    {"eighty", "80"},
    {"ninety", "90"},
    {"hundred", "100"},
    {"thousand", "1000"},
    {"million", "1 million"},
    {"billion", "1 billion"},
};

/* The number words of each language the rule knows. A language with no list here is not
 * checked: English number words can be ordinary words elsewhere (Polish "ten" means
 * "this"), and each language needs its own list, made by someone who speaks it. */
static const struct {
	const char *lang;
	const NumberWord *words;
	size_t count;
} number_lists[] = {
    {"en", english_numbers, ARRAY_LEN(english_numbers)},
};

static bool is_language(const char *code, const char *lang)
{
	size_t n = strlen(lang);
	return strncasecmp(code, lang, n) == 0 &&
	       (code[n] == '\0' || code[n] == '-' || code[n] == '_');
}

static void check_number_words(PageCheck *pc, const ContentRow *row, const RowMap *m)
{
	const NumberWord *numbers = NULL;
	size_t count = 0;
	for (size_t l = 0; l < ARRAY_LEN(number_lists); l++)
		if (is_language(pc->lang->code, number_lists[l].lang)) {
			numbers = number_lists[l].words;
			count = number_lists[l].count;
		}
	const char *t = row->text;
	size_t len = strlen(t), i = 0, n;
	while (count > 0 && next_letter_word(t, len, &i, &n)) {
		for (size_t w = 0; w < count; w++) {
			if (strlen(numbers[w].word) != n ||
			    strncasecmp(t + i, numbers[w].word, n) != 0)
				continue;
			int line, col;
			locate(m, i, &line, &col);
			page_add(pc, DIAG_WARNING, line, col,
			         "number '%.*s' written as a word: easy read uses digits (%s)",
			         (int)n, t + i, numbers[w].digits);
		}
		i += n;
	}
}

static void check_bold_words(PageCheck *pc, const ContentRow *row, const RowMap *m)
{
	if (pc->g && pc->g->page == pc->page)
		return; /* the glossary's own words */
	for (size_t s = 0; s < row->span_count; s++) {
		const ContentSpan *span = &row->spans[s];
		if (!span->bold)
			continue;
		size_t off = span->offset, n = span->len;
		while (n > 0 &&
		       (is_space(row->text[off]) || ispunct((unsigned char)row->text[off]))) {
			off++;
			n--;
		}
		while (n > 0 && (is_space(row->text[off + n - 1]) ||
		                 ispunct((unsigned char)row->text[off + n - 1])))
			n--;
		if (n == 0 || glossary_find_n(pc->g, row->text + off, n))
			continue;
		int line, col;
		locate(m, off, &line, &col);
		page_add(pc, DIAG_WARNING, line, col,
		         "bold word '%.*s' has no entry in %s/%s: add it there, or do not make it "
		         "bold",
		         (int)n, row->text + off, pc->lang->code,
		         pc->g && pc->g->page ? pc->g->page->name : GLOSSARY_FILE);
	}
}

/* Each picture is read, probed (picture.h budgets) and loaded by the hook once. Returns
 * NULL when it is fine, else the problem in words (owned by the checker). */
static const char *picture_problem(Checker *k, const char *path, const char *name)
{
	for (size_t i = 0; i < k->pic_count; i++)
		if (strcmp(k->pic_paths[i], path) == 0)
			return k->pic_problem[i];
	char *problem = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		problem = xasprintf("picture '%s' cannot be read", name);
	} else {
		fclose(f);
		PictureInfo info;
		size_t len;
		void *data = picture_read(path, &len, &info);
		free(data);
		if (!data)
			problem = xasprintf("picture '%s' is not shown (a placeholder is): %s", name, info.why);
		else if (k->hooks->picture_loads && !k->hooks->picture_loads(path, k->hooks->ctx))
			problem = xasprintf("picture '%s' cannot be loaded: the file is damaged or not a picture",
			                    name);
	}
	k->pic_paths = xrealloc(k->pic_paths, (k->pic_count + 1) * sizeof(char *));
	k->pic_problem = xrealloc(k->pic_problem, (k->pic_count + 1) * sizeof(char *));
	k->pic_paths[k->pic_count] = xstrdup(path);
	k->pic_problem[k->pic_count++] = problem;
	return problem;
}

static void check_picture(PageCheck *pc, const ContentRow *row, const RowMap *m)
{
	if (!row->picture) {
		if (pc->k->on[RULE_ROW_PICTURE] && row->kind != ROW_HEADING)
			page_add(pc, DIAG_WARNING, m->line, m->col,
			         "%s has no picture: easy read puts a picture next to each point",
			         row->kind == ROW_LINK ? "button" : "row");
		return;
	}
	if (!row->picture_path || row->picture_missing)
		return; /* the loader has said why */
	const char *problem = picture_problem(pc->k, row->picture_path, row->picture);
	if (problem)
		page_add(pc, DIAG_ERROR, m->pic_line, m->pic_col, "%s", problem);
}

/* ---- layout ------------------------------------------------------------------------- */

static ptrdiff_t page_index(const ContentLanguage *lang, const char *name);

/* The help page ([help] page) is in lang or in the default language (shown from there with
 * a note): the bottom bar has its Help slot (kiosk.c help_page). */
static bool has_help_page(Checker *k, ContentLanguage *lang)
{
	const char *name = k->c->settings.help_page;
	ContentLanguage *def = content_language(k->c, k->c->settings.default_language);
	return name[0] && (page_index(lang, name) >= 0 || (def && page_index(def, name) >= 0));
}

static LayoutParams layout_params(const PageCheck *pc, int w, int h, double scale)
{
	bool home = strcmp(pc->page->name, pc->k->c->settings.home) == 0;
	bool help = has_help_page(pc->k, pc->lang);
	if (pc->k->hooks->fit_scripts)
		pc->k->hooks->fit_scripts(pc->k->hooks->measure_ctx, scale);
	/* Like the kiosk's own (app.c): icons take room on the nav buttons, so pretend to
	 * have them. */
	return (LayoutParams){
	    .screen_w = w,
	    .screen_h = h,
	    .text_scale = scale,
	    .measure = pc->k->hooks->measure,
	    .measure_ctx = pc->k->hooks->measure_ctx,
	    .icon_home = "home",
	    .icon_back = "back",
	    .icon_next = "next",
	    .icon_listen = "listen",
	    .icon_settings = "settings",
	    .icon_help = "help",
	    .show_listen = pc->k->c->settings.speech,
	    .help_slot = help,
	    .show_help = help,
	    .can_go_back = !home,
	    .is_home = home,
	};
}

static bool overflows(const ContentPage *page, const LayoutParams *p)
{
	LayoutPage *lp = layout_page(page, p);
	bool of = lp->overflow;
	layout_page_destroy(lp);
	return of;
}

static bool span_bold_at(const ContentRow *row, size_t off)
{
	for (size_t s = 0; s < row->span_count; s++)
		if (row->spans[s].offset <= off && off < row->spans[s].offset + row->spans[s].len)
			return row->spans[s].bold;
	return false;
}

/* The page does not fit: find which rows (and which words in them) are to blame by laying
 * each out alone, under no title. */
static void explain_overflow(PageCheck *pc, const LayoutParams *p, const RowMap *maps)
{
	bool found = false;
	for (size_t r = 0; r < pc->page->row_count; r++) {
		ContentRow *row = &pc->page->rows[r];
		ContentPage alone = {
		    .title = "", .rows = row, .row_count = 1, .loaded = true, .ok = true};
		if (!overflows(&alone, p))
			continue;
		found = true;
		bool word_found = false;
		size_t len = strlen(row->text), i = 0, n;
		while ((n = next_token(row->text, len, &i)) > 0) {
			ContentRow one = *row;
			one.text = xstrndup(row->text + i, n);
			ContentSpan span = {.offset = 0, .len = n, .bold = span_bold_at(row, i)};
			one.spans = &span;
			one.span_count = 1;
			alone.rows = &one;
			if (overflows(&alone, p)) {
				int line, col;
				locate(&maps[r], i, &line, &col);
				page_add(
				    pc, DIAG_ERROR, line, col,
				    "the word '%.*s' is too long for one line at the largest text "
				    "size on a %dx%d screen",
				    (int)n, row->text + i, p->screen_w, p->screen_h);
				word_found = true;
			}
			free(one.text);
			i += n;
		}
		if (!word_found)
			page_add(pc, DIAG_ERROR, maps[r].line, maps[r].col,
			         "this row does not fit on a %dx%d screen at the largest text size",
			         p->screen_w, p->screen_h);
	}
	ContentPage title = {.title = pc->page->title, .loaded = true, .ok = true};
	if (overflows(&title, p)) {
		page_add(pc, DIAG_ERROR, 0, 0,
		         "the title does not fit on a %dx%d screen at the largest text size: make "
		         "it shorter",
		         p->screen_w, p->screen_h);
		found = true;
	}
	if (!found)
		page_add(pc, DIAG_ERROR, 0, 0,
		         "this page does not fit on a %dx%d screen at the largest text size",
		         p->screen_w, p->screen_h);
}

static void check_layout(PageCheck *pc, const RowMap *maps)
{
	if (!pc->k->hooks->measure)
		return;
	ContentPage *page = pc->page;
	bool *tall = xcalloc(page->row_count + 1, sizeof(bool));
	/* the panel kiosk.ini names (panel_size), else the default sizes both ways round */
	const Settings *set = &pc->k->c->settings;
	bool named = set->panel_w > 0 && set->panel_h > 0;
	size_t size_count = named ? 1 : ARRAY_LEN(check_sizes);
	for (size_t s = 0; s < size_count; s++) {
		int sw = named ? set->panel_w : check_sizes[s].w, sh = named ? set->panel_h : check_sizes[s].h;
		LayoutParams p = layout_params(pc, sw, sh, LARGEST_SCALE);
		LayoutPage *lp = layout_page(page, &p);
		memset(tall, 0, (page->row_count + 1) * sizeof(bool));
		for (size_t i = 0; i < lp->screen_count; i++)
			for (size_t b = 0; b < lp->screens[i].box_count; b++) {
				const LayoutBox *box = &lp->screens[i].boxes[b];
				if (box->continued && box->row_index >= 0 &&
				    (size_t)box->row_index < page->row_count)
					tall[box->row_index] = true;
			}
		bool of = lp->overflow;
		layout_page_destroy(lp);
		if (of)
			explain_overflow(pc, &p, maps);
		for (size_t r = 0; r < page->row_count; r++)
			if (tall[r])
				page_add(
				    pc, DIAG_ERROR, maps[r].line, maps[r].col,
				    "this row is taller than a %dx%d screen at the largest text "
				    "size: split it into shorter rows",
				    p.screen_w, p.screen_h);
	}
	free(tall);
	/* The hard words page is a reference list that grows with the content, and each of
	 * its rows is also reached from its word's pop-up: its length is not a fault. */
	bool glossary = pc->g && pc->g->page == page;
	if (pc->k->on[RULE_PAGE_LENGTH] && !glossary) {
		int lw = named ? set->panel_w : LENGTH_W, lh = named ? set->panel_h : LENGTH_H;
		LayoutParams p = layout_params(pc, lw, lh, 1.0);
		LayoutPage *lp = layout_page(page, &p);
		if ((double)lp->screen_count > pc->k->limit[RULE_PAGE_LENGTH])
			page_add(
			    pc, DIAG_WARNING, 0, 0,
			    "page is %zu screens long at the normal text size on a %dx%d screen "
			    "(easy read: at most %g): split it into more pages",
			    lp->screen_count, lw, lh, pc->k->limit[RULE_PAGE_LENGTH]);
		layout_page_destroy(lp);
	}
}

/* ---- screens that stand alone -------------------------------------------------------- */

/* Words that point back to something said before: a screen that opens with one makes no
 * sense to a visitor who arrives on it by Next after a break. Lower case; a row's first
 * word is compared with its ASCII letters lowered ("They" -> "they"). */
static const char *const pronouns_en[] = {"it", "its", "they", "this", "these", "them", "those",
                                          NULL};
/* Polish: it/he/she (ono, on, ona), they (oni, one), this/that (to, ten, ta, tę, tej, tego,
 * tym), these (te, ci, tych), them (ich, je, nich, nimi, im), it (go, jego, jej). "nie" is
 * left out: at the start of a row it is nearly always "not". */
static const char *const pronouns_pl[] = {
    "to",  "ten", "ta",  "t\xC4\x99", "tej", "tego", "tym",  "te",   "ci",  "tych", "ono",
    "on",  "ona", "oni", "one",       "ich", "je",   "nich", "nimi", "im",  "go",   "jego",
    "jej", NULL};
/* Urdu: یہ (this, it, they), وہ (that, it, they), یہی، وہی, and the forms before a
 * postposition or with one: اس، ان، اسے، انہیں، انہوں، اسی، انہی. */
static const char *const pronouns_ur[] = {
    "\xDB\x8C\xDB\x81",                         /* یہ */
    "\xD9\x88\xDB\x81",                         /* وہ */
    "\xDB\x8C\xDB\x81\xDB\x8C",                 /* یہی */
    "\xD9\x88\xDB\x81\xDB\x8C",                 /* وہی */
    "\xD8\xA7\xD8\xB3",                         /* اس */
    "\xD8\xA7\xD9\x86",                         /* ان */
    "\xD8\xA7\xD8\xB3\xDB\x92",                 /* اسے */
    "\xD8\xA7\xD9\x86\xDB\x81\xDB\x8C\xDA\xBA", /* انہیں */
    "\xD8\xA7\xD9\x86\xDB\x81\xD9\x88\xDA\xBA", /* انہوں */
    "\xD8\xA7\xD8\xB3\xDB\x8C",                 /* اسی */
    "\xD8\xA7\xD9\x86\xDB\x81\xDB\x8C",         /* انہی */
    NULL};
static const struct {
	const char *lang;
	const char *const *words;
} pronoun_lists[] = {{"en", pronouns_en}, {"pl", pronouns_pl}, {"ur", pronouns_ur}};

/* The first word of text (after quote marks, brackets and direction marks), up to a space,
 * an apostrophe ("It's") or punctuation; *start and *n give where it is in text. */
static bool first_word(const char *t, size_t *start, size_t *n)
{
	size_t len = strlen(t), i = 0;
	while (i < len) {
		size_t at = i;
		unsigned long cp = next_code_point(t, len, &i);
		if (cp < 0x80 ? is_alnum((char)cp) : !is_punctuation(cp)) {
			i = at;
			break;
		}
	}
	*start = i;
	while (i < len) {
		size_t at = i;
		unsigned long cp = next_code_point(t, len, &i);
		if (cp < 0x80 ? !is_alnum((char)cp) : is_punctuation(cp)) {
			i = at;
			break;
		}
	}
	*n = i - *start;
	return *n > 0;
}

/* The pronoun the row starts with, or NULL. */
static const char *starts_with_pronoun(const char *lang, const char *text)
{
	const char *const *words = NULL;
	for (size_t l = 0; l < ARRAY_LEN(pronoun_lists); l++)
		if (is_language(lang, pronoun_lists[l].lang))
			words = pronoun_lists[l].words;
	size_t start, n;
	if (!words || !first_word(text, &start, &n))
		return NULL;
	char lower[32];
	if (n >= sizeof(lower))
		return NULL;
	for (size_t i = 0; i < n; i++)
		lower[i] = (char)tolower((unsigned char)text[start + i]);
	lower[n] = '\0';
	for (size_t w = 0; words[w]; w++)
		if (strcmp(lower, words[w]) == 0)
			return words[w];
	return NULL;
}

/* Each screen after the first, as laid out at the normal text size on the screen the page
 * length is measured on, must make sense on its own: a visitor may arrive on it by Next
 * after a break, so its first row may not open with a pronoun whose meaning is on the
 * screen before. Screen 1 is reached by a button that names the page, and its first row
 * follows the title ("This page is about ..." is clear there). A later part of a row
 * split across screens is not a start, and a heading or a button names its own subject
 * (Urdu puts "this" first in "How to use this screen"). */
static void check_pronouns(PageCheck *pc, const RowMap *maps)
{
	if (!pc->k->hooks->measure || !pc->k->on[RULE_PRONOUNS])
		return;
	ContentPage *page = pc->page;
	LayoutParams p = layout_params(pc, LENGTH_W, LENGTH_H, 1.0);
	LayoutPage *lp = layout_page(page, &p);
	for (size_t i = 1; i < lp->screen_count; i++) {
		const LayoutScreen *sc = &lp->screens[i];
		for (size_t b = 0; b < sc->box_count; b++) {
			const LayoutBox *box = &sc->boxes[b];
			if (box->row_index < 0 || (size_t)box->row_index >= page->row_count)
				continue;
			const ContentRow *row = &page->rows[box->row_index];
			const char *word = box->continued || row->kind != ROW_TEXT
			                       ? NULL
			                       : starts_with_pronoun(pc->lang->code, row->text);
			if (word) {
				size_t start, n;
				first_word(row->text, &start, &n);
				int line, col;
				locate(&maps[box->row_index], start, &line, &col);
				page_add(pc, DIAG_WARNING, line, col,
				         "screen %zu of %zu starts with '%.*s', which points back to "
				         "words the visitor may not have seen: say who or what it is "
				         "(at the normal text size on a %dx%d screen)",
				         i + 1, lp->screen_count, (int)n, row->text + start,
				         LENGTH_W, LENGTH_H);
			}
			break; /* only the screen's first row */
		}
	}
	layout_page_destroy(lp);
}

/* ---- the site's own values ---------------------------------------------------------- */

/* Placeholders like {contact.phone} (contact.h) are filled in from kiosk.ini [contact]. Until a
 * council fills one in, the kiosk leaves its row out: say so, at the placeholder. */
static void check_placeholders(PageCheck *pc)
{
	const Source *src = &pc->src;
	if (!src->text)
		return;
	size_t pos = 0, at, len, klen;
	const char *key;
	while (contact_next_placeholder(src->text, src->len, &pos, &at, &len, &key, &klen)) {
		int line, col;
		source_pos(src, at, &line, &col);
		const char *v = contact_value(&pc->k->c->settings, key, klen);
		if (!v)
			page_add(pc, DIAG_ERROR, line, col,
			         "unknown placeholder '%.*s': the kiosk knows {contact.phone}, "
			         "{contact.email}, {contact.hours} and {contact.address}",
			         (int)len, src->text + at);
		else if (!*v)
			page_add(pc, DIAG_WARNING, line, col,
			         "'%.*s' is not filled in yet: set %.*s in kiosk.ini [contact] (until "
			         "then the kiosk leaves this row out)",
			         (int)len, src->text + at, (int)klen, key);
	}
}

/* A row of the glossary page: it must explain one hard word, and not one explained above. */
static void check_glossary_row(PageCheck *pc, const ContentRow *row, const RowMap *m)
{
	const Glossary *g = pc->g;
	const GlossaryEntry *entry = NULL;
	for (size_t i = 0; i < g->count && !entry; i++)
		if (g->entries[i].row == row)
			entry = &g->entries[i];
	if (!entry) {
		if (strcmp(pc->page->name, GLOSSARY_FILE) == 0)
			page_add(pc, DIAG_WARNING, m->line, m->col,
			         "this row of the glossary has no **bold** word, so it explains no "
			         "hard word");
		return;
	}
	for (size_t i = 0; i < g->count; i++) {
		const GlossaryEntry *other = &g->entries[i];
		Glossary one = {.entries = (GlossaryEntry *)other, .count = 1};
		if (other->row->line < row->line && glossary_find(&one, entry->word)) {
			page_add(pc, DIAG_WARNING, m->line, m->col,
			         "hard word '%s' is already explained on line %d", entry->word,
			         other->row->line);
			return;
		}
	}
}

static void check_page(Checker *k, ContentLanguage *lang, ContentPage *page, const Glossary *g)
{
	PageCheck pc = {.k = k, .lang = lang, .page = page, .g = g};
	source_open(&pc.src, page->path);
	size_t total = strlen(page->title ? page->title : "") + 2;
	for (size_t r = 0; r < page->row_count; r++)
		total += strlen(page->rows[r].text) + 1;
	pc.all_text = xmalloc(total);
	size_t at = (size_t)snprintf(pc.all_text, total, "%s\n", page->title ? page->title : "");
	for (size_t r = 0; r < page->row_count; r++)
		at += (size_t)snprintf(pc.all_text + at, total - at, "%s\n", page->rows[r].text);

	RowMap *maps = xcalloc(page->row_count + 1, sizeof(RowMap));
	TextStats stats = {0};
	for (size_t r = 0; r < page->row_count; r++) {
		const ContentRow *row = &page->rows[r];
		RowMap *m = &maps[r];
		map_row(&pc.src, row, m);
		check_picture(&pc, row, m);
		if (row->kind == ROW_TEXT) {
			check_sentences(&pc, row, m);
			stats_add(&stats, row->text);
		}
		if (k->on[RULE_EMPHASIS])
			check_underline(&pc, row, m);
		check_capitals(&pc, row, m);
		if (k->on[RULE_NUMBER_WORDS])
			check_number_words(&pc, row, m);
		if (k->on[RULE_HARD_WORDS] && row->kind != ROW_HEADING)
			check_bold_words(&pc, row, m);
		if (k->on[RULE_HARD_WORDS] && row->kind == ROW_TEXT && g && g->page == page)
			check_glossary_row(&pc, row, m);
	}
	check_layout(&pc, maps);
	check_pronouns(&pc, maps);
	check_placeholders(&pc);
	if (k->on[RULE_READING_EASE] && is_language(lang->code, "en") && stats.words > 0) {
		double score = stats_flesch(&stats);
		if (score < k->limit[RULE_READING_EASE])
			page_add(
			    &pc, DIAG_WARNING, 0, 0,
			    "reading ease (Flesch) is %.1f (easy read: %g or more): use shorter "
			    "words and sentences",
			    score, k->limit[RULE_READING_EASE]);
	}
	for (size_t r = 0; r < page->row_count; r++)
		free(maps[r].tokens);
	free(maps);
	for (size_t i = 0; i < pc.acronym_count; i++)
		free(pc.acronyms[i]);
	free(pc.acronyms);
	free(pc.all_text);
	source_close(&pc.src);
}

/* ---- the folder --------------------------------------------------------------------- */

static ptrdiff_t page_index(const ContentLanguage *lang, const char *name)
{
	for (size_t i = 0; i < lang->page_count; i++)
		if (strcmp(lang->pages[i].name, name) == 0)
			return (ptrdiff_t)i;
	return -1;
}

/* Every page must be reachable from the home page by buttons. glossary.md is not a page
 * people go to, but links to hard-words.md open the page made from it, so its buttons
 * count when some page links to hard-words.md. */
static void check_reachable(Checker *k, ContentLanguage *lang)
{
	const char *home = k->c->settings.home;
	ptrdiff_t h = page_index(lang, home);
	if (h < 0) {
		add(k, DIAG_ERROR, lang->dir, 0, 0,
		    "there is no home page %s in %s/ (kiosk.ini: home)", home, lang->dir);
		return;
	}
	ptrdiff_t glossary = page_index(lang, GLOSSARY_FILE);
	/* A page not translated yet is shown from the default language (with a note), and its
	 * buttons lead back into this language: follow them there too. */
	ContentLanguage *def = content_language(k->c, k->c->settings.default_language);
	if (def == lang)
		def = NULL;
	size_t nd = def ? def->page_count : 0, total = lang->page_count + nd;
	bool *seen = xcalloc(total ? total : 1, sizeof(bool));
	size_t *queue = xmalloc((total ? total : 1) * sizeof(size_t));
	size_t head = 0, tail = 0;
	seen[h] = true;
	queue[tail++] = (size_t)h;
	while (head < tail) {
		size_t node = queue[head++];
		const ContentPage *page =
			node < lang->page_count ? &lang->pages[node] : &def->pages[node - lang->page_count];
		for (size_t r = 0; page->ok && r < page->row_count; r++) {
			const ContentRow *row = &page->rows[r];
			if (row->kind != ROW_LINK || !row->link)
				continue;
			ptrdiff_t t = page_index(lang, row->link);
			if (t < 0 && strcmp(row->link, GLOSSARY_PAGE_NAME) == 0)
				t = glossary;
			if (t < 0 && def) {
				ptrdiff_t d = page_index(def, row->link);
				if (d >= 0)
					t = (ptrdiff_t)lang->page_count + d;
			}
			if (t >= 0 && !seen[t]) {
				seen[t] = true;
				queue[tail++] = (size_t)t;
			}
		}
	}
	for (size_t i = 0; i < lang->page_count; i++)
		if (!seen[i] && (ptrdiff_t)i != glossary)
			add(k, DIAG_ERROR, lang->pages[i].path, 0, 0,
			    "no button leads to this page from %s, so visitors cannot reach it",
			    home);
	free(seen);
	free(queue);
}

static void check_language(Checker *k, ContentLanguage *lang)
{
	const Settings *s = &k->c->settings;
	if (s->speech && k->hooks->voice_exists) {
		const char *voice = settings_voice(s, lang->code);
		if (!k->hooks->voice_exists(voice, k->hooks->ctx))
			add(k, DIAG_ERROR, lang->dir, 0, 0,
			    "there is no eSpeak NG voice '%s' for language '%s' on this machine: "
			    "install it, or set voice.%s in kiosk.ini [speech]",
			    voice, lang->code, lang->code);
	}
	check_reachable(k, lang);
	if (!has_help_page(k, lang))
		add(k, DIAG_WARNING, lang->dir, 0, 0,
		    "there is no help page %s in %s/ (kiosk.ini [help] page): the bottom bar has no Help "
		    "button, so asking for help is not one press away",
		    k->c->settings.help_page, lang->dir);
	if (k->on[RULE_TRANSLATIONS])
		for (size_t i = 0; i < lang->page_count; i++)
			for (size_t o = 0; o < k->c->lang_count; o++) {
				const ContentLanguage *other = &k->c->langs[o];
				if (other != lang && page_index(other, lang->pages[i].name) < 0)
					add(k, DIAG_WARNING, lang->pages[i].path, 0, 0,
					    "this page is not in '%s': there is no %s/%s",
					    other->code, other->dir, lang->pages[i].name);
			}
	Glossary *g = glossary_load(k->c, lang);
	for (size_t i = 0; i < lang->page_count; i++) {
		ContentPage *page = content_page(k->c, lang, lang->pages[i].name);
		if (page)
			check_page(k, lang, page, g);
	}
	glossary_destroy(g);
}

/* Recorded rows (recording.h), when the folder has an audio/ folder: their warnings, and
 * the counts for the report: a line ("recordings: en 9 of 152 rows...") or, for JSON, a
 * member ("recordings": {"en": {"rows": 152, "recorded": 9, "labelled": 9}, ...}). The
 * caller frees it; NULL when there is no audio folder. */
static char *check_recordings(Checker *k, bool json)
{
	char *audio = path_join(k->c->dir, RECORDING_DIR);
	bool any = path_is_dir(audio);
	free(audio);
	if (!any)
		return NULL;
	char *line = xstrdup(json ? "\"recordings\": {" : "recordings:");
	for (size_t l = 0; l < k->c->lang_count; l++) {
		RecordingStats st;
		recording_check_language(k->c, &k->c->langs[l], settings_speech_wpm(&k->c->settings),
					 k->hooks->recording_seconds, k->hooks->ctx, &k->all, &st);
		/* language codes are letters, digits and '-' (settings.c), safe in JSON */
		char *more = json ? xasprintf("%s%s\"%s\": {\"rows\": %zu, \"recorded\": %zu, \"labelled\": %zu}",
					      line, l ? ", " : "", k->c->langs[l].code, st.rows, st.recorded, st.labelled)
				  : xasprintf("%s%s %s %zu of %zu rows and titles (%zu with word labels)", line,
					      l ? "," : "", k->c->langs[l].code, st.recorded, st.rows, st.labelled);
		free(line);
		line = more;
	}
	if (json) {
		char *more = xasprintf("%s}", line);
		free(line);
		line = more;
	}
	return line;
}

/* ---- the report --------------------------------------------------------------------- */

static int compare_diags(const Diag *a, const Diag *b)
{
	int d = strcmp(a->file, b->file);
	if (d)
		return d;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

/* A stable merge sort: diagnostics at the same place keep the order they were found in
 * (qsort is not stable, and the report must not change between runs). */
static void sort_diags(Diag *v, size_t n)
{
	if (n < 2)
		return;
	Diag *tmp = xmalloc(n * sizeof(Diag));
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, o = lo;
			while (i < mid && j < hi)
				tmp[o++] = compare_diags(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
			while (i < mid)
				tmp[o++] = v[i++];
			while (j < hi)
				tmp[o++] = v[j++];
		}
		memcpy(v, tmp, n * sizeof(Diag));
	}
	free(tmp);
}

static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", out);
		else if (ch == '\t')
			fputs("\\t", out);
		else if (ch < 0x20 || ch == 0x7F)
			fprintf(out, "\\u%04x", ch);
		else
			fputc(ch, out);
	}
	fputc('"', out);
}

/* extra: a line before the summary, or for JSON a member after it (NULL: none). */
static void print_report(const DiagList *all, size_t pages, size_t langs, bool json, const char *extra, FILE *out)
{
	size_t errors = diag_count(all, DIAG_ERROR), warnings = diag_count(all, DIAG_WARNING);
	if (json) {
		fputs("{\"diagnostics\": [", out);
		for (size_t i = 0; i < all->count; i++) {
			const Diag *d = &all->items[i];
			fputs(i ? ",\n  {\"file\": " : "\n  {\"file\": ", out);
			json_string(out, d->file);
			fprintf(out,
			        ", \"line\": %d, \"col\": %d, \"severity\": \"%s\", \"message\": ",
			        d->line, d->col, d->severity == DIAG_ERROR ? "error" : "warning");
			json_string(out, d->message);
			fputc('}', out);
		}
		fprintf(out,
		        "%s],\n\"summary\": {\"errors\": %zu, \"warnings\": %zu, \"pages\": %zu, "
		        "\"languages\": %zu}%s%s}\n",
		        all->count ? "\n" : "", errors, warnings, pages, langs, extra ? ",\n" : "", extra ? extra : "");
		return;
	}
	diag_print(all, 0, out);
	if (extra)
		fprintf(out, "%s\n", extra);
	fprintf(out, "%zu error%s, %zu warning%s in %zu page%s (%zu language%s)\n", errors,
	        errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", pages,
	        pages == 1 ? "" : "s", langs, langs == 1 ? "" : "s");
}

int check_content(const char *dir, const CheckHooks *hooks, bool json, FILE *out)
{
	static const CheckHooks no_hooks = {0};
	Checker k = {.hooks = hooks ? hooks : &no_hooks};
	k.c = content_open(dir);
	if (!k.c) {
		add(&k, DIAG_ERROR, dir, 0, 0,
		    "cannot open this content folder: it must be a folder with a language folder "
		    "of pages, like %s/en/home.md",
		    dir);
		print_report(&k.all, 0, 0, json, NULL, out);
		diag_clear(&k.all);
		return 2;
	}
	content_use_site_file(k.c, k.hooks->site_file);
	k.ini_path = path_join(dir, "kiosk.ini");
	read_rules(&k);
	content_load_all(k.c);
	take_loader_diags(&k);
	size_t pages = 0;
	for (size_t l = 0; l < k.c->lang_count; l++) {
		check_language(&k, &k.c->langs[l]);
		pages += k.c->langs[l].page_count;
	}
	char *recordings = check_recordings(&k, json);
	sort_diags(k.all.items, k.all.count);
	print_report(&k.all, pages, k.c->lang_count, json, recordings, out);
	free(recordings);
	int code = diag_count(&k.all, DIAG_ERROR) > 0 ? 1 : 0;

	for (size_t i = 0; i < k.pic_count; i++) {
		free(k.pic_paths[i]);
		free(k.pic_problem[i]);
	}
	free(k.pic_paths);
	free(k.pic_problem);
	free(k.ini_path);
	diag_clear(&k.all);
	content_close(k.c);
	return code;
}
