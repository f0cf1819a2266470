/* util: small helpers every module uses: allocation that aborts on out-of-memory,
 * file reading, UTF-8 checks, safe relative paths and the one log format.
 * Plain C, no SDL: part of the core. */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Out of memory is not recoverable on a kiosk: these abort with one log line. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Reads a whole file into a new NUL-terminated buffer (caller frees), length in *len
 * (may be NULL). Returns NULL and sets errno when the file cannot be read. */
char *util_read_file(const char *path, size_t *len);
/* The same, but a file of more than max bytes is not read: NULL with errno EFBIG (checked
 * before reading and while reading, so a file growing meanwhile is caught too). */
char *util_read_file_max(const char *path, size_t max, size_t *len);

/* This process's resident memory in KiB (from /proc/self/statm; 0 when unknown). */
long util_rss_kib(void);

/* True when s[0..len) is valid UTF-8 (no overlongs, no surrogates). On failure
 * *bad_offset (may be NULL) is the byte offset of the first bad byte. */
bool utf8_valid(const char *s, size_t len, size_t *bad_offset);
/* Length in bytes of the UTF-8 sequence starting at s (1 for invalid bytes, 0 at NUL). */
size_t utf8_next(const char *s);
/* Number of code points in s[0..len). */
size_t utf8_count(const char *s, size_t len);

/* A relative path that stays inside its folder: not empty, not absolute, no ".."
 * component, no backslash, no NUL. "a/b.svg" is safe; "../x", "/etc/passwd" are not. */
bool path_is_safe(const char *rel);
/* Joins a folder and a relative path with one '/'; the caller frees the result. */
char *path_join(const char *dir, const char *rel);
/* Parent folder of a path ("a/b/c" -> "a/b", "c" -> "."); the caller frees it. */
char *path_dirname(const char *path);
bool path_is_dir(const char *path);
bool path_is_file(const char *path);
/* True when path exists and, with every symlink followed (realpath), is the folder root or
 * lies inside it. The content folder is untrusted: "en/passwd.md -> /etc/passwd" or
 * "images/root -> /" must never be read, so each file the kiosk reads or exports from it
 * is checked with this first. A symlink that stays inside is fine. */
bool path_is_beneath(const char *root, const char *path);

/* The log: one line to stderr, "kiosk: info: ..." / "kiosk: warning: ..." / "kiosk: error: ...".
 * Tests read these lines, so keep the format. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Error lines logged since the program started (for the health metrics). */
unsigned long log_error_count(void);

#endif
