# ما يبلّغ عنه Cercle عندما يتحقق المنسّق من استمارة XLSForm أو يستوردها
# (`cercle forms check` و`cercle forms import` وزر الاستيراد). يقرؤه فريق العمل، لا الأطفال.
#
# تبقى الرموز التقنية بالحروف اللاتينية كما هي: أسماء الأوراق والأعمدة (survey وchoices وsettings
# وlabel وlist_name وform_id...)، والأنواع (select_one وbegin_repeat وend_group...)، وyes/no،
# والأسماء بين علامتي اقتباس مفردتين ('q1')، وهي وسائط.

## مشكلة في سطر واحد: درجتها، ومكانها، ورسالتها.

form-problem-line-at = { $severity ->
        [error] خطأ
       *[warning] تنبيه
    }: { $place }: { $message }
form-problem-line-row = { $severity ->
        [error] خطأ
       *[warning] تنبيه
    }: الصف '{ $place }': { $message }
form-problem-line = { $severity ->
        [error] خطأ
       *[warning] تنبيه
    }: { $message }

## المكان في جدول البيانات.

form-problem-location = الورقة '{ $sheet }'، الصف { $row }
form-problem-location-column = { $place }، العمود '{ $column }'
form-problem-location-character = { $place }، الحرف { $character }

## الاستمارة ككل.

form-problem-no-id = ليس للاستمارة معرّف
form-problem-default-language-not-in-form = اللغة الافتراضية '{ $lang }' ليست من لغات الاستمارة
form-problem-name-used = هذا الاسم مستخدم في صف آخر
form-problem-name-invalid = يجب أن يبدأ الاسم بحرف أو بالرمز _ وألا يحتوي إلا على حروف وأرقام والرموز التالية: _ - .
form-problem-no-label-in = لا توجد تسمية باللغة '{ $lang }': تُعرض التسمية باللغة '{ $default }' بدلًا منها
form-problem-row-no-label = ليس للصف تسمية
form-problem-select-needs-list = سؤال الاختيار (select) يحتاج إلى قائمة خيارات
form-problem-list-missing = قائمة الخيارات '{ $list }' غير موجودة
form-problem-list-empty = قائمة الخيارات '{ $list }' فارغة
form-problem-choice-twice = يظهر الخيار '{ $choice }' مرتين في القائمة '{ $list }'
form-problem-choice-space = يحتوي الخيار '{ $choice }' على مسافة، ولا يستطيع select_multiple تخزين ذلك
form-problem-repeat-in-repeat = التكرار داخل تكرار آخر غير مدعوم: انقل التكرار الداخلي إلى خارجه، أو اجعله مجموعة
form-problem-repeat-empty = لا يحتوي التكرار على أي صف
form-problem-min-above-max = الحد الأدنى { $min } أكبر من الحد الأقصى { $max }
form-problem-exact-age = هذا السؤال يطلب العمر الدقيق للطفل: مع الموقع والجنس والتواريخ قد يكشف هويته (القاعدة C1)؛ يسجّل Cercle بدلًا من ذلك الفئة العمرية في بداية كل جلسة
form-problem-identifier = '{ $word }' يبدو معرّفًا مباشرًا: يجب ألا تسأل الاستمارات عن اسم الطفل أو تاريخ ميلاده أو عنوانه أو هاتفه أو موقعه أو صورته (القاعدة C1)

## الأوراق والأعمدة.

form-problem-sheet-ignored = لا يقرأ Cercle الورقة '{ $sheet }': سيتم تجاهلها
form-problem-sheet-lacks-column = لا تحتوي الورقة { $sheet } على العمود '{ $column }'
form-problem-cell-error = تحتوي الخلية على خطأ جدول البيانات { $error } بدلًا من قيمة: صحّح الصيغة أو اكتب القيمة
form-problem-column-ignored = لا يستخدم Cercle العمود '{ $column }': يتم تجاهل خلاياه
form-problem-column-foreign-language = '{ $language }' ليست من لغات Cercle (الإنجليزية، الفرنسية، الإسبانية، العربية): يتم تجاهل العمود '{ $column }'
form-problem-duplicate-column = يحتوي هذا العمود على ما يحتويه العمود { $letter } ('{ $header }'): احتفظ بواحد منهما فقط
form-problem-duplicate-column-described = يحتوي هذا العمود على ما يحتويه العمود { $letter } ('{ $header }') ({ $what }): احتفظ بواحد منهما فقط

