/* usage: the council's anonymous usage figures, written so that nothing the kiosk does can
 * lose more than one event or stop the kiosk. Start reading at usage_event: each event is
 * built in memory as one whole line and appended with a single write() on an O_APPEND file,
 * then fdatasync'd. At kiosk rates (a few events a minute) the sync costs nothing worth
 * saving, and it means a power cut loses at most the line being written. That torn line is
 * handled twice: usage_read skips it, and when the file is opened again and does not end
 * in a newline the next event starts with one, so the torn piece stays on its own line and
 * never spoils a good event. A full disk or unwritable file logs one warning and is tried
 * again a minute later; the kiosk keeps running either way.
 * The second half is the reader: a strict little parser for exactly the flat objects the
 * writer produces (string and integer values only), so no JSON library is needed. */
#include "usage.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define RETRY_S 60

struct UsageLog {
	char *path;
	int fd;            /* -1 when not open */
	bool ok;           /* the last open or write worked */
	bool warned;       /* a warning was logged for the current failure spell */
	bool need_newline; /* the file may end in a torn line: start the next with '\n' */
	uint64_t retry_at; /* after a failure, no new attempt before this event time */
	bool input_seen[USAGE_INPUT_COUNT];
	char kiosk[64];    /* the site's kiosk id, added to every line; "" = none */
};

/* A growing string for building one line. */
typedef struct {
	char *p;
	size_t len, cap;
} Buf;

static void buf_add(Buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 128;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void buf_puts(Buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void buf_addc(Buf *b, char c)
{
	buf_add(b, &c, 1);
}

char *usage_default_path(void)
{
	/* The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored. */
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/easyread-kiosk/usage.jsonl", xdg);
	const char *home = getenv("HOME");
	if (home && home[0])
		return xasprintf("%s/.local/share/easyread-kiosk/usage.jsonl", home);
	return NULL;
}

/* mkdir -p of the file's folder, so the default path works on a fresh account. Errors are
 * left for open() to report: it names the file, which is what the operator needs. */
static void make_parent_dirs(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		for (char *p = dir + 1; *p; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			mkdir(dir, 0755);
			*p = '/';
		}
		mkdir(dir, 0755);
	}
	free(dir);
}

static void fail(UsageLog *log, const char *what, int err, uint64_t t)
{
	if (!log->warned)
		log_warn("usage figures: cannot %s %s (%s); the kiosk carries on and tries again "
		         "in a minute",
		         what, log->path, strerror(err));
	log->warned = true;
	log->ok = false;
	log->retry_at = t + RETRY_S;
	if (log->fd >= 0)
		close(log->fd);
	log->fd = -1;
}

static bool open_file(UsageLog *log, uint64_t t)
{
	make_parent_dirs(log->path);
	/* Read access too, only to look at the last byte. */
	int fd = open(log->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		fail(log, "open", errno, t);
		return false;
	}
	log->fd = fd;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		fail(log, "check", errno, t);
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		fail(log, "use (not a regular file)", EINVAL, t);
		return false;
	}
	char last = '\n';
	if (st.st_size > 0 && pread(fd, &last, 1, st.st_size - 1) != 1)
		last = 'x';
	if (last != '\n')
		log->need_newline = true;
	log->ok = true;
	return true;
}

UsageLog *usage_open(const char *path)
{
	if (!path)
		return NULL;
	UsageLog *log = xcalloc(1, sizeof(*log));
	log->path = xstrdup(path);
	log->fd = -1;
	open_file(log, 0);
	/* The first retry should not wait for event time 60: any event may try again. */
	log->retry_at = 0;
	return log;
}

void usage_close(UsageLog *log)
{
	if (!log)
		return;
	if (log->fd >= 0)
		close(log->fd);
	free(log->path);
	free(log);
}

bool usage_ok(const UsageLog *log)
{
	return log && log->ok;
}

/* A JSON string. Bytes that are not valid UTF-8 become U+FFFD, so every line stays valid
 * JSON whatever a content author named a page. */
