import ICal

/// Facts about this build, for `--version`.
package enum About {
  /// The libical version the program was built against, e.g. `3.0.16`.
  package static var libicalVersion: String { LibicalVersion.text }
}
