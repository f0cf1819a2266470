/* contact: the site's own details on the pages. A page can hold placeholders like
 * {contact.phone}; the kiosk fills them in from kiosk.ini's [contact] section (the council's
 * phone, email, opening hours and address: the same values in every language, set once per
 * site). A row whose placeholder is not filled in yet is left out, so visitors never see a
 * placeholder; `kiosk --check` reports it until the council fills it in. Core module: no SDL.
 * Start reading at contact_fill. */
#ifndef CONTACT_H
#define CONTACT_H

#include <stdbool.h>
#include <stddef.h>

#include "narrate.h"
#include "settings.h"

#define CONTACT_PREFIX "{contact."

/* The value kiosk.ini gives for placeholder `key` ("phone"), "" when not set, or NULL when
 * there is no such placeholder. */
const char *contact_value(const Settings *s, const char *key, size_t key_len);

/* A copy of page Markdown text[0..len) with every {contact.KEY} replaced by its value
 * (Markdown punctuation escaped, so a value is shown as written). A paragraph (lines between
 * blank lines) holding a placeholder that is not set, or unknown, becomes blank lines: the
 * row is left out and every other line keeps its number. Returns the new text (caller frees)
 * and its length in *out_len; NULL when the text has no placeholder at all. */
char *contact_fill(const Settings *s, const char *text, size_t len, size_t *out_len);

/* Copies the [contact] details that the settings file at path sets (a site file, like
 * /etc/kiosk/kiosk.ini) over s's. Its other settings, and its problems, are not this
 * module's business: the app reads and reports the whole file. A missing file changes
 * nothing. */
void contact_overlay(Settings *s, const char *path);

/* Adds to a pronunciation list how to say the phone number: digit by digit, a pause between
 * groups ("01632 960000" is said "0 1 6 3 2, 9 6 0 0 0 0", not "nine hundred and sixty
 * thousand"), in the language's own voice. Nothing when no phone number is set. */
void contact_pronounce(const Settings *s, Pronounce *p);

/* Finds the next placeholder at or after text + *pos: true with its byte offset in *at, the
 * whole placeholder's length in *len ("{contact.phone}": 15) and its key; *pos moves past it.
 * An opening "{contact." with no closing "}" on its line is not a placeholder. */
bool contact_next_placeholder(const char *text, size_t text_len, size_t *pos, size_t *at,
                           size_t *len, const char **key, size_t *key_len);

#endif
