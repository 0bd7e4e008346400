# Cercle interface strings (Arabic, Modern Standard Arabic). Every key exists in en, fr, es and ar: a test checks it.
# Child-facing strings (child-*) are read by children aged 6 to 17: short, warm, plain words.

app-name = Cercle
app-tagline = أصوات الأطفال تُسمَع بأمان

## Facilitator home
home-forms = الاستمارات
home-start = بدء جلسة
home-unfinished = الجلسات غير المكتملة
home-finalised = الجلسات المُنجَزة
home-resume = متابعة
home-review = مراجعة
home-none-unfinished = لا توجد جلسات غير مكتملة.
home-none-finalised = لا توجد جلسات مُنجَزة بعد.
home-interface-language = لغة الواجهة
home-about = حول التطبيق
home-builtin = مُدمَج
session-answered = { $count ->
    [zero] لا توجد إجابات
    [one] إجابة واحدة
    [two] إجابتان
    [few] { $count } إجابات
    [many] { $count } إجابة
   *[other] { $count } إجابة
}
session-code = الرمز { $code }
session-in-progress = قيد التنفيذ
session-finalised = مُنجَزة

## Starting a session
start-title = جلسة جديدة
start-form = الاستمارة
start-language = لغة الجلسة
start-age-band = الفئة العمرية للطفل
start-age-help = اسأل عن الفئة العمرية فقط، ولا تسأل أبدًا عن العمر الدقيق أو تاريخ الميلاد.
start-begin = تسليم الجهاز للطفل
start-cancel = إلغاء
age-band-6-7 = من 6 إلى 7 سنوات
age-band-8-12 = من 8 إلى 12 سنة
age-band-13-17 = من 13 إلى 17 سنة

## Child mode
child-next = التالي
child-back = السابق
child-finish = إنهاء
child-rather-not-say = أفضّل ألّا أجيب
child-dont-know = لا أعرف
child-listen = استمع
child-no-sound = لا يستطيع هذا الجهاز تشغيل الصوت الآن. يمكنك أن تطلب من الشخص الكبير أن يقرأه لك.
child-audio-unreadable = لا يمكن تشغيل هذا التسجيل. يمكنك أن تطلب من الشخص الكبير أن يقرأه لك.
child-talk = أريد أن أتكلم مع أحد
child-progress = { $current } من { $total }
child-choose-many = يمكنك اختيار أكثر من إجابة.
child-type-here = يمكنك الكتابة هنا إن أردت
child-less = أقل
child-more = أكثر
child-required = من فضلك اختر إجابة، أو اضغط على «أفضّل ألّا أجيب».
child-out-of-range = من فضلك اختر رقمًا من { $min } إلى { $max }.
child-too-long = هذا طويل قليلًا. هل يمكنك أن تجعله أقصر؟
child-not-a-number = من فضلك اكتب رقمًا، مثل 3 أو 2.5.
child-not-a-date = من فضلك اكتب التاريخ هكذا: 2026-03-15.
child-not-accepted = لا يمكن استخدام هذه الإجابة هنا. جرّب إجابة أخرى من فضلك.
child-thanks-title = شكرًا لك!
child-thanks-body = إجاباتك تساعد الكبار على فهم ما يفكر فيه الأطفال. من فضلك أعِد الجهاز اللوحي إلى الشخص الكبير الذي أعطاك إياه.
child-help-title = أين أجد المساعدة
child-help-body = إذا كان شيء ما يقلقك أو آذاك أحد، فهذا ليس ذنبك. يمكنك أن تتكلم مع الشخص الكبير الموجود معك اليوم، أو مع شخص كبير تثق به.
child-talk-title = لنجد شخصًا تتكلم معه
child-talk-body = من فضلك أعطِ الجهاز اللوحي للشخص الكبير الموجود معك. أنت لم تفعل شيئًا خاطئًا، ويمكنك التوقف متى شئت.
child-talk-return = العودة إلى الأسئلة
child-facilitator = للميسِّر
child-repeat-instance = { $label } · { $number }
child-repeat-count = { $count ->
    [0] لم تُضِف أي واحد بعد.
    [one] أضفت واحدًا.
    [two] أضفت اثنين.
   *[other] أضفت { $count }.
}
child-repeat-add-first = أضِف واحدًا
child-repeat-add = أضِف واحدًا آخر
child-repeat-remove = احذف
child-repeat-keep = أبقِه
child-repeat-remove-yes = نعم، احذفه
child-repeat-done = عندما تنتهي، اضغط «التالي».

