package console

import "tabour/mqtt/contract"

// Lang is the language of a page: "ar" (the default) or "en".
type Lang string

// The languages.
const (
	AR Lang = "ar"
	EN Lang = "en"
)

// dir is the writing direction of a page in l.
func (l Lang) dir() string {
	if l == EN {
		return "ltr"
	}
	return "rtl"
}

// words are the console's strings: Arabic, English.
var words = map[string][2]string{
	"title":       {"طابور — لوحة الشباك", "Tabour — counter console"},
	"signin":      {"تسجيل الدخول", "Sign in"},
	"signout":     {"خروج", "Sign out"},
	"name":        {"الاسم", "Name"},
	"password":    {"كلمة المرور", "Password"},
	"bad_signin":  {"الاسم أو كلمة المرور غير صحيح", "Wrong name or password"},
	"locked":      {"محاولات كثيرة خاطئة؛ حاول بعد خمس دقائق", "Too many failed attempts; try again in five minutes"},
	"busy":        {"الخادم مشغول بعمليات دخول كثيرة؛ حاول بعد قليل", "Too many sign-ins at once; try again in a moment"},
	"counters":    {"الشبابيك", "Counters"},
	"counter":     {"شباك", "Counter"},
	"no_counters": {"لا يوجد شباك مسموح لك", "No counter you may use"},
	"manager":     {"صفحة المدير", "Manager's page"},
	"forbidden":   {"غير مسموح", "Not allowed"},
	"language":    {"English", "العربية"},
	"current":     {"التذكرة الحالية", "Current ticket"},
	"none":        {"لا توجد تذكرة", "No ticket"},
	"state":       {"الحالة", "State"},
	"since":       {"منذ", "For"},
	"why":         {"سبب الاختيار", "Why chosen"},
	"waited":      {"انتظر", "Waited"},
	"queue":       {"الانتظار", "Waiting"},
	"service":     {"الخدمة", "Service"},
	"waiting":     {"في الانتظار", "Waiting"},
	"longest":     {"أطول انتظار", "Longest wait"},
	"served":      {"تمت خدمتهم اليوم", "Served today"},
	"live":        {"متصل بالجهاز", "Connected to the appliance"},
	"down":        {"الجهاز غير متاح — الأوامر لن تصل الآن", "The appliance is unreachable — commands cannot be sent now"},
	"ticket":      {"رقم التذكرة", "Ticket"},
	"reason":      {"السبب", "Reason"},
	"to_service":  {"إلى خدمة", "To service"},
	"to_counter":  {"إلى شباك", "To counter"},
	"done_ok":     {"تم", "Done"},
	"no_link":     {"لا رد من الجهاز", "No answer from the appliance"},
	"shortcuts":   {"اختصارات لوحة المفاتيح", "Keyboard shortcuts"},
	// the manager's pages
	"no_figures":     {"الأرقام غير متاحة الآن", "The figures are not available now"},
	"bad_day":        {"اليوم غير صحيح (سنة-شهر-يوم)", "Not a day (YYYY-MM-DD)"},
	"report_today":   {"تقرير اليوم للطباعة", "Today's report (printable)"},
	"csv_today":      {"تذاكر اليوم (CSV)", "Today's tickets (CSV)"},
	"report_day":     {"تقرير يوم", "Report of the day"},
	"show":           {"عرض", "Show"},
	"services":       {"الخدمات", "Services"},
	"estimate":       {"الانتظار المتوقع", "Estimated wait"},
	"mean_wait":      {"متوسط الانتظار", "Mean wait"},
	"mean_service":   {"متوسط مدة الخدمة", "Mean service time"},
	"mean_handling":  {"متوسط مدة التعامل", "Mean handling time"},
	"within_target":  {"في الوقت المستهدف", "Within target"},
	"no_show_rate":   {"نسبة عدم الحضور", "No-show rate"},
	"served_n":       {"تمت خدمتهم", "Served"},
	"idle_for":       {"بلا عمل منذ", "Idle for"},
	"plots":          {"خلال اليوم", "Through the day"},
	"unknown":        {"غير معروف", "Unknown"},
	"no_alarms":      {"لا إنذارات", "No alarms"},
	"report":         {"تقرير يوم العمل", "Day report"},
	"printed":        {"طُبع في", "Printed"},
	"day_closed":     {"اليوم مغلق", "The day is closed"},
	"day_open":       {"اليوم ما زال جاريًا", "The day is still running"},
	"issued":         {"صدرت", "Issued"},
	"cancelled":      {"أُلغيت", "Cancelled"},
	"expired":        {"انتهت", "Expired"},
	"p90_wait":       {"90% انتظروا حتى", "90% waited up to"},
	"in_range":       {"الانتظار في المدى المعلن", "Wait in the range told"},
	"within_5":       {"في حدود ٥ دقائق من المتوقع", "Within 5 min of the estimate"},
	"all_services":   {"كل الخدمات", "All services"},
	"others":         {"خدمات أخرى", "Other services"},
	"people":         {"أشخاص", "people"},
	"minutes":        {"دقائق", "minutes"},
	"tickets":        {"تذاكر", "tickets"},
	"arrivals":       {"وصول (تذاكر صدرت)", "Arrivals (tickets issued)"},
	"served_h":       {"تمت خدمتهم", "Served"},
	"capacity":       {"طاقة الشبابيك المفتوحة", "Capacity of the open counters"},
	"p_waiting":      {"عدد المنتظرين خلال اليوم", "People waiting through the day"},
	"p_wait":         {"متوسط الانتظار حسب ساعة النداء (دقائق)", "Mean wait by hour called (minutes)"},
	"p_arrivals":     {"الوصول في كل ساعة وطاقة الشبابيك", "Arrivals by hour against the open counters' capacity"},
	"p_service":      {"توزيع مدة الخدمة لكل شباك (دقائق)", "Service time per counter (minutes)"},
	"p_accuracy":     {"دقة الانتظار المتوقع لكل خدمة", "Accuracy of the estimates, by service"},
	"p_empty":        {"لا بيانات بعد", "No data yet"},
	"min":            {"دقيقة", "min"},
	"hour":           {"ساعة", "h"},
	"actions":        {"إجراءات", "Actions"},
	"open_counter":   {"فتح الشباك", "Open"},
	"hall":           {"شاشة صالة الانتظار", "Waiting-hall display"},
	"ticker_ar":      {"الشريط السفلي (عربي)", "Bottom line (Arabic)"},
	"ticker_en":      {"الشريط السفلي (إنجليزي)", "Bottom line (English)"},
	"set_ticker":     {"ضبط الشريط (فارغ: المعتاد)", "Set the line (empty: the usual one)"},
	"announce_ar":    {"إعلان (عربي)", "Announcement (Arabic)"},
	"announce_en":    {"إعلان (إنجليزي)", "Announcement (English)"},
	"announce":       {"إعلان على الشاشة", "Announce on the display"},
	"say_something":  {"اكتب نص الإعلان", "Write the announcement"},
	"services_today": {"خدمات الشبابيك اليوم", "Counters' services today"},
	"weights_help":   {"لكل خدمة وزن من 1 إلى 9 (تذاكرها تُحسب كأنها انتظرت أطول بقدر الوزن)، أو — إن لم يقدمها الشباك. يسري التغيير حتى نهاية اليوم.", "For each service, a weight from 1 to 9 (its tickets count as having waited that many times longer), or — if the counter does not serve it. A change holds until the day ends."},
	"changed_today":  {"تغيّرت اليوم", "changed today"},
	"no_services":    {"اختر خدمة واحدة على الأقل", "Choose at least one service"},
	"rating":         {"رضا المواطنين (من 5)", "Citizens' rating (of 5)"},
	"p_ratings":      {"تقييم المواطنين في كل ساعة", "Citizens' ratings by hour"},
	"ratings_n":      {"تقييمات", "ratings"},
	"r_unhappy":      {"غير راضٍ (1–2)", "Unhappy (1–2)"},
	"r_neither":      {"محايد (3)", "Neither (3)"},
	"r_happy":        {"راضٍ (4–5)", "Happy (4–5)"},
	"rate_page":      {"شاشة تقييم المواطن", "Citizen's rating screen"},
	"face1":          {"سيئة جدًا", "Very bad"},
	"face2":          {"سيئة", "Bad"},
	"face3":          {"مقبولة", "Fair"},
	"face4":          {"جيدة", "Good"},
	"face5":          {"ممتازة", "Excellent"},
	"why_quick":      {"سريعة", "Quick"},
	"why_polite":     {"معاملة محترمة", "Polite"},
	"why_clear":      {"شرح واضح", "Clearly explained"},
	"why_helpful":    {"مفيدة", "Helpful"},
	"why_slow":       {"بطيئة", "Slow"},
	"why_rude":       {"معاملة سيئة", "Rude"},
	"why_unclear":    {"غير واضحة", "Unclear"},
	"why_documents":  {"طلبوا أوراقًا إضافية", "Asked for more papers"},
	// accounts
	"accounts":          {"الحسابات", "Accounts"},
	"role":              {"الدور", "Role"},
	"role_clerk":        {"موظف شباك", "Clerk"},
	"role_manager":      {"مدير", "Manager"},
	"role_technician":   {"فني", "Technician"},
	"all":               {"الكل", "All"},
	"reset_pw":          {"كلمة مرور جديدة", "New password"},
	"remove":            {"حذف", "Remove"},
	"add_account":       {"إضافة حساب أو تعديله", "Add or change an account"},
	"counters_of_clerk": {"شبابيك الموظف", "A clerk's counters"},
	"save":              {"حفظ", "Save"},
	"saved":             {"تم الحفظ", "Saved"},
	"removed":           {"تم الحذف", "Removed"},
	"new_pw_for":        {"كلمة المرور الجديدة لـ", "The new password of"},
	"shown_once":        {"تظهر هذه المرة فقط؛ سلّمها لصاحبها", "shown only this once: give it to its owner"},
	"bad_counters":      {"أرقام الشبابيك غير صحيحة", "Counter numbers are not valid"},
	"bad_account":       {"بيانات الحساب غير صحيحة (الاسم: حروف وأرقام و . _ -)", "The account is not valid (a name: letters, digits, . _ -)"},
	"last_manager":      {"لا يمكن حذف آخر مدير", "The last manager cannot be removed"},
	"no_account":        {"لا يوجد هذا الحساب", "No such account"},
	"not_yourself":      {"لا يمكنك حذف حسابك أو تغيير دورك", "You cannot remove your own account or change your role"},
	"change_pw":         {"تغيير كلمة المرور", "Change my password"},
	"old_pw":            {"كلمة المرور الحالية", "Current password"},
	"new_pw":            {"كلمة المرور الجديدة (10 أحرف على الأقل)", "New password (10 characters or more)"},
	"again_pw":          {"أعد كتابتها", "Once more"},
	"pw_mismatch":       {"الكلمتان غير متطابقتين", "The two do not match"},
	"pw_short":          {"كلمة المرور قصيرة (10 أحرف على الأقل)", "Too short (10 characters or more)"},
	"back":              {"رجوع", "Back"},
	// alarms
	"a_appliance":  {"الجهاز غير متاح", "The appliance is unreachable"},
	"a_paper_low":  {"ورق الطابعة قارب على النفاد", "Printer paper low"},
	"a_paper_out":  {"نفد ورق الطابعة", "Printer out of paper"},
	"a_cover_open": {"غطاء الطابعة مفتوح", "Printer cover open"},
	"a_printer":    {"عطل في الطابعة", "Printer fault"},
	"a_scanner":    {"قارئ البطاقة لا يعمل", "ID scanner offline"},
	"a_outbox":     {"أحداث لم تصل إلى الخادم", "Events not yet delivered upstream"},
	"a_upstream":   {"لا اتصال بالخادم المركزي", "No link to the workflow server"},
	"a_device":     {"جهاز غير متصل", "Device offline"},
	// actions
	"next":     {"التالي", "Next"},
	"recall":   {"إعادة النداء", "Recall"},
	"start":    {"بدء الخدمة", "Start"},
	"done":     {"انتهى", "Done"},
	"no_show":  {"لم يحضر", "No-show"},
	"transfer": {"تحويل", "Transfer"},
	"hold":     {"تعليق", "Hold"},
	"return":   {"إرجاع تذكرة معلقة", "Return a held ticket"},
	"call":     {"نداء تذكرة محددة", "Call a ticket"},
	"pause":    {"إيقاف مؤقت", "Pause"},
	"resume":   {"استئناف", "Resume"},
	"close":    {"إغلاق الشباك", "Close"},
	// states
	"called":  {"تم النداء", "Called"},
	"serving": {"قيد الخدمة", "Serving"},
	"idle":    {"لا أحد", "Idle"},
	"open":    {"مفتوح", "Open"},
	"paused":  {"متوقف مؤقتًا", "Paused"},
	"closed":  {"مغلق", "Closed"},
	// pause reasons
	"r_break":   {"استراحة", "Break"},
	"r_prayer":  {"صلاة", "Prayer"},
	"r_meeting": {"اجتماع", "Meeting"},
	"r_system":  {"عطل في النظام", "System problem"},
	"r_other":   {"أخرى", "Other"},
	// call reasons
	"r_returned":    {"عاد المواطن", "Returned"},
	"r_appointment": {"موعد", "Appointment"},
	"r_priority":    {"أولوية", "Priority"},
	"r_correction":  {"تصحيح", "Correction"},
	// why a ticket was chosen
	"w_fifo":        {"بالدور", "In turn"},
	"w_overdue":     {"تجاوز وقت الانتظار", "Overdue"},
	"w_manual":      {"نداء يدوي", "Called by hand"},
	"w_priority":    {"أولوية", "Priority"},
	"w_appointment": {"موعد", "Appointment"},
}

