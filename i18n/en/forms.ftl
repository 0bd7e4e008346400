# What Cercle reports when a coordinator checks or imports an XLSForm (`cercle forms check`,
# `cercle forms import`, the import button). Read by coordinators and facilitators, not children.
#
# Keep technical tokens as they are: sheet and column names (survey, choices, settings, label,
# list_name, form_id...), types (select_one, begin_repeat, end_group...), yes/no, and the
# quoted names of rows, lists and files, which are arguments.

## A problem on one line: severity, place, message.
## $severity is error or warning; $place is a location (below) or a row name.

form-problem-line-at = { $severity ->
        [error] error
       *[warning] warning
    }: { $place }: { $message }
form-problem-line-row = { $severity ->
        [error] error
       *[warning] warning
    }: row '{ $place }': { $message }
form-problem-line = { $severity ->
        [error] error
       *[warning] warning
    }: { $message }

## Where in the spreadsheet. $place is what comes before (sheet and row, then column).

form-problem-location = sheet '{ $sheet }', row { $row }
form-problem-location-column = { $place }, column '{ $column }'
form-problem-location-character = { $place }, character { $character }

## The form as a whole (Form::check).

form-problem-no-id = the form has no id
form-problem-default-language-not-in-form = the default language '{ $lang }' is not one of the form's languages
form-problem-name-used = the name is used by another row
form-problem-name-invalid = a name must start with a letter or _ and hold only letters, digits, _, - and .
form-problem-no-label-in = no label in '{ $lang }': the '{ $default }' label is shown instead
form-problem-row-no-label = the row has no label
form-problem-select-needs-list = a select question needs a choice list
form-problem-list-missing = the choice list '{ $list }' does not exist
form-problem-list-empty = the choice list '{ $list }' is empty
form-problem-choice-twice = choice '{ $choice }' appears twice in list '{ $list }'
form-problem-choice-space = choice '{ $choice }' has a space, which select_multiple cannot store
form-problem-repeat-in-repeat = a repeat inside a repeat is not supported: move the inner repeat out, or make it a group
form-problem-repeat-empty = the repeat has no rows
form-problem-min-above-max = min { $min } is above max { $max }
form-problem-exact-age = this asks the child's exact age: with the site, gender and dates it can identify a child (rule C1); Cercle records the age band at the start of each session instead
form-problem-identifier = '{ $word }' looks like a direct identifier: forms must not ask a child's name, birth date, address, phone, location or photo (rule C1)

## Sheets and columns.

form-problem-sheet-ignored = Cercle does not read the sheet '{ $sheet }': it is ignored
form-problem-sheet-lacks-column = the { $sheet } sheet has no '{ $column }' column
form-problem-cell-error = the cell holds the spreadsheet error { $error } instead of a value: fix the formula or type the value
form-problem-column-ignored = Cercle does not use the column '{ $column }': its cells are ignored
form-problem-column-foreign-language = '{ $language }' is not one of Cercle's languages (English, French, Spanish, Arabic): the column '{ $column }' is ignored
form-problem-duplicate-column = this column holds the same thing as column { $letter } ('{ $header }'): keep only one
# $what is one of the form-problem-column-* descriptions below.
form-problem-duplicate-column-described = this column holds the same thing as column { $letter } ('{ $header }') ({ $what }): keep only one

## A translatable column, described. $lang is en, fr, es, ar, or none (no language suffix).

form-problem-column-label = { $lang ->
        [en] the English label
        [fr] the French label
        [es] the Spanish label
        [ar] the Arabic label
       *[none] the label without a language
    }
form-problem-column-hint = { $lang ->
        [en] the English hint
        [fr] the French hint
        [es] the Spanish hint
        [ar] the Arabic hint
       *[none] the hint without a language
    }
form-problem-column-picture = { $lang ->
        [en] the English picture
        [fr] the French picture
        [es] the Spanish picture
        [ar] the Arabic picture
       *[none] the picture without a language
    }
form-problem-column-audio = { $lang ->
        [en] the English audio
        [fr] the French audio
        [es] the Spanish audio
        [ar] the Arabic audio
       *[none] the audio without a language
    }
form-problem-column-required-message = { $lang ->
        [en] the English required message
        [fr] the French required message
        [es] the Spanish required message
        [ar] the Arabic required message
       *[none] the required message without a language
    }
form-problem-column-constraint-message = { $lang ->
        [en] the English constraint message
        [fr] the French constraint message
        [es] the Spanish constraint message
        [ar] the Arabic constraint message
       *[none] the constraint message without a language
    }
form-problem-column-form-title = { $lang ->
        [en] the English form title
        [fr] the French form title
        [es] the Spanish form title
        [ar] the Arabic form title
       *[none] the form title without a language
    }
form-problem-column-named = the { $column } without a language
form-problem-column-same = the same column

## Settings.

form-problem-no-form-id = the settings sheet has no form_id: the form is named '{ $id }' after its file
form-problem-no-version = the settings sheet has no version: version '1' is used (give every changed form a new version)
form-problem-settings-extra-row = only the first row of settings is read (row { $row }): this row is ignored
form-problem-form-id-invalid = the form_id '{ $id }' is not a valid name: it must start with a letter or _ and hold only letters, digits, _, - and .
form-problem-default-language-unknown = the default language '{ $lang }' is not one of Cercle's languages (English, French, Spanish, Arabic)

