import ICal

/// Facts about this build, for `--version`.
public enum About {
  /// The libical version the program was built against, e.g. `3.0.16`.
  public static var libicalVersion: String { LibicalVersion.text }
}
