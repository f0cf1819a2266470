/* settings: kiosk.ini through inih. inih does not tell the handler which line it is on,
 * so we feed it through ini_parse_stream with a reader that counts lines: every
 * diagnostic can then name file:line as authors expect. Start at settings_load. */
#include "settings.h"

#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static const char *const theme_names[THEME_COUNT] = {"cream", "yellow-on-black", "white-on-blue"};
static const char *const text_size_names[TEXT_SIZE_COUNT] = {"normal", "large", "largest"};
static const char *const rate_names[RATE_COUNT] = {"slow", "normal", "fast"};
/* eSpeak NG's rate parameter for slow, normal and fast (measured pace: config.h). */
static const int rate_wpm[RATE_COUNT] = {CONFIG_RATE_SLOW, CONFIG_RATE_NORMAL, CONFIG_RATE_FAST};

void settings_defaults(Settings *s)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", "Easy read information");
	snprintf(s->home, sizeof(s->home), "%s", "home.md");
	snprintf(s->default_language, sizeof(s->default_language), "%s", "en");
	snprintf(s->images_dir, sizeof(s->images_dir), "%s", "../images");
	s->theme = THEME_CREAM;
	s->text_size = TEXT_NORMAL;
	s->speech = true;
	s->rate = RATE_NORMAL;
	s->volume = 80;
	s->double_press_ms = 300;
	s->key_repeat_ms = 500;
	snprintf(s->switch1_keys, sizeof(s->switch1_keys), "%s", "Space");
	snprintf(s->switch2_keys, sizeof(s->switch2_keys), "%s", "Return");
	snprintf(s->switch1_buttons, sizeof(s->switch1_buttons), "%s", "0");
	snprintf(s->switch2_buttons, sizeof(s->switch2_buttons), "%s", "1");
	scan_config_defaults(&s->scan);
	dwell_config_defaults(&s->dwell);
	session_config_defaults(&s->session);
	s->usage = true;
	snprintf(s->help_page, sizeof(s->help_page), "%s", "ask-for-help.md");
}

int settings_normal_wpm(void)
{
	return rate_wpm[RATE_NORMAL];
}

int settings_speech_wpm(const Settings *s)
{
	if (s->rate_wpm > 0)
		return s->rate_wpm < CONFIG_WPM_MIN ? CONFIG_WPM_MIN : s->rate_wpm > CONFIG_WPM_MAX ? CONFIG_WPM_MAX : s->rate_wpm;
	return rate_wpm[s->rate < RATE_COUNT ? s->rate : RATE_NORMAL];
}

const char *settings_voice(const Settings *s, const char *lang)
{
	for (int i = 0; i < s->voice_count; i++)
		if (strcmp(s->voices[i].lang, lang) == 0)
			return s->voices[i].voice;
	return lang;
}

double settings_text_scale(TextSize size)
{
	static const double scale[TEXT_SIZE_COUNT] = {1.0, 1.25, 1.5};
	return size < TEXT_SIZE_COUNT ? scale[size] : 1.0;
}

const char *settings_theme_name(ThemeId theme)
{
	return theme < THEME_COUNT ? theme_names[theme] : "cream";
}

const char *settings_text_size_name(TextSize size)
{
	return size < TEXT_SIZE_COUNT ? text_size_names[size] : "normal";
}

const char *settings_rate_name(SpeechRate rate)
{
	return rate < RATE_COUNT ? rate_names[rate] : "normal";
}

typedef struct {
	Settings *s;
	DiagList *diags;
	const char *path;
	FILE *file;
	int line;
	bool at_line_start; /* the reader's next piece starts a line */
	char **seen;        /* "section.key" of each line read so far (settings_load only) */
	int *seen_line;
	size_t seen_count;
} Parser;

/* inih's reader: like fgets, but counts lines so the handler knows where it is. */
static char *counting_reader(char *str, int num, void *stream)
{
	Parser *p = stream;
	char *r = fgets(str, num, p->file);
	if (!r)
		return r;
	/* inih reads an indented line as more of the value above ("name = x" then "  pin =
	 * 123" would set the name): an indented line is its own line here, so it is read and
	 * reported as what it says, at its own line number. */
	if (p->at_line_start) {
		p->line++;
		size_t skip = strspn(str, " \t");
		if (skip > 0)
			memmove(str, str + skip, strlen(str + skip) + 1);
	}
	size_t n = strlen(str);
	p->at_line_start = n > 0 && str[n - 1] == '\n';
	return r;
}

