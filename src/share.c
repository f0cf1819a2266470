/* share: the kiosk's side of "Take it home" and "Call someone to help me" (share.h). The
 * pieces live in their own modules (qr.c: the code and its screen; print.c: the handout,
 * printed by the host; helpcall.c: the webhook, called by the host). Core module. */
#include "share.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "export.h"
#include "helpcall.h"
#include "qr.h"
#include "screens.h"
#include "util.h"

static bool can_share(const Kiosk *kiosk)
{
	return kiosk->settings.share_base_url[0] || kiosk->settings.print_printer[0];
}

ContentPage *share_with_buttons(Kiosk *kiosk, ContentPage *p)
{
	const char *texts[2], *pictures[2];
	KioskAction actions[2];
	size_t n = 0;
	if (p == &kiosk->glossary_page || p == &kiosk->fallback_page)
		return p;
	if (kiosk->host.help_call && strcmp(p->name, kiosk->settings.help_page) == 0) {
		texts[n] = kiosk->words.help_call;
		actions[n] = ACT_HELP_CALL;
		pictures[n++] = "service-bell.svg";
	}
	if (can_share(kiosk)) {
		texts[n] = kiosk->words.take_home;
		actions[n] = ACT_TAKE_HOME;
		pictures[n++] = "page.svg";
	}
	if (n == 0)
		return p;
	screens_page_with_buttons(&kiosk->share_page, p, texts, actions, pictures, n, kiosk->content->images_dir);
	return &kiosk->share_page;
}

/* The code's SVG is cached by address: the same address is the same file, so the renderer's
 * picture cache (keyed by path) never shows a stale code. */
static bool write_svg(Kiosk *kiosk, const QrCode *qr)
{
	const char *run = getenv("XDG_RUNTIME_DIR");
	char *dir = run && *run ? xasprintf("%s/easyread-kiosk-qr", run)
				: xasprintf("/tmp/easyread-kiosk-qr-%ld", (long)getuid());
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		log_error("cannot make the folder %s for QR codes: %s", dir, strerror(errno));
		free(dir);
		return false;
	}
	uint32_t h = 2166136261u;
	for (const char *c = kiosk->qr_url; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	snprintf(kiosk->qr_svg, sizeof(kiosk->qr_svg), "%s/%08x-%d.svg", dir, (unsigned)h, qr->size);
	free(dir);
	if (path_is_file(kiosk->qr_svg))
		return true;
	char *svg = qr_svg(qr);
	char *tmp = xasprintf("%s.tmp", kiosk->qr_svg);
	FILE *f = fopen(tmp, "w");
	bool ok = f && fputs(svg, f) >= 0;
	if (f && fclose(f) != 0)
		ok = false;
	if (ok && rename(tmp, kiosk->qr_svg) != 0)
		ok = false;
	if (!ok)
		log_error("cannot write the QR code %s: %s", kiosk->qr_svg, strerror(errno));
	free(tmp);
	free(svg);
	return ok;
}

void share_take_home(Kiosk *kiosk)
{
	const char *name = kiosk->nav.current.page;
	ContentPage *page = kiosk_reading_page(kiosk);
	kiosk->qr_modules = 0;
	kiosk->qr_url[0] = '\0';
	if (kiosk->settings.share_base_url[0] && page) {
		char *path = export_page_path(kiosk->content, kiosk->lang, name);
		char *url = qr_page_url(kiosk->settings.share_base_url, path);
		snprintf(kiosk->qr_url, sizeof(kiosk->qr_url), "%s", url);
		free(path);
		free(url);
		QrCode *qr = qr_create(kiosk->qr_url);
		if (qr && write_svg(kiosk, qr))
			kiosk->qr_modules = qr->size;
		qr_destroy(qr);
		log_info("take it home: %s", kiosk->qr_url);
		if (kiosk->qr_modules)
			usage_take_away(kiosk->host.usage, (uint64_t)time(NULL), USAGE_QR_VIEW, kiosk->lang->code, name,
					true);
	}
	screens_take_home(&kiosk->screen_page, page && page->title ? page->title : kiosk->words.take_home,
			  kiosk->qr_modules > 0, kiosk->settings.print_printer[0] != '\0', kiosk->share_status, &kiosk->words,
			  kiosk->content->images_dir);
}

LayoutPage *share_layout(Kiosk *kiosk, const LayoutParams *params)
{
	return qr_screen(kiosk->page, params, kiosk->qr_modules, kiosk->qr_modules ? kiosk->qr_svg : NULL,
			 &kiosk->qr_module_px);
}

void share_help_screen(Kiosk *kiosk)
{
	HelpState s = (HelpState)kiosk->help_state;
	const char *msg = s == HELP_COMING ? kiosk->words.help_coming
			  : s == HELP_CALLING ? kiosk->words.help_calling
					      : kiosk->words.help_desk;
	screens_help_call(&kiosk->screen_page, msg, &kiosk->words, kiosk->content->images_dir);
}

void share_free(Kiosk *kiosk)
{
	screens_page_free(&kiosk->share_page);
}
