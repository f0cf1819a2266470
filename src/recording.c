/* recording: paths, Audacity label files and the --check rules for recorded rows. Why a
 * folder per page rather than a Markdown extension: the people who record (comms officers
 * with Audacity) should never have to edit a page file to add sound, and a page can be
 * recorded row by row over weeks; anything not recorded yet is read by eSpeak NG. Start at
 * recording_find; the checker is recording_check_language. */
#include "recording.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static char *page_stem(const char *page_name)
{
	size_t n = strlen(page_name);
	if (n > 3 && strcmp(page_name + n - 3, ".md") == 0)
		n -= 3;
	return xstrndup(page_name, n);
}

bool recording_find(const char *content_dir, const char *lang, const char *page_name, int n,
                    RecordingRef *ref)
{
	static const char *const exts[] = {"ogg", "wav", "OGG", "WAV"};
	memset(ref, 0, sizeof(*ref));
	if (n < 0 || !content_dir || !lang || !page_name)
		return false;
	char *stem = page_stem(page_name);
	for (size_t i = 0; i < ARRAY_LEN(exts) && !ref->audio; i++) {
		char *p = xasprintf("%s/%s/%s/%s/%d.%s", content_dir, RECORDING_DIR, lang, stem, n,
		                    exts[i]);
		if (path_is_file(p))
			ref->audio = p;
		else
			free(p);
	}
	if (ref->audio) {
		char *p =
		    xasprintf("%s/%s/%s/%s/%d.txt", content_dir, RECORDING_DIR, lang, stem, n);
		if (path_is_file(p))
			ref->labels = p;
		else
			free(p);
	}
	free(stem);
	return ref->audio != NULL;
}

void recording_ref_free(RecordingRef *ref)
{
	if (!ref)
		return;
	free(ref->audio);
	free(ref->labels);
	ref->audio = ref->labels = NULL;
}

/* ---- label files ---- */

/* A number with '.' or ',' as the decimal point (Audacity follows the locale in some
 * versions). Advances *s; false when there is no number. */
static bool parse_seconds(const char **s, double *out)
{
	const char *p = *s;
	while (*p == ' ' || *p == '\t')
		p++;
	double v = 0, scale = 0;
	bool digits = false;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			digits = true;
			if (scale > 0) {
				v += (*p - '0') * scale;
				scale /= 10;
			} else {
				v = v * 10 + (*p - '0');
			}
		} else if ((*p == '.' || *p == ',') && scale == 0) {
			scale = 0.1;
		} else {
			break;
		}
	}
	if (!digits)
		return false;
	*s = p;
	*out = v;
	return true;
}

bool recording_labels_parse(RecordingLabels *l, const char *path, const char *text, size_t len,
                            DiagList *diags)
{
	memset(l, 0, sizeof(*l));
	size_t cap = 0;
	int lineno = 0;
	for (size_t at = 0; at < len;) {
		size_t end = at;
		while (end < len && text[end] != '\n')
			end++;
		char *line = xstrndup(text + at, end - at);
		at = end + 1;
		lineno++;
		size_t n = strlen(line);
		while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
			line[--n] = '\0';
		const char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '\\' ||
		    *p == '#') { /* blank, Audacity's frequency line, note */
			free(line);
			continue;
		}
		double start, stop;
		if (!parse_seconds(&p, &start) || !parse_seconds(&p, &stop) ||
		    (*p != '\t' && *p != ' ')) {
			diag_add(diags, DIAG_WARNING, path, lineno, 0,
			         "this label line should be 'start<TAB>end<TAB>word' (as Audacity "
			         "exports "
			         "labels) and is ignored");
			free(line);
			continue;
		}
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || !utf8_valid(p, strlen(p), NULL)) {
			diag_add(diags, DIAG_WARNING, path, lineno, 0,
			         "this label has no word (or is not UTF-8 text) and is ignored");
			free(line);
			continue;
		}
		if (l->count == cap) {
			cap = cap ? cap * 2 : 32;
			l->items = xrealloc(l->items, cap * sizeof(RecordingLabel));
		}
		l->items[l->count++] =
		    (RecordingLabel){start, stop < start ? start : stop, xstrdup(p), lineno};
		free(line);
	}
	return l->count > 0;
}

bool recording_labels_load(RecordingLabels *l, const char *path, DiagList *diags)
{
	memset(l, 0, sizeof(*l));
	size_t len;
	char *text = util_read_file(path, &len);
	if (!text) {
		diag_add(diags, DIAG_WARNING, path, 0, 0, "cannot read this label file: %s",
		         strerror(errno));
		return false;
	}
	bool ok = recording_labels_parse(l, path, text, len, diags);
	free(text);
	return ok;
}