## Review and finalise
review-title = مراجعة الجلسة
review-summary = الأسئلة المُجاب عنها: { $answered } من { $total }
review-instance = { $question } ({ $number })
review-finalise = إنهاء الجلسة
review-continue = العودة إلى وضع الطفل
review-home = العودة إلى الرئيسية
review-rather-not-say = فضّل ألّا يجيب
review-dont-know = لا يعرف
review-not-answered = بلا إجابة
review-done = الجلسة مُنجَزة وفي قائمة الإرسال: تبقى على هذا الجهاز اللوحي مشفّرة إلى أن يؤكّد الخادم استلامها (انظر إرسال).

## About
about-title = حول تطبيق سيركل
about-body = يجمع تطبيق سيركل آراء الأطفال دون اتصال بالإنترنت، بالفرنسية والإنجليزية والإسبانية والعربية، ويُبقيها مجهولة الهوية. لا يُطلب أبدًا الاسم أو تاريخ الميلاد أو العنوان أو رقم الهاتف أو أي صورة.
about-back = رجوع

## Problems
error-save = تعذّر حفظ الإجابة ({ $detail }). من فضلك نادِ الميسِّر؛ الإجابات السابقة محفوظة.
error-finalise = لم تُنهَ الجلسة ({ $detail }). إجاباتها محفوظة؛ حاول مرة أخرى.
error-open = تعذّر فتح البيانات: { $detail }

## The facilitator's lock (C7, C9)
lock-title-create = اختر عبارة المرور الخاصة بالميسِّر
lock-title-unlock = أدخل عبارة المرور لفتح القفل
lock-title-facilitator = للميسِّر: أدخل عبارة المرور
lock-rules = 10 أحرف على الأقل، منها 5 أحرف مختلفة على الأقل. الجملة القصيرة سهلة الحفظ وصعبة التخمين.
lock-warning = اكتبها واحفظها في مكان آمن. إذا نُسيت، فلن يتمكن أحد من استعادة البيانات الموجودة على هذا الجهاز.
lock-passphrase = عبارة المرور
lock-confirm = تأكيد عبارة المرور
lock-submit-create = تعيين عبارة المرور
lock-submit-unlock = فتح القفل
lock-cancel = العودة إلى وضع الطفل
lock-mismatch = عبارتا المرور غير متطابقتين.
lock-wrong = عبارة المرور غير صحيحة.
lock-wait = { $seconds ->
    [one] محاولات كثيرة جدًا. حاول مرة أخرى بعد ثانية واحدة.
    [two] محاولات كثيرة جدًا. حاول مرة أخرى بعد ثانيتين.
    [few] محاولات كثيرة جدًا. حاول مرة أخرى بعد { $seconds } ثوانٍ.
   *[other] محاولات كثيرة جدًا. حاول مرة أخرى بعد { $seconds } ثانية.
}
pass-rule-length = يجب أن تتكون عبارة المرور من 10 أحرف على الأقل.
pass-rule-variety = يجب أن تحتوي عبارة المرور على 5 أحرف مختلفة على الأقل.
home-lock = قفل

## Consent, assent, limits of confidentiality (C2, C3)
start-consent = أعطى وليّ أمر الطفل موافقته
start-consent-needed = هنا، يحتاج الأطفال دون سن { $age } إلى موافقة أولياء أمورهم. أكِّد ذلك قبل البدء.
assent-title = هل تريد أن تجيب عن بعض الأسئلة؟
assent-body = يمكنك أن تقول «لا». يمكنك أن تترك أي سؤال أو تتوقف متى شئت، ولن يحدث أي شيء سيئ.
assent-yes = نعم، أريد أن أشارك
assent-no = لا، شكرًا
assent-declined = لا بأس. شكرًا لك! من فضلك أعِد الجهاز اللوحي إلى الشخص الكبير.
limits-title = ماذا سيحدث لإجاباتك؟
limits-body = إجاباتك خاصة. لا نكتب اسمك أبدًا. ينظر الكبار إلى إجابات جميع الأطفال معًا، لا إلى إجاباتك وحدها. لكن إذا أخبرتنا أن أحدًا يؤذيك، فقد يحتاج الشخص الكبير إلى أن يخبر شخصًا يستطيع أن يساعد على حمايتك.
limits-ok = فهمت

