/* share: the kiosk's side of "Take it home" and "Call someone to help me": which page gets
 * which button, the page's QR code (qr.c) kept as an SVG file the renderer can draw, and what
 * the help screen says. Printing and the help call itself run in the host (app.c): the
 * controller asks for them as effects. Core module. Start at share_with_buttons. */
#ifndef SHARE_H
#define SHARE_H

#include "kiosk.h"

/* The page to show for p: p itself, or kiosk->share_page (p with its kiosk buttons first). */
ContentPage *share_with_buttons(Kiosk *kiosk, ContentPage *p);
/* The Take it home screen for the page being read, in kiosk->screen_page (and its code). */
void share_take_home(Kiosk *kiosk);
LayoutPage *share_layout(Kiosk *kiosk, const LayoutParams *params);
/* The help screen for the call's state, in kiosk->screen_page. */
void share_help_screen(Kiosk *kiosk);
void share_free(Kiosk *kiosk);

#endif