void recording_labels_free(RecordingLabels *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->items[i].word);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* ---- words ---- */

size_t recording_row_words(const char *text, size_t *offs, size_t *lens, size_t max)
{
	size_t n = 0, i = 0;
	while (text[i] && n < max) {
		while (text[i] == ' ')
			i++;
		if (!text[i])
			break;
		size_t start = i;
		while (text[i] && text[i] != ' ')
			i++;
		offs[n] = start;
		lens[n++] = i - start;
	}
	return n;
}

/* ASCII punctuation and the typographic quotes and dashes authors paste in. */
static size_t punct_len(const char *s, size_t len)
{
	if (len >= 1 && ispunct((unsigned char)s[0]))
		return 1;
	if (len >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] >= 0x93 && (unsigned char)s[2] <= 0xA6))
		return 3; /* – — ‘ ’ “ ” … */
	return 0;
}

static void strip(const char **s, size_t *len)
{
	for (size_t k; *len > 0 && (k = punct_len(*s, *len)) > 0;) {
		*s += k;
		*len -= k;
	}
	for (bool more = true; more && *len > 0;) {
		more = false;
		for (size_t k = 1; k <= 3 && k <= *len; k++)
			if (punct_len(*s + *len - k, k) == k) {
				*len -= k;
				more = true;
				break;
			}
	}
}

bool recording_word_matches(const char *label, const char *word, size_t len)
{
	size_t llen = strlen(label);
	strip(&label, &llen);
	strip(&word, &len);
	if (llen != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (tolower((unsigned char)label[i]) != tolower((unsigned char)word[i]))
			return false;
	return true;
}

#define MAX_ROW_WORDS 512

void recording_check_labels(const RecordingLabels *l, const char *path, const char *row_text,
                            DiagList *diags)
{
	size_t offs[MAX_ROW_WORDS], lens[MAX_ROW_WORDS];
	size_t wn = recording_row_words(row_text, offs, lens, MAX_ROW_WORDS);
	for (size_t i = 0; i < l->count; i++) {
		const RecordingLabel *lab = &l->items[i];
		if (i >= wn) {
			diag_add(diags, DIAG_WARNING, path, lab->line, 0,
			         "label '%s' is one too many: the row has only %zu word%s",
			         lab->word, wn, wn == 1 ? "" : "s");
			break;
		}
		if (!recording_word_matches(lab->word, row_text + offs[i], lens[i])) {
			diag_add(
			    diags, DIAG_WARNING, path, lab->line, 0,
			    "label '%s' does not match word %zu of the row, '%.*s': the highlight "
			    "will be on the wrong word",
			    lab->word, i + 1, (int)lens[i], row_text + offs[i]);
			break; /* one mismatch shifts every later label: say it once */
		}
		if (i > 0 && lab->start < l->items[i - 1].start)
			diag_add(diags, DIAG_WARNING, path, lab->line, 0,
			         "label '%s' starts before the label above it: labels must be in "
			         "time order",
			         lab->word);
	}
	if (l->count < wn)
		diag_add(diags, DIAG_WARNING, path, l->count ? l->items[l->count - 1].line : 0, 0,
		         "the row has %zu words but there %s only %zu label%s: the highlight stops "
		         "at word %zu",
		         wn, l->count == 1 ? "is" : "are", l->count, l->count == 1 ? "" : "s",
		         l->count);
}

/* ---- lengths ---- */

double recording_expected_seconds(const char *text, int wpm)
{
	size_t offs[MAX_ROW_WORDS], lens[MAX_ROW_WORDS];
	size_t wn = recording_row_words(text, offs, lens, MAX_ROW_WORDS);
	return (double)wn * 60.0 / (wpm > 0 ? wpm : 160);
}

bool recording_length_odd(double seconds, const char *text, int wpm)
{
	double want = recording_expected_seconds(text, wpm);
	return seconds > 2 * want + 2.0 || seconds < want / 3;
}

/* ---- the checker ---- */

static const ContentPage *find_page(const ContentLanguage *lang, const char *stem)
{
	for (size_t i = 0; i < lang->page_count; i++) {
		const char *name = lang->pages[i].name;
		size_t n = strlen(stem);
		if (strncmp(name, stem, n) == 0 && strcmp(name + n, ".md") == 0)
			return &lang->pages[i];
	}
	return NULL;
}

/* "12.ogg" -> 12; -1 for names that are not <number>.<ogg|wav|txt>. */
static int file_number(const char *name, bool *is_labels)
{
	char *end;
	if (!isdigit((unsigned char)name[0]))
		return -1;
	long v = strtol(name, &end, 10);
	if (v > 100000 || *end != '.')
		return -1;
	*is_labels = strcmp(end, ".txt") == 0;
	if (!*is_labels && strcasecmp(end, ".ogg") != 0 && strcasecmp(end, ".wav") != 0)
		return -1;
	return (int)v;
}

static bool has_ogg(const char *dir, int n)
{
	char *p = xasprintf("%s/%d.ogg", dir, n);
	bool yes = path_is_file(p);
	free(p);
	return yes;
}

/* Files in audio/<lang>/<stem>/ that belong to no row. */
static void check_stray(const char *dir, const ContentPage *page, DiagList *diags)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char *p = path_join(dir, e->d_name);
		bool labels = false;
		int n = file_number(e->d_name, &labels);
		if (n < 0 && !path_is_dir(p) && strcasecmp(e->d_name, "CREDITS.txt") != 0)
			diag_add(
			    diags, DIAG_WARNING, p, 0, 0,
			    "the kiosk does not use this file: recordings are named <row>.ogg or "
			    "<row>.wav (0 for the title), labels <row>.txt");
		else if (n >= 0 && !labels &&
		         strcasecmp(e->d_name + strlen(e->d_name) - 4, ".wav") == 0 &&
		         has_ogg(dir, n))
			diag_add(diags, DIAG_WARNING, p, 0, 0,
			         "this recording is not played: %d.ogg is there too, and Ogg comes "
			         "first",
			         n);
		else if (n >= 0 && page && (size_t)n > page->row_count)
			diag_add(diags, DIAG_WARNING, p, 0, 0,
			         "this is for row %d of %s, but that page has only %zu row%s: the "
			         "recording is never played",
			         n, page->path, page->row_count, page->row_count == 1 ? "" : "s");
		free(p);
	}
	closedir(d);
}