## عمود قابل للترجمة. قيمة $lang هي en أو fr أو es أو ar أو none (بلا لاحقة لغة).

form-problem-column-label = { $lang ->
        [en] التسمية باللغة الإنجليزية
        [fr] التسمية باللغة الفرنسية
        [es] التسمية باللغة الإسبانية
        [ar] التسمية باللغة العربية
       *[none] التسمية دون تحديد لغة
    }
form-problem-column-hint = { $lang ->
        [en] التلميح باللغة الإنجليزية
        [fr] التلميح باللغة الفرنسية
        [es] التلميح باللغة الإسبانية
        [ar] التلميح باللغة العربية
       *[none] التلميح دون تحديد لغة
    }
form-problem-column-picture = { $lang ->
        [en] الصورة الخاصة باللغة الإنجليزية
        [fr] الصورة الخاصة باللغة الفرنسية
        [es] الصورة الخاصة باللغة الإسبانية
        [ar] الصورة الخاصة باللغة العربية
       *[none] الصورة دون تحديد لغة
    }
form-problem-column-audio = { $lang ->
        [en] الصوت باللغة الإنجليزية
        [fr] الصوت باللغة الفرنسية
        [es] الصوت باللغة الإسبانية
        [ar] الصوت باللغة العربية
       *[none] الصوت دون تحديد لغة
    }
form-problem-column-required-message = { $lang ->
        [en] رسالة الإجابة الإلزامية باللغة الإنجليزية
        [fr] رسالة الإجابة الإلزامية باللغة الفرنسية
        [es] رسالة الإجابة الإلزامية باللغة الإسبانية
        [ar] رسالة الإجابة الإلزامية باللغة العربية
       *[none] رسالة الإجابة الإلزامية دون تحديد لغة
    }
form-problem-column-constraint-message = { $lang ->
        [en] رسالة القيد باللغة الإنجليزية
        [fr] رسالة القيد باللغة الفرنسية
        [es] رسالة القيد باللغة الإسبانية
        [ar] رسالة القيد باللغة العربية
       *[none] رسالة القيد دون تحديد لغة
    }
form-problem-column-form-title = { $lang ->
        [en] عنوان الاستمارة باللغة الإنجليزية
        [fr] عنوان الاستمارة باللغة الفرنسية
        [es] عنوان الاستمارة باللغة الإسبانية
        [ar] عنوان الاستمارة باللغة العربية
       *[none] عنوان الاستمارة دون تحديد لغة
    }
form-problem-column-named = العمود { $column } دون تحديد لغة
form-problem-column-same = العمود نفسه

## الإعدادات (ورقة settings).

form-problem-no-form-id = لا تحتوي ورقة settings على form_id: سُمّيت الاستمارة '{ $id }' باسم ملفها
form-problem-no-version = لا تحتوي ورقة settings على version: يُستخدم الإصدار '1' (أعطِ كل استمارة معدَّلة إصدارًا جديدًا)
form-problem-settings-extra-row = لا يُقرأ من settings إلا الصف الأول (الصف { $row }): يتم تجاهل هذا الصف
form-problem-form-id-invalid = قيمة form_id '{ $id }' ليست اسمًا صالحًا: يجب أن تبدأ بحرف أو بالرمز _ وألا تحتوي إلا على حروف وأرقام والرموز التالية: _ - .
form-problem-default-language-unknown = اللغة الافتراضية '{ $lang }' ليست من لغات Cercle (الإنجليزية، الفرنسية، الإسبانية، العربية)

## الخيارات.

form-problem-choice-no-list-name = ليس للخيار '{ $choice }' قيمة في list_name: حدّد القائمة التي ينتمي إليها
form-problem-choice-no-name = أحد خيارات القائمة '{ $list }' ليس له اسم (وهو القيمة التي تُخزَّن عند اختياره)
form-problem-choice-duplicate = الخيار '{ $choice }' موجود من قبل في القائمة '{ $list }' في الصف { $first }: يحتاج كل خيار في القائمة إلى اسم خاص به

