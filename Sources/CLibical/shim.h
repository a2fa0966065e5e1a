#ifndef CLIBICAL_SHIM_H
#define CLIBICAL_SHIM_H

#include <libical/ical.h>

// `icalerrno` is a macro over a thread-local lvalue; Swift cannot import macros
// that expand to expressions, so these wrappers read and reset it.
static inline icalerrorenum CLibical_errno(void) { return icalerrno; }
static inline void CLibical_clear_errno(void) { icalerrno = ICAL_NO_ERROR; }

#endif
