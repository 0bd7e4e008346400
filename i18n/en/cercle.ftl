# Cercle interface strings (English). Every key exists in en, fr, es and ar: a test checks it.
# Child-facing strings (child-*) are read by children aged 6 to 17: short, warm, plain words.

app-name = Cercle
app-tagline = Children's voices, safely heard

## Facilitator home
home-forms = Forms
home-start = Start a session
home-unfinished = Unfinished sessions
home-finalised = Finalised sessions
home-resume = Resume
home-review = Review
home-none-unfinished = No unfinished session.
home-none-finalised = No finalised session yet.
home-interface-language = Interface language
home-about = About
home-builtin = Built-in
session-answered = { $count ->
    [one] 1 answer
   *[other] { $count } answers
}
session-code = Code { $code }
session-in-progress = In progress
session-finalised = Finalised

## Starting a session
start-title = New session
start-form = Form
start-language = Language of the session
start-age-band = Age band of the child
start-age-help = Ask the age band only, never the exact age or birth date.
start-begin = Hand the tablet to the child
start-cancel = Cancel
age-band-6-7 = 6 to 7 years
age-band-8-12 = 8 to 12 years
age-band-13-17 = 13 to 17 years

## Child mode
child-next = Next
child-back = Back
child-finish = Finish
child-rather-not-say = I'd rather not say
child-dont-know = I don't know
child-listen = Listen
child-no-sound = This tablet cannot play sound right now. You can ask the grown-up to read it to you.
child-audio-unreadable = This recording cannot be played. You can ask the grown-up to read it to you.
child-talk = I want to talk to someone
child-progress = { $current } of { $total }
child-choose-many = You can choose more than one.
child-type-here = Write here if you want
child-less = Less
child-more = More
child-required = Please choose an answer, or tap "I'd rather not say".
child-out-of-range = Please choose a number from { $min } to { $max }.
child-too-long = That is a bit long. Please make it shorter.
child-not-a-number = Please write a number, like 3 or 2.5.
child-not-a-date = Please write a date like this: 2026-03-15.
child-not-accepted = That answer cannot be used here. Please try another one.
child-thanks-title = Thank you!
child-thanks-body = Your answers help adults understand what children think. Please give the tablet back to the grown-up who gave it to you.
child-help-title = Where to get help
child-help-body = If something worries you or someone hurts you, it is not your fault. You can talk to the grown-up who is here with you today, or to an adult you trust.
child-talk-title = Let's find someone to talk to
child-talk-body = Please give the tablet to the grown-up who is here with you. You are not in trouble, and you can stop at any time.
child-talk-return = Go back to the questions
child-facilitator = For the facilitator
child-repeat-instance = { $label } · { $number }
child-repeat-count = { $count ->
    [0] None added yet.
    [one] You have added one.
   *[other] You have added { $count }.
}
child-repeat-add-first = Add one
child-repeat-add = Add another one
child-repeat-remove = Remove
child-repeat-keep = Keep it
child-repeat-remove-yes = Yes, remove it
child-repeat-done = When you have finished, tap Next.

## Review and finalise
review-title = Review the session
review-summary = { $answered } of { $total } questions answered
review-instance = { $question } ({ $number })
review-finalise = Finalise
review-continue = Back to child mode
review-home = Back to home
review-rather-not-say = Rather not say
review-dont-know = Don't know
review-not-answered = Not answered
review-done = The session is finalised. It stays on this tablet, encrypted, until a coordinator exports it (cercle export); sending to a server is not available yet.

## About
about-title = About Cercle
about-body = Cercle collects children's views offline, in French, English, Spanish and Arabic, and keeps them anonymous. No name, birth date, address, phone number or photo is ever asked.
about-back = Back

## Problems
error-save = The answer could not be saved ({ $detail }). Please call the facilitator; the answers given so far are kept.
error-finalise = The session was not finalised ({ $detail }). Its answers are kept; try again.
error-open = The data could not be opened: { $detail }