## Safeguarding, free text, withdrawal (C5, C6, C12)
review-concern = سُجِّلت مخاوف تتعلق بحماية الطفل في هذه الجلسة.
review-add-concern = تسجيل مخاوف
review-concern-note = ملاحظة حول المخاوف (تُحفَظ منفصلة ولا تُصدَّر أبدًا)
review-referral-title = مسار الإحالة
review-referral-steps = 1. حافظ على هدوئك واستمع. 2. لا تَعِد بإبقاء الأمر سرًّا. 3. أبلغ اليوم نفسه نقطة الاتصال المعنية بالحماية في الموقع. 4. اكتب فقط ما قاله الطفل، بكلماته هو.
review-freetext-warning = قد تحتوي إحدى الإجابات على معلومات تكشف الهوية (رقم هاتف، أو بريد إلكتروني، أو رقم طويل، أو اسم). راجِعها واحجب هذه المعلومات قبل إنهاء الجلسة.
review-redact = حجب
review-finalise-confirm = قد تكشف إجابة مميّزة باللون الأحمر هوية الطفل. احجبها، أو اضغط «إنهاء الجلسة» مرة أخرى لإبقائها كما هي.
review-withdraw = سحب مشاركة هذا الطفل
home-withdraw = سحب مشاركة طفل
withdraw-code = رمز المشارك
withdraw-done = حُذفت جميع بيانات { $code } من هذا الجهاز.
withdraw-unknown = لا توجد جلسة بالرمز { $code } على هذا الجهاز.

## Importing forms on the device
home-import-where = لإضافة استمارة، ضع ملفها (جدول إكسل، أو ملفًا مضغوطًا مع صورها) في:
home-import = استيراد
import-done = تم استيراد الاستمارة { $form } ({ $warnings ->
    [0] بلا تنبيهات
    [one] تنبيه واحد
    [two] تنبيهان
   *[other] عدد التنبيهات: { $warnings }
}).
import-refused = لم يُستورد الملف { $file }: { $errors ->
    [one] خطأ واحد:
    [two] خطآن، أولهما:
   *[other] عدد الأخطاء { $errors }، أولها:
} { $first }

## The facilitator's audit log and passphrase (C9, C13)
home-audit = سجل التدقيق
audit-title = سجل التدقيق
audit-empty = لم يُسجَّل شيء بعد.
audit-back = رجوع
pass-change-title = تغيير عبارة المرور
pass-change-current = عبارة المرور الحالية
pass-change-new = عبارة المرور الجديدة
pass-change-again = عبارة المرور الجديدة مرة أخرى
pass-change-submit = تغيير عبارة المرور
pass-change-done = تم تغيير عبارة المرور وإعادة تشفير البيانات.
audit-action-create = تعيين عبارة المرور
audit-action-unlock = فتح القفل
audit-action-lock = القفل
audit-action-start = بدء جلسة
audit-action-resume = استئناف جلسة
audit-action-finalise = إنهاء جلسة
audit-action-export = تصدير
audit-action-import = استيراد استمارة
audit-action-withdraw = سحب مشاركة طفل
audit-action-redact = حجب جزء من إجابة
audit-action-concern = الإبلاغ عن قلق
audit-action-purge = حذف البيانات بعد الإرسال
audit-action-site-setting = تغيير قاعدة الموقع
audit-action-simulate = جلسات محاكاة
audit-action-facilitator-check = الخروج من وضع الطفل
audit-action-passphrase-change = تغيير عبارة المرور

