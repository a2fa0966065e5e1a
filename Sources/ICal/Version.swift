internal import CLibical

/// The libical this program was built against.
package enum LibicalVersion {
  /// `3.0.16`: major, minor and patch from libical's own header (`icalversion.h`).
  package static var text: String {
    "\(ICAL_MAJOR_VERSION).\(ICAL_MINOR_VERSION).\(ICAL_PATCH_VERSION)"
  }
}
