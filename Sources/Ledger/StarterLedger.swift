/// The commented ledger `tenterhooks init` writes: a short course in the format that itself
/// parses cleanly (every example is commented out).
package enum StarterLedger {
  /// The file's text.
  package static let text = """
    # Tenterhooks interview ledger — plain text, yours to edit.
    # Lines starting with # are comments; blank lines are ignored.
    # 'tenterhooks check' validates this file; 'tenterhooks log' appends to it.
    #
    # Settings (directives) apply to the whole ledger. To use one, remove the '# '
    # before it and adjust it; the comment above it says what it does. A setting's
    # value is the rest of its line, so keep comments on lines of their own.
    #
    # Your zone (else the computer's):
    # timezone Europe/Berlin
    # Your days off, an .ics file next to this one (may repeat):
    # holidays holidays-de.ics
    # The days off of employers in a zone:
    # holidays America/New_York holidays-us.ics
    # Your working days, a range or a list such as sun,mon,tue,wed,thu:
    # workdays mon-fri
    # When follow-up calls are scheduled, in the employer's time:
    # call-at 10:00
    # Business days to wait before calling when no decision date was agreed:
    # follow-up-after 3
    # Postponements before asking "do you need this job?":
    # reconsider-after 3
    # Undecided calls before suggesting to let it go:
    # give-up-after 3
    # E-mail checks: weekdays, daily, digest (one reminder for all) or off:
    # check-email weekdays
    # Who sees the events' details: private (the default) or public:
    # privacy private
    # The calendar's name, and the domain its event UIDs end in:
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