## The facilitator's lock (C7, C9)
lock-title-create = Choose the facilitator's passphrase
lock-title-unlock = Enter the passphrase to unlock
lock-title-facilitator = For the facilitator: enter the passphrase
lock-rules = At least 10 characters, with at least 5 different ones. A short sentence is easy to remember and hard to guess.
lock-warning = Write it down and keep it somewhere safe. If it is forgotten, nobody can recover the data on this device.
lock-passphrase = Passphrase
lock-confirm = Passphrase again
lock-submit-create = Set the passphrase
lock-submit-unlock = Unlock
lock-cancel = Back to the child
lock-mismatch = The two passphrases are not the same.
lock-wrong = Wrong passphrase.
lock-wait = Too many attempts. Try again in { $seconds ->
    [one] 1 second.
   *[other] { $seconds } seconds.
}
pass-rule-length = The passphrase needs at least 10 characters.
pass-rule-variety = The passphrase needs at least 5 different characters.
home-lock = Lock

## Consent, assent, limits of confidentiality (C2, C3)
start-consent = The child's guardian has given consent
start-consent-needed = Here, children under { $age } need their guardian's consent. Confirm it before starting.
assent-title = Do you want to answer some questions?
assent-body = You can say no. You can skip any question or stop at any time, and nothing bad will happen.
assent-yes = Yes, I want to take part
assent-no = No, thank you
assent-declined = That's fine. Thank you! Please give the tablet back to the grown-up.
limits-title = What happens to your answers
limits-body = Your answers are private. We never write your name. Grown-ups look at everyone's answers together, not at yours alone. But if you tell us that someone is hurting you, the grown-up may need to tell someone who can help keep you safe.
limits-ok = I understand

## Safeguarding, free text, withdrawal (C5, C6, C12)
review-concern = A safeguarding concern was flagged in this session.
review-add-concern = Flag a concern
review-concern-note = Concern note (kept apart, never exported)
review-referral-title = Referral pathway
review-referral-steps = 1. Stay calm and listen. 2. Do not promise to keep it secret. 3. Tell the site's safeguarding focal point today. 4. Write down only what the child said, in the child's words.
review-freetext-warning = An answer may hold identifying details (a phone number, an e-mail, a long number or a name). Check it and redact before finalising.
review-redact = Redact
review-withdraw = Withdraw this child
home-withdraw = Withdraw a child
withdraw-code = Participant code
withdraw-done = Everything of { $code } was deleted from this device.
withdraw-unknown = No session with code { $code } on this device.

## Importing forms on the device
home-import-where = To add a form, put its XLSForm (.xlsx, or .zip with its pictures) in:
home-import = Import
import-done = Form { $form } imported ({ $warnings ->
    [0] no warnings
    [one] 1 warning
   *[other] { $warnings } warnings
}).
import-refused = { $file } was not imported: { $errors ->
    [one] 1 error:
   *[other] { $errors } errors. The first:
} { $first }

## The facilitator's audit log and passphrase (C9, C13)
home-audit = Audit log
audit-title = Audit log
audit-empty = Nothing recorded yet.
audit-back = Back
pass-change-title = Change the passphrase
pass-change-current = Current passphrase
pass-change-new = New passphrase
pass-change-again = New passphrase again
pass-change-submit = Change the passphrase
pass-change-done = The passphrase was changed and the data re-encrypted.
audit-action-create = Passphrase set
audit-action-unlock = Unlocked
audit-action-lock = Locked
audit-action-start = Session started
audit-action-resume = Session resumed
audit-action-finalise = Session finalised
audit-action-export = Export
audit-action-import = Form imported
audit-action-withdraw = Child withdrawn
audit-action-redact = Answer redacted
audit-action-concern = Concern flagged
audit-action-purge = Data purged after upload
audit-action-site-setting = Site rule changed
audit-action-simulate = Simulated sessions
audit-action-facilitator-check = Left child mode
audit-action-passphrase-change = Passphrase changed