// refusals say a command's refusal in words.
var refusals = map[string][2]string{
	contract.CodeWrongState:     {"لا يمكن هذا الإجراء في حالة التذكرة الحالية", "Not possible in the ticket's current state"},
	contract.CodeCounterNotOpen: {"الشباك ليس مفتوحًا", "The counter is not open"},
	contract.CodeNoTicket:       {"لا توجد تذكرة حالية", "There is no current ticket"},
	contract.CodeNoneWaiting:    {"لا أحد في الانتظار", "Nobody is waiting"},
	contract.CodeUnknownTicket:  {"لا توجد تذكرة بهذا الرقم اليوم", "No such ticket today"},
	contract.CodeUnknownService: {"خدمة غير معروفة", "Unknown service"},
	contract.CodeNotServedHere:  {"هذه الخدمة لا تُقدَّم في هذا الشباك", "That service is not served at this counter"},
	contract.CodeReasonRequired: {"اختر السبب", "Choose a reason"},
	contract.CodeInvalidArgs:    {"بيانات غير صحيحة", "Invalid details"},
	contract.CodeUnknownCounter: {"شباك غير معروف", "Unknown counter"},
	contract.CodePersonalData:   {"لا تكتب بيانات شخصية (رقم قومي أو هاتف)", "Do not type personal data (a national ID or phone number)"},
	contract.CodeRateLimited:    {"أوامر كثيرة؛ انتظر لحظة", "Too many commands; wait a moment"},
	contract.CodeExpired:        {"انتهت صلاحية الأمر؛ أعد المحاولة", "The command expired; try again"},
	contract.CodeClockSkew:      {"ساعة الجهاز غير مضبوطة", "The clocks disagree"},
	contract.CodeInterrupted:    {"انقطع الأمر؛ تحقق من الحالة", "The command was interrupted; check the state"},
	contract.CodeNotAllowed:     {"غير مسموح لهذا الجهاز", "Not allowed from this device"},
	contract.CodeAlreadyRated:   {"تم تقييم هذه التذكرة من قبل", "This ticket has been rated already"},
	contract.CodeInternal:       {"خطأ داخلي، لم يتغير شيء؛ أعد المحاولة", "Internal error, nothing changed; try again"},
}

// word returns the string key in l, the key itself if there is none.
func word(l Lang, key string) string {
	w, ok := words[key]
	if !ok {
		return key
	}
	if l == EN {
		return w[1]
	}
	return w[0]
}

// refusal says a refusal code in l.
func refusal(l Lang, code string) string {
	w, ok := refusals[code]
	if !ok {
		if l == EN {
			return "Refused (" + code + ")"
		}
		return "مرفوض (" + code + ")"
	}
	if l == EN {
		return w[1]
	}
	return w[0]
}