## Choices.

form-problem-choice-no-list-name = the choice '{ $choice }' has no list_name: say which list it belongs to
form-problem-choice-no-name = a choice of list '{ $list }' has no name (the value stored when it is picked)
form-problem-choice-duplicate = the choice '{ $choice }' is already in list '{ $list }' on row { $first }: each choice of a list needs its own name

## Pictures and audio. $subject is form-problem-subject-row or form-problem-subject-choice.

form-problem-subject-row = '{ $row }'
form-problem-subject-choice = the choice '{ $choice }' of list '{ $list }'
form-problem-picture-differs = { $subject } has a different picture in another language; Cercle shows one picture in every language: '{ $chosen }' is used
form-problem-picture-missing = '{ $file }' is not among the form's media files: unless it is one of Cercle's built-in pictures, no picture will be shown
form-problem-audio-missing = '{ $file }' is not among the form's media files: no audio will play
form-problem-audio-format = '{ $file }' cannot be played: Cercle plays mp3, wav, ogg and flac recordings
form-problem-media-name-clash = two different media files are named '{ $file }' ('{ $first }' and '{ $second }'): a form refers to media by file name, so rename one

## Survey rows.

form-problem-survey-empty = the survey sheet has no rows: a form needs at least one question
form-problem-row-no-type = the row has no type
form-problem-named-row-no-type = the row '{ $row }' has no type
form-problem-row-no-name = the '{ $type }' row has no name
form-problem-row-name-invalid = '{ $row }' is not a valid name: a name must start with a letter or _ and hold only letters, digits, _, - and .
form-problem-row-name-taken = the name '{ $row }' is already used on row { $first }: every row needs its own name
form-problem-metadata-ignored = '{ $type }' ({ $row }) is ignored: Cercle does not collect device metadata (rule C10)
# $reason is one of the form-problem-type-* messages, or form-problem-select-needs-list-name or form-problem-or-other.
form-problem-row-refused = '{ $row }': { $reason }
form-problem-type-unknown = '{ $type }' is not a type Cercle knows (see the supported XLSForm types)
form-problem-select-needs-list-name = '{ $type }' needs the name of a choice list after it, e.g. '{ $type } yes_no'
form-problem-or-other = 'or_other' is not supported: add an 'other' choice and a text question shown when it is picked
form-problem-type-location = '{ $type }' questions are refused: locations can identify a child (rule C1)
form-problem-type-photo = '{ $type }' questions are refused: photos and videos can identify a child (rule C1)
form-problem-type-voice = '{ $type }' questions are refused: voice recordings can identify a child (rule C1)
form-problem-type-not-supported = '{ $type }' questions are not supported by Cercle
form-problem-nested-too-deep = '{ $row }' is nested more than { $count ->
        [one] { $count } group
       *[other] { $count } groups
    } deep: Cercle does not read deeper
form-problem-list-not-on-choices = '{ $row }' uses the choice list '{ $list }', which is not on the choices sheet
form-problem-group-never-closed = the group '{ $row }' is never closed: add an 'end_group' row after its last question
form-problem-repeat-never-closed = the repeat '{ $row }' is never closed: add an 'end_repeat' row after its last question
# $word is group or repeat.
form-problem-end-without-begin = 'end_{ $word }' without a 'begin_{ $word }' before it
# $word is what the row closes (end_$word), $open what was open (group or repeat).
form-problem-end-closes-group = 'end_{ $word }' closes the group '{ $row }' opened on row { $first }: use 'end_{ $open }'
form-problem-end-closes-repeat = 'end_{ $word }' closes the repeat '{ $row }' opened on row { $first }: use 'end_{ $open }'
form-problem-column-unsupported = '{ $row }' uses the column '{ $column }', an XLSForm feature Cercle does not support
form-problem-calculate-empty = the calculate row '{ $row }' has no calculation
form-problem-only-on-calculate = '{ $column }' is only used on calculate and hidden rows, and on read-only questions: it is ignored on '{ $row }'
form-problem-only-on-select = '{ $column }' is only used on select_one and select_multiple rows: it is ignored on '{ $row }'
form-problem-only-on-repeat = '{ $column }' is only used on begin_repeat rows: it is ignored on '{ $row }'
form-problem-appearance-unknown = the appearance '{ $appearance }' of '{ $row }' is not one Cercle knows: it has no effect
form-problem-parameters-ignored = parameters are only read on range questions: '{ $parameters }' of '{ $row }' is ignored
form-problem-age-band-unknown = '{ $band }' is not an age band: '{ $row }' may use 6-7, 8-12 and 13-17

## Ranges.

