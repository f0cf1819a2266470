/* contact: fills the site's own details (kiosk.ini [contact]) into pages. Works on the Markdown
 * text before it is parsed, so a value takes part in every rule like written words do (line
 * breaking, sentences, speech) and the loader's line numbers stay right: a row left out
 * becomes blank lines, not fewer lines. Start at contact_fill. */
#include "contact.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const struct {
	const char *key;
	size_t offset;
} keys[] = {
    {"phone", offsetof(Settings, contact_phone)},
    {"email", offsetof(Settings, contact_email)},
    {"hours", offsetof(Settings, contact_hours)},
    {"address", offsetof(Settings, contact_address)},
};

const char *contact_value(const Settings *s, const char *key, size_t key_len)
{
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (strlen(keys[i].key) == key_len && memcmp(keys[i].key, key, key_len) == 0)
			return (const char *)s + keys[i].offset;
	return NULL;
}

typedef struct {
	char *s;
	size_t len, cap;
} Buf;

static void put(Buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void contact_pronounce(const Settings *s, Pronounce *p)
{
	const char *phone = s->contact_phone;
	if (!*phone)
		return;
	Buf b = {0};
	put(&b, "", 0);
	bool group = false; /* inside a run of digits */
	for (const char *c = phone; *c; c++) {
		if (*c >= '0' && *c <= '9') {
			if (b.len > 0)
				put(&b, group ? " " : ", ", group ? 1 : 2);
			put(&b, c, 1);
			group = true;
		} else if (*c == '+' && b.len == 0) {
			put(&b, "+", 1); /* "+44 ..." is said "plus 4 4, ..." */
			group = true;
		} else {
			group = false;
		}
	}
	if (b.len == 0) {
		free(b.s);
		return;
	}
	p->items = xrealloc(p->items, (p->count + 1) * sizeof(PronounceEntry));
	p->items[p->count++] = (PronounceEntry){xstrdup(phone), b.s};
}

void contact_overlay(Settings *s, const char *path)
{
	Settings site;
	settings_defaults(&site);
	DiagList scratch = {0};
	settings_load(&site, path, &scratch);
	diag_clear(&scratch);
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		const char *v = (const char *)&site + keys[i].offset;
		if (*v)
			strcpy((char *)s + keys[i].offset, v); /* same field, same size */
	}
}

bool contact_next_placeholder(const char *text, size_t text_len, size_t *pos, size_t *at,
                           size_t *len, const char **key, size_t *key_len)
{
	size_t plen = strlen(CONTACT_PREFIX);
	for (size_t i = *pos; i + plen <= text_len; i++) {
		if (memcmp(text + i, CONTACT_PREFIX, plen) != 0)
			continue;
		size_t k = i + plen, e = k;
		while (e < text_len && text[e] != '}' && text[e] != '\n')
			e++;
		if (e >= text_len || text[e] != '}')
			continue;
		*at = i;
		*len = e + 1 - i;
		*key = text + k;
		*key_len = e - k;
		*pos = e + 1;
		return true;
	}
	*pos = text_len;
	return false;
}

/* The value as Markdown that shows it as written: punctuation that means something to
 * Markdown gets a backslash; a line break in a value would start a new row, so it is a space. */
static void put_value(Buf *b, const char *v)
{
	for (; *v; v++) {
		if (*v == '\n' || *v == '\r') {
			put(b, " ", 1);
			continue;
		}
		if (strchr("\\`*_{}[]()<>#+-.!|~&", *v))
			put(b, "\\", 1);
		put(b, v, 1);
	}
}

static bool blank_line(const char *text, size_t start, size_t end)
{
	for (size_t i = start; i < end; i++)
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
			return false;
	return true;
}

char *contact_fill(const Settings *s, const char *text, size_t len, size_t *out_len)
{
	size_t pos = 0, at, plen, klen;
	const char *key;
	if (!contact_next_placeholder(text, len, &pos, &at, &plen, &key, &klen))
		return NULL;
	Buf b = {0};
	put(&b, "", 0);
	/* Paragraph by paragraph: a run of non-blank lines, or one blank line. */
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		const char *nl = memchr(text + i, '\n', len - i);
		size_t line_end = nl ? (size_t)(nl - text) + 1 : len;
		if (blank_line(text, i, line_end)) {
			put(&b, text + i, line_end - i);
			i = line_end;
			continue;
		}
		end = line_end;
		while (end < len) {
			nl = memchr(text + end, '\n', len - end);
			size_t next = nl ? (size_t)(nl - text) + 1 : len;
			if (blank_line(text, end, next))
				break;
			end = next;
		}
		/* Is every placeholder in this paragraph filled in? */
		bool complete = true;
		size_t p = i;
		while (contact_next_placeholder(text, end, &p, &at, &plen, &key, &klen)) {
			const char *v = contact_value(s, key, klen);
			if (!v || !*v)
				complete = false;
		}
		if (!complete) {
			for (size_t c = i; c < end; c++)
				if (text[c] == '\n')
					put(&b, "\n", 1);
		} else {
			size_t from = i;
			p = i;
			while (contact_next_placeholder(text, end, &p, &at, &plen, &key, &klen)) {
				put(&b, text + from, at - from);
				put_value(&b, contact_value(s, key, klen));
				from = at + plen;
			}
			put(&b, text + from, end - from);
		}
		i = end;
	}
	*out_len = b.len;
	return b.s;
}
