/* settings: the content folder's kiosk.ini, parsed with inih into one plain struct.
 * Three layers: compiled defaults (settings_defaults), the site's kiosk.ini
 * (settings_load), then command-line flags applied by the app. Core module: no SDL. */
#ifndef SETTINGS_H
#define SETTINGS_H

#include <stdbool.h>

#include "diag.h"
#include "dwell.h"
#include "scan.h"
#include "session.h"

#define SETTINGS_MAX_LANGS 16
#define SETTINGS_STR 128

typedef enum { THEME_CREAM, THEME_YELLOW_ON_BLACK, THEME_WHITE_ON_BLUE, THEME_COUNT } ThemeId;

/* Text size steps: x1, x1.25, x1.5 of the default body size. */
typedef enum { TEXT_NORMAL, TEXT_LARGE, TEXT_LARGEST, TEXT_SIZE_COUNT } TextSize;

/* Speaking speed steps: about 130 / 160 / 200 words a minute. */
typedef enum { RATE_SLOW, RATE_NORMAL, RATE_FAST, RATE_COUNT } SpeechRate;

typedef struct {
	char lang[16];
	char voice[48];
} VoiceChoice;

typedef struct {
	/* [kiosk] */
	char name[SETTINGS_STR];           /* shown on the attract screen and window title */
	char home[SETTINGS_STR];           /* home page file name inside each language folder */
	char languages[SETTINGS_MAX_LANGS][16];
	int language_count;                /* 0: every folder under content/ with pages */
	char default_language[16];
	char images_dir[SETTINGS_STR];     /* relative to the content folder */
	char kiosk_id[64];                 /* site: names this kiosk in usage lines and metrics */
	char content_dir[256];             /* site: the content folder when none is given */
	/* [display] */
	ThemeId theme;
	TextSize text_size;
	double panel_width_mm;             /* 0 = unknown; with viewing_distance_mm checks EN 301 549 5.1.4 */
	double viewing_distance_mm;
	int rotation;                      /* site: 0, 90, 180 or 270 (cage -r, clockwise) */
	/* [audio] (site) */
	char audio_device[128];            /* "" = SDL's default; else an ALSA name like hw:1,0 */
	char audio_driver[32];             /* "" = SDL's choice; alsa, pulse, pipewire */
	int panel_w, panel_h;              /* panel_size = WxH in px; 0 = not named (--check: 1920x1080) */
	/* [speech] */
	bool speech;                       /* the Listen button is there at all */
	bool read_on_open;                 /* read each page when it opens (default off) */
	bool read_alt_text;                /* speak picture descriptions before each row (default off) */
	SpeechRate rate;
	int rate_wpm;                      /* 0: from rate; else words a minute, clamped 80..450 */
	int volume;                        /* percent, 0..100 */
	VoiceChoice voices[SETTINGS_MAX_LANGS]; /* voice.<lang> = eSpeak voice name */
	int voice_count;
	/* [input] */
	int touch_min_ms;         /* ignore touches shorter than this: 0..2000, default 0 */
	int double_press_ms;      /* ignore a second activation of the same target: 0..2000, default 300 */
	int key_repeat_ms;        /* a held key steps at most this often: 0 (no repeat)..5000, default 500 */
	char switch1_keys[SETTINGS_STR]; /* SDL key names, comma separated: "Space" */
	char switch2_keys[SETTINGS_STR]; /* "Return" */
	/* Switch interfaces that are joysticks: button numbers ("0, 2") and axis directions
	 * ("0+, 1-": axis 0 pushed past half way one way, axis 1 the other) per switch. */
	char switch1_buttons[SETTINGS_STR], switch2_buttons[SETTINGS_STR]; /* "0", "1" */
	char switch1_axes[SETTINGS_STR], switch2_axes[SETTINGS_STR];       /* "", "" */
	DwellConfig dwell;        /* dwell_ms (0 = off) and the other dwell_* keys (dwell.h) */
	/* [scan] */
	ScanConfig scan;
	/* [session] idle timeout, warning, staff PIN (never logged) */
	SessionConfig session;
	/* [share] [print] [help]: take the page home, print it, call a person (share.c) */
	char share_base_url[256];          /* where the HTML export is published; "" = no QR code */
	char print_printer[SETTINGS_STR];  /* CUPS queue; "" = no Print button */
	char print_council[SETTINGS_STR];  /* at the foot of a printed page; "" = [kiosk] name */
	char help_webhook[512];            /* POST here when a visitor calls for help; "" = no button */
	char help_place[SETTINGS_STR];     /* "Main library, ground floor"; "" = [kiosk] name */
	char help_page[SETTINGS_STR];      /* the page that gets the button (default ask-for-help.md) */
	/* [usage] */
	bool usage;                        /* write anonymous usage figures (default yes) */
	char usage_file[256];              /* "" = the user's data folder */
	/* [sync] (site): read by kiosk-sync through kiosk --get */
	char sync_source[256];             /* git URL, or rsync source ending in '/' */
	char sync_branch[64];              /* git branch; "" = the repository's default */
	/* [metrics] (site) */
	char metrics_file[256];            /* Prometheus textfile; "" = none */
	/* [contact]: the council's own details on the page "How to get an advocate here"
	 * (contact.h: placeholders like {contact.phone}); "" = not filled in yet */
	char contact_phone[64], contact_email[SETTINGS_STR], contact_hours[SETTINGS_STR];
	char contact_address[256];
} Settings;

void settings_defaults(Settings *s);
/* Reads path over the current values. A missing file is not an error (defaults stay,
 * returns true); an unreadable one returns false. Unknown sections or keys and bad
 * values add a warning naming path:line and keep the previous value. */
bool settings_load(Settings *s, const char *path, DiagList *diags);
/* One setting from outside the file (the --set option): same checks and messages, with
 * `where` naming the source. */
void settings_set(Settings *s, const char *section, const char *key, const char *value,
		  const char *where, DiagList *diags);
/* Text scale for a TextSize: 1.0, 1.25, 1.5. */
double settings_text_scale(TextSize size);
const char *settings_theme_name(ThemeId theme);
/* The kiosk.ini names: "normal", "large", "largest"; "slow", "normal", "fast". */
const char *settings_text_size_name(TextSize size);
const char *settings_rate_name(SpeechRate rate);
/* Words a minute for the speech settings (rate_wpm if set, else the rate step). */
int settings_speech_wpm(const Settings *s);
/* eSpeak NG's rate for "normal": the speed recordings are played at their own pace. */
int settings_normal_wpm(void);
/* The eSpeak voice for a language: voice.<lang> if set, else the language code itself. */
const char *settings_voice(const Settings *s, const char *lang);

#endif
