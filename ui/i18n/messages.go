package i18n

// Msg is one message in both languages.
type Msg struct{ AR, EN string }

// Plural is a counted phrase: Arabic in its six CLDR forms (zero, one,
// two, few, many, other), English in two (one, other). {0} is the number.
type Plural struct {
	AR     [6]string
	EN     [2]string
	ENZero string // English for zero, when "0 …" reads wrong ("No one waiting")
}

// messages is the catalog. Keep Arabic natural Modern Standard Arabic as
// used in Egyptian government offices; keep both languages for every key
// (a test checks).
var messages = map[string]Msg{
	"lang.toggle": {"English", "العربية"},
	"nav.back":    {"رجوع", "Back"},
	"nav.home":    {"البداية", "Start"},
	"nav.next":    {"التالي", "Next"},
	"nav.skip":    {"تخطَّ", "Skip"},

	"home.welcome":             {"أهلًا بك", "Welcome"},
	"home.question":            {"ماذا تريد اليوم؟", "What would you like to do today?"},
	"home.common":              {"الخدمات الأكثر طلبًا", "Most requested services"},
	"purpose.submit":           {"تقديم طلب", "Submit an application"},
	"purpose.submit.hint":      {"تراخيص وتصالح وأملاك دولة وغيرها", "Permits, licences, reconciliation, state land and more"},
	"purpose.collect":          {"استلام مستندات", "Collect documents"},
	"purpose.collect.hint":     {"استلام مخرجات طلب سابق", "Collect the outcome of an earlier application"},
	"purpose.inquiry":          {"الاستعلام عن طلب", "Ask about an application"},
	"purpose.inquiry.hint":     {"معرفة ما تم في طلب قدمته", "Find out where your application stands"},
	"purpose.appointment":      {"لدي موعد محجوز", "I have an appointment"},
	"purpose.appointment.hint": {"تسجيل الحضور بموعد محجوز", "Check in for a booked appointment"},

	"category.title": {"اختر نوع الخدمة", "Choose the kind of service"},
	"service.title":  {"اختر الخدمة", "Choose the service"},

	"service.documents":    {"المستندات المطلوبة", "Documents to bring"},
	"service.fees":         {"الرسوم", "Fees"},
	"service.fee.guide":    {"حسب دليل الرسوم والمستندات الموحد", "As set by the unified guide of fees and documents"},
	"service.fee.amount":   {"{0} جنيه", "EGP {0}"},
	"service.wait":         {"الانتظار المتوقع: {0}", "Expected wait: {0}"},
	"service.wait.unknown": {"لا يوجد شباك مفتوح لهذه الخدمة الآن، وسيُنادى رقمك عند فتحه", "No window serves this now; your number will be called when one opens"},
	"service.get":          {"احصل على تذكرة", "Get a ticket"},
	"service.withid":       {"الرقم القومي أو الأولوية", "National ID or priority"},

	"nid.title":   {"الرقم القومي (اختياري)", "National ID number (optional)"},
	"nid.hint":    {"اكتبه بالأزرار أو مرّر البطاقة على الماسح. لا يُحفظ ولا يُطبع.", "Type it on the keys or scan your card. It is not stored or printed."},
	"nid.clear":   {"مسح", "Clear"},
	"nid.ok":      {"تم قبول الرقم", "Number accepted"},
	"nid.elderly": {"لك أولوية كبار السن", "You have priority as a senior citizen"},

	"prio.title":      {"هل لك أولوية في الدور؟", "Do you have priority?"},
	"prio.none":       {"لا، شكرًا", "No, thank you"},
	"prio.elderly":    {"كبار السن", "Senior citizen"},
	"prio.disability": {"ذوو الهمم (ذوو الإعاقة)", "Person with a disability"},
	"prio.pregnancy":  {"سيدة حامل", "Pregnant woman"},
	"prio.other":      {"حالة خاصة", "Other special case"},
	"prio.note":       {"الأولوية عادلة للجميع: يُنادى صاحب أولوية واحد بعد كل {0} مواطنين.", "Priority is fair to everyone: one priority ticket is called after every {0} others."},

	"mobile.title":   {"رقم الموبايل لرسالة قبل دورك (اختياري)", "Mobile number for a text message before your turn (optional)"},
	"mobile.hint":    {"نرسل رسالة عندما يقترب دورك. لا يُطبع الرقم ولا يُعرض.", "We send a text when your turn is near. The number is not printed or shown."},
	"mobile.invalid": {"رقم الموبايل 11 رقمًا ويبدأ بـ 010 أو 011 أو 012 أو 015", "A mobile number has 11 digits and starts with 010, 011, 012 or 015"},

	"confirm.title":     {"راجع طلبك", "Check your request"},
	"confirm.service":   {"الخدمة", "Service"},
	"confirm.kind":      {"الغرض", "Purpose"},
	"confirm.priority":  {"الأولوية", "Priority"},
	"confirm.id":        {"الرقم القومي", "National ID"},
	"confirm.id.yes":    {"تم إدخاله", "entered"},
	"confirm.id.no":     {"لم يُدخل", "not entered"},
	"confirm.mobile":    {"رسالة نصية", "Text message"},
	"confirm.yes":       {"نعم", "yes"},
	"confirm.no":        {"لا", "no"},
	"confirm.print":     {"اطبع التذكرة", "Print my ticket"},
	"confirm.prio.none": {"لا توجد", "none"},
	"confirm.appt":      {"الموعد", "Appointment"},

	"ticket.your":      {"رقم تذكرتك", "Your ticket number"},
	"ticket.go.one":    {"انتظر ظهور رقمك على الشاشة ثم توجه إلى الشباك {0}", "Wait for your number on the screen, then go to window {0}"},
	"ticket.go.many":   {"انتظر ظهور رقمك على الشاشة ثم توجه إلى الشباك الذي يظهر معه ({0})", "Wait for your number on the screen, then go to the window shown with it ({0})"},
	"ticket.or":        {"\u00a0أو\u00a0", "\u00a0or\u00a0"}, // no-break: the list of windows stays on one line
	"ticket.wait":      {"الانتظار المتوقع: حوالي {0}", "Expected wait: about {0}"},
	"ticket.issued":    {"{0} - {1}", "{0}, {1}"},
	"ticket.printed":   {"خذ تذكرتك من الطابعة", "Take your ticket from the printer"},
	"ticket.noprint":   {"تعذرت الطباعة. صوّر رمز QR أو احفظ رقمك، فتذكرتك مسجلة في النظام.", "The printer could not print. Photograph the QR code or note your number: your ticket is saved."},
	"ticket.done":      {"تم", "Done"},
	"ticket.footer":    {"احتفظ بهذه التذكرة حتى يُنادى رقمك", "Keep this ticket until your number is called"},
	"ticket.duplicate": {"لديك تذكرة لهذه الخدمة بالفعل", "You already have a ticket for this service"},
	"ticket.appt":      {"موعد محجوز {0}", "Appointment at {0}"},

	"inquiry.title": {"رقم الطلب (اختياري)", "Application number (optional)"},
	"inquiry.hint":  {"تجده على إيصال التقديم. يمكنك التخطي وسؤال الموظف.", "It is on your application receipt. You may skip and ask at the window."},

	"appt.title":    {"رقم الحجز", "Booking number"},
	"appt.hint":     {"تجده في رسالة الحجز.", "It is in your booking message."},
	"appt.notfound": {"لم نجد حجزًا بهذا الرقم اليوم. يمكنك أخذ تذكرة عادية.", "No booking with this number today. You can take a regular ticket."},
	"appt.window":   {"موعدك {0}. يمكنك تسجيل الحضور قبله بـ {1}.", "Your appointment is at {0}. You can check in {1} before it."},

	"admin.pin":       {"رمز الصيانة", "Maintenance PIN"},
	"admin.wrong":     {"رمز غير صحيح", "Wrong PIN"},
	"admin.title":     {"الصيانة", "Maintenance"},
	"admin.printtest": {"طباعة تذكرة تجريبية", "Print a test ticket"},
	"admin.printer":   {"الطابعة: {0}", "Printer: {0}"},
	"admin.queue":     {"الطابور: {0} في الانتظار، آخر تذكرة {1}", "Queue: {0} waiting, last ticket {1}"},
	"admin.langdef":   {"لغة البداية: {0}", "Start language: {0}"},
	"admin.exit":      {"إغلاق البرنامج", "Quit the kiosk"},
	"admin.back":      {"العودة للكشك", "Back to the kiosk"},

	"printer.banner":     {"الطابعة متوقفة الآن: سيظهر رقمك على الشاشة — صوِّر رمز QR بهاتفك أو احفظ الرقم", "The printer is out right now: your number will be shown on screen — photograph the QR code or note the number"},
	"printer.ok":         {"تعمل", "working"},
	"printer.paper_low":  {"الورق قارب على النفاد", "paper running low"},
	"printer.paper_out":  {"نفد الورق", "out of paper"},
	"printer.cover_open": {"الغطاء مفتوح", "cover open"},
	"printer.error":      {"عطل في القاطع أو الطابعة", "cutter or printer fault"},
	"printer.offline":    {"لا ترد", "not answering"},

	"error.service":    {"هذه الخدمة غير متاحة", "This service is not offered"},
	"nid.unusable":     {"تعذر استخدام الرقم الآن", "The number cannot be used right now"},
	"appt.service":     {"خدمة هذا الحجز غير متاحة هنا", "This booking's service is not offered here"},
	"inquiry.noanswer": {"لم يصل رد من النظام المركزي. خذ تذكرة استعلام وسيجيبك الموظف.", "The central system did not answer. Take an inquiry ticket and staff will answer you."},
	"inquiry.found":    {"حالة طلبك", "Your application"},
	"inquiry.notfound": {"لم نجد طلبًا بهذا الرقم. تأكد من الرقم أو اسأل الموظف.", "No application has this number. Check the number or ask at a window."},
	"inquiry.ticket":   {"خذ تذكرة استعلام", "Take an inquiry ticket"},
	"inquiry.none":     {"الاستعلام غير متاح هنا، من فضلك اسأل الموظف", "Inquiries are not offered here; please ask at a window"},
	"error.generic":    {"حدث خطأ. من فضلك اطلب المساعدة من الموظف.", "Something went wrong. Please ask a member of staff."},
	"ticket.priority":  {"أولوية: {0}", "Priority: {0}"},
	"ticket.printing":  {"جارٍ طباعة تذكرتك…", "Printing your ticket…"},
	"ticket.leaving":   {"تعود الشاشة إلى البداية خلال {0}", "The screen returns to the start in {0}"},
	"busy.issuing":     {"جارٍ إصدار تذكرتك…", "Issuing your ticket…"},
	"busy.asking":      {"جارٍ السؤال عن طلبك…", "Asking about your application…"},
	"busy.checking":    {"جارٍ البحث عن حجزك…", "Looking up your booking…"},
	"busy.testing":     {"جارٍ طباعة التذكرة التجريبية…", "Printing the test ticket…"},
	"idle.warn":        {"هل ما زلت هنا؟ تعود الشاشة إلى البداية خلال {0}", "Are you still there? The screen returns to the start in {0}"},
	"idle.continue":    {"نعم، أكمل", "Yes, continue"},
	"confirm.needprio": {"أحتاج أولوية في الدور", "I need priority"},
	"prio.granted":     {"لك أولوية كبار السن: بطاقتك تُظهر أن عمرك {0} سنة أو أكثر", "You have senior priority: your ID shows you are {0} or older"},
	"input.full":       {"هذا الرقم {0} فقط", "This number has {0} only"},
	"keypad.count":     {"{0} من {1}", "{0} of {1} digits"},
	"scan.unread":      {"لم تُقرأ البطاقة. مرّرها مرة أخرى أو اكتب الرقم بالأزرار.", "The card was not read. Scan it again or type the number on the keys."},
	"printer.unknown":  {"لم تُفحص بعد", "not checked yet"},
	"admin.noprinter":  {"لا توجد طابعة مهيأة", "No printer is set up"},
	"admin.printed":    {"طُبعت التذكرة التجريبية", "The test ticket was printed"},
	"admin.printfail":  {"لم تُطبع التذكرة التجريبية: {0}", "The test ticket did not print: {0}"},
	"admin.setlang":    {"اجعل {0} لغة البداية", "Make {0} the start language"},
	"lang.ar":          {"العربية", "Arabic"},
	"lang.en":          {"الإنجليزية", "English"},
	"wait.busy":        {"الانتظار المتوقع: حوالي {0}، لأن الشبابيك التي تقدم هذه الخدمة مشغولة بخدمات أخرى", "Expected wait: about {0}, as the windows that serve it are busy with other services"},
	"wait.none":        {"لا انتظار تقريبًا، سيُنادى رقمك قريبًا", "Almost no wait: your number will be called soon"},
}