/* Warns when section.key was set on an earlier line (the last one counts, as before). */
static void note_duplicate(Parser *p, const char *section, const char *key)
{
	char *id = xasprintf("%s.%s", section, key);
	for (size_t i = 0; i < p->seen_count; i++) {
		if (strcmp(p->seen[i], id) == 0) {
			diag_add(p->diags, DIAG_WARNING, p->path, p->line, 0,
				 "'%s' in [%s] is set again (first on line %d): this later line counts",
				 key, section, p->seen_line[i]);
			p->seen_line[i] = p->line;
			free(id);
			return;
		}
	}
	p->seen = xrealloc(p->seen, (p->seen_count + 1) * sizeof(char *));
	p->seen_line = xrealloc(p->seen_line, (p->seen_count + 1) * sizeof(int));
	p->seen[p->seen_count] = id;
	p->seen_line[p->seen_count++] = p->line;
}

static void warn(Parser *p, const char *fmt, const char *a, const char *b)
{
	diag_add(p->diags, DIAG_WARNING, p->path, p->line, 0, fmt, a, b);
}

static bool set_string(Parser *p, char *dst, size_t size, const char *key, const char *value)
{
	if (strlen(value) >= size) {
		warn(p, "value of '%s' is too long, using the default '%s'", key, dst);
		return false;
	}
	snprintf(dst, size, "%s", value);
	return true;
}

static bool set_choice(Parser *p, int *dst, const char *const *names, int count, const char *key,
		       const char *value)
{
	for (int i = 0; i < count; i++) {
		if (strcasecmp(value, names[i]) == 0) {
			*dst = i;
			return true;
		}
	}
	warn(p, "'%s' is not a known value for '%s', using the default", value, key);
	return false;
}

static bool set_number(Parser *p, double *dst, double lo, double hi, const char *key, const char *value)
{
	char *end;
	errno = 0;
	double v = strtod(value, &end);
	if (errno || end == value || *end != '\0' || v < lo || v > hi) {
		char range[64];
		snprintf(range, sizeof(range), "a number from %g to %g", lo, hi);
		diag_add(p->diags, DIAG_WARNING, p->path, p->line, 0,
			 "'%s' for '%s' is not %s, using the default", value, key, range);
		return false;
	}
	*dst = v;
	return true;
}

static bool set_bool(Parser *p, bool *dst, const char *key, const char *value)
{
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(value, yes[i]) == 0) {
			*dst = true;
			return true;
		}
		if (strcasecmp(value, no[i]) == 0) {
			*dst = false;
			return true;
		}
	}
	warn(p, "'%s' for '%s' should be yes or no, using the default", value, key);
	return false;
}

static bool valid_lang_code(const char *code)
{
	size_t n = strlen(code);
	if (n < 2 || n > 15)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)code[i]) && code[i] != '-' && code[i] != '_')
			return false;
	return true;
}

static void set_languages(Parser *p, const char *value)
{
	char buf[512];
	snprintf(buf, sizeof(buf), "%s", value);
	int count = 0;
	for (char *save = NULL, *tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		if (!valid_lang_code(tok)) {
			warn(p, "'%s' is not a language code (like en, pl, ur) in '%s'", tok, "languages");
			continue;
		}
		bool again = false;
		for (int i = 0; i < count; i++)
			again = again || strcmp(p->s->languages[i], tok) == 0;
		if (again) {
			warn(p, "'%s' is listed twice in '%s': once is enough", tok, "languages");
			continue;
		}
		if (count == SETTINGS_MAX_LANGS) {
			warn(p, "too many languages, '%s' and later ones are left out%s", tok, "");
			break;
		}
		snprintf(p->s->languages[count++], sizeof(p->s->languages[0]), "%s", tok);
	}
	p->s->language_count = count;
}

/* A kiosk id goes into every usage line and metric label: letters, digits, '-', '_', '.'. */
static void set_kiosk_id(Parser *p, const char *value)
{
	size_t n = strlen(value);
	bool ok = n > 0 && n < sizeof(p->s->kiosk_id);
	for (size_t i = 0; ok && i < n; i++)
		ok = isalnum((unsigned char)value[i]) || value[i] == '-' || value[i] == '_' || value[i] == '.';
	if (!ok)
		warn(p, "kiosk id '%s' should be 1 to 63 letters, digits, '-', '_' or '.'; %s", value,
		     "it is left out");
	else
		snprintf(p->s->kiosk_id, sizeof(p->s->kiosk_id), "%s", value);
}