## الصور والصوت.

form-problem-subject-row = '{ $row }'
form-problem-subject-choice = الخيار '{ $choice }' من القائمة '{ $list }'
form-problem-picture-differs = { $subject }: توجد صورة مختلفة في لغة أخرى؛ يعرض Cercle صورة واحدة في جميع اللغات: تُستخدم '{ $chosen }'
form-problem-picture-missing = '{ $file }' ليس من ملفات الوسائط الخاصة بالاستمارة: لن تُعرض أي صورة، إلا إذا كانت من الصور المدمجة في Cercle
form-problem-audio-missing = '{ $file }' ليس من ملفات الوسائط الخاصة بالاستمارة: لن يُشغَّل أي صوت
form-problem-audio-format = لا يمكن تشغيل '{ $file }': يشغّل Cercle تسجيلات mp3 وwav وogg وflac
form-problem-media-name-clash = يوجد ملفا وسائط مختلفان باسم '{ $file }' ('{ $first }' و'{ $second }'): تشير الاستمارة إلى الوسائط باسم الملف، لذا أعد تسمية أحدهما

## صفوف ورقة survey.

form-problem-survey-empty = لا تحتوي ورقة survey على أي صف: تحتاج الاستمارة إلى سؤال واحد على الأقل
form-problem-row-no-type = ليس للصف نوع
form-problem-named-row-no-type = ليس للصف '{ $row }' نوع
form-problem-row-no-name = ليس للصف '{ $type }' اسم
form-problem-row-name-invalid = '{ $row }' ليس اسمًا صالحًا: يجب أن يبدأ الاسم بحرف أو بالرمز _ وألا يحتوي إلا على حروف وأرقام والرموز التالية: _ - .
form-problem-row-name-taken = الاسم '{ $row }' مستخدم من قبل في الصف { $first }: يحتاج كل صف إلى اسم خاص به
form-problem-metadata-ignored = يتم تجاهل '{ $type }' ({ $row }): لا يجمع Cercle البيانات الوصفية للجهاز (القاعدة C10)
form-problem-row-refused = '{ $row }': { $reason }
form-problem-type-unknown = '{ $type }' ليس نوعًا يعرفه Cercle (راجع أنواع XLSForm المدعومة)
form-problem-select-needs-list-name = يجب أن يأتي بعد '{ $type }' اسم قائمة خيارات، مثل '{ $type } yes_no'
form-problem-or-other = 'or_other' غير مدعوم: أضف خيار 'other' وسؤالًا نصيًا يظهر عند اختياره
form-problem-type-location = أسئلة '{ $type }' مرفوضة: قد يكشف الموقع هوية الطفل (القاعدة C1)
form-problem-type-photo = أسئلة '{ $type }' مرفوضة: قد تكشف الصور ومقاطع الفيديو هوية الطفل (القاعدة C1)
form-problem-type-voice = أسئلة '{ $type }' مرفوضة: قد تكشف تسجيلات الصوت هوية الطفل (القاعدة C1)
form-problem-type-not-supported = أسئلة '{ $type }' غير مدعومة في Cercle
form-problem-nested-too-deep = '{ $row }' متداخل داخل أكثر من { $count ->
        [zero] { $count } مجموعة
        [one] مجموعة واحدة
        [two] مجموعتين
        [few] { $count } مجموعات
        [many] { $count } مجموعة
       *[other] { $count } مجموعة
    }: لا يقرأ Cercle أعمق من ذلك
