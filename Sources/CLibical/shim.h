#ifndef CLIBICAL_SHIM_H
#define CLIBICAL_SHIM_H

#include <libical/ical.h>

// The bindings are written against libical 3.x (Debian 12's 3.0.16, Homebrew's 3.0.x):
// 4.0 renames and removes functions they call. Fail here, with a message, rather than with
// a page of missing symbols.
#if !defined(ICAL_MAJOR_VERSION) || ICAL_MAJOR_VERSION != 3
#error "Tenterhooks needs libical 3.x (apt install libical-dev, or brew install libical)"
#endif

// `icalerrno` is a macro over a thread-local lvalue; Swift cannot import macros
// that expand to expressions, so these wrappers read and reset it.
static inline icalerrorenum CLibical_errno(void) { return icalerrno; }
static inline void CLibical_clear_errno(void) { icalerrno = ICAL_NO_ERROR; }

#endif