## قواعد الموقع (الميسِّر)
audit-site-rules = قواعد الموقع
site-title = قواعد الموقع
site-intro = تحمي هذه القواعد الأطفال في هذا الموقع. يُسجَّل كل تغيير في سجل التدقيق.
site-jurisdiction = الولاية القضائية
site-jurisdiction-hint = مصدر القواعد؛ يُسجَّل مع كل موافقة من وليّ الأمر (مثلًا QC لكيبيك).
site-consent_age = موافقة وليّ الأمر تحت هذا العمر
site-consent_age-hint = يجب أن يوافق وليّ الأمر على مشاركة الأطفال الأصغر من هذا العمر.
site-count_refusals = عدّ الأطفال الذين يرفضون
site-count_refusals-hint = يُحفَظ عدد فقط لكل استمارة ويوم، ولا شيء آخر عن الطفل.
site-idle_lock_minutes = القفل بعد هذا العدد من دقائق عدم الاستخدام
site-idle_lock_minutes-hint = يُقفَل التطبيق تلقائيًا إذا لم يلمسه أحد طوال هذه المدة.
site-retention_days = أيام الاحتفاظ بالإجابات بعد الإرسال
site-retention_days-hint = 0 يعني حذف إجابات الجلسة فور تأكيد الخادم استلامها.
site-site_name = اسم الموقع
site-site_name-hint = المكان الذي تأتي منه هذه الجلسات (مدرسة، مركز، مدينة): تحمله ملفات النقل ليميّز المنسّق بين المواقع. لا يُكتب فيه اسم شخص أبدًا.
site-names = أسماء يُبحث عنها في الإجابات المكتوبة
site-names-hint = افصل بينها بفواصل: العاملون، الأماكن، المدارس. تُعلَّم الإجابة المكتوبة التي تحتوي أحدها قبل الإنهاء.
site-referral = مسار الإحالة ({ $language })
site-referral-hint = بمن نتصل وماذا نفعل عندما يعبّر طفل عن قلق. يراه الميسِّر وحده.
site-help = أين يجد الأطفال المساعدة ({ $language })
site-help-hint = يُعرَض على كل طفل في نهاية الجلسة: خط مساعدة، خدمة موثوقة.
site-yes = نعم
site-no = لا
site-save = حفظ القواعد
site-back = رجوع
site-saved = حُفظت القواعد.
site-unchanged = لم يتغيّر شيء.
site-invalid = لم يُحفَظ شيء: صحّح القواعد المعلَّمة بالأحمر.
site-error-consent_age = أدخل عمرًا من 0 إلى 18.
site-error-idle_lock_minutes = أدخل عددًا من الدقائق من 1 إلى 120.
site-error-retention_days = أدخل عددًا من الأيام من 0 إلى 3650.
site-error-count_refusals = اختر نعم أو لا.
site-error-jurisdiction = لا يمكن استخدام هذه القيمة.
site-error-names = لا يمكن استخدام هذه القيمة.
error-disk-full = الجهاز ممتلئ، فلا يمكن حفظ أي شيء آخر. أفرغ بعض المساحة (أو انسخ مجلد البيانات إلى مكان آخر)؛ لن يضيع شيء مما حُفظ.
error-read-only = لا يمكن الكتابة في مجلد البيانات (للقراءة فقط). يمكن قراءة كل ما حُفظ وتصديره.
error-damaged = ملف قاعدة البيانات تالف. انسخ مجلد البيانات كاملًا إلى مكان آمن وتواصل مع المنسّق قبل القيام بأي شيء آخر.
error-busy = البيانات مشغولة (برنامج آخر يفتحها). حاول مرة أخرى بعد قليل.
error-unknown-form = لا توجد استمارة { $form } على هذا الجهاز.
error-no-session = لا توجد جلسة مفتوحة.
error-file = تعذّرت كتابة { $file }: { $detail }
audit-action-unlock-failed = محاولات فتح فاشلة
import-version-installed = الاستمارة { $form } بالإصدار { $version } موجودة على هذا الجهاز بأسئلة أو صور مختلفة. الاستمارة المعدّلة تحتاج إلى إصدار جديد (عمود version في ورقة settings).
start-choose-age-band = اختر الفئة العمرية للطفل أولًا.
lock-try-again = يمكنك المحاولة مرة أخرى الآن.
child-handover = شكرًا لك! من فضلك أعطِ الجهاز اللوحي للشخص البالغ الآن.
withdraw-ask = هل تريد حذف كل ما يخص { $code } من هذا الجهاز؟ لا يمكن التراجع عن ذلك. يبقى أي بلاغ حماية مفتوح حتى تغلقه.
withdraw-confirm = نعم، احذفه
withdraw-cancel = إلغاء
home-concerns = الحماية: بلاغات مفتوحة
home-concern-close = إغلاق
concern-child = { $code }: طلب الطفل التحدث إلى شخص ما ({ $date })
concern-facilitator = { $code }: أبلغ عنه الميسِّر ({ $date })
concern-declined = طفل اختار عدم المشاركة طلب التحدث إلى شخص ما ({ $date })
audit-action-concern-close = أُغلق البلاغ
child-more-below = يوجد المزيد في الأسفل
audit-detail-session = الطفل { $code }
audit-detail-concern-close = { $form }
audit-detail-create = { $front ->
    [cli] من سطر الأوامر
    [recover] عبر الاسترداد
   *[window] في التطبيق
}
audit-detail-unlock = { $front ->
    [cli] من سطر الأوامر
   *[window] في التطبيق
}
audit-detail-unlock-failed = عدد عبارات المرور الخاطئة قبلها: { $count }
audit-detail-start = الطفل { $code }، الاستمارة { $form }
audit-detail-import = الاستمارة { $form }، الإصدار { $version }، ملفات الوسائط: { $media }
audit-detail-site-setting = { $rule }
audit-detail-export = الاستمارة { $form }: عدد الجلسات { $count } بصيغة { $format }{ $free_text ->
    [yes] ، مع النص الحر
   *[no] {""}
}
audit-detail-simulate = الاستمارة { $form }: عدد الجلسات { $count }
audit-detail-purge = الجلسة { $session }
audit-detail-recover = حُفظت { $saved } جلسة، وتعذّرت قراءة { $lost }
audit-action-recover = استرداد من ملف تالف
lock-recover = احفظ كل الجلسات المقروءة في قاعدة بيانات جديدة
lock-recovered = حُفظت { $saved } جلسة في قاعدة بيانات جديدة (تعذّرت قراءة { $lost }). يُحتفظ بالملف التالف في المجلد { $folder }: سلّمه إلى المنسّق.