static void json_string(Buf *b, const char *s)
{
	buf_addc(b, '"');
	for (const char *p = s ? s : ""; *p;) {
		unsigned char c = (unsigned char)*p;
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
			p++;
		} else if (c < 0x20 || c == 0x7f) {
			char tmp[8];
			switch (c) {
			case '\n':
				buf_puts(b, "\\n");
				break;
			case '\r':
				buf_puts(b, "\\r");
				break;
			case '\t':
				buf_puts(b, "\\t");
				break;
			default:
				snprintf(tmp, sizeof(tmp), "\\u%04x", c);
				buf_puts(b, tmp);
			}
			p++;
		} else if (c < 0x80) {
			buf_addc(b, (char)c);
			p++;
		} else {
			size_t n = utf8_next(p);
			if (n > 1 && utf8_valid(p, n, NULL))
				buf_add(b, p, n);
			else
				buf_puts(b, "\xef\xbf\xbd");
			p += n ? n : 1;
		}
	}
	buf_addc(b, '"');
}

static bool write_line(UsageLog *log, const char *line, size_t len, uint64_t t)
{
	ssize_t w;
	do
		w = write(log->fd, line, len);
	while (w < 0 && errno == EINTR);
	if (w < 0 || (size_t)w != len) {
		/* A short write leaves part of a line behind: end it before the next event. */
		log->need_newline = true;
		fail(log, "write to", w < 0 ? errno : ENOSPC, t);
		return false;
	}
	/* EINVAL: a file system that cannot sync; the line is written, which is what counts. */
	if (fdatasync(log->fd) != 0 && errno != EINVAL) {
		log->need_newline = true;
		fail(log, "save", errno, t);
		return false;
	}
	return true;
}

void usage_set_kiosk(UsageLog *log, const char *id)
{
	if (log)
		snprintf(log->kiosk, sizeof(log->kiosk), "%s", id ? id : "");
}

bool usage_event(UsageLog *log, uint64_t unix_s, const char *type, const UsageField *fields,
                 size_t n)
{
	if (!log)
		return false;
	if (log->fd < 0 && (unix_s < log->retry_at || !open_file(log, unix_s)))
		return false;
	Buf b = {0};
	if (log->need_newline)
		buf_addc(&b, '\n');
	char num[32];
	snprintf(num, sizeof(num), "{\"t\":%llu,\"type\":", (unsigned long long)unix_s);
	buf_puts(&b, num);
	json_string(&b, type);
	for (size_t i = 0; i < n; i++) {
		buf_addc(&b, ',');
		json_string(&b, fields[i].key);
		buf_addc(&b, ':');
		if (fields[i].kind == USAGE_INT) {
			snprintf(num, sizeof(num), "%lld", fields[i].i);
			buf_puts(&b, num);
		} else {
			json_string(&b, fields[i].s);
		}
	}
	if (log->kiosk[0]) {
		buf_puts(&b, ",\"kiosk\":");
		json_string(&b, log->kiosk);
	}
	buf_puts(&b, "}\n");
	bool ok = write_line(log, b.p, b.len, unix_s);
	free(b.p);
	if (ok) {
		if (log->warned)
			log_info("usage figures: writing to %s again", log->path);
		log->ok = true;
		log->warned = false;
		log->need_newline = false;
	}
	return ok;
}

/* The typed helpers: one place that fixes each event's name and fields. */

bool usage_session_start(UsageLog *log, uint64_t t, const char *lang)
{
	if (log)
		memset(log->input_seen, 0, sizeof(log->input_seen));
	UsageField f[] = {USAGE_S("lang", lang)};
	return usage_event(log, t, "session_start", f, ARRAY_LEN(f));
}

bool usage_session_end(UsageLog *log, uint64_t t, const char *reason, long long seconds)
{
	UsageField f[] = {USAGE_S("reason", reason), USAGE_I("s", seconds)};
	return usage_event(log, t, "session_end", f, ARRAY_LEN(f));
}

bool usage_page_view(UsageLog *log, uint64_t t, const char *lang, const char *page, int screen,
                     long long seconds)
{
	UsageField f[] = {USAGE_S("lang", lang), USAGE_S("page", page),
	                  USAGE_I("screen", screen + 1), USAGE_I("s", seconds)};
	return usage_event(log, t, "page_view", f, ARRAY_LEN(f));
}

static bool place_event(UsageLog *log, uint64_t t, const char *type, const char *lang,
                        const char *page, int screen)
{
	UsageField f[] = {USAGE_S("lang", lang), USAGE_S("page", page),
	                  USAGE_I("screen", screen + 1)};
	return usage_event(log, t, type, f, ARRAY_LEN(f));
}

bool usage_listen(UsageLog *log, uint64_t t, const char *lang, const char *page, int screen)
{
	return place_event(log, t, "listen", lang, page, screen);
}

bool usage_stop(UsageLog *log, uint64_t t, const char *lang, const char *page, int screen)
{
	return place_event(log, t, "stop", lang, page, screen);
}

