/* site: paths of an installed kiosk, the site settings file and the staff PIN hash (see
 * site.h). The PIN is hashed with crypt(3) from libxcrypt, the library that hashes login
 * passwords on Debian, with a random salt it draws itself: the same PIN on two kiosks gives
 * two different lines, and the content repository never holds a PIN at all. A 4-digit PIN
 * is still only 10,000 guesses: the hash keeps it out of sight (backups, screens, git), the
 * pad's lock-out keeps guessing slow. Start at site_content_dir. */
#include "site.h"

#include <crypt.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

char *site_data_dir(const char *exe)
{
	if (!exe || !exe[0])
		return NULL;
	char *bin = path_dirname(exe);
	char *prefix = path_dirname(bin);
	char *dir = path_join(prefix, "share/kiosk");
	free(bin);
	free(prefix);
	/* "bin" must really be the folder's name: ./kiosk in a source tree is not installed */
	const char *slash = strrchr(exe, '/');
	bool in_bin = slash && slash - exe >= 4 && strncmp(slash - 4, "/bin", 4) == 0;
	if (!in_bin || !path_is_dir(dir)) {
		free(dir);
		return NULL;
	}
	return dir;
}

char *site_content_dir(const char *site_content, const char *data_dir, const char *state_dir)
{
	if (site_content && site_content[0])
		return xstrdup(site_content);
	if (data_dir) {
		if (state_dir) {
			char *synced = path_join(state_dir, "content");
			if (path_is_dir(synced))
				return synced;
			free(synced);
		}
		return path_join(data_dir, "content");
	}
	return xstrdup("content");
}

static bool pin_digits(const char *pin)
{
	size_t n = strlen(pin);
	if (n < 4 || n > 12)
		return false;
	for (size_t i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9')
			return false;
	return true;
}

bool site_pin_hash_valid(const char *hash)
{
	size_t n = strlen(hash);
	if (n < 13 || n >= CRYPT_OUTPUT_SIZE || hash[0] != '$')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = hash[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' ||
		      c == '.' || c == '/' || c == '='))
			return false;
	}
	return true;
}

char *site_pin_hash(const char *pin)
{
	if (!pin_digits(pin)) {
		log_error("a staff PIN is 4 to 12 digits");
		return NULL;
	}
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	/* NULL random bytes: libxcrypt takes them from the kernel (getrandom) */
	if (!crypt_gensalt_rn("$y$", 0, NULL, 0, salt, (int)sizeof(salt))) {
		log_error("cannot make a salt for the PIN hash");
		return NULL;
	}
	struct crypt_data *data = xcalloc(1, sizeof(*data));
	const char *h = crypt_r(pin, salt, data);
	char *out = h && h[0] == '$' ? xstrdup(h) : NULL;
	explicit_bzero(data, sizeof(*data));
	free(data);
	if (!out)
		log_error("cannot hash the PIN");
	return out;
}

bool site_pin_verify(const char *hash, const char *digits)
{
	if (!hash || !site_pin_hash_valid(hash) || !digits)
		return false;
	struct crypt_data *data = xcalloc(1, sizeof(*data));
	const char *h = crypt_r(digits, hash, data);
	bool ok = false;
	if (h && h[0] == '$') {
		/* every byte of the longer string is compared, whatever the first difference */
		size_t a = strlen(h), b = strlen(hash), n = a > b ? a : b;
		unsigned diff = (unsigned)(a ^ b);
		for (size_t i = 0; i < n; i++)
			diff |= (unsigned)((i < a ? (unsigned char)h[i] : 0) ^ (i < b ? (unsigned char)hash[i] : 0));
		ok = diff == 0;
	}
	explicit_bzero(data, sizeof(*data));
	free(data);
	return ok;
}

/* ---- editing the site file ---- */

typedef struct {
	char *s;
	size_t len, cap;
} Text;

static void text_add(Text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = xrealloc(t->s, t->cap);
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

static void text_line(Text *t, const char *key, const char *value)
{
	char *line = xasprintf("%s = %s\n", key, value);
	text_add(t, line, strlen(line));
	free(line);
}

/* The name of a "[section]" line, or NULL; *n is its length. */
static const char *section_name(const char *line, size_t len, size_t *n)
{
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i == len || line[i] != '[')
		return NULL;
	const char *close = memchr(line + i, ']', len - i);
	if (!close)
		return NULL;
	*n = (size_t)(close - line - i - 1);
	return line + i + 1;
}

/* True when the line sets `key` ("key = ..." or "key=..."). */
static bool sets_key(const char *line, size_t len, const char *key)
{
	size_t i = 0, k = strlen(key);
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (len - i < k || strncmp(line + i, key, k) != 0)
		return false;
	i += k;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i < len && (line[i] == '=' || line[i] == ':');
}