## Upload later: the server, the queue, sending (issue "Upload later")
xform-state-name-taken = لا يمكن كتابة السؤال «{ $name }» بصيغة XForm: حقل حالته «{ $name }_state» هو اسم صف آخر. غيّر اسم ذلك الصف.
xform-reserved-name = الصف «{ $name }» يحمل اسمًا يحتفظ به سيركل لنفسه في البيانات المُرسَلة. غيّر اسم الصف.
server-not-an-address = «{ $address }» ليس عنوان ويب. انسخ العنوان كاملًا من خادمك، بدءًا من https://
server-not-https = يجب أن يبدأ العنوان بـ https:// حتى لا يستطيع أحد قراءة إجابات الأطفال في أثناء انتقالها.
server-central-no-username = عنوان مستخدم التطبيق في ODK Central يحمل مفتاحه الخاص: اترك اسم المستخدم وكلمة المرور فارغين.
server-needs-credentials = يحتاج هذا الخادم إلى اسم مستخدم وكلمة مرور معًا.
server-test-ok = الخادم يستجيب ويقبل ما يُرسله هذا الجهاز اللوحي.
server-test-forms-missing = الخادم يستجيب، لكن هذه الاستمارات ليست عليه بعد: { $forms }. اطلب من المنسّق نشرها (ينشئها الأمر cercle forms xform).
sync-no-server = لم يُحدَّد أي خادم بعد: حدِّده في شاشة «إرسال» (أو بالأمر cercle server set).
sync-cannot-build = تعذّر تجهيز جلسة مُنجَزة للإرسال: { $error }
sync-failure-no-connection = لا يوجد اتصال بالخادم: تحقّق من الشبكة (Wi-Fi أو بيانات الجوّال) ومن عنوان الخادم.
sync-failure-timeout = استغرق الخادم وقتًا طويلًا في الرد. ستُعاد المحاولة؛ لن يضيع شيء ولن يُرسَل شيء مرتين.
sync-failure-reset = انقطع الاتصال في أثناء الإرسال. ستُعاد المحاولة؛ لن يضيع شيء ولن يُرسَل شيء مرتين.
sync-failure-tls = تعذّر إنشاء اتصال آمن بالخادم. قد يكون السبب شبكة Wi-Fi تطلب تسجيل الدخول أولًا: افتح متصفحًا وسجّل الدخول، ثم حاول مرة أخرى.
sync-failure-busy = لا يستطيع الخادم الاستقبال الآن (الخطأ { $status }). ستُعاد المحاولة لاحقًا.
sync-failure-credentials = رفض الخادم بيانات الدخول. تحقّق من العنوان (في ODK Central، عنوان مستخدم التطبيق) أو من اسم المستخدم وكلمة المرور.
sync-failure-form-not-on-server = هذه الاستمارة ليست على الخادم (أو ربما لا يُسمح لمستخدم التطبيق هذا بالإرسال إليها). اطلب من المنسّق نشرها ومنح هذا الجهاز اللوحي إذنًا بالوصول إليها.
sync-failure-not-openrosa = الذي ردّ ليس الخادم، بل شيء آخر: شبكة Wi-Fi تطلب تسجيل الدخول أولًا، أو عنوان خاطئ. سجّل الدخول إلى شبكة Wi-Fi أو تحقّق من العنوان.
sync-failure-too-big = هذا الإرسال أكبر مما يقبله الخادم ({ $size } كيلوبايت، والحد الأقصى { $limit } كيلوبايت). اطلب من المنسّق رفع الحد على الخادم.
sync-failure-conflict = يوجد على الخادم إرسال آخر مختلف بالمعرّف نفسه. لم يُستبدَل أي شيء: أبلغ المنسّق.
sync-failure-refused = رفض الخادم هذا الإرسال (الخطأ { $status }): { $message }
audit-action-upload = أُرسل إلى الخادم
audit-detail-upload = الاستمارة { $form }: { $result ->
    [already] كانت على الخادم من قبل
    [conflict] تعارض
    [rejected] رُفضت
   *[sent] أُرسلت
}{ $kind ->
    [withdrawal] {" "}(إشعار سحب مشاركة)
   *[session] {""}
}
audit-action-sync = إرسال
audit-detail-sync = المُرسَل: { $sent }، الموجود على الخادم من قبل: { $already }، التعارضات: { $conflicts }، الفاشل: { $failed }، المتبقي: { $left }
audit-action-server-set = تغيير الخادم
audit-detail-server-set = { $kind ->
    [central] ODK Central
    [kobo] KoboToolbox
    [openrosa] خادم OpenRosa
   *[none] بلا خادم
}
audit-action-requeue = إعادة محاولة الإرسال
audit-detail-requeue = الإرسال رقم { $submission }
send-open = إرسال
send-title = الإرسال إلى الخادم
send-server = الخادم
send-url = عنوان الخادم
send-url-hint = ‏https://… (عنوان مستخدم التطبيق في ODK Central، أو خادم KoboToolbox الخاص بك)
send-username = اسم المستخدم (KoboToolbox والخوادم الأخرى)
send-password = كلمة المرور
send-save = حفظ الخادم
send-test = اختبار الاتصال
send-testing = جارٍ اختبار الاتصال…
send-saved = حُفظ الخادم.
send-no-server = لم يُحدَّد أي خادم بعد.
send-now = إرسال الآن
send-back = رجوع
send-empty = لا شيء للإرسال: كل الجلسات المُنجَزة موجودة على الخادم.
send-state-queued = في انتظار الإرسال
send-state-sending = جارٍ الإرسال
send-state-sent = على الخادم
send-state-conflict = تعارض
send-state-rejected = رفضه الخادم
send-withdrawal = إشعار سحب مشاركة { $code }
send-last-try = آخر محاولة: { $when }
send-never-tried = لم تُجرَ أي محاولة بعد
send-retry = إعادة المحاولة
send-progress = جارٍ إرسال { $done } من { $total }…
send-summary = المُرسَل: { $sent }، الموجود على الخادم من قبل: { $already }، التعارضات: { $conflicts }، الفاشل: { $failed }، المتبقي: { $left }
send-background = تُرسَل الجلسات المُنجَزة في الخلفية كلما كان التطبيق غير مقفل وكانت هناك شبكة متاحة.

