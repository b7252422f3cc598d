package i18n

import "tabour/lang"

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
var messages = map[string]lang.Text{
	"lang.toggle": {AR: "English", EN: "العربية"},
	"nav.back":    {AR: "رجوع", EN: "Back"},
	"nav.home":    {AR: "البداية", EN: "Start"},
	"nav.next":    {AR: "التالي", EN: "Next"},
	"nav.skip":    {AR: "تخطَّ", EN: "Skip"},

	"home.welcome":             {AR: "أهلًا بك", EN: "Welcome"},
	"home.question":            {AR: "ماذا تريد اليوم؟", EN: "What would you like to do today?"},
	"home.common":              {AR: "الخدمات الأكثر طلبًا", EN: "Most requested services"},
	"purpose.submit":           {AR: "تقديم طلب", EN: "Submit an application"},
	"purpose.submit.hint":      {AR: "تراخيص وتصالح وأملاك دولة وغيرها", EN: "Permits, licences, reconciliation, state land and more"},
	"purpose.collect":          {AR: "استلام مستندات", EN: "Collect documents"},
	"purpose.collect.hint":     {AR: "استلام مخرجات طلب سابق", EN: "Collect the outcome of an earlier application"},
	"purpose.inquiry":          {AR: "الاستعلام عن طلب", EN: "Ask about an application"},
	"purpose.inquiry.hint":     {AR: "معرفة ما تم في طلب قدمته", EN: "Find out where your application stands"},
	"purpose.appointment":      {AR: "لدي موعد محجوز", EN: "I have an appointment"},
	"purpose.appointment.hint": {AR: "تسجيل الحضور بموعد محجوز", EN: "Check in for a booked appointment"},

	"category.title": {AR: "اختر نوع الخدمة", EN: "Choose the kind of service"},
	"service.title":  {AR: "اختر الخدمة", EN: "Choose the service"},

	"service.documents":    {AR: "المستندات المطلوبة", EN: "Documents to bring"},
	"service.fees":         {AR: "الرسوم", EN: "Fees"},
	"service.fee.guide":    {AR: "حسب دليل الرسوم والمستندات الموحد", EN: "As set by the unified guide of fees and documents"},
	"service.fee.amount":   {AR: "{0} جنيه", EN: "EGP {0}"},
	"service.wait":         {AR: "الانتظار المتوقع: {0}", EN: "Expected wait: {0}"},
	"service.wait.unknown": {AR: "لا يوجد شباك مفتوح لهذه الخدمة الآن، وسيُنادى رقمك عند فتحه", EN: "No window serves this now; your number will be called when one opens"},
	"service.get":          {AR: "احصل على تذكرة", EN: "Get a ticket"},
	"service.withid":       {AR: "الرقم القومي أو الأولوية", EN: "National ID or priority"},

	"nid.title":   {AR: "الرقم القومي (اختياري)", EN: "National ID number (optional)"},
	"nid.hint":    {AR: "اكتبه بالأزرار أو مرّر البطاقة على الماسح. لا يُحفظ ولا يُطبع.", EN: "Type it on the keys or scan your card. It is not stored or printed."},
	"nid.clear":   {AR: "مسح", EN: "Clear"},
	"nid.ok":      {AR: "تم قبول الرقم", EN: "Number accepted"},
	"nid.elderly": {AR: "لك أولوية كبار السن", EN: "You have priority as a senior citizen"},

	"prio.title":      {AR: "هل لك أولوية في الدور؟", EN: "Do you have priority?"},
	"prio.none":       {AR: "لا، شكرًا", EN: "No, thank you"},
	"prio.elderly":    {AR: "كبار السن", EN: "Senior citizen"},
	"prio.disability": {AR: "ذوو الهمم (ذوو الإعاقة)", EN: "Person with a disability"},
	"prio.pregnancy":  {AR: "سيدة حامل", EN: "Pregnant woman"},
	"prio.other":      {AR: "حالة خاصة", EN: "Other special case"},
	"prio.note":       {AR: "الأولوية عادلة للجميع: يُنادى صاحب أولوية واحد بعد كل {0} مواطنين.", EN: "Priority is fair to everyone: one priority ticket is called after every {0} others."},

	"mobile.title":   {AR: "رقم الموبايل لرسالة قبل دورك (اختياري)", EN: "Mobile number for a text message before your turn (optional)"},
	"mobile.hint":    {AR: "نرسل رسالة عندما يقترب دورك. لا يُطبع الرقم ولا يُعرض.", EN: "We send a text when your turn is near. The number is not printed or shown."},
	"mobile.invalid": {AR: "رقم الموبايل 11 رقمًا ويبدأ بـ 010 أو 011 أو 012 أو 015", EN: "A mobile number has 11 digits and starts with 010, 011, 012 or 015"},

	"confirm.title":     {AR: "راجع طلبك", EN: "Check your request"},
	"confirm.service":   {AR: "الخدمة", EN: "Service"},
	"confirm.kind":      {AR: "الغرض", EN: "Purpose"},
	"confirm.priority":  {AR: "الأولوية", EN: "Priority"},
	"confirm.id":        {AR: "الرقم القومي", EN: "National ID"},
	"confirm.id.yes":    {AR: "تم إدخاله", EN: "entered"},
	"confirm.id.no":     {AR: "لم يُدخل", EN: "not entered"},
	"confirm.mobile":    {AR: "رسالة نصية", EN: "Text message"},
	"confirm.yes":       {AR: "نعم", EN: "yes"},
	"confirm.no":        {AR: "لا", EN: "no"},
	"confirm.print":     {AR: "اطبع التذكرة", EN: "Print my ticket"},
	"confirm.prio.none": {AR: "لا توجد", EN: "none"},
	"confirm.appt":      {AR: "الموعد", EN: "Appointment"},

	"ticket.your":      {AR: "رقم تذكرتك", EN: "Your ticket number"},
	"ticket.go.one":    {AR: "انتظر ظهور رقمك على الشاشة ثم توجه إلى الشباك {0}", EN: "Wait for your number on the screen, then go to window {0}"},
	"ticket.go.many":   {AR: "انتظر ظهور رقمك على الشاشة ثم توجه إلى الشباك الذي يظهر معه ({0})", EN: "Wait for your number on the screen, then go to the window shown with it ({0})"},
	"ticket.or":        {AR: "\u00a0أو\u00a0", EN: "\u00a0or\u00a0"}, // no-break: the list of windows stays on one line
	"ticket.wait":      {AR: "الانتظار المتوقع: حوالي {0}", EN: "Expected wait: about {0}"},
	"ticket.issued":    {AR: "{0} - {1}", EN: "{0}, {1}"},
	"ticket.printed":   {AR: "خذ تذكرتك من الطابعة", EN: "Take your ticket from the printer"},
	"ticket.noprint":   {AR: "تعذرت الطباعة. صوّر رمز QR أو احفظ رقمك، فتذكرتك مسجلة في النظام.", EN: "The printer could not print. Photograph the QR code or note your number: your ticket is saved."},
	"ticket.done":      {AR: "تم", EN: "Done"},
	"ticket.footer":    {AR: "احتفظ بهذه التذكرة حتى يُنادى رقمك", EN: "Keep this ticket until your number is called"},
	"ticket.duplicate": {AR: "لديك تذكرة لهذه الخدمة بالفعل", EN: "You already have a ticket for this service"},
	"ticket.appt":      {AR: "موعد محجوز {0}", EN: "Appointment at {0}"},

	"inquiry.title": {AR: "رقم الطلب (اختياري)", EN: "Application number (optional)"},
	"inquiry.hint":  {AR: "تجده على إيصال التقديم. يمكنك التخطي وسؤال الموظف.", EN: "It is on your application receipt. You may skip and ask at the window."},

	"appt.title":    {AR: "رقم الحجز", EN: "Booking number"},
	"appt.hint":     {AR: "تجده في رسالة الحجز.", EN: "It is in your booking message."},
	"appt.notfound": {AR: "لم نجد حجزًا بهذا الرقم اليوم. يمكنك أخذ تذكرة عادية.", EN: "No booking with this number today. You can take a regular ticket."},
	"appt.window":   {AR: "موعدك {0}. يمكنك تسجيل الحضور قبله بـ {1}.", EN: "Your appointment is at {0}. You can check in {1} before it."},

	"admin.pin":       {AR: "رمز الصيانة", EN: "Maintenance PIN"},
	"admin.wrong":     {AR: "رمز غير صحيح", EN: "Wrong PIN"},
	"admin.title":     {AR: "الصيانة", EN: "Maintenance"},
	"admin.printtest": {AR: "طباعة تذكرة تجريبية", EN: "Print a test ticket"},
	"admin.printer":   {AR: "الطابعة: {0}", EN: "Printer: {0}"},
	"admin.queue":     {AR: "الطابور: {0} في الانتظار، آخر تذكرة {1}", EN: "Queue: {0} waiting, last ticket {1}"},
	"admin.langdef":   {AR: "لغة البداية: {0}", EN: "Start language: {0}"},
	"admin.exit":      {AR: "إغلاق البرنامج", EN: "Quit the kiosk"},
	"admin.back":      {AR: "العودة للكشك", EN: "Back to the kiosk"},

	"printer.banner":     {AR: "الطابعة متوقفة الآن: سيظهر رقمك على الشاشة — صوِّر رمز QR بهاتفك أو احفظ الرقم", EN: "The printer is out right now: your number will be shown on screen — photograph the QR code or note the number"},
	"printer.ok":         {AR: "تعمل", EN: "working"},
	"printer.paper_low":  {AR: "الورق قارب على النفاد", EN: "paper running low"},
	"printer.paper_out":  {AR: "نفد الورق", EN: "out of paper"},
	"printer.cover_open": {AR: "الغطاء مفتوح", EN: "cover open"},
	"printer.error":      {AR: "عطل في القاطع أو الطابعة", EN: "cutter or printer fault"},
	"printer.offline":    {AR: "لا ترد", EN: "not answering"},

	"error.service":    {AR: "هذه الخدمة غير متاحة", EN: "This service is not offered"},
	"nid.unusable":     {AR: "تعذر استخدام الرقم الآن", EN: "The number cannot be used right now"},
	"appt.service":     {AR: "خدمة هذا الحجز غير متاحة هنا", EN: "This booking's service is not offered here"},
	"inquiry.noanswer": {AR: "لم يصل رد من النظام المركزي. خذ تذكرة استعلام وسيجيبك الموظف.", EN: "The central system did not answer. Take an inquiry ticket and staff will answer you."},
	"inquiry.found":    {AR: "حالة طلبك", EN: "Your application"},
	"inquiry.notfound": {AR: "لم نجد طلبًا بهذا الرقم. تأكد من الرقم أو اسأل الموظف.", EN: "No application has this number. Check the number or ask at a window."},
	"inquiry.ticket":   {AR: "خذ تذكرة استعلام", EN: "Take an inquiry ticket"},
	"inquiry.none":     {AR: "الاستعلام غير متاح هنا، من فضلك اسأل الموظف", EN: "Inquiries are not offered here; please ask at a window"},
	"error.generic":    {AR: "حدث خطأ. من فضلك اطلب المساعدة من الموظف.", EN: "Something went wrong. Please ask a member of staff."},
	"ticket.priority":  {AR: "أولوية: {0}", EN: "Priority: {0}"},
	"ticket.printing":  {AR: "جارٍ طباعة تذكرتك…", EN: "Printing your ticket…"},
	"ticket.leaving":   {AR: "تعود الشاشة إلى البداية خلال {0}", EN: "The screen returns to the start in {0}"},
	"busy.issuing":     {AR: "جارٍ إصدار تذكرتك…", EN: "Issuing your ticket…"},
	"busy.asking":      {AR: "جارٍ السؤال عن طلبك…", EN: "Asking about your application…"},
	"busy.checking":    {AR: "جارٍ البحث عن حجزك…", EN: "Looking up your booking…"},
	"busy.testing":     {AR: "جارٍ طباعة التذكرة التجريبية…", EN: "Printing the test ticket…"},
	"idle.warn":        {AR: "هل ما زلت هنا؟ تعود الشاشة إلى البداية خلال {0}", EN: "Are you still there? The screen returns to the start in {0}"},
	"idle.continue":    {AR: "نعم، أكمل", EN: "Yes, continue"},
	"confirm.needprio": {AR: "أحتاج أولوية في الدور", EN: "I need priority"},
	"prio.granted":     {AR: "لك أولوية كبار السن: بطاقتك تُظهر أن عمرك {0} سنة أو أكثر", EN: "You have senior priority: your ID shows you are {0} or older"},
	"input.full":       {AR: "هذا الرقم {0} فقط", EN: "This number has {0} only"},
	"keypad.count":     {AR: "{0} من {1}", EN: "{0} of {1} digits"},
	"scan.unread":      {AR: "لم تُقرأ البطاقة. مرّرها مرة أخرى أو اكتب الرقم بالأزرار.", EN: "The card was not read. Scan it again or type the number on the keys."},
	"printer.unknown":  {AR: "لم تُفحص بعد", EN: "not checked yet"},
	"admin.noprinter":  {AR: "لا توجد طابعة مهيأة", EN: "No printer is set up"},
	"admin.printed":    {AR: "طُبعت التذكرة التجريبية", EN: "The test ticket was printed"},
	"admin.printfail":  {AR: "لم تُطبع التذكرة التجريبية: {0}", EN: "The test ticket did not print: {0}"},
	"admin.setlang":    {AR: "اجعل {0} لغة البداية", EN: "Make {0} the start language"},
	"lang.ar":          {AR: "العربية", EN: "Arabic"},
	"lang.en":          {AR: "الإنجليزية", EN: "English"},
	"wait.busy":        {AR: "الانتظار المتوقع: حوالي {0}، لأن الشبابيك التي تقدم هذه الخدمة مشغولة بخدمات أخرى", EN: "Expected wait: about {0}, as the windows that serve it are busy with other services"},
	"wait.none":        {AR: "لا انتظار تقريبًا، سيُنادى رقمك قريبًا", EN: "Almost no wait: your number will be called soon"},
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