## Site rules (facilitator)
audit-site-rules = Site rules
site-title = Site rules
site-intro = These rules protect the children at this site. Every change is written to the audit log.
site-jurisdiction = Jurisdiction
site-jurisdiction-hint = Where the rules come from; recorded with each guardian consent (for example QC for Quebec).
site-consent_age = Guardian consent under this age
site-consent_age-hint = A guardian must give consent for children younger than this.
site-count_refusals = Count the children who say no
site-count_refusals-hint = Keeps only a number per form and day, nothing else about the child.
site-idle_lock_minutes = Lock after this many idle minutes
site-idle_lock_minutes-hint = The app locks itself when nobody has touched it for this long.
site-retention_days = Days to keep answers after upload
site-retention_days-hint = 0 deletes a session's answers as soon as the server confirms it received them.
site-names = Names to look for in written answers
site-names-hint = Separate them with commas: staff, places, schools. A written answer holding one is flagged before finalising.
site-referral = Referral pathway ({ $language })
site-referral-hint = Who to contact and what to do when a child raises a concern. Only the facilitator sees it.
site-help = Where children can get help ({ $language })
site-help-hint = Shown to every child at the end of the session: a helpline, a trusted service.
site-yes = Yes
site-no = No
site-save = Save the rules
site-back = Back
site-saved = The rules are saved.
site-unchanged = Nothing was changed.
site-invalid = Nothing was saved: correct the rules marked in red.
site-error-consent_age = Enter an age from 0 to 18.
site-error-idle_lock_minutes = Enter a number of minutes from 1 to 120.
site-error-retention_days = Enter a number of days from 0 to 3650.
site-error-count_refusals = Choose yes or no.
site-error-jurisdiction = This value cannot be used.
site-error-names = This value cannot be used.
error-disk-full = The device is full, so nothing more can be saved. Free some space (or copy the data folder elsewhere); nothing already saved is lost.
error-read-only = The data folder cannot be written to (read-only). Everything saved can still be read and exported.
error-damaged = The database file is damaged. Copy the whole data folder somewhere safe and contact your coordinator before doing anything else.
error-busy = The data is busy (another program has it open). Try again in a moment.
error-unknown-form = No form { $form } on this device.
error-no-session = No session is open.
error-file = { $file } could not be written: { $detail }
audit-action-unlock-failed = Failed unlock attempts
audit-action-upload = Session uploaded
import-version-installed = Form { $form } version { $version } is already on this device with other questions or pictures. A changed form needs a new version (the version column of the settings sheet).
start-choose-age-band = Choose the child's age band first.
lock-try-again = You can try again now.
child-handover = Thank you! Please give the tablet to the adult now.
withdraw-ask = Delete everything of { $code } from this device? This cannot be undone. An open safeguarding concern is kept until you close it.
withdraw-confirm = Yes, delete it
withdraw-cancel = Cancel
home-concerns = Safeguarding: open concerns
home-concern-close = Close
concern-child = { $code }: the child asked to talk to someone ({ $date })
concern-facilitator = { $code }: flagged by the facilitator ({ $date })
concern-declined = A child who chose not to take part asked to talk to someone ({ $date })
audit-action-concern-close = Concern closed
child-more-below = There is more below
audit-detail-session = child { $code }
audit-detail-concern-close = { $form }
audit-detail-create = { $front ->
    [cli] on the command line
    [recover] by a recovery
   *[window] in the app
}
audit-detail-unlock = { $front ->
    [cli] on the command line
   *[window] in the app
}
audit-detail-unlock-failed = { $count ->
    [one] 1 wrong passphrase before it
   *[other] { $count } wrong passphrases before it
}
audit-detail-start = child { $code }, form { $form }
audit-detail-import = form { $form }, version { $version }, { $media } media files
audit-detail-site-setting = { $rule }
audit-detail-export = form { $form }: { $count } sessions as { $format }{ $free_text ->
    [yes] , with free text
   *[no] {""}
}
audit-detail-simulate = form { $form }: { $count } sessions
audit-detail-upload = session { $session }
audit-detail-purge = session { $session }
audit-detail-recover = { $saved } sessions saved, { $lost } unreadable
audit-action-recover = Recovered from a damaged file
lock-recover = Save every readable session into a new database
lock-recovered = { $saved } sessions were saved into a new database ({ $lost } could not be read). The damaged file is kept in the folder { $folder }: give it to your coordinator.