## Transfer files (issue "Coordinator")
transfer-bad-public-key = هذا ليس المفتاح العام للمنسّق: إنه سطر واحد يبدأ بـ age1، من ملف coordinator.pub الخاص بالمنسّق.
transfer-bad-private-key = تعذّرت قراءة ملف مفتاح المنسّق ({ $detail }): استخدم ملف coordinator.key الذي كتبه الأمر cercle transfer keygen.
transfer-wrong-passphrase = عبارة المرور غير صحيحة لمفتاح المنسّق.
transfer-wrong-key = لم يُكتب هذا الملف لمفتاح هذا المنسّق: لم يُستورد شيء. اسأل الميسّر عن المفتاح العام الذي استخدمه.
transfer-not-a-file = هذا ليس ملف نقل من سيركل، أو أنه تالف: لم يُستورد شيء. اطلب الملف مرة أخرى.
audit-action-transfer-export = كُتب ملف نقل
audit-detail-transfer-export = الجلسات: { $sessions }، إشعارات الانسحاب: { $notices }
audit-action-transfer-import = استُورد ملف نقل
audit-detail-transfer-import = جديدة: { $new }، موجودة من قبل: { $already }، مسحوبة: { $withdrawn }

## Coordinator exports (column headers in label mode, answer states, disclosure control)
age-band-6-12 = من 6 إلى 12 سنة
age-band-6-17 = من 6 إلى 17 سنة
export-col-key = المفتاح
export-col-form-version = إصدار الاستمارة
export-col-language = اللغة
export-col-age-band = الفئة العمرية
export-col-site = الموقع
export-col-started = تاريخ البدء
export-col-finalised = تاريخ الإنجاز
export-col-parent-key = مفتاح الصف الأصلي
export-col-index = الرقم
export-col-count = العدد: { $repeat }
export-col-variant = الصيغة
export-col-state = حالة الإجابة
export-state-answered = تمت الإجابة
export-state-rather-not-say = أفضّل ألّا أجيب
export-state-dont-know = لا أعرف
export-state-suppressed = مخفي
export-flag-chosen = مُختار
export-flag-not-chosen = غير مُختار
export-dc-k = معيار k-anonymity: لا يقل عدد مرات ظهور كل تركيبة من { $qis } عن { $k }.
export-dc-off = معيار k-anonymity معطَّل (k = 1): عطّله المنسّق صراحةً.
export-dc-dropped = أشباه المعرِّفات التي استبعدها المنسّق: { $names }.
export-dc-recoded = دُمجت الفئات العمرية في الفئة { $bands }؛ عدد الجلسات المعنية: { $count }.
export-dc-suppressed = { $qi }: عدد القيم المخفية { $count }.
export-dc-betrayed = أُخفيت إجابات لأنها قد تكشف قيمة مخفية (الأسئلة الخاصة بفئة عمرية، والأسئلة المترتبة على إجابة مخفية)، وعددها { $count }.
export-dc-withheld = استُبعدت جلسات عددها { $count }: فهي أقل من أن تُحمى حتى لو أُخفيت جميع أشباه المعرِّفات.
export-dc-changed = مجموع القيم المعدَّلة: { $count }.
export-dc-free-text-on = أُدرجت إجابات النص الحر بناءً على الطلب، بعد فحصها وحجب ما يكشف الهوية فيها (C12).
export-dc-free-text-off = استُبعدت إجابات النص الحر (C12).
export-dc-minimised = التواريخ بلا ساعة؛ ولا رموز للمشاركين، ولا معرّفات للأجهزة، ولا بلاغات حماية، ولا ملاحظات للميسِّر.
export-sheet-codebook = دليل الترميز
export-sheet-disclosure = ضبط الإفصاح
export-codebook-table = الجدول
export-codebook-column = العمود
export-codebook-header = العنوان
export-codebook-type = النوع
export-codebook-text = السؤال
export-codebook-codes = الرموز
report-title = ما قاله لنا الأطفال
report-intro = عدد الأطفال الذين أجابوا عن هذه الاستمارة: { $count }.
report-protection = لحماية الأطفال، نُخفي (—) كل رقم أصغر من { $threshold }، وكذلك كل رقم قد يساعد أحدًا على معرفة رقم مخفي.
report-all-ages = كل الأعمار
report-answered = عدد الأطفال الذين أجابوا عن هذا السؤال: { $count }.
report-answered-multiple = عدد الأطفال الذين أجابوا عن هذا السؤال: { $count }. وكان يمكن لكل طفل أن يختار أكثر من إجابة.
report-hidden-note = بعض الأرقام هنا مخفية (—) لحماية الأطفال.
report-suppressed-summary = مجموع الأرقام التي أخفيناها لحماية الأطفال: { $count }.
report-footer = صُنع بتطبيق سيركل. لا أسماء ولا أعمار دقيقة: نعدّ الأطفال حسب الفئة العمرية فقط.