bool usage_replay(UsageLog *log, uint64_t t, const char *lang, const char *page, int screen,
                  int row)
{
	UsageField f[] = {USAGE_S("lang", lang), USAGE_S("page", page),
	                  USAGE_I("screen", screen + 1), USAGE_I("row", row + 1)};
	return usage_event(log, t, "replay", f, ARRAY_LEN(f));
}

bool usage_setting(UsageLog *log, uint64_t t, const char *name, const char *value)
{
	UsageField f[] = {USAGE_S("name", name), USAGE_S("value", value)};
	return usage_event(log, t, "setting", f, ARRAY_LEN(f));
}

bool usage_take_away(UsageLog *log, uint64_t t, UsageTakeAway what, const char *lang, const char *page, bool ok)
{
	static const char *const types[] = {"qr_view", "print", "help_call"};
	UsageField f[] = {USAGE_S("lang", lang), USAGE_S("page", page), USAGE_I("ok", ok ? 1 : 0)};
	if ((size_t)what >= ARRAY_LEN(types))
		return false;
	return usage_event(log, t, types[what], f, what == USAGE_PRINT ? 3 : 2);
}

const char *usage_input_name(UsageInput method)
{
	static const char *const names[USAGE_INPUT_COUNT] = {"touch", "keys", "switch"};
	return method < USAGE_INPUT_COUNT ? names[method] : "other";
}

bool usage_input(UsageLog *log, uint64_t t, UsageInput method)
{
	if (!log || method >= USAGE_INPUT_COUNT)
		return false;
	if (log->input_seen[method])
		return true;
	UsageField f[] = {USAGE_S("method", usage_input_name(method))};
	/* Marked only once written, so a failed write is tried with the next press. */
	log->input_seen[method] = usage_event(log, t, "input", f, ARRAY_LEN(f));
	return log->input_seen[method];
}

bool usage_language(UsageLog *log, uint64_t t, const char *lang)
{
	UsageField f[] = {USAGE_S("lang", lang)};
	return usage_event(log, t, "language", f, ARRAY_LEN(f));
}

bool usage_idle_warning(UsageLog *log, uint64_t t, bool continued)
{
	UsageField f[] = {USAGE_I("continued", continued ? 1 : 0)};
	return usage_event(log, t, "idle_warning", f, ARRAY_LEN(f));
}

/* The reader. */

typedef struct {
	const char *p, *end;
} Cursor;

static void skip_ws(Cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r'))
		c->p++;
}

static bool eat(Cursor *c, char ch)
{
	skip_ws(c);
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return true;
	}
	return false;
}

static int hex4(const char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		int c = p[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static void add_utf8(Buf *b, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf_add(b, u, n);
}

/* A JSON string into a new C string (caller frees); NULL if malformed. \u0000 and lone
 * surrogates become U+FFFD: a C string cannot hold the one, UTF-8 cannot hold the other. */
static char *parse_string(Cursor *c)
{
	if (!eat(c, '"'))
		return NULL;
	Buf b = {0};
	buf_add(&b, "", 0);
	while (c->p < c->end) {
		unsigned char ch = (unsigned char)*c->p++;
		if (ch == '"')
			return b.p;
		if (ch < 0x20)
			break;
		if (ch != '\\') {
			buf_addc(&b, (char)ch);
			continue;
		}
		if (c->p >= c->end)
			break;
		char e = *c->p++;
		static const char in[] = "\"\\/bfnrt", out[] = "\"\\/\b\f\n\r\t";
		const char *simple = e ? strchr(in, e) : NULL;
		if (simple) {
			buf_addc(&b, out[simple - in]);
			continue;
		}
		if (e != 'u' || c->end - c->p < 4)
			break;
		int cp = hex4(c->p);
		if (cp < 0)
			break;
		c->p += 4;
		if (cp >= 0xd800 && cp <= 0xdbff && c->end - c->p >= 6 && c->p[0] == '\\' &&
		    c->p[1] == 'u') {
			int lo = hex4(c->p + 2);
			if (lo >= 0xdc00 && lo <= 0xdfff) {
				c->p += 6;
				add_utf8(&b, 0x10000 + (((unsigned)cp - 0xd800) << 10) +
				                 ((unsigned)lo - 0xdc00));
				continue;
			}
		}
		if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff))
			cp = 0xfffd;
		add_utf8(&b, (unsigned)cp);
	}
	free(b.p);
	return NULL;
}

