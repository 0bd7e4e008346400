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
review-done = The session is finalised and queued for sending: it stays on this tablet, encrypted, until the server confirms it has it (see Send).

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
review-finalise-confirm = An answer marked in red may still identify the child. Redact it, or tap Finalise again to keep it as it is.
review-withdraw = Withdraw this child
home-withdraw = Withdraw a child
withdraw-code = Participant code
withdraw-done = Everything of { $code } was deleted from this device.
withdraw-unknown = No session with code { $code } on this device.

## Importing forms on the device
home-import-where = To add a form, put its XLSForm (.xlsx or .xls, or .zip with its pictures) in:
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
site-site_name = Site name
site-site_name-hint = The place these sessions come from (a school, a centre, a town): transfer files carry it so the coordinator can tell sites apart. Never a person's name.
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
audit-detail-purge = session { $session }
audit-detail-recover = { $saved } sessions saved, { $lost } unreadable
audit-action-recover = Recovered from a damaged file
lock-recover = Save every readable session into a new database
lock-recovered = { $saved } sessions were saved into a new database ({ $lost } could not be read). The damaged file is kept in the folder { $folder }: give it to your coordinator.

## Upload later: the server, the queue, sending (issue "Upload later")
xform-state-name-taken = The question “{ $name }” cannot be written as an XForm: its state field “{ $name }_state” is already the name of another row. Rename that row.
xform-reserved-name = The row “{ $name }” has a name Cercle keeps for itself in submissions. Rename the row.
server-not-an-address = “{ $address }” is not a web address. Copy the whole address from your server, starting with https://
server-not-https = The address must start with https:// so that nobody on the way can read the children’s answers.
server-central-no-username = An ODK Central app-user address carries its own key: leave the username and password empty.
server-needs-credentials = This server needs both a username and a password.
server-test-ok = The server answers and accepts this tablet’s submissions.
server-test-forms-missing = The server answers, but these forms are not on it yet: { $forms }. Ask your coordinator to publish them (cercle forms xform writes them).
sync-no-server = No server is set yet: set one on the Send screen (or with cercle server set).
sync-cannot-build = A finalised session could not be prepared for sending: { $error }
sync-failure-no-connection = No connection to the server: check the network (Wi-Fi or mobile data) and the server address.
sync-failure-timeout = The server took too long to answer. It will be tried again; nothing is lost or sent twice.
sync-failure-reset = The connection broke while sending. It will be tried again; nothing is lost or sent twice.
sync-failure-tls = A secure connection to the server could not be made. A Wi-Fi network that asks you to log in first can cause this: open a browser and log in, then try again.
sync-failure-busy = The server cannot take it right now (error { $status }). It will be tried again later.
sync-failure-credentials = The server refused the credentials. Check the address (for ODK Central, the app user’s address) or the username and password.
sync-failure-form-not-on-server = This form is not on the server (or this app user may not send to it). Ask your coordinator to publish it and give this tablet access.
sync-failure-not-openrosa = Something other than the server answered: a Wi-Fi network that asks you to log in first, or a wrong address. Log in to the Wi-Fi or check the address.
sync-failure-too-big = This submission is too big for the server ({ $size } KB; it takes at most { $limit } KB). Ask your coordinator to raise the server’s limit.
sync-failure-conflict = The server already holds a different submission with the same ID. Nothing was overwritten: tell your coordinator.
sync-failure-refused = The server refused this submission (error { $status }): { $message }
audit-action-upload = Sent to the server
audit-detail-upload = form { $form }: { $result ->
    [already] was already on the server
    [conflict] conflict
    [rejected] refused
   *[sent] sent
}{ $kind ->
    [withdrawal] {" "}(withdrawal notice)
   *[session] {""}
}
audit-action-sync = Sending
audit-detail-sync = { $sent } sent, { $already } already on the server, { $conflicts } conflicts, { $failed } failed, { $left } left
audit-action-server-set = Server changed
audit-detail-server-set = { $kind ->
    [central] ODK Central
    [kobo] KoboToolbox
    [openrosa] OpenRosa server
   *[none] no server
}
audit-action-requeue = Sending tried again
audit-detail-requeue = submission { $submission }
send-open = Send
send-title = Send to the server
send-server = Server
send-url = Server address
send-url-hint = https://… (the ODK Central app-user address, or your KoboToolbox server)
send-username = Username (KoboToolbox and other servers)
send-password = Password
send-save = Save server
send-test = Test connection
send-testing = Testing the connection…
send-saved = The server is saved.
send-no-server = No server is set yet.
send-now = Send now
send-back = Back
send-empty = Nothing to send: every finalised session is on the server.
send-state-queued = Waiting to be sent
send-state-sending = Sending
send-state-sent = On the server
send-state-conflict = Conflict
send-state-rejected = Refused by the server
send-withdrawal = Withdrawal notice for { $code }
send-last-try = Last try { $when }
send-never-tried = Not tried yet
send-retry = Try again
send-progress = Sending { $done } of { $total }…
send-summary = { $sent } sent, { $already } already on the server, { $conflicts } conflicts, { $failed } failed, { $left } left
send-background = Finalised sessions are sent in the background whenever the app is unlocked and a network is there.

## Transfer files (issue "Coordinator")
transfer-bad-public-key = This is not a coordinator's public key: it is one line starting with age1, from the coordinator's coordinator.pub file.
transfer-bad-private-key = The coordinator's key file cannot be read ({ $detail }): use the coordinator.key file that cercle transfer keygen wrote.
transfer-wrong-passphrase = Wrong passphrase for the coordinator's key.
transfer-wrong-key = This file was not written for this coordinator's key: nothing was imported. Ask the facilitator which public key they used.
transfer-not-a-file = This is not a Cercle transfer file, or it is damaged: nothing was imported. Ask for the file again.
audit-action-transfer-export = Transfer file written
audit-detail-transfer-export = { $sessions } sessions, { $notices } withdrawal notices
audit-action-transfer-import = Transfer file imported
audit-detail-transfer-import = { $new } new, { $already } already here, { $withdrawn } withdrawn

## Coordinator exports (column headers in label mode, answer states, disclosure control)
age-band-6-12 = 6 to 12 years
age-band-6-17 = 6 to 17 years
export-col-key = Key
export-col-form-version = Form version
export-col-language = Language
export-col-age-band = Age band
export-col-site = Site
export-col-started = Started
export-col-finalised = Finalised
export-col-parent-key = Parent key
export-col-index = Number
export-col-count = How many: { $repeat }
export-col-variant = variant
export-col-state = answer state
export-state-answered = Answered
export-state-rather-not-say = I'd rather not say
export-state-dont-know = I don't know
export-state-suppressed = Suppressed
export-flag-chosen = chosen
export-flag-not-chosen = not chosen
export-dc-k = k-anonymity: every combination of { $qis } occurs at least { $k } times.
export-dc-off = k-anonymity is off (k = 1): the coordinator turned it off explicitly.
export-dc-dropped = Left out of the quasi-identifiers by the coordinator: { $names }.
export-dc-recoded = Age bands merged into { $bands }: { $count } sessions.
export-dc-suppressed = { $qi }: { $count } values suppressed.
export-dc-betrayed = { $count } answers hidden because they would give a suppressed value back (age-banded questions, questions that follow from a suppressed answer).
export-dc-withheld = { $count } sessions left out: too few to protect even with every quasi-identifier suppressed.
export-dc-changed = In all, { $count } values changed.
export-dc-free-text-on = Free-text answers included on request, scanned and redacted (C12).
export-dc-free-text-off = Free-text answers left out (C12).
export-dc-minimised = Dates without times of day; no participant codes, device ids, concerns or facilitator notes.
export-sheet-codebook = Codebook
export-sheet-disclosure = Disclosure control
export-codebook-table = Table
export-codebook-column = Column
export-codebook-header = Header
export-codebook-type = Type
export-codebook-text = Question
export-codebook-codes = Codes
report-title = What children told us
report-intro = { $count } children answered this form.
report-protection = To protect children, any number smaller than { $threshold } is hidden (—), and so is any number that would let someone work a hidden one out.
report-all-ages = All ages
report-answered = { $count } children answered this question.
report-answered-multiple = { $count } children answered this question; each could choose more than one answer.
report-hidden-note = Some numbers here are hidden (—) to protect children.
report-suppressed-summary = In all, { $count } numbers were hidden to protect children.
report-footer = Made with Cercle. No names, no exact ages: children are counted by age band only.

## Transfer and the coordinator's workspace (window)
home-results = Results
home-open = Open
home-transfer-details = A file for the coordinator, where there is no server
home-coordinator-details = Import tablets' files, export, report
transfer-title = Transfer to the coordinator
transfer-explain = Writes the finalised sessions not handed over yet, the forms they use and withdrawal notices into one file only the coordinator can open. Concerns and notes never go in it.
transfer-key = The coordinator's public key (age1…)
transfer-where = The file is written in this folder:
transfer-write = Write the transfer file
transfer-written = { $sessions } sessions and { $notices } withdrawal notices written to { $path }
coordinator-title = Coordinator
coordinator-import = Import tablets' transfer files
coordinator-import-explain = Transfer files (.cercle) and the coordinator's key are looked for in these folders:
coordinator-files = Transfer files (separated by ;)
coordinator-key = The coordinator's key file (coordinator.key)
coordinator-passphrase = The key's passphrase
coordinator-import-button = Import
coordinator-imported = { $new } new sessions, { $already } already here, { $withdrawn } withdrawn.
coordinator-no-files = No transfer file: put the tablets' .cercle files in one of the folders above, or type their paths.
coordinator-options = Export settings
coordinator-labels = Headers and answers as:
coordinator-codes = Codes
coordinator-k = k (1 turns k-anonymity off)
coordinator-threshold = Report: hide counts below
coordinator-free-text = Include free text
coordinator-protection = Every export is k-anonymous over age band, site, language and gender; the report hides small counts. What changed is written in each file.
coordinator-forms = Forms
coordinator-form-summary = { $sessions } finalised sessions from { $tablets } tablets
coordinator-report = Report
coordinator-working = Working…
coordinator-exported = { $count } sessions written to { $path }
coordinator-bad-number = k and the threshold are whole numbers, 1 or more.

## Get forms (from ODK Central, KoboToolbox or another OpenRosa server)
get-forms-title = Get forms from the server
home-get-forms-details = Forms the coordinator published on ODK Central or KoboToolbox
get-forms-explain = The forms on the server. New forms and new versions can be got here; older versions stay as long as sessions use them.
get-forms-no-server = No server is set: set it on the Send screen first.
get-forms-asking = Asking the server…
get-forms-downloading = Getting the forms and their pictures…
get-forms-listed = { $count ->
    [one] One form on the server.
   *[other] { $count } forms on the server.
}
get-forms-none-on-server = The server has no form for this device.
get-forms-up-to-date = Every form on the server is here and up to date.
get-forms-got = { $form }: version { $version } is here ({ $media ->
    [one] one picture or recording downloaded
   *[other] { $media } pictures or recordings downloaded
}).
get-forms-not-got = { $form } could not be got: { $reason }
get-forms-get = Get
get-forms-update = Update
get-forms-get-all = Get all new forms
get-forms-refresh = Ask again
get-forms-state-new = new
get-forms-state-update = new version on the server
get-forms-state-installed = here and up to date
get-forms-details = version { $version } · { $state }
get-forms-http = The server answered with error { $status } for { $file }. Try again later, or ask the coordinator.
get-forms-not-a-form-list = The answer is not a list of forms: the address may be wrong, or a Wi-Fi login page is in the way.
get-forms-too-large = { $file } is larger than { $limit } MB: it was not downloaded.
get-forms-hash-mismatch = { $file } did not arrive whole (it differs from what the server announced). Nothing was changed: try again.
get-forms-refused = { $count ->
    [one] The form cannot run in Cercle:
   *[other] The form cannot run in Cercle ({ $count } problems):
}
    { $problems }
get-forms-wrong-form = The server announced the form '{ $expected }' but sent the form '{ $found }'. Nothing was changed.
audit-action-form-download = Form downloaded
audit-detail-form-download = form { $form }, version { $version }: { $fetched } media files downloaded, { $kept } unchanged, { $removed } unused older versions removed