## Transfer and the coordinator's workspace (window)
home-results = النتائج
home-open = فتح
home-transfer-details = ملف للمنسّق، حيث لا يوجد خادم
home-coordinator-details = استيراد ملفات الأجهزة اللوحية، والتصدير، وإعداد التقارير
transfer-title = النقل إلى المنسّق
transfer-explain = تُكتب في ملف واحد لا يفتحه إلا المنسّق: الجلسات المُنجَزة التي لم تُسلَّم بعد، والاستمارات التي تستخدمها، وإشعارات سحب المشاركة. ولا تُوضَع فيه أبدًا بلاغات الحماية ولا الملاحظات.
transfer-key = المفتاح العام للمنسّق (age1…‎)
transfer-where = يُكتب الملف في هذا المجلد:
transfer-write = كتابة ملف النقل
transfer-written = الجلسات: { $sessions }، إشعارات سحب المشاركة: { $notices }، كُتبت في ‎{ $path }
coordinator-title = المنسّق
coordinator-import = استيراد ملفات النقل من الأجهزة اللوحية
coordinator-import-explain = يُبحث في هذه المجلدات عن ملفات النقل (‎.cercle) وعن مفتاح المنسّق:
coordinator-files = ملفات النقل (مفصولة بالرمز ;)
coordinator-key = ملف مفتاح المنسّق (coordinator.key)
coordinator-passphrase = عبارة مرور المفتاح
coordinator-import-button = استيراد
coordinator-imported = الجلسات الجديدة: { $new }، الموجودة من قبل: { $already }، المسحوبة: { $withdrawn }.
coordinator-no-files = لا يوجد ملف نقل: ضع ملفات ‎.cercle القادمة من الأجهزة اللوحية في أحد المجلدات أعلاه، أو اكتب مساراتها.
coordinator-options = إعدادات التصدير
coordinator-labels = العناوين والإجابات بصيغة:
coordinator-codes = الرموز
coordinator-k = قيمة k (القيمة 1 تعطّل إخفاء الهوية)
coordinator-threshold = التقرير: إخفاء الأرقام الأصغر من
coordinator-free-text = تضمين النص الحر
coordinator-protection = كل تصدير يحمي هوية الأطفال (بمعيار k) حسب الفئة العمرية والموقع واللغة والجنس، ويُخفي التقرير الأرقام الصغيرة. ويُذكَر في كل ملف ما تغيّر.
coordinator-forms = الاستمارات
coordinator-form-summary = الجلسات المُنجَزة: { $sessions }، الأجهزة اللوحية: { $tablets }
coordinator-report = التقرير
coordinator-working = جارٍ العمل…
coordinator-exported = { $count ->
    [zero] لم تُكتب أي جلسة في ‎{ $path }
    [one] كُتبت جلسة واحدة في ‎{ $path }
    [two] كُتبت جلستان في ‎{ $path }
    [few] كُتبت { $count } جلسات في ‎{ $path }
   *[other] كُتبت { $count } جلسة في ‎{ $path }
}
coordinator-bad-number = يجب أن تكون قيمة k وحدّ الإخفاء في التقرير عددين صحيحين، 1 أو أكثر.