form-problem-list-not-on-choices = يستخدم '{ $row }' قائمة الخيارات '{ $list }'، وهي غير موجودة في ورقة choices
form-problem-group-never-closed = المجموعة '{ $row }' لم تُغلق: أضف صف 'end_group' بعد آخر سؤال فيها
form-problem-repeat-never-closed = التكرار '{ $row }' لم يُغلق: أضف صف 'end_repeat' بعد آخر سؤال فيه
form-problem-end-without-begin = 'end_{ $word }' دون 'begin_{ $word }' قبله
form-problem-end-closes-group = 'end_{ $word }' يغلق المجموعة '{ $row }' المفتوحة في الصف { $first }: استخدم 'end_{ $open }'
form-problem-end-closes-repeat = 'end_{ $word }' يغلق التكرار '{ $row }' المفتوح في الصف { $first }: استخدم 'end_{ $open }'
form-problem-column-unsupported = يستخدم '{ $row }' العمود '{ $column }'، وهو ميزة من XLSForm لا يدعمها Cercle
form-problem-calculate-empty = ليس لصف calculate '{ $row }' أي عملية حساب (calculation)
form-problem-only-on-calculate = لا يُستخدم '{ $column }' إلا في صفوف calculate و hidden وفي الأسئلة للقراءة فقط: يتم تجاهله في '{ $row }'
form-problem-only-on-select = لا يُستخدم '{ $column }' إلا في صفوف select_one و select_multiple: يتم تجاهله في '{ $row }'
form-problem-only-on-repeat = لا يُستخدم '{ $column }' إلا في صفوف begin_repeat: يتم تجاهله في '{ $row }'
form-problem-appearance-unknown = المظهر '{ $appearance }' في '{ $row }' ليس مما يعرفه Cercle: لا أثر له
form-problem-parameters-ignored = لا تُقرأ المعاملات إلا في أسئلة range: يتم تجاهل '{ $parameters }' في '{ $row }'
form-problem-age-band-unknown = '{ $band }' ليست فئة عمرية: الفئات المتاحة لـ '{ $row }' هي 6-7 و 8-12 و 13-17

## النطاقات (range).

form-problem-range-unreadable = تتعذّر قراءة معاملات '{ $row }' ابتداءً من '{ $at }': اكتبها بالشكل start=1 end=10 step=1
form-problem-range-not-a-number = معامل النطاق { $parameter }={ $value } في '{ $row }' ليس رقمًا
form-problem-range-not-whole = معامل النطاق { $parameter }={ $value } في '{ $row }' يجب أن يكون عددًا صحيحًا
form-problem-range-step = يجب أن تكون خطوة النطاق في '{ $row }' أكبر من 0، لا { $value }
form-problem-range-parameter-unknown = لا يستخدم Cercle معامل النطاق '{ $parameter }' في '{ $row }': يتم تجاهله
form-problem-range-downwards = يبدأ النطاق '{ $row }' من { $start }، وهو أعلى من نهايته { $end }: نطاقات Cercle تصاعدية
form-problem-range-unreachable = لا يمكن للنطاق '{ $row }' من { $start } إلى { $end } أن يبلغ نهايته بخطوات قدرها { $step }

## التعبيرات.

form-problem-expr-of-row = قيمة { $column } في '{ $row }'
form-problem-expr-of-setting = قيمة الإعداد { $column }
form-problem-expr-invalid = { $whose } ليست تعبيرًا صالحًا: { $detail }
form-problem-expr-uses-metadata = { $whose } تستخدم { $reference }، وهو صف بيانات وصفية للجهاز يتجاهله Cercle (القاعدة C10)
form-problem-expr-uses-unknown = { $whose } تستخدم { $reference }، لكن لا يوجد في الاستمارة صف باسم '{ $name }'
form-problem-read-only-expression = كتابة read_only في صورة تعبير غير مدعومة بعد: اكتب yes أو no في '{ $row }'

## ملف لا يمكن قراءته بوصفه XLSForm.

form-import-not-found = { $file }: الملف غير موجود
form-import-io = { $file }: تتعذّر قراءته: { $detail }
form-import-not-a-spreadsheet = { $file }: ليس جدول بيانات .xlsx أو .xls ولا ملف .zip يحتوي على جدول بيانات
form-import-unreadable = { $file }: جدول البيانات تالف ولا يمكن قراءته ({ $detail })
form-import-no-survey-sheet = { $file }: لا يحتوي جدول البيانات على ورقة 'survey'، لذا فهو ليس XLSForm
form-import-no-spreadsheet-in-zip = { $file }: لا يحتوي ملف zip على أي جدول بيانات .xlsx
form-import-several-spreadsheets-in-zip = { $file }: يحتوي ملف zip على عدة جداول بيانات ({ $names }): ضع استمارة واحدة في كل ملف zip
form-import-bad-zip = { $file }: ملف zip تالف ولا يمكن قراءته
form-import-expands = يتجاوز حجم { $file } بعد فكّ ضغطه { $limit } ميغابايت: لذلك رُفض (الملف تالف أو مصمَّم لاستنزاف الجهاز). الاستمارة الحقيقية أصغر بكثير.
form-import-too-large = { $file } كبير جدًا (أكثر من { $limit } ميغابايت)
form-problem-yes-or-no = العمود '{ $column }' في '{ $row }' لا يقبل إلا yes أو no

