/* config: the kiosk's compiled defaults, in one place (dwm's config.def.h). What a site may
 * change lives in kiosk.ini (settings.c, with these as its starting values); what is here is
 * what a build assumes when nothing says otherwise. Plain C, no code. */
#ifndef CONFIG_H
#define CONFIG_H

/* The screen a page is judged and previewed on when none is given: --screenshot, --speak,
 * --check, and a kiosk whose display reports no size. */
#define CONFIG_SCREEN_W 1920
#define CONFIG_SCREEN_H 1080
/* --windowed without --size. */
#define CONFIG_WINDOW_W 1280
#define CONFIG_WINDOW_H 800

/* Speech pace. eSpeak NG's rate setting for slow, normal and fast: measured on the shipped
 * English pages (words on screen / time the voice speaks, pauses between rows left out, see
 * tests/e2e_pace.sh) these give about 110, 130 and 160 words a minute, the pace easy-read
 * guidance asks for (120-150) and a step either side. */
#define CONFIG_RATE_SLOW 97
#define CONFIG_RATE_NORMAL 116
#define CONFIG_RATE_FAST 143
/* The range a site's rate_wpm (and the voice itself) is held to. */
#define CONFIG_WPM_MIN 80
#define CONFIG_WPM_MAX 450

#endif