## Get forms (from ODK Central, KoboToolbox or another OpenRosa server)
get-forms-title = تنزيل الاستمارات من الخادم
home-get-forms-details = الاستمارات التي نشرها المنسّق على ODK Central أو KoboToolbox
get-forms-explain = هذه هي الاستمارات الموجودة على الخادم. يمكنك هنا تنزيل الاستمارات الجديدة والإصدارات الجديدة؛ وتبقى الإصدارات القديمة ما دامت هناك جلسات تستخدمها.
get-forms-no-server = لم يُحدَّد أي خادم: حدِّده أولًا في شاشة «إرسال».
get-forms-asking = جارٍ الاتصال بالخادم…
get-forms-downloading = جارٍ تنزيل الاستمارات وصورها…
get-forms-listed = { $count ->
    [zero] لا توجد أي استمارة على الخادم.
    [one] توجد استمارة واحدة على الخادم.
    [two] توجد استمارتان على الخادم.
    [few] توجد { $count } استمارات على الخادم.
    [many] توجد { $count } استمارة على الخادم.
   *[other] توجد { $count } استمارة على الخادم.
}
get-forms-none-on-server = لا توجد على الخادم أي استمارة لهذا الجهاز.
get-forms-up-to-date = كل استمارات الخادم موجودة هنا ومحدَّثة.
get-forms-got = { $form }: الإصدار { $version } موجود هنا ({ $media ->
    [zero] لم تُنزَّل أي صورة أو تسجيل
    [one] نُزِّلت صورة واحدة أو تسجيل واحد
    [two] نُزِّل اثنان من الصور أو التسجيلات
    [few] نُزِّلت صور أو تسجيلات عددها { $media }
    [many] نُزِّلت صور أو تسجيلات عددها { $media }
   *[other] نُزِّلت صور أو تسجيلات عددها { $media }
}).
get-forms-not-got = تعذّر تنزيل { $form }: { $reason }
get-forms-get = تنزيل
get-forms-update = تحديث
get-forms-get-all = تنزيل كل الاستمارات الجديدة
get-forms-refresh = اسأل الخادم مرة أخرى
get-forms-state-new = جديدة
get-forms-state-update = إصدار جديد على الخادم
get-forms-state-installed = موجودة هنا ومحدَّثة
get-forms-details = الإصدار { $version } · { $state }
get-forms-http = ردّ الخادم بالخطأ { $status } عند طلب { $file }. حاول مرة أخرى لاحقًا، أو اسأل المنسّق.
get-forms-not-a-form-list = الرد ليس قائمة استمارات: ربما يكون العنوان خاطئًا، أو هناك شبكة Wi-Fi تطلب تسجيل الدخول أولًا.
get-forms-too-large = حجم { $file } أكبر من { $limit } ميغابايت: لذلك لم يُنزَّل.
get-forms-hash-mismatch = لم يصل { $file } كاملًا (فهو لا يطابق ما أعلنه الخادم). لم يتغيّر شيء: حاول مرة أخرى.
get-forms-refused = { $count ->
    [zero] لا يمكن تشغيل الاستمارة في Cercle:
    [one] لا يمكن تشغيل الاستمارة في Cercle:
    [two] لا يمكن تشغيل الاستمارة في Cercle (مشكلتان):
    [few] لا يمكن تشغيل الاستمارة في Cercle ({ $count } مشكلات):
    [many] لا يمكن تشغيل الاستمارة في Cercle ({ $count } مشكلة):
   *[other] لا يمكن تشغيل الاستمارة في Cercle ({ $count } مشكلة):
}
    { $problems }
get-forms-wrong-form = أعلن الخادم عن الاستمارة «{ $expected }» لكنه أرسل الاستمارة «{ $found }». لم يتغيّر شيء.
audit-action-form-download = تنزيل استمارة
audit-detail-form-download = الاستمارة { $form }، الإصدار { $version }، ملفات الوسائط المُنزَّلة: { $fetched }، غير المتغيّرة: { $kept }، الإصدارات القديمة غير المستخدمة التي حُذفت: { $removed }