char *site_ini_set(const char *text, const char *section, const char *key, const char *value,
		   const char *drop)
{
	Text out = {0};
	text_add(&out, "", 0);
	bool in = false, done = false;
	const char *p = text ? text : "";
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		size_t n;
		const char *name = section_name(p, len, &n);
		if (name) {
			if (in && !done) {
				/* leaving our section without having seen the key: add it here */
				text_line(&out, key, value);
				done = true;
			}
			in = n == strlen(section) && strncmp(name, section, n) == 0;
		}
		bool skip = false;
		if (in && !name) {
			if (sets_key(p, len, key)) {
				if (!done)
					text_line(&out, key, value);
				done = true;
				skip = true;
			} else if (drop && sets_key(p, len, drop)) {
				skip = true;
			}
		}
		if (!skip) {
			text_add(&out, p, len);
			text_add(&out, "\n", 1);
		}
		p += len + (nl ? 1 : 0);
	}
	if (in && !done) {
		text_line(&out, key, value);
		done = true;
	}
	if (!done) {
		if (out.len > 0 && out.s[out.len - 1] != '\n')
			text_add(&out, "\n", 1);
		char *head = xasprintf("%s[%s]\n", out.len > 0 ? "\n" : "", section);
		text_add(&out, head, strlen(head));
		free(head);
		text_line(&out, key, value);
	}
	return out.s;
}

int site_playback_devices(const char *dev_snd)
{
	DIR *d = opendir(dev_snd);
	if (!d)
		return 0;
	int n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (strncmp(e->d_name, "pcmC", 4) == 0 && len > 5 && e->d_name[len - 1] == 'p')
			n++;
	}
	closedir(d);
	return n;
}

/* One line from in, without its newline; echo off while a person types it. */
static bool read_pin(FILE *in, const char *prompt, char *buf, size_t size)
{
	int fd = fileno(in);
	bool tty = isatty(fd);
	struct termios old, quiet;
	if (tty) {
		fprintf(stderr, "%s", prompt);
		if (tcgetattr(fd, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(fd, TCSAFLUSH, &quiet);
		} else {
			tty = false;
		}
	}
	bool ok = fgets(buf, (int)size, in) != NULL;
	if (tty) {
		tcsetattr(fd, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	if (ok)
		buf[strcspn(buf, "\r\n")] = '\0';
	return ok;
}

static bool write_site_file(const char *path, const char *text)
{
	struct stat st;
	bool existed = stat(path, &st) == 0;
	char *dir = path_dirname(path);
	struct stat dst;
	bool have_dir = stat(dir, &dst) == 0;
	char *tmp = xasprintf("%s/.kiosk.ini.XXXXXX", dir);
	int fd = mkstemp(tmp);
	bool ok = fd >= 0;
	if (ok) {
		/* the kiosk user reads the file through its group; nobody else needs it */
		mode_t mode = existed ? (st.st_mode & 07777) : 0640;
		if (existed) {
			if (fchown(fd, st.st_uid, st.st_gid) != 0 && geteuid() == 0)
				ok = false;
		} else if (have_dir && geteuid() == 0 && fchown(fd, 0, dst.st_gid) != 0) {
			ok = false;
		}
		size_t n = strlen(text);
		ok = ok && fchmod(fd, mode) == 0 && write(fd, text, n) == (ssize_t)n && fsync(fd) == 0;
		ok = close(fd) == 0 && ok;
		ok = ok && rename(tmp, path) == 0;
		if (!ok)
			unlink(tmp);
	}
	if (!ok)
		log_error("cannot write %s: %s", path, strerror(errno));
	free(tmp);
	free(dir);
	return ok;
}

int site_set_pin_main(const char *site_file, FILE *in)
{
	char pin[64], again[64];
	int rc = 1;
	char *hash = NULL, *old = NULL, *text = NULL;
	if (!read_pin(in, "New staff PIN (4 to 12 digits): ", pin, sizeof(pin))) {
		log_error("no PIN was given (type it, or pipe it in: echo 2468 | sudo kiosk --set-pin)");
		goto out;
	}
	if (isatty(fileno(in))) {
		if (!read_pin(in, "The same PIN again: ", again, sizeof(again)) || strcmp(pin, again) != 0) {
			log_error("the two PINs are not the same: nothing was changed");
			goto out;
		}
	}
	hash = site_pin_hash(pin);
	if (!hash)
		goto out;
	old = util_read_file(site_file, NULL);
	if (!old && errno != ENOENT) {
		log_error("cannot read %s: %s", site_file, strerror(errno));
		goto out;
	}
	text = site_ini_set(old, "session", "pin_hash", hash, "pin");
	if (!write_site_file(site_file, text))
		goto out;
	log_info("the staff PIN is set in %s (as a salted hash). Restart the kiosk to use it: "
		 "sudo systemctl restart kiosk",
		 site_file);
	rc = 0;
out:
	explicit_bzero(pin, sizeof(pin));
	explicit_bzero(again, sizeof(again));
	free(hash);
	free(old);
	free(text);
	return rc;
}