/* A page of each language folder, named with or without .md ("ask-for-help"). */
static void set_page_name(Parser *p, char *dst, size_t size, const char *key, const char *value)
{
	size_t n = strlen(value);
	if (!n || !path_is_safe(value) || strchr(value, '/')) {
		warn(p, "page '%s' must be a file inside the language folder, using '%s'", value, dst);
		return;
	}
	if (n > 3 && strcmp(value + n - 3, ".md") == 0) {
		set_string(p, dst, size, key, value);
		return;
	}
	char *name = xasprintf("%s.md", value);
	set_string(p, dst, size, key, name);
	free(name);
}

static int handler(void *user, const char *section, const char *key, const char *value)
{
	Parser *p = user;
	Settings *s = p->s;
	if (p->file)
		note_duplicate(p, section, key);
	if (strcmp(section, "kiosk") == 0) {
		if (strcmp(key, "name") == 0)
			set_string(p, s->name, sizeof(s->name), key, value);
		else if (strcmp(key, "home") == 0) {
			if (!path_is_safe(value))
				warn(p, "home page '%s' must be a file inside the language folder, using '%s'",
				     value, s->home);
			else
				set_string(p, s->home, sizeof(s->home), key, value);
		} else if (strcmp(key, "languages") == 0)
			set_languages(p, value);
		else if (strcmp(key, "default_language") == 0) {
			if (!valid_lang_code(value))
				warn(p, "'%s' is not a language code (like en, pl, ur), using '%s'", value,
				     s->default_language);
			else
				set_string(p, s->default_language, sizeof(s->default_language), key, value);
		} else if (strcmp(key, "images") == 0)
			set_string(p, s->images_dir, sizeof(s->images_dir), key, value);
		else if (strcmp(key, "id") == 0)
			set_kiosk_id(p, value);
		else if (strcmp(key, "content") == 0)
			set_string(p, s->content_dir, sizeof(s->content_dir), key, value);
		else
			warn(p, "unknown setting '%s' in section [%s] is ignored", key, section);
	} else if (strcmp(section, "display") == 0) {
		if (strcmp(key, "theme") == 0) {
			int v = (int)s->theme;
			if (set_choice(p, &v, theme_names, THEME_COUNT, key, value))
				s->theme = (ThemeId)v;
		} else if (strcmp(key, "text_size") == 0) {
			int v = (int)s->text_size;
			if (set_choice(p, &v, text_size_names, TEXT_SIZE_COUNT, key, value))
				s->text_size = (TextSize)v;
		} else if (strcmp(key, "panel_width_mm") == 0)
			set_number(p, &s->panel_width_mm, 0, 10000, key, value);
		else if (strcmp(key, "viewing_distance_mm") == 0)
			set_number(p, &s->viewing_distance_mm, 0, 10000, key, value);
		else if (strcmp(key, "rotation") == 0) {
			if (strcmp(value, "0") == 0 || strcmp(value, "90") == 0 || strcmp(value, "180") == 0 ||
			    strcmp(value, "270") == 0)
				s->rotation = atoi(value);
			else
				warn(p, "rotation '%s' is not 0, 90, 180 or 270, using %s", value, "0");
		} else if (strcmp(key, "panel_size") == 0) {
			/* the panel's pixels, "1366x768": --check lays pages out at this size */
			int w = 0, h = 0;
			char end = 0;
			if (sscanf(value, "%dx%d%c", &w, &h, &end) == 2 && w >= 320 && h >= 320 &&
			    w <= 16384 && h <= 16384) {
				s->panel_w = w;
				s->panel_h = h;
			} else {
				warn(p, "'%s' for '%s' is not a size like 1920x1080, using none",
				     value, key);
			}
		} else
			warn(p, "unknown setting '%s' in section [%s] is ignored", key, section);
	} else if (strcmp(section, "speech") == 0) {
		double number;
		if (strcmp(key, "enabled") == 0)
			set_bool(p, &s->speech, key, value);
		else if (strcmp(key, "read_on_open") == 0)
			set_bool(p, &s->read_on_open, key, value);
		else if (strcmp(key, "read_alt_text") == 0)
			set_bool(p, &s->read_alt_text, key, value);
		else if (strcmp(key, "rate") == 0) {
			int v = (int)s->rate;
			if (set_choice(p, &v, rate_names, RATE_COUNT, key, value))
				s->rate = (SpeechRate)v;
		} else if (strcmp(key, "words_per_minute") == 0) {
			/* eSpeak does not range-check: out of range is a warning and a clamp. */
			if (set_number(p, &number, 0, 100000, key, value)) {
				s->rate_wpm = (int)number;
				if (number < 80 || number > 450)
					diag_add(p->diags, DIAG_WARNING, p->path, p->line, 0,
						 "words_per_minute %s is outside 80 to 450, using %d", value,
						 settings_speech_wpm(s));
			}
		} else if (strcmp(key, "volume") == 0) {
			if (set_number(p, &number, 0, 100, key, value))
				s->volume = (int)number;
		} else if (strncmp(key, "voice.", 6) == 0 && valid_lang_code(key + 6)) {
			VoiceChoice *v = NULL;
			for (int i = 0; i < s->voice_count; i++)
				if (strcmp(s->voices[i].lang, key + 6) == 0)
					v = &s->voices[i];
			if (!v && s->voice_count < SETTINGS_MAX_LANGS)
				v = &s->voices[s->voice_count++];
			if (v) {
				snprintf(v->lang, sizeof(v->lang), "%s", key + 6);
				set_string(p, v->voice, sizeof(v->voice), key, value);
			}
		} else
			warn(p, "unknown setting '%s' in section [%s] is ignored", key, section);
	} else if (strcmp(section, "input") == 0) {
		double number;
		if (strcmp(key, "touch_min_ms") == 0) {
			if (set_number(p, &number, 0, 2000, key, value))
				s->touch_min_ms = (int)number;
		} else if (strcmp(key, "double_press_ms") == 0) {
			if (set_number(p, &number, 0, 2000, key, value))
				s->double_press_ms = (int)number;
		} else if (strcmp(key, "key_repeat_ms") == 0) {
			if (set_number(p, &number, 0, 5000, key, value))
				s->key_repeat_ms = (int)number;
		} else if (strcmp(key, "switch1_keys") == 0)
			set_string(p, s->switch1_keys, sizeof(s->switch1_keys), key, value);
		else if (strcmp(key, "switch2_keys") == 0)
			set_string(p, s->switch2_keys, sizeof(s->switch2_keys), key, value);
		else if (strcmp(key, "switch1_buttons") == 0)
			set_string(p, s->switch1_buttons, sizeof(s->switch1_buttons), key, value);
		else if (strcmp(key, "switch2_buttons") == 0)
			set_string(p, s->switch2_buttons, sizeof(s->switch2_buttons), key, value);
		else if (strcmp(key, "switch1_axes") == 0)
			set_string(p, s->switch1_axes, sizeof(s->switch1_axes), key, value);
		else if (strcmp(key, "switch2_axes") == 0)
			set_string(p, s->switch2_axes, sizeof(s->switch2_axes), key, value);
		else if (dwell_config_key(key)) {
			if (!dwell_config_set(&s->dwell, key, value))
				warn(p, "'%s' is not a value %s takes (whole milliseconds; 0 turns dwell off)", value, key);
		} else
			warn(p, "unknown setting '%s' in section [%s] is ignored", key, section);
	} else if (strcmp(section, "scan") == 0) {
		if (!scan_config_set(&s->scan, key, value))
			warn(p, "'%s' is not a known [scan] setting or '%s' is not a value it takes", key, value);
	} else if (strcmp(section, "session") == 0) {
		/* never echo the value: it may be the staff PIN */
		if (strcmp(key, "pin") == 0 && !session_config_set(&s->session, key, value))
			diag_add(p->diags, DIAG_ERROR, p->path, p->line, 0,
				 "the staff PIN must be 4 to 12 digits (0-9; leave the pin line out for "
				 "no PIN): the staff exit stays closed until this is fixed");
		else if (strcmp(key, "pin") != 0 && !session_config_set(&s->session, key, value))
			warn(p, "'%s' in [%s] is not a known setting or its value is not allowed", key, section);
	} else if (strcmp(section, "usage") == 0) {
		if (strcmp(key, "enabled") == 0)
			set_bool(p, &s->usage, key, value);
		else if (strcmp(key, "file") == 0)
			set_string(p, s->usage_file, sizeof(s->usage_file), key, value);
		else
			warn(p, "unknown setting '%s' in section [%s] is ignored", key, section);
	} else if (strcmp(section, "share") == 0) {
		if (strcmp(key, "base_url") == 0) {
			if (*value && strncmp(value, "https://", 8) != 0 && strncmp(value, "http://", 7) != 0)
				warn(p, "base_url '%s' must start with https:// (or http://): no QR codes%s", value, "");
			else
				set_string(p, s->share_base_url, sizeof(s->share_base_url), key, value);
		} else
			warn(p, "unknown setting '%s' in section [%s] is ignored", key, section);
	} else if (strcmp(section, "print") == 0) {
		if (strcmp(key, "printer") == 0)
			set_string(p, s->print_printer, sizeof(s->print_printer), key, value);
		else if (strcmp(key, "council") == 0)
			set_string(p, s->print_council, sizeof(s->print_council), key, value);
		else
			warn(p, "unknown setting '%s' in section [%s] is ignored", key, section);
	} else if (strcmp(section, "help") == 0) {
		/* never echo the webhook: its address is its password */
		if (strcmp(key, "webhook") == 0) {
			if (*value && strncmp(value, "https://", 8) != 0 && strncmp(value, "http://", 7) != 0)
				warn(p, "the help webhook must start with https:// (or http://): no help button%s%s", "", "");
			else
				set_string(p, s->help_webhook, sizeof(s->help_webhook), key, value);
		} else if (strcmp(key, "place") == 0)
			set_string(p, s->help_place, sizeof(s->help_place), key, value);
		else if (strcmp(key, "page") == 0)
			set_page_name(p, s->help_page, sizeof(s->help_page), key, value);
		else
			warn(p, "unknown setting '%s' in section [%s] is ignored", key, section);
	} else if (strcmp(section, "audio") == 0) {
		if (strcmp(key, "device") == 0)
			set_string(p, s->audio_device, sizeof(s->audio_device), key, value);
		else if (strcmp(key, "driver") == 0)
			set_string(p, s->audio_driver, sizeof(s->audio_driver), key, value);
		else
			warn(p, "unknown setting '%s' in section [%s] is ignored", key, section);
	} else if (strcmp(section, "sync") == 0) {
		if (strcmp(key, "source") == 0)
			set_string(p, s->sync_source, sizeof(s->sync_source), key, value);
		else if (strcmp(key, "branch") == 0)
			set_string(p, s->sync_branch, sizeof(s->sync_branch), key, value);
		else
			warn(p, "unknown setting '%s' in section [%s] is ignored", key, section);
	} else if (strcmp(section, "metrics") == 0) {
		if (strcmp(key, "file") == 0)
			set_string(p, s->metrics_file, sizeof(s->metrics_file), key, value);
		else
			warn(p, "unknown setting '%s' in section [%s] is ignored", key, section);
	} else if (strcmp(section, "contact") == 0) {
		/* shown on the pages as written (contact.c), in every language */
		char *dst = strcmp(key, "phone") == 0     ? s->contact_phone
			    : strcmp(key, "email") == 0   ? s->contact_email
			    : strcmp(key, "hours") == 0   ? s->contact_hours
			    : strcmp(key, "address") == 0 ? s->contact_address
							  : NULL;
		size_t size = dst == s->contact_phone	  ? sizeof(s->contact_phone)
			      : dst == s->contact_address ? sizeof(s->contact_address)
							  : SETTINGS_STR;
		if (!dst)
			warn(p, "unknown setting '%s' in section [%s] is ignored", key, section);
		else if (!utf8_valid(value, strlen(value), NULL))
			warn(p, "'%s' in [%s] is not UTF-8 text and is ignored", key, section);
		else
			set_string(p, dst, size, key, value);
	} else if (strcmp(section, "check") == 0) {
		/* read by the content checker (check.c), which reports its own problems */
	} else {
		warn(p, "unknown section [%s] (setting '%s' is ignored)", section, key);
	}
	return 1; /* keep going: one bad line must not hide the rest */
}