static bool parse_int(Cursor *c, long long *out)
{
	skip_ws(c);
	bool neg = c->p < c->end && *c->p == '-';
	if (neg)
		c->p++;
	if (c->p >= c->end || *c->p < '0' || *c->p > '9')
		return false;
	unsigned long long v = 0;
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
		unsigned d = (unsigned)(*c->p++ - '0');
		if (v > (9223372036854775807ULL - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = neg ? -(long long)v : (long long)v;
	return true;
}

void usage_event_free(UsageEvent *ev)
{
	if (!ev)
		return;
	free(ev->type);
	for (size_t i = 0; i < ev->n; i++) {
		free(ev->fields[i].key);
		free(ev->fields[i].s);
	}
	free(ev->fields);
	memset(ev, 0, sizeof(*ev));
}

bool usage_parse_line(const char *line, size_t len, UsageEvent *ev)
{
	Cursor c = {line, line + len};
	memset(ev, 0, sizeof(*ev));
	bool have_t = false;
	size_t cap = 0;
	if (!eat(&c, '{'))
		return false;
	if (eat(&c, '}'))
		return false; /* no "t", no "type" */
	do {
		char *key = parse_string(&c);
		if (!key)
			goto bad;
		UsageValue v = {.key = key};
		if (!eat(&c, ':')) {
			free(key);
			goto bad;
		}
		skip_ws(&c);
		if (c.p < c.end && *c.p == '"') {
			v.kind = USAGE_STR;
			v.s = parse_string(&c);
		} else {
			v.kind = USAGE_INT;
			if (!parse_int(&c, &v.i)) {
				free(key);
				goto bad;
			}
		}
		if (v.kind == USAGE_STR && !v.s) {
			free(key);
			goto bad;
		}
		if (strcmp(key, "t") == 0) {
			bool dup = have_t;
			have_t = true;
			ev->t = v.i;
			free(key);
			free(v.s);
			if (dup || v.kind != USAGE_INT || ev->t < 0)
				goto bad;
		} else if (strcmp(key, "type") == 0) {
			bool dup = ev->type != NULL;
			free(key);
			if (dup || v.kind != USAGE_STR || !v.s[0]) {
				free(v.s);
				goto bad;
			}
			ev->type = v.s;
		} else {
			if (ev->n == cap) {
				cap = cap ? cap * 2 : 4;
				ev->fields = xrealloc(ev->fields, cap * sizeof(*ev->fields));
			}
			ev->fields[ev->n++] = v;
		}
	} while (eat(&c, ','));
	if (!eat(&c, '}'))
		goto bad;
	skip_ws(&c);
	if (c.p != c.end || !have_t || !ev->type)
		goto bad;
	return true;
bad:
	usage_event_free(ev);
	return false;
}

bool usage_read(const char *path, UsageEvents *out, size_t *skipped)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		log_error("cannot read the usage file %s: %s", path, strerror(errno));
		return false;
	}
	if (skipped)
		*skipped = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) >= 0) {
		size_t len = (size_t)n;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		size_t i = 0;
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i == len)
			continue;
		UsageEvent ev;
		if (!usage_parse_line(line, len, &ev)) {
			if (skipped)
				(*skipped)++;
			continue;
		}
		if (out->count == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 256;
			out->ev = xrealloc(out->ev, out->cap * sizeof(*out->ev));
		}
		out->ev[out->count++] = ev;
	}
	bool ok = !ferror(f);
	if (!ok)
		log_error("cannot read the usage file %s: %s", path, strerror(errno));
	free(line);
	fclose(f);
	return ok;
}

void usage_events_free(UsageEvents *evs)
{
	if (!evs)
		return;
	for (size_t i = 0; i < evs->count; i++)
		usage_event_free(&evs->ev[i]);
	free(evs->ev);
	memset(evs, 0, sizeof(*evs));
}

static const UsageValue *find(const UsageEvent *ev, const char *key, UsageKind kind)
{
	for (size_t i = 0; i < ev->n; i++)
		if (ev->fields[i].kind == kind && strcmp(ev->fields[i].key, key) == 0)
			return &ev->fields[i];
	return NULL;
}

const char *usage_event_str(const UsageEvent *ev, const char *key)
{
	const UsageValue *v = find(ev, key, USAGE_STR);
	return v ? v->s : NULL;
}

bool usage_event_int(const UsageEvent *ev, const char *key, long long *out)
{
	const UsageValue *v = find(ev, key, USAGE_INT);
	if (v && out)
		*out = v->i;
	return v != NULL;
}