form-problem-range-unreadable = the parameters of '{ $row }' cannot be read at '{ $at }': write them as start=1 end=10 step=1
form-problem-range-not-a-number = the range parameter { $parameter }={ $value } of '{ $row }' is not a number
form-problem-range-not-whole = the range parameter { $parameter }={ $value } of '{ $row }' must be a whole number
form-problem-range-step = the range step of '{ $row }' must be above 0, not { $value }
form-problem-range-parameter-unknown = the range parameter '{ $parameter }' of '{ $row }' is not used by Cercle: it is ignored
form-problem-range-downwards = the range '{ $row }' starts at { $start }, above its end { $end }: Cercle ranges go upwards
form-problem-range-unreachable = the range '{ $row }' from { $start } to { $end } cannot reach its end in steps of { $step }

## Expressions. $whose is form-problem-expr-of-row or form-problem-expr-of-setting; $column is a
## column header (relevant, constraint...); $reference is ${name} as written in the cell.

form-problem-expr-of-row = the { $column } of '{ $row }'
form-problem-expr-of-setting = the { $column } setting
# $detail is the expression parser's own explanation (in English).
form-problem-expr-invalid = { $whose } is not a valid expression: { $detail }
form-problem-expr-uses-metadata = { $whose } uses { $reference }, a device metadata row that Cercle ignores (rule C10)
form-problem-expr-uses-unknown = { $whose } uses { $reference }, but no row of the form is named '{ $name }'
form-problem-read-only-expression = read_only as an expression is not supported yet: write yes or no for '{ $row }'

## A file that cannot be read as an XLSForm at all. $file is its path;
## $detail comes from the system or the spreadsheet library (in English).

form-import-not-found = { $file }: no such file
form-import-io = { $file }: cannot be read: { $detail }
form-import-not-a-spreadsheet = { $file }: not an .xlsx or .xls spreadsheet, nor a .zip holding one
form-import-unreadable = { $file }: the spreadsheet is damaged and cannot be read ({ $detail })
form-import-no-survey-sheet = { $file }: the spreadsheet has no 'survey' sheet, so it is not an XLSForm
form-import-no-spreadsheet-in-zip = { $file }: the zip holds no .xlsx spreadsheet
form-import-several-spreadsheets-in-zip = { $file }: the zip holds several spreadsheets ({ $names }): put one form per zip
form-import-bad-zip = { $file }: the zip is damaged and cannot be read
form-import-expands = { $file } unpacks to more than { $limit } MB: it is refused (it is damaged, or made to exhaust the device). A real form is far smaller.
form-import-too-large = { $file } is too large (over { $limit } MB)
form-problem-yes-or-no = The '{ $column }' column of '{ $row }' takes yes or no

## Reading an ODK XForm (from a server or a .xml file). $element is an XML element name, $line a line of the file.
form-import-xform-not-xml = The file is not well-formed XML (line { $line }): { $detail }
form-import-xform-not-an-xform = The XML file is not an ODK XForm: it has no { $element } element
form-import-xform-too-large = The XForm is larger than { $limit } MB: it is refused
# $feature names what Cercle cannot run: a type, an element, or one of the form-problem-type-* messages.
form-problem-xform-unsupported = <{ $element }> at line { $line }: { $feature } — Cercle cannot run this
form-problem-xform-no-id = The form's <{ $element }> element has no id attribute: the server cannot tell which form a submission belongs to
form-problem-xform-no-language = The form has no translation in a language Cercle runs (English, French, Spanish or Arabic)
form-problem-xform-foreign-language = The translation '{ $language }' is left out: Cercle runs forms in English, French, Spanish and Arabic
form-problem-xform-metadata = '{ $row }' is device metadata ({ $what }): Cercle never collects it (rule C10), so it is left out
form-problem-xform-control-without-field = <{ $element }> at line { $line } refers to '{ $path }', which is not a field of the form's instance
form-problem-xform-no-instance = The choices at line { $line } come from the list '{ $list }', which the form does not contain
# $attribute is an XML attribute (relevant, constraint, calculate, jr:count...); $detail one of the xform-expression-* messages.
form-problem-xform-expression = The { $attribute } of <{ $element }> at line { $line } cannot be run: { $detail }
form-problem-xform-expr-instance = it looks a value up in the list '{ $what }' (instance() lookups are not supported)
form-problem-xform-expr-predicate = the path { $what } has a condition in brackets, which Cercle does not support
form-problem-xform-expr-path = '{ $what }' is an XPath path Cercle does not support
form-problem-xform-expr-variable = '{ $what }' is an XPath variable, which Cercle does not support
form-problem-xform-expr-unknown-path = '{ $what }' is not a field of this form
form-problem-xform-expr-syntax = the expression is broken near '{ $what }'
form-problem-choice-shows-name = the choice '{ $choice }' of list '{ $list }' has neither a label nor a picture: children will see its name, '{ $choice }'
# $whose is a form-problem-expr-of-* message; $function an ODK function name such as pulldata.
form-problem-function-unsupported = { $whose } uses { $function }(), an ODK function Cercle does not support
form-problem-xform-expr-function = it uses { $function }(), an ODK function Cercle does not support
form-problem-xform-media-missing = The form uses the file '{ $file }', which the server did not provide: it will not be shown
form-problem-xform-fixed-repeat = The repeat '{ $row }' (line { $line }) has a fixed number of instances but no count: in Cercle the child adds them one by one
