/// The commented ledger `tenterhooks init` writes: a short course in the format that itself
/// parses cleanly (every example is commented out).
package enum StarterLedger {
  /// The file's text.
  package static let text = """
    # Tenterhooks interview ledger — plain text, yours to edit.
    # Lines starting with # are comments; blank lines are ignored.
    # 'tenterhooks check' validates this file; 'tenterhooks log' appends to it.
    #
    # Settings (directives) apply to the whole ledger. Uncomment and adjust:
    #
    # timezone Europe/Berlin         # your zone (else the computer's)
    # holidays holidays-de.ics       # your days off, an .ics file (may repeat)
    # holidays America/New_York holidays-us.ics   # the days off of employers in that zone
    # workdays mon-fri               # a range, or a list such as sun,mon,tue,wed,thu
    # call-at 10:00                  # when follow-up calls are scheduled (employer's time)
    # follow-up-after 3              # business days to wait when no decision date was agreed
    # reconsider-after 3             # postponements before asking "do you need this job?"
    # give-up-after 3                # undecided calls before suggesting to let it go
    # check-email weekdays           # weekdays, daily, digest (one reminder for all) or off
    # privacy private                # private (default) or public: who sees the events' details
    # calendar-name Job search
    # uid-domain tenterhooks.example.com
    #
    # Each entry is a header 'DATE [TIME] VERB ID' (no time means 09:00) with
    # indented 'key: value' lines. The ID names one application; its first
    # 'interview' introduces it. An interview is in the employer's zone (its 'tz'),
    # everything else in yours.
    #
    # 2026-11-24 10:00 interview acme
    #   company: Acme GmbH
    #   role: iOS Engineer
    #   contact: Jane Doe
    #   email: jane@acme.example
    #   decision: 2026-12-01
    #   caller: employer
    #
    # 2026-11-24 19:30 thanked acme
    #
    # 2026-12-02 09:40 called acme
    #   outcome: undecided
    #   decision: 2026-12-08
    #
    # 2026-12-09 offer acme
    #   answer-by: 2026-12-16
    #
    # 2026-12-10 18:00 accepted acme
    #
    # Verbs: interview, agreed, thanked, called, heard, postponed, note,
    #        offer, rejected, withdrew, accepted (these four close an application).
    # Every verb takes 'note: free text'. See docs/ledger.md for all keys.

    """
}