void settings_set(Settings *s, const char *section, const char *key, const char *value,
		  const char *where, DiagList *diags)
{
	Parser p = {.s = s, .diags = diags, .path = where, .file = NULL, .line = 0};
	handler(&p, section, key, value);
}

bool settings_load(Settings *s, const char *path, DiagList *diags)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return true;
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read settings: %s", strerror(errno));
		return false;
	}
	Parser p = {.s = s, .diags = diags, .path = path, .file = f, .line = 0, .at_line_start = true};
	int rc = ini_parse_stream(counting_reader, &p, handler, &p);
	fclose(f);
	for (size_t i = 0; i < p.seen_count; i++)
		free(p.seen[i]);
	free(p.seen);
	free(p.seen_line);
	if (rc > 0) {
		/* inih reports the first line it could not parse, e.g. a missing '=' or ']'. */
		diag_add(diags, DIAG_WARNING, path, rc, 0,
			 "this line is not 'key = value' or '[section]' and is ignored");
	}
	if (s->language_count > 0) {
		bool found = false;
		for (int i = 0; i < s->language_count; i++)
			if (strcmp(s->languages[i], s->default_language) == 0)
				found = true;
		if (!found)
			diag_add(diags, DIAG_WARNING, path, 0, 0,
				 "default_language '%s' is not in languages, using '%s'",
				 s->default_language, s->languages[0]);
		if (!found)
			snprintf(s->default_language, sizeof(s->default_language), "%s", s->languages[0]);
	}
	return true;
}