void recording_check_language(const Content *c, const ContentLanguage *lang, int wpm,
                              RecordingSecondsFn seconds, void *ctx, DiagList *diags,
                              RecordingStats *stats)
{
	memset(stats, 0, sizeof(*stats));
	char *base = xasprintf("%s/%s/%s", c->dir, RECORDING_DIR, lang->code);
	/* Folders for pages that are not there. */
	DIR *d = opendir(base);
	if (d) {
		for (struct dirent *e; (e = readdir(d));) {
			if (e->d_name[0] == '.')
				continue;
			char *p = path_join(base, e->d_name);
			const ContentPage *page = find_page(lang, e->d_name);
			if (!path_is_dir(p)) {
				if (strcasecmp(e->d_name, "CREDITS.txt") != 0)
					diag_add(
					    diags, DIAG_WARNING, p, 0, 0,
					    "the kiosk does not use this file: recordings go in a "
					    "folder named after their page, like %s/home/1.ogg",
					    base);
			} else if (!page) {
				diag_add(diags, DIAG_WARNING, p, 0, 0,
				         "there is no page %s/%s.md, so these recordings are never "
				         "played",
				         lang->dir, e->d_name);
			} else {
				check_stray(p, page, diags);
			}
			free(p);
		}
		closedir(d);
	}
	for (size_t i = 0; i < lang->page_count; i++) {
		const ContentPage *page = &lang->pages[i];
		if (!page->loaded || !page->ok)
			continue;
		for (size_t n = 0; n <= page->row_count; n++) {
			const char *text = n == 0 ? page->title : page->rows[n - 1].text;
			if (!text)
				continue;
			stats->rows++;
			RecordingRef ref;
			if (!recording_find(c->dir, lang->code, page->name, (int)n, &ref))
				continue;
			double secs = seconds ? seconds(ref.audio, ctx) : 0;
			if (secs < 0) {
				diag_add(diags, DIAG_WARNING, ref.audio, 0, 0,
				         "cannot play this recording (not Ogg Vorbis or WAV, or "
				         "damaged): the "
				         "voice reads row %zu instead",
				         n);
			} else {
				stats->recorded++;
				if (seconds && recording_length_odd(secs, text, wpm))
					diag_add(
					    diags, DIAG_WARNING, ref.audio, 0, 0,
					    "this recording is %.1f s long, but its text takes "
					    "about %.1f s "
					    "to read: is it the recording of row %zu ('%.40s')?",
					    secs, recording_expected_seconds(text, wpm), n, text);
			}
			if (ref.labels) {
				stats->labelled++;
				RecordingLabels l;
				recording_labels_load(&l, ref.labels, diags);
				recording_check_labels(&l, ref.labels, text, diags);
				recording_labels_free(&l);
			}
			recording_ref_free(&ref);
		}
	}
	free(base);
}