## قراءة استمارة XForm من ODK (من خادم أو من ملف .xml). قيمة $element اسم عنصر XML، وقيمة $line رقم سطر في الملف.
form-import-xform-not-xml = الملف ليس ملف XML سليم البنية (السطر { $line }): { $detail }
form-import-xform-not-an-xform = ملف XML هذا ليس استمارة XForm من ODK: لا يحتوي على العنصر { $element }
form-import-xform-too-large = حجم استمارة XForm أكبر من { $limit } ميغابايت: لذلك رُفضت
# يسمّي $feature ما لا يستطيع Cercle تشغيله: نوعًا، أو عنصرًا، أو إحدى رسائل form-problem-type-*.
form-problem-xform-unsupported = <{ $element }> في السطر { $line }: { $feature } — لا يستطيع Cercle تشغيل ذلك
form-problem-xform-no-id = ليس لعنصر <{ $element }> في الاستمارة سمة id: لا يستطيع الخادم معرفة الاستمارة التي تنتمي إليها البيانات المُرسَلة
form-problem-xform-no-language = ليس في الاستمارة ترجمة بأي لغة من لغات Cercle (الإنجليزية أو الفرنسية أو الإسبانية أو العربية)
form-problem-xform-foreign-language = استُبعدت الترجمة '{ $language }': يعرض Cercle الاستمارات بالإنجليزية والفرنسية والإسبانية والعربية
form-problem-xform-metadata = '{ $row }' من البيانات الوصفية للجهاز ({ $what }): لا يجمعها Cercle أبدًا (القاعدة C10)، لذا استُبعد
form-problem-xform-control-without-field = يشير <{ $element }> في السطر { $line } إلى '{ $path }'، وهو ليس حقلًا في مثيل الاستمارة (instance)
form-problem-xform-no-instance = الخيارات في السطر { $line } مأخوذة من القائمة '{ $list }'، وهي غير موجودة في الاستمارة
# قيمة $attribute سمة XML (relevant وconstraint وcalculate وjr:count...)؛ وقيمة $detail إحدى رسائل form-problem-xform-expr-*.
form-problem-xform-expression = لا يمكن تشغيل السمة { $attribute } في <{ $element }> في السطر { $line }: { $detail }
form-problem-xform-expr-instance = تبحث عن قيمة في القائمة '{ $what }' (البحث باستخدام instance() غير مدعوم)
form-problem-xform-expr-predicate = في المسار { $what } شرط بين قوسين معقوفين، وهذا ما لا يدعمه Cercle
form-problem-xform-expr-path = '{ $what }' مسار XPath لا يدعمه Cercle
form-problem-xform-expr-variable = '{ $what }' متغيّر XPath لا يدعمه Cercle
form-problem-xform-expr-unknown-path = '{ $what }' ليس حقلًا في هذه الاستمارة
form-problem-xform-expr-syntax = التعبير غير سليم قرب '{ $what }'
form-problem-choice-shows-name = ليس للخيار '{ $choice }' من القائمة '{ $list }' تسمية ولا صورة: سيرى الأطفال اسمه، '{ $choice }'
# قيمة $whose إحدى رسائل form-problem-expr-of-*؛ وقيمة $function اسم دالة من ODK مثل pulldata.
form-problem-function-unsupported = { $whose } تستخدم { $function }()، وهي دالة من ODK لا يدعمها Cercle
form-problem-xform-expr-function = تستخدم { $function }()، وهي دالة من ODK لا يدعمها Cercle
form-problem-xform-media-missing = تستخدم الاستمارة الملف '{ $file }'، لكن الخادم لم يوفّره: لن يُعرض
form-problem-xform-fixed-repeat = للتكرار «{ $row }» (السطر { $line }) عدد ثابت من المرات ولكن دون عدد محدّد: في Cercle يضيفها الطفل واحدة تلو الأخرى