var plurals = map[string]Plural{
	// "seconds" follows a preposition ("خلال ٥ ثوانٍ"): genitive forms.
	"seconds": {
		AR: [6]string{"لحظات", "ثانية واحدة", "ثانيتين", "{0} ثوانٍ", "{0} ثانية", "{0} ثانية"},
		EN: [2]string{"1 second", "{0} seconds"},
	},
	"digits": {
		AR: [6]string{"لا أرقام", "رقم واحد", "رقمان", "{0} أرقام", "{0} رقمًا", "{0} رقم"},
		EN: [2]string{"1 digit", "{0} digits"},
	},
	"minutes": {
		AR:     [6]string{"أقل من دقيقة", "دقيقة واحدة", "دقيقتان", "{0} دقائق", "{0} دقيقة", "{0} دقيقة"},
		EN:     [2]string{"1 minute", "{0} minutes"},
		ENZero: "less than a minute",
	},
	"ahead": {
		AR:     [6]string{"لا أحد أمامك", "أمامك مواطن واحد", "أمامك مواطنان", "أمامك {0} مواطنين", "أمامك {0} مواطنًا", "أمامك {0} مواطن"},
		EN:     [2]string{"1 person ahead of you", "{0} people ahead of you"},
		ENZero: "No one ahead of you",
	},
	"waiting": {
		AR:     [6]string{"لا أحد في الانتظار", "مواطن واحد في الانتظار", "مواطنان في الانتظار", "{0} مواطنين في الانتظار", "{0} مواطنًا في الانتظار", "{0} مواطن في الانتظار"},
		EN:     [2]string{"1 person waiting", "{0} people waiting"},
		ENZero: "No one waiting",
	},
}
