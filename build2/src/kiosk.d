build2/src/kiosk.o: src/kiosk.c src/kiosk.h src/content.h src/diag.h \
 src/settings.h src/dwell.h src/scan.h src/session.h src/glossary.h \
 src/layout.h src/narrate.h src/recording.h src/nav.h src/usage.h \
 src/words.h src/bidi.h src/contact.h src/screens.h src/share.h \
 src/util.h
src/kiosk.h:
src/content.h:
src/diag.h:
src/settings.h:
src/dwell.h:
src/scan.h:
src/session.h:
src/glossary.h:
src/layout.h:
src/narrate.h:
src/recording.h:
src/nav.h:
src/usage.h:
src/words.h:
src/bidi.h:
src/contact.h:
src/screens.h:
src/share.h:
src/util.h:
