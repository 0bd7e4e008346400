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
child-talk = I want to talk to someone
child-progress = { $current } of { $total }
child-choose-many = You can choose more than one.
child-type-here = Write here if you want
child-less = Less
child-more = More
child-required = Please choose an answer, or tap "I'd rather not say".
child-out-of-range = Please choose a number from { $min } to { $max }.
child-too-long = That is a bit long. Please make it shorter.
child-not-accepted = That answer cannot be used here. Please try another one.
child-thanks-title = Thank you!
child-thanks-body = Your answers help adults understand what children think. Please give the tablet back to the grown-up who gave it to you.
child-help-title = Where to get help
child-help-body = If something worries you or someone hurts you, it is not your fault. You can talk to the grown-up who is here with you today, or to an adult you trust.
child-talk-title = Let's find someone to talk to
child-talk-body = Please give the tablet to the grown-up who is here with you. You are not in trouble, and you can stop at any time.
child-talk-return = Go back to the questions
child-facilitator = For the facilitator

## Review and finalise
review-title = Review the session
review-summary = { $answered } of { $total } questions answered
review-finalise = Finalise
review-continue = Back to child mode
review-home = Back to home
review-rather-not-say = Rather not say
review-dont-know = Don't know
review-not-answered = Not answered
review-done = The session is finalised and waits to be sent.

## About
about-title = About Cercle
about-body = Cercle collects children's views offline, in French, English, Spanish and Arabic, and keeps them anonymous. No name, birth date, address, phone number or photo is ever asked.
about-back = Back

## Problems
error-save = The answer could not be saved ({ $detail }). Please call the facilitator; the answers given so far are kept.
error-open = The data could not be opened: { $detail }
