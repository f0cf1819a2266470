/* site: what makes one installed kiosk different from the next, kept apart from the content
 * that fifty kiosks share. Core module: no SDL.
 *
 *   - Where things are: an installed binary (PREFIX/bin/kiosk next to PREFIX/share/kiosk)
 *     finds its shipped content, fonts and pictures there, and prefers the content the sync
 *     timer keeps in /var/lib/kiosk/content; a binary run from a source tree uses ./content.
 *   - The site settings file, /etc/kiosk/kiosk.ini on an installed kiosk: the same format as
 *     the content's kiosk.ini, read after it, so its keys win (PIN hash, kiosk id, sound
 *     device, idle times, panel size, rotation: content/README.md lists which key goes where).
 *   - The staff PIN as a salted hash (crypt(3), yescrypt), written by `kiosk --set-pin`.
 * Start at site_content_dir. */
#ifndef SITE_H
#define SITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Where an installed kiosk's site settings and state live (the Debian package's layout;
 * `make install` uses the same). */
#define SITE_CONFIG_FILE "/etc/kiosk/kiosk.ini"
#define SITE_STATE_DIR "/var/lib/kiosk"

/* PREFIX/share/kiosk for a binary at PREFIX/bin/kiosk when that folder exists (an installed
 * kiosk), else NULL (run from a source tree). exe is the binary's path (/proc/self/exe).
 * The caller frees the result. */
char *site_data_dir(const char *exe);
/* The content folder to show when none is given on the command line, in this order: the
 * site settings' [kiosk] content (site_content, may be NULL or ""); on an installed kiosk
 * (data_dir not NULL) state_dir/content when it exists (the synced content), then
 * data_dir/content (the shipped one); else "content". The caller frees the result. */
char *site_content_dir(const char *site_content, const char *data_dir, const char *state_dir);

/* A new salted hash of a PIN (4 to 12 digits), in crypt(3)'s text form ("$y$..."), or
 * NULL (logged) when the PIN is not 4 to 12 digits or hashing failed. Caller frees. */
char *site_pin_hash(const char *pin);
/* True when digits hash to `hash`. Compares in constant time; false for a malformed hash. */
bool site_pin_verify(const char *hash, const char *digits);
/* A value that looks like site_pin_hash's output (crypt's alphabet, "$" first). */
bool site_pin_hash_valid(const char *hash);

/* Sets key = value in [section] of an ini text, keeping every other line (and the staff's
 * notes) as it was: replaces the first "key =" line of that section, else adds the line at
 * the end of the section, else adds the section at the end. Lines "drop = ..." in that
 * section are removed (drop may be NULL): --set-pin removes a plain "pin =". Returns a new
 * string; the caller frees it. */
char *site_ini_set(const char *text, const char *section, const char *key, const char *value,
		   const char *drop);

/* What `kiosk --set-pin` does: reads a PIN from `in` (twice, without echo, when it is a
 * terminal), hashes it and writes pin_hash into [session] of site_file (removing a plain
 * pin line), through a temporary file and a rename, keeping the file's owner and mode
 * (0640 for a new file). The PIN is never printed or logged. Returns the exit code. */
int site_set_pin_main(const char *site_file, FILE *in);

/* Playback devices ALSA shows in dev_snd (/dev/snd): the number of pcmC*D*p files. The
 * kiosk looks again now and then, so speakers plugged in after start-up are used. */
int site_playback_devices(const char *dev_snd);

#endif
