/* screens: the kiosk's own screens, built as ordinary pages so the same layout, renderer,
 * speech and switch scanning serve them: the attract screen, "Are you still there?", the
 * visitor's settings, the staff menu, the apology for a page that cannot be shown, and the
 * staff PIN pad (a grid, laid out here). Buttons on these pages carry a KioskAction
 * (action.h) instead of a link to a page. Core module: no SDL. */
#ifndef SCREENS_H
#define SCREENS_H

#include "content.h"
#include "layout.h"
#include "settings.h"
#include "words.h"

/* Frees everything a generated page owns, including name and path. */
void screens_page_free(ContentPage *p);

/* Pictures are looked up in images_dir (NULL: no pictures). */
/* The words come from the visitor's language (words.h; English when not translated). */
/* title: the kiosk's name in the visitor's language (the caller chooses). */
void screens_attract(ContentPage *p, const char *title, const Words *w, const char *images_dir);
void screens_warning(ContentPage *p, int seconds_left, const Words *w, const char *images_dir);
void screens_missing(ContentPage *p, const char *name, const Words *w, const char *images_dir);
/* The visitor's settings, each button showing its current value. show_language: more
 * than one language. Text size, speaking speed and volume are pairs of buttons, one for
 * each way (Smaller text | Larger text), marked ContentRow.paired so they share a row. */
void screens_settings(ContentPage *p, const Settings *s, const Words *w, const char *language_name,
		      bool show_language, const char *images_dir);
void screens_staff_menu(ContentPage *p, const char *images_dir);
/* The walk-up question for a pointer that moves but never clicks: choose by keeping the
 * pointer still? Buttons: ACT_DWELL_YES and ACT_DWELL_NO. */
void screens_dwell_offer(ContentPage *p, const Words *w, const char *images_dir);
/* One large button per language, each named in its own language and script: ACT_LANGUAGE
 * with the code as link. title is in the current language; the button of current (a code)
 * has a tick and its name in bold. */
void screens_languages(ContentPage *p, const char *title, const char *const *codes, const char *const *names,
		       size_t count, const char *current, const char *images_dir);
/* The attract screen with the languages: one button each, named in its own script (a
 * visitor who reads no English finds their language before touching anything); a touch on
 * one wakes the kiosk in that language. */
void screens_attract_languages(ContentPage *p, const char *title, const Words *w, const char *const *codes,
			       const char *const *names, size_t count, const char *images_dir);

/* A hard word's explanation, large, with its picture; the row is copied. One press anywhere
 * closes it (the Close button: ACT_CLOSE). */
void screens_glossary_popup(ContentPage *p, const char *word, const ContentRow *row, const Words *w,
			    const char *images_dir);

/* A copy of src with a first row saying the page is shown in another language ("This page is
 * in English"), for a page missing from the visitor's language. */
void screens_page_with_note(ContentPage *p, const ContentPage *src, const char *note, const char *images_dir);

/* Take it home (qr.h lays it out beside the QR code): the page's title, "Point your phone
 * camera here" when there is a code, the status (NULL: none; "Your page is printing"), a
 * "Print this page" button (ACT_PRINT) when there is a printer, and "Back to the page"
 * (ACT_CLOSE). */
void screens_take_home(ContentPage *p, const char *page_title, bool has_code, bool has_printer, const char *status,
		       const Words *w, const char *images_dir);

/* The help call: what is happening (the calling, coming or go-to-the-desk words) and "Back
 * to the page" (ACT_CLOSE). */
void screens_help_call(ContentPage *p, const char *message, const Words *w, const char *images_dir);

/* A copy of src with kiosk buttons first (Call someone to help me, Take this page home):
 * texts[i] does actions[i], with pictures[i] from images_dir. */
void screens_page_with_buttons(ContentPage *p, const ContentPage *src, const char *const *texts,
			       const KioskAction *actions, const char *const *pictures, size_t n,
			       const char *images_dir);

/* The PIN pad: title, a message line ("PIN: ● ● ●", "Wrong PIN", "Locked for 40 seconds"),
 * and a 3x4 grid of buttons 1-9, Delete, 0, OK, with Cancel beside the title: ACT_PIN_DIGIT
 * (the digit as action_arg), ACT_PIN_DELETE, ACT_PIN_OK, ACT_PIN_CANCEL. Owned by the
 * caller (layout_page_destroy). The message must outlive the result. */
LayoutPage *screens_pin_pad(const LayoutParams *params, const char *message);

/* Volume steps a visitor can choose: 3 dB apart, 7 steps = 18 dB of range. */
#define SCREENS_VOLUME_STEPS 7
int screens_volume_percent(int step);
int screens_volume_step(int percent);
/* The speaking speed step a visitor is at: the rate, or the step nearest the site's
 * rate_wpm when it sets one. */
SpeechRate screens_rate_step(const Settings *s);
/* Scan intervals offered on the settings screen, in ms (0.5 s to 15 s). */
int screens_next_scan_interval(int ms);

#endif
